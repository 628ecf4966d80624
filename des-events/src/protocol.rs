//! The request/reply protocol check: follows the messages of one session in both
//! directions and reports replies that answer nothing, answer twice or fail to echo
//! their request's ids, and requests that are never answered or answered too late.
//!
//! The schemas say which event answers which (`x-des-reply-to`) and which reply fields
//! must copy the request's value (`x-des-echo`, e.g. `requestId`). An event that some
//! event of the other side names in `x-des-reply-to` is a **request**; an event with
//! `x-des-reply-to` is a **reply**. A [`Conversation`] numbers every message it observes
//! (1, 2, 3, ... in observation order), keeps each request open until a reply of the
//! right name echoes it, and reports a [`Finding`] for everything that goes wrong.
//!
//! It works on raw JSON values, so it also follows messages that failed schema
//! validation: a reply without its `requestId` is reported here as well.
//!
//! `message` is always the message itself: the `message` of the envelope (the content
//! property of a tagged union), the bare message of a mobile call, or, for a flat union,
//! the document less its tag. [`Conversation::observe_event`] reads `message_json()`,
//! which for an open envelope is the whole envelope: pass its content to
//! [`Conversation::observe`] instead.
//!
//! ```
//! use std::time::Duration;
//! use des_events::des::DesEvent;
//! use des_events::partner::PartnerEvent;
//! use des_events::protocol::{Conversation, FindingKind};
//! use des_events::serde_json::json;
//!
//! let mut session = Conversation::new::<DesEvent, PartnerEvent>();
//! let s = Duration::from_secs;
//! // DES asks for a new token (#1) and the app answers it (#2): nothing to report.
//! let request = json!({"requestId": "a2313192-e2dc-452e-b56c-2f23baf6eee1"});
//! assert!(session.observe::<DesEvent>("onIdTokenDidExpire", Some(&request), s(0))?.is_empty());
//! let reply = json!({"requestId": "a2313192-e2dc-452e-b56c-2f23baf6eee1", "idToken": "eyJ.secret.sig"});
//! assert!(session.observe::<PartnerEvent>("updateToken", Some(&reply), s(1))?.is_empty());
//!
//! // A second request (#3), answered with a wrong id (#4).
//! let request = json!({"requestId": "9876e07a-8aec-422c-845d-c70db7df14aa"});
//! session.observe::<DesEvent>("onIdTokenDidExpire", Some(&request), s(60))?;
//! let reply = json!({"requestId": "0b723ca9-4b47-4b6e-84f6-03da8df17f3a", "idToken": "eyJ.secret.sig"});
//! let findings = session.observe::<PartnerEvent>("updateToken", Some(&reply), s(61))?;
//! assert_eq!(findings[0].kind(), FindingKind::EchoMismatch);
//! assert_eq!(findings[0].request(), Some(("onIdTokenDidExpire", 3)));
//! assert!(findings[0].to_string().starts_with(
//!     "[echo_mismatch] updateToken #4: reply to onIdTokenDidExpire #3: requestId does not echo"));
//! // The token is a credential: it never appears in a finding.
//! assert!(!findings[0].to_string().contains("secret"));
//!
//! // Request #3 is still open when the session ends.
//! let findings = session.finish();
//! assert_eq!(findings[0].kind(), FindingKind::Unanswered);
//! assert_eq!((findings[0].event(), findings[0].seq()), ("onIdTokenDidExpire", 3));
//! # Ok::<(), des_events::protocol::UnknownSide>(())
//! ```
//!
//! # Memory
//!
//! A conversation keeps, per side, references to the generated tables; per open request
//! its name, number, time and the values of the fields its replies echo; and the same
//! for the last [`CLOSED_CAP`] closed requests (answered or timed out), so that a
//! duplicate or late reply can be told from a reply to nothing. Nothing else of a message
//! is kept. Open requests stay until they are answered, [`Conversation::expire`]d or
//! [`Conversation::finish`]ed: call `expire` regularly on a long session.

use std::collections::VecDeque;
use std::fmt;
use std::time::Duration;

use serde_json::Value;

use des_events_core::Path;
use des_events_core::json::equal;

use crate::envelope::EventSet;

