//! The validator's own guarantees: located schema errors, no panic on hostile input,
//! `documents()` round trips, thread safety, and the shape of violations.

use des_events_core::validate::{Draft, Options, SchemaError, Validator};
use serde_json::{Value, json};

const URI: &str = "https://example.com/schema.json";

fn compile(schema: Value) -> Result<Validator, SchemaError> {
    Validator::new(URI, vec![(URI.to_owned(), schema)], &Options::default())
}

fn error(schema: Value) -> SchemaError {
    match compile(schema) {
        Ok(_) => panic!("the schema should not compile"),
        Err(error) => error,
    }
}

#[test]
fn validator_is_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Validator>();
    static SHARED: std::sync::LazyLock<Option<Validator>> =
        std::sync::LazyLock::new(|| compile(json!({"type": "integer"})).ok());
    assert!(SHARED.as_ref().is_some_and(|v| v.is_valid(&json!(3))));
}

#[test]
fn schema_errors_are_located() {
    let unknown = error(json!({"$schema": "https://example.com/my-dialect", "type": "string"}));
    assert_eq!(
        (unknown.uri.as_str(), unknown.pointer.as_str()),
        (URI, "/$schema")
    );
    assert!(unknown.message.contains("https://example.com/my-dialect"));
    assert!(
        unknown
            .hint
            .as_deref()
            .is_some_and(|hint| hint.contains(Draft::Draft202012.uri()))
    );

    let length = error(json!({"properties": {"a": {"minLength": "a"}}}));
    assert_eq!(length.pointer, "/properties/a/minLength");
    assert!(length.message.contains("non-negative integer"));

    let pattern = error(json!({"patternProperties": {"(": true}}));
    assert_eq!(pattern.pointer, "/patternProperties/(");
    let pattern = error(json!({"$defs": {"a~b": {"pattern": "[z-a]"}}, "$ref": "#/$defs/a~0b"}));
    assert_eq!(pattern.pointer, "/$defs/a~0b/pattern");
    assert!(pattern.message.contains("ECMA-262"));

    let missing = error(json!({"items": {"$ref": "other.json#/$defs/x"}}));
    assert_eq!(missing.pointer, "/items/$ref");
    assert!(missing.message.contains("https://example.com/other.json"));
    assert!(
        missing
            .hint
            .as_deref()
            .is_some_and(|hint| hint.contains("nothing is fetched"))
    );

    let pointer = error(json!({"$ref": "#/$defs/nope"}));
    assert_eq!(pointer.pointer, "/$ref");

    let ty = error(json!({"type": "text"}));
    assert_eq!(ty.pointer, "/type");
    assert!(
        ty.to_string()
            .starts_with("https://example.com/schema.json#/type: ")
    );
}

#[test]
fn violations_say_where_and_what() {
    let validator = compile(json!({
        "properties": {"items": {"type": "array", "items": {"$ref": "#/$defs/small"}}},
        "$defs": {"small": {"maximum": 3}}
    }))
    .expect("compiles");
    let violation = validator
        .validate(&json!({"items": [1, 2, 7]}))
        .expect_err("7 is too big");
    assert_eq!(violation.path, "items[2]");
    assert_eq!(violation.keyword, "maximum");
    assert_eq!(
        violation.schema_pointer,
        format!("{URI}#/$defs/small/maximum")
    );
    assert_eq!(violation.message, "must be at most 3");
    assert_eq!(
        violation.to_string(),
        format!("`items[2]` must be at most 3 (`maximum` at {URI}#/$defs/small/maximum)")
    );
    let never = compile(json!({"properties": {"a": false}})).expect("compiles");
    let violation = never
        .validate(&json!({"a": 1}))
        .expect_err("a is forbidden");
    assert_eq!(
        (
            violation.keyword.as_str(),
            violation.schema_pointer.as_str()
        ),
        ("false", "https://example.com/schema.json#/properties/a")
    );
    // The message never echoes a long value.
    let constant = compile(json!({"const": "x".repeat(1000)})).expect("compiles");
    let violation = constant
        .validate(&json!("y".repeat(1000)))
        .expect_err("differs");
    assert!(violation.message.len() < 100);
}

