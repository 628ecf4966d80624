// `format: idn-email` is a format des-events knows but does not assert yet: rejected, not ignored.
des_events::include_schema!("ui/schemas/format_unasserted.json");

fn main() {}
