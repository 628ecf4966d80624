// A property name with a character that is alphanumeric but cannot be part of a Rust
// identifier (`²`): only ASCII letters and digits make words, so `area_m²` becomes the
// field `area_m` (and the wire name stays `area_m²`).
des_events::include_schema!("ui/pass/schemas/non_identifier_name.json");

fn main() {
    let json = r#"{"event":"itemAdded","message":{"requestId":"a2313192-e2dc-452e-b56c-2f23baf6eee1","area_m²":12.5}}"#;
    let event = ShopEvent::from_json(json).unwrap();
    let ShopEvent::ItemAdded(message) = &event else {
        panic!("expected itemAdded, got {event:?}");
    };
    assert_eq!(message.area_m, 12.5);
    assert_eq!(event.to_json(), json);
}
