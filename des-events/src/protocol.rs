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
//! its name, number, time, the values of the fields its replies echo and its entries in
//! the index below (a hash per echoed field); and the same for the last [`CLOSED_CAP`]
//! closed requests (answered or timed out), so that a duplicate or late reply can be told
//! from a reply to nothing. Nothing else of a message is kept. Open requests stay until they are answered, [`Conversation::expire`]d or
//! [`Conversation::finish`]ed: call `expire` regularly on a long session.
//!
//! # Cost
//!
//! Open and closed requests are indexed by the values their replies echo, so a reply
//! finds its request in time logarithmic in the number of open requests, however many
//! are left open. A reply that echoes no request looks at the open requests that echo at
//! least one of its fields (to name the closest); only [`Conversation::expire`] looks at
//! every open request.

use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Index;
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

/// Where a reply looks for its request: `(reply side, reply event index, field, hash)`.
/// `field` 0 stands for all the fields the reply echoes, whose values hash to `hash`;
/// `f + 1` for its `f`-th echoed field alone. Equal values (as [`equal`] compares them)
/// hash alike, so every request a reply echoes is under the reply's slot; a slot may
/// also hold requests it does not echo (hash collisions), which the lookups skip.
type Slot = (usize, usize, usize, u64);

/// The slots of one request, and its number in the index.
#[derive(Clone, Debug)]
struct Indexed {
    request: OpenRequest,
    /// Its slots: `field` 0 for every reply event that can answer it, the single fields
    /// too for replies that echo two fields or more.
    slots: Box<[Slot]>,
}

/// The open requests, oldest first, indexed by name and by the values their replies
/// must echo.
#[derive(Clone, Debug, Default)]
struct Open {
    /// By number of opening: oldest first.
    requests: BTreeMap<u64, Indexed>,
    /// The next number of opening.
    next: u64,
    /// `(side, event, number)` of each open request: the oldest of a name first.
    by_name: BTreeSet<(usize, &'static str, u64)>,
    /// How many requests of `(side, event)` are open.
    counts: HashMap<(usize, &'static str), usize>,
    /// `(slot, number)` of each open request.
    by_echo: BTreeSet<(Slot, u64)>,
}

impl Open {
    fn push(&mut self, request: OpenRequest, slots: Box<[Slot]>) {
        let number = self.next;
        self.next = self.next.saturating_add(1);
        for slot in &*slots {
            self.by_echo.insert((*slot, number));
        }
        self.by_name.insert((request.side, request.event, number));
        *self
            .counts
            .entry((request.side, request.event))
            .or_insert(0) += 1;
        self.requests.insert(number, Indexed { request, slots });
    }

    fn remove(&mut self, number: u64) -> Option<Indexed> {
        let indexed = self.requests.remove(&number)?;
        for slot in &*indexed.slots {
            self.by_echo.remove(&(*slot, number));
        }
        let (side, event) = (indexed.request.side, indexed.request.event);
        self.by_name.remove(&(side, event, number));
        if let Some(count) = self.counts.get_mut(&(side, event)) {
            *count = count.saturating_sub(1);
            if *count == 0 {
                self.counts.remove(&(side, event));
            }
        }
        Some(indexed)
    }

    /// The numbers of the open requests under `slot`, oldest first.
    fn under(&self, slot: Slot) -> impl Iterator<Item = u64> + '_ {
        self.by_echo
            .range((slot, 0)..=(slot, u64::MAX))
            .map(|(_, number)| *number)
    }

    fn get(&self, number: u64) -> Option<&OpenRequest> {
        self.requests.get(&number).map(|indexed| &indexed.request)
    }
}

/// The last [`CLOSED_CAP`] closed requests, oldest first, indexed by the values their
/// replies must echo.
#[derive(Clone, Debug, Default)]
struct ClosedRequests {
    /// Oldest first; the front is number `first`.
    requests: VecDeque<(OpenRequest, Closed, Box<[Slot]>)>,
    first: u64,
    /// `(slot, number)` of each closed request, for its slots of all echoed fields.
    by_echo: BTreeSet<(Slot, u64)>,
}

impl ClosedRequests {
    #[cfg(test)]
    fn len(&self) -> usize {
        self.requests.len()
    }

