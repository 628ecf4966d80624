//! `patternProperties`: the keys that match a pattern are a typed map next to the named
//! fields, routed in the same pass; `additionalProperties` decides about the others.

mod generated {
    des_events::include_schema!("tests/schemas/patterns.schema.json");
}

use std::collections::BTreeMap;

use des_events::{Policy, WarningKind};
use generated::{Labels, LabelsPattern, Metrics, Overlap, PatternEvent, Tagged};

fn read(event: &str, message: &str) -> Result<PatternEvent, des_events::Error> {
    PatternEvent::from_json(&format!(r#"{{"event":"{event}","message":{message}}}"#))
}

#[test]
fn matching_keys_of_a_closed_object_are_typed() {
    let event = read("tagged", r#"{"x-team":"core","id":"a1","x-env":"prod"}"#).unwrap();
    let PatternEvent::Tagged(tagged) = &event else {
        panic!("read as {event:?}");
    };
    let expected: BTreeMap<String, String> = [("x-env", "prod"), ("x-team", "core")]
        .into_iter()
        .map(|(key, value)| (key.to_owned(), value.to_owned()))
        .collect();
    assert_eq!(tagged.id, "a1");
    assert_eq!(tagged.pattern_properties, expected);
    // Written back: the named fields, then the matching keys.
    assert_eq!(
        event.to_json(),
        r#"{"event":"tagged","message":{"id":"a1","x-env":"prod","x-team":"core"}}"#
    );
    assert_eq!(PatternEvent::from_json(&event.to_json()).unwrap(), event);
}

#[test]
fn a_matching_value_is_checked_with_its_pattern_rules() {
    let err = read("tagged", r#"{"id":"a1","x-team":"much-too-long"}"#).unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains(r#"message["x-team"] (line 1, column 63)"#),
        "{text}"
    );
    assert!(
        text.contains("maxLength") || text.contains("at most"),
        "{text}"
    );
    let err = read("tagged", r#"{"id":"a1","x-team":7}"#).unwrap_err();
    assert!(err.to_string().contains(r#"message["x-team"]"#), "{err}");
}

#[test]
fn a_key_matching_no_pattern_is_what_additional_properties_says() {
    // Closed: rejected, strictly; dropped with a warning, tolerantly.
    let err = read("tagged", r#"{"id":"a1","team":"core"}"#).unwrap_err();
    assert!(err.to_string().contains("team"), "{err}");
    let message = r#"{"event":"tagged","message":{"id":"a1","team":"core","x-a":"b"}}"#;
    let (event, warnings) = PatternEvent::from_json_with(message, Policy::Tolerant)
        .unwrap()
        .into_parts();
    let PatternEvent::Tagged(Tagged {
        pattern_properties, ..
    }) = event
    else {
        panic!("read as {event:?}");
    };
    assert_eq!(pattern_properties.len(), 1);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0].kind(), WarningKind::UnknownField);
    assert_eq!(warnings[0].path().to_string(), "message.team");

    // A schema: the other keys are typed by it.
    let event = read("metrics", r#"{"name":"m","n_1":4,"n_22":0,"live":true}"#).unwrap();
    let PatternEvent::Metrics(Metrics {
        pattern_properties,
        additional_properties,
        ..
    }) = &event
    else {
        panic!("read as {event:?}");
    };
    assert_eq!(pattern_properties.get("n_1"), Some(&4));
    assert_eq!(pattern_properties.get("n_22"), Some(&0));
    assert_eq!(additional_properties.get("live"), Some(&true));
    assert_eq!(PatternEvent::from_json(&event.to_json()).unwrap(), event);
    // `n_x` matches no pattern: it must be a boolean; `n_1` must be an integer in range.
    assert!(read("metrics", r#"{"name":"m","n_x":4}"#).is_err());
    assert!(read("metrics", r#"{"name":"m","n_x":false}"#).is_ok());
    assert!(read("metrics", r#"{"name":"m","n_1":true}"#).is_err());
    assert!(read("metrics", r#"{"name":"m","n_1":1001}"#).is_err());
    // A duplicate key is rejected in the typed map too.
    assert!(read("metrics", r#"{"name":"m","n_1":1,"n_1":2}"#).is_err());
}

#[test]
fn an_open_object_keeps_other_keys_untyped_and_pattern_values_typed() {
    let event = read(
        "labels",
        r#"{"label_home":{"text":"Home","weight":1.5},"other":[1,2]}"#,
    )
    .unwrap();
    let PatternEvent::Labels(Labels {
        pattern_properties,
        additional_properties,
    }) = &event
    else {
        panic!("read as {event:?}");
    };
    assert_eq!(
        pattern_properties.get("label_home"),
        Some(&LabelsPattern {
            text: "Home".to_owned(),
            weight: Some(1.5),
        })
    );
    assert_eq!(
        additional_properties.get("other"),
        Some(&serde_json::json!([1, 2]))
    );
    assert_eq!(PatternEvent::from_json(&event.to_json()).unwrap(), event);
    // The pattern's value schema is closed.
    let err = read("labels", r#"{"label_home":{"text":"Home","size":1}}"#).unwrap_err();
    assert!(err.to_string().contains("label_home"), "{err}");
    // `label_Home` matches no pattern (case matters): kept as is.
    assert!(read("labels", r#"{"label_Home":{"size":1}}"#).is_ok());
}

#[test]
fn keys_under_two_schemas_satisfy_both() {
    // `ab` is a property, and both patterns match it: all three schemas apply.
    assert!(read("overlap", r#"{"ab":"abc"}"#).is_ok());
    assert!(read("overlap", r#"{"ab":"abcd"}"#).is_err());
    // `axb` matches both patterns: the first map holds it, the second's rule applies.
    let event = read("overlap", r#"{"axb":"a1b","a":"long text"}"#).unwrap();
    let PatternEvent::Overlap(Overlap {
        pattern_properties,
        pattern_properties_2,
        ..
    }) = &event
    else {
        panic!("read as {event:?}");
    };
    assert_eq!(pattern_properties.len(), 2);
    assert!(pattern_properties_2.is_empty());
    assert!(read("overlap", r#"{"axb":"a12b"}"#).is_err());
    // `xb` matches the second only; `x` neither (closed).
    let event = read("overlap", r#"{"xb":"xb"}"#).unwrap();
    let PatternEvent::Overlap(overlap) = &event else {
        panic!("read as {event:?}");
    };
    assert_eq!(overlap.pattern_properties_2.len(), 1);
    assert!(read("overlap", r#"{"x":"x"}"#).is_err());
    assert_eq!(PatternEvent::from_json(&event.to_json()).unwrap(), event);
}

#[test]
fn the_derived_schema_states_the_patterns() {
    let schema = schemars::schema_for!(Tagged);
    let value = serde_json::to_value(&schema).unwrap();
    assert_eq!(
        value["patternProperties"],
        serde_json::json!({"^x-": {"type": "string", "maxLength": 8}})
    );
    assert_eq!(value["additionalProperties"], serde_json::json!(false));
    assert!(value["properties"].get("pattern_properties").is_none());
}
