//! The verdict on one JSON line: which direction it travels, and whether it is valid.
//!
//! The direction comes from the envelope's `event` name: partner events (Bank App ->
//! DES) are looked up first, then DES events. No name is in both schemas today; if one
//! ever is, the line is checked as a partner event, so the verdict stays deterministic.
//! The line is then parsed by the matching enum's `from_json`, so every error message
//! comes from the runtime (which redacts credentials). A line that is not a JSON object
//! with a string `event` gets the partner parser's error.

use std::collections::HashMap;

use des_events::des::DesEvent;
use des_events::partner::PartnerEvent;
use des_events::{Error, EventUnion, Problem};
use serde_json::value::RawValue;

use super::Bundled;

/// What one line turned out to be.
#[derive(Debug)]
pub enum Verdict {
    /// A valid event.
    Valid {
        /// Which schema accepted it.
        direction: Bundled,
        /// Its wire name.
        event: String,
    },
    /// Not a valid event.
    Invalid(Failure),
}

/// Why a line is invalid, in the pieces both output modes need.
#[derive(Debug)]
pub struct Failure {
    /// The full message (the runtime error's `Display`).
    pub message: String,
    /// A stable, machine-readable category, such as `missing_field`.
    pub kind: &'static str,
    /// The event name, when the envelope named one.
    pub event: Option<String>,
    /// The schema the line was checked against, when the error names a known event.
    pub direction: Option<Bundled>,
    /// The path of the offending value, readable (`""` is the whole document).
    pub path: Option<String>,
    /// The same path as an RFC 6901 JSON Pointer.
    pub pointer: Option<String>,
    /// The column of the problem in the line, when known.
    pub column: Option<usize>,
}

/// Judges one line of text (without its line terminator).
pub fn judge(line: &str) -> Verdict {
    let name = event_name(line);
    match name.as_deref() {
        Some(name) if PartnerEvent::has_event(name) => {
            parse::<PartnerEvent>(line, Bundled::Partner)
        }
        Some(name) if DesEvent::has_event(name) => parse::<DesEvent>(line, Bundled::Des),
        _ => match <PartnerEvent as EventUnion>::from_json(line) {
            // Unreachable in practice: the probe found no known event name.
            Ok(event) => Verdict::Valid {
                direction: Bundled::Partner,
                event: event.event_name().to_owned(),
            },
            Err(err) => Verdict::Invalid(failure(&err, None)),
        },
    }
}

/// Judges a line that is not valid UTF-8 (so cannot be JSON).
pub fn not_utf8(err: std::str::Utf8Error) -> Verdict {
    Verdict::Invalid(Failure {
        message: format!(
            "malformed JSON: the line is not valid UTF-8 (invalid byte at offset {})",
            err.valid_up_to()
        ),
        kind: "syntax",
        event: None,
        direction: None,
        path: Some(String::new()),
        pointer: Some(String::new()),
        column: None,
    })
}

/// The `event` member of a JSON object, when the line is one and the member is a
/// string. Reads the other members as raw text, without building values.
fn event_name(line: &str) -> Option<String> {
    let members: HashMap<String, &RawValue> = serde_json::from_str(line).ok()?;
    serde_json::from_str(members.get("event")?.get()).ok()
}

fn parse<T: EventUnion>(line: &str, direction: Bundled) -> Verdict {
    match T::from_json(line) {
        Ok(event) => Verdict::Valid {
            direction,
            event: event.event_name().to_owned(),
        },
        Err(err) => Verdict::Invalid(failure(&err, Some(direction))),
    }
}

fn failure(err: &Error, direction: Option<Bundled>) -> Failure {
    let (_, column) = err.position();
    let (kind, path, pointer) = match err {
        Error::Syntax { .. } => ("syntax", String::new(), String::new()),
        Error::UnknownEvent { .. } => ("unknown_event", "event".to_owned(), "/event".to_owned()),
        Error::Invalid(invalid) => (
            problem_kind(&invalid.problem),
            invalid.path.to_string(),
            invalid.pointer(),
        ),
        _ => ("invalid", String::new(), String::new()),
    };
    let message = if err.is_unknown_event() {
        // Only reached when neither schema knows the name.
        format!("{err} (neither a partner nor a DES event)")
    } else {
        err.to_string()
    };
    let event = err.event().map(ToOwned::to_owned);
    Failure {
        message,
        kind,
        // Only when the runtime names the event: an envelope problem (say, two `event`
        // members) says nothing reliable about the direction.
        direction: direction.filter(|_| event.is_some()),
        event,
        path: Some(path),
        pointer: Some(pointer),
        column: Some(column),
    }
}

fn problem_kind(problem: &Problem) -> &'static str {
    match problem {
        Problem::MissingField { .. } => "missing_field",
        Problem::UnknownField { .. } => "unknown_field",
        Problem::DuplicateField { .. } => "duplicate_field",
        Problem::WrongType { .. } => "wrong_type",
        Problem::Constraint { .. } => "constraint",
        Problem::OutOfRange { .. } => "out_of_range",
        _ => "invalid",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directions_come_from_the_event_name() {
        let partner = judge(r#"{"event":"sessionKeepAlive","message":{}}"#);
        assert!(matches!(
            partner,
            Verdict::Valid { direction: Bundled::Partner, ref event } if event == "sessionKeepAlive"
        ));
        let des = judge(r#"{"message":{},"event":"onExitRequested"}"#);
        assert!(matches!(
            des,
            Verdict::Valid { direction: Bundled::Des, ref event } if event == "onExitRequested"
        ));
    }

    #[test]
    fn no_event_name_is_in_both_schemas() {
        // If this ever fails, `judge` checks the shared name as a partner event.
        for name in PartnerEvent::event_names() {
            assert!(!DesEvent::has_event(name), "{name} is in both schemas");
        }
    }

    #[test]
    fn unknown_everywhere() {
        let Verdict::Invalid(failure) = judge(r#"{"event":"nope","message":{}}"#) else {
            panic!("accepted an unknown event");
        };
        assert_eq!(failure.kind, "unknown_event");
        assert_eq!(failure.event.as_deref(), Some("nope"));
        assert!(
            failure
                .message
                .contains("neither a partner nor a DES event")
        );
    }

    #[test]
    fn envelope_problems_have_no_direction() {
        let line = r#"{"event":"sessionKeepAlive","event":"onExitRequested","message":{}}"#;
        let Verdict::Invalid(failure) = judge(line) else {
            panic!("accepted two `event` members");
        };
        assert_eq!(failure.kind, "duplicate_field");
        assert_eq!(failure.direction, None);
    }

    #[test]
    fn des_errors_come_from_the_des_parser() {
        let Verdict::Invalid(failure) = judge(r#"{"event":"onIdTokenDidExpire","message":{}}"#)
        else {
            panic!("accepted a message without requestId");
        };
        assert_eq!(failure.kind, "missing_field");
        assert_eq!(failure.direction, Some(Bundled::Des));
        assert_eq!(failure.path.as_deref(), Some("message.requestId"));
        assert_eq!(failure.pointer.as_deref(), Some("/message/requestId"));
    }
}
