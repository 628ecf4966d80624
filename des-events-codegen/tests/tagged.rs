//! Tagged unions recognised by shape: the tag and form the model finds, that annotations
//! never change them, and the located errors of unions that look tagged but are not
//! well-formed.

use des_events_codegen::ir::{Form, Schema, Tagging};
use des_events_codegen::{Diagnostics, Generated, Request, Source, generate};
use serde_json::{Value, json};

fn model(value: &Value) -> Result<Schema, Diagnostics> {
    let text = serde_json::to_string_pretty(value).expect("JSON");
    generate(&Request::new(Source::text("t.json", text)).check_only()).map(Generated::into_schema)
}

fn accepted(value: &Value) -> Schema {
    model(value).unwrap_or_else(|err| panic!("{err}"))
}

fn rejected(value: &Value) -> Diagnostics {
    match model(value) {
        Ok(schema) => panic!("accepted: {:?}", schema.tagging),
        Err(err) => err,
    }
}

fn alternative(tag: &str, name: &str, content: Option<&str>) -> Value {
    let mut properties = json!({ tag: {"const": name} });
    let mut required = vec![json!(tag)];
    if let Some(content) = content {
        properties[content] = json!({"type": "object", "properties": {"n": {"type": "boolean"}}, "additionalProperties": false});
        required.push(json!(content));
    } else {
        properties["n"] = json!({"type": "boolean"});
    }
    json!({"type": "object", "properties": properties, "required": required, "additionalProperties": false})
}

fn union(keyword: &str, alternatives: Vec<Value>) -> Value {
    json!({"title": "Things", keyword: alternatives})
}

#[test]
fn tags_and_forms() {
    let cases = [
        ("event", Some("message")),
        ("name", Some("message")),
        ("type", Some("data")),
        ("kind", None),
    ];
    for (tag, content) in cases {
        for keyword in ["oneOf", "anyOf"] {
            let schema = accepted(&union(
                keyword,
                vec![
                    alternative(tag, "a", content),
                    alternative(tag, "b", content),
                ],
            ));
            let form = match content {
                Some(content) => Form::Envelope {
                    content: content.to_owned(),
                },
                None => Form::Flat,
            };
            assert_eq!(
                schema.tagging,
                Tagging {
                    tag: tag.to_owned(),
                    form
                }
            );
            assert_eq!(schema.events.len(), 2);
        }
    }
}

#[test]
fn annotations_never_change_the_tag_or_the_form() {
    let plain = union(
        "oneOf",
        vec![
            alternative("type", "a", Some("data")),
            alternative("type", "b", Some("data")),
        ],
    );
    let mut annotated = plain.clone();
    annotated["description"] = json!("things");
    annotated["$comment"] = json!("c");
    annotated["oneOf"][0]["properties"]["type"] = json!({
        "const": "a", "type": "string", "description": "the tag", "$comment": "c",
        "examples": ["a"], "deprecated": true
    });
    annotated["oneOf"][1]["description"] = json!("b things");
    annotated["oneOf"][1]["x-des-mobile-function"] = json!("showB");
    annotated["oneOf"][1]["examples"] = json!([{"type": "b", "data": {}}]);
    let (plain, annotated) = (accepted(&plain), accepted(&annotated));
    assert_eq!(plain.tagging, annotated.tagging);
    let names = |schema: &Schema| -> Vec<String> {
        schema
            .types
            .iter()
            .map(|def| def.name().to_owned())
            .collect()
    };
    assert_eq!(names(&plain), names(&annotated));
}

#[test]
fn open_alternatives_make_an_open_envelope() {
    let mut value = union(
        "oneOf",
        vec![
            alternative("event", "a", Some("message")),
            alternative("event", "b", Some("message")),
        ],
    );
    if let Some(object) = value["oneOf"][1].as_object_mut() {
        object.remove("additionalProperties");
    }
    let schema = accepted(&value);
    assert_eq!(
        schema.tagging.form,
        Form::OpenEnvelope {
            content: "message".to_owned()
        }
    );
    assert_eq!(schema.events[0].message, "AEnvelope");
    assert!(schema.struct_def("A").is_some());
}

#[test]
fn duplicate_constants_are_located_errors() {
    let value = union(
        "anyOf",
        vec![
            alternative("name", "a", Some("message")),
            alternative("name", "a", Some("message")),
        ],
    );
    let err = rejected(&value);
    let first = &err.0[0];
    assert_eq!(
        first.pointer.as_deref(),
        Some("/anyOf/1/properties/name/const")
    );
    assert!(
        first.message.contains("defined twice (first at /anyOf/0)"),
        "{first}"
    );
    assert!(first.pos.is_some());
    // Two constants that become one Rust name.
    let value = union(
        "oneOf",
        vec![
            alternative("type", "a-b", None),
            alternative("type", "a_b", None),
        ],
    );
    let err = rejected(&value);
    assert!(
        err.0[0]
            .message
            .contains("both become the Rust variant `AB`"),
        "{err}"
    );
}

#[test]
fn bridge_keywords_need_a_closed_envelope() {
    let mut value = union("oneOf", vec![alternative("type", "a", None)]);
    value["oneOf"][0]["x-des-mobile-function"] = json!("f");
    let err = rejected(&value);
    assert_eq!(
        err.0[0].pointer.as_deref(),
        Some("/oneOf/0/x-des-mobile-function")
    );
    assert!(
        err.0[0].message.contains("needs a closed envelope"),
        "{err}"
    );
}

#[test]
fn catch_all_needs_the_classic_shape() {
    let value = union("oneOf", vec![alternative("type", "a", Some("data"))]);
    let text = serde_json::to_string(&value).expect("JSON");
    let request = Request::new(Source::text("t.json", text)).catch_all(true);
    let err = match generate(&request) {
        Ok(_) => panic!("accepted"),
        Err(err) => err,
    };
    assert!(
        err.0[0].message.contains("`catch_all = true` needs"),
        "{err}"
    );
}

#[test]
fn a_root_without_one_tag_is_not_a_tagged_union() {
    // No property is a required constant everywhere: the classic checks say what is wrong.
    let mut value = union("oneOf", vec![alternative("event", "a", Some("message"))]);
    value["oneOf"][0]["required"] = json!(["message"]);
    let err = rejected(&value);
    assert!(
        err.to_string().contains("`event` must be in `required`"),
        "{err}"
    );
    // Both `oneOf` and `anyOf`.
    let mut value = union("oneOf", vec![alternative("event", "a", Some("message"))]);
    value["anyOf"] = value["oneOf"].clone();
    let err = rejected(&value);
    assert!(
        err.to_string().contains("both `oneOf` and `anyOf`"),
        "{err}"
    );
}

#[test]
fn expansion_is_deterministic_for_every_form() {
    for content in [Some("data"), None] {
        let value = union("oneOf", vec![alternative("type", "a", content)]);
        let text = serde_json::to_string(&value).expect("JSON");
        let expand = || match generate(&Request::new(Source::text("t.json", text.clone()))) {
            Ok(generated) => generated.tokens().to_string(),
            Err(err) => panic!("{err}"),
        };
        assert_eq!(expand(), expand());
    }
}
