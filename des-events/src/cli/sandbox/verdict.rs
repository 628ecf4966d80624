//! The adapter between the sandbox and the library: every validation and protocol call
//! the sandbox makes goes through this module, so that the receiver policies and the
//! request/reply `Conversation` of issue 11 can be wired in here alone.
//!
//! Decoding goes through `PartnerEvent::from_json_with(text, policy)` (issue 11's
//! receiver policies): under `tolerant`, unknown fields, values and events are warnings;
//! under both, a schema-declared legacy value (`x-des-legacy`) is accepted with a
//! warning.
//!
//! **Interim (until issue 11's protocol lands on main):** the request/reply check is a
//! small stand-in
//! ([`Conversation`] below) driven by the bundled partner schema's `x-des-reply-to` and
//! `x-des-echo` annotations; its finding kinds are the ones issue 11 names
//! (`unexpected_reply`, `echo_mismatch`, `duplicate_reply`, `unanswered`, `timed_out`).
//! When `des_events::protocol::Conversation` lands, [`Conversation`] wraps the
//! library's: `sent` and `received` call `observe::<DesEvent>` / `observe::<PartnerEvent>`
//! for every message (the library numbers them all), remembering the number of each
//! step's request; the step a reply answered is the request that left the open list;
//! `expire(step, waited)` calls `expire(now, waited)`; `finish` calls `finish()`. The
//! rows, the page and the report keep the shapes defined here.

use std::collections::HashMap;
use std::sync::OnceLock;
use std::time::Duration;

use des_events::des::DesEvent;
use des_events::partner::PartnerEvent;
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

/// Which partner event replies to which DES event, and which fields echo: from the
/// bundled partner schema's annotations.
struct Reply {
    to: String,
    echo: Vec<String>,
}

fn replies() -> &'static HashMap<String, Reply> {
    static REPLIES: OnceLock<HashMap<String, Reply>> = OnceLock::new();
    REPLIES.get_or_init(|| {
        let mut table = HashMap::new();
        let Ok(schema) = serde_json::from_str::<Value>(Bundled::Partner.text()) else {
            return table;
        };
        for branch in schema["oneOf"].as_array().into_iter().flatten() {
            let (Some(event), Some(to)) = (
                branch["properties"]["event"]["const"].as_str(),
                branch["x-des-reply-to"].as_str(),
            ) else {
                continue;
            };
            let echo = branch["properties"]["message"]["properties"]
                .as_object()
                .into_iter()
                .flatten()
                .filter(|(_, field)| field["x-des-echo"] == Value::Bool(true))
                .map(|(name, _)| name.clone())
                .collect();
            table.insert(
                event.to_owned(),
                Reply {
                    to: to.to_owned(),
                    echo,
                },
            );
        }
        table
    })
}

/// Whether some partner event replies to the DES event `event`.
pub fn expects_reply(event: &str) -> bool {
    replies().values().any(|reply| reply.to == event)
}

/// One request DES sent.
struct Request {
    step: usize,
    event: String,
    message: Value,
    state: State,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Open,
    Answered,
    TimedOut,
}

/// The request/reply check of one session (interim stand-in, see the module comment).
#[derive(Default)]
pub struct Conversation {
    requests: Vec<Request>,
}

impl Conversation {
    /// A conversation with nothing sent yet.
    pub fn new() -> Conversation {
        Conversation::default()
    }

    /// DES sent `event` with `message` as scenario step `step`.
    pub fn sent(&mut self, step: usize, event: &str, message: &Value, _at: Duration) {
        if expects_reply(event) {
            self.requests.push(Request {
                step,
                event: event.to_owned(),
                message: message.clone(),
                state: State::Open,
            });
        }
    }

    /// The bank sent `event` (a known partner event) with `message` (`None`: the
    /// envelope had no `message`).
    pub fn received(&mut self, event: &str, message: Option<&Value>, _at: Duration) -> Observed {
        let Some(reply) = replies().get(event) else {
            return Observed::default();
        };
        // A request is a candidate when every echo field the reply carries equals the
        // request's; a reply that carries none (the deployed SDK's) may answer any.
        let fits = |request: &Request| {
            reply
                .echo
                .iter()
                .all(|field| match message.and_then(|m| m.get(field)) {
                    Some(found) => request.message.get(field) == Some(found),
                    None => true,
                })
        };
        let answering = self
            .requests
            .iter()
            .position(|r| r.event == reply.to && r.state == State::Open && fits(r));
        let Some(index) = answering else {
            let open = self
                .requests
                .iter()
                .any(|r| r.event == reply.to && r.state == State::Open);
            let done = self
                .requests
                .iter()
                .find(|r| r.event == reply.to && r.state != State::Open && fits(r));
            let finding = match (open, done) {
                (true, _) => Finding {
                    kind: "echo_mismatch",
                    message: format!(
                        "{event}: no open {} request has {}",
                        reply.to,
                        echoed(&reply.echo, message)
                    ),
                    step: None,
                },
                (false, Some(done)) => Finding {
                    kind: "duplicate_reply",
                    message: format!(
                        "{event} answers {} (step {}) again: it was already {}",
                        done.event,
                        done.step + 1,
                        if done.state == State::TimedOut {
                            "timed out"
                        } else {
                            "answered"
                        }
                    ),
                    step: Some(done.step),
                },
                (false, None) => Finding {
                    kind: "unexpected_reply",
                    message: format!(
                        "{event} replies to {}, but no such request is open",
                        reply.to
                    ),
                    step: None,
                },
            };
            return Observed {
                findings: vec![finding],
                answers: None,
            };
        };
        let Some(request) = self.requests.get_mut(index) else {
            return Observed::default();
        };
        request.state = State::Answered;
        let findings = reply
            .echo
            .iter()
            .filter_map(|field| {
                let expected = request.message.get(field)?;
                let found = message.and_then(|m| m.get(field));
                (found != Some(expected)).then(|| Finding {
                    kind: "echo_mismatch",
                    message: format!(
                        "reply to {} (step {}): {field} does not echo: expected {}, found {}",
                        request.event,
                        request.step + 1,
                        shown(Some(expected)),
                        shown(found)
                    ),
                    step: Some(request.step),
                })
            })
            .collect();
        Observed {
            findings,
            answers: Some(request.step),
        }
    }

