//! Tagged unions besides `{"event": ..., "message": ...}`, end to end: other tag and
//! content names, the flat form, open envelopes and `anyOf`. The schemas are those of
//! the differential suite; their generated conformance tests (examples and mutants) run
//! in this test binary too.

mod name_message {
    des_events::include_schema!("../tests/differential/accepted/272-name-message-envelope.json");
}

mod type_data {
    des_events::include_schema!("../tests/differential/accepted/273-type-data-envelope.json");
}

mod flat {
    des_events::include_schema!("../tests/differential/accepted/274-flat-type-tag.json");
}

mod open {
    des_events::include_schema!("../tests/differential/accepted/275-open-envelope.json");
}

mod any_of {
    des_events::include_schema!("../tests/differential/accepted/276-any-of-tagged-union.json");
}

use des_events::{Error, EventUnion, Problem};

#[test]
fn a_name_keyed_envelope_reads_writes_and_dispatches() {
    use name_message::{NameMessageEnvelope, NameMessageEnvelopeHandler, NavigateTo};
    let event =
        NameMessageEnvelope::from_json(r#"{"message":{"location":"/a"},"name":"navigateTo"}"#)
            .unwrap();
    assert_eq!(event.tag(), "navigateTo");
    assert_eq!(EventUnion::event_name(&event), "navigateTo");
    assert_eq!(NameMessageEnvelope::TAGS, ["navigateTo", "logout"]);
    assert_eq!(
        event.to_json(),
        r#"{"name":"navigateTo","message":{"location":"/a"}}"#
    );
    assert_eq!(
        NameMessageEnvelope::from(NavigateTo {
            location: "/b".into()
        })
        .to_json(),
        r#"{"name":"navigateTo","message":{"location":"/b"}}"#
    );
    struct Count;
    impl NameMessageEnvelopeHandler for Count {
        type Output = u8;
        fn navigate_to(&mut self, _: NavigateTo) -> u8 {
            1
        }
        fn logout(&mut self, _: name_message::Logout) -> u8 {
            2
        }
    }
    assert_eq!(event.dispatch(&mut Count), 1);
    // Errors name the tag and the content key.
    let err = NameMessageEnvelope::from_json(r#"{"name":"navigateTo","message":{"location":""}}"#)
        .unwrap_err();
    match &err {
        Error::Invalid(invalid) => {
            assert_eq!(invalid.event.as_deref(), Some("navigateTo"));
            assert_eq!(invalid.pointer(), "/message/location");
        }
        other => panic!("{other:?}"),
    }
    let err = NameMessageEnvelope::from_json(r#"{"message":{}}"#).unwrap_err();
    assert!(
        matches!(&err, Error::Invalid(invalid) if invalid.pointer() == "/name"),
        "{err:?}"
    );
    assert!(
        NameMessageEnvelope::from_json(r#"{"name":"x","message":{}}"#)
            .unwrap_err()
            .is_unknown_event()
    );
    // The bridge works for any closed envelope.
    assert_eq!(
        NameMessageEnvelope::from_mobile("logout", "{}")
            .unwrap()
            .tag(),
        "logout"
    );
}

#[test]
fn a_type_data_envelope_uses_the_canonical_reader() {
    use type_data::{Click, TypeDataEnvelope};
    let event =
        TypeDataEnvelope::from_json(r#" { "type" : "click" , "data" : {"x":1,"y":2} } "#).unwrap();
    assert_eq!(event, TypeDataEnvelope::Click(Click { x: 1, y: 2 }));
    assert_eq!(event.to_json(), r#"{"type":"click","data":{"x":1,"y":2}}"#);
    let err =
        TypeDataEnvelope::from_json(r#"{"type":"click","data":{"x":1,"y":2},"z":0}"#).unwrap_err();
    assert!(
        matches!(&err, Error::Invalid(invalid) if matches!(&invalid.problem, Problem::UnknownField { field } if field == "z")),
        "{err:?}"
    );
}

#[test]
fn the_flat_form_keeps_fields_beside_the_tag() {
    use flat::{FlatTypeTag, Move, Note, Stop, Tagged};
    let event = FlatTypeTag::from_json(r#"{"x":-3,"type":"move"}"#).unwrap();
    assert_eq!(event, FlatTypeTag::Move(Move { x: -3, label: None }));
    assert_eq!(event.to_json(), r#"{"type":"move","x":-3}"#);
    assert_eq!(FlatTypeTag::from(Stop {}).to_json(), r#"{"type":"stop"}"#);
    // An open variant keeps other keys, and writes them back.
    let text = r#"{"type":"note","text":"hi","mood":{"a":[1]}}"#;
    let FlatTypeTag::Note(Note {
        text: note,
        additional_properties,
    }) = FlatTypeTag::from_json(text).unwrap()
    else {
        panic!("not a note")
    };
    assert_eq!(note, "hi");
    assert_eq!(additional_properties["mood"], serde_json::json!({"a": [1]}));
    let again = FlatTypeTag::from_json(text).unwrap().to_json();
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&again).unwrap(),
        serde_json::from_str::<serde_json::Value>(text).unwrap()
    );
    // Typed other keys are checked.
    let tagged = FlatTypeTag::from_json(r#"{"type":"tagged","on":true}"#).unwrap();
    assert!(matches!(
        &tagged,
        FlatTypeTag::Tagged(Tagged { data: None, .. })
    ));
    let err = FlatTypeTag::from_json(r#"{"type":"tagged","on":"yes"}"#).unwrap_err();
    assert!(
        matches!(&err, Error::Invalid(invalid) if invalid.pointer() == "/on"),
        "{err:?}"
    );
    // A second tag is a duplicate key, in either position.
    for text in [
        r#"{"type":"stop","type":"stop"}"#,
        r#"{"x":1,"type":"move","type":"move"}"#,
    ] {
        let err = FlatTypeTag::from_json(text).unwrap_err();
        assert!(matches!(&err, Error::Invalid(_)), "{err:?}");
    }
    // Located errors: a field of the variant, the tag, an unknown tag.
    let err = FlatTypeTag::from_json("{\"type\":\"move\",\n\"x\":101}").unwrap_err();
    match &err {
        Error::Invalid(invalid) => {
            assert_eq!(invalid.event.as_deref(), Some("move"));
            assert_eq!(invalid.pointer(), "/x");
            assert_eq!(invalid.line, 2);
        }
        other => panic!("{other:?}"),
    }
    let err = FlatTypeTag::from_json(r#"{"x":1}"#).unwrap_err();
    assert!(
        matches!(&err, Error::Invalid(invalid) if matches!(&invalid.problem, Problem::MissingField { field } if field == "type")),
        "{err:?}"
    );
    assert!(
        FlatTypeTag::from_json(r#"{"type":"jump"}"#)
            .unwrap_err()
            .is_unknown_event()
    );
    assert!(matches!(
        FlatTypeTag::from_json("[1]").unwrap_err(),
        Error::Invalid(_)
    ));
    assert!(matches!(
        FlatTypeTag::from_json("{").unwrap_err(),
        Error::Syntax { .. }
    ));
}

#[test]
fn an_open_envelope_keeps_and_checks_other_keys() {
    use open::{Count, CountEnvelope, OpenEnvelope, PingEnvelope};
    let text =
        r#"{"event":"ping","message":{"id":"a2313192-e2dc-452e-b56c-2f23baf6eee1"},"trace":[1]}"#;
    let event = OpenEnvelope::from_json(text).unwrap();
    let OpenEnvelope::Ping(PingEnvelope {
        message,
        additional_properties,
    }) = &event
    else {
        panic!("not a ping")
    };
    assert_eq!(message.id.as_str(), "a2313192-e2dc-452e-b56c-2f23baf6eee1");
    assert_eq!(additional_properties["trace"], serde_json::json!([1]));
    assert_eq!(event.event_name(), "ping");
    assert_eq!(event.to_json(), text);
    let count = OpenEnvelope::from(CountEnvelope {
        message: Count { n: 2 },
        additional_properties: [("hops".to_owned(), 7)].into_iter().collect(),
    });
    assert_eq!(
        count.to_json(),
        r#"{"event":"count","message":{"n":2},"hops":7}"#
    );
    let err =
        OpenEnvelope::from_json(r#"{"event":"count","message":{"n":2},"hops":300}"#).unwrap_err();
    assert!(
        matches!(&err, Error::Invalid(invalid) if invalid.pointer() == "/hops"),
        "{err:?}"
    );
    let err = OpenEnvelope::from_json(r#"{"event":"count","message":{"n":20}}"#).unwrap_err();
    assert!(
        matches!(&err, Error::Invalid(invalid) if invalid.pointer() == "/message/n"),
        "{err:?}"
    );
    let err = OpenEnvelope::from_json(r#"{"event":"closed","message":{},"x":1}"#).unwrap_err();
    assert!(
        matches!(&err, Error::Invalid(invalid) if invalid.pointer() == "/x"),
        "{err:?}"
    );
}

#[test]
fn an_any_of_union_is_the_classic_union() {
    use any_of::{AnyOfTaggedUnion, Close};
    let event =
        AnyOfTaggedUnion::from_json(r#"{"message":{"force":true},"event":"close"}"#).unwrap();
    assert_eq!(event, AnyOfTaggedUnion::Close(Close { force: Some(true) }));
    assert_eq!(AnyOfTaggedUnion::EVENT_NAMES, ["open", "close"]);
    assert_eq!(
        event.to_json(),
        r#"{"event":"close","message":{"force":true}}"#
    );
}

/// `from_json` and the `Deserialize` impl agree, and neither panics, on every prefix of
/// valid documents and on every one-byte change of them (over a small alphabet).
#[test]
fn readers_agree_and_never_panic_on_damaged_documents() {
    fn check<T: EventUnion>(text: &str) {
        let ours = T::from_json(text).ok();
        let derived = serde_json::from_str::<T>(text).ok();
        assert_eq!(
            ours, derived,
            "from_json and Deserialize disagree on {text}"
        );
        if let Some(value) = ours {
            // Whatever is accepted writes back to a document read as the same value.
            assert_eq!(T::from_json(&value.to_json()).ok(), Some(value), "{text}");
        }
    }
    fn damage<T: EventUnion>(documents: &[&str]) {
        for document in documents {
            for end in 0..=document.len() {
                if let Some(prefix) = document.get(..end) {
                    check::<T>(prefix);
                }
            }
            let bytes = document.as_bytes();
            for at in 0..bytes.len() {
                for replacement in [b'"', b'{', b'}', b',', b':', b'1', b'x', b' ', b'\\'] {
                    let mut changed = bytes.to_vec();
                    changed[at] = replacement;
                    if let Ok(text) = String::from_utf8(changed) {
                        check::<T>(&text);
                    }
                }
            }
        }
    }
    damage::<flat::FlatTypeTag>(&[
        r#"{"type":"move","x":3,"label":"go"}"#,
        r#"{"x":3,"type":"move"}"#,
        r#"{"type":"note","text":"hi","mood":{"a":1}}"#,
        r#"{"on":true,"type":"tagged","data":{}}"#,
    ]);
    damage::<open::OpenEnvelope>(&[
        r#"{"event":"count","message":{"n":1},"hops":3}"#,
        r#"{"hops":3,"message":{"n":1},"event":"count"}"#,
    ]);
    damage::<type_data::TypeDataEnvelope>(&[
        r#"{"type":"click","data":{"x":1,"y":2}}"#,
        r#"{"data":{"x":1,"y":2},"type":"click"}"#,
    ]);
}
