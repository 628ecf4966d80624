// An event whose `message` is a string schema: the variant holds a newtype around the
// string (named like a message struct would be), with from_json/to_json, dispatch and
// the handler trait as for any event.
des_events::include_schema!("ui/pass/schemas/message_string.json");

struct Lengths;

impl ShopEventHandler for Lengths {
    type Output = usize;
    fn item_added(&mut self, message: ItemAdded) -> usize {
        message.0.len()
    }
    fn other(&mut self, _: des_events::UnknownEvent) -> usize {
        0
    }
}

fn main() {
    let text = r#"{"event":"itemAdded","message":"sku-1"}"#;
    let event = ShopEvent::from_json(text).expect("valid");
    assert_eq!(event.to_json(), text);
    assert_eq!(event.dispatch(&mut Lengths), 5);
    // Still exact: a message of another JSON type is rejected.
    assert!(ShopEvent::from_json(r#"{"event":"itemAdded","message":{"sku":"1"}}"#).is_err());
    let built = ShopEvent::from(ItemAdded("x".to_owned()));
    assert_eq!(built.to_json(), r#"{"event":"itemAdded","message":"x"}"#);
}
