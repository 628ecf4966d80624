//! The adapter between the sandbox and the library: every validation and protocol call
//! the sandbox makes goes through this module, so that the receiver policies and the
//! request/reply `Conversation` of issue 11 can be wired in here alone.
//!
//! Decoding goes through `PartnerEvent::from_json_with(text, policy)` (issue 11's
//! receiver policies): under `tolerant`, unknown fields, values and events are warnings;
//! under both, a schema-declared legacy value (`x-des-legacy`) is accepted with a
//! warning.
//!
//! The request/reply check is the library's `des_events::protocol::Conversation`
//! ([`Conversation`] below maps its message numbers to the scenario's steps): every DES
//! step and every known partner event is observed, valid or not, so a reply without
//! `requestId` is both an invalid row and an `echo_mismatch`.

use std::collections::HashMap;
use std::time::Duration;

use des_events::des::DesEvent;
use des_events::envelope::EventSet;
use des_events::partner::PartnerEvent;
use des_events::protocol;
use des_events::{Error, EventUnion};
use serde::Serialize;
use serde_json::Value;

use crate::cli::Bundled;
use crate::cli::verdict::failure;

/// The longest text taken from a received message into a row (an error message, a
/// found value, an unknown event name); longer text is cut and marked with `…`.
const MAX_TEXT: usize = 300;

pub use des_events::Policy;

/// Why a message is not a valid event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// A stable category: `syntax`, `unknown_event`, `missing_field`, `unknown_field`,
    /// `wrong_type`, `constraint`, ... (the `check --json` kinds), or one of the sandbox's
    /// own: `not_a_string`, `too_large`, `not_utf8`.
    pub kind: &'static str,
    /// The readable path of the offending value (`""`: the whole document).
    pub path: String,
    /// The same path as an RFC 6901 JSON Pointer.
    pub pointer: String,
    /// The runtime's message (credentials redacted), cut to a readable length.
    pub message: String,
}

impl Problem {
    /// A problem with the whole document, found by the sandbox rather than the runtime.
    pub fn whole(kind: &'static str, message: String) -> Problem {
        Problem {
            kind,
            path: String::new(),
            pointer: String::new(),
            message,
        }
    }
}

/// A harmless deviation, reported next to a valid value (tolerant policy only).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// The readable path of the deviation.
    pub path: String,
    /// `unknown_field`, `unknown_value`, `unknown_event` or `legacy_value`.
    pub kind: &'static str,
    /// What was found.
    pub message: String,
}

/// The verdict on one received partner message.
#[derive(Clone, Debug, Default)]
pub struct Judged {
    /// The event name, when the envelope has one (possibly unknown, cut).
    pub event: Option<String>,
    /// Why it is invalid; `None` when valid.
    pub problem: Option<Problem>,
    /// Deviations tolerated by the policy.
    pub warnings: Vec<Warning>,
}

/// Judges the text of one message that the bank posted to DES.
pub fn judge_partner(text: &str, policy: Policy) -> Judged {
    match PartnerEvent::from_json_with(text, policy) {
        Ok(decoded) => {
            let (event, warnings) = decoded.into_parts();
            Judged {
                event: Some(cut(event.event_name())),
                problem: None,
                warnings: warnings
                    .iter()
                    .map(|warning| Warning {
                        path: warning.path().to_string(),
                        kind: warning.kind().as_str(),
                        message: cut(warning.message()),
                    })
                    .collect(),
            }
        }
        Err(err) => {
            let event = err.event().map(cut).or_else(|| envelope_event(text));
            Judged {
                event,
                problem: Some(problem(&err)),
                warnings: Vec::new(),
            }
        }
    }
}

/// Checks a DES event the sandbox is about to send (a scenario step).
pub fn check_des(text: &str) -> Result<(), Problem> {
    DesEvent::from_json(text)
        .map(|_| ())
        .map_err(|err| problem(&err))
}

fn problem(err: &Error) -> Problem {
    let failure = failure(err, Some(Bundled::Partner));
    let mut message = cut(&failure.message);
    if err.is_unknown_event() && err.event().is_some_and(DesEvent::has_event) {
        message.push_str(" (a DES event: DES sends it, the bank app does not)");
    }
    Problem {
        kind: failure.kind,
        path: failure.path.unwrap_or_default(),
        pointer: failure.pointer.unwrap_or_default(),
        message,
    }
}

