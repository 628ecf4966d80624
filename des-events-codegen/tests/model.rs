//! The engine's model and check stages: the IR of the bundled schemas, and one test per
//! diagnostic (message, JSON pointer and position).

use des_events_codegen::diag::Pos;
use des_events_codegen::ir::Schema;
use des_events_codegen::ir::{Additional, Format, Type, TypeDef};
use des_events_codegen::{Diagnostics, Generated, Request, Source, generate};

/// The checked schema of `text` (every check of the engine's one entry, no expansion).
fn parse_schema(shown: &str, text: &str) -> Result<Schema, Diagnostics> {
    generate(&Request::new(Source::text(shown, text)).check_only()).map(Generated::into_schema)
}

fn bundled_source(name: &str) -> Source {
    let path = format!("{}/../schema/{name}", env!("CARGO_MANIFEST_DIR"));
    Source::file(path, name)
}

fn bundled(name: &str) -> Schema {
    match generate(&Request::new(bundled_source(name)).check_only()) {
        Ok(generated) => generated.into_schema(),
        Err(err) => panic!("{err}"),
    }
}

/// A one-event union around `message` (a JSON object schema, as text).
fn union_with(message: &str) -> String {
    format!(
        r#"{{
  "title": "Events",
  "oneOf": [
    {{
      "type": "object",
      "properties": {{
        "event": {{"const": "ping"}},
        "message": {message}
      }},
      "required": ["event", "message"],
      "additionalProperties": false
    }}
  ]
}}"#
    )
}

fn errors(text: &str) -> Diagnostics {
    match parse_schema("t.json", text) {
        Ok(_) => panic!("schema accepted:\n{text}"),
        Err(err) => err,
    }
}

fn only_error(text: &str) -> des_events_codegen::Diagnostic {
    let mut all = errors(text).0;
    assert_eq!(all.len(), 1, "{all:#?}");
    all.remove(0)
}

#[test]
fn partner_schema_model() {
    let schema = bundled("partner-events.schema.json");
    assert_eq!(schema.name, "PartnerEvent");
    assert_eq!(schema.events.len(), 11);
    let update = schema.event("updateToken").unwrap();
    assert_eq!(update.variant, "UpdateToken");
    assert_eq!(update.method, "update_token");
    assert_eq!(update.reply_to.as_deref(), Some("onIdTokenDidExpire"));
    let def = schema.struct_def(&update.message).unwrap();
    assert_eq!(def.additional, Additional::Closed);
    let token = def
        .fields
        .iter()
        .find(|f| f.wire_name == "idToken")
        .unwrap();
    assert!(token.credential && token.required);
    assert_eq!(token.rust_name, "id_token");
    let id = def
        .fields
        .iter()
        .find(|f| f.wire_name == "requestId")
        .unwrap();
    assert!(matches!(&id.ty, Type::String(rules) if rules.format == Some(Format::Uuid)));
    assert!(schema.events.iter().all(|event| !event.examples.is_empty()));
}

#[test]
fn des_schema_model() {
    let schema = bundled("des-events.schema.json");
    assert_eq!(schema.name, "DesEvent");
    assert_eq!(schema.events.len(), 10);
    // Shared definitions keep their names; nested enums are named after their place.
    for name in [
        "Dream",
        "DreamUser",
        "TargetAmount",
        "Money",
        "OnTelemetryEventName",
    ] {
        assert!(schema.type_def(name).is_some(), "missing type {name}");
    }
    let dream = schema.struct_def("Dream").unwrap();
    let target = dream
        .fields
        .iter()
        .find(|f| f.wire_name == "target_amount")
        .unwrap();
    assert!(!target.required);
    assert_eq!(target.ty, Type::Named("TargetAmount".into()));
    let kind = dream.fields.iter().find(|f| f.wire_name == "type").unwrap();
    assert_eq!(kind.rust_name, "r#type");
    // The telemetry payload is the one free-form object.
    let telemetry = schema.struct_def("OnTelemetryEvent").unwrap();
    assert_eq!(telemetry.fields[1].ty, Type::Map);
    // Floating point rules out Eq; maps rule out Hash.
    let money = schema.type_def("Money").unwrap();
    assert!(!schema.def_is(money, false));
    assert!(schema.def_is(schema.type_def("Dream").unwrap(), true));
    assert!(!schema.def_is(&TypeDef::Struct(telemetry.clone()), true));
}