#[test]
fn hostile_schemas_and_instances_do_not_panic() {
    // Deeply nested schema: refused, not a stack overflow.
    let mut deep = json!({"type": "integer"});
    for _ in 0..1_000 {
        deep = json!({"not": deep});
    }
    assert!(compile(deep).is_err());

    // Reference cycles that make no progress: invalid, not a stack overflow.
    for schema in [
        json!({"$ref": "#"}),
        json!({"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"allOf": [{"$ref": "#/$defs/a"}]}}, "$ref": "#/$defs/a"}),
        json!({"$dynamicAnchor": "x", "$dynamicRef": "#x"}),
        json!({"$schema": "https://json-schema.org/draft/2019-09/schema", "$recursiveAnchor": true, "anyOf": [{"$recursiveRef": "#"}]}),
        json!({"$schema": "http://json-schema.org/draft-04/schema#", "definitions": {"a": {"$ref": "#"}}, "not": {"$ref": "#/definitions/a"}}),
    ] {
        let validator = compile(schema).expect("compiles");
        assert!(!validator.is_valid(&json!(1)));
        assert!(validator.validate(&json!({"a": [1]})).is_err());
    }

    // Recursion that makes progress works, up to a deep instance, then is refused.
    let tree =
        compile(json!({"type": ["array", "integer"], "items": {"$ref": "#"}})).expect("compiles");
    let mut nested = json!(1);
    for _ in 0..150 {
        nested = json!([nested]);
    }
    assert!(tree.is_valid(&nested));
    // At the evaluation depth limit (two schemas per level), refused cleanly.
    for _ in 0..100 {
        nested = json!([nested]);
    }
    assert!(!tree.is_valid(&nested));
    assert_eq!(
        tree.validate(&nested).map_err(|v| v.keyword),
        Err("$ref".to_owned())
    );
    // (Deep enough to pass the limits; serde_json itself clones and drops values
    // recursively, so the test stays far from its own stack limit.)
    for _ in 0..1_000 {
        nested = json!([nested]);
    }
    assert!(!tree.is_valid(&nested));
    assert!(tree.validate(&nested).is_err());
    let unique = compile(json!({"uniqueItems": true, "enum": [[[[1]]]]})).expect("compiles");
    assert!(!unique.is_valid(&json!([nested.clone(), nested])));

    // Huge and tiny numbers.
    let numbers = compile(json!({
        "allOf": [
            {"minimum": -1e308, "maximum": 1e308},
            {"multipleOf": 1e-300},
            {"exclusiveMaximum": 18446744073709551615u64},
            {"minimum": -9223372036854775808i64}
        ]
    }))
    .expect("compiles");
    assert!(numbers.is_valid(&json!(1e10)));
    assert!(!numbers.is_valid(&json!(1e300)));
    assert!(numbers.is_valid(&json!(-9223372036854775808i64)));
    assert!(!numbers.is_valid(&json!(18446744073709551615u64)));
    assert!(numbers.is_valid(&json!(18446744073709551614u64)));
    let tiny = compile(json!({"multipleOf": 1e308})).expect("compiles");
    assert!(!tiny.is_valid(&json!(5e-324)));
    assert!(tiny.is_valid(&json!(0)));

    // Wrong types everywhere are errors, never panics.
    for keyword in [
        "type",
        "enum",
        "multipleOf",
        "maximum",
        "minLength",
        "pattern",
        "items",
        "prefixItems",
        "contains",
        "properties",
        "patternProperties",
        "additionalProperties",
        "required",
        "dependentRequired",
        "dependentSchemas",
        "allOf",
        "anyOf",
        "oneOf",
        "not",
        "if",
        "$ref",
        "$dynamicRef",
        "$id",
        "$anchor",
        "format",
        "uniqueItems",
        "minContains",
        "unevaluatedItems",
        "unevaluatedProperties",
        "propertyNames",
        "$schema",
        "$defs",
    ] {
        for value in [
            json!(null),
            json!(-1),
            json!(1.5),
            json!("x"),
            json!([1]),
            json!({"a": 1}),
        ] {
            if let Ok(validator) = compile(json!({ keyword: value })) {
                let _ = validator.validate(&json!({"a": [1, "b", null]}));
            }
        }
    }
}

#[test]
fn documents_round_trip() {
    let mut retrieve = |uri: &str| -> Option<Value> {
        (uri == "https://example.com/item.json").then(|| {
            json!({"$id": "https://example.com/item.json", "type": "object", "required": ["id"]})
        })
    };
    let schema = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "array",
        "items": {"$ref": "item.json"},
        "unevaluatedItems": false
    });
    let first = Validator::with_retriever(
        URI,
        vec![(URI.to_owned(), schema)],
        &Options::default(),
        &mut retrieve,
    )
    .expect("compiles");
    let documents: Vec<(String, Value)> = first
        .documents()
        .into_iter()
        .map(|(uri, value)| (uri, value.clone()))
        .collect();
    assert_eq!(documents.len(), 2);
    assert_eq!(documents[0].0, URI);
    let second = Validator::new(URI, documents, &Options::default()).expect("rebuilds");
    for instance in [
        json!([]),
        json!([{"id": 1}]),
        json!([{}]),
        json!({}),
        json!([1]),
    ] {
        assert_eq!(
            first.is_valid(&instance),
            second.is_valid(&instance),
            "{instance}"
        );
        assert_eq!(first.validate(&instance), second.validate(&instance));
    }

    // A schema validated against its metaschema (built in) round trips too.
    let meta = Validator::new(
        "https://json-schema.org/draft/2020-12/schema",
        Vec::new(),
        &Options::default(),
    )
    .expect("built-in metaschema");
    let again = Validator::new(
        "https://json-schema.org/draft/2020-12/schema",
        meta.documents()
            .into_iter()
            .map(|(uri, value)| (uri, value.clone()))
            .collect(),
        &Options::default(),
    )
    .expect("rebuilds");
    for instance in [
        json!({"type": "string"}),
        json!({"type": 3}),
        json!({"$defs": {"a": {"minLength": -1}}}),
    ] {
        assert_eq!(meta.is_valid(&instance), again.is_valid(&instance));
    }
    assert!(!meta.is_valid(&json!({"$defs": {"a": {"minLength": -1}}})));
}

#[test]
fn drafts_and_formats() {
    let draft4 = Validator::new(
        URI,
        vec![(
            URI.to_owned(),
            json!({"maximum": 3, "exclusiveMaximum": true}),
        )],
        &Options {
            default_draft: Draft::Draft4,
            ..Options::default()
        },
    )
    .expect("compiles");
    assert!(!draft4.is_valid(&json!(3)));
    assert!(draft4.is_valid(&json!(2.5)));
    let format = json!({"format": "uuid"});
    let asserted = compile(format.clone()).expect("compiles");
    assert!(!asserted.is_valid(&json!("nope")));
    let annotated = Validator::new(
        URI,
        vec![(URI.to_owned(), format)],
        &Options {
            assert_formats: false,
            ..Options::default()
        },
    )
    .expect("compiles");
    assert!(annotated.is_valid(&json!("nope")));
}
