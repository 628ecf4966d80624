//! The one error type of the runtime: what went wrong with a message, where, and why.

use std::fmt;

use crate::rules::VIOLATION;

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
    /// The path of the offending value, such as `message.dream.user.id` (`""` is the
    /// whole document).
    pub path: String,
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
        /// The JSON Schema keyword, e.g. `format`, `enum`, `maxLength`.
        keyword: String,
        /// What the keyword requires.
        expected: String,
        /// What was found.
        found: String,
    },
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

    /// Builds an [`Error::Invalid`] from a serde error message.
    pub(crate) fn invalid(
        event: Option<String>,
        path: String,
        message: &str,
        (line, column): (usize, usize),
    ) -> Error {
        // serde_json reports column 0 for a problem at the very start of a line.
        let column = column.max(1);
        let line = line.max(1);
        let (path, problem) = classify(path, message);
        Error::Invalid(Box::new(Invalid {
            event,
            path,
            problem,
            line,
            column,
        }))
    }

    /// Redacts the found value when the path is inside a credential.
    pub(crate) fn redact(mut self, credentials: &[(&str, &str)]) -> Error {
        if let Error::Invalid(invalid) = &mut self {
            let inside = |prefix: &str| {
                invalid.path == prefix
                    || invalid
                        .path
                        .strip_prefix(prefix)
                        .is_some_and(|rest| rest.starts_with(['.', '[']))
            };
            let secret = credentials
                .iter()
                .any(|(event, path)| invalid.event.as_deref() == Some(event) && inside(path));
            if secret
                && let Problem::WrongType { found, .. } | Problem::Constraint { found, .. } =
                    &mut invalid.problem
            {
                *found = "<redacted>".to_owned();
            }
        }
        self
    }
}

/// Reads serde's stable message forms back into a [`Problem`].
fn classify(path: String, message: &str) -> (String, Problem) {
    let field_in = |rest: &str| rest.split('`').next().unwrap_or_default().to_owned();
    let with_field = |path: &str, field: &str| {
        if path.is_empty() {
            field.to_owned()
        } else if path.ends_with(&format!(".{field}")) || path == field {
            path.to_owned()
        } else {
            format!("{path}.{field}")
        }
    };
    if let Some(rest) = message.strip_prefix("missing field `") {
        let field = field_in(rest);
        return (with_field(&path, &field), Problem::MissingField { field });
    }
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let field = field_in(rest);
        return (with_field(&path, &field), Problem::UnknownField { field });
    }
    if let Some(rest) = message.strip_prefix("duplicate field `") {
        let field = field_in(rest);
        return (with_field(&path, &field), Problem::DuplicateField { field });
    }
    if let Some(rest) = message.strip_prefix(VIOLATION)
        && let Some((keyword, rest)) = rest.split_once("` violated: expected ")
    {
        let (expected, found) = rest.split_once("; found ").unwrap_or((rest, "?"));
        let problem = if keyword == "type" {
            Problem::WrongType {
                expected: expected.to_owned(),
                found: found.to_owned(),
            }
        } else {
            Problem::Constraint {
                keyword: keyword.to_owned(),
                expected: expected.to_owned(),
                found: found.to_owned(),
            }
        };
        return (path, problem);
    }
    for prefix in ["invalid type: ", "invalid value: "] {
        if let Some(rest) = message.strip_prefix(prefix)
            && let Some((found, expected)) = rest.split_once(", expected ")
        {
            let found = found.replace('`', "");
            return (
                path,
                Problem::WrongType {
                    expected: expected.to_owned(),
                    found,
                },
            );
        }
    }
    if let Some(rest) = message.strip_prefix("invalid length ")
        && let Some((found, expected)) = rest.split_once(", expected ")
    {
        return (
            path,
            Problem::Constraint {
                keyword: "length".to_owned(),
                expected: expected.to_owned(),
                found: found.to_owned(),
            },
        );
    }
    (
        path,
        Problem::Constraint {
            keyword: "schema".to_owned(),
            expected: message.to_owned(),
            found: "?".to_owned(),
        },
    )
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
        let path = if self.path.is_empty() {
            "(document)"
        } else {
            &self.path
        };
        write!(
            f,
            " at {path} (line {}, column {}): {}",
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
        }
    }
}

impl std::error::Error for Error {}
