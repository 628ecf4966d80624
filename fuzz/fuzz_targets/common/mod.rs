//! The checks both fuzz targets run on whatever the parser returns.

use des_events::__private::StrictValue;
use des_events::EventUnion;
use serde_json::Value;

/// A decoded event must survive `to_json` -> `from_json` and the mobile bridge's
/// `message_json` -> `from_mobile`, and must be written back as the JSON value it was read
/// from: `envelope` (a `from_json` input) or `message` (a `from_mobile` input).
pub fn round_trip<T: EventUnion>(event: &T, envelope: Option<&str>, bare: Option<&str>) {
    let written = event.to_json();
    let again = T::from_json(&written)
        .unwrap_or_else(|err| panic!("to_json output does not parse: {err}\n{written}"));
    assert!(
        again == *event,
        "to_json -> from_json changed the event\n{written}"
    );

    let index = event
        .index()
        .expect("strict enums have no catch-all variant");
    let handler = T::MOBILE_HANDLERS[index];
    let message = event.message_json();
    let bridged = T::from_mobile(handler, &message).unwrap_or_else(|err| {
        panic!("message_json does not parse via {handler}: {err}\n{message}")
    });
    assert!(
        bridged == *event,
        "message_json -> from_mobile changed the event"
    );

    if let Ok(js) = event.to_mobile_js() {
        assert!(
            js.is_ascii() && !js.contains('\n'),
            "unsafe JavaScript: {js}"
        );
    }

    for (read, wrote) in [(envelope, &written), (bare, &message)] {
        if let Some(read) = read {
            let read_value = json(read).expect("accepted input is JSON");
            let wrote_value = json(wrote).expect("our output is JSON");
            assert!(
                same_value(&read_value, &wrote_value),
                "wrote another JSON value\nread:  {read}\nwrote: {wrote}"
            );
        }
    }
}

/// Parses any JSON text. Not through `serde_json::Value`'s own `Deserialize`: with
/// serde_json's `raw_value` feature (which des-events enables) it reads an object whose
/// first key is `$serde_json::private::RawValue` as an embedded raw value and fails on
/// valid JSON such as `{"$serde_json::private::RawValue":"x"}` (found by this fuzzer;
/// des-events reads free-form objects with its own visitor and is not affected).
fn json(text: &str) -> Result<Value, serde_json::Error> {
    serde_json::from_str::<StrictValue>(text).map(|StrictValue(value)| value)
}

/// JSON value equality as JSON Schema defines it (numbers by value: `1.0` is written
/// back as `1`, and a `number` field read from `5` is written as `5.0`).
fn same_value(a: &Value, b: &Value) -> bool {
    des_events_core::json::equal(a, b)
}

/// Errors must format without panicking, and carry a sane position.
pub fn check_error(err: &des_events::Error) {
    let shown = err.to_string();
    let debugged = format!("{err:?}");
    assert!(!shown.is_empty() && !debugged.is_empty());
}
