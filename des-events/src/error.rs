//! The one error type of the runtime: what went wrong with a message, where, and why.

use std::cell::RefCell;
use std::fmt;

use des_events_core::{Keyword, Path, Segment};

/// Why a message was rejected.
///
/// Three cases a receiver handles differently: the input is not JSON ([`Error::Syntax`]),
/// it names an event this schema does not know ([`Error::UnknownEvent`], which a
/// forward-compatible receiver may skip), or it breaks the schema ([`Error::Invalid`]).
/// No variant ever holds the value of a credential.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The input is not well-formed JSON.
    Syntax {
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column of the problem.
        column: usize,
        /// What the JSON parser found.
        message: String,
    },
    /// A well-formed envelope whose `event` is not in the schema.
    UnknownEvent {
        /// The event name as received.
        name: String,
        /// 1-based line of the event name.
        line: usize,
        /// 1-based column of the event name.
        column: usize,
    },
    /// The document breaks the schema.
    Invalid(Box<Invalid>),
    /// The event has no mobile function (`x-des-mobile-function`), so it cannot be sent
    /// over the WebView bridge.
    NoMobileFunction {
        /// The event name.
        event: String,
    },
}

/// Details of a document that breaks the schema.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Invalid {
    /// The event, when the envelope named a known one.
    pub event: Option<String>,
    /// Where the offending value is. Its `Display` is the readable form, such as
    /// `message.dream.user.id` or `message["7"]` (empty for the whole document);
    /// [`Path::pointer`] gives the RFC 6901 JSON Pointer, such as `/message/dream/user/id`.
    pub path: Path,
    /// What is wrong.
    pub problem: Problem,
    /// 1-based line where the problem was detected.
    pub line: usize,
    /// 1-based column where the problem was detected.
    pub column: usize,
}

/// What is wrong with an invalid document.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Problem {
    /// A required field is absent (`path` ends with the field).
    MissingField {
        /// The field's wire name.
        field: String,
    },
    /// A field the schema does not allow (`path` ends with the field).
    UnknownField {
        /// The field's wire name.
        field: String,
    },
    /// A field appears twice in one object.
    DuplicateField {
        /// The field's wire name.
        field: String,
    },
    /// The value has the wrong JSON type.
    WrongType {
        /// What the schema wants, e.g. `a string`.
        expected: String,
        /// What was found, e.g. `integer 42`.
        found: String,
    },
    /// The value has the right type but violates a constraint.
    Constraint {
        /// The JSON Schema keyword, e.g. [`Keyword::Format`]; it compares equal to its
        /// spelling (`keyword == "format"`).
        keyword: Keyword,
        /// What the keyword requires.
        expected: String,
        /// What was found.
        found: String,
    },
    /// A valid JSON Schema integer that the Rust type chosen for it cannot hold (an
    /// unbounded `integer` is an `i64`, `format: "int32"` an `i32`, ...). The one place
    /// where des-events is stricter than a validator, documented in docs/schemas.md ("Which schemas").
    OutOfRange {
        /// The Rust type, e.g. `i64`.
        rust_type: String,
        /// Its limits, e.g. `-9223372036854775808..=9223372036854775807`.
        limit: String,
        /// The value found.
        found: String,
    },
    /// A problem that a hand-written `Deserialize` implementation inside a message
    /// reported in its own words (generated code never does).
    Other {
        /// Its message.
        message: String,
    },
}

impl Problem {
    /// The field that a missing, unknown or duplicate field problem is about.
    pub fn field(&self) -> Option<&str> {
        match self {
            Problem::MissingField { field }
            | Problem::UnknownField { field }
            | Problem::DuplicateField { field } => Some(field),
            _ => None,
        }
    }
}

thread_local! {
    /// A typed problem on its way through serde's `Error::custom`, which only takes text.
    static HANDED: RefCell<Option<(Problem, Path)>> = const { RefCell::new(None) };
}

/// Makes the serde error for `problem` with `make` (which calls `E::custom` with the
/// problem's text), while handing the typed problem to an error type that wants it
/// (the careful reader's, see `located`). The hand-off lives exactly as long as the
/// `make` call, so it can never reach any other error.
pub(crate) fn hand_off<E>(problem: Problem, make: impl FnOnce(&Problem) -> E) -> E {
    hand_off_at(problem, Path::root(), make)
}

/// [`hand_off`] for a problem found `inside` the value being read (a validated JSON
/// value knows where in itself the problem is).
pub(crate) fn hand_off_at<E>(
    problem: Problem,
    inside: Path,
    make: impl FnOnce(&Problem) -> E,
) -> E {
    let text_source = problem.clone();
    HANDED.with(|slot| *slot.borrow_mut() = Some((problem, inside)));
    let error = make(&text_source);
    HANDED.with(|slot| slot.borrow_mut().take());
    error
}