/// How many closed requests (answered or timed out) a [`Conversation`] remembers to
/// recognize duplicate and late replies; older ones are forgotten, oldest first, and a
/// reply to them is then reported as an unexpected reply.
pub const CLOSED_CAP: usize = 10_000;

/// At most this many characters of an echoed value are quoted in a finding.
const SHOWN_CHARS: usize = 80;

/// What a [`Finding`] reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FindingKind {
    /// A reply to no open request of that name (none was sent, or it timed out: "late").
    UnexpectedReply,
    /// Requests of that name are open, but the reply echoes none of them (a field
    /// differs or is missing).
    EchoMismatch,
    /// The reply echoes a request that was already answered.
    DuplicateReply,
    /// The request was still open when the conversation finished.
    Unanswered,
    /// The request was open longer than the timeout given to [`Conversation::expire`].
    TimedOut,
}

impl FindingKind {
    /// The kind in snake case: `unexpected_reply`, `echo_mismatch`, `duplicate_reply`,
    /// `unanswered`, `timed_out`.
    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::UnexpectedReply => "unexpected_reply",
            FindingKind::EchoMismatch => "echo_mismatch",
            FindingKind::DuplicateReply => "duplicate_reply",
            FindingKind::Unanswered => "unanswered",
            FindingKind::TimedOut => "timed_out",
        }
    }
}

impl fmt::Display for FindingKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One protocol problem. Its text never contains a credential (`x-des-credential`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    kind: FindingKind,
    seq: usize,
    event: String,
    request: Option<(&'static str, usize)>,
    message: String,
}

impl Finding {
    /// What went wrong.
    pub fn kind(&self) -> FindingKind {
        self.kind
    }

    /// The number of the message the finding is about: the reply for the reply kinds,
    /// the request for [`FindingKind::Unanswered`] and [`FindingKind::TimedOut`].
    pub fn seq(&self) -> usize {
        self.seq
    }

    /// The event name of that message, as observed.
    pub fn event(&self) -> &str {
        &self.event
    }

    /// The request concerned, `(event, seq)`: the one the reply should have echoed, the
    /// one it answers again or too late, or the unanswered request itself; `None` for a
    /// reply to a request that was never seen.
    pub fn request(&self) -> Option<(&str, usize)> {
        self.request
    }

    /// The explanation, e.g. `reply to onIdTokenDidExpire #3: requestId does not echo
    /// ("9876e07a-…" in the request, "a2313192-…" here)`.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Finding {
    /// `[<kind>] <event> #<seq>: <message>`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "[{}] {} #{}: {}",
            self.kind, self.event, self.seq, self.message
        )
    }
}

/// A usage error: [`Conversation::observe`] was given a union that is neither side of
/// the conversation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownSide {
    side: &'static str,
    sides: [&'static str; 2],
}

impl UnknownSide {
    /// The name of the union that was given.
    pub fn side(&self) -> &'static str {
        self.side
    }
}

impl fmt::Display for UnknownSide {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not a side of this conversation (`{}` and `{}`)",
            self.side, self.sides[0], self.sides[1]
        )
    }
}

impl std::error::Error for UnknownSide {}

/// A request waiting for its reply.
#[derive(Clone, Debug, PartialEq)]
pub struct OpenRequest {
    side: usize,
    event: &'static str,
    seq: usize,
    at: Duration,
    /// The request's values of every field a reply to it echoes.
    keys: Vec<Key<Value>>,
}

/// A message field that a reply echoes.
#[derive(Clone, Debug, PartialEq)]
struct Key<V> {
    name: &'static str,
    /// `None`: absent.
    value: Option<V>,
    /// The value is, holds or contains a credential of its message: never shown.
    secret: bool,
}

impl<V: std::borrow::Borrow<Value>> Key<V> {
    /// The value, when present.
    fn value(&self) -> Option<&Value> {
        self.value.as_ref().map(std::borrow::Borrow::borrow)
    }

    /// The value for a finding: `<redacted>` when secret.
    fn show(&self) -> String {
        match self.value() {
            Some(value) => show(value, self.secret),
            None => "none".to_owned(),
        }
    }
}

