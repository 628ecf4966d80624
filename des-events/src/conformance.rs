//! Helpers for the conformance tests that `include_schema!` emits into the user's crate.
//! They panic with a precise message on failure, as test assertions do; nothing here
//! runs outside `#[cfg(test)]` code.

use des_events_core::Keyword;

use crate::EventUnion;
use crate::error::{Error, Problem};

/// What a mutant must be rejected with. Paths are RFC 6901 JSON Pointers, rendered by
/// the engine from the same [`des_events_core::Path`] type the runtime reports.
#[derive(Clone, Copy, Debug)]
pub enum Expect {
    /// Not JSON.
    Syntax,
    /// An unknown event with this name.
    UnknownEvent(&'static str),
    /// A missing required field at this path.
    MissingField(&'static str),
    /// An unknown field at this path.
    UnknownField(&'static str),
    /// A wrong JSON type at this path.
    WrongType(&'static str),
    /// A violated constraint (keyword) at this path.
    Constraint(Keyword, &'static str),
}

/// A documented example parses to `event`, and serializes back to an equal JSON value,
/// in both key orders.
pub fn example<T: EventUnion>(json: &str, event: &str) {
    let parsed = match T::from_json(json) {
        Ok(parsed) => parsed,
        Err(err) => panic!("example of `{event}` rejected: {err}\n{json}"),
    };
    assert_eq!(
        parsed.event_name(),
        event,
        "example parsed to the wrong event"
    );
    let expected: serde_json::Value = match serde_json::from_str(json) {
        Ok(value) => value,
        Err(err) => panic!("example is not JSON: {err}"),
    };
    let written = parsed.to_json();
    let round: serde_json::Value = match serde_json::from_str(&written) {
        Ok(value) => value,
        Err(err) => panic!("to_json wrote invalid JSON: {err}\n{written}"),
    };
    // Equal as JSON Schema compares values: a `number` read from `0` is written `0.0`.
    assert!(
        des_events_core::json::equal(&round, &expected),
        "example of `{event}` does not round-trip:\n{round}\n{expected}"
    );
    let tag = T::TAG;
    assert!(
        written.starts_with(&format!("{{\"{tag}\":")),
        "`{tag}` must be written first: {written}"
    );
    // The same document with the tag last parses to the same value.
    let reversed = match (&expected, expected.get(tag)) {
        (serde_json::Value::Object(members), Some(name)) => {
            let mut text = String::from("{");
            for (key, value) in members.iter().filter(|(key, _)| *key != tag) {
                text.push_str(&format!(
                    "{}:{value},",
                    serde_json::Value::from(key.as_str())
                ));
            }
            text.push_str(&format!("{}:{name}}}", serde_json::Value::from(tag)));
            text
        }
        _ => panic!("example is not an envelope: {json}"),
    };
    match T::from_json(&reversed) {
        Ok(again) => assert!(again == parsed, "tag-last parse differs for `{event}`"),
        Err(err) => panic!("tag-last example of `{event}` rejected: {err}"),
    }
}

/// A documented example of a root type (not an event union) parses and round-trips.
pub fn root_example<T>(json: &str, name: &str)
where
    T: serde::de::DeserializeOwned + serde::Serialize,
{
    let parsed: T = match crate::validated::from_json(json) {
        Ok(parsed) => parsed,
        Err(err) => panic!("example of `{name}` rejected: {err}\n{json}"),
    };
    let expected: serde_json::Value = match serde_json::from_str(json) {
        Ok(value) => value,
        Err(err) => panic!("example is not JSON: {err}"),
    };
    let written = crate::validated::to_json(&parsed);
    let round: serde_json::Value = match serde_json::from_str(&written) {
        Ok(value) => value,
        Err(err) => panic!("to_json wrote invalid JSON: {err}\n{written}"),
    };
    assert!(
        des_events_core::json::equal(&round, &expected),
        "example of `{name}` does not round-trip:\n{round}\n{expected}"
    );
}

/// A documented example of a schema whose formats are converted to the types of other
/// crates (`convert`): those write their canonical text (`Z` for `+00:00`, a lower-case
/// UUID), so the written document need not be the example's text. It must be a fixed
/// point instead: it reads back as the same value, and writes the same text again.
pub fn canonical_example<T>(json: &str, name: &str)
where
    T: serde::de::DeserializeOwned + serde::Serialize + PartialEq + std::fmt::Debug,
{
    let parsed: T = match crate::validated::from_json(json) {
        Ok(parsed) => parsed,
        Err(err) => panic!("example of `{name}` rejected: {err}\n{json}"),
    };
    let written = crate::validated::to_json(&parsed);
    let again: T = match crate::validated::from_json(&written) {
        Ok(again) => again,
        Err(err) => panic!("what `{name}` wrote is rejected: {err}\n{written}"),
    };
    assert_eq!(
        again, parsed,
        "example of `{name}` reads back as another value"
    );
    assert_eq!(
        crate::validated::to_json(&again),
        written,
        "example of `{name}` is not written the same twice"
    );
}

/// Every `(label, document, expectation)` is rejected as expected; all failures are
/// reported together.
pub fn reject_all<T: EventUnion>(mutants: &[(&str, &str, Expect)]) {
    let failures: Vec<String> = mutants
        .iter()
        .filter_map(|(label, json, expect)| {
            std::panic::catch_unwind(|| reject::<T>(label, json, *expect))
                .err()
                .map(|_| format!("{label}: {json}"))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} mutants misjudged:\n{}",
        failures.len(),
        mutants.len(),
        failures.join("\n")
    );
}

/// A mutant is rejected with the expected error.
pub fn reject<T: EventUnion>(label: &str, json: &str, expect: Expect) {
    let err = match T::from_json(json) {
        Ok(value) => panic!("mutant `{label}` was accepted as {value:?}\n{json}"),
        Err(err) => err,
    };
    let ok = match (&err, expect) {
        (Error::Syntax { .. }, Expect::Syntax) => true,
        (Error::UnknownEvent { name, .. }, Expect::UnknownEvent(expected)) => name == expected,
        (Error::Invalid(invalid), expect) => match (&invalid.problem, expect) {
            (Problem::MissingField { .. }, Expect::MissingField(path))
            | (Problem::UnknownField { .. }, Expect::UnknownField(path))
            | (Problem::WrongType { .. }, Expect::WrongType(path)) => invalid.pointer() == path,
            (Problem::Constraint { keyword, .. }, Expect::Constraint(expected, path)) => {
                *keyword == expected && invalid.pointer() == path
            }
            _ => false,
        },
        _ => false,
    };
    assert!(
        ok,
        "mutant `{label}`: expected {expect:?}, got {err:?} ({err})\n{json}"
    );
}