#[test]
fn expansion_is_deterministic() {
    let expand = || match generate(&Request::new(bundled_source("des-events.schema.json"))) {
        Ok(generated) => generated.tokens().to_string(),
        Err(err) => panic!("{err}"),
    };
    let once = expand();
    assert!(!once.is_empty());
    assert_eq!(once, expand());
}

#[test]
fn mutants_cover_every_rule() {
    let schema = bundled("des-events.schema.json");
    let mutants = des_events_codegen::mutate::mutants(&schema);
    let labels: Vec<&str> = mutants.iter().map(|m| m.label.as_str()).collect();
    let has = |needle: &str| labels.iter().any(|label| label.contains(needle));
    assert!(
        has("onAccountRequested#0: message.dream.user loses `externalId`"),
        "{labels:#?}"
    );
    assert!(has(
        "onAccountRequested#0: message.dream.target_date breaks its format"
    ));
    assert!(has(
        "onTelemetryEvent#0: message.name is not an allowed value"
    ));
    assert!(has(
        "onTransferConsentRequested#1: message.successUrl is null"
    ));
    assert!(has("onShare#0: message gains an unknown field"));
    // The open payload gets no unknown-field mutant.
    assert!(!has("message.payload gains an unknown field"));
    assert!(mutants.len() > 150, "{}", mutants.len());
}

#[test]
fn invalid_json_has_a_position() {
    let err = only_error("{\n  \"title\": \"X\",\n  \"oneOf\": [,]\n}");
    assert_eq!(
        err.pos,
        Some(Pos {
            line: 3,
            column: 13
        })
    );
    assert!(err.message.starts_with("invalid JSON"), "{}", err.message);
}

