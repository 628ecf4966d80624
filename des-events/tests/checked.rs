//! Scalar and array schemas with keywords that shape no Rust type (`not`,
//! `if`/`then`/`else`, `contains`/`maxContains`): the fields stay typed (a newtype over
//! the typed value), the validator judges the whole value first, errors say where, and
//! values round-trip. The generated conformance tests of `schemas/checked.schema.json`
//! run in this test binary too.

mod generated {
    des_events::include_schema!("tests/schemas/checked.schema.json");
}

use des_events::{Error, Policy};
use generated::{CheckedEvent, Order, OrderCode, OrderExpress, OrderLines, OrderQuantity};

fn order(message: &str) -> Result<Order, Error> {
    CheckedEvent::from_json(&envelope(message)).map(|event| match event {
        CheckedEvent::Order(order) => order,
        other => panic!("parsed as {other:?}"),
    })
}

fn envelope(message: &str) -> String {
    format!(r#"{{"event":"order","message":{message}}}"#)
}

/// The JSON Pointer and the text of a rejection.
fn rejection(message: &str) -> (String, String) {
    match order(message) {
        Ok(value) => panic!("accepted: {value:?}"),
        Err(Error::Invalid(invalid)) => {
            let text = invalid.to_string();
            (invalid.pointer(), text)
        }
        Err(other) => panic!("not an invalid document: {other}"),
    }
}

const LINES: &str = r#"[{"sku":"s1","kind":"gift"},{"sku":"s2"}]"#;

#[test]
fn checked_fields_are_typed() {
    let value = order(&format!(
        r#"{{"code":"ABC","quantity":15,"lines":{LINES},"express":true}}"#
    ))
    .unwrap();
    // Typed access: a `String`, a `u8`, a `Vec` of structs, a `bool`.
    let code: &String = &value.code.0;
    let quantity: u8 = value.quantity.0;
    let OrderLines(lines) = &value.lines;
    assert_eq!((code.as_str(), quantity), ("ABC", 15));
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0].sku, "s1");
    // Optional and nullable: absent, `null` and a checked value differ.
    assert_eq!(value.express, Some(Some(OrderExpress(true))));
    assert_eq!(value.code, OrderCode("ABC".to_owned()));
    assert_eq!(value.quantity, OrderQuantity(15));
}

#[test]
fn every_keyword_is_checked_with_a_precise_path() {
    let ok_rest = format!(r#""quantity":3,"lines":{LINES}"#);
    // `not` on a string.
    let (pointer, text) = rejection(&format!(r#"{{"code":"XXX",{ok_rest}}}"#));
    assert_eq!(pointer, "/message/code", "{text}");
    assert!(text.contains("`not`"), "{text}");
    // The typed rules still hold (`pattern`).
    let (pointer, text) = rejection(&format!(r#"{{"code":"abc",{ok_rest}}}"#));
    assert_eq!(pointer, "/message/code", "{text}");
    assert!(text.contains("pattern"), "{text}");
    // `if`/`then` on an integer: 12 is at least 10, so it must be a multiple of 5.
    let (pointer, text) = rejection(&format!(
        r#"{{"code":"ABC","quantity":12,"lines":{LINES}}}"#
    ));
    assert_eq!(pointer, "/message/quantity", "{text}");
    assert!(text.contains("multipleOf"), "{text}");
    assert!(order(&format!(r#"{{"code":"ABC","quantity":7,"lines":{LINES}}}"#)).is_ok());
    // `contains` on an array: no gift line.
    let (pointer, text) = rejection(r#"{"code":"ABC","quantity":3,"lines":[{"sku":"s2"}]}"#);
    assert_eq!(pointer, "/message/lines", "{text}");
    assert!(text.contains("contains"), "{text}");
    // `maxContains`: two gift lines.
    let (pointer, text) = rejection(
        r#"{"code":"ABC","quantity":3,"lines":[{"sku":"a","kind":"gift"},{"sku":"b","kind":"gift"}]}"#,
    );
    assert_eq!(pointer, "/message/lines", "{text}");
    assert!(text.contains("Contains"), "{text}");
    // Inside the array: the item's own rules, located at the item.
    let (pointer, text) =
        rejection(r#"{"code":"ABC","quantity":3,"lines":[{"sku":"","kind":"gift"}]}"#);
    assert_eq!(pointer, "/message/lines/0/sku", "{text}");
    // `not` on a nullable boolean: `null` is a value of the field, `false` is refused.
    assert!(order(&format!(r#"{{"code":"ABC",{ok_rest},"express":null}}"#)).is_ok());
    let (pointer, text) = rejection(&format!(r#"{{"code":"ABC",{ok_rest},"express":false}}"#));
    assert_eq!(pointer, "/message/express", "{text}");
    // A wrong type is refused by the validator too, at its place.
    let (pointer, text) = rejection(&format!(r#"{{"code":7,{ok_rest}}}"#));
    assert_eq!(pointer, "/message/code", "{text}");
}

#[test]
fn checked_values_round_trip() {
    for message in [
        format!(r#"{{"code":"ABC","quantity":15,"lines":{LINES},"express":true}}"#),
        format!(r#"{{"code":"QQQ","quantity":0,"lines":{LINES},"express":null}}"#),
        format!(r#"{{"code":"QQQ","quantity":0,"lines":{LINES}}}"#),
    ] {
        let json = envelope(&message);
        let value = CheckedEvent::from_json(&json).unwrap();
        let written = value.to_json();
        let expected: serde_json::Value = serde_json::from_str(&json).unwrap();
        let again: serde_json::Value = serde_json::from_str(&written).unwrap();
        assert_eq!(again, expected);
        assert_eq!(CheckedEvent::from_json(&written).unwrap(), value);
    }
}

#[test]
fn checked_values_stay_strict_under_the_tolerant_policy() {
    // An unknown field of a closed item object would be dropped in a plain struct under
    // the tolerant policy; inside a value the validator checks whole, it is an error with
    // its place, as in a validated object.
    let json =
        envelope(r#"{"code":"ABC","quantity":3,"lines":[{"sku":"s1","kind":"gift","extra":1}]}"#);
    for policy in Policy::ALL {
        match CheckedEvent::from_json_with(&json, policy) {
            Ok(decoded) => panic!("{policy}: accepted {:?}", decoded.value()),
            Err(Error::Invalid(invalid)) => {
                assert!(
                    invalid.pointer().starts_with("/message/lines/0"),
                    "{policy}: {invalid}"
                );
            }
            Err(other) => panic!("{policy}: {other}"),
        }
    }
    // An unknown enum value too.
    let json = envelope(
        r#"{"code":"ABC","quantity":3,"lines":[{"sku":"s1","kind":"gift"},{"sku":"s2","kind":"odd"}]}"#,
    );
    for policy in Policy::ALL {
        let err = CheckedEvent::from_json_with(&json, policy)
            .map(|_| ())
            .unwrap_err();
        assert!(
            err.to_string().contains("lines[1].kind")
                || err.to_string().contains("/message/lines/1/kind"),
            "{policy}: {err}"
        );
    }
    // A valid document has no warning.
    let json = envelope(&format!(r#"{{"code":"ABC","quantity":3,"lines":{LINES}}}"#));
    for policy in Policy::ALL {
        let decoded = CheckedEvent::from_json_with(&json, policy).unwrap();
        assert!(decoded.is_exact(), "{policy}");
    }
}
