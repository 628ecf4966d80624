//! The runtime product: reply helpers, the mobile bridge, the catch-all option, and the
//! promise that no output ever contains a credential.

use des_events::des::DesEvent;
use des_events::partner::PartnerEvent;
use des_events::{Credential, Error, Problem, UnknownEvent};

/// The DES schema again, lenient: unknown events are kept.
mod lenient {
    des_events::include_schema!(
        "schema/des-events.schema.json",
        catch_all = true,
        tests = false
    );
}

const TOKEN: &str = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzZWNyZXQtdXNlciJ9.c2VjcmV0LXNpZ25hdHVyZQ";

#[test]
fn replies_copy_the_request_ids() {
    let request = DesEvent::from_json(
        r#"{"event":"onIdTokenDidExpire","message":{"requestId":"A2313192-E2DC-452E-B56C-2F23BAF6EEE1"}}"#,
    )
    .unwrap();
    let DesEvent::OnIdTokenDidExpire(request) = request else {
        panic!("wrong variant")
    };
    let reply = request.reply_update_token(Credential::new(TOKEN));
    let PartnerEvent::UpdateToken(message) = &reply else {
        panic!("wrong reply")
    };
    assert_eq!(message.request_id, request.request_id);
    assert_eq!(message.id_token.expose(), TOKEN);

    let consent = DesEvent::from_json(
        r#"{"event":"onTransferConsentRequested","message":{"requestId":"9876e07a-8aec-422c-845d-c70db7df14aa","consentId":"0b723ca9-4b47-4b6e-84f6-03da8df17f3a"}}"#,
    )
    .unwrap();
    let DesEvent::OnTransferConsentRequested(consent) = consent else {
        panic!("wrong variant")
    };
    let succeeded = consent.reply_on_transfer_consent_succeeded("ref-1".to_owned());
    assert_eq!(
        succeeded.to_json(),
        r#"{"event":"onTransferConsentSucceeded","message":{"requestId":"9876e07a-8aec-422c-845d-c70db7df14aa","consentId":"0b723ca9-4b47-4b6e-84f6-03da8df17f3a","consentRef":"ref-1"}}"#
    );
    let cancelled = consent.reply_on_transfer_consent_cancelled("user closed the sheet".to_owned());
    assert_eq!(cancelled.event_name(), "onTransferConsentCancelled");
}

#[test]
fn the_bridge_encodes_partner_events_as_escaped_calls() {
    let event = PartnerEvent::from_json(&format!(
        r#"{{"event":"updateToken","message":{{"requestId":"a2313192-e2dc-452e-b56c-2f23baf6eee1","idToken":"{TOKEN}"}}}}"#
    ))
    .unwrap();
    let call = event.to_mobile_js().unwrap();
    assert!(
        call.starts_with("updateIdToken('{\\u0022requestId\\u0022:"),
        "{call}"
    );
    let hostile = PartnerEvent::from(des_events::partner::NavigateTo {
        location: "/x');alert(1);//</script>\u{2028}".to_owned(),
    });
    let call = hostile.to_mobile_js().unwrap();
    assert!(
        call.starts_with("navigateTo('") && call.ends_with("')"),
        "{call}"
    );
    assert_eq!(call.matches('\'').count(), 2, "{call}");
    assert!(!call.contains("</script>") && call.is_ascii());
    // An event without a mobile function cannot be sent over the bridge.
    let back = PartnerEvent::from(des_events::partner::OnBackRequested {});
    assert_eq!(
        back.to_mobile_js(),
        Err(Error::NoMobileFunction {
            event: "onBackRequested".into()
        })
    );
}

