//! Paths are segments, rendered once: keys that a dotted path cannot show (a property
//! named `7`, keys with `.`, `/`, `~` or a backtick) are located unambiguously, both in the
//! readable form and as an RFC 6901 JSON Pointer. The generated conformance tests of
//! `schemas/paths.schema.json` run in this binary too: their mutants expect the same
//! pointers the runtime reports (before, a property named `7` failed its own tests).

mod generated {
    des_events::include_schema!("tests/schemas/paths.schema.json");
}

use des_events::{Error, Invalid, Problem, Segment};
use generated::PathEvent;

const VALID: &str = r#"{"event":"odd","message":{"7":"a2313192-e2dc-452e-b56c-2f23baf6eee1","a.b":4,"x/y~z":{"we`ird":"abc"},"list":["one","two"]}}"#;

fn invalid(json: &str) -> Invalid {
    match PathEvent::from_json(json) {
        Err(Error::Invalid(invalid)) => *invalid,
        other => panic!("expected an invalid document, got {other:?}"),
    }
}

fn with(from: &str, to: &str) -> String {
    assert!(VALID.contains(from), "{from}");
    VALID.replacen(from, to, 1)
}

#[test]
fn the_valid_document_parses() {
    assert!(PathEvent::from_json(VALID).is_ok());
}

#[test]
fn a_property_named_seven_is_not_an_index() {
    let err = invalid(&with(
        r#""7":"a2313192-e2dc-452e-b56c-2f23baf6eee1""#,
        r#""7":"x""#,
    ));
    assert_eq!(err.path.to_string(), r#"message["7"]"#);
    assert_eq!(err.pointer(), "/message/7");
    assert_eq!(
        err.path.segments(),
        [Segment::Key("message".into()), Segment::Key("7".into())]
    );
    assert!(matches!(err.problem, Problem::Constraint { keyword, .. } if keyword == "format"));

    let missing = invalid(&with(r#""7":"a2313192-e2dc-452e-b56c-2f23baf6eee1","#, ""));
    assert_eq!(missing.path.to_string(), r#"message["7"]"#);
    assert!(matches!(&missing.problem, Problem::MissingField { field } if field == "7"));

    // An array index, by contrast, reads as one.
    let item = invalid(&with(r#"["one","two"]"#, r#"["one",""]"#));
    assert_eq!(item.path.to_string(), "message.list[1]");
    assert_eq!(item.pointer(), "/message/list/1");
}

#[test]
fn keys_with_dots_slashes_tildes_and_backticks() {
    let dotted = invalid(&with(r#""a.b":4"#, r#""a.b":10"#));
    assert_eq!(dotted.path.to_string(), r#"message["a.b"]"#);
    assert_eq!(dotted.pointer(), "/message/a.b");
    assert!(matches!(dotted.problem, Problem::Constraint { keyword, .. } if keyword == "maximum"));

    let nested = invalid(&with(r#""abc""#, r#""abcd""#));
    assert_eq!(nested.path.to_string(), r#"message["x/y~z"]["we`ird"]"#);
    assert_eq!(nested.pointer(), "/message/x~1y~0z/we`ird");

    let unknown = invalid(&with(r#"{"we`ird":"abc"}"#, r#"{"we`ird":"abc","a.b":1}"#));
    assert_eq!(unknown.pointer(), "/message/x~1y~0z/a.b");
    assert!(matches!(&unknown.problem, Problem::UnknownField { field } if field == "a.b"));
    // Display uses the readable form.
    assert!(
        unknown
            .to_string()
            .contains(r#"at message["x/y~z"]["a.b"]"#),
        "{unknown}"
    );
}

#[test]
fn positions_point_at_the_offending_value() {
    let json = with(r#""a.b":4"#, r#""a.b":"4""#);
    let err = invalid(&json);
    let column = json.find(r#""4""#).map(|start| start + 3);
    assert_eq!(Some(err.column), column, "{err}");
    assert!(matches!(err.problem, Problem::WrongType { .. }));
}
