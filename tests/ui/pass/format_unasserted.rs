// `idn-email` (RFC 6531) is asserted like every format JSON Schema defines.
des_events::include_schema!("ui/schemas/format_unasserted.json");

fn main() {}
