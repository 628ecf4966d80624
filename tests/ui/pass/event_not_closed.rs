// An envelope without `"additionalProperties": false`: an open envelope, whose other keys
// are kept and written back.
des_events::include_schema!("ui/pass/schemas/event_not_closed.json");

fn main() {
    let json = r#"{"event":"itemAdded","message":{"requestId":"a2313192-e2dc-452e-b56c-2f23baf6eee1"},"trace":[1,2]}"#;
    let event = ShopEvent::from_json(json).unwrap();
    let ShopEvent::ItemAdded(ItemAddedEnvelope { message, additional_properties }) = &event;
    assert_eq!(message.request_id.as_str(), "a2313192-e2dc-452e-b56c-2f23baf6eee1");
    assert_eq!(additional_properties["trace"], des_events::serde_json::json!([1, 2]));
    assert_eq!(event.to_json(), json);
}
