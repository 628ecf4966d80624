//! One test per change kind, through real (small) schemas: the kind, its place and its
//! three verdicts. The verdict rules themselves are tested in `rules.rs`.

use serde_json::{Value, json};

use super::*;

/// An event-union schema: `events` are `(wire name, message schema, extra keywords)`.
fn union(title: &str, events: &[(&str, Value, Value)], defs: Value) -> Value {
    let alternatives: Vec<Value> = events
        .iter()
        .map(|(wire, message, extra)| {
            let mut alternative = json!({
                "type": "object",
                "properties": {"event": {"const": wire}, "message": message},
                "required": ["event", "message"],
                "additionalProperties": false
            });
            if let (Value::Object(alternative), Value::Object(extra)) = (&mut alternative, extra) {
                for (key, value) in extra {
                    alternative.insert(key.clone(), value.clone());
                }
            }
            alternative
        })
        .collect();
    let mut root = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": title,
        "oneOf": alternatives
    });
    if defs != Value::Null {
        root["$defs"] = defs;
    }
    root
}

/// A closed message object with `properties` and `required`.
fn message(properties: Value, required: &[&str]) -> Value {
    json!({
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": false
    })
}

/// One event `ping` with `message`.
fn ping(message: Value) -> Value {
    union("Events", &[("ping", message, json!({}))], Value::Null)
}

fn generated(value: &Value) -> crate::Generated {
    let request = crate::Request::new(crate::Source::text("t.json", value.to_string()));
    crate::generate(&request).unwrap_or_else(|err| panic!("{err}"))
}

/// The diff of two schemas, cross-checked against the generated API: the report's
/// semver must be the bump [`crate::api::compare`] finds between the two surfaces
/// (reply links change another module's API, which a one-schema surface cannot show).
fn report(old: &Value, new: &Value) -> Report {
    let (old, new) = (generated(old), generated(new));
    let report = diff(old.schema(), new.schema());
    let surface = |generated: &crate::Generated| crate::api::surface(generated).expect("parses");
    let by_surface = crate::api::compare(&surface(&old), &surface(&new));
    if report.of_kind(Kind::ReplyToChanged).next().is_none()
        && report.of_kind(Kind::EchoChanged).next().is_none()
    {
        assert_eq!(
            report.summary.semver, by_surface.bump,
            "the diff and the API surface disagree:\n{report}\n{by_surface:?}"
        );
    }
    report
}

/// The only change between `old` and `new`.
fn only(old: &Value, new: &Value) -> Change {
    let report = report(old, new);
    assert_eq!(report.changes.len(), 1, "{report}");
    report.changes.into_iter().next().expect("one change")
}

fn verdicts(change: &Change) -> (&'static str, &'static str, &'static str) {
    (
        change.receivers.as_str(),
        change.senders.as_str(),
        change.api.as_str(),
    )
}

const C: &str = "compatible";
const B: &str = "breaking";

fn string() -> Value {
    json!({"type": "string"})
}

fn uuid() -> Value {
    json!({"type": "string", "format": "uuid"})
}

