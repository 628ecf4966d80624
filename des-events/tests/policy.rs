//! Receiver policies: every deviation kind under every policy, on the bundled schemas
//! (the facts of the deployed web SDK) and on a small schema of our own.

use des_events::des::DesEvent;
use des_events::partner::{OnAccountRequestedFailedReason, PartnerEvent};
use des_events::{Decoded, Error, Policy, WarningKind};

const REQUEST_ID: &str = "6f1d2a7c-3b4e-4f5a-8c9d-0e1f2a3b4c5d";

fn decode(json: &str, policy: Policy) -> Result<Decoded<PartnerEvent>, Error> {
    PartnerEvent::from_json_with(json, policy)
}

/// `(kind, pointer, message)` of each warning.
fn warnings(decoded: &Decoded<PartnerEvent>) -> Vec<(WarningKind, String, String)> {
    decoded
        .warnings()
        .iter()
        .map(|warning| {
            (
                warning.kind(),
                warning.pointer(),
                warning.message().to_owned(),
            )
        })
        .collect()
}

fn ok<T>(result: Result<T, Error>) -> T {
    match result {
        Ok(value) => value,
        Err(err) => panic!("expected a value, got: {err}"),
    }
}

fn err<T: std::fmt::Debug>(result: Result<T, Error>) -> Error {
    match result {
        Ok(value) => panic!("expected an error, got {value:?}"),
        Err(err) => err,
    }
}

#[test]
fn an_exact_message_has_no_warning_under_any_policy() {
    let json = format!(
        r#"{{"event":"investmentAccountProvisionInitiated","message":{{"requestId":"{REQUEST_ID}","accountId":"inv-1"}}}}"#
    );
    for policy in Policy::ALL {
        let decoded = ok(decode(&json, policy));
        assert!(decoded.is_exact(), "{policy}: {:?}", decoded.warnings());
        assert_eq!(decoded.value(), &ok(PartnerEvent::from_json(&json)));
    }
}

#[test]
fn unknown_fields_of_closed_objects_are_dropped_only_when_tolerant() {
    // What the deployed SDK sends: the whole request message forwarded.
    let json = format!(
        r#"{{"event":"investmentAccountProvisionInitiated","message":{{"requestId":"{REQUEST_ID}","accountId":"inv-1","callbackPath":"/cb","cancelUrl":"https://bank.example/cancel","errorUrl":"https://bank.example/error"}}}}"#
    );
    let strict = err(decode(&json, Policy::Strict));
    assert_eq!(
        strict.to_string(),
        err(PartnerEvent::from_json(&json)).to_string()
    );
    assert!(
        strict.to_string().contains("unknown field `callbackPath`"),
        "{strict}"
    );

    let tolerant = ok(decode(&json, Policy::Tolerant));
    assert_eq!(
        warnings(&tolerant),
        ["callbackPath", "cancelUrl", "errorUrl"]
            .map(|field| (
                WarningKind::UnknownField,
                format!("/message/{field}"),
                format!("unknown field `{field}` dropped")
            ))
            .to_vec()
    );
    let exact = format!(
        r#"{{"event":"investmentAccountProvisionInitiated","message":{{"requestId":"{REQUEST_ID}","accountId":"inv-1"}}}}"#
    );
    assert_eq!(tolerant.value(), &ok(PartnerEvent::from_json(&exact)));
    assert_eq!(
        tolerant.warnings()[0].to_string(),
        "unknown_field at message.callbackPath: unknown field `callbackPath` dropped"
    );
}

#[test]
fn an_unknown_envelope_key_is_dropped_only_when_tolerant() {
    let json = r#"{"event":"onBackRequested","message":{},"sdkVersion":"1.5.0"}"#;
    assert!(
        err(decode(json, Policy::Strict))
            .to_string()
            .contains("sdkVersion")
    );
    let tolerant = ok(decode(json, Policy::Tolerant));
    assert_eq!(
        warnings(&tolerant),
        [(
            WarningKind::UnknownField,
            "/sdkVersion".to_owned(),
            "unknown envelope field `sdkVersion` dropped".to_owned()
        )]
    );
}

