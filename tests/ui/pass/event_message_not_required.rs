// An alternative whose `message` is optional: the flat form, whose struct holds an
// optional `message`.
des_events::include_schema!("ui/pass/schemas/event_message_not_required.json");

fn main() {
    let event = ShopEvent::from_json(r#"{"event":"itemAdded"}"#).unwrap();
    assert_eq!(event, ShopEvent::ItemAdded(ItemAdded { message: None }));
    assert_eq!(event.to_json(), r#"{"event":"itemAdded"}"#);
    let json = r#"{"event":"itemAdded","message":{"requestId":"a2313192-e2dc-452e-b56c-2f23baf6eee1"}}"#;
    let ShopEvent::ItemAdded(ItemAdded { message }) = ShopEvent::from_json(json).unwrap();
    assert!(message.is_some());
}