    /// The request of `step` got no reply within `waited`.
    pub fn expire(&mut self, step: usize, waited: Duration) -> Vec<Finding> {
        let mut findings = Vec::new();
        for request in &mut self.requests {
            if request.step == step && request.state == State::Open {
                request.state = State::TimedOut;
                findings.push(Finding {
                    kind: "timed_out",
                    message: format!(
                        "{} (step {}) got no reply within {} ms",
                        request.event,
                        step + 1,
                        waited.as_millis()
                    ),
                    step: Some(step),
                });
            }
        }
        findings
    }

    /// The session is over: every request still open is unanswered.
    pub fn finish(&mut self) -> Vec<Finding> {
        let mut findings = Vec::new();
        for request in &mut self.requests {
            if request.state == State::Open {
                request.state = State::TimedOut;
                findings.push(Finding {
                    kind: "unanswered",
                    message: format!(
                        "{} (step {}) was never answered",
                        request.event,
                        request.step + 1
                    ),
                    step: Some(request.step),
                });
            }
        }
        findings
    }
}

/// The echo fields a reply carries, as shown in a finding: `requestId "x"`.
fn echoed(fields: &[String], message: Option<&Value>) -> String {
    let shown: Vec<String> = fields
        .iter()
        .filter_map(|field| Some(format!("{field} {}", shown(Some(message?.get(field)?)))))
        .collect();
    shown.join(" and ")
}

/// An echoed value as shown in a finding.
fn shown(value: Option<&Value>) -> String {
    match value {
        None => "nothing".to_owned(),
        Some(value) => cut(&value.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "a2313192-e2dc-452e-b56c-2f23baf6eee1";

    #[test]
    fn the_reply_table_comes_from_the_schema() {
        assert!(expects_reply("onIdTokenDidExpire"));
        assert!(expects_reply("onTransferConsentRequested"));
        assert!(!expects_reply("onShare"));
        let mut echo = replies()["onTransferConsentSucceeded"].echo.clone();
        echo.sort_unstable();
        assert_eq!(echo, ["consentId", "requestId"]);
    }

    #[test]
    fn replies_are_matched_and_checked() {
        let mut talk = Conversation::new();
        let request = serde_json::json!({ "requestId": ID });
        talk.sent(2, "onIdTokenDidExpire", &request, Duration::ZERO);
        let good = talk.received("updateToken", Some(&request), Duration::ZERO);
        assert_eq!((good.answers, good.findings.len()), (Some(2), 0));
        let again = talk.received("updateToken", Some(&request), Duration::ZERO);
        assert_eq!(again.findings[0].kind, "duplicate_reply");
        let stray = talk.received("accountProvisioned", Some(&request), Duration::ZERO);
        assert_eq!(stray.findings[0].kind, "unexpected_reply");

        talk.sent(3, "onIdTokenDidExpire", &request, Duration::ZERO);
        let bare = talk.received("updateToken", None, Duration::ZERO);
        assert_eq!(bare.answers, Some(3));
        assert_eq!(bare.findings[0].kind, "echo_mismatch");
        assert!(bare.findings[0].message.contains("requestId does not echo"));

        talk.sent(6, "onIdTokenDidExpire", &request, Duration::ZERO);
        let other = serde_json::json!({ "requestId": "9876e07a-8aec-422c-845d-c70db7df14aa" });
        let wrong = talk.received("updateToken", Some(&other), Duration::ZERO);
        assert_eq!(
            (wrong.answers, wrong.findings[0].kind),
            (None, "echo_mismatch")
        );
        assert!(
            wrong.findings[0]
                .message
                .contains("no open onIdTokenDidExpire request has requestId")
        );
        assert_eq!(
            talk.received("updateToken", Some(&request), Duration::ZERO)
                .answers,
            Some(6)
        );

        talk.sent(4, "onAccountProvisionRequested", &request, Duration::ZERO);
        talk.sent(5, "onAccountRequested", &request, Duration::ZERO);
        assert_eq!(
            talk.expire(4, Duration::from_millis(10))[0].kind,
            "timed_out"
        );
        let left = talk.finish();
        assert_eq!(
            (left.len(), left[0].kind, left[0].step),
            (1, "unanswered", Some(5))
        );
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
