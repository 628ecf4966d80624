// A property named `pattern_properties`, the field that holds the keys matching the
// first pattern: the property's field is `pattern_properties_2`.
des_events::include_schema!("ui/pass/schemas/pattern_properties_field.json");

fn main() {
    let text = r#"{"event":"tagged","message":{"pattern_properties":"mine","x-a":"b"}}"#;
    let Events::Tagged(message) = Events::from_json(text).expect("valid") else {
        panic!("not tagged")
    };
    assert_eq!(message.pattern_properties_2.as_deref(), Some("mine"));
    assert_eq!(message.pattern_properties.get("x-a").map(String::as_str), Some("b"));
    assert!(Events::from_json(r#"{"event":"tagged","message":{"y":"b"}}"#).is_err());
}