impl OpenRequest {
    /// The request's event name.
    pub fn event(&self) -> &'static str {
        self.event
    }

    /// The request's number in the conversation.
    pub fn seq(&self) -> usize {
        self.seq
    }

    /// When it was observed.
    pub fn at(&self) -> Duration {
        self.at
    }
}

/// How a remembered request was closed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Closed {
    /// By this reply `(event, seq)`.
    Answered(&'static str, usize),
    /// By [`Conversation::expire`].
    TimedOut,
}

/// One side of the conversation: the generated tables of its union.
#[derive(Clone, Copy, Debug)]
struct Side {
    name: &'static str,
    events: &'static [&'static str],
    reply_to: &'static [Option<&'static str>],
    echo: &'static [&'static [&'static str]],
    credentials: &'static [(&'static str, &'static str)],
    handlers: &'static [&'static str],
    functions: &'static [Option<&'static str>],
    content: Option<&'static str>,
}

impl Side {
    fn of<T: EventSet>() -> Side {
        Side {
            name: T::NAME,
            events: T::EVENTS,
            reply_to: T::REPLY_TO,
            echo: T::ECHO,
            credentials: T::CREDENTIALS,
            handlers: T::MOBILE_HANDLERS,
            functions: T::MOBILE_FUNCTIONS,
            content: T::CONTENT,
        }
    }

    /// The message field `name` of `event`, with whether it must not be shown: it is,
    /// holds or contains a credential, or contains the value of one of the `secrets`.
    fn key<'v>(
        &self,
        event: &str,
        name: &'static str,
        message: Option<&'v Value>,
        secrets: &[&str],
    ) -> Key<&'v Value> {
        let value = message.and_then(|message| message.get(name));
        Key {
            name,
            value,
            secret: self.is_secret(event, name)
                || value.is_some_and(|value| contains_any(value, secrets)),
        }
    }

    /// The non-empty strings at `event`'s credential paths in `message`. The pointers
    /// start at the envelope (`/message/idToken`); outside the classic envelope they are
    /// also tried without their first one or two segments, to err on the side of secrecy.
    fn secrets<'v>(&self, event: &str, message: Option<&'v Value>) -> Vec<&'v str> {
        let mut found = Vec::new();
        let Some(message) = message else {
            return found;
        };
        let prefix = self.prefix();
        for (secret_event, pointer) in self.credentials {
            if *secret_event != event {
                continue;
            }
            let relative = pointer.strip_prefix(prefix.as_str());
            let shorter = || {
                pointer
                    .get(1..)
                    .and_then(|rest| rest.find('/').map(|at| &rest[at..]))
            };
            let mut candidates = vec![relative];
            if !self.classic() {
                candidates.push(shorter());
                candidates.push(shorter().and_then(|rest| {
                    rest.get(1..)
                        .and_then(|tail| tail.find('/').map(|at| &tail[at..]))
                }));
            }
            for relative in candidates.into_iter().flatten() {
                if let Some(value) = message.pointer(relative) {
                    strings(value, &mut found);
                }
            }
        }
        found
    }

    /// The pointer of the message in the envelope: `/message` in the classic form.
    fn prefix(&self) -> String {
        match self.content {
            Some(content) => Path::root().key(content).pointer(),
            None => String::new(),
        }
    }

    /// Whether the union has the classic closed envelope, whose credential pointers
    /// start at `/message`.
    fn classic(&self) -> bool {
        self.content == Some("message")
    }

    /// Whether `field` of `event`'s message is, or holds, a credential. Outside the
    /// classic envelope any credential pointer with a segment named `field` counts, to
    /// err on the side of secrecy.
    fn is_secret(&self, event: &str, field: &str) -> bool {
        let pointer = format!("{}{}", self.prefix(), Path::root().key(field).pointer());
        let segment = Path::root().key(field).pointer();
        let within = |inner: &str, outer: &str| {
            inner
                .strip_prefix(outer)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        };
        self.credentials.iter().any(|(secret_event, secret)| {
            *secret_event == event
                && (within(secret, &pointer)
                    || within(&pointer, secret)
                    || (!self.classic()
                        && secret
                            .match_indices(segment.as_str())
                            .any(|(at, _)| within(&secret[at..], &segment))))
        })
    }
}

