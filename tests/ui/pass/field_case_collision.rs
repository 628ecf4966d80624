// The properties `requestId` and `request_id` both want the Rust field `request_id`:
// the first keeps it, the second is `request_id_2`, and each reads its own key.
des_events::include_schema!("ui/pass/schemas/field_case_collision.json");

fn main() {
    let text = r#"{"event":"itemAdded","message":{"requestId":"a2313192-e2dc-452e-b56c-2f23baf6eee1","request_id":"other"}}"#;
    let ShopEvent::ItemAdded(message) = ShopEvent::from_json(text).expect("valid") else {
        panic!("not itemAdded")
    };
    assert_eq!(message.request_id.as_str(), "a2313192-e2dc-452e-b56c-2f23baf6eee1");
    assert_eq!(message.request_id_2.as_deref(), Some("other"));
    assert_eq!(ShopEvent::from(message).to_json(), text);
}
