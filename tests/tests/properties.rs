//! Property tests of the runtime.
//!
//! 1. A valid message built from the generated types (arbitrary text in free-text
//!    fields, UUIDs in random case, valid dates, integers inside their bounds, finite
//!    numbers, free-form JSON payloads) survives serialize -> parse -> equal: `to_json`
//!    then `from_json`, the same with `message` first and pretty-printed, and the mobile
//!    bridge's bare message through `from_mobile`.
//!    The tolerant policy on the same messages with random extra fields: the strict
//!    value of the original, plus one `unknown_field` warning per field that landed in
//!    a closed object (see `tolerant_drops_extra_fields`).
//! 2. `bridge::js_string_literal` and `to_mobile_js` on arbitrary strings, evaluated in
//!    Node.js against stub functions: the stub receives exactly the original text, and
//!    the bridge round trip encode -> JavaScript eval -> `from_mobile` gives back the event.
//!    Rust strings cannot hold lone surrogates (U+D800..U+DFFF), so those need no case;
//!    characters beyond U+FFFF are written as surrogate pairs and must arrive whole.
//!
//! Each property runs 256 cases (proptest's default); for a longer run:
//! `PROPTEST_CASES=10000 cargo test -p des-events-tests --test properties --release`.
//! Node.js must be installed (`node` on PATH): without it the bridge properties fail.

use std::cell::RefCell;

use des_events::bridge::js_string_literal;
use des_events::des::{
    DesEvent, Dream, DreamUser, Money, OnAccountRequested, OnIdTokenDidExpire,
    OnInvestmentAccountProvisionRequested, OnInvestmentSellRequested, OnPageReadyEvent, OnShare,
    OnTelemetryEvent, OnTelemetryEventName, OnTransferConsentRequested, TargetAmount,
};
use des_events::envelope::EventSet;
use des_events::partner::{
    AccountProvisioned, InvestmentAccountProvisionInitiated, NavigateTo, OnAccountRequestedFailed,
    OnAccountRequestedFailedReason, OnAccountRequestedSucceeded, OnTransferConsentCancelled,
    OnTransferConsentSucceeded, PartnerEvent, SessionKeepAlive, UpdateToken,
};
use des_events::{Credential, EventUnion, Uuid};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde_json::{Map, Value};

mod node;

/// proptest's defaults (256 cases, `PROPTEST_CASES` honoured), without writing
/// regression files into the source tree: a failure prints its minimal input instead.
fn config() -> Config {
    Config {
        failure_persistence: None,
        ..Config::default()
    }
}

// ---------------------------------------------------------------------------------------
// Strategies

/// Pieces that break naive escaping, mixed into free text.
const HOSTILE: &[&str] = &[
    "'",
    "\"",
    "`",
    "\\",
    "\\'",
    "\\u0027",
    "\\ud800",
    "${x}",
    "</script>",
    "</SCRIPT >",
    "<!--",
    "-->",
    "]]>",
    "&amp;",
    "\n",
    "\r\n",
    "\t",
    "\u{0}",
    "\u{7f}",
    "\u{85}",
    "\u{2028}",
    "\u{2029}",
    "\u{feff}",
    "\u{fffd}",
    "\u{ffff}",
    "\u{10ffff}",
    "😀",
    "👩‍👩‍👧",
    "');alert(1);('",
    "\");alert(1);(\"",
];

/// Arbitrary text: any Unicode scalar, printable ASCII runs and hostile pieces.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => any::<char>().prop_map(String::from),
        2 => "[ -~]{0,8}",
        2 => prop::sample::select(HOSTILE).prop_map(str::to_owned),
    ];
    prop::collection::vec(piece, 0..10).prop_map(|pieces| pieces.concat())
}

/// A valid UUID, each hex digit in random case.
fn uuid() -> impl Strategy<Value = Uuid> {
    (any::<[u8; 16]>(), any::<u32>()).prop_map(|(bytes, upper)| {
        let digits: Vec<char> = bytes
            .iter()
            .flat_map(|byte| [byte >> 4, byte & 0xf])
            .enumerate()
            .map(|(index, nibble)| {
                let digit = char::from_digit(u32::from(nibble), 16).expect("a nibble");
                if upper >> index & 1 == 1 {
                    digit.to_ascii_uppercase()
                } else {
                    digit
                }
            })
            .collect();
        let mut text = String::with_capacity(36);
        for (index, digit) in digits.into_iter().enumerate() {
            if matches!(index, 8 | 12 | 16 | 20) {
                text.push('-');
            }
            text.push(digit);
        }
        Uuid::parse(&text).expect("a hyphenated UUID")
    })
}

