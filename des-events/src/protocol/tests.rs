//! Unit tests of the protocol check over the bundled schemas.

use super::*;
use crate::des::DesEvent;
use crate::partner::PartnerEvent;
use serde_json::json;

const TOKEN: &str = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzZWNyZXQifQ.c2VjcmV0LXNpZw";
const A: &str = "a2313192-e2dc-452e-b56c-2f23baf6eee1";
const B: &str = "9876e07a-8aec-422c-845d-c70db7df14aa";
const C: &str = "0b723ca9-4b47-4b6e-84f6-03da8df17f3a";

fn s(seconds: u64) -> Duration {
    Duration::from_secs(seconds)
}

fn session() -> Conversation {
    Conversation::new::<DesEvent, PartnerEvent>()
}

fn des(c: &mut Conversation, event: &str, message: Value, at: u64) -> Vec<Finding> {
    c.observe::<DesEvent>(event, Some(&message), s(at)).unwrap()
}

fn bank(c: &mut Conversation, event: &str, message: Value, at: u64) -> Vec<Finding> {
    c.observe::<PartnerEvent>(event, Some(&message), s(at))
        .unwrap()
}

fn token_expired(id: &str) -> Value {
    json!({ "requestId": id })
}

fn update_token(id: &str) -> Value {
    json!({ "requestId": id, "idToken": TOKEN })
}

fn kinds(findings: &[Finding]) -> Vec<&'static str> {
    findings.iter().map(|f| f.kind().as_str()).collect()
}

#[test]
fn the_tables_say_who_answers_whom() {
    let index = |name| {
        PartnerEvent::EVENTS
            .iter()
            .position(|e| *e == name)
            .unwrap()
    };
    let update = index("updateToken");
    assert_eq!(PartnerEvent::REPLY_TO[update], Some("onIdTokenDidExpire"));
    assert_eq!(PartnerEvent::ECHO[update], ["requestId"]);
    let consent = index("onTransferConsentSucceeded");
    assert_eq!(PartnerEvent::ECHO[consent], ["requestId", "consentId"]);
    assert_eq!(PartnerEvent::REPLY_TO[index("navigateTo")], None);
    assert!(PartnerEvent::ECHO[index("navigateTo")].is_empty());
    assert_eq!(PartnerEvent::REPLY_TO.len(), PartnerEvent::EVENTS.len());
    assert_eq!(DesEvent::ECHO.len(), DesEvent::EVENTS.len());
    assert!(DesEvent::REPLY_TO.iter().all(Option::is_none));
}

