// A union root without `title`: the dispatch enum is named after the file's stem, as any
// root is (`missing_title.json` -> `MissingTitle`).
des_events::include_schema!("ui/pass/schemas/missing_title.json");

fn main() {
    let text = r#"{"event":"itemAdded","message":{"requestId":"a2313192-e2dc-452e-b56c-2f23baf6eee1"}}"#;
    let event = MissingTitle::from_json(text).expect("valid");
    assert_eq!(event.event_name(), "itemAdded");
    assert_eq!(event.to_json(), text);
}