#[test]
fn the_bridge_decodes_native_handler_calls() {
    let event = DesEvent::from_mobile("share", r#"{"url":"","title":"t","text":"x"}"#).unwrap();
    assert_eq!(
        event.to_json(),
        r#"{"event":"onShare","message":{"url":"","text":"x","title":"t"}}"#
    );
    // The handler is `share`, not the web event name.
    assert!(
        DesEvent::from_mobile("onShare", "{}")
            .unwrap_err()
            .is_unknown_event()
    );
    let err = DesEvent::from_mobile("onIdTokenDidExpire", r#"{"requestId": 5}"#).unwrap_err();
    let Error::Invalid(invalid) = err else {
        panic!("{err:?}")
    };
    assert_eq!(invalid.path, "message.requestId");
    assert_eq!((invalid.line, invalid.column), (1, 15));
    assert!(matches!(
        DesEvent::from_mobile("onExitRequested", "{"),
        Err(Error::Syntax { .. })
    ));
}

#[test]
fn catch_all_keeps_unknown_events_and_writes_them_back() {
    let text = r#"{"event":"onBrandNewThing","message":{"b":[1,{"c":null}],"a":"x"}}"#;
    let event = lenient::DesEvent::from_json(text).unwrap();
    assert_eq!(event.event_name(), "onBrandNewThing");
    let lenient::DesEvent::Other(UnknownEvent {
        event: name,
        message,
    }) = &event
    else {
        panic!("{event:?}")
    };
    assert_eq!(name, "onBrandNewThing");
    assert_eq!(message["b"][1]["c"], serde_json::Value::Null);
    let again: serde_json::Value = serde_json::from_str(&event.to_json()).unwrap();
    assert_eq!(
        again,
        serde_json::from_str::<serde_json::Value>(text).unwrap()
    );
    // Message first works too; known events are still checked strictly.
    let reversed = r#"{"message":{},"event":"onSomethingElse"}"#;
    assert_eq!(
        lenient::DesEvent::from_json(reversed).unwrap().event_name(),
        "onSomethingElse"
    );
    assert!(lenient::DesEvent::from_json(r#"{"event":"onShare","message":{}}"#).is_err());
    assert!(lenient::DesEvent::from_json(r#"{"event":"onX"}"#).is_err());
    // The strict enum reports the same input as a distinct, matchable error.
    assert!(
        matches!(DesEvent::from_json(text), Err(Error::UnknownEvent { name, .. }) if name == "onBrandNewThing")
    );
}

#[test]
fn no_output_ever_contains_a_credential() {
    let bad = [
        // invalid requestId next to a valid token, both key orders
        format!(
            r#"{{"event":"updateToken","message":{{"requestId":"12345","idToken":"{TOKEN}"}}}}"#
        ),
        format!(
            r#"{{"message":{{"idToken":"{TOKEN}","requestId":"12345"}},"event":"updateToken"}}"#
        ),
        // the token twice, in an unknown field, in a wrong-type slot
        format!(
            r#"{{"event":"updateToken","message":{{"requestId":"a2313192-e2dc-452e-b56c-2f23baf6eee1","idToken":"{TOKEN}","idToken":"{TOKEN}"}}}}"#
        ),
        format!(
            r#"{{"event":"updateToken","message":{{"requestId":"a2313192-e2dc-452e-b56c-2f23baf6eee1","idToken":"{TOKEN}","extra":1}}}}"#
        ),
        format!(
            r#"{{"event":"updateToken","message":{{"requestId":"a2313192-e2dc-452e-b56c-2f23baf6eee1","idToken":["{TOKEN}"]}}}}"#
        ),
        format!(
            r#"{{"event":"updateToken","message":{{"requestId":"a2313192-e2dc-452e-b56c-2f23baf6eee1","idToken":{{"t":"{TOKEN}"}}}}}}"#
        ),
        // broken JSON after the token
        format!(
            r#"{{"event":"updateToken","message":{{"requestId":"a2313192-e2dc-452e-b56c-2f23baf6eee1","idToken":"{TOKEN}""#
        ),
        format!(r#"{{"event":"updateToken","message":{{"idToken":"{TOKEN}"}}}}"#),
    ];
    for text in &bad {
        let err = PartnerEvent::from_json(text).unwrap_err();
        for output in [err.to_string(), format!("{err:?}"), format!("{err:#?}")] {
            assert!(
                !output.contains(TOKEN) && !output.contains("c2VjcmV0"),
                "leak in {output}"
            );
        }
        let bare = text
            .split("\"message\":")
            .nth(1)
            .unwrap_or("{}")
            .trim_end_matches(",\"event\":\"updateToken\"}");
        if let Err(err) = PartnerEvent::from_mobile("updateToken", bare) {
            assert!(!format!("{err} {err:?}").contains(TOKEN));
        }
    }
    let ok = PartnerEvent::from_json(&format!(
        r#"{{"event":"updateToken","message":{{"requestId":"a2313192-e2dc-452e-b56c-2f23baf6eee1","idToken":"{TOKEN}"}}}}"#
    ))
    .unwrap();
    assert!(!format!("{ok:?} {ok:#?}").contains(TOKEN));
}

#[test]
fn problems_are_classified() {
    let kind = |text: &str| match DesEvent::from_json(text) {
        Err(Error::Invalid(invalid)) => (invalid.path.clone(), invalid.problem.clone()),
        other => panic!("{other:?}"),
    };
    let (path, problem) = kind(r#"{"event":"onShare","message":{"url":"","text":"x"}}"#);
    assert_eq!(path, "message.title");
    assert_eq!(
        problem,
        Problem::MissingField {
            field: "title".into()
        }
    );
    let (path, problem) =
        kind(r#"{"event":"onShare","message":{"url":"","text":"x","title":"t","x":1}}"#);
    assert_eq!(
        (path.to_string(), path.pointer(), problem),
        (
            "message.x".to_owned(),
            "/message/x".to_owned(),
            Problem::UnknownField { field: "x".into() }
        )
    );
    let (path, problem) = kind(r#"{"event":"onShare","message":{"url":1,"text":"x","title":"t"}}"#);
    assert_eq!(path, "message.url");
    assert!(
        matches!(problem, Problem::WrongType { expected, found } if expected == "a string" && found == "integer 1")
    );
    let (path, problem) =
        kind(r#"{"event":"onTelemetryEvent","message":{"name":"UserScrolled","payload":{}}}"#);
    assert_eq!(path, "message.name");
    assert!(matches!(problem, Problem::Constraint { keyword, .. } if keyword == "enum"));
}

#[test]
fn numbers_round_trip_digit_for_digit() {
    // Found by the bridge_decode fuzz target: without serde_json's `float_roundtrip`,
    // 1.5e93 was read as 1.5000000000000001e93 and 9% of 17-digit amounts changed.
    for quantity in ["1.5e93", "985690694632.8695", "0.1", "123456789.12345678"] {
        let json = format!(
            r#"{{"event":"onInvestmentSellRequested","message":{{"requestId":"a2313192-e2dc-452e-b56c-2f23baf6eee1","accountId":"a","amount":{{"quantity":{quantity},"currency":"SEK"}},"callbackUrl":"c","cancelUrl":"c","errorUrl":"e"}}}}"#
        );
        let event = DesEvent::from_json(&json).unwrap();
        let again = DesEvent::from_json(&event.to_json()).unwrap();
        assert_eq!(again, event, "{quantity}");
        let DesEvent::OnInvestmentSellRequested(sell) = &event else {
            panic!()
        };
        assert_eq!(
            sell.amount.quantity,
            quantity.parse::<f64>().unwrap(),
            "{quantity} read exactly"
        );
    }
}
