// A valid schema with a nested object, an enum, an optional field and a property named
// like a Rust keyword (`type`): the generated API compiles, round-trips and dispatches.
des_events::include_schema!("ui/pass/schemas/shop.json");

struct Totals {
    items: i64,
    clears: usize,
}

impl ShopEventHandler for Totals {
    type Output = String;

    fn item_added(&mut self, message: ItemAdded) -> Self::Output {
        self.items += i64::from(message.item.quantity);
        message.item.r#type.as_str().to_owned()
    }

    fn cart_cleared(&mut self, _message: CartCleared) -> Self::Output {
        self.clears += 1;
        "cleared".to_owned()
    }

    // Only a tolerant read keeps an event the schema does not know.
    fn other(&mut self, event: des_events::UnknownEvent) -> Self::Output {
        event.event
    }
}

fn main() {
    let added = ShopEvent::ItemAdded(ItemAdded {
        request_id: des_events::Uuid::parse("a2313192-e2dc-452e-b56c-2f23baf6eee1").unwrap(),
        item: Item {
            sku: "ABC-1".to_owned(),
            r#type: ItemKind::GiftCard,
            quantity: 2,
        },
        note: None,
    });
    let json = added.to_json();
    assert_eq!(
        json,
        r#"{"event":"itemAdded","message":{"requestId":"a2313192-e2dc-452e-b56c-2f23baf6eee1","item":{"sku":"ABC-1","type":"gift-card","quantity":2}}}"#
    );
    let parsed = ShopEvent::from_json(&json).unwrap();
    assert_eq!(parsed, added);
    assert_eq!(parsed.event_name(), "itemAdded");

    // The optional field: absent above, present here; `message` may come first on input.
    let noted = ShopEvent::from_json(
        r#"{"message":{"requestId":"a2313192-e2dc-452e-b56c-2f23baf6eee1","item":{"sku":"XYZ-9","type":"physical","quantity":1},"note":"gift wrap"},"event":"itemAdded"}"#,
    )
    .unwrap();
    let ShopEvent::ItemAdded(message) = &noted else {
        panic!("expected itemAdded, got {noted:?}");
    };
    assert_eq!(message.note.as_deref(), Some("gift wrap"));
    assert_eq!(message.item.r#type, ItemKind::Physical);

    // The schema's rules are enforced: a bad enum value, pattern or bound is rejected.
    for bad in [
        r#"{"event":"itemAdded","message":{"requestId":"a2313192-e2dc-452e-b56c-2f23baf6eee1","item":{"sku":"ABC-1","type":"boat","quantity":1}}}"#,
        r#"{"event":"itemAdded","message":{"requestId":"a2313192-e2dc-452e-b56c-2f23baf6eee1","item":{"sku":"abc","type":"digital","quantity":1}}}"#,
        r#"{"event":"itemAdded","message":{"requestId":"a2313192-e2dc-452e-b56c-2f23baf6eee1","item":{"sku":"ABC-1","type":"digital","quantity":0}}}"#,
        r#"{"event":"itemAdded","message":{"requestId":"not-a-uuid","item":{"sku":"ABC-1","type":"digital","quantity":1}}}"#,
    ] {
        assert!(ShopEvent::from_json(bad).is_err(), "accepted {bad}");
    }

    let cleared = ShopEvent::from(CartCleared {});
    assert_eq!(cleared.to_json(), r#"{"event":"cartCleared","message":{}}"#);

    let mut totals = Totals {
        items: 0,
        clears: 0,
    };
    assert_eq!(parsed.dispatch(&mut totals), "gift-card");
    assert_eq!(noted.dispatch(&mut totals), "physical");
    assert_eq!(cleared.dispatch(&mut totals), "cleared");
    assert_eq!((totals.items, totals.clears), (3, 1));
    assert_eq!(ShopEvent::EVENT_NAMES, ["itemAdded", "cartCleared"]);
}
