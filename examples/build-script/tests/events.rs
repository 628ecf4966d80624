//! The code `build.rs` generated, used as a crate that depends on it would: read a
//! message, build one with a validated builder, and dispatch to a handler.

use std::collections::HashSet;

use des_events_example_build_script::{
    CartEmptied, OrderCancelled, OrderCancelledReason, OrderPlaced, ShopEvent, ShopEventHandler,
};

const PLACED: &str = r#"{"event":"orderPlaced","message":{"orderId":"a2313192-e2dc-452e-b56c-2f23baf6eee1","sku":"ABC-1234","quantity":2}}"#;

#[test]
fn reads_a_message_and_writes_it_back() {
    let event = ShopEvent::from_json(PLACED).expect("a valid event");
    assert_eq!(event.event_name(), "orderPlaced");
    let ShopEvent::OrderPlaced(order) = &event else {
        panic!("not an order: {event:?}");
    };
    assert_eq!(order.sku, "ABC-1234");
    assert_eq!(order.quantity, 2);
    assert_eq!(order.gift_wrap, None);
    assert_eq!(event.to_json(), PLACED);

    // The schema's rules hold on reading: a quantity out of 1..=99 is refused.
    let zero = PLACED.replace(r#""quantity":2"#, r#""quantity":0"#);
    let err = ShopEvent::from_json(&zero).expect_err("quantity 0");
    assert!(err.to_string().contains("quantity"), "{err}");
}

#[test]
fn the_builder_makes_only_values_the_schema_accepts() {
    let id: des_events::Uuid = "a2313192-e2dc-452e-b56c-2f23baf6eee1"
        .parse()
        .expect("a UUID");
    let built = OrderPlaced::builder()
        .order_id(id.clone())
        .sku("ABC-1234")
        .quantity(2u8)
        .build()
        .expect("a valid order");
    assert_eq!(ShopEvent::from(built.clone()).to_json(), PLACED);

    // `derive("Eq")` on every type, `Hash` patched onto `OrderPlaced`.
    let mut seen = HashSet::new();
    assert!(seen.insert(built.clone()));
    assert!(!seen.insert(built));

    // The sku breaks its pattern: the builder refuses it as a read of that JSON does.
    let broken = OrderPlaced::builder()
        .order_id(id)
        .sku("abc")
        .quantity(2u8)
        .build()
        .expect_err("a bad sku");
    assert!(broken.to_string().contains("sku"), "{broken}");
    let read = ShopEvent::from_json(&PLACED.replace("ABC-1234", "abc")).expect_err("a bad sku");
    assert!(read.to_string().contains("sku"), "{read}");

    // A required field left unset is an error too, never a default.
    assert!(OrderPlaced::builder().sku("ABC-1234").build().is_err());
}

/// Counts the items each event moves.
struct Tally {
    items: i64,
    cancelled: Vec<OrderCancelledReason>,
}

impl ShopEventHandler for Tally {
    type Output = ();

    fn order_placed(&mut self, message: OrderPlaced) {
        self.items += i64::from(message.quantity);
    }

    fn order_cancelled(&mut self, message: OrderCancelled) {
        self.cancelled.push(message.reason);
    }

    fn cart_emptied(&mut self, message: CartEmptied) {
        self.items -= i64::try_from(message.items_removed).unwrap_or(i64::MAX);
    }

    fn other(&mut self, _: des_events::UnknownEvent) {}
}

#[test]
fn dispatch_calls_the_handler_of_each_event() {
    let lines = [
        PLACED,
        r#"{"event":"cartEmptied","message":{"itemsRemoved":1}}"#,
        r#"{"event":"orderCancelled","message":{"orderId":"a2313192-e2dc-452e-b56c-2f23baf6eee1","reason":"tooSlow"}}"#,
    ];
    let mut tally = Tally {
        items: 0,
        cancelled: Vec::new(),
    };
    for line in lines {
        ShopEvent::from_json(line)
            .expect("a valid event")
            .dispatch(&mut tally);
    }
    assert_eq!(tally.items, 1);
    assert_eq!(tally.cancelled, [OrderCancelledReason::TooSlow]);
}
