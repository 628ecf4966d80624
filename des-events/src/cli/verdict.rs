//! The verdict on one JSON line: which direction it travels, and whether it is valid.
//!
//! The direction comes from the envelope's `event` name: partner events (Bank App ->
//! DES) are looked up first, then DES events. No name is in both schemas today; if one
//! ever is, the line is checked as a partner event, so the verdict stays deterministic.
//! The line is then parsed by the matching enum's `from_json_with` under the receiver
//! [`Policy`], so every error and warning message comes from the runtime (which redacts
//! credentials). A line that is not a JSON object with a string `event` gets the partner
//! parser's verdict: an error, or under the tolerant policy an unknown event kept with a
//! warning (valid, of no direction).
//!
//! Each line is decoded once: the name is found on the bytes of the envelope as senders
//! write it ([`envelope::canonical_event`]) and the message is then read by the matching
//! enum ([`envelope::from_parts_with`], which costs what the strict `from_parts` costs
//! on a valid line under every policy); only another spelling (escapes, extra members)
//! is read a first time to find its name.

use std::collections::HashMap;

use des_events::des::DesEvent;
use des_events::envelope::{self, EventSet};
use des_events::partner::PartnerEvent;
use des_events::{Decoded, Error, EventUnion, Policy, Problem, Warning};
use serde_json::value::RawValue;

use super::Bundled;

/// What one line turned out to be.
#[derive(Debug)]
pub enum Verdict {
    /// A valid event, exactly as the schema says.
    Valid(Known),
    /// A valid event under the policy, with the deviations it tolerated.
    Warned(Warned),
    /// Not a valid event.
    Invalid(Failure),
}

/// A line that the policy accepted with warnings.
#[derive(Debug)]
pub struct Warned {
    /// The event, or `None` for an event neither schema knows, kept by the tolerant
    /// policy (its name is in [`Warned::event`]).
    pub known: Option<Known>,
    /// The event name, as received.
    pub event: String,
    /// What the policy tolerated, in document order.
    pub warnings: Vec<Warning>,
}

/// A known event of one of the bundled schemas.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Known {
    /// Which schema has it.
    pub direction: Bundled,
    /// Its index in that schema's event list.
    pub index: usize,
}

impl Known {
    /// How many events both schemas have: the range of [`Known::id`].
    pub const COUNT: usize = PartnerEvent::EVENTS.len() + DesEvent::EVENTS.len();

    /// The event called `name` in `direction`'s schema.
    pub fn find(direction: Bundled, name: &str) -> Option<Known> {
        let events = events(direction);
        let index = events.iter().position(|known| *known == name)?;
        Some(Known { direction, index })
    }

    /// The event with [`Known::id`] `id`.
    pub fn from_id(id: usize) -> Option<Known> {
        let partner = PartnerEvent::EVENTS.len();
        if id < partner {
            Some(Known {
                direction: Bundled::Partner,
                index: id,
            })
        } else if id < Known::COUNT {
            Some(Known {
                direction: Bundled::Des,
                index: id - partner,
            })
        } else {
            None
        }
    }

    /// A dense number for both schemas' events: partner events first, then DES events.
    pub fn id(self) -> usize {
        match self.direction {
            Bundled::Partner => self.index,
            Bundled::Des => PartnerEvent::EVENTS.len() + self.index,
        }
    }

    /// The wire name.
    pub fn name(self) -> &'static str {
        events(self.direction)
            .get(self.index)
            .copied()
            .unwrap_or_default()
    }
}