/// Follows the messages of one session, in order, in both directions. See the
/// [module documentation](self).
#[derive(Clone, Debug)]
pub struct Conversation {
    sides: [Side; 2],
    seq: usize,
    open: Vec<OpenRequest>,
    /// The last [`CLOSED_CAP`] closed requests, oldest first.
    closed: VecDeque<(OpenRequest, Closed)>,
}

impl Conversation {
    /// A conversation between the senders of union `A` and of union `B`, e.g.
    /// `Conversation::new::<DesEvent, PartnerEvent>()`. Requests and replies may go
    /// either way.
    pub fn new<A: EventSet, B: EventSet>() -> Conversation {
        Conversation {
            sides: [Side::of::<A>(), Side::of::<B>()],
            seq: 0,
            open: Vec::new(),
            closed: VecDeque::new(),
        }
    }

    /// Observes one message sent by the side whose union is `T`: `event` is the event
    /// name, `message` the message (`None` when the envelope had none), `at` the time it
    /// was seen (any clock, e.g. since the session started). The message need not be
    /// valid; a name the schema does not know is numbered and otherwise ignored.
    ///
    /// Returns what the message reveals (at most one finding), or [`UnknownSide`] when
    /// `T` is neither union of the conversation; that message is then not observed.
    pub fn observe<T: EventSet>(
        &mut self,
        event: &str,
        message: Option<&Value>,
        at: Duration,
    ) -> Result<Vec<Finding>, UnknownSide> {
        let side = self.side::<T>()?;
        let index = self.sides[side]
            .events
            .iter()
            .position(|known| *known == event);
        Ok(self.record(side, index, message, at))
    }

    /// Observes a typed event sent by the side whose union is `T` (its message is
    /// `message_json()`); see [`Conversation::observe`]. The catch-all variant of a
    /// lenient union is an unknown event: numbered and otherwise ignored.
    pub fn observe_event<T: EventSet>(
        &mut self,
        event: &T,
        at: Duration,
    ) -> Result<Vec<Finding>, UnknownSide> {
        let side = self.side::<T>()?;
        let message = serde_json::from_str::<Value>(&event.message_json()).ok();
        // `None` for the catch-all variant: an unknown event, numbered and ignored.
        let index = event.index();
        Ok(self.record(side, index, message.as_ref(), at))
    }

    /// Observes a message of the mobile transport, which has no envelope: `name` is the
    /// native handler that DES called (`x-des-mobile-handler`, else the event name) or,
    /// for the app's messages, the WebView function it evaluated
    /// (`x-des-mobile-function`, e.g. `updateIdToken`); a handler name wins over a
    /// function name. `message` is the bare message. Otherwise as
    /// [`Conversation::observe`]; an unknown name is numbered and ignored.
    pub fn observe_mobile<T: EventSet>(
        &mut self,
        name: &str,
        message: Option<&Value>,
        at: Duration,
    ) -> Result<Vec<Finding>, UnknownSide> {
        let side = self.side::<T>()?;
        let tables = &self.sides[side];
        let index = tables
            .handlers
            .iter()
            .position(|handler| *handler == name)
            .or_else(|| {
                tables
                    .functions
                    .iter()
                    .position(|function| *function == Some(name))
            });
        Ok(self.record(side, index, message, at))
    }

    /// Closes every request open longer than `timeout` at time `now`, reporting each
    /// once as [`FindingKind::TimedOut`]; a later reply to one is an
    /// [`FindingKind::UnexpectedReply`] ("late").
    pub fn expire(&mut self, now: Duration, timeout: Duration) -> Vec<Finding> {
        let (expired, open): (Vec<_>, Vec<_>) = std::mem::take(&mut self.open)
            .into_iter()
            .partition(|request| now.saturating_sub(request.at) > timeout);
        self.open = open;
        let mut findings = Vec::new();
        for request in expired {
            findings.push(Finding {
                kind: FindingKind::TimedOut,
                seq: request.seq,
                event: request.event.to_owned(),
                request: Some((request.event, request.seq)),
                message: format!(
                    "no reply within {timeout:?}{} (open for {:?})",
                    self.keys_text(&request),
                    now.saturating_sub(request.at)
                ),
            });
            self.close(request, Closed::TimedOut);
        }
        findings
    }

