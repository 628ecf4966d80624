//! Receiver policies: how strictly a receiver reads what deployed clients really send.
//!
//! [`Policy::Strict`] (the default) accepts exactly what the schema says. Under
//! [`Policy::Tolerant`] a receiver keeps working with deployed clients that deviate in
//! harmless ways, and is told of every deviation:
//!
//! | deviation | strict | tolerant |
//! |---|---|---|
//! | a field a closed object does not declare | error | dropped, [`WarningKind::UnknownField`] |
//! | a value outside an `enum` | error | kept as the enum's `Other` variant, [`WarningKind::UnknownValue`] |
//! | an event the schema does not know | error | kept as the dispatch enum's `Other` variant, [`WarningKind::UnknownEvent`] |
//! | a legacy value the schema declares (`x-des-legacy`) | read as its current value, [`WarningKind::LegacyValue`] | the same |
//! | a missing required field, a wrong type, a broken constraint | error | error |
//!
//! The warnings come with the value in a [`Decoded`], which is `#[must_use]`: code that
//! asks for a policy cannot drop the warnings without saying so (`into_value`).
//!
//! # How it works (and what it costs)
//!
//! Every read first runs the strict fast path (`serde_json` straight into the generated
//! types). A document that passes has no deviation, so the tolerant policy costs nothing
//! on valid traffic. Only a document that the fast path rejects (or that holds a
//! declared legacy value) is read a second time, over the spanned tree that also gives
//! errors their paths, with the policy active for this thread: the generated code asks
//! [`tolerating`] where strict would fail, and the tree reader keeps the current path
//! so that each warning says where the deviation is.
//!
//! Tolerance stops at alternatives: inside a `oneOf` / `anyOf` union the alternatives
//! are tried strictly, because a dropped field could make another alternative match
//! (JSON Schema tells alternatives apart by exactly such fields). Subschemas that are
//! kept as validated JSON values, and objects, scalars and arrays checked whole by a
//! validator (`not`, `if`, `dependentSchemas`, `contains`, ...), are strict too: the
//! validator sees the value as received.

use std::cell::{Cell, RefCell};
use std::fmt;
use std::str::FromStr;

use des_events_core::{Path, Segment};
use serde::de::{self, IgnoredAny, MapAccess};

/// How a receiver treats messages that deviate from the schema. Chosen per call (see
/// `from_json_with` on every generated dispatch enum); [`Policy::Strict`] is the default.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Policy {
    /// Exactly the schema: any deviation is an error.
    #[default]
    Strict,
    /// What deployed clients need: unknown fields of closed objects are dropped, unknown
    /// enum values and unknown events are kept, and each deviation is a [`Warning`].
    /// Missing required fields, wrong types and broken constraints stay errors.
    Tolerant,
}

impl Policy {
    /// Every policy, strict first.
    pub const ALL: [Policy; 2] = [Policy::Strict, Policy::Tolerant];

    /// `strict` or `tolerant`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Policy::Strict => "strict",
            Policy::Tolerant => "tolerant",
        }
    }
}

impl fmt::Display for Policy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A policy name that is neither `strict` nor `tolerant`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownPolicy(pub String);

impl fmt::Display for UnknownPolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown policy {}: expected `strict` or `tolerant`",
            serde_json::Value::from(self.0.as_str())
        )
    }
}

impl std::error::Error for UnknownPolicy {}

impl FromStr for Policy {
    type Err = UnknownPolicy;

    fn from_str(text: &str) -> Result<Policy, UnknownPolicy> {
        match text {
            "strict" => Ok(Policy::Strict),
            "tolerant" => Ok(Policy::Tolerant),
            other => Err(UnknownPolicy(other.to_owned())),
        }
    }
}

/// What kind of deviation a [`Warning`] reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum WarningKind {
    /// A field that a closed object does not declare; dropped.
    UnknownField,
    /// A value outside an `enum`; kept in the enum's `Other` variant.
    UnknownValue,
    /// An event name the schema does not know; kept in the dispatch enum's `Other`
    /// variant.
    UnknownEvent,
    /// A value the schema declares as legacy (`x-des-legacy`): accepted, read as its
    /// current synonym, never sent.
    LegacyValue,
}