/// The problem being handed off right now and where it is inside the value being read,
/// if any (called from `Error::custom`).
pub(crate) fn take_handed() -> Option<(Problem, Path)> {
    HANDED.with(|slot| slot.borrow_mut().take())
}

impl Error {
    /// The event name, when known (for an unknown event: the unknown name).
    pub fn event(&self) -> Option<&str> {
        match self {
            Error::Syntax { .. } => None,
            Error::UnknownEvent { name, .. } | Error::NoMobileFunction { event: name } => {
                Some(name)
            }
            Error::Invalid(invalid) => invalid.event.as_deref(),
        }
    }

    /// The line and column of the problem.
    pub fn position(&self) -> (usize, usize) {
        match self {
            Error::Syntax { line, column, .. } | Error::UnknownEvent { line, column, .. } => {
                (*line, *column)
            }
            Error::Invalid(invalid) => (invalid.line, invalid.column),
            Error::NoMobileFunction { .. } => (0, 0),
        }
    }

    /// True for [`Error::UnknownEvent`].
    pub fn is_unknown_event(&self) -> bool {
        matches!(self, Error::UnknownEvent { .. })
    }

    /// An [`Error::Invalid`] at a 1-based `(line, column)`.
    pub(crate) fn invalid(
        event: Option<String>,
        path: Path,
        problem: Problem,
        (line, column): (usize, usize),
    ) -> Error {
        Error::Invalid(Box::new(Invalid {
            event,
            path,
            problem,
            line: line.max(1),
            column: column.max(1),
        }))
    }

    /// Redacts the found value when the path is inside a credential, and every credential
    /// value of the document (`text`) wherever the message would quote it (a token sent
    /// in the wrong field is still a token). `credentials` are `(event, JSON Pointer)`
    /// pairs.
    pub(crate) fn redact(mut self, text: &str, credentials: &[(&str, &str)]) -> Error {
        if let Error::Invalid(invalid) = &mut self {
            let secrets = secrets(text, invalid.event.as_deref(), credentials);
            if !secrets.is_empty() {
                match &mut invalid.problem {
                    // What was expected comes from the schema, never the document.
                    Problem::WrongType { found, .. } | Problem::Constraint { found, .. } => {
                        scrub(found, &secrets);
                    }
                    Problem::OutOfRange { found, .. } => scrub(found, &secrets),
                    Problem::Other { message } => scrub(message, &secrets),
                    _ => {}
                }
            }
            let pointer = invalid.path.pointer();
            let inside = |prefix: &str| {
                pointer
                    .strip_prefix(prefix)
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
            };
            let secret = credentials
                .iter()
                .any(|(event, path)| invalid.event.as_deref() == Some(event) && inside(path));
            if secret
                && let Problem::WrongType { found, .. }
                | Problem::Constraint { found, .. }
                | Problem::OutOfRange { found, .. } = &mut invalid.problem
            {
                *found = "<redacted>".to_owned();
            }
        }
        self
    }
}

impl Problem {
    /// The JSON Schema keyword the problem breaks, as a validator names it: `required`
    /// for a missing field, `type` for a value of the wrong JSON type, the keyword of a
    /// [`Problem::Constraint`]. `None` where the keyword depends on the schema (an
    /// unknown field breaks `additionalProperties`, `unevaluatedProperties` or a `false`
    /// schema) or where none applies (a duplicated key, a value the Rust type cannot
    /// hold).
    pub fn keyword(&self) -> Option<&str> {
        match self {
            Problem::MissingField { .. } => Some("required"),
            Problem::WrongType { .. } => Some("type"),
            Problem::Constraint { keyword, .. } => Some(keyword.name()),
            _ => None,
        }
    }
}

impl Invalid {
    /// The RFC 6901 JSON Pointer of the offending value, e.g. `/message/dream/user/id`.
    pub fn pointer(&self) -> String {
        self.path.pointer()
    }
}

