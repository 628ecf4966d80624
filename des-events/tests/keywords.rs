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