#[test]
fn a_correct_session_has_no_findings() {
    let mut c = session();
    let mut all = Vec::new();
    let typed = |json: &str| DesEvent::from_json(json).unwrap();
    all.extend(
        c.observe_event(&typed(r#"{"event":"onPageReadyEvent","message":{}}"#), s(0))
            .unwrap(),
    );
    all.extend(des(
        &mut c,
        "onTelemetryEvent",
        json!({"name": "UserClicked", "payload": {}}),
        1,
    ));
    all.extend(des(&mut c, "onIdTokenDidExpire", token_expired(A), 2));
    all.extend(bank(&mut c, "sessionKeepAlive", json!({}), 3));
    let reply = PartnerEvent::from_json(
        &json!({"event": "updateToken", "message": update_token(A)}).to_string(),
    )
    .unwrap();
    all.extend(c.observe_event(&reply, s(3)).unwrap());
    // Two account requests, answered in the other order, one failed.
    let dream = json!({"type": "dream", "id": "123", "name": "Vacation",
        "user": {"type": "user", "id": "u1", "externalId": "x1"}});
    all.extend(des(
        &mut c,
        "onAccountRequested",
        json!({"requestId": A, "dream": dream}),
        10,
    ));
    all.extend(des(
        &mut c,
        "onAccountRequested",
        json!({"requestId": B, "dream": dream}),
        11,
    ));
    all.extend(bank(
        &mut c,
        "onAccountRequestedSucceeded",
        json!({"requestId": B}),
        12,
    ));
    all.extend(bank(
        &mut c,
        "onAccountRequestedFailed",
        json!({"requestId": A, "reason": "cancelled"}),
        13,
    ));
    all.extend(des(
        &mut c,
        "onTransferConsentRequested",
        json!({"requestId": C, "consentId": B}),
        20,
    ));
    all.extend(bank(
        &mut c,
        "onTransferConsentSucceeded",
        json!({"requestId": C, "consentId": B, "consentRef": "ref-1"}),
        21,
    ));
    all.extend(des(
        &mut c,
        "onAccountProvisionRequested",
        json!({"requestId": B}),
        30,
    ));
    all.extend(bank(
        &mut c,
        "accountProvisioned",
        json!({"requestId": B}),
        31,
    ));
    all.extend(des(
        &mut c,
        "onInvestmentAccountProvisionRequested",
        json!({"requestId": C,
        "accountId": "acc-1", "callbackPath": "/invest", "cancelUrl": "https://bank.example/c",
        "errorUrl": "https://bank.example/e"}),
        40,
    ));
    all.extend(bank(
        &mut c,
        "investmentAccountProvisionInitiated",
        json!({"requestId": C, "accountId": "acc-1"}),
        41,
    ));
    all.extend(bank(
        &mut c,
        "navigateTo",
        json!({"location": "/dreams/123"}),
        50,
    ));
    all.extend(des(
        &mut c,
        "onShare",
        json!({"url": "", "text": "t", "title": "T"}),
        51,
    ));
    all.extend(c.expire(s(60), s(30)));
    all.extend(bank(&mut c, "onSignOutRequested", json!({}), 70));
    all.extend(des(&mut c, "onExitRequested", json!({}), 71));
    assert_eq!(c.observed(), 19);
    assert!(c.open_requests().is_empty());
    all.extend(c.finish());
    assert!(all.is_empty(), "{all:#?}");
}

#[test]
fn a_reply_to_nothing_is_unexpected() {
    let mut c = session();
    let findings = bank(&mut c, "updateToken", update_token(A), 0);
    assert_eq!(kinds(&findings), ["unexpected_reply"]);
    let finding = &findings[0];
    assert_eq!(
        (finding.seq(), finding.event(), finding.request()),
        (1, "updateToken", None)
    );
    assert_eq!(
        finding.to_string(),
        "[unexpected_reply] updateToken #1: reply to onIdTokenDidExpire, but none is open"
    );
    // A reply of another name does not answer the open request.
    des(&mut c, "onIdTokenDidExpire", token_expired(A), 1);
    let findings = bank(&mut c, "accountProvisioned", json!({"requestId": A}), 2);
    assert_eq!(kinds(&findings), ["unexpected_reply"]);
    assert_eq!(c.open_requests().len(), 1);
}

#[test]
fn a_reply_that_does_not_echo_is_a_mismatch() {
    let mut c = session();
    des(&mut c, "onPageReadyEvent", json!({}), 0);
    des(&mut c, "onTelemetryEvent", json!({}), 0);
    des(&mut c, "onIdTokenDidExpire", token_expired(A), 1);
    let findings = bank(&mut c, "updateToken", update_token(B), 2);
    assert_eq!(kinds(&findings), ["echo_mismatch"]);
    let finding = &findings[0];
    assert_eq!(finding.request(), Some(("onIdTokenDidExpire", 3)));
    assert_eq!(
        finding.message(),
        format!(
            "reply to onIdTokenDidExpire #3: requestId does not echo (\"{A}\" in the request, \"{B}\" here)"
        )
    );
    // Missing: no field, no message, or not an object.
    for message in [Some(json!({"idToken": TOKEN})), None, Some(json!("text"))] {
        let findings = c
            .observe::<PartnerEvent>("updateToken", message.as_ref(), s(3))
            .unwrap();
        assert_eq!(kinds(&findings), ["echo_mismatch"]);
        assert!(
            findings[0].message().ends_with("requestId is missing"),
            "{}",
            findings[0]
        );
    }
    // The request stays open; the right reply still answers it.
    assert!(bank(&mut c, "updateToken", update_token(A), 4).is_empty());
    assert!(c.finish().is_empty());
}

#[test]
fn a_mismatch_names_the_field_that_differs() {
    let mut c = session();
    des(
        &mut c,
        "onTransferConsentRequested",
        json!({"requestId": A, "consentId": B}),
        0,
    );
    let findings = bank(
        &mut c,
        "onTransferConsentCancelled",
        json!({"requestId": A, "consentId": C, "reason": "no"}),
        1,
    );
    assert_eq!(kinds(&findings), ["echo_mismatch"]);
    assert!(
        findings[0]
            .message()
            .starts_with("reply to onTransferConsentRequested #1: consentId does not echo"),
        "{}",
        findings[0]
    );
    assert!(!findings[0].message().contains("requestId"));
}

#[test]
fn a_second_reply_is_a_duplicate() {
    let mut c = session();
    des(&mut c, "onIdTokenDidExpire", token_expired(A), 0);
    assert!(bank(&mut c, "updateToken", update_token(A), 1).is_empty());
    let findings = bank(&mut c, "updateToken", update_token(A), 2);
    assert_eq!(kinds(&findings), ["duplicate_reply"]);
    assert_eq!(findings[0].request(), Some(("onIdTokenDidExpire", 1)));
    assert_eq!(
        findings[0].to_string(),
        "[duplicate_reply] updateToken #3: reply to onIdTokenDidExpire #1, which updateToken #2 already answered"
    );
    // Also with another reply of the same request (failed after succeeded).
    des(&mut c, "onAccountRequested", json!({"requestId": B}), 3);
    assert!(
        bank(
            &mut c,
            "onAccountRequestedSucceeded",
            json!({"requestId": B}),
            4
        )
        .is_empty()
    );
    let findings = bank(
        &mut c,
        "onAccountRequestedFailed",
        json!({"requestId": B, "reason": "failed"}),
        5,
    );
    assert_eq!(kinds(&findings), ["duplicate_reply"]);
}

#[test]
fn the_request_that_echoes_is_answered_not_the_oldest() {
    let mut c = session();
    let ids = [A, B, C];
    for (at, id) in ids.iter().enumerate() {
        des(&mut c, "onIdTokenDidExpire", token_expired(id), at as u64);
    }
    assert!(bank(&mut c, "updateToken", update_token(C), 5).is_empty());
    let open: Vec<usize> = c.open_requests().iter().map(OpenRequest::seq).collect();
    assert_eq!(open, [1, 2]);
    assert!(bank(&mut c, "updateToken", update_token(A), 6).is_empty());
    assert_eq!(c.open_requests()[0].seq(), 2);
    assert_eq!(c.open_requests()[0].event(), "onIdTokenDidExpire");
    assert_eq!(c.open_requests()[0].at(), s(1));
    let findings = bank(
        &mut c,
        "updateToken",
        update_token("ffffffff-ffff-4fff-8fff-ffffffffffff"),
        7,
    );
    assert_eq!(kinds(&findings), ["echo_mismatch"]);
    assert_eq!(findings[0].request(), Some(("onIdTokenDidExpire", 2)));
    assert!(bank(&mut c, "updateToken", update_token(B), 8).is_empty());
    assert!(c.finish().is_empty());
}

#[test]
fn several_open_candidates_are_mentioned() {
    let mut c = session();
    des(
        &mut c,
        "onTransferConsentRequested",
        json!({"requestId": A, "consentId": A}),
        0,
    );
    des(
        &mut c,
        "onTransferConsentRequested",
        json!({"requestId": B, "consentId": B}),
        0,
    );
    des(
        &mut c,
        "onTransferConsentRequested",
        json!({"requestId": C, "consentId": C}),
        0,
    );
    // Echoes requestId of #2 but consentId of #3: #2 is the closest.
    let findings = bank(
        &mut c,
        "onTransferConsentSucceeded",
        json!({"requestId": B, "consentId": C, "consentRef": "r"}),
        1,
    );
    assert_eq!(
        findings[0].request(),
        Some(("onTransferConsentRequested", 2))
    );
    assert!(
        findings[0]
            .message()
            .ends_with("(nor the 2 other open onTransferConsentRequested)"),
        "{}",
        findings[0]
    );
}

#[test]
fn timeouts_are_reported_once_and_late_replies_are_unexpected() {
    let mut c = session();
    des(&mut c, "onIdTokenDidExpire", token_expired(A), 0);
    des(
        &mut c,
        "onAccountProvisionRequested",
        json!({"requestId": B}),
        20,
    );
    assert!(
        c.expire(s(30), s(30)).is_empty(),
        "exactly the timeout is not longer"
    );
    let findings = c.expire(s(45), s(30));
    assert_eq!(kinds(&findings), ["timed_out"]);
    assert_eq!(
        (findings[0].event(), findings[0].seq()),
        ("onIdTokenDidExpire", 1)
    );
    assert_eq!(
        findings[0].to_string(),
        format!(
            "[timed_out] onIdTokenDidExpire #1: no reply within 30s (requestId \"{A}\") (open for 45s)"
        )
    );
    assert!(c.expire(s(46), s(30)).is_empty());
    let findings = bank(&mut c, "updateToken", update_token(A), 47);
    assert_eq!(kinds(&findings), ["unexpected_reply"]);
    assert_eq!(findings[0].request(), Some(("onIdTokenDidExpire", 1)));
    assert!(
        findings[0].message().starts_with("late reply"),
        "{}",
        findings[0]
    );
    // A clock that goes backwards expires nothing.
    assert!(c.expire(s(0), s(1)).is_empty());
    let findings = c.finish();
    assert_eq!(kinds(&findings), ["unanswered"]);
    assert_eq!(
        findings[0].to_string(),
        format!("[unanswered] onAccountProvisionRequested #2: never answered (requestId \"{B}\")")
    );
}

#[test]
fn the_mobile_transport_maps_handlers_and_functions() {
    let mut c = session();
    let request = token_expired(A);
    let reply = update_token(A);
    let ok = |f: Result<Vec<Finding>, UnknownSide>| f.unwrap().is_empty();
    assert!(ok(c.observe_mobile::<DesEvent>(
        "onIdTokenDidExpire",
        Some(&request),
        s(0)
    )));
    // The app answers with the WebView function `updateIdToken`.
    assert!(ok(c.observe_mobile::<PartnerEvent>(
        "updateIdToken",
        Some(&reply),
        s(1)
    )));
    // `onShare` has the native handler `share`; unknown names are numbered, ignored.
    let share = json!({"url": "", "text": "t", "title": "T"});
    assert!(ok(c.observe_mobile::<DesEvent>(
        "share",
        Some(&share),
        s(2)
    )));
    assert!(ok(c.observe_mobile::<DesEvent>("nonsense", None, s(3))));
    let findings = c
        .observe_mobile::<PartnerEvent>("updateIdToken", Some(&reply), s(4))
        .unwrap();
    assert_eq!(kinds(&findings), ["duplicate_reply"]);
    assert_eq!(findings[0].seq(), 5);
    c.observe_mobile::<DesEvent>("onAccountRequested", Some(&json!({"requestId": B})), s(5))
        .unwrap();
    let findings = c
        .observe_mobile::<PartnerEvent>(
            "accountRequestedFailed",
            Some(&json!({"requestId": A})),
            s(6),
        )
        .unwrap();
    assert_eq!(kinds(&findings), ["echo_mismatch"]);
}

#[test]
fn credentials_never_appear_in_findings() {
    let mut c = session();
    let mut findings = bank(&mut c, "updateToken", update_token(A), 0);
    des(&mut c, "onIdTokenDidExpire", token_expired(B), 1);
    findings.extend(bank(&mut c, "updateToken", update_token(A), 2));
    // A reply whose `requestId` is the token itself (a confused client), and one
    // with the token in place of the message.
    findings.extend(bank(
        &mut c,
        "updateToken",
        json!({"requestId": TOKEN, "idToken": TOKEN}),
        3,
    ));
    findings.extend(bank(&mut c, "updateToken", json!(TOKEN), 4));
    findings.extend(c.expire(s(100), s(1)));
    findings.extend(bank(&mut c, "updateToken", update_token(B), 101));
    findings.extend(bank(&mut c, "updateToken", update_token(B), 102));
    assert_eq!(findings.len(), 7);
    for finding in &findings {
        for text in [finding.to_string(), format!("{finding:?}")] {
            assert!(!text.contains("c2VjcmV0"), "{text}");
        }
    }
    let secret = Side::of::<PartnerEvent>();
    assert!(secret.is_secret("updateToken", "idToken"));
    assert!(!secret.is_secret("updateToken", "requestId"));
    assert!(!secret.is_secret("updateToken", "id"));
    let message = update_token(A);
    let secrets = secret.secrets("updateToken", Some(&message));
    assert_eq!(secrets, [TOKEN]);
    assert!(
        secret
            .key("updateToken", "idToken", Some(&message), &secrets)
            .secret
    );
    assert!(
        !secret
            .key("updateToken", "requestId", Some(&message), &secrets)
            .secret
    );
    assert_eq!(show(&json!(TOKEN), true), "<redacted>");
}

#[test]
fn other_forms_err_on_the_side_of_secrecy() {
    let side = Side {
        content: None,
        credentials: &[("e", "/message/auth/token"), ("e", "/message/a~1b")],
        ..Side::of::<PartnerEvent>()
    };
    assert!(side.is_secret("e", "auth"));
    assert!(side.is_secret("e", "token"));
    assert!(side.is_secret("e", "a/b"));
    assert!(!side.is_secret("e", "au"));
    assert!(!side.is_secret("f", "auth"));
    let message = json!({"auth": {"token": "x-secret"}, "a/b": ["y-secret"]});
    assert_eq!(side.secrets("e", Some(&message)), ["x-secret", "y-secret"]);
    assert!(side.secrets("f", Some(&message)).is_empty());
    // The classic envelope is exact.
    let classic = Side::of::<PartnerEvent>();
    assert!(!classic.is_secret("updateToken", "message"));
}

#[test]
fn long_values_are_shortened() {
    let long = "é".repeat(200);
    let shown = show(&json!(long), false);
    assert_eq!(shown.chars().count(), SHOWN_CHARS + 1);
    assert!(shown.ends_with('…'));
}

#[test]
fn an_unknown_side_is_a_usage_error() {
    let mut c = Conversation::new::<DesEvent, DesEvent>();
    let err = c
        .observe::<PartnerEvent>("updateToken", None, s(0))
        .unwrap_err();
    assert_eq!(err.side(), "PartnerEvent");
    assert_eq!(
        err.to_string(),
        "`PartnerEvent` is not a side of this conversation (`DesEvent` and `DesEvent`)"
    );
    assert_eq!(c.observed(), 0);
    // Unknown events and non-request events are numbered but open nothing.
    des(&mut c, "onSomethingNew", json!({"requestId": A}), 0);
    des(&mut c, "onIdTokenDidExpire", token_expired(A), 0);
    assert_eq!(c.observed(), 2);
    assert!(c.open_requests().is_empty(), "no reply to it on this side");
}

#[test]
fn the_closed_set_is_capped() {
    let mut c = session();
    for n in 0..=CLOSED_CAP {
        let id = format!("id-{n}");
        des(&mut c, "onIdTokenDidExpire", token_expired(&id), 0);
        assert!(bank(&mut c, "updateToken", update_token(&id), 0).is_empty());
    }
    assert_eq!(c.closed.len(), CLOSED_CAP);
    // The first was forgotten; the second is still known.
    assert_eq!(
        kinds(&bank(&mut c, "updateToken", update_token("id-0"), 1)),
        ["unexpected_reply"]
    );
    assert_eq!(
        kinds(&bank(&mut c, "updateToken", update_token("id-1"), 1)),
        ["duplicate_reply"]
    );
}

#[test]
fn kinds_have_snake_case_names() {
    let all = [
        FindingKind::UnexpectedReply,
        FindingKind::EchoMismatch,
        FindingKind::DuplicateReply,
        FindingKind::Unanswered,
        FindingKind::TimedOut,
    ];
    let names: Vec<String> = all.iter().map(ToString::to_string).collect();
    assert_eq!(
        names,
        [
            "unexpected_reply",
            "echo_mismatch",
            "duplicate_reply",
            "unanswered",
            "timed_out"
        ]
    );
}

/// A small deterministic generator (64-bit LCG): the mixed session below is the same on
/// every run and every platform.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

/// A session that leaves many requests open, with every kind of reply mixed in: right,
/// out of order, duplicate, late, unexpected, half-echoed, missing or number-typed ids,
/// shared consent ids, and expiries. Returns every finding (and the open requests at a
/// few points) as text, one line each.
fn mixed_session_with_many_open() -> String {
    let mut c = session();
    let mut rng = Lcg(0x5eed_7a39_a441);
    let mut out = Vec::new();
    let push = |found: Vec<Finding>, out: &mut Vec<String>| {
        for finding in found {
            out.push(format!("{finding} / {:?}", finding.request()));
        }
    };
    let mut tokens = 0u64;
    let mut consents = 0u64;
    let mut accounts = 0u64;
    let pick = |rng: &mut Lcg, n: u64| {
        // Mostly recent ones, sometimes any, sometimes one never sent.
        match rng.below(4) {
            0 => n + 1 + rng.below(3),
            1 => rng.below(n.max(1)),
            _ => n.saturating_sub(1 + rng.below(20)),
        }
    };
    let id = |kind: &str, n: u64| Value::String(format!("{kind}-{n}"));
    for step in 0..2_400u64 {
        let at = step / 4;
        let found = match rng.below(20) {
            0..=3 => {
                tokens += 1;
                let message = match rng.below(10) {
                    0 => json!({}),
                    1 => json!({ "requestId": tokens }),
                    // A repeated id: two open requests echo the same.
                    2 => json!({ "requestId": id("t", tokens.saturating_sub(1)) }),
                    _ => json!({ "requestId": id("t", tokens) }),
                };
                des(&mut c, "onIdTokenDidExpire", message, at)
            }
            4..=6 => {
                consents += 1;
                let consent = if rng.below(5) == 0 {
                    id("k", consents / 7)
                } else {
                    id("c", consents)
                };
                let message = json!({ "requestId": id("r", consents), "consentId": consent });
                des(&mut c, "onTransferConsentRequested", message, at)
            }
            7 | 8 => {
                accounts += 1;
                let message = json!({ "requestId": id("a", accounts), "dreamId": "d" });
                des(&mut c, "onAccountRequested", message, at)
            }
            9..=11 => {
                let n = pick(&mut rng, tokens);
                let message = match rng.below(10) {
                    0 => json!({ "idToken": TOKEN }),
                    1 => json!({ "requestId": n as f64, "idToken": TOKEN }),
                    2 => json!({ "requestId": n, "idToken": TOKEN }),
                    _ => json!({ "requestId": id("t", n), "idToken": TOKEN }),
                };
                bank(&mut c, "updateToken", message, at)
            }
            12..=15 => {
                let n = pick(&mut rng, consents);
                let request = id("r", n);
                let consent = match rng.below(6) {
                    0 => id("k", n / 7),
                    1 => id("c", pick(&mut rng, consents)),
                    _ => id("c", n),
                };
                let message = match rng.below(8) {
                    0 => json!({ "consentId": consent, "consentRef": "ref" }),
                    1 => json!({ "requestId": request, "consentRef": "ref" }),
                    2 => {
                        json!({ "requestId": id("r", pick(&mut rng, consents)), "consentId": consent })
                    }
                    _ => json!({ "requestId": request, "consentId": consent, "consentRef": "ref" }),
                };
                let event = if rng.below(3) == 0 {
                    "onTransferConsentCancelled"
                } else {
                    "onTransferConsentSucceeded"
                };
                bank(&mut c, event, message, at)
            }
            16 | 17 => {
                let n = pick(&mut rng, accounts);
                let message = json!({ "requestId": id("a", n), "accountId": "x" });
                let event = if rng.below(2) == 0 {
                    "onAccountRequestedFailed"
                } else {
                    "onAccountRequestedSucceeded"
                };
                bank(&mut c, event, message, at)
            }
            18 => bank(
                &mut c,
                "navigateTo",
                json!({ "requestId": id("t", tokens) }),
                at,
            ),
            _ => {
                if rng.below(6) == 0 {
                    c.expire(s(at), s(200 + rng.below(400)))
                } else if rng.below(6) == 0 {
                    let open: Vec<usize> = c.open_requests().iter().map(OpenRequest::seq).collect();
                    out.push(format!("open at #{}: {open:?}", c.observed()));
                    Vec::new()
                } else {
                    Vec::new()
                }
            }
        };
        push(found, &mut out);
    }
    out.push(format!("open at the end: {}", c.open_requests().len()));
    push(c.finish(), &mut out);
    out.join("\n") + "\n"
}

/// Many open requests give the findings that the first, scanning implementation gave
/// (recorded in `snapshots/des_events__protocol__tests__many_open.snap`;
/// `INSTA_UPDATE=always cargo test -p des-events --lib protocol` rewrites it).
#[test]
fn many_open_requests_give_the_recorded_findings() {
    insta::assert_snapshot!("many_open", mixed_session_with_many_open());
}
