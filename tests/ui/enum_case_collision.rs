// The enum values `gift-card` and `gift_card` both become the Rust variant `GiftCard`.
des_events::include_schema!("ui/schemas/enum_case_collision.json");

fn main() {}
