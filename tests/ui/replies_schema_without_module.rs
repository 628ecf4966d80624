// `replies_schema` without `replies_module`: the module holding the reply types is missing.
des_events::include_schema!(
    "ui/schemas/replies_schema_without_module.json",
    replies_schema = "ui/schemas/replies_schema_without_module.json",
);

fn main() {}
