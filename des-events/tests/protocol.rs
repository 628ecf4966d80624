//! The protocol check over a schema pair where requests go both ways: the bank asks
//! DES for a quote (`quoteRequested` -> `quoteReady`, which echoes the request id and a
//! credential) and DES asks the bank for consent (`consentNeeded` -> `consentGiven`,
//! echoing an integer ticket).

mod bank {
    des_events::include_schema!("tests/schemas/protocol-bank.schema.json");
}

mod des {
    des_events::include_schema!("tests/schemas/protocol-des.schema.json");
}

use std::time::Duration;

use bank::BankSays;
use des::DesSays;
use des_events::protocol::{Conversation, Finding, FindingKind};
use des_events::serde_json::{Value, json};

const A: &str = "a2313192-e2dc-452e-b56c-2f23baf6eee1";
const B: &str = "9876e07a-8aec-422c-845d-c70db7df14aa";
const SESSION: &str = "s3cr3t-session";

fn at(seconds: u64) -> Duration {
    Duration::from_secs(seconds)
}

fn bank(c: &mut Conversation, event: &str, message: Value, seconds: u64) -> Vec<Finding> {
    c.observe::<BankSays>(event, Some(&message), at(seconds))
        .expect("BankSays is a side")
}

fn des(c: &mut Conversation, event: &str, message: Value, seconds: u64) -> Vec<Finding> {
    c.observe::<DesSays>(event, Some(&message), at(seconds))
        .expect("DesSays is a side")
}

fn kinds(findings: &[Finding]) -> Vec<FindingKind> {
    findings.iter().map(Finding::kind).collect()
}

#[test]
fn requests_go_both_ways() {
    // The order of the sides does not matter.
    let mut c = Conversation::new::<DesSays, BankSays>();
    assert!(
        bank(
            &mut c,
            "quoteRequested",
            json!({"requestId": A, "session": SESSION}),
            0
        )
        .is_empty()
    );
    assert!(des(&mut c, "consentNeeded", json!({"ticket": 7}), 1).is_empty());
    assert!(des(&mut c, "consentNeeded", json!({"ticket": 8}), 1).is_empty());
    assert_eq!(c.open_requests().len(), 3);
    // Out of order; the ticket compares as a JSON number (8.0 echoes 8).
    assert!(bank(&mut c, "consentGiven", json!({"ticket": 8.0}), 2).is_empty());
    assert!(
        des(
            &mut c,
            "quoteReady",
            json!({"requestId": A, "session": SESSION, "cents": 100}),
            3
        )
        .is_empty()
    );
    assert!(bank(&mut c, "consentGiven", json!({"ticket": 7}), 4).is_empty());
    assert!(c.finish().is_empty());
}

#[test]
fn every_kind_in_the_other_direction() {
    let mut c = Conversation::new::<BankSays, DesSays>();
    let findings = des(
        &mut c,
        "quoteReady",
        json!({"requestId": A, "session": SESSION, "cents": 1}),
        0,
    );
    assert_eq!(kinds(&findings), [FindingKind::UnexpectedReply]);
    bank(
        &mut c,
        "quoteRequested",
        json!({"requestId": A, "session": SESSION}),
        1,
    );
    let findings = des(
        &mut c,
        "quoteReady",
        json!({"requestId": B, "session": SESSION, "cents": 1}),
        2,
    );
    assert_eq!(kinds(&findings), [FindingKind::EchoMismatch]);
    assert_eq!(
        findings[0].message(),
        format!(
            "reply to quoteRequested #2: requestId does not echo (\"{A}\" in the request, \"{B}\" here)"
        )
    );
    let findings = des(&mut c, "quoteReady", json!({"requestId": A, "cents": 1}), 3);
    assert_eq!(
        findings[0].message(),
        "reply to quoteRequested #2: session is missing"
    );
    assert!(
        des(
            &mut c,
            "quoteReady",
            json!({"requestId": A, "session": SESSION, "cents": 1}),
            4
        )
        .is_empty()
    );
    let findings = des(
        &mut c,
        "quoteReady",
        json!({"requestId": A, "session": SESSION, "cents": 2}),
        5,
    );
    assert_eq!(kinds(&findings), [FindingKind::DuplicateReply]);
    bank(
        &mut c,
        "quoteRequested",
        json!({"requestId": B, "session": SESSION}),
        10,
    );
    des(&mut c, "consentNeeded", json!({"ticket": 1}), 10);
    let findings = c.expire(at(20), at(5));
    assert_eq!(
        kinds(&findings),
        [FindingKind::TimedOut, FindingKind::TimedOut]
    );
    assert_eq!(
        findings[0].to_string(),
        "[timed_out] quoteRequested #7: no reply within 5s (requestId \"9876e07a-8aec-422c-845d-c70db7df14aa\", session <redacted>) (open for 10s)"
    );
    let findings = bank(&mut c, "consentGiven", json!({"ticket": 1}), 21);
    assert_eq!(kinds(&findings), [FindingKind::UnexpectedReply]);
    assert!(
        findings[0]
            .message()
            .starts_with("late reply to consentNeeded #8")
    );
    des(&mut c, "consentNeeded", json!({"ticket": 2}), 30);
    let findings = c.finish();
    assert_eq!(kinds(&findings), [FindingKind::Unanswered]);
    assert_eq!(
        findings[0].to_string(),
        "[unanswered] consentNeeded #10: never answered (ticket 2)"
    );
}

