// An open message object with a property named `additional_properties`, the name of the
// field that holds the unknown keys: the property's field is `additional_properties_2`.
des_events::include_schema!("ui/pass/schemas/additional_properties_field.json");

fn main() {
    let text = r#"{"event":"itemAdded","message":{"requestId":"a2313192-e2dc-452e-b56c-2f23baf6eee1","additional_properties":"mine","extra":1}}"#;
    let ShopEvent::ItemAdded(message) = ShopEvent::from_json(text).expect("valid") else {
        panic!("not itemAdded")
    };
    assert_eq!(message.additional_properties_2.as_deref(), Some("mine"));
    assert_eq!(message.additional_properties.len(), 1);
    assert!(message.additional_properties.contains_key("extra"));
    assert_eq!(ShopEvent::from(message).to_json(), text);
}
