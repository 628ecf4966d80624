// An alternative with a property `timestamp` next to `event` and `message`: not an
// envelope (which has exactly one property besides the tag) but the flat form, whose
// struct holds `message` and `timestamp`.
des_events::include_schema!("ui/pass/schemas/envelope_extra_property.json");

fn main() {
    let json = r#"{"event":"itemAdded","message":{"requestId":"a2313192-e2dc-452e-b56c-2f23baf6eee1"},"timestamp":"2026-01-02T03:04:05Z"}"#;
    let event = ShopEvent::from_json(json).unwrap();
    let ShopEvent::ItemAdded(ItemAdded { message, timestamp }) = &event;
    assert_eq!(message.request_id.as_str(), "a2313192-e2dc-452e-b56c-2f23baf6eee1");
    assert_eq!(timestamp.as_deref(), Some("2026-01-02T03:04:05Z"));
    assert_eq!(event.event_name(), "itemAdded");
    assert_eq!(event.to_json(), json);
    assert!(ShopEvent::from_json(r#"{"event":"itemAdded","message":{"requestId":"a2313192-e2dc-452e-b56c-2f23baf6eee1"},"x":1}"#).is_err());
}