/// The `event` member of a JSON object, when it is a string, for rows of messages
/// whose error does not name it.
fn envelope_event(text: &str) -> Option<String> {
    let Value::Object(members) = serde_json::from_str::<Value>(text).ok()? else {
        return None;
    };
    members.get("event")?.as_str().map(cut)
}

/// `text`, cut to [`MAX_TEXT`] characters.
pub fn cut(text: &str) -> String {
    match text.char_indices().nth(MAX_TEXT) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

/// A protocol violation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// `unexpected_reply`, `echo_mismatch`, `duplicate_reply`, `unanswered` or
    /// `timed_out`.
    pub kind: &'static str,
    /// For people, e.g. "reply to onIdTokenDidExpire (step 3): requestId does not echo".
    pub message: String,
    /// The scenario step (0-based) of the request concerned, when there is one.
    pub step: Option<usize>,
}

/// What the conversation made of a received message.
#[derive(Debug, Default)]
pub struct Observed {
    /// Violations found.
    pub findings: Vec<Finding>,
    /// The step whose request this message answered, if any.
    pub answers: Option<usize>,
}

/// Whether some partner event replies to the DES event `event` (`x-des-reply-to`).
pub fn expects_reply(event: &str) -> bool {
    PartnerEvent::REPLY_TO.contains(&Some(event))
}

/// The request/reply check of one session: the library's
/// [`des_events::protocol::Conversation`], with its sequence numbers mapped back to the
/// scenario's steps.
pub struct Conversation {
    /// `None` once finished.
    inner: Option<protocol::Conversation>,
    /// The scenario step of each request DES sent, by the library's sequence number.
    steps: HashMap<usize, usize>,
}

impl Default for Conversation {
    fn default() -> Conversation {
        Conversation::new()
    }
}

impl Conversation {
    /// A conversation with nothing sent yet.
    pub fn new() -> Conversation {
        Conversation {
            inner: Some(protocol::Conversation::new::<DesEvent, PartnerEvent>()),
            steps: HashMap::new(),
        }
    }

    /// DES sent `event` with `message` as scenario step `step`.
    pub fn sent(&mut self, step: usize, event: &str, message: &Value, at: Duration) {
        let Some(inner) = self.inner.as_mut() else {
            return;
        };
        // Only the union's own side can fail, and `DesEvent` is a side.
        if inner.observe::<DesEvent>(event, Some(message), at).is_ok() {
            self.steps.insert(inner.observed(), step);
        }
    }

    /// The bank sent `event` (a known partner event) with `message` (`None`: the
    /// envelope had no `message`).
    pub fn received(&mut self, event: &str, message: Option<&Value>, at: Duration) -> Observed {
        let Some(inner) = self.inner.as_mut() else {
            return Observed::default();
        };
        let open = |inner: &protocol::Conversation| -> Vec<usize> {
            inner
                .open_requests()
                .iter()
                .map(|request| request.seq())
                .collect()
        };
        let before = open(inner);
        let findings = inner
            .observe::<PartnerEvent>(event, message, at)
            .unwrap_or_default();
        let after = open(inner);
        // The request this reply answered is the one that left the open list.
        let answers = before
            .iter()
            .find(|seq| !after.contains(seq))
            .and_then(|seq| self.steps.get(seq).copied());
        Observed {
            findings: findings.iter().map(|found| self.finding(found)).collect(),
            answers,
        }
    }

    /// The request of `step` got no reply within `waited` (the page says so at `now`).
    pub fn expire(&mut self, step: usize, waited: Duration, now: Duration) -> Vec<Finding> {
        let Some(inner) = self.inner.as_mut() else {
            return Vec::new();
        };
        let opened = inner
            .open_requests()
            .iter()
            .find(|request| self.steps.get(&request.seq()) == Some(&step))
            .map(|request| request.at());
        let Some(opened) = opened else {
            return Vec::new();
        };
        // The page's clock and ours differ a little: the step's request (and any older
        // one) is open longer than `waited` when the page says so.
        let now = now.max(opened + waited + Duration::from_millis(1));
        let findings = inner.expire(now, waited);
        findings.iter().map(|found| self.finding(found)).collect()
    }