impl WarningKind {
    /// `unknown_field`, `unknown_value`, `unknown_event` or `legacy_value`.
    pub const fn as_str(self) -> &'static str {
        match self {
            WarningKind::UnknownField => "unknown_field",
            WarningKind::UnknownValue => "unknown_value",
            WarningKind::UnknownEvent => "unknown_event",
            WarningKind::LegacyValue => "legacy_value",
        }
    }
}

impl fmt::Display for WarningKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One tolerated deviation: where, what kind, and in words. A credential value never
/// appears in a warning (found values at credential paths read `<redacted>`, and the
/// value of an unknown field is never shown at all).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    path: Path,
    kind: WarningKind,
    message: String,
}

impl Warning {
    pub(crate) fn new(path: Path, kind: WarningKind, message: String) -> Warning {
        Warning {
            path,
            kind,
            message,
        }
    }

    /// Where the deviation is, from the document's root (e.g. `message.cancelUrl`).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The RFC 6901 JSON Pointer of [`Warning::path`].
    pub fn pointer(&self) -> String {
        self.path.pointer()
    }

    /// What kind of deviation it is.
    pub fn kind(&self) -> WarningKind {
        self.kind
    }

    /// The deviation in words, e.g. ``unknown field `cancelUrl` dropped``.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Replaces the shown value of a warning inside a credential, and any credential
    /// value of the document (`text`) it quotes. `credentials` are `(event, JSON
    /// Pointer)` pairs, as in `EventSet::CREDENTIALS`.
    pub(crate) fn redact(&mut self, event: Option<&str>, text: &str, credentials: &[(&str, &str)]) {
        if self.kind == WarningKind::UnknownField {
            return;
        }
        // A credential value quoted anywhere (a token sent in an enum field).
        crate::error::scrub(
            &mut self.message,
            &crate::error::secrets(text, event, credentials),
        );
        let pointer = self.path.pointer();
        let inside = |prefix: &str| {
            pointer
                .strip_prefix(prefix)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        };
        if credentials
            .iter()
            .any(|(name, path)| event == Some(name) && inside(path))
        {
            self.message = match self.kind {
                WarningKind::UnknownValue => "unknown value <redacted> kept as `Other`".to_owned(),
                _ => "legacy value <redacted> read as its current synonym".to_owned(),
            };
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at {}: {}", self.kind, self.path, self.message)
    }
}

/// A value read under a [`Policy`], with the deviations that the policy tolerated.
///
/// It is `#[must_use]`: take the value with [`Decoded::into_parts`] (and look at the
/// warnings), or say that you do not want them with [`Decoded::into_value`].
#[must_use = "a receiver policy reports what it tolerated: read `warnings()`, or call `into_value()` to drop them on purpose"]
#[derive(Clone, Debug, PartialEq)]
pub struct Decoded<T> {
    value: T,
    warnings: Vec<Warning>,
}

impl<T> Decoded<T> {
    pub(crate) fn new(value: T, warnings: Vec<Warning>) -> Decoded<T> {
        Decoded { value, warnings }
    }

    /// The typed value.
    pub fn value(&self) -> &T {
        &self.value
    }

    /// The tolerated deviations, in document order; empty when the message was exactly
    /// what the schema says.
    pub fn warnings(&self) -> &[Warning] {
        &self.warnings
    }

    /// Whether the message was exactly what the schema says (no warning).
    pub fn is_exact(&self) -> bool {
        self.warnings.is_empty()
    }

    /// The value and the warnings.
    pub fn into_parts(self) -> (T, Vec<Warning>) {
        (self.value, self.warnings)
    }

    /// The value, dropping the warnings on purpose.
    pub fn into_value(self) -> T {
        self.value
    }
}

/// A value outside an `enum`, kept as received by a tolerant receiver: the payload of a
/// generated enum's `Other` variant.
///
/// Only a tolerant read makes one (there is no public constructor), so code that builds
/// messages to send cannot put an unknown value in them. A value read this way is
/// written back as received.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownValue(serde_json::Value);

impl UnknownValue {
    pub(crate) fn new(value: serde_json::Value) -> UnknownValue {
        UnknownValue(value)
    }