/// The wire names of one schema's events.
fn events(direction: Bundled) -> &'static [&'static str] {
    match direction {
        Bundled::Partner => PartnerEvent::EVENTS,
        Bundled::Des => DesEvent::EVENTS,
    }
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

impl Failure {
    /// The known event that the line claims to be, when the error names one.
    pub fn known(&self) -> Option<Known> {
        Known::find(self.direction?, self.event.as_deref()?)
    }
}

/// Judges one line of text (without its line terminator) under `policy`.
pub fn judge(line: &str, policy: Policy) -> Verdict {
    if let Some(parts) = envelope::canonical_event(line) {
        for direction in Bundled::ALL {
            if let Some(known) = Known::find(direction, parts.name) {
                return match direction {
                    Bundled::Partner => decoded::<PartnerEvent>(
                        envelope::from_parts_with(line, parts, known.index, policy),
                        Bundled::Partner,
                    ),
                    Bundled::Des => decoded::<DesEvent>(
                        envelope::from_parts_with(line, parts, known.index, policy),
                        Bundled::Des,
                    ),
                };
            }
        }
    }
    let name = event_name(line);
    match name.as_deref() {
        Some(name) if PartnerEvent::has_event(name) => {
            decoded::<PartnerEvent>(PartnerEvent::from_json_with(line, policy), Bundled::Partner)
        }
        Some(name) if DesEvent::has_event(name) => {
            decoded::<DesEvent>(DesEvent::from_json_with(line, policy), Bundled::Des)
        }
        _ => match PartnerEvent::from_json_with(line, policy) {
            // Only an unknown event kept by the tolerant policy (the probe found no
            // known name): valid, but of neither direction.
            Ok(decoded) => valid(decoded, None),
            Err(err) => Verdict::Invalid(failure(&err, None)),
        },
    }
}

/// The verdict on a line read by `direction`'s enum.
fn decoded<T: EventUnion>(result: Result<Decoded<T>, Error>, direction: Bundled) -> Verdict {
    match result {
        Ok(decoded) => valid(decoded, Some(direction)),
        Err(err) => Verdict::Invalid(failure(&err, Some(direction))),
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
/// string. Reads the other members as raw text, without building values. Only for
/// documents that [`envelope::canonical_event`] does not read.
fn event_name(line: &str) -> Option<String> {
    let members: HashMap<String, &RawValue> = serde_json::from_str(line).ok()?;
    serde_json::from_str(members.get("event")?.get()).ok()
}

/// The verdict on a value read by `direction`'s enum (`None`: by the partner enum for a
/// name neither schema knows).
fn valid<T: EventUnion>(decoded: Decoded<T>, direction: Option<Bundled>) -> Verdict {
    let (event, warnings) = decoded.into_parts();
    // `None` for the `Other` variant: an unknown event that the tolerant policy kept.
    let known = direction
        .zip(event.index())
        .map(|(direction, index)| Known { direction, index });
    match known {
        Some(known) if warnings.is_empty() => Verdict::Valid(known),
        _ => Verdict::Warned(Warned {
            known,
            event: event.event_name().to_owned(),
            warnings,
        }),
    }
}

/// The pieces of a runtime error that every output needs.
pub fn failure(err: &Error, direction: Option<Bundled>) -> Failure {
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
        for (line, direction, name) in [
            (
                r#"{"event":"sessionKeepAlive","message":{}}"#,
                Bundled::Partner,
                "sessionKeepAlive",
            ),
            (
                r#"{"message":{},"event":"onExitRequested"}"#,
                Bundled::Des,
                "onExitRequested",
            ),
            // Not the canonical spelling: the name is found by the general probe.
            (
                r#"{"event":"on\u0045xitRequested","message":{}}"#,
                Bundled::Des,
                "onExitRequested",
            ),
        ] {
            let Verdict::Valid(known) = judge(line, Policy::Strict) else {
                panic!("rejected {line}");
            };
            assert_eq!((known.direction, known.name()), (direction, name), "{line}");
            assert_eq!(Known::from_id(known.id()), Some(known));
        }
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
        let Verdict::Invalid(failure) = judge(r#"{"event":"nope","message":{}}"#, Policy::Strict)
        else {
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
        let Verdict::Invalid(failure) = judge(line, Policy::Strict) else {
            panic!("accepted two `event` members");
        };
        assert_eq!(failure.kind, "duplicate_field");
        assert_eq!(failure.direction, None);
    }

    #[test]
    fn des_errors_come_from_the_des_parser() {
        let Verdict::Invalid(failure) = judge(
            r#"{"event":"onIdTokenDidExpire","message":{}}"#,
            Policy::Strict,
        ) else {
            panic!("accepted a message without requestId");
        };
        assert_eq!(failure.kind, "missing_field");
        assert_eq!(failure.direction, Some(Bundled::Des));
        assert_eq!(failure.path.as_deref(), Some("message.requestId"));
        assert_eq!(failure.pointer.as_deref(), Some("/message/requestId"));
    }

    #[test]
    fn tolerated_lines_are_valid_with_warnings() {
        let extra = r#"{"event":"sessionKeepAlive","message":{"extra":1}}"#;
        assert!(matches!(judge(extra, Policy::Strict), Verdict::Invalid(_)));
        let Verdict::Warned(warned) = judge(extra, Policy::Tolerant) else {
            panic!("rejected an unknown field under the tolerant policy");
        };
        assert_eq!(warned.known.map(Known::name), Some("sessionKeepAlive"));
        assert_eq!(warned.warnings.len(), 1);
        assert_eq!(warned.warnings[0].pointer(), "/message/extra");

        // A declared legacy value is read, with a warning, under every policy.
        let legacy = r#"{"event":"onAccountRequestedFailed","message":{"requestId":"d4a1c8e3-6b2f-4e97-8a0c-9f5b3d2e1c48","reason":"error"}}"#;
        for policy in Policy::ALL {
            let Verdict::Warned(warned) = judge(legacy, policy) else {
                panic!("no legacy warning under {policy}");
            };
            assert_eq!(warned.warnings[0].pointer(), "/message/reason");
        }

        // An event neither schema knows: kept, of no direction.
        let Verdict::Warned(warned) = judge(r#"{"event":"nope","message":{}}"#, Policy::Tolerant)
        else {
            panic!("rejected an unknown event under the tolerant policy");
        };
        assert_eq!((warned.known, warned.event.as_str()), (None, "nope"));
    }
}