    /// Ends the conversation: every request still open is [`FindingKind::Unanswered`].
    pub fn finish(self) -> Vec<Finding> {
        self.open
            .iter()
            .map(|request| Finding {
                kind: FindingKind::Unanswered,
                seq: request.seq,
                event: request.event.to_owned(),
                request: Some((request.event, request.seq)),
                message: format!("never answered{}", self.keys_text(request)),
            })
            .collect()
    }

    /// The requests waiting for a reply, oldest first.
    pub fn open_requests(&self) -> &[OpenRequest] {
        &self.open
    }

    /// How many messages were observed.
    pub fn observed(&self) -> usize {
        self.seq
    }

    fn side<T: EventSet>(&self) -> Result<usize, UnknownSide> {
        self.sides
            .iter()
            .position(|side| side.name == T::NAME)
            .ok_or(UnknownSide {
                side: T::NAME,
                sides: [self.sides[0].name, self.sides[1].name],
            })
    }

    /// The side that answers `side`'s requests and sends the requests `side` answers.
    fn other(&self, side: usize) -> usize {
        if self.sides[0].name == self.sides[1].name {
            side
        } else {
            1 - side
        }
    }

    /// Numbers a message of event number `index` (`None`: unknown) of `side`, matches it
    /// if it is a reply, opens it if it is a request.
    fn record(
        &mut self,
        side: usize,
        index: Option<usize>,
        message: Option<&Value>,
        at: Duration,
    ) -> Vec<Finding> {
        self.seq = self.seq.saturating_add(1);
        let seq = self.seq;
        let Some(index) = index else {
            return Vec::new();
        };
        let tables = self.sides[side];
        let Some(&wire) = tables.events.get(index) else {
            return Vec::new();
        };
        let secrets = tables.secrets(wire, message);
        let mut findings = Vec::new();
        if let Some(request) = tables.reply_to.get(index).copied().flatten() {
            let echo = tables.echo.get(index).copied().unwrap_or_default();
            let values: Vec<Key<&Value>> = echo
                .iter()
                .map(|name| tables.key(wire, name, message, &secrets))
                .collect();
            findings.extend(self.answer(side, wire, seq, request, &values));
        }
        let other = self.other(side);
        let other_tables = self.sides[other];
        let mut keys: Option<Vec<Key<Value>>> = None;
        for (reply, target) in other_tables.reply_to.iter().enumerate() {
            if *target != Some(wire) {
                continue;
            }
            let keys = keys.get_or_insert_with(Vec::new);
            for name in other_tables.echo.get(reply).copied().unwrap_or_default() {
                if !keys.iter().any(|known| known.name == *name) {
                    let key = tables.key(wire, name, message, &secrets);
                    keys.push(Key {
                        name: key.name,
                        value: key.value.cloned(),
                        secret: key.secret,
                    });
                }
            }
        }
        if let Some(keys) = keys {
            self.open.push(OpenRequest {
                side,
                event: wire,
                seq,
                at,
                keys,
            });
        }
        findings
    }

