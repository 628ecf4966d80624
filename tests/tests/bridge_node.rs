//! The mobile bridge encoder in a real JavaScript engine (Node.js).
//!
//! Every partner example of the schema, and partner events carrying hostile text in each
//! free-text field, is encoded with `to_mobile_js` and evaluated in a fresh V8 context
//! whose only globals are stubs named after the schema's `x-des-mobile-function`
//! annotations (read from the schema file, not from the generated code). Each evaluation
//! must call exactly one stub, the event's, with exactly `message_json`, and `JSON.parse`
//! of what it received must equal the original message. Events without a mobile function
//! must give `Error::NoMobileFunction`.
//!
//! Node.js must be installed (`node` on PATH); without it this test fails and says so.
//! Lone surrogates cannot be tested: a Rust `String` cannot hold one.

use std::collections::BTreeMap;
use std::path::Path;

use des_events::partner::{
    InvestmentAccountProvisionInitiated, NavigateTo, OnTransferConsentCancelled,
    OnTransferConsentSucceeded, PartnerEvent, UpdateToken,
};
use des_events::{Credential, Error, Uuid};
use serde_json::Value;

mod node;

/// Text that breaks naive JavaScript string building, each on its own and all together.
const HOSTILE: &[&str] = &[
    "'",
    "\"",
    "`",
    "\\",
    "\\'",
    "\\\\'",
    "it's \"quoted\" `templated`",
    "'); alert(document.cookie); ('",
    "\"); alert(1); (\"",
    "'+alert(1)+'",
    "${alert(1)}",
    "`${alert(1)}`",
    "</script><script>alert(1)</script>",
    "</SCRIPT>",
    "<!--",
    "<![CDATA[",
    "-->",
    "&lt;&#39;&quot;",
    "line\nbreak",
    "carriage\rreturn",
    "crlf\r\n",
    "line\u{2028}separator",
    "paragraph\u{2029}separator",
    "next\u{85}line",
    "nul\u{0}byte",
    "bell\u{7}",
    "delete\u{7f}",
    "tab\there",
    "bom\u{feff}",
    "\u{fffe}\u{ffff}",
    "emoji 😀 family 👩‍👩‍👧 flag 🇸🇪",
    "\u{10ffff}",
    "\\u0027 is not a quote",
    "\\ud800 is text, not a surrogate",
    "\\x27\\047",
    "/* comment */ // comment",
    "",
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the tests package lives inside the workspace")
}

/// The partner schema's events: `(event, x-des-mobile-function, examples)`.
fn schema() -> Vec<(String, Option<String>, Vec<Value>)> {
    let text = std::fs::read_to_string(root().join("schema/partner-events.schema.json"))
        .expect("the partner schema is readable");
    let schema: Value = serde_json::from_str(&text).expect("the schema is JSON");
    schema["oneOf"]
        .as_array()
        .expect("an event union")
        .iter()
        .map(|branch| {
            let event = branch["properties"]["event"]["const"]
                .as_str()
                .expect("the event is a const string");
            let function = branch["x-des-mobile-function"].as_str().map(str::to_owned);
            let examples = branch["examples"].as_array().cloned().unwrap_or_default();
            (event.to_owned(), function, examples)
        })
        .collect()
}

/// Partner events with `hostile` in every free-text field that has a mobile function.
fn hostile_events(hostile: &str) -> Vec<PartnerEvent> {
    let id = |text: &str| Uuid::parse(text).expect("a UUID");
    vec![
        NavigateTo {
            location: hostile.to_owned(),
        }
        .into(),
        OnTransferConsentCancelled {
            request_id: id("1d7b3e9f-4a2c-4f8e-b6d0-9c5e2a8f1b47"),
            consent_id: id("6E4A2C8D-0F1B-4D3E-A9C7-5B8F2E1D4A60"),
            reason: hostile.to_owned(),
        }
        .into(),
        OnTransferConsentSucceeded {
            request_id: id("9876e07a-8aec-422c-845d-c70db7df14aa"),
            consent_id: id("0b723ca9-4b47-4b6e-84f6-03da8df17f3a"),
            consent_ref: hostile.to_owned(),
        }
        .into(),
        UpdateToken {
            request_id: id("f2c6a8e1-5b3d-4c7f-9a0e-8d1b4f6c2e95"),
            id_token: Credential::new(hostile),
        }
        .into(),
        // No mobile function: must be refused.
        InvestmentAccountProvisionInitiated {
            request_id: id("5f0c3b7e-8d21-4a6f-9b1e-2c7d4e8a9f10"),
            account_id: hostile.to_owned(),
        }
        .into(),
    ]
}

