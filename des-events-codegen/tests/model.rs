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

/// The type a property of the `ping` message got.
fn ping_field(schema: &Schema, field: &str) -> Type {
    let def = schema
        .struct_def("Ping")
        .unwrap_or_else(|| panic!("{schema:#?}"));
    match def.fields.iter().find(|each| each.wire_name == field) {
        Some(each) => each.ty.clone(),
        None => panic!("no field {field}"),
    }
}

/// Whether `ty` is a JSON value that the validator checks.
fn is_validated(schema: &Schema, ty: &Type) -> bool {
    matches!(ty, Type::Named(name) if matches!(schema.type_def(name), Some(TypeDef::Json(_))))
}

#[test]
fn keywords_without_a_typed_shape_become_validated_values() {
    // `$dynamicAnchor` (with nothing that refers to it) is a keyword the typed model
    // does not follow.
    let text = union_with(
        r#"{"type": "object", "properties": {"a": {"type": "string", "$dynamicAnchor": "a"}}}"#,
    );
    let schema = parse_schema("t.json", &text).unwrap();
    let ty = ping_field(&schema, "a");
    assert!(is_validated(&schema, &ty), "{ty:?}");
    let Some(TypeDef::Json(def)) = schema.type_def("PingA") else {
        panic!("{:#?}", schema.types)
    };
    assert_eq!(
        def.entry,
        "file:///t.json#/oneOf/0/properties/message/properties/a"
    );
    assert!(
        def.reason.contains("unsupported keyword `$dynamicAnchor`"),
        "{}",
        def.reason
    );
    // The validator reads the document it was given.
    assert_eq!(schema.documents.len(), 1);
    assert_eq!(schema.documents[0].0, "file:///t.json");
    // `{}` and `true` accept anything: plain JSON values, nothing to check.
    let text = union_with(
        r#"{"type": "object", "properties": {"a": {}, "b": true, "c": {"description": "x"}}}"#,
    );
    let schema = parse_schema("t.json", &text).unwrap();
    for field in ["a", "b", "c"] {
        assert_eq!(ping_field(&schema, field), Type::Any);
    }
    assert!(schema.documents.is_empty());
}

/// The newtype called `name`, which the validator checks.
fn checked_newtype<'s>(schema: &'s Schema, name: &str) -> &'s des_events_codegen::ir::NewtypeDef {
    match schema.type_def(name) {
        Some(TypeDef::Newtype(def)) if def.check.is_some() => def,
        other => panic!("{other:#?}\n{:#?}", schema.types),
    }
}

#[test]
fn checked_keywords_on_scalars_and_arrays_keep_the_typed_value() {
    let text = union_with(
        r#"{"type": "object", "properties": {
            "a": {"type": "string", "minLength": 1, "not": {"const": "x"}},
            "b": {"title": "Even", "type": "integer", "minimum": 0, "maximum": 100,
                  "if": {"minimum": 50}, "then": {"multipleOf": 2}},
            "c": {"type": "array", "items": {"type": "string"}, "maxItems": 3,
                  "contains": {"const": "k"}, "maxContains": 1},
            "d": {"type": "boolean", "not": {"const": false}},
            "e": {"type": ["number", "null"], "not": {"const": 0}}
        }}"#,
    );
    let schema = parse_schema("t.json", &text).unwrap();
    // A newtype over `String` with its rules, not a validated JSON value.
    assert_eq!(ping_field(&schema, "a"), Type::Named("PingA".into()));
    let a = checked_newtype(&schema, "PingA");
    assert!(
        matches!(&a.ty, Type::String(rules) if rules.min_length == Some(1)),
        "{a:#?}"
    );
    assert_eq!(
        a.check.as_deref(),
        Some("file:///t.json#/oneOf/0/properties/message/properties/a")
    );
    assert_eq!(
        a.checked,
        vec![("not".to_owned(), serde_json::json!({"const": "x"}))]
    );
    // The whole schema describes it (checked keywords included).
    assert_eq!(
        a.schema.as_ref().and_then(|schema| schema.get("not")),
        Some(&serde_json::json!({"const": "x"}))
    );
    // Named by `title`; `if`/`then` both checked, in schema order.
    let b = checked_newtype(&schema, "Even");
    assert!(matches!(&b.ty, Type::Integer(rules) if rules.maximum == Some(100)));
    let keys: Vec<&str> = b.checked.iter().map(|(key, _)| key.as_str()).collect();
    assert_eq!(keys, ["if", "then"]);
    // An array of typed items; `contains`/`maxContains` checked.
    let c = checked_newtype(&schema, "PingC");
    assert!(
        matches!(&c.ty, Type::Array(item, rules) if **item == Type::String(Default::default()) && rules.max_items == Some(3)),
        "{c:#?}"
    );
    let keys: Vec<&str> = c.checked.iter().map(|(key, _)| key.as_str()).collect();
    assert_eq!(keys, ["contains", "maxContains"]);
    assert_eq!(checked_newtype(&schema, "PingD").ty, Type::Boolean);
    // Nullable: the field is optional-null, the newtype wraps the number.
    assert!(matches!(
        checked_newtype(&schema, "PingE").ty,
        Type::Number(_)
    ));
    let ping = schema.struct_def("Ping").unwrap();
    assert!(
        ping.fields
            .iter()
            .any(|field| field.wire_name == "e" && field.nullable)
    );
    // The validator's documents are embedded.
    assert_eq!(schema.documents.len(), 1);
    assert!(
        !schema
            .types
            .iter()
            .any(|def| matches!(def, TypeDef::Json(_)))
    );
}

