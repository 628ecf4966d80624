// Accepted since des-events reads every valid JSON Schema: what has no typed Rust shape
// is a JSON value checked by the validator. (It was refused before: The enum values
// `gift-card` and `gift_card` both become the Rust variant `GiftCard`.)
des_events::include_schema!("ui/schemas/enum_case_collision.json");

fn main() {}
