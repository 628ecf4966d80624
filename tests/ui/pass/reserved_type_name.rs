// A nested object titled `ShopEventHandler`, the name of the generated handler trait of
// `ShopEvent`: the object is named by its place instead (`ItemAddedOrigin`).
des_events::include_schema!("ui/pass/schemas/reserved_type_name.json");

struct Channels;

impl ShopEventHandler for Channels {
    type Output = String;
    fn item_added(&mut self, message: ItemAdded) -> String {
        let ItemAddedOrigin { channel } = message.origin;
        channel
    }
    fn other(&mut self, event: des_events::UnknownEvent) -> String {
        event.event
    }
}

fn main() {
    let text = r#"{"event":"itemAdded","message":{"requestId":"a2313192-e2dc-452e-b56c-2f23baf6eee1","origin":{"channel":"web"}}}"#;
    assert_eq!(ShopEvent::from_json(text).expect("valid").dispatch(&mut Channels), "web");
}