/// A valid RFC 3339 full-date.
fn date() -> impl Strategy<Value = String> {
    (0u32..=9999, 1u32..=12, 0u32..31).prop_map(|(year, month, day)| {
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let days = match month {
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => 31,
        };
        format!("{year:04}-{month:02}-{:02}", day % days + 1)
    })
}

/// The schema's bounds for `cents`: the integers JavaScript represents exactly.
const SAFE: i64 = (1 << 53) - 1;

/// Any finite `f64` (JSON has no NaN or infinity).
///
/// Beware: this package's `jsonschema` dev-dependency turns on serde_json's
/// `float_roundtrip` feature, which Cargo unifies into des-events here; a user of
/// des-events alone parses floats without it, and some values then change on
/// `to_json` -> `from_json` (e.g. `1.5e93`; see `fuzz/regressions/`). So this property
/// can only prove the round trip for a build with correctly rounded float parsing.
fn finite() -> impl Strategy<Value = f64> {
    use prop::num::f64::{NEGATIVE, NORMAL, POSITIVE, SUBNORMAL, ZERO};
    POSITIVE | NEGATIVE | NORMAL | SUBNORMAL | ZERO
}

/// Any JSON value, a few levels deep.
fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        finite().prop_map(Value::from),
        text().prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(text(), inner, 0..4)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

fn partner_event() -> impl Strategy<Value = PartnerEvent> {
    prop_oneof![
        uuid().prop_map(|request_id| AccountProvisioned { request_id }.into()),
        (uuid(), text()).prop_map(|(request_id, account_id)| {
            InvestmentAccountProvisionInitiated {
                request_id,
                account_id,
            }
            .into()
        }),
        text().prop_map(|location| NavigateTo { location }.into()),
        (
            uuid(),
            prop::sample::select(OnAccountRequestedFailedReason::ALL)
        )
            .prop_map(|(request_id, reason)| OnAccountRequestedFailed {
                request_id,
                reason
            }
            .into()),
        uuid().prop_map(|request_id| OnAccountRequestedSucceeded { request_id }.into()),
        (uuid(), uuid(), text()).prop_map(|(request_id, consent_id, reason)| {
            OnTransferConsentCancelled {
                request_id,
                consent_id,
                reason,
            }
            .into()
        }),
        (uuid(), uuid(), text()).prop_map(|(request_id, consent_id, consent_ref)| {
            OnTransferConsentSucceeded {
                request_id,
                consent_id,
                consent_ref,
            }
            .into()
        }),
        Just(SessionKeepAlive {}.into()),
        (uuid(), text()).prop_map(|(request_id, token)| {
            UpdateToken {
                request_id,
                id_token: Credential::new(token),
            }
            .into()
        }),
    ]
}

fn dream() -> impl Strategy<Value = Dream> {
    let amount =
        (-SAFE..=SAFE, text()).prop_map(|(cents, currency)| TargetAmount { cents, currency });
    let user = (text(), text(), text()).prop_map(|(kind, id, external_id)| DreamUser {
        r#type: kind,
        id,
        external_id,
    });
    (
        (text(), text(), text()),
        prop::option::of(amount),
        prop::option::of(date()),
        user,
    )
        .prop_map(
            |((kind, id, name), target_amount, target_date, user)| Dream {
                r#type: kind,
                id,
                name,
                target_amount,
                target_date,
                user,
            },
        )
}

fn des_event() -> impl Strategy<Value = DesEvent> {
    prop_oneof![
        (uuid(), dream())
            .prop_map(|(request_id, dream)| OnAccountRequested { request_id, dream }.into()),
        uuid().prop_map(|request_id| OnIdTokenDidExpire { request_id }.into()),
        (uuid(), text(), text(), text(), text()).prop_map(
            |(request_id, account_id, callback_path, cancel_url, error_url)| {
                OnInvestmentAccountProvisionRequested {
                    request_id,
                    account_id,
                    callback_path,
                    cancel_url,
                    error_url,
                }
                .into()
            }
        ),
        (uuid(), text(), finite(), text(), (text(), text(), text())).prop_map(
            |(
                request_id,
                account_id,
                quantity,
                currency,
                (callback_url, cancel_url, error_url),
            )| {
                OnInvestmentSellRequested {
                    request_id,
                    account_id,
                    amount: Money { quantity, currency },
                    callback_url,
                    cancel_url,
                    error_url,
                }
                .into()
            }
        ),
        Just(OnPageReadyEvent {}.into()),
        (text(), text(), text()).prop_map(|(url, text, title)| OnShare { url, text, title }.into()),
        prop::collection::btree_map(text(), json(), 0..5).prop_map(|payload| {
            OnTelemetryEvent {
                name: OnTelemetryEventName::UserClicked,
                payload: payload.into_iter().collect::<Map<String, Value>>(),
            }
            .into()
        }),
        (
            uuid(),
            uuid(),
            prop::option::of(text()),
            prop::option::of(text())
        )
            .prop_map(|(request_id, consent_id, success_url, cancel_url)| {
                OnTransferConsentRequested {
                    request_id,
                    consent_id,
                    success_url,
                    cancel_url,
                }
                .into()
            }),
    ]
}