    /// The value, when it is a string.
    pub fn as_str(&self) -> Option<&str> {
        self.0.as_str()
    }

    /// The value as received.
    pub fn value(&self) -> &serde_json::Value {
        &self.0
    }

    /// Its compact JSON text: the key of [`Ord`] and [`Hash`](std::hash::Hash).
    fn text(&self) -> String {
        self.0.to_string()
    }
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            serde_json::Value::String(text) => f.write_str(text),
            other => write!(f, "{other}"),
        }
    }
}

impl std::hash::Hash for UnknownValue {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.text().hash(state);
    }
}

impl PartialOrd for UnknownValue {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for UnknownValue {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.text().cmp(&other.text())
    }
}

impl serde::Serialize for UnknownValue {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

// ---------------------------------------------------------------------------------------
// The per-thread state of a careful read under a policy.

/// The state of one careful read: the policy, the path of the value being read and the
/// warnings so far.
struct State {
    tolerant: bool,
    /// Alternatives of a union being tried: tolerance is off while it is above zero.
    suspended: u32,
    path: Vec<Segment>,
    warnings: Vec<Warning>,
}

thread_local! {
    /// Set during a careful read under a policy (`None` otherwise, and always on the
    /// strict fast path).
    static STATE: RefCell<Option<State>> = const { RefCell::new(None) };
    /// Set when a declared legacy value was read (on any path), so that a policy read
    /// whose fast path succeeded knows it must look again to say where.
    static LEGACY_SEEN: Cell<bool> = const { Cell::new(false) };
}

/// Runs `read` with the careful-read state active, `prefix` being the path of what it
/// reads (e.g. `message`). Returns its result and the warnings. The state is cleared
/// even if `read` unwinds.
pub(crate) fn collect<R>(
    policy: Policy,
    prefix: &Path,
    read: impl FnOnce() -> R,
) -> (R, Vec<Warning>) {
    struct Clear;
    impl Drop for Clear {
        fn drop(&mut self) {
            STATE.with(|state| state.borrow_mut().take());
        }
    }
    STATE.with(|state| {
        *state.borrow_mut() = Some(State {
            tolerant: policy == Policy::Tolerant,
            suspended: 0,
            path: prefix.segments().to_vec(),
            warnings: Vec::new(),
        });
    });
    let clear = Clear;
    let result = read();
    let warnings = STATE
        .with(|state| state.borrow_mut().take())
        .map(|state| state.warnings)
        .unwrap_or_default();
    drop(clear);
    (result, warnings)
}

/// Clears the legacy flag before a read.
pub(crate) fn reset_legacy() {
    LEGACY_SEEN.with(|seen| seen.set(false));
}

/// Whether a legacy value was read since [`reset_legacy`].
pub(crate) fn legacy_seen() -> bool {
    LEGACY_SEEN.with(Cell::get)
}

/// Whether a careful read is active (the tree reader then keeps the path).
pub(crate) fn active() -> bool {
    STATE.with(|state| state.borrow().is_some())
}

/// Pushes `segment` on the path of the active careful read; popped when the guard
/// drops. `None` (and nothing done) when no careful read is active.
pub(crate) fn enter(segment: impl FnOnce() -> Segment) -> Option<Entered> {
    STATE.with(|state| {
        let mut state = state.borrow_mut();
        let state = state.as_mut()?;
        state.path.push(segment());
        Some(Entered)
    })
}

/// Pops the segment that [`enter`] pushed.
pub(crate) struct Entered;

impl Drop for Entered {
    fn drop(&mut self) {
        STATE.with(|state| {
            if let Some(state) = state.borrow_mut().as_mut() {
                state.path.pop();
            }
        });
    }
}

/// Runs `attempt` with tolerance off (the alternatives of a union).
pub(crate) fn strictly<R>(attempt: impl FnOnce() -> R) -> R {
    struct Resume(bool);
    impl Drop for Resume {
        fn drop(&mut self) {
            if self.0 {
                STATE.with(|state| {
                    if let Some(state) = state.borrow_mut().as_mut() {
                        state.suspended = state.suspended.saturating_sub(1);
                    }
                });
            }
        }
    }
    let suspended = STATE.with(|state| match state.borrow_mut().as_mut() {
        Some(state) => {
            state.suspended += 1;
            true
        }
        None => false,
    });
    let _resume = Resume(suspended);
    attempt()
}

/// Whether the value being read may deviate: a careful read under the tolerant policy,
/// outside the alternatives of a union. Generated code and the runtime ask only where
/// strict would fail, so the strict fast path never pays for it.
pub fn tolerating() -> bool {
    STATE.with(|state| {
        state
            .borrow()
            .as_ref()
            .is_some_and(|state| state.tolerant && state.suspended == 0)
    })
}

/// Records a warning at the current path, plus `key` when the deviation is a key of the
/// current object.
pub(crate) fn warn(kind: WarningKind, key: Option<&str>, message: String) {
    STATE.with(|state| {
        if let Some(state) = state.borrow_mut().as_mut() {
            let mut segments = state.path.clone();
            if let Some(key) = key {
                segments.push(Segment::Key(key.to_owned()));
            }
            state
                .warnings
                .push(Warning::new(Path::new(segments), kind, message));
        }
    });
}

/// A key that a closed object does not declare (generated code calls this where it
/// would reject the key): under a tolerant read the value is skipped and the key
/// reported; otherwise it is the unknown-field error.
pub fn unknown_key<'de, A: MapAccess<'de>>(
    key: &str,
    expected: &'static [&'static str],
    map: &mut A,
) -> Result<(), A::Error> {
    if !tolerating() {
        return Err(de::Error::unknown_field(key, expected));
    }
    map.next_value::<IgnoredAny>()?;
    warn(
        WarningKind::UnknownField,
        Some(key),
        format!("unknown field `{key}` dropped"),
    );
    Ok(())
}