    fn push(&mut self, request: OpenRequest, how: Closed, slots: &[Slot]) {
        if self.requests.len() >= CLOSED_CAP {
            if let Some((_, _, forgotten)) = self.requests.pop_front() {
                for slot in &*forgotten {
                    self.by_echo.remove(&(*slot, self.first));
                }
            }
            self.first = self.first.saturating_add(1);
        }
        let number = self.first.saturating_add(self.requests.len() as u64);
        let slots: Box<[Slot]> = slots.iter().copied().filter(|slot| slot.2 == 0).collect();
        for slot in &*slots {
            self.by_echo.insert((*slot, number));
        }
        self.requests.push_back((request, how, slots));
    }

    /// The closed requests under `slot`, most recently closed first.
    fn under(&self, slot: Slot) -> impl Iterator<Item = &(OpenRequest, Closed, Box<[Slot]>)> {
        self.by_echo
            .range((slot, 0)..=(slot, u64::MAX))
            .rev()
            .filter_map(|(_, number)| {
                let at = usize::try_from(number.checked_sub(self.first)?).ok()?;
                self.requests.get(at)
            })
    }
}

/// The requests waiting for a reply, oldest first: see [`Conversation::open_requests`].
#[derive(Clone, Copy, Debug)]
pub struct OpenRequests<'a> {
    open: &'a BTreeMap<u64, Indexed>,
}

impl<'a> OpenRequests<'a> {
    /// How many requests are open.
    pub fn len(&self) -> usize {
        self.open.len()
    }

    /// Whether no request is open.
    pub fn is_empty(&self) -> bool {
        self.open.is_empty()
    }

    /// The open requests, oldest first.
    pub fn iter(&self) -> OpenRequestsIter<'a> {
        OpenRequestsIter {
            inner: self.open.values(),
        }
    }

    /// The `index`-th oldest open request (time linear in `index`).
    pub fn get(&self, index: usize) -> Option<&'a OpenRequest> {
        self.iter().nth(index)
    }

    /// The oldest open request.
    pub fn first(&self) -> Option<&'a OpenRequest> {
        self.iter().next()
    }

    /// The most recent open request.
    pub fn last(&self) -> Option<&'a OpenRequest> {
        self.iter().next_back()
    }
}

impl Index<usize> for OpenRequests<'_> {
    type Output = OpenRequest;

    /// The `index`-th oldest open request, like a slice's index (time linear in
    /// `index`). Panics when `index` is not less than [`OpenRequests::len`].
    fn index(&self, index: usize) -> &OpenRequest {
        match self.get(index) {
            Some(request) => request,
            None => panic!(
                "index {index} out of range for {} open requests",
                self.len()
            ),
        }
    }
}

impl<'a> IntoIterator for OpenRequests<'a> {
    type Item = &'a OpenRequest;
    type IntoIter = OpenRequestsIter<'a>;

    fn into_iter(self) -> OpenRequestsIter<'a> {
        self.iter()
    }
}

/// The open requests of a [`Conversation`], oldest first: see [`OpenRequests::iter`].
#[derive(Clone, Debug)]
pub struct OpenRequestsIter<'a> {
    inner: std::collections::btree_map::Values<'a, u64, Indexed>,
}

impl<'a> Iterator for OpenRequestsIter<'a> {
    type Item = &'a OpenRequest;

    fn next(&mut self) -> Option<&'a OpenRequest> {
        self.inner.next().map(|indexed| &indexed.request)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.inner.size_hint()
    }
}

impl DoubleEndedIterator for OpenRequestsIter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.inner.next_back().map(|indexed| &indexed.request)
    }
}

impl ExactSizeIterator for OpenRequestsIter<'_> {}

/// Follows the messages of one session, in order, in both directions. See the
/// [module documentation](self).
#[derive(Clone, Debug)]
pub struct Conversation {
    sides: [Side; 2],
    seq: usize,
    open: Open,
    /// The last [`CLOSED_CAP`] closed requests, oldest first.
    closed: ClosedRequests,
}