    /// Matches reply `(event, seq)` of `side` to an open request named `request` of the
    /// other side, by its echoed `values`.
    fn answer(
        &mut self,
        side: usize,
        event: &'static str,
        seq: usize,
        request: &str,
        values: &[Key<&Value>],
    ) -> Option<Finding> {
        let requester = self.other(side);
        let echoes = |open: &OpenRequest| {
            open.side == requester
                && open.event == request
                && values.iter().all(|value| echoed(open, value).is_some())
        };
        if let Some(position) = self.open.iter().position(echoes) {
            let answered = self.open.remove(position);
            self.close(answered, Closed::Answered(event, seq));
            return None;
        }
        let finding = |kind, request: Option<(&'static str, usize)>, message| Finding {
            kind,
            seq,
            event: event.to_owned(),
            request,
            message,
        };
        if let Some((closed, how)) = self.closed.iter().rev().find(|(closed, _)| echoes(closed)) {
            let target = Some((closed.event, closed.seq));
            return Some(match how {
                Closed::Answered(by, by_seq) => finding(
                    FindingKind::DuplicateReply,
                    target,
                    format!(
                        "reply to {} #{}, which {by} #{by_seq} already answered",
                        closed.event, closed.seq
                    ),
                ),
                Closed::TimedOut => finding(
                    FindingKind::UnexpectedReply,
                    target,
                    format!(
                        "late reply to {} #{}, which timed out",
                        closed.event, closed.seq
                    ),
                ),
            });
        }
        // The candidate that echoes the most fields, the oldest among equals.
        let candidates = self
            .open
            .iter()
            .filter(|open| open.side == requester && open.event == request);
        let mut best: Option<(&OpenRequest, usize)> = None;
        let mut count = 0;
        for open in candidates {
            count += 1;
            let score = values
                .iter()
                .filter(|value| echoed(open, value).is_some())
                .count();
            if best.is_none_or(|(_, best)| score > best) {
                best = Some((open, score));
            }
        }
        let Some((open, _)) = best else {
            return Some(finding(
                FindingKind::UnexpectedReply,
                None,
                format!("reply to {request}, but none is open"),
            ));
        };
        let mut problems = Vec::new();
        for value in values {
            let name = value.name;
            if value.value.is_none() {
                problems.push(format!("{name} is missing"));
            } else if echoed(open, value).is_none() {
                let asked = match open.keys.iter().find(|key| key.name == name) {
                    Some(key) => key.show(),
                    None => "none".to_owned(),
                };
                problems.push(format!(
                    "{name} does not echo ({asked} in the request, {} here)",
                    value.show()
                ));
            }
        }
        let others = match count {
            0 | 1 => String::new(),
            2 => format!(" (nor the other open {request})"),
            n => format!(" (nor the {} other open {request})", n - 1),
        };
        Some(finding(
            FindingKind::EchoMismatch,
            Some((open.event, open.seq)),
            format!(
                "reply to {} #{}: {}{others}",
                open.event,
                open.seq,
                problems.join(", ")
            ),
        ))
    }

    fn close(&mut self, request: OpenRequest, how: Closed) {
        if self.closed.len() >= CLOSED_CAP {
            self.closed.pop_front();
        }
        self.closed.push_back((request, how));
    }

    /// ` (requestId "…")`: the request's echoed fields, credentials redacted.
    fn keys_text(&self, request: &OpenRequest) -> String {
        let shown: Vec<String> = request
            .keys
            .iter()
            .filter(|key| key.value.is_some())
            .map(|key| format!("{} {}", key.name, key.show()))
            .collect();
        if shown.is_empty() {
            String::new()
        } else {
            format!(" ({})", shown.join(", "))
        }
    }
}

/// The request's value that the reply's `value` echoes: `Some` when both are present
/// and equal as JSON values.
fn echoed<'a>(open: &'a OpenRequest, value: &Key<&Value>) -> Option<&'a Value> {
    let reply = value.value?;
    let asked = open
        .keys
        .iter()
        .find(|key| key.name == value.name)?
        .value()?;
    equal(reply, asked).then_some(asked)
}

/// Every non-empty string inside `value`.
fn strings<'v>(value: &'v Value, found: &mut Vec<&'v str>) {
    match value {
        Value::String(text) if !text.is_empty() => found.push(text),
        Value::Array(items) => items.iter().for_each(|item| strings(item, found)),
        Value::Object(members) => members.values().for_each(|item| strings(item, found)),
        _ => {}
    }
}

/// Whether a string or key inside `value` contains one of `secrets`.
fn contains_any(value: &Value, secrets: &[&str]) -> bool {
    let has = |text: &str| secrets.iter().any(|secret| text.contains(secret));
    match value {
        Value::String(text) => has(text),
        Value::Array(items) => items.iter().any(|item| contains_any(item, secrets)),
        Value::Object(members) => members
            .iter()
            .any(|(key, item)| has(key) || contains_any(item, secrets)),
        _ => false,
    }
}

/// `value` as JSON for a finding: `<redacted>` when `secret`, else shortened to
/// [`SHOWN_CHARS`] characters.
fn show(value: &Value, secret: bool) -> String {
    if secret {
        return "<redacted>".to_owned();
    }
    let text = value.to_string();
    match text.char_indices().nth(SHOWN_CHARS) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    }
}

#[cfg(test)]
mod tests;