    /// The session is over: every request still open is unanswered.
    pub fn finish(&mut self) -> Vec<Finding> {
        let Some(inner) = self.inner.take() else {
            return Vec::new();
        };
        let findings = inner.finish();
        findings.iter().map(|found| self.finding(found)).collect()
    }

    /// A library finding as a row's finding, with the step of its request.
    fn finding(&self, found: &protocol::Finding) -> Finding {
        let step = found
            .request()
            .and_then(|(_, seq)| self.steps.get(&seq).copied());
        Finding {
            kind: found.kind().as_str(),
            message: cut(found.message()),
            step,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "a2313192-e2dc-452e-b56c-2f23baf6eee1";

    #[test]
    fn requests_are_the_events_the_partner_schema_answers() {
        assert!(expects_reply("onIdTokenDidExpire"));
        assert!(expects_reply("onTransferConsentRequested"));
        assert!(!expects_reply("onShare"));
    }

    #[test]
    fn replies_are_matched_to_their_steps_and_checked() {
        let mut talk = Conversation::new();
        let request = serde_json::json!({ "requestId": ID });
        talk.sent(2, "onIdTokenDidExpire", &request, Duration::ZERO);
        let good = talk.received("updateToken", Some(&request), Duration::ZERO);
        assert_eq!((good.answers, good.findings.len()), (Some(2), 0));
        let again = talk.received("updateToken", Some(&request), Duration::ZERO);
        assert_eq!(
            (again.findings[0].kind, again.findings[0].step),
            ("duplicate_reply", Some(2))
        );
        let stray = talk.received("accountProvisioned", Some(&request), Duration::ZERO);
        assert_eq!(stray.findings[0].kind, "unexpected_reply");

        // A reply without its message echoes nothing: the request stays open.
        talk.sent(3, "onIdTokenDidExpire", &request, Duration::ZERO);
        let bare = talk.received("updateToken", None, Duration::ZERO);
        assert_eq!(bare.answers, None);
        assert_eq!(
            (bare.findings[0].kind, bare.findings[0].step),
            ("echo_mismatch", Some(3))
        );
        assert!(bare.findings[0].message.contains("requestId"), "{:?}", bare);
        assert_eq!(
            talk.received("updateToken", Some(&request), Duration::ZERO)
                .answers,
            Some(3)
        );

        talk.sent(4, "onAccountProvisionRequested", &request, Duration::ZERO);
        talk.sent(5, "onAccountRequested", &request, Duration::from_secs(1));
        let expired = talk.expire(4, Duration::from_millis(10), Duration::from_millis(20));
        assert_eq!(
            (expired.len(), expired[0].kind, expired[0].step),
            (1, "timed_out", Some(4))
        );
        let left = talk.finish();
        assert_eq!(
            (left.len(), left[0].kind, left[0].step),
            (1, "unanswered", Some(5))
        );
        assert!(talk.finish().is_empty());
    }

    #[test]
    fn credentials_and_long_text_stay_out_of_verdicts() {
        let token = "eyJhbGciOiJIUzI1NiJ9.c2VjcmV0LXRva2Vu.sig";
        let text = format!(
            r#"{{"event":"updateToken","message":{{"requestId":"42","idToken":"{token}"}}}}"#
        );
        let judged = judge_partner(&text, Policy::Strict);
        let problem = judged
            .problem
            .unwrap_or_else(|| Problem::whole("none", String::new()));
        assert_eq!(problem.kind, "constraint");
        let judged = judge_partner(
            &format!(r#"{{"event":"updateToken","message":{{"requestId":"{ID}","idToken":42}}}}"#),
            Policy::Strict,
        );
        assert!(judged.problem.is_some());
        assert!(!format!("{judged:?}").contains(token));
        let long = "x".repeat(10_000);
        let judged = judge_partner(
            &format!(r#"{{"event":"{long}","message":{{}}}}"#),
            Policy::Strict,
        );
        assert!(
            judged
                .event
                .is_some_and(|e| e.chars().count() == MAX_TEXT + 1)
        );
    }
}
