// The properties `requestId` and `request_id` both become the Rust field `request_id`.
des_events::include_schema!("ui/schemas/field_case_collision.json");

fn main() {}
