//! Keywords beyond the bundled schemas, end to end: the generated conformance tests of
//! `schemas/keywords.schema.json` run in this test binary too.

mod generated {
    des_events::include_schema!("tests/schemas/keywords.schema.json");
}

use generated::{Booking, KeywordEvent};

fn booking(message: &str) -> Result<Booking, des_events::Error> {
    KeywordEvent::from_json(&format!(r#"{{"event":"booking","message":{message}}}"#)).map(|event| {
        match event {
            KeywordEvent::Booking(booking) => booking,
            other => panic!("parsed as {other:?}"),
        }
    })
}

#[test]
fn absent_and_null_are_different_values() {
    let base = r#""at":"2026-11-27T14:00:00Z","seats":2"#;
    let absent = booking(&format!(r#"{{"note":"n",{base}}}"#)).unwrap();
    let null = booking(&format!(r#"{{"note":"n","comment":null,{base}}}"#)).unwrap();
    let text = booking(&format!(r#"{{"note":null,"comment":"c",{base}}}"#)).unwrap();
    assert_eq!(absent.comment, None);
    assert_eq!(null.comment, Some(None));
    assert_eq!(text.comment, Some(Some("c".to_owned())));
    assert_eq!(text.note, None);
    // Both round-trip.
    for value in [absent, null, text] {
        let again = booking(&serde_json::to_string(&value).unwrap()).unwrap();
        assert_eq!(again, value);
    }
    // A required nullable field must still be present.
    assert!(booking(&format!("{{{base}}}")).is_err());
}

#[test]
fn narrow_integers_multiples_and_defaults() {
    let value =
        booking(r#"{"note":null,"at":"2026-11-27T14:00:00Z","seats":4,"offset":-3600}"#).unwrap();
    let seats: u8 = value.seats;
    let offset: Option<i32> = value.offset;
    assert_eq!((seats, offset), (4, Some(-3600)));
    assert_eq!(value.currency_or_default(), "SEK");
    assert_eq!(value.priority_or_default(), 3u8);
    let err = booking(r#"{"note":null,"at":"2026-11-27T14:00:00Z","seats":3}"#).unwrap_err();
    assert!(err.to_string().contains("`multipleOf` violated"), "{err}");
}

#[test]
fn formats_counts_and_unique_items_are_checked() {
    let with = |extra: &str| {
        booking(&format!(
            r#"{{"note":null,"at":"2026-11-27T14:00:00Z","seats":2,{extra}}}"#
        ))
    };
    assert!(with(r#""opens":"23:59:60Z""#).is_ok());
    assert!(with(r#""opens":"22:59:60Z""#).is_err());
    assert!(with(r#""host":"192.168.001.1""#).is_err());
    assert!(with(r#""host6":"fe80::1%eth0""#).is_err());
    assert!(with(r#""tags":["a","a"]"#).is_err());
    assert!(with(r#""extras":{}"#).is_err());
    assert!(with(r#""extras":{"a":1,"b":2,"c":3}"#).is_err());
    assert!(with(r#""extras":{"a":1,"b":2}"#).is_ok());
    assert!(booking(r#"{"note":null,"at":"2026-11-27 14:00:00Z","seats":2}"#).is_err());
}

#[test]
fn recursive_types_anchors_and_typed_maps() {
    use generated::{Node, Tree, Unit};
    let json = r#"{"event":"tree","message":{"root":{"name":"a","children":[{"name":"b","children":[]}],"parent":{"name":"p","children":[]}},"scores":{"x":1},"labels":{"main":"m","aa":"abc"},"unit":"lb"}}"#;
    let KeywordEvent::Tree(tree) = KeywordEvent::from_json(json).unwrap() else {
        panic!("wrong event")
    };
    let Tree {
        root,
        scores,
        labels,
        unit,
    } = tree;
    let parent: Option<Box<Node>> = root.parent;
    assert_eq!(parent.map(|parent| parent.name), Some("p".to_owned()));
    assert_eq!(root.children[0].name, "b");
    let scores: std::collections::BTreeMap<String, u8> = scores.unwrap().additional_properties;
    assert_eq!(scores["x"], 1);
    assert_eq!(labels.unwrap().additional_properties["aa"], "abc");
    assert_eq!(unit, Some(Unit::Lb));
    let bad = |message: &str| {
        KeywordEvent::from_json(&format!(r#"{{"event":"tree","message":{message}}}"#))
    };
    assert!(bad(r#"{"root":{"name":"a","children":[{"name":1,"children":[]}]}}"#).is_err());
    assert!(bad(r#"{"root":{"name":"a","children":[]},"scores":{"x":101}}"#).is_err());
    assert!(bad(r#"{"root":{"name":"a","children":[]},"labels":{"zz":"long"}}"#).is_err());
    assert!(bad(r#"{"root":{"name":"a","children":[]},"unit":"g"}"#).is_err());
}

#[test]
fn all_of_branches_merge_into_one_struct() {
    let merged = |message: &str| {
        KeywordEvent::from_json(&format!(r#"{{"event":"merged","message":{message}}}"#))
    };
    let KeywordEvent::Merged(value) = merged(r#"{"id":"a1","amount":10}"#).unwrap() else {
        panic!()
    };
    // `amount` is bounded by both branches: 0..=500, so a u16.
    let amount: u16 = value.amount;
    assert_eq!((value.id.as_str(), amount, value.label), ("a1", 10, None));
    assert!(
        merged(r#"{"id":"a1"}"#).is_err(),
        "amount is required by the second branch"
    );
    assert!(
        merged(r#"{"amount":1}"#).is_err(),
        "id is required by the first branch"
    );
    assert!(
        merged(r#"{"id":"","amount":1}"#).is_err(),
        "minLength from the first branch"
    );
    assert!(
        merged(r#"{"id":"123456789","amount":1}"#).is_err(),
        "maxLength from the sibling"
    );
    assert!(
        merged(r#"{"id":"a","amount":501}"#).is_err(),
        "maximum from the second branch"
    );
    assert!(
        merged(r#"{"id":"a","amount":1,"x":1}"#).is_err(),
        "closed by the sibling"
    );
}

#[test]
fn enums_and_consts_of_any_json_value() {
    use generated::{BookingLevel, BookingVersion};
    let with = |extra: &str| {
        booking(&format!(
            r#"{{"note":null,"at":"2026-11-27T14:00:00Z","seats":2,{extra}}}"#
        ))
    };
    let level = |extra: &str| with(extra).map(|booking| booking.level);
    assert_eq!(level(r#""level":1"#).unwrap(), Some(BookingLevel::N1));
    assert_eq!(
        level(r#""level":1.0"#).unwrap(),
        Some(BookingLevel::N1),
        "1.0 equals 1"
    );
    assert_eq!(level(r#""level":null"#).unwrap(), Some(BookingLevel::Null));
    assert_eq!(
        level(r#""level":{"a":1.0}"#).unwrap(),
        Some(BookingLevel::Value5)
    );
    assert_eq!(
        level(r#""level":"high""#).unwrap(),
        Some(BookingLevel::High)
    );
    assert!(level(r#""level":"1""#).is_err());
    assert!(level(r#""level":{"a":1,"b":2}"#).is_err());
    assert_eq!(
        with(r#""version":2"#).unwrap().version,
        Some(BookingVersion::N2)
    );
    assert!(with(r#""version":3"#).is_err());
    assert_eq!(serde_json::to_string(&BookingLevel::N2Dot5).unwrap(), "2.5");
}

#[test]
fn one_of_and_any_of_unions() {
    use generated::{Card, PayAmount, PayMethod, PayRatio};
    let pay = |message: &str| match KeywordEvent::from_json(&format!(
        r#"{{"event":"pay","message":{message}}}"#
    )) {
        Ok(KeywordEvent::Pay(pay)) => Ok(pay),
        Ok(other) => panic!("{other:?}"),
        Err(err) => Err(err),
    };
    let card = pay(r#"{"method":{"last4":"4242"}}"#).unwrap();
    assert_eq!(
        card.method,
        PayMethod::Card(Card {
            last4: "4242".into()
        })
    );
    assert_eq!(
        pay(r#"{"method":"IBAN SE12"}"#).unwrap().method,
        PayMethod::String("IBAN SE12".into())
    );
    assert_eq!(pay(r#"{"method":null}"#).unwrap().method, PayMethod::Null);
    assert!(
        pay(r#"{"method":"cash"}"#).is_err(),
        "matches no alternative"
    );
    assert!(pay(r#"{"method":{"last4":"42"}}"#).is_err());
    // anyOf: the first alternative that matches.
    assert_eq!(
        pay(r#"{"method":null,"amount":7}"#).unwrap().amount,
        Some(PayAmount::Integer(7))
    );
    assert_eq!(
        pay(r#"{"method":null,"amount":"7"}"#).unwrap().amount,
        Some(PayAmount::String("7".into()))
    );
    assert!(pay(r#"{"method":null,"amount":101}"#).is_err());
    // oneOf: a value both alternatives accept is rejected.
    assert_eq!(
        pay(r#"{"method":null,"ratio":0.5}"#).unwrap().ratio,
        Some(PayRatio::Number(0.5))
    );
    assert_eq!(
        pay(r#"{"method":null,"ratio":-1}"#).unwrap().ratio,
        Some(PayRatio::Number(-1.0))
    );
    let err = pay(r#"{"method":null,"ratio":5}"#).unwrap_err();
    assert!(
        err.to_string()
            .contains("`oneOf` violated: expected exactly one alternative to match, found 2"),
        "{err}"
    );
}

mod split {
    des_events::include_schema!("tests/schemas/split/main.schema.json");
}

#[test]
fn schemas_split_across_files() {
    use split::{Account, Deposit, Money, SplitEvent};
    let json = r#"{"event":"deposit","message":{"amount":{"quantity":1,"currency":"EUR"},"account":{"id":"a2313192-e2dc-452e-b56c-2f23baf6eee1"}}}"#;
    let SplitEvent::Deposit(Deposit { amount, account }) = SplitEvent::from_json(json).unwrap()
    else {
        panic!("not a deposit");
    };
    let _: Money = amount;
    let Account { balance, .. } = account;
    assert_eq!(balance, None);
    let bad = r#"{"event":"deposit","message":{"amount":{"quantity":1,"currency":"eur"},"account":{"id":"a2313192-e2dc-452e-b56c-2f23baf6eee1"}}}"#;
    assert!(
        SplitEvent::from_json(bad).is_err(),
        "the pattern from common.schema.json applies"
    );
}

#[test]
fn prefix_items_tuples() {
    use generated::{Point, PointItem2};
    let pay = |point: &str| match KeywordEvent::from_json(&format!(
        r#"{{"event":"pay","message":{{"method":null,"point":{point}}}}}"#
    )) {
        Ok(KeywordEvent::Pay(pay)) => Ok(pay.point),
        Ok(other) => panic!("{other:?}"),
        Err(err) => Err(err),
    };
    assert_eq!(
        pay(r#"[1, 2.5, "local"]"#).unwrap(),
        Some(Point(1.0, 2.5, PointItem2::Local))
    );
    assert!(pay(r#"[1, 2.5]"#).is_err(), "too short");
    assert!(pay(r#"[1, 2.5, "local", 4]"#).is_err(), "too long");
    assert!(
        pay(r#"[1, "x", "local"]"#).is_err(),
        "wrong type at a position"
    );
    assert!(pay(r#"{"0": 1}"#).is_err(), "not an array");
    assert_eq!(
        serde_json::to_string(&Point(1.0, 2.0, PointItem2::Wgs84)).unwrap(),
        r#"[1.0,2.0,"wgs84"]"#
    );
}

#[test]
fn number_multiple_of_is_decimal() {
    let price = |value: &str| {
        KeywordEvent::from_json(&format!(
            r#"{{"event":"pay","message":{{"method":null,"price":{value}}}}}"#
        ))
    };
    assert!(price("19.99").is_ok());
    assert!(
        price("0.3").is_ok(),
        "0.3 is a multiple of 0.01 even though f64 division says otherwise"
    );
    assert!(price("19.995").is_err());
    assert!(price("-0.01").is_err(), "minimum 0");
}