#[test]
fn an_echoed_credential_is_never_shown() {
    let mut c = Conversation::new::<BankSays, DesSays>();
    let mut findings = Vec::new();
    bank(
        &mut c,
        "quoteRequested",
        json!({"requestId": A, "session": SESSION}),
        0,
    );
    // The session differs: the finding names the field, not the values.
    findings.extend(des(
        &mut c,
        "quoteReady",
        json!({"requestId": A, "session": "other-s3cr3t", "cents": 1}),
        1,
    ));
    assert_eq!(
        findings[0].message(),
        "reply to quoteRequested #1: session does not echo (<redacted> in the request, <redacted> here)"
    );
    // A request id that carries the session is redacted too.
    findings.extend(des(
        &mut c,
        "quoteReady",
        json!({"requestId": format!("{A}{SESSION}"), "session": SESSION, "cents": 1}),
        2,
    ));
    findings.extend(des(
        &mut c,
        "quoteReady",
        json!({"requestId": SESSION, "session": SESSION, "cents": 1}),
        3,
    ));
    bank(
        &mut c,
        "quoteRequested",
        json!({"requestId": SESSION, "session": SESSION}),
        4,
    );
    findings.extend(c.expire(at(100), at(1)));
    findings.extend(des(
        &mut c,
        "quoteReady",
        json!({"requestId": SESSION, "session": SESSION, "cents": 1}),
        101,
    ));
    assert_eq!(findings.len(), 6, "{findings:#?}");
    for finding in &findings {
        for text in [finding.to_string(), format!("{finding:?}")] {
            assert!(!text.contains("s3cr3t"), "{text}");
        }
    }
}

#[test]
fn typed_and_mobile_observations() {
    let mut c = Conversation::new::<BankSays, DesSays>();
    let request = BankSays::from_json(&format!(
        r#"{{"event":"quoteRequested","message":{{"requestId":"{A}","session":"{SESSION}"}}}}"#
    ))
    .expect("valid");
    assert!(c.observe_event(&request, at(0)).expect("a side").is_empty());
    let reply = DesSays::from_json(&format!(
        r#"{{"event":"quoteReady","message":{{"requestId":"{A}","session":"{SESSION}","cents":5}}}}"#
    ))
    .expect("valid");
    assert!(c.observe_event(&reply, at(1)).expect("a side").is_empty());
    // Mobile: DES calls the native handler `needConsent`; the app evaluates `giveConsent`.
    let ask = json!({"ticket": 3});
    assert!(
        c.observe_mobile::<DesSays>("needConsent", Some(&ask), at(2))
            .expect("a side")
            .is_empty()
    );
    assert_eq!(c.open_requests()[0].event(), "consentNeeded");
    let findings = c
        .observe_mobile::<BankSays>("giveConsent", Some(&json!({"ticket": 4})), at(3))
        .expect("a side");
    assert_eq!(kinds(&findings), [FindingKind::EchoMismatch]);
    assert_eq!(findings[0].seq(), 4);
    assert!(
        c.observe_mobile::<BankSays>("giveConsent", Some(&ask), at(4))
            .expect("a side")
            .is_empty()
    );
    assert!(
        c.observe_event(&reply, at(5))
            .expect("a side")
            .iter()
            .all(|f| f.kind() == FindingKind::DuplicateReply)
    );
    // Neither side: a usage error, and nothing is observed.
    let mut other = Conversation::new::<BankSays, BankSays>();
    assert!(other.observe_event(&reply, at(0)).is_err());
    assert_eq!(other.observed(), 0);
}