impl Conversation {
    /// A conversation between the senders of union `A` and of union `B`, e.g.
    /// `Conversation::new::<DesEvent, PartnerEvent>()`. Requests and replies may go
    /// either way.
    pub fn new<A: EventSet, B: EventSet>() -> Conversation {
        Conversation {
            sides: [Side::of::<A>(), Side::of::<B>()],
            seq: 0,
            open: Open::default(),
            closed: ClosedRequests::default(),
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
        let expired: Vec<u64> = self
            .open
            .requests
            .iter()
            .filter(|(_, indexed)| now.saturating_sub(indexed.request.at) > timeout)
            .map(|(number, _)| *number)
            .collect();
        let mut findings = Vec::new();
        for number in expired {
            let Some(Indexed { request, slots }) = self.open.remove(number) else {
                continue;
            };
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
            self.closed.push(request, Closed::TimedOut, &slots);
        }
        findings
    }

    /// Ends the conversation: every request still open is [`FindingKind::Unanswered`].
    pub fn finish(self) -> Vec<Finding> {
        self.open_requests()
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
    pub fn open_requests(&self) -> OpenRequests<'_> {
        OpenRequests {
            open: &self.open.requests,
        }
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
            findings.extend(self.answer(side, (index, wire), seq, request, &values));
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
            let slots = self.slots(side, wire, &keys);
            let request = OpenRequest {
                side,
                event: wire,
                seq,
                at,
                keys,
            };
            self.open.push(request, slots);
        }
        findings
    }

    /// The slots of request `event` of `side` whose echoed fields have `keys`: for
    /// every reply event of the other side that answers it (one for replies that echo
    /// the same fields, see [`Conversation::lookup`]), the slot of all the fields it
    /// echoes (unless the request lacks one of them) and, when it echoes two or more,
    /// the slot of each field the request has.
    fn slots(&self, side: usize, event: &str, keys: &[Key<Value>]) -> Box<[Slot]> {
        let replier = self.other(side);
        let tables = self.sides[replier];
        let value = |name: &str| {
            keys.iter()
                .find(|key| key.name == name)
                .and_then(Key::value)
        };
        let mut slots = Vec::new();
        for (reply, target) in tables.reply_to.iter().enumerate() {
            if *target != Some(event) || self.lookup(replier, reply) != reply {
                continue;
            }
            let echo = tables.echo.get(reply).copied().unwrap_or_default();
            let values: Option<Vec<&Value>> = echo.iter().map(|name| value(name)).collect();
            if let Some(values) = values {
                slots.push((replier, reply, 0, hash_all(values)));
            }
            if echo.len() >= 2 {
                for (field, name) in echo.iter().enumerate() {
                    if let Some(value) = value(name) {
                        slots.push((replier, reply, field + 1, hash_all([value])));
                    }
                }
            }
        }
        slots.into_boxed_slice()
    }

    /// The reply event whose slots reply event `reply` of `side` uses: the first that
    /// answers the same request and echoes the same fields (the succeeded and failed
    /// replies of a request share their slots).
    fn lookup(&self, side: usize, reply: usize) -> usize {
        let tables = self.sides[side];
        let target = tables.reply_to.get(reply).copied().flatten();
        let echo = tables.echo.get(reply).copied().unwrap_or_default();
        (0..reply)
            .find(|other| {
                tables.reply_to.get(*other).copied().flatten() == target
                    && tables.echo.get(*other).copied().unwrap_or_default() == echo
            })
            .unwrap_or(reply)
    }

