// `replies_schema` names a file that does not exist.
des_events::include_schema!(
    "ui/schemas/replies_schema_missing.json",
    replies_schema = "ui/schemas/replies_schema_missing_replies.json",
    replies_module = crate::replies,
);

fn main() {}