/// A value outside an `enum`: under a tolerant read, kept (and reported); otherwise
/// `None` (the caller reports the enum error).
pub(crate) fn unknown_value(value: impl FnOnce() -> serde_json::Value) -> Option<UnknownValue> {
    if !tolerating() {
        return None;
    }
    let value = value();
    warn(
        WarningKind::UnknownValue,
        None,
        format!("unknown value {value} kept as `Other`"),
    );
    Some(UnknownValue::new(value))
}

/// A declared legacy value was read as its current synonym `current`.
pub(crate) fn legacy_value(legacy: &str, current: &str) {
    LEGACY_SEEN.with(|seen| seen.set(true));
    if active() {
        warn(
            WarningKind::LegacyValue,
            None,
            format!(
                "legacy value {} read as {} (`x-des-legacy`; never sent)",
                serde_json::Value::from(legacy),
                serde_json::Value::from(current)
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policies_parse_and_print() {
        for policy in Policy::ALL {
            assert_eq!(policy.as_str().parse::<Policy>(), Ok(policy));
        }
        let err = "lenient".parse::<Policy>().err().map(|err| err.to_string());
        assert_eq!(
            err.as_deref(),
            Some("unknown policy \"lenient\": expected `strict` or `tolerant`")
        );
        assert_eq!(Policy::default(), Policy::Strict);
    }

    #[test]
    fn state_is_scoped_and_paths_nest() {
        assert!(!tolerating());
        let prefix = Path::root().key("message");
        let (tolerant, warnings) = collect(Policy::Tolerant, &prefix, || {
            let _inner = enter(|| Segment::Key("dream".to_owned()));
            warn(WarningKind::UnknownField, Some("x"), "x".to_owned());
            let suspended = strictly(tolerating);
            (tolerating(), suspended)
        });
        assert_eq!(tolerant, (true, false));
        assert!(!tolerating() && !active());
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].pointer(), "/message/dream/x");
        let (strict, _) = collect(Policy::Strict, &Path::root(), tolerating);
        assert!(!strict);
    }

    #[test]
    fn unknown_values_order_and_hash_by_their_json() {
        let a = UnknownValue::new(serde_json::json!("a"));
        let b = UnknownValue::new(serde_json::json!("b"));
        assert!(a < b);
        assert_eq!(a.as_str(), Some("a"));
        assert_eq!(a.to_string(), "a");
        let one = UnknownValue::new(serde_json::json!(1));
        assert_eq!(one.as_str(), None);
        assert_eq!(one.to_string(), "1");
    }
}