    /// Matches reply `(event, seq)` (event number `index` of `side`) to an open request
    /// named `request` of the other side, by its echoed `values`: the oldest that
    /// echoes them all; else the most recently closed one that does (a duplicate or late
    /// reply); else the open request that echoes the most fields (the oldest among
    /// equals) is reported as mismatched.
    fn answer(
        &mut self,
        side: usize,
        (index, event): (usize, &'static str),
        seq: usize,
        request: &str,
        values: &[Key<&Value>],
    ) -> Option<Finding> {
        let requester = self.other(side);
        let index = self.lookup(side, index);
        let echoes = |open: &OpenRequest| {
            open.side == requester
                && open.event == request
                && values.iter().all(|value| echoed(open, value).is_some())
        };
        // A reply that lacks an echoed field echoes no request.
        let all: Option<Vec<&Value>> = values.iter().map(|value| value.value).collect();
        let slot = all.map(|all| (side, index, 0, hash_all(all)));
        if let Some(slot) = slot {
            let answered = self
                .open
                .under(slot)
                .find(|number| self.open.get(*number).is_some_and(&echoes));
            if let Some(Indexed { request, slots }) =
                answered.and_then(|number| self.open.remove(number))
            {
                self.closed
                    .push(request, Closed::Answered(event, seq), &slots);
                return None;
            }
        }
        let finding = |kind, request: Option<(&'static str, usize)>, message| Finding {
            kind,
            seq,
            event: event.to_owned(),
            request,
            message,
        };
        let closed = slot.and_then(|slot| {
            self.closed
                .under(slot)
                .find(|(closed, _, _)| echoes(closed))
        });
        if let Some((closed, how, _)) = closed {
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
        // The candidate that echoes the most fields, the oldest among equals. Those that
        // echo at least one field are under the slots of the reply's single fields (kept
        // for replies that echo two or more; with one, echoing it is echoing all); when
        // none does, every candidate echoes nothing and the oldest is the closest.
        let count = self
            .open
            .counts
            .get(&(requester, request))
            .copied()
            .unwrap_or(0);
        let mut best: Option<(u64, usize)> = None;
        if values.len() >= 2 {
            let mut partial: Vec<u64> = values
                .iter()
                .enumerate()
                .filter_map(|(field, value)| Some((field, value.value?)))
                .flat_map(|(field, value)| {
                    self.open.under((side, index, field + 1, hash_all([value])))
                })
                .collect();
            partial.sort_unstable();
            partial.dedup();
            for number in partial {
                let Some(open) = self.open.get(number) else {
                    continue;
                };
                if open.side != requester || open.event != request {
                    continue;
                }
                let score = values
                    .iter()
                    .filter(|value| echoed(open, value).is_some())
                    .count();
                if score > 0 && best.is_none_or(|(_, best)| score > best) {
                    best = Some((number, score));
                }
            }
        }
        let oldest = || {
            self.open
                .by_name
                .range((requester, request, 0)..=(requester, request, u64::MAX))
                .next()
                .map(|(_, _, number)| *number)
        };
        let best = best.map(|(number, _)| number).or_else(oldest);
        let Some(open) = best.and_then(|number| self.open.get(number)) else {
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

/// A hash of `values` in order, alike for values that [`equal`] finds equal: numbers
/// hash by their `f64` value (so `8` and `8.0` alike), members of an object in any
/// order.
fn hash_all<'v>(values: impl IntoIterator<Item = &'v Value>) -> u64 {
    let mut hasher = DefaultHasher::new();
    for value in values {
        hash_value(value, &mut hasher);
    }
    hasher.finish()
}

fn hash_value(value: &Value, hasher: &mut DefaultHasher) {
    match value {
        Value::Null => 0u8.hash(hasher),
        Value::Bool(flag) => (1u8, flag).hash(hasher),
        Value::Number(number) => {
            2u8.hash(hasher);
            // Numbers that `equal` finds equal have the same `f64` (`-0.0` is `0.0`).
            if let Some(float) = number.as_f64() {
                let float = if float == 0.0 { 0.0 } else { float };
                float.to_bits().hash(hasher);
            }
        }
        Value::String(text) => (3u8, text).hash(hasher),
        Value::Array(items) => {
            (4u8, items.len()).hash(hasher);
            items.iter().for_each(|item| hash_value(item, hasher));
        }
        Value::Object(members) => {
            // The members' hashes added up: the same in any order.
            let sum = members.iter().fold(0u64, |sum, (key, item)| {
                let mut member = DefaultHasher::new();
                key.hash(&mut member);
                hash_value(item, &mut member);
                sum.wrapping_add(member.finish())
            });
            (5u8, members.len(), sum).hash(hasher);
        }
    }
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

#[cfg(all(test, feature = "bundled"))]
mod tests;