#[test]
fn checked_keywords_leave_other_paths_alone() {
    // `enum`, `prefixItems` tuples, credentials and other unsupported keywords are not
    // checked newtypes.
    let text = union_with(
        r#"{"type": "object", "properties": {
            "a": {"type": "string", "enum": ["x", "y"], "not": {"const": "x"}},
            "b": {"type": "array", "prefixItems": [{"type": "string"}], "items": false,
                  "minItems": 1, "contains": {"const": "k"}},
            "c": {"type": "string", "x-des-credential": true, "not": {"const": "x"}},
            "d": {"type": "string", "not": {"const": "x"}, "$dynamicAnchor": "d"}
        }}"#,
    );
    let schema = parse_schema("t.json", &text).unwrap();
    for field in ["a", "b", "c", "d"] {
        let ty = ping_field(&schema, field);
        let checked = matches!(&ty, Type::Named(name) if matches!(schema.type_def(name), Some(TypeDef::Newtype(_))));
        assert!(!checked, "{field}: {ty:?} {:#?}", schema.types);
    }
    assert!(is_validated(&schema, &ping_field(&schema, "c")));
    assert!(is_validated(&schema, &ping_field(&schema, "d")));
    // A checked bound that a 64-bit float cannot hold is refused as the validated value
    // is (the validator would compare it inexactly).
    let text = union_with(
        r#"{"type": "object", "properties": {"a": {"type": "number", "not": {"minimum": 9007199254740993}}}}"#,
    );
    let err = only_error(&text);
    assert!(err.message.contains("64-bit floats"), "{}", err.message);
    assert_eq!(
        err.pointer.as_deref(),
        Some("/oneOf/0/properties/message/properties/a/not/minimum")
    );
}

#[test]
fn a_checked_root_is_a_named_newtype() {
    let schema = parse_schema(
        "code.json",
        r#"{"title": "Code", "type": "string", "pattern": "^[A-Z]+$", "not": {"const": "NO"}}"#,
    )
    .unwrap();
    assert_eq!(schema.roots.len(), 1);
    assert_eq!(schema.roots[0].name, "Code");
    let code = checked_newtype(&schema, "Code");
    assert!(matches!(&code.ty, Type::String(rules) if rules.pattern.is_some()));
    assert_eq!(code.check.as_deref(), Some("file:///code.json#"));
}

#[test]
fn a_schema_the_validator_refuses_is_an_error_with_pointer() {
    let text = union_with(
        r#"{"type": "object", "properties": {"a": {"type": "string", "maxLength": "long"}}}"#,
    );
    let err = only_error(&text);
    assert_eq!(
        err.pointer.as_deref(),
        Some("/oneOf/0/properties/message/properties/a/maxLength")
    );
    assert_eq!(err.pos.map(|p| p.line), Some(8));
}