/// Evaluates `event.to_mobile_js()` and checks what the stub received; `message` is the
/// original message as a JSON value. Returns whether the event had a mobile function.
fn check(
    node: &mut node::Node,
    functions: &BTreeMap<String, Option<String>>,
    stubs: &[&str],
    event: &PartnerEvent,
    message: &Value,
) -> bool {
    let name = event.event_name();
    let expected = functions
        .get(name)
        .unwrap_or_else(|| panic!("`{name}` is not in the schema"));
    let code = match (event.to_mobile_js(), expected) {
        (Ok(code), Some(_)) => code,
        (Err(Error::NoMobileFunction { event }), None) => {
            assert_eq!(event, name);
            return false;
        }
        (result, expected) => {
            panic!("`{name}`: mobile function {expected:?} in the schema, encoder gave {result:?}")
        }
    };
    assert!(code.is_ascii(), "not ASCII: {code}");
    assert!(!code.contains(['\n', '\r']), "a line break: {code}");
    assert!(
        !code.to_ascii_lowercase().contains("</script"),
        "`</script` survives: {code}"
    );

    let outcome = node.eval(&code, stubs, true);
    assert_eq!(outcome.error, None, "evaluating {code}");
    assert_eq!(outcome.calls.len(), 1, "one call expected from {code}");
    let call = &outcome.calls[0];
    assert_eq!(Some(&call.name), expected.as_ref(), "{code}");
    let message_json = serde_json::to_string(message).expect("a value serializes");
    let [Value::String(received)] = call.args.as_slice() else {
        panic!("not one string argument: {:?} from {code}", call.args);
    };
    assert_eq!(
        serde_json::from_str::<Value>(received).ok().as_ref(),
        Some(message),
        "{code}"
    );
    assert_eq!(
        received,
        &des_events::envelope::EventSet::message_json(event),
        "{code}"
    );
    let parsed = call
        .json
        .as_ref()
        .expect("a string argument is JSON.parsed");
    assert_eq!(
        parsed.error, None,
        "JSON.parse failed on what {code} delivered"
    );
    assert_eq!(
        parsed.value.as_ref(),
        Some(message),
        "JSON.parse in JavaScript gave another value than {message_json}"
    );
    true
}

#[test]
fn every_partner_example_and_hostile_message_reaches_its_stub_intact() {
    let schema = schema();
    let functions: BTreeMap<String, Option<String>> = schema
        .iter()
        .map(|(event, function, _)| (event.clone(), function.clone()))
        .collect();
    let stubs: Vec<&str> = functions.values().flatten().map(String::as_str).collect();
    assert!(
        stubs.len() >= 5,
        "the partner schema names mobile functions"
    );
    let mut node = node::Node::start();
    let mut evaluated = 0;

    for (event, _, examples) in &schema {
        for example in examples {
            let parsed = PartnerEvent::from_json(&example.to_string())
                .unwrap_or_else(|err| panic!("the `{event}` example parses: {err}"));
            evaluated += usize::from(check(
                &mut node,
                &functions,
                &stubs,
                &parsed,
                &example["message"],
            ));
        }
    }
    assert!(
        evaluated >= 5,
        "only {evaluated} examples have a mobile function"
    );

    let everything = HOSTILE.concat();
    for hostile in HOSTILE.iter().copied().chain([everything.as_str()]) {
        for event in hostile_events(hostile) {
            let message: Value =
                serde_json::from_str(&des_events::envelope::EventSet::message_json(&event))
                    .expect("message_json is JSON");
            let text_fields: Vec<&Value> = message
                .as_object()
                .expect("an object")
                .values()
                .filter(|value| value.as_str() == Some(hostile))
                .collect();
            assert_eq!(text_fields.len(), 1, "the hostile text is in the message");
            evaluated += usize::from(check(&mut node, &functions, &stubs, &event, &message));
        }
    }
    assert!(evaluated >= 5 + 4 * HOSTILE.len());
}