// ---------------------------------------------------------------------------------------
// 1. serialize -> parse -> equal

/// Every way the event can travel gives it back unchanged.
fn round_trip<T: EventUnion + EventSet>(event: &T) -> Result<(), TestCaseError> {
    let written = event.to_json();
    let name = serde_json::to_string(event.event_name()).expect("a string serializes");
    prop_assert!(
        written.starts_with(&format!("{{\"event\":{name},\"message\":")),
        "to_json writes `event` first: {}",
        written
    );
    let parsed =
        T::from_json(&written).map_err(|err| TestCaseError::fail(format!("{err}\n{written}")))?;
    prop_assert_eq!(&parsed, event, "event first: {}", written);

    let message = event.message_json();
    let reversed = format!("{{\"message\":{message},\"event\":{name}}}");
    let parsed =
        T::from_json(&reversed).map_err(|err| TestCaseError::fail(format!("{err}\n{reversed}")))?;
    prop_assert_eq!(&parsed, event, "message first: {}", reversed);

    // Whitespace everywhere and the keys of every object sorted (serde_json's map).
    let value: Value = serde_json::from_str(&written).expect("to_json writes JSON");
    let pretty = serde_json::to_string_pretty(&value).expect("a value serializes");
    let parsed =
        T::from_json(&pretty).map_err(|err| TestCaseError::fail(format!("{err}\n{pretty}")))?;
    prop_assert_eq!(&parsed, event, "pretty: {}", pretty);

    let index = event.index().expect("a known event");
    let handler = T::MOBILE_HANDLERS[index];
    let bridged = T::from_mobile(handler, &message)
        .map_err(|err| TestCaseError::fail(format!("from_mobile({handler}): {err}\n{message}")))?;
    prop_assert_eq!(&bridged, event, "from_mobile: {}", message);
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn partner_events_round_trip(event in partner_event()) {
        round_trip(&event)?;
    }

    #[test]
    fn des_events_round_trip(event in des_event()) {
        round_trip(&event)?;
    }
}

// ---------------------------------------------------------------------------------------
// 1b. The tolerant policy: a valid message plus extra fields

/// Every object of `value` (its JSON Pointer), the envelope included.
fn objects(value: &Value, pointer: String, out: &mut Vec<String>) {
    match value {
        Value::Object(object) => {
            out.push(pointer.clone());
            for (key, inner) in object {
                let token = key.replace('~', "~0").replace('/', "~1");
                objects(inner, format!("{pointer}/{token}"), out);
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                objects(item, format!("{pointer}/{index}"), out);
            }
        }
        _ => {}
    }
}

/// `document` with `key: extra` added to the object at `pointer`.
fn with_extra(document: &Value, pointer: &str, key: &str, extra: &Value) -> Value {
    let mut document = document.clone();
    if let Some(Value::Object(object)) = document.pointer_mut(pointer) {
        object.insert(key.to_owned(), extra.clone());
    }
    document
}

/// For a valid message and random extra fields: the fields that land in closed objects
/// (strict rejects each one on its own, as an unknown field there) are dropped by the
/// tolerant policy, which gives the strict value of the original plus exactly one
/// `unknown_field` warning per such field, at its path. Extra fields in open objects are
/// data under every policy, so they are left out.
fn tolerant_drops_extra_fields<T: EventUnion + EventSet>(
    event: &T,
    extras: &[(prop::sample::Index, Value)],
) -> Result<(), TestCaseError> {
    use des_events::{Error, Policy, WarningKind};
    let original: Value = serde_json::from_str(&event.to_json()).expect("to_json writes JSON");
    let mut places = Vec::new();
    objects(&original, String::new(), &mut places);
    let mut document = original.clone();
    let mut expected = Vec::new();
    for (number, (index, extra)) in extras.iter().enumerate() {
        let place = index.get(&places);
        let key = format!("x-extra-{number}");
        let alone = with_extra(&original, place, &key, extra).to_string();
        let pointer = format!("{place}/{key}");
        match T::from_json(&alone) {
            Err(Error::Invalid(invalid)) if invalid.pointer() == pointer => {
                document = with_extra(&document, place, &key, extra);
                expected.push(pointer);
            }
            // An open object keeps the key as data: not a deviation.
            Ok(_) => {}
            Err(other) => {
                return Err(TestCaseError::fail(format!(
                    "an extra field at {pointer} gave another error: {other}\n{alone}"
                )));
            }
        }
    }
    let text = document.to_string();
    let decoded = T::from_json_with(&text, Policy::Tolerant)
        .map_err(|err| TestCaseError::fail(format!("tolerant rejected: {err}\n{text}")))?;
    prop_assert_eq!(decoded.value(), event, "{}", text);
    let mut found: Vec<String> = decoded
        .warnings()
        .iter()
        .map(|warning| {
            assert_eq!(warning.kind(), WarningKind::UnknownField, "{warning}");
            warning.pointer()
        })
        .collect();
    found.sort();
    expected.sort();
    prop_assert_eq!(found, expected, "{}", text);
    if decoded.warnings().is_empty() {
        prop_assert!(T::from_json(&text).is_ok(), "strict rejected {}", text);
    } else {
        prop_assert!(T::from_json(&text).is_err(), "strict accepted {}", text);
    }
    Ok(())
}