#[test]
fn unsupported_keyword_is_an_error_with_pointer() {
    let text =
        union_with(r#"{"type": "object", "properties": {"a": {"type": "string", "not": {}}}}"#);
    let err = only_error(&text);
    assert_eq!(
        err.pointer.as_deref(),
        Some("/oneOf/0/properties/message/properties/a/not")
    );
    assert_eq!(err.message, "unsupported keyword `not` on a string schema");
    assert_eq!(err.pos.map(|p| p.line), Some(8));
    assert!(
        err.hint
            .as_deref()
            .unwrap_or_default()
            .contains("minLength")
    );
}

#[test]
fn event_must_be_a_const() {
    let text = union_with(r#"{"type": "object"}"#)
        .replace(r#"{"const": "ping"}"#, r#"{"type": "string"}"#);
    let err = only_error(&text);
    assert_eq!(err.pointer.as_deref(), Some("/oneOf/0/properties/event"));
    assert!(err.message.contains("must be a `const`"), "{}", err.message);
}

#[test]
fn duplicate_and_colliding_events() {
    let variant = |name: &str| {
        format!(
            r#"{{"type": "object", "properties": {{"event": {{"const": "{name}"}}, "message": {{"type": "object", "additionalProperties": false}}}}, "required": ["event", "message"], "additionalProperties": false}}"#
        )
    };
    let text = format!(
        r#"{{"title": "E", "oneOf": [{}, {}, {}, {}]}}"#,
        variant("onShare"),
        variant("onShare"),
        variant("on_share"),
        variant("ping")
    );
    let all = errors(&text).0;
    assert_eq!(all.len(), 2, "{all:#?}");
    assert!(
        all[0]
            .message
            .contains("`onShare` is defined twice (first at /oneOf/0)"),
        "{}",
        all[0].message
    );
    assert_eq!(
        all[0].pointer.as_deref(),
        Some("/oneOf/1/properties/event/const")
    );
    assert!(
        all[1]
            .message
            .contains("both become the Rust variant `OnShare`"),
        "{}",
        all[1].message
    );
}

#[test]
fn colliding_fields_and_types() {
    let text = union_with(
        r#"{"type": "object", "properties": {"requestId": {"type": "string"}, "request_id": {"type": "string"}}, "additionalProperties": false}"#,
    );
    let err = only_error(&text);
    assert!(
        err.message
            .contains("both become the Rust field `request_id`"),
        "{}",
        err.message
    );

    let text = union_with(
        r#"{"type": "object", "properties": {"a": {"title": "Same", "type": "object", "properties": {"x": {"type": "string"}}}, "b": {"title": "Same", "type": "object", "properties": {"y": {"type": "boolean"}}}}}"#,
    );
    let err = only_error(&text);
    assert!(
        err.message.contains("type name `Same` is already used"),
        "{}",
        err.message
    );
    assert_eq!(
        err.pointer.as_deref(),
        Some("/oneOf/0/properties/message/properties/b")
    );
}

#[test]
fn all_problems_are_reported_at_once() {
    let text = union_with(
        r#"{"type": "object", "properties": {"a": {"type": ["string", "integer"]}, "b": {"type": "string", "format": "idn-email"}, "c": {"$ref": "https://example.invalid/other.json#/x"}, "d": {"type": "string", "pattern": "("}}}"#,
    );
    let all = errors(&text).0;
    let messages: Vec<&str> = all.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(all.len(), 4, "{messages:#?}");
    assert!(messages[0].contains("list of types"));
    assert!(messages[1].contains("format `idn-email` is not asserted"));
    assert!(messages[2].contains("unsupported `$ref`"));
    assert!(messages[3].contains("invalid ECMA-262 regular expression"));
}

#[test]
fn root_requirements() {
    let err = only_error(r#"{"oneOf": [], "title": "T"}"#);
    assert!(err.message.contains("non-empty array"), "{}", err.message);
    // Not an event union: one error, not one per keyword.
    let err = only_error(r#"{"title": "T", "type": "object", "properties": {}}"#);
    assert!(
        err.message.contains("must be an event union"),
        "{}",
        err.message
    );
    assert!(
        err.hint
            .as_deref()
            .unwrap_or_default()
            .contains("additionalProperties")
    );
    let all =
        errors(r#"{"$schema": "http://json-schema.org/draft-07/schema#", "oneOf": [], "x": 1}"#).0;
    assert!(
        all.iter().any(|d| d.message == "unsupported `$schema`"),
        "{all:#?}"
    );
    assert!(all.iter().any(|d| d.message.contains("needs a `title`")));
    assert!(
        all.iter()
            .any(|d| d.message.contains("unsupported keyword `x`"))
    );
}

#[test]
fn refs_resolve_and_detect_recursion() {
    // Through an object: a struct whose recursive field is boxed.
    let text = union_with(r##"{"$ref": "#/$defs/Node"}"##).replace(
        "\"oneOf\"",
        r##""$defs": {"Node": {"type": "object", "properties": {"next": {"$ref": "#/$defs/Node"}}}}, "oneOf""##,
    );
    let schema = parse_schema("t.json", &text).unwrap();
    let node = schema.struct_def("Node").unwrap();
    assert!(node.fields[0].boxed && node.fields[0].ty == Type::Named("Node".into()));
    // Without an object in the cycle there is no Rust type for it.
    let text = union_with(r##"{"type": "object", "properties": {"a": {"$ref": "#/$defs/A"}}}"##)
        .replace(
            "\"oneOf\"",
            r##""$defs": {"A": {"type": "array", "items": {"$ref": "#/$defs/A"}}}, "oneOf""##,
        );
    let all = errors(&text).0;
    assert!(
        all.iter()
            .any(|d| d.message.contains("recursive without an object")),
        "{all:#?}"
    );

    let text = union_with(r##"{"$ref": "#/$defs/Missing"}"##);
    let err = only_error(&text);
    assert!(err.message.contains("points at nothing"), "{}", err.message);
}

#[test]
fn unknown_formats_are_annotations() {
    let text = union_with(
        r#"{"type": "object", "properties": {"a": {"type": "string", "format": "x-bank-iban"}}, "additionalProperties": false}"#,
    );
    let schema = parse_schema("t.json", &text).unwrap();
    let def = schema.struct_def("Ping").unwrap();
    assert!(
        matches!(&def.fields[0].ty, Type::String(rules) if rules.annotation_format.as_deref() == Some("x-bank-iban") && rules.format.is_none())
    );
}

#[test]
fn diagnostics_display_file_position_pointer_and_hint() {
    let text =
        union_with(r#"{"type": "object", "properties": {"a": {"type": "string", "not": {}}}}"#);
    let shown = errors(&text).to_string();
    assert!(
        shown.starts_with("t.json:8:78: at /oneOf/0/properties/message/properties/a/not: unsupported keyword `not`"),
        "{shown}"
    );
    assert!(shown.contains("\n  hint: "), "{shown}");
}

#[test]
fn integers_need_bounds_within_i64() {
    let text =
        union_with(r#"{"type": "object", "properties": {"n": {"type": "integer", "minimum": 0}}}"#);
    let err = only_error(&text);
    assert_eq!(err.message, "an `integer` needs a lower and an upper bound");
    assert_eq!(
        err.pointer.as_deref(),
        Some("/oneOf/0/properties/message/properties/n")
    );

    let text = union_with(
        r#"{"type": "object", "properties": {"n": {"type": "integer", "minimum": 0, "maximum": 18446744073709551615}}}"#,
    );
    let err = only_error(&text);
    assert!(
        err.message.contains("within the 64-bit range"),
        "{}",
        err.message
    );

    let text = union_with(
        r#"{"type": "object", "properties": {"n": {"type": "integer", "exclusiveMinimum": -1, "maximum": 9223372036854775807}}}"#,
    );
    let schema = parse_schema("t.json", &text).unwrap();
    let field = &schema.struct_def("Ping").unwrap().fields[0];
    assert!(
        matches!(&field.ty, Type::Integer(rules) if rules.maximum == Some(i64::MAX) && rules.exclusive_minimum == Some(-1))
    );
}

#[test]
fn events_may_live_in_defs() {
    let text = r##"{"title": "E", "oneOf": [{"$ref": "#/$defs/ItemAdded"}], "$defs": {"ItemAdded": {"title": "ItemAdded", "type": "object", "properties": {"event": {"const": "itemAdded"}, "message": {"type": "object", "properties": {}, "additionalProperties": false}}, "required": ["event", "message"], "additionalProperties": false}}}"##;
    let schema = parse_schema("t.json", text).unwrap();
    assert_eq!(schema.events.len(), 1);
    assert_eq!(
        schema.types.len(),
        1,
        "only the message struct: {:?}",
        schema.types
    );
}

/// `1` and `1.0` are one JSON value: the second could never be decoded as its own
/// variant, so the engine refuses the enum (it compared JSON text before).
#[test]
fn enum_values_that_are_equal_as_json_are_refused() {
    let text = union_with(
        r#"{"type": "object", "properties": {"n": {"enum": [1, 1.0]}}, "required": ["n"], "additionalProperties": false}"#,
    );
    let error = only_error(&text);
    assert!(error.message.contains("equal in JSON Schema"), "{error}");
    assert_eq!(
        error.pointer.as_deref(),
        Some("/oneOf/0/properties/message/properties/n/enum/1")
    );
    // Distinct values stay fine, `1` and `"1"` included.
    let fine = union_with(
        r#"{"type": "object", "properties": {"n": {"enum": [1, "1", 1.5]}}, "required": ["n"], "additionalProperties": false}"#,
    );
    assert!(parse_schema("t.json", &fine).is_ok());
}