#[test]
fn a_union_without_constant_tags_is_one_type() {
    let text = union_with(r#"{"type": "object"}"#)
        .replace(r#"{"const": "ping"}"#, r#"{"type": "string"}"#);
    let schema = parse_schema("t.json", &text).unwrap();
    assert!(schema.events.is_empty());
    assert_eq!(schema.roots.len(), 1);
    assert_eq!(schema.roots[0].name, "Events");
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
    // Properties that convert to one field name are told apart in schema order.
    let text = union_with(
        r#"{"type": "object", "properties": {"requestId": {"type": "string"}, "request_id": {"type": "integer"}, "additional_properties": {"type": "boolean"}}}"#,
    );
    let schema = parse_schema("t.json", &text).unwrap();
    let message = schema.struct_def("Ping").unwrap();
    let names: Vec<(&str, &str)> = message
        .fields
        .iter()
        .map(|field| (field.wire_name.as_str(), field.rust_name.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("requestId", "request_id"),
            ("request_id", "request_id_2"),
            ("additional_properties", "additional_properties_2")
        ]
    );

    // Two schemas that want one type name: the first keeps it, the second is named by
    // its place (parent type and property), and the IR says so.
    let text = union_with(
        r#"{"type": "object", "properties": {"a": {"title": "Same", "type": "object", "properties": {"x": {"type": "string"}}}, "b": {"title": "Same", "type": "object", "properties": {"y": {"type": "boolean"}}}}}"#,
    );
    let schema = parse_schema("t.json", &text).unwrap();
    assert!(schema.struct_def("Same").is_some());
    assert_eq!(ping_field(&schema, "b"), Type::Named("PingB".to_owned()));
    assert_eq!(schema.renamed.len(), 1, "{:#?}", schema.renamed);
    assert_eq!(schema.renamed[0].wanted, "Same");
    assert_eq!(
        schema.renamed[0].holder,
        "/oneOf/0/properties/message/properties/a"
    );
}

#[test]
fn all_problems_are_reported_at_once() {
    let text = union_with(
        r#"{"type": "object", "properties": {"a": {"type": ["string", "integer"]}, "b": {"minimum": 1}, "c": {"$ref": "https://example.invalid/other.json#/x"}, "d": {"type": "string", "pattern": "("}}}"#,
    );
    let all = errors(&text).0;
    let messages: Vec<&str> = all.iter().map(|d| d.message.as_str()).collect();
    // `a` (a list of types) and `b` (no `type`) are validated
    // values; `c` and `d` are errors, each reported once.
    assert_eq!(all.len(), 2, "{messages:#?}");
    assert!(messages[0].contains("https://example.invalid/other.json"));
    assert!(messages[1].contains("ECMA-262"));
}

#[test]
fn any_root_is_a_type() {
    // `oneOf` must not be empty: the validator says so, at the keyword.
    let err = only_error(r#"{"oneOf": [], "title": "T"}"#);
    assert_eq!(err.pointer.as_deref(), Some("/oneOf"), "{err}");
    // An object root is a struct named by its title.
    let schema = parse_schema(
        "t.json",
        r#"{"title": "T", "type": "object", "properties": {"a": {"type": "string"}}}"#,
    )
    .unwrap();
    assert_eq!(schema.roots[0].name, "T");
    assert!(schema.struct_def("T").is_some());
    // Without a title, by the file's stem; any draft by `$schema`.
    let schema = parse_schema(
        "point.schema.json",
        r#"{"$schema": "http://json-schema.org/draft-07/schema#", "type": "object", "properties": {"x": {"type": "integer"}}, "x-extra": 1}"#,
    )
    .unwrap();
    assert_eq!(schema.roots[0].name, "Point");
    // An unknown `$schema` whose metaschema cannot be read: read as 2020-12, with a
    // warning that lists the known drafts.
    let generated = des_events_codegen::generate(&des_events_codegen::Request::new(
        des_events_codegen::Source::text(
            "t.json",
            r#"{"$schema": "https://example.invalid/draft", "type": "object", "properties": {"x": {"type": "string"}}}"#,
        ),
    ))
    .unwrap_or_else(|err| panic!("{err}"));
    let warning = &generated.warnings()[0];
    assert!(warning.message.contains("unknown `$schema`"), "{warning}");
    assert_eq!(warning.pointer.as_deref(), Some("/$schema"));
    assert!(
        warning
            .hint
            .as_deref()
            .unwrap_or_default()
            .contains("2020-12")
    );
    assert!(
        generated.schema().struct_def("T").is_some(),
        "{:#?}",
        generated.schema().types
    );
    // A document of definitions only: one type per definition.
    let schema = parse_schema(
        "defs.json",
        r##"{"definitions": {"a": {"type": "string"}, "b": {"type": "object", "properties": {"a": {"$ref": "#/definitions/a"}}}}}"##,
    )
    .unwrap();
    let names: Vec<&str> = schema.roots.iter().map(|root| root.name.as_str()).collect();
    assert_eq!(names, ["A", "B"]);
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
    // The validator follows such a cycle.
    let schema = parse_schema("t.json", &text).unwrap();
    assert!(
        matches!(schema.type_def("AItem"), Some(TypeDef::Json(_))),
        "{:#?}",
        schema.types
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
    let text = union_with(
        r#"{"type": "object", "properties": {"a": {"$ref": "https://example.invalid/x.json"}}}"#,
    );
    let shown = errors(&text).to_string();
    assert!(
        shown.starts_with("t.json:8:60: at /oneOf/0/properties/message/properties/a/$ref: "),
        "{shown}"
    );
    assert!(shown.contains("\n  hint: "), "{shown}");
}

#[test]
fn plain_integers_are_i64_or_u64() {
    let rust = |schema: &str| {
        let text = union_with(&format!(
            r#"{{"type": "object", "properties": {{"n": {schema}}}}}"#
        ));
        let schema = parse_schema("t.json", &text).unwrap();
        match ping_field(&schema, "n") {
            Type::Integer(rules) => rules.rust_type().to_owned(),
            other => format!("{other:?}"),
        }
    };
    assert_eq!(rust(r#"{"type": "integer"}"#), "i64");
    assert_eq!(rust(r#"{"type": "integer", "minimum": 0}"#), "u64");
    assert_eq!(rust(r#"{"type": "integer", "format": "int32"}"#), "i32");
    assert_eq!(rust(r#"{"type": "integer", "format": "uint8"}"#), "u8");
    assert_eq!(rust(r#"{"type": "integer", "format": "uint64"}"#), "u64");
    assert_eq!(
        rust(r#"{"type": "integer", "format": "int64", "minimum": -5}"#),
        "i64"
    );
    assert_eq!(
        rust(r#"{"type": "integer", "maximum": 10, "minimum": 0}"#),
        "u8"
    );
    // A bound beyond 64 bits: the validator checks the value.
    assert!(rust(r#"{"type": "integer", "maximum": 18446744073709551616}"#).starts_with("Named"));

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
/// variant, so it is left out with a warning (it adds no valid value).
#[test]
fn enum_values_that_are_equal_as_json_are_one_variant() {
    let text = union_with(
        r#"{"type": "object", "properties": {"n": {"enum": [1, 1.0]}}, "required": ["n"], "additionalProperties": false}"#,
    );
    let generated = des_events_codegen::generate(&des_events_codegen::Request::new(
        des_events_codegen::Source::text("t.json", text),
    ))
    .unwrap_or_else(|err| panic!("{err}"));
    let schema = generated.schema();
    let Some(TypeDef::Enum(def)) = schema.type_def("PingN") else {
        panic!("{:#?}", schema.types)
    };
    assert_eq!(def.variants.len(), 1, "{def:?}");
    let warning = &generated.warnings()[0];
    assert!(
        warning.message.contains("are equal in JSON Schema"),
        "{warning}"
    );
    assert_eq!(
        warning.pointer.as_deref(),
        Some("/oneOf/0/properties/message/properties/n/enum/1")
    );
    // Distinct values stay fine, `1` and `"1"` included.
    let fine = union_with(
        r#"{"type": "object", "properties": {"n": {"enum": [1, "1", 1.5]}}, "required": ["n"], "additionalProperties": false}"#,
    );
    assert!(parse_schema("t.json", &fine).is_ok());
}
