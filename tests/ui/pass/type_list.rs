// A list of types, `"type": ["string", "integer"]`: a union with one variant per JSON
// type, read by the value's JSON type, so it stays exact and typed.
des_events::include_schema!("ui/schemas/type_list.json");

fn main() {
    let id = "a2313192-e2dc-452e-b56c-2f23baf6eee1";
    for (note, expected) in [(r#""gift""#, ItemAddedNote::String("gift".to_owned())), ("7", ItemAddedNote::Integer(7))] {
        let text = format!(r#"{{"event":"itemAdded","message":{{"requestId":"{id}","note":{note}}}}}"#);
        let ShopEvent::ItemAdded(message) = ShopEvent::from_json(&text).expect("valid") else {
            panic!("not itemAdded")
        };
        assert_eq!(message.note, expected);
        assert_eq!(ShopEvent::from(message).to_json(), text);
    }
    // Another JSON type is no variant: rejected.
    for note in ["1.5", "true", "null", "[]"] {
        let text = format!(r#"{{"event":"itemAdded","message":{{"requestId":"{id}","note":{note}}}}}"#);
        assert!(ShopEvent::from_json(&text).is_err(), "{note}");
    }
}