/// The credential values of `text` (the document, or a bare message of the mobile
/// transport) for `event`: the strings at its credential pointers. Read only on the
/// error path.
pub(crate) fn secrets(
    text: &str,
    event: Option<&str>,
    credentials: &[(&str, &str)],
) -> Vec<String> {
    let Some(event) = event else {
        return Vec::new();
    };
    let pointers: Vec<&str> = credentials
        .iter()
        .filter(|(name, _)| *name == event)
        .map(|(_, pointer)| *pointer)
        .collect();
    if pointers.is_empty() {
        return Vec::new();
    }
    let Ok(document) = serde_json::from_str::<serde_json::Value>(text) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for pointer in pointers {
        // A bare message (no envelope) holds the pointer less its first segment.
        let bare = pointer
            .get(1..)
            .and_then(|rest| rest.find('/'))
            .map(|at| &pointer[at + 1..]);
        for candidate in [Some(pointer), bare].into_iter().flatten() {
            if let Some(serde_json::Value::String(secret)) = document.pointer(candidate)
                && !secret.is_empty()
            {
                found.push(secret.clone());
            }
        }
    }
    found
}

/// Replaces every occurrence of a secret in `text` (and its JSON-escaped form, as
/// errors quote strings) with `<redacted>`, in one pass over `text`: a replacement is
/// never searched again (a secret `e` must not redact the `e`s of `<redacted>`), and
/// where two forms start at one place the longer one goes.
pub(crate) fn scrub(text: &mut String, secrets: &[String]) {
    let mut forms: Vec<String> = Vec::new();
    for secret in secrets {
        let escaped = serde_json::Value::from(secret.as_str()).to_string();
        let inner = escaped
            .get(1..escaped.len().saturating_sub(1))
            .unwrap_or_default();
        for form in [secret.as_str(), inner] {
            if !form.is_empty() && !forms.iter().any(|known| known == form) {
                forms.push(form.to_owned());
            }
        }
    }
    forms.sort_by_key(|form| std::cmp::Reverse(form.len()));
    if !forms.iter().any(|form| text.contains(form.as_str())) {
        return;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(next) = rest.chars().next() {
        match forms.iter().find(|form| rest.starts_with(form.as_str())) {
            Some(form) => {
                out.push_str("<redacted>");
                rest = &rest[form.len()..];
            }
            None => {
                out.push(next);
                rest = &rest[next.len_utf8()..];
            }
        }
    }
    *text = out;
}

/// The path of an envelope member (`event`, `message`).
pub(crate) fn member(key: &str) -> Path {
    Path::new(vec![Segment::Key(key.to_owned())])
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Syntax {
                line,
                column,
                message,
            } => {
                write!(
                    f,
                    "malformed JSON at line {line}, column {column}: {message}"
                )
            }
            Error::UnknownEvent { name, line, column } => {
                write!(f, "unknown event `{name}` at line {line}, column {column}")
            }
            Error::Invalid(invalid) => fmt::Display::fmt(invalid, f),
            Error::NoMobileFunction { event } => {
                write!(
                    f,
                    "the event `{event}` has no mobile function (x-des-mobile-function)"
                )
            }
        }
    }
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.event {
            Some(event) => write!(f, "invalid `{event}` event")?,
            None => f.write_str("invalid envelope")?,
        }
        if self.path.is_root() {
            f.write_str(" at (document)")?;
        } else {
            write!(f, " at {}", self.path)?;
        }
        write!(
            f,
            " (line {}, column {}): {}",
            self.line, self.column, self.problem
        )
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::MissingField { field } => write!(f, "missing required field `{field}`"),
            Problem::UnknownField { field } => {
                write!(f, "unknown field `{field}` (the object is closed)")
            }
            Problem::DuplicateField { field } => write!(f, "duplicate field `{field}`"),
            Problem::WrongType { expected, found } => {
                write!(f, "expected {expected}, found {found}")
            }
            Problem::Constraint {
                keyword,
                expected,
                found,
            } => {
                write!(
                    f,
                    "`{keyword}` violated: expected {expected}, found {found}"
                )
            }
            Problem::OutOfRange {
                rust_type,
                limit,
                found,
            } => write!(
                f,
                "{found} is outside the range of `{rust_type}` ({limit}) that holds this integer"
            ),
            Problem::Other { message } => f.write_str(message),
        }
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::scrub;

    #[test]
    fn a_secret_is_redacted_once_and_never_inside_a_redaction() {
        let secrets = ["t".to_owned(), "e".to_owned()];
        let mut found = "\"t\" and \"e\"".to_owned();
        scrub(&mut found, &secrets);
        assert_eq!(found, "\"<redacted>\" and \"<redacted>\"");
        let mut quoted = r#""a\"b""#.to_owned();
        scrub(&mut quoted, &["a\"b".to_owned()]);
        assert_eq!(quoted, r#""<redacted>""#);
        let mut untouched = "nothing secret".to_owned();
        scrub(&mut untouched, &["xyz".to_owned()]);
        assert_eq!(untouched, "nothing secret");
    }
}