#[test]
fn a_declared_legacy_value_is_read_as_its_synonym_under_every_policy() {
    let json = format!(
        r#"{{"event":"onAccountRequestedFailed","message":{{"requestId":"{REQUEST_ID}","reason":"error"}}}}"#
    );
    let plain = ok(PartnerEvent::from_json(&json));
    let PartnerEvent::OnAccountRequestedFailed(message) = &plain else {
        panic!("wrong event: {plain:?}");
    };
    assert_eq!(message.reason, OnAccountRequestedFailedReason::Failed);
    for policy in Policy::ALL {
        let decoded = ok(decode(&json, policy));
        assert_eq!(decoded.value(), &plain);
        assert_eq!(
            warnings(&decoded),
            [(
                WarningKind::LegacyValue,
                "/message/reason".to_owned(),
                "legacy value \"error\" read as \"failed\" (`x-des-legacy`; never sent)".to_owned()
            )],
            "{policy}"
        );
    }
    // Senders cannot write it: the enum has no variant for it, and `failed` goes out.
    assert!(
        !OnAccountRequestedFailedReason::ALL
            .iter()
            .any(|reason| reason.as_str() == "error")
    );
    assert!(
        plain.to_json().contains(r#""reason":"failed""#),
        "{}",
        plain.to_json()
    );
}

#[test]
fn an_unknown_enum_value_is_kept_only_when_tolerant() {
    let json = format!(
        r#"{{"event":"onAccountRequestedFailed","message":{{"requestId":"{REQUEST_ID}","reason":"timeout"}}}}"#
    );
    let strict = err(decode(&json, Policy::Strict));
    assert!(strict.to_string().contains("\"timeout\""), "{strict}");
    let tolerant = ok(decode(&json, Policy::Tolerant));
    assert_eq!(
        warnings(&tolerant),
        [(
            WarningKind::UnknownValue,
            "/message/reason".to_owned(),
            "unknown value \"timeout\" kept as `Other`".to_owned()
        )]
    );
    let PartnerEvent::OnAccountRequestedFailed(message) = tolerant.value() else {
        panic!("wrong event: {:?}", tolerant.value());
    };
    let OnAccountRequestedFailedReason::Other(value) = &message.reason else {
        panic!("not kept: {:?}", message.reason);
    };
    assert_eq!(value.as_str(), Some("timeout"));
    assert!(!message.reason.is_known());
    assert_eq!(message.reason.as_str(), "timeout");
    // A value read this way is written back as received.
    assert_eq!(tolerant.value().to_json(), json);
}

#[test]
fn an_unknown_event_is_kept_only_when_tolerant() {
    let json = r#"{"event":"onPageReadyEvent","message":{"page":"home"}}"#;
    let strict = err(decode(json, Policy::Strict));
    assert!(strict.is_unknown_event(), "{strict}");
    let tolerant = ok(decode(json, Policy::Tolerant));
    assert_eq!(
        warnings(&tolerant),
        [(
            WarningKind::UnknownEvent,
            "/event".to_owned(),
            "unknown event \"onPageReadyEvent\" kept as `Other`".to_owned()
        )]
    );
    let PartnerEvent::Other(unknown) = tolerant.value() else {
        panic!("not kept: {:?}", tolerant.value());
    };
    assert_eq!(unknown.event, "onPageReadyEvent");
    assert_eq!(unknown.message, serde_json::json!({"page": "home"}));
    assert_eq!(tolerant.value().event_name(), "onPageReadyEvent");
    assert_eq!(tolerant.value().to_json(), json);
}

#[test]
fn missing_fields_and_wrong_types_stay_errors_under_every_policy() {
    // The SDK's replies without `requestId` are the integrator's bug.
    let cases = [
        (
            r#"{"event":"onTransferConsentSucceeded","message":{"consentId":"0b5e7a61-2d4c-4e8f-9a3b-6c1d2e3f4a5b","consentRef":"r-1"}}"#,
            "missing required field `requestId`",
        ),
        (
            r#"{"event":"onAccountRequestedSucceeded"}"#,
            "missing required field `message`",
        ),
        (
            r#"{"event":"navigateTo","message":{"location":42}}"#,
            "expected a string",
        ),
    ];
    for (json, expected) in cases {
        for policy in Policy::ALL {
            let err = err(decode(json, policy));
            assert!(err.to_string().contains(expected), "{policy}: {err}");
        }
    }
    // A tolerated deviation does not hide the error after it: the error is the one
    // that remains.
    let json = r#"{"event":"onTransferConsentSucceeded","message":{"consentId":"0b5e7a61-2d4c-4e8f-9a3b-6c1d2e3f4a5b","consentRef":"r-1","successUrl":"https://bank.example/ok"}}"#;
    let strict = err(decode(json, Policy::Strict));
    let tolerant = err(decode(json, Policy::Tolerant));
    assert!(strict.to_string().contains("successUrl"), "{strict}");
    assert!(
        tolerant
            .to_string()
            .contains("missing required field `requestId`"),
        "{tolerant}"
    );
    let Error::Invalid(invalid) = &tolerant else {
        panic!("{tolerant:?}");
    };
    assert_eq!(invalid.pointer(), "/message/requestId");
}

#[test]
fn a_credential_never_appears_in_a_warning() {
    let token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzZWNyZXQifQ.c2lnbmF0dXJl";
    let json = format!(
        r#"{{"event":"updateToken","message":{{"requestId":"{REQUEST_ID}","idToken":"{token}","refreshToken":"{token}","note":{{"idToken":"{token}"}}}}}}"#
    );
    let decoded = ok(decode(&json, Policy::Tolerant));
    assert_eq!(decoded.warnings().len(), 2);
    for warning in decoded.warnings() {
        assert!(!warning.to_string().contains(token), "{warning}");
        assert!(!format!("{warning:?}").contains(token), "{warning:?}");
    }
    assert!(!format!("{:?}", decoded).contains(token));
    // An error behind a tolerated deviation is redacted as always.
    let json = format!(
        r#"{{"event":"updateToken","message":{{"requestId":"{REQUEST_ID}","idToken":"{token} has spaces","extra":1}}}}"#
    );
    if let Err(err) = decode(&json, Policy::Tolerant) {
        assert!(!err.to_string().contains("has spaces"), "{err}");
    }
}

#[test]
fn the_mobile_transport_takes_a_policy_too() {
    let message = format!(r#"{{"requestId":"{REQUEST_ID}","accountId":"inv-1","errorUrl":"x"}}"#);
    let handler = "investmentAccountProvisionInitiated";
    assert!(PartnerEvent::from_mobile(handler, &message).is_err());
    let decoded = ok(PartnerEvent::from_mobile_with(
        handler,
        &message,
        Policy::Tolerant,
    ));
    assert_eq!(decoded.warnings().len(), 1);
    assert_eq!(decoded.warnings()[0].pointer(), "/message/errorUrl");
    let unknown = ok(PartnerEvent::from_mobile_with(
        "onNewThing",
        "{}",
        Policy::Tolerant,
    ));
    assert!(matches!(unknown.value(), PartnerEvent::Other(_)));
    assert_eq!(unknown.warnings()[0].kind(), WarningKind::UnknownEvent);
    assert!(PartnerEvent::from_mobile_with("onNewThing", "{}", Policy::Strict).is_err());
}

#[test]
fn des_events_take_a_policy_in_the_other_direction() {
    let json = format!(
        r#"{{"event":"onIdTokenDidExpire","message":{{"requestId":"{REQUEST_ID}","reason":"expired"}}}}"#
    );
    assert!(DesEvent::from_json(&json).is_err());
    let decoded = ok(DesEvent::from_json_with(&json, Policy::Tolerant));
    assert_eq!(decoded.warnings()[0].pointer(), "/message/reason");
    let (value, warnings) = decoded.into_parts();
    assert_eq!(warnings.len(), 1);
    assert_eq!(value.event_name(), "onIdTokenDidExpire");
}

#[test]
fn warnings_inside_arrays_and_nested_objects_have_their_paths() {
    // `onTelemetryEvent`-like nesting is not in the bundled partner schema; the DES
    // schema's `onShare` is flat, so use a schema of our own.
    mod shop {
        des_events::include_schema!("tests/schemas/policy-shop.schema.json");
    }
    let json = r#"{"event":"order","message":{"lines":[{"sku":"a","qty":1},{"sku":"b","qty":2,"gift":true}],"status":"new","channel":"kiosk"}}"#;
    assert!(shop::ShopEvent::from_json(json).is_err());
    let decoded = ok(shop::ShopEvent::from_json_with(json, Policy::Tolerant));
    let found: Vec<(WarningKind, String)> = decoded
        .warnings()
        .iter()
        .map(|warning| (warning.kind(), warning.pointer()))
        .collect();
    assert_eq!(
        found,
        [
            (
                WarningKind::UnknownField,
                "/message/lines/1/gift".to_owned()
            ),
            (WarningKind::UnknownValue, "/message/channel".to_owned()),
        ]
    );
    // Inside a union the alternatives are tried strictly: a dropped field could make
    // another alternative match.
    let json = r#"{"event":"pay","message":{"method":{"card":"4111","extra":1}}}"#;
    assert!(shop::ShopEvent::from_json_with(json, Policy::Tolerant).is_err());
}

/// `envelope::from_parts_with` (the CLI's one-decode path, for a caller that found the
/// event name already) gives `from_json_with`'s result on every line of the interop
/// fixture, under every policy.
#[test]
fn from_parts_with_agrees_with_from_json_with() {
    use des_events::envelope::{self, EventSet};
    let fixture = include_str!("../../tests/interop/web-sdk-1.5.0.jsonl");
    let extra = format!(
        r#"{{"event":"onAccountRequestedFailed","message":{{"requestId":"{REQUEST_ID}","reason":"nope","x":1}}}}"#
    );
    for line in fixture.lines().chain([extra.as_str()]) {
        let Some(parts) = envelope::canonical_event(line) else {
            continue;
        };
        for policy in Policy::ALL {
            let found = PartnerEvent::EVENTS
                .iter()
                .position(|name| *name == parts.name);
            let (parts_result, json_result) = match found {
                Some(index) => (
                    format!(
                        "{:?}",
                        envelope::from_parts_with::<PartnerEvent>(line, parts, index, policy)
                    ),
                    format!("{:?}", PartnerEvent::from_json_with(line, policy)),
                ),
                None => {
                    let index = DesEvent::EVENTS
                        .iter()
                        .position(|name| *name == parts.name)
                        .expect("a known event");
                    (
                        format!(
                            "{:?}",
                            envelope::from_parts_with::<DesEvent>(line, parts, index, policy)
                        ),
                        format!("{:?}", DesEvent::from_json_with(line, policy)),
                    )
                }
            };
            assert_eq!(parts_result, json_result, "{policy}: {line}");
        }
    }
}

#[test]
fn a_credential_sent_in_the_wrong_field_is_still_redacted() {
    let token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ3cm9uZy1maWVsZCJ9.c2lnbmF0dXJl";
    let json = format!(
        r#"{{"event":"updateToken","message":{{"requestId":"{token}","idToken":"{token}"}}}}"#
    );
    for policy in Policy::ALL {
        let found = err(decode(&json, policy));
        assert!(!found.to_string().contains(token), "{policy}: {found}");
        assert!(!format!("{found:?}").contains(token), "{policy}: {found:?}");
        assert!(found.to_string().contains("<redacted>"), "{found}");
    }
    let message = format!(r#"{{"requestId":"{token}","idToken":"{token}"}}"#);
    let found = err(PartnerEvent::from_mobile_with(
        "updateToken",
        &message,
        Policy::Tolerant,
    ));
    assert!(!found.to_string().contains(token), "{found}");
    let found = err(PartnerEvent::from_mobile("updateToken", &message));
    assert!(!found.to_string().contains(token), "{found}");
}