fn extras() -> impl Strategy<Value = Vec<(prop::sample::Index, Value)>> {
    prop::collection::vec((any::<prop::sample::Index>(), json()), 1..5)
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn tolerant_partner_events_drop_extra_fields(event in partner_event(), extras in extras()) {
        tolerant_drops_extra_fields(&event, &extras)?;
    }

    #[test]
    fn tolerant_des_events_drop_extra_fields(event in des_event(), extras in extras()) {
        tolerant_drops_extra_fields(&event, &extras)?;
    }
}

// ---------------------------------------------------------------------------------------
// 2. The JavaScript bridge in a real JavaScript engine

/// Properties of the literal that hold without evaluating it.
fn safe_literal(code: &str) -> Result<(), TestCaseError> {
    prop_assert!(code.is_ascii(), "not ASCII: {}", code);
    prop_assert!(!code.contains(['\n', '\r']), "a line break: {}", code);
    prop_assert!(
        !code.to_ascii_lowercase().contains("</script"),
        "`</script` survives: {}",
        code
    );
    Ok(())
}

fn run<S: Strategy>(strategy: S, test: impl Fn(S::Value) -> Result<(), TestCaseError>)
where
    S::Value: std::fmt::Debug,
{
    if let Err(err) = TestRunner::new(config()).run(&strategy, test) {
        panic!("{err}");
    }
}

#[test]
fn js_string_literal_evaluates_to_the_original() {
    let node = RefCell::new(node::Node::start());
    run(text(), |original| {
        let code = format!("receive({})", js_string_literal(&original));
        safe_literal(&code)?;
        let outcome = node.borrow_mut().eval(&code, &["receive"], false);
        prop_assert_eq!(outcome.error, None, "{}", code);
        prop_assert_eq!(outcome.calls.len(), 1, "{}", code);
        prop_assert_eq!(
            &outcome.calls[0].args,
            &vec![Value::String(original.clone())]
        );
        Ok(())
    });
}

#[test]
fn mobile_js_round_trips_through_javascript() {
    let node = RefCell::new(node::Node::start());
    let functions: Vec<&str> = PartnerEvent::MOBILE_FUNCTIONS
        .iter()
        .flatten()
        .copied()
        .collect();
    run(partner_event(), |event| {
        let index = event.index().expect("a known event");
        let Some(function) = PartnerEvent::MOBILE_FUNCTIONS[index] else {
            prop_assert!(
                event.to_mobile_js().is_err(),
                "{:?} has no mobile function",
                event
            );
            return Ok(());
        };
        let code = event
            .to_mobile_js()
            .map_err(|err| TestCaseError::fail(err.to_string()))?;
        safe_literal(&code)?;
        let outcome = node.borrow_mut().eval(&code, &functions, true);
        prop_assert_eq!(outcome.error, None, "{}", code);
        prop_assert_eq!(outcome.calls.len(), 1, "{}", code);
        let call = &outcome.calls[0];
        prop_assert_eq!(&call.name, function);
        let [Value::String(received)] = call.args.as_slice() else {
            return Err(TestCaseError::fail(format!(
                "not one string: {:?}",
                call.args
            )));
        };
        prop_assert_eq!(received, &event.message_json());
        let decoded = PartnerEvent::from_mobile(PartnerEvent::MOBILE_HANDLERS[index], received)
            .map_err(|err| TestCaseError::fail(format!("{err}\n{received}")))?;
        prop_assert_eq!(decoded, event);
        Ok(())
    });
}