fn bundled(file: &str) -> Value {
    let path = format!("{}/../schema/{file}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).expect("the bundled schema")).expect("JSON")
}

#[test]
fn identical_schemas_have_no_changes() {
    for file in ["partner-events.schema.json", "des-events.schema.json"] {
        let schema = bundled(file);
        let report = report(&schema, &schema);
        assert!(report.changes.is_empty(), "{report}");
        assert_eq!(
            report.summary,
            Summary {
                receivers: Compat::Compatible,
                senders: Compat::Compatible,
                semver: Bump::Patch
            }
        );
        assert!(!report.summary.breaks());
    }
}

#[test]
fn annotations_and_key_order_are_not_changes() {
    let old = ping(message(
        json!({"requestId": uuid(), "note": {"type": "string", "maxLength": 5}}),
        &["requestId"],
    ));
    let new = union(
        "Events",
        &[(
            "ping",
            json!({
                "additionalProperties": false,
                "$comment": "reordered and documented",
                "description": "A ping.",
                "properties": {
                    "note": {"maxLength": 5, "type": "string", "title": "A note", "examples": ["hi"]},
                    "requestId": {"type": "string", "format": "uuid", "description": "Correlation id."}
                },
                "required": ["requestId"],
                "type": "object"
            }),
            json!({"description": "Ping!", "examples": [{"event": "ping", "message": {"requestId": "a2313192-e2dc-452e-b56c-2f23baf6eee1"}}]}),
        )],
        Value::Null,
    );
    let mut new = new;
    new["description"] = json!("Now documented.");
    new["$id"] = json!("urn:example");
    let report = report(&old, &new);
    assert!(report.changes.is_empty(), "{report}");
}

#[test]
fn a_changed_string_format_annotation_is_not_a_change() {
    let old = ping(message(
        json!({"url": {"type": "string", "format": "x-url"}}),
        &["url"],
    ));
    let new = ping(message(
        json!({"url": {"type": "string", "format": "x-link"}}),
        &["url"],
    ));
    assert!(report(&old, &new).changes.is_empty());
}

#[test]
fn schema_renamed() {
    let old = ping(message(json!({}), &[]));
    let mut new = old.clone();
    new["title"] = json!("Signals");
    let change = only(&old, &new);
    assert_eq!(change.kind, Kind::SchemaRenamed);
    assert_eq!(change.path, "title");
    assert_eq!(change.event, None);
    assert_eq!(verdicts(&change), (C, C, "major"));
    assert!(
        change.detail.contains("`Events` -> `Signals`"),
        "{}",
        change.detail
    );
}

fn two_events() -> Value {
    union(
        "Events",
        &[
            ("ping", message(json!({}), &[]), json!({})),
            ("pong", message(json!({}), &[]), json!({})),
        ],
        Value::Null,
    )
}

#[test]
fn event_added() {
    let change = only(&ping(message(json!({}), &[])), &two_events());
    assert_eq!(change.kind, Kind::EventAdded);
    assert_eq!(change.event.as_deref(), Some("pong"));
    assert_eq!(change.path, "event");
    assert_eq!(verdicts(&change), (C, B, "major"));
}

#[test]
fn event_removed() {
    let change = only(&two_events(), &ping(message(json!({}), &[])));
    assert_eq!(change.kind, Kind::EventRemoved);
    assert_eq!(change.event.as_deref(), Some("pong"));
    assert_eq!(verdicts(&change), (B, C, "major"));
}

#[test]
fn events_reordered() {
    let old = two_events();
    let mut new = old.clone();
    new["oneOf"].as_array_mut().expect("oneOf").reverse();
    let change = only(&old, &new);
    assert_eq!(change.kind, Kind::OrderChanged);
    assert_eq!(change.path, "oneOf");
    assert_eq!(verdicts(&change), (C, C, "patch"));
}

#[test]
fn required_field_added() {
    let old = ping(message(json!({"a": string()}), &["a"]));
    let new = ping(message(json!({"a": string(), "b": string()}), &["a", "b"]));
    let change = only(&old, &new);
    assert_eq!(change.kind, Kind::RequiredFieldAdded);
    assert_eq!(change.event.as_deref(), Some("ping"));
    assert_eq!(change.path, "message.b");
    assert_eq!(verdicts(&change), (B, B, "major"));
}

#[test]
fn optional_field_added() {
    let old = ping(message(json!({"a": string()}), &["a"]));
    let new = ping(message(json!({"a": string(), "b": string()}), &["a"]));
    let change = only(&old, &new);
    assert_eq!(change.kind, Kind::OptionalFieldAdded);
    assert_eq!(change.path, "message.b");
    assert_eq!(verdicts(&change), (C, B, "major"));
}

#[test]
fn optional_field_added_to_an_open_object() {
    let open = |properties: Value| {
        ping(json!({"type": "object", "properties": properties, "required": ["a"]}))
    };
    let change = only(
        &open(json!({"a": string()})),
        &open(json!({"a": string(), "b": string()})),
    );
    assert_eq!(change.kind, Kind::OptionalFieldAdded);
    // An OLD document could carry `b` with any value; an OLD peer keeps NEW's `b`.
    assert_eq!(verdicts(&change), (B, C, "major"));
}

#[test]
fn required_field_removed() {
    let old = ping(message(json!({"a": string(), "b": string()}), &["a", "b"]));
    let new = ping(message(json!({"a": string()}), &["a"]));
    let change = only(&old, &new);
    assert_eq!(change.kind, Kind::RequiredFieldRemoved);
    assert_eq!(change.path, "message.b");
    assert_eq!(verdicts(&change), (B, B, "major"));
}

#[test]
fn optional_field_removed() {
    let old = ping(message(json!({"a": string(), "b": string()}), &["a"]));
    let new = ping(message(json!({"a": string()}), &["a"]));
    let change = only(&old, &new);
    assert_eq!(change.kind, Kind::OptionalFieldRemoved);
    assert_eq!(verdicts(&change), (B, C, "major"));
}

#[test]
fn field_now_required() {
    let old = ping(message(json!({"a": string()}), &[]));
    let new = ping(message(json!({"a": string()}), &["a"]));
    let change = only(&old, &new);
    assert_eq!(change.kind, Kind::FieldNowRequired);
    assert_eq!(change.path, "message.a");
    assert_eq!(verdicts(&change), (B, C, "major"));
}

#[test]
fn field_now_optional() {
    let old = ping(message(json!({"a": string()}), &["a"]));
    let new = ping(message(json!({"a": string()}), &[]));
    let change = only(&old, &new);
    assert_eq!(change.kind, Kind::FieldNowOptional);
    assert_eq!(verdicts(&change), (C, B, "major"));
}

#[test]
fn type_changed() {
    let old = ping(message(json!({"a": string()}), &["a"]));
    let new = ping(message(json!({"a": {"type": "boolean"}}), &["a"]));
    let change = only(&old, &new);
    assert_eq!(change.kind, Kind::TypeChanged);
    assert_eq!(change.detail, "string -> boolean");
    assert_eq!(verdicts(&change), (B, B, "major"));
}

#[test]
fn type_changed_between_enum_and_string() {
    let enumerated = ping(message(
        json!({"reason": {"enum": ["cancelled", "failed"]}}),
        &["reason"],
    ));
    let free = ping(message(json!({"reason": string()}), &["reason"]));
    let short = ping(message(
        json!({"reason": {"type": "string", "maxLength": 6}}),
        &["reason"],
    ));
    // enum -> string: every old value is still a valid string.
    let widened = only(&enumerated, &free);
    assert_eq!(widened.kind, Kind::TypeChanged);
    assert_eq!(verdicts(&widened), (C, B, "major"));
    // ... unless the new string rules reject one ("cancelled" is too long).
    assert_eq!(verdicts(&only(&enumerated, &short)), (B, B, "major"));
    // string -> enum: every new value was a valid string.
    assert_eq!(verdicts(&only(&free, &enumerated)), (B, C, "major"));
    assert_eq!(verdicts(&only(&short, &enumerated)), (B, B, "major"));
}

#[test]
fn type_changed_between_integer_and_number() {
    let integer = ping(message(
        json!({"n": {"type": "integer", "minimum": 0, "maximum": 10}}),
        &["n"],
    ));
    let number = ping(message(json!({"n": {"type": "number"}}), &["n"]));
    let positive = ping(message(
        json!({"n": {"type": "number", "exclusiveMinimum": 0}}),
        &["n"],
    ));
    assert_eq!(verdicts(&only(&integer, &number)), (C, B, "major"));
    assert_eq!(verdicts(&only(&integer, &positive)), (B, B, "major"));
    assert_eq!(verdicts(&only(&number, &integer)), (B, C, "major"));
    assert_eq!(verdicts(&only(&positive, &integer)), (B, B, "major"));
}

#[test]
fn type_changed_from_struct_to_enum() {
    let old = ping(message(
        json!({"a": {"type": "object", "properties": {}, "additionalProperties": false}}),
        &["a"],
    ));
    let new = ping(message(json!({"a": {"enum": ["x"]}}), &["a"]));
    let change = only(&old, &new);
    assert_eq!(change.kind, Kind::TypeChanged);
    assert_eq!(change.detail, "struct `PingA` -> enum `PingA` (x)");
    assert_eq!(verdicts(&change), (B, B, "major"));
}

fn with_dream(title: &str, dream: Value) -> Value {
    union(
        "Events",
        &[(
            "ping",
            message(json!({"dream": {"$ref": "#/$defs/Dream"}}), &["dream"]),
            json!({}),
        )],
        json!({"Dream": {
            "title": title,
            "type": "object",
            "properties": dream,
            "required": ["id"],
            "additionalProperties": false
        }}),
    )
}

#[test]
fn renamed_type_with_the_same_shape_is_an_api_change_only() {
    let old = with_dream("Dream", json!({"id": string()}));
    let new = with_dream("DreamInfo", json!({"id": string()}));
    let change = only(&old, &new);
    assert_eq!(change.kind, Kind::TypeRenamed);
    assert_eq!(change.path, "message.dream");
    assert_eq!(change.detail, "Rust type `Dream` -> `DreamInfo`");
    assert_eq!(verdicts(&change), (C, C, "major"));
}

#[test]
fn a_new_schema_that_takes_a_name_renames_the_old_holder_and_that_is_major() {
    // Old: the `origin` object of `ping` is `State` (its title). New: a property before
    // it wants `State` too, and takes it (schema order); `origin` becomes `PingOrigin`.
    let state = |extra: &str| {
        json!({"title": "State", "type": "object",
               "properties": {extra: string()}, "additionalProperties": false})
    };
    let old = ping(message(json!({"origin": state("x")}), &[]));
    let new = ping(message(
        json!({"first": state("y"), "origin": state("x")}),
        &[],
    ));
    let report = report(&old, &new);
    let renamed: Vec<&Change> = report
        .changes
        .iter()
        .filter(|change| change.kind == Kind::TypeRenamed)
        .collect();
    assert_eq!(renamed.len(), 1, "{report}");
    assert_eq!(renamed[0].path, "message.origin");
    assert_eq!(renamed[0].detail, "Rust type `State` -> `PingOrigin`");
    assert_eq!(verdicts(renamed[0]), (C, C, "major"));
}

#[test]
fn a_union_split_by_type_is_compared_by_its_typed_variants() {
    // `b` has `properties` but no `type`: `Object(..)` or `Other(..)` (any other JSON
    // value). A new property changes the object variant; `Other` is the same schema for
    // the other JSON types, so it reports nothing of its own.
    let old = ping(message(json!({"b": {"properties": {"x": string()}}}), &[]));
    let new = ping(message(
        json!({"b": {"properties": {"x": string(), "y": {"type": "integer"}}}}),
        &[],
    ));
    let report = report(&old, &new);
    let kinds: Vec<Kind> = report.changes.iter().map(|c| c.kind).collect();
    assert_eq!(kinds, [Kind::OptionalFieldAdded], "{report}");
    assert_eq!(report.changes[0].path, "message.b|0.y");
}

#[test]
fn a_type_that_becomes_a_list_of_types_is_widened() {
    let old = ping(message(json!({"a": string()}), &["a"]));
    let new = ping(message(
        json!({"a": {"type": ["string", "integer"]}}),
        &["a"],
    ));
    let change = only(&old, &new);
    assert_eq!(change.kind, Kind::TypeChanged);
    assert_eq!(verdicts(&change), (C, B, "major"));
    let change = only(&new, &old);
    assert_eq!(verdicts(&change), (B, C, "major"));
}

#[test]
fn renamed_message_struct() {
    let old = ping(message(json!({}), &[]));
    let mut new = old.clone();
    new["oneOf"][0]["title"] = json!("PingMessage");
    let change = only(&old, &new);
    assert_eq!(change.kind, Kind::TypeRenamed);
    assert_eq!(change.path, "message");
}

#[test]
fn nested_changes_carry_their_path() {
    let target = json!({"type": "object", "properties": {"cents": {"type": "integer", "minimum": 0, "maximum": 100}}, "required": ["cents"], "additionalProperties": false});
    let old = with_dream(
        "Dream",
        json!({"id": string(), "target_amount": target.clone()}),
    );
    let mut wider = target;
    wider["properties"]["cents"]["maximum"] = json!(200);
    let new = with_dream(
        "Dream",
        json!({"id": string(), "target_amount": wider.clone()}),
    );
    let change = only(&old, &new);
    assert_eq!(change.kind, Kind::ConstraintLoosened);
    assert_eq!(change.path, "message.dream.target_amount.cents");
    assert_eq!(change.detail, "upper bound maximum 100 -> maximum 200");
    assert_eq!(verdicts(&change), (C, B, "patch"));
    // Past 255 the field no longer fits in a `u8`: the Rust type changes too.
    wider["properties"]["cents"]["maximum"] = json!(1000);
    let new = with_dream("Dream", json!({"id": string(), "target_amount": wider}));
    assert_eq!(verdicts(&only(&old, &new)), (C, B, "major"));
}

#[test]
fn a_renamed_and_changed_type_reports_both() {
    let old = with_dream("Dream", json!({"id": string()}));
    let new = with_dream("DreamInfo", json!({"id": string(), "name": string()}));
    let report = report(&old, &new);
    let kinds: Vec<Kind> = report.changes.iter().map(|c| c.kind).collect();
    assert_eq!(kinds, [Kind::TypeRenamed, Kind::OptionalFieldAdded]);
    assert_eq!(report.changes[1].path, "message.dream.name");
}

#[test]
fn credential_flag_changes_the_rust_type() {
    let old = ping(message(json!({"token": string()}), &["token"]));
    let new = ping(message(
        json!({"token": {"type": "string", "x-des-credential": true}}),
        &["token"],
    ));
    let change = only(&old, &new);
    assert_eq!(change.kind, Kind::RustTypeChanged);
    assert_eq!(verdicts(&change), (C, C, "major"));
}

#[test]
fn free_form_object_to_struct() {
    let old = ping(message(
        json!({"payload": {"type": "object"}}),
        &["payload"],
    ));
    let new = ping(message(
        json!({"payload": {"type": "object", "properties": {"x": string()}}}),
        &["payload"],
    ));
    let report = report(&old, &new);
    let kinds: Vec<Kind> = report.changes.iter().map(|c| c.kind).collect();
    assert_eq!(kinds, [Kind::RustTypeChanged, Kind::OptionalFieldAdded]);
    // Both are open: an OLD payload may carry `x` as a number, which NEW rejects.
    assert_eq!(verdicts(&report.changes[1]), (B, C, "major"));
    assert_eq!(report.changes[1].path, "message.payload.x");
}

fn reason(values: Value) -> Value {
    ping(message(json!({"reason": {"enum": values}}), &["reason"]))
}

#[test]
fn enum_value_added() {
    let change = only(
        &reason(json!(["cancelled"])),
        &reason(json!(["cancelled", "failed"])),
    );
    assert_eq!(change.kind, Kind::EnumValueAdded);
    assert_eq!(change.path, "message.reason");
    assert!(change.detail.contains("\"failed\""), "{}", change.detail);
    assert_eq!(verdicts(&change), (C, B, "major"));
}

#[test]
fn enum_value_removed() {
    let change = only(
        &reason(json!(["cancelled", "error"])),
        &reason(json!(["cancelled"])),
    );
    assert_eq!(change.kind, Kind::EnumValueRemoved);
    assert_eq!(verdicts(&change), (B, C, "major"));
}

#[test]
fn enum_value_replaced() {
    let report = report(
        &reason(json!(["cancelled", "error"])),
        &reason(json!(["cancelled", "failed"])),
    );
    let kinds: Vec<Kind> = report.changes.iter().map(|c| c.kind).collect();
    assert_eq!(kinds, [Kind::EnumValueRemoved, Kind::EnumValueAdded]);
    assert_eq!(report.summary.receivers, Compat::Breaking);
    assert_eq!(report.summary.senders, Compat::Breaking);
}

fn legacy_reason(values: Value, legacy: Value) -> Value {
    ping(message(
        json!({"reason": {"enum": values, "x-des-legacy": legacy}}),
        &["reason"],
    ))
}

#[test]
fn a_current_value_made_legacy_keeps_documents_and_drops_a_variant() {
    let change = only(
        &reason(json!(["cancelled", "failed", "error"])),
        &legacy_reason(
            json!(["cancelled", "failed", "error"]),
            json!({"error": "failed"}),
        ),
    );
    assert_eq!(change.kind, Kind::LegacyValueAdded);
    assert!(
        change.detail.contains("read as \"failed\""),
        "{}",
        change.detail
    );
    assert_eq!(verdicts(&change), (C, C, "major"));
}

#[test]
fn a_new_legacy_value_accepts_more_and_sends_the_same() {
    let change = only(
        &reason(json!(["cancelled", "failed"])),
        &legacy_reason(
            json!(["cancelled", "failed", "error"]),
            json!({"error": "failed"}),
        ),
    );
    assert_eq!(change.kind, Kind::LegacyValueAdded);
    assert_eq!(verdicts(&change), (C, C, "patch"));
}

#[test]
fn a_legacy_value_dropped_or_made_current_again() {
    let legacy = legacy_reason(
        json!(["cancelled", "failed", "error"]),
        json!({"error": "failed"}),
    );
    let dropped = only(&legacy, &reason(json!(["cancelled", "failed"])));
    assert_eq!(dropped.kind, Kind::LegacyValueRemoved);
    assert_eq!(verdicts(&dropped), (B, C, "patch"));
    let current = only(&legacy, &reason(json!(["cancelled", "failed", "error"])));
    assert_eq!(current.kind, Kind::LegacyValueRemoved);
    assert_eq!(verdicts(&current), (C, C, "major"));
}

#[test]
fn a_legacy_synonym_changed_is_unknown_for_receivers() {
    let change = only(
        &legacy_reason(
            json!(["cancelled", "failed", "error"]),
            json!({"error": "failed"}),
        ),
        &legacy_reason(
            json!(["cancelled", "failed", "error"]),
            json!({"error": "cancelled"}),
        ),
    );
    assert_eq!(change.kind, Kind::LegacySynonymChanged);
    assert_eq!(change.receivers, Compat::Unknown);
}

#[test]
fn enum_values_reordered() {
    let change = only(&reason(json!(["a", "b"])), &reason(json!(["b", "a"])));
    assert_eq!(change.kind, Kind::OrderChanged);
    assert_eq!(verdicts(&change), (C, C, "patch"));
}

fn text(rules: Value) -> Value {
    let mut schema = json!({"type": "string"});
    for (key, value) in rules.as_object().expect("rules") {
        schema[key] = value.clone();
    }
    ping(message(json!({"text": schema}), &["text"]))
}

#[test]
fn constraint_tightened() {
    for (old, new) in [
        (json!({}), json!({"format": "date"})),
        (json!({}), json!({"minLength": 1})),
        (json!({"maxLength": 10}), json!({"maxLength": 5})),
        (json!({}), json!({"pattern": "^[a-z]+$"})),
    ] {
        let change = only(&text(old), &text(new));
        assert_eq!(change.kind, Kind::ConstraintTightened, "{}", change.detail);
        assert_eq!(change.path, "message.text");
        assert_eq!(verdicts(&change), (B, C, "patch"));
    }
    // `format: uuid` also turns `String` into `Uuid`.
    let change = only(&text(json!({})), &text(json!({"format": "uuid"})));
    assert_eq!(change.kind, Kind::ConstraintTightened);
    assert_eq!(verdicts(&change), (B, C, "major"));
}

#[test]
fn constraint_loosened() {
    for (old, new) in [
        (json!({"format": "date"}), json!({})),
        (json!({"minLength": 3}), json!({"minLength": 1})),
        (json!({"maxLength": 5}), json!({})),
        (json!({"pattern": "^[a-z]+$"}), json!({})),
    ] {
        let change = only(&text(old), &text(new));
        assert_eq!(change.kind, Kind::ConstraintLoosened, "{}", change.detail);
        assert_eq!(verdicts(&change), (C, B, "patch"));
    }
    let change = only(&text(json!({"format": "uuid"})), &text(json!({})));
    assert_eq!(verdicts(&change), (C, B, "major"));
}

#[test]
fn constraint_changed() {
    let change = only(
        &text(json!({"pattern": "^a"})),
        &text(json!({"pattern": "^b"})),
    );
    assert_eq!(change.kind, Kind::ConstraintChanged);
    assert_eq!(change.detail, "pattern /^a/ -> /^b/");
    assert_eq!(verdicts(&change), (B, B, "patch"));
}

#[test]
fn number_and_item_constraints() {
    let amount = |rules: Value| {
        let mut schema = json!({"type": "number"});
        for (key, value) in rules.as_object().expect("rules") {
            schema[key] = value.clone();
        }
        ping(message(json!({"amount": schema}), &["amount"]))
    };
    let change = only(&amount(json!({})), &amount(json!({"exclusiveMinimum": 0})));
    assert_eq!(change.kind, Kind::ConstraintTightened);
    let tags = |rules: Value| {
        let mut schema = json!({"type": "array", "items": {"type": "string", "maxLength": 3}});
        for (key, value) in rules.as_object().expect("rules") {
            schema[key] = value.clone();
        }
        ping(message(json!({"tags": schema}), &["tags"]))
    };
    let change = only(&tags(json!({"maxItems": 3})), &tags(json!({})));
    assert_eq!(change.kind, Kind::ConstraintLoosened);
    assert_eq!(change.path, "message.tags");
    // Items are compared too, at `path[]`.
    let mut longer = tags(json!({}));
    longer["oneOf"][0]["properties"]["message"]["properties"]["tags"]["items"]["maxLength"] =
        json!(9);
    let change = only(&tags(json!({})), &longer);
    assert_eq!(change.path, "message.tags[]");
    assert_eq!(change.kind, Kind::ConstraintLoosened);
}

#[test]
fn additional_properties_opened_and_closed() {
    let closed = ping(message(json!({"a": string()}), &["a"]));
    let open = ping(
        json!({"type": "object", "properties": {"a": string()}, "required": ["a"], "additionalProperties": true}),
    );
    let opened = only(&closed, &open);
    assert_eq!(opened.kind, Kind::AdditionalPropertiesOpened);
    assert_eq!(opened.path, "message");
    assert_eq!(verdicts(&opened), (C, B, "major"));
    let closed_again = only(&open, &closed);
    assert_eq!(closed_again.kind, Kind::AdditionalPropertiesClosed);
    assert_eq!(verdicts(&closed_again), (B, C, "major"));
}

fn annotated(extra: Value, echo: bool) -> Value {
    union(
        "Events",
        &[(
            "ping",
            message(
                json!({"requestId": {"type": "string", "x-des-echo": echo}}),
                &["requestId"],
            ),
            extra,
        )],
        Value::Null,
    )
}

#[test]
fn reply_to_changed() {
    let added = only(
        &annotated(json!({}), false),
        &annotated(json!({"x-des-reply-to": "pingRequested"}), false),
    );
    assert_eq!(added.kind, Kind::ReplyToChanged);
    assert_eq!(added.path, "x-des-reply-to");
    assert_eq!(verdicts(&added), (C, C, "minor"));
    let removed = only(
        &annotated(json!({"x-des-reply-to": "pingRequested"}), false),
        &annotated(json!({}), false),
    );
    assert_eq!(verdicts(&removed), (C, C, "major"));
}

#[test]
fn echo_changed() {
    let reply = json!({"x-des-reply-to": "pingRequested"});
    let change = only(&annotated(reply.clone(), false), &annotated(reply, true));
    assert_eq!(change.kind, Kind::EchoChanged);
    assert_eq!(change.path, "message.requestId");
    assert_eq!(verdicts(&change), (C, C, "major"));
    // Not a reply: no helper, no API change.
    let change = only(&annotated(json!({}), false), &annotated(json!({}), true));
    assert_eq!(verdicts(&change), (C, C, "patch"));
}

#[test]
fn mobile_function_changed() {
    let added = only(
        &annotated(json!({}), false),
        &annotated(json!({"x-des-mobile-function": "ping"}), false),
    );
    assert_eq!(added.kind, Kind::MobileFunctionChanged);
    assert_eq!(verdicts(&added), (C, C, "patch"));
    let renamed = only(
        &annotated(json!({"x-des-mobile-function": "ping"}), false),
        &annotated(json!({"x-des-mobile-function": "doPing"}), false),
    );
    assert_eq!(verdicts(&renamed), (C, B, "patch"));
}

#[test]
fn mobile_handler_changed() {
    // The default handler is the wire name: naming it explicitly is no change.
    assert!(
        report(
            &annotated(json!({}), false),
            &annotated(json!({"x-des-mobile-handler": "ping"}), false)
        )
        .changes
        .is_empty()
    );
    let change = only(
        &annotated(json!({}), false),
        &annotated(json!({"x-des-mobile-handler": "share"}), false),
    );
    assert_eq!(change.kind, Kind::MobileHandlerChanged);
    assert_eq!(change.detail, "mobile handler `ping` -> `share`");
    assert_eq!(verdicts(&change), (B, B, "patch"));
}

fn document(value: &Value, file: &str) -> Document {
    Document::parse(file, serde_json::to_string_pretty(value).expect("JSON")).expect("parses")
}

/// `value` with its discriminator key renamed from `event` to `name`.
fn name_keyed(value: &Value) -> Value {
    let text = value.to_string().replace("\"event\"", "\"name\"");
    serde_json::from_str(&text).expect("JSON")
}

#[test]
fn discriminator_changed() {
    let event_keyed = two_events();
    let old = document(&name_keyed(&event_keyed), "old.json");
    let new = document(&event_keyed, "new.json");
    let report = diff_documents(&old, &new).unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(report.changes.len(), 1, "{report}");
    let change = &report.changes[0];
    assert_eq!(change.kind, Kind::DiscriminatorChanged);
    assert_eq!(change.path, "envelope");
    assert_eq!(verdicts(change), (B, B, "major"));
    assert!(report.notes.is_empty(), "{report}");
    assert!(report.summary.breaks());
}

#[test]
fn discriminator_change_comes_with_the_other_changes() {
    let old = document(&name_keyed(&ping(message(json!({}), &[]))), "old.json");
    let new = document(&two_events(), "new.json");
    let report = diff_documents(&old, &new).unwrap_or_else(|err| panic!("{err}"));
    let kinds: Vec<Kind> = report.changes.iter().map(|c| c.kind).collect();
    assert_eq!(kinds, [Kind::DiscriminatorChanged, Kind::EventAdded]);
}

#[test]
fn both_sides_keyed_by_name_compare_without_a_discriminator_change() {
    let old = document(&name_keyed(&ping(message(json!({}), &[]))), "old.json");
    let new = document(&name_keyed(&two_events()), "new.json");
    let report = diff_documents(&old, &new).unwrap_or_else(|err| panic!("{err}"));
    let kinds: Vec<Kind> = report.changes.iter().map(|c| c.kind).collect();
    assert_eq!(kinds, [Kind::EventAdded]);
    assert!(report.notes.is_empty(), "{report}");
}

#[test]
fn unusable_schemas_report_the_problems_of_both_sides() {
    // A `$ref` that resolves to nothing, used by the root: an error on both sides.
    let broken = json!({"title": "Events", "type": "object",
                        "properties": {"a": {"$ref": "#/$defs/missing"}}});
    let err = diff_documents(
        &document(&broken, "old.json"),
        &document(&broken, "new.json"),
    )
    .expect_err("a dangling `$ref`");
    let files: Vec<&str> = err.iter().map(|d| d.file.as_str()).collect();
    assert_eq!(files, ["old.json", "new.json"]);
}

#[test]
fn every_kind_has_a_distinct_snake_case_name() {
    let names: std::collections::BTreeSet<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
    assert_eq!(names.len(), Kind::ALL.len());
    for name in names {
        assert!(
            name.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
            "{name}"
        );
    }
}

#[test]
fn report_renders_as_text_and_json() {
    let report = report(
        &reason(json!(["cancelled", "error"])),
        &reason(json!(["cancelled", "failed"])),
    );
    let text = report.to_string();
    assert!(
        text.contains("enum_value_removed ping message.reason: value \"error\" removed (variant `PingReason::Error`) [receivers: breaking, senders: compatible, api: major]"),
        "{text}"
    );
    assert!(
        text.ends_with(
            "summary: 2 changes; receivers: breaking, senders: breaking, semver: major: something breaks\n"
        ),
        "{text}"
    );
    let json = report.to_json();
    assert_eq!(json["changes"][1]["kind"], "enum_value_added");
    assert_eq!(json["changes"][1]["event"], "ping");
    assert_eq!(json["changes"][1]["path"], "message.reason");
    assert_eq!(json["changes"][1]["receivers"], "compatible");
    assert_eq!(json["changes"][1]["senders"], "breaking");
    assert_eq!(json["changes"][1]["api"], "major");
    assert_eq!(
        json["summary"],
        json!({"receivers": "breaking", "senders": "breaking", "semver": "major", "breaks": true})
    );
}

#[test]
fn summary_of_nothing_is_compatible_patch() {
    let summary = Summary::of(&[]);
    assert_eq!(summary.receivers, Compat::Compatible);
    assert_eq!(summary.senders, Compat::Compatible);
    assert_eq!(summary.semver, Bump::Patch);
    assert!(!summary.breaks());
    let minor = Summary {
        semver: Bump::Minor,
        ..summary
    };
    assert!(!minor.breaks());
}

#[test]
fn checked_keywords_of_a_struct_change_with_an_explicit_unknown_verdict() {
    let old = json!({"title": "Order", "type": "object",
        "properties": {"a": {"type": "string"}, "b": {"type": "string"}},
        "dependentRequired": {"a": ["b"]}});
    let mut new = old.clone();
    new["dependentRequired"] = json!({"b": ["a"]});
    let report = diff_documents(&document(&old, "old.json"), &document(&new, "new.json"))
        .unwrap_or_else(|err| panic!("{err}"));
    let kinds: Vec<Kind> = report.changes.iter().map(|c| c.kind).collect();
    assert_eq!(kinds, [Kind::ValidatedSchemaChanged], "{report}");
    assert_eq!(report.summary.receivers, Compat::Unknown);
    assert!(report.summary.breaks());
    // The same keywords with the same values: no change.
    let same = diff_documents(&document(&old, "old.json"), &document(&old, "new.json"))
        .unwrap_or_else(|err| panic!("{err}"));
    assert!(same.changes.is_empty(), "{same}");
}

#[test]
fn pattern_maps_compare_value_types_and_say_unknown_when_patterns_move() {
    let object = |pattern: &str, value: Value| {
        json!({"type": "object", "properties": {"id": {"type": "string"}}, "required": ["id"],
            "patternProperties": {pattern: value}, "additionalProperties": false})
    };
    let old = ping(object("^x-", json!({"type": "string"})));
    // The same pattern, a tighter value: a tightened constraint, under the map's path.
    let tighter = ping(object("^x-", json!({"type": "string", "maxLength": 4})));
    let change = only(&old, &tighter);
    assert_eq!(change.kind, Kind::ConstraintTightened, "{change:?}");
    assert!(change.path.contains("~/^x-/"), "{}", change.path);
    // Another pattern: which keys it governs is not compared.
    let moved = ping(object("^y-", json!({"type": "string"})));
    let change = only(&old, &moved);
    assert_eq!(change.kind, Kind::ValidatedSchemaChanged, "{change:?}");
    assert!(
        change.detail.contains("`^x-` -> `^y-`"),
        "{}",
        change.detail
    );
    assert_eq!(verdicts(&change).0, "unknown");
    // The same patterns and values: nothing.
    assert!(report(&old, &old).changes.is_empty());
}

#[test]
fn a_checked_keyword_added_or_removed_has_a_direction() {
    let old = ping(json!({"type": "object",
        "properties": {"a": {"type": "string"}, "b": {"type": "string"}}}));
    let mut new = old.clone();
    new["oneOf"][0]["properties"]["message"]["not"] = json!({"required": ["a", "b"]});
    let change = only(&old, &new);
    assert_eq!(change.kind, Kind::ConstraintTightened, "{change:?}");
    assert_eq!(verdicts(&change), ("breaking", "compatible", "patch"));
    assert!(
        change.detail.starts_with("not none -> "),
        "{}",
        change.detail
    );
    let change = only(&new, &old);
    assert_eq!(change.kind, Kind::ConstraintLoosened, "{change:?}");
    // Next to `unevaluatedProperties`, a new `then` may accept more: unknown.
    let mut closed = old.clone();
    closed["oneOf"][0]["properties"]["message"]["unevaluatedProperties"] = json!(false);
    let mut evaluated = closed.clone();
    evaluated["oneOf"][0]["properties"]["message"]["if"] = json!({"required": ["a"]});
    evaluated["oneOf"][0]["properties"]["message"]["then"] =
        json!({"properties": {"c": {"type": "string"}}});
    let change = only(&closed, &evaluated);
    assert_eq!(change.kind, Kind::ValidatedSchemaChanged, "{change:?}");
    assert_eq!(verdicts(&change).0, "unknown");
}

#[test]
fn checked_keywords_of_a_newtype_change_with_an_explicit_unknown_verdict() {
    let old = ping(message(
        json!({"code": {"type": "string", "maxLength": 8, "not": {"const": "x"}}}),
        &["code"],
    ));
    // The same schema: nothing.
    assert!(report(&old, &old).changes.is_empty());
    // The wrapped type's rules are compared as for any string.
    let mut tighter = old.clone();
    tighter["oneOf"][0]["properties"]["message"]["properties"]["code"]["maxLength"] = json!(4);
    let change = only(&old, &tighter);
    assert_eq!(change.kind, Kind::ConstraintTightened, "{change:?}");
    assert_eq!(change.path, "message.code");
    // Another checked value: not compared keyword by keyword.
    let mut other = old.clone();
    other["oneOf"][0]["properties"]["message"]["properties"]["code"]["not"] = json!({"const": "y"});
    let change = only(&old, &other);
    assert_eq!(change.kind, Kind::ValidatedSchemaChanged);
    assert!(
        change.detail.contains("`not`") || change.detail.contains("(not)"),
        "{}",
        change.detail
    );
    assert_eq!(verdicts(&change).0, "unknown");
}

#[test]
fn a_validated_value_that_becomes_a_checked_newtype_changes_its_rust_type() {
    // Old: `$dynamicAnchor` (no `$dynamicRef` uses it) kept the value untyped.
    let old = ping(message(
        json!({"code": {"type": "string", "not": {"const": "x"}, "$dynamicAnchor": "code"}}),
        &["code"],
    ));
    let new = ping(message(
        json!({"code": {"type": "string", "not": {"const": "x"}}}),
        &["code"],
    ));
    let report = report(&old, &new);
    let kinds: Vec<Kind> = report.changes.iter().map(|c| c.kind).collect();
    assert_eq!(
        kinds,
        [Kind::RustTypeChanged, Kind::ValidatedSchemaChanged],
        "{report}"
    );
    assert!(
        report.changes[0]
            .detail
            .contains("validated JSON value `PingCode` -> `PingCode` (string, checked: not)"),
        "{}",
        report.changes[0].detail
    );
    // The same schema on both sides (as when an older engine made it a validated
    // value): a Rust type change only, compatible on the wire.
    let (old_generated, new_generated) = (generated(&new), generated(&new));
    let mut as_json = old_generated.schema().clone();
    let position = as_json
        .types
        .iter()
        .position(|def| def.name() == "PingCode")
        .expect("the newtype");
    let crate::ir::TypeDef::Newtype(def) = &as_json.types[position] else {
        panic!("{:#?}", as_json.types)
    };
    as_json.types[position] = crate::ir::TypeDef::Json(crate::ir::JsonDef {
        name: def.name.clone(),
        docs: def.docs.clone(),
        entry: def.check.clone().expect("checked"),
        reason: "an older engine".to_owned(),
        schema: def.schema.clone(),
        pointer: def.pointer.clone(),
    });
    let report = diff(&as_json, new_generated.schema());
    let kinds: Vec<Kind> = report.changes.iter().map(|c| c.kind).collect();
    assert_eq!(kinds, [Kind::RustTypeChanged], "{report}");
    assert_eq!(report.summary.receivers, Compat::Compatible, "{report}");
    assert_eq!(report.summary.senders, Compat::Compatible, "{report}");
    // And back.
    let report = diff(new_generated.schema(), &as_json);
    let kinds: Vec<Kind> = report.changes.iter().map(|c| c.kind).collect();
    assert_eq!(kinds, [Kind::RustTypeChanged], "{report}");
}

#[test]
fn each_change_knows_its_pointer_on_both_sides() {
    let old = ping(message(json!({"a": string()}), &["a"]));
    let new = ping(message(json!({"b": string()}), &[]));
    let report = report(&old, &new);
    let sites: Vec<(Kind, Option<&str>, Option<&str>)> = report
        .changes
        .iter()
        .map(|change| {
            (
                change.kind,
                change.site.old.as_deref(),
                change.site.new.as_deref(),
            )
        })
        .collect();
    let message = "/oneOf/0/properties/message";
    assert_eq!(
        sites,
        [
            (
                Kind::RequiredFieldRemoved,
                Some(format!("{message}/properties/a").as_str()),
                Some(message)
            ),
            (
                Kind::OptionalFieldAdded,
                Some(message),
                Some(format!("{message}/properties/b").as_str())
            ),
        ]
    );
    assert!(report.changes[1].site.within(message));
    assert!(!report.changes[1].site.within("/oneOf/0/properties/mess"));
}

#[test]
fn a_tolerant_receiver_is_strict_inside_union_alternatives() {
    let object = |properties: Value| json!({"type": "object", "properties": properties, "additionalProperties": false});
    // `v` is an object or a string; `w` a plain object.
    let schema = |extra: Value| {
        ping(message(
            json!({
                "v": {"oneOf": [object(extra.clone()), {"type": "string"}]},
                "w": object(extra)
            }),
            &[],
        ))
    };
    let (old, new) = (
        generated(&schema(json!({}))),
        generated(&schema(json!({"n": string()}))),
    );
    let strict = diff(old.schema(), new.schema());
    let tolerant = diff_for(old.schema(), new.schema(), Receiver::Tolerant);
    let senders = |report: &Report| {
        report
            .changes
            .iter()
            .map(|change| (change.path.clone(), change.senders))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        senders(&strict),
        [
            ("message.v|0.n".to_owned(), Compat::Breaking),
            ("message.w.n".to_owned(), Compat::Breaking)
        ],
        "{strict}"
    );
    assert_eq!(
        senders(&tolerant),
        [
            ("message.v|0.n".to_owned(), Compat::Breaking),
            ("message.w.n".to_owned(), Compat::Compatible)
        ],
        "{tolerant}"
    );
}
