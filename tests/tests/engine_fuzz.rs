//! The engine never panics: arbitrary JSON values, biased toward schema keywords, go
//! through `des_events_codegen::generate` (checks only; and, when it accepts them, the
//! whole pipeline with and without the conformance tests and the catch-all variant, and
//! the formatted code). Each call must return, not panic; every diagnostic must carry a
//! JSON pointer and a position; and the generated tokens of an accepted schema must
//! parse as a Rust file.
//!
//! Three kinds of input: any JSON value; an event union whose message schemas are
//! arbitrary; and an event union that is mostly right (typed properties with random
//! keywords, `$defs` with `$ref`s that point anywhere, including at themselves).
//!
//! A stack overflow aborts the whole test binary instead of failing a case; to find the
//! schema, run with `DES_ENGINE_FUZZ_TRACE=/tmp/case.json`, which holds the last schema
//! tried.
//!
//! Default: 2000 cases per property. Longer: `PROPTEST_CASES=200000 cargo test --release
//! -p des-events-tests --test engine_fuzz`. A failure prints the (shrunk) schema text.

use std::panic::{AssertUnwindSafe, catch_unwind};

use des_events_codegen::{Request, Source, generate};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde_json::{Map, Value, json};

/// Known engine bugs; `DES_ENGINE_FUZZ_AVOID_KNOWN_BUGS=1` skips the inputs that could
/// trigger them (every input with both `allOf` and `$ref`), so that a long run looks for
/// new ones.
const KNOWN_BUGS: &[&str] = &[
    "stack overflow (process abort) when an `allOf` branch is a `$ref` to a schema that \
     contains that `allOf` again, e.g. $defs/A = {type: object, properties: {alpha: {allOf: \
     [{$ref: #/$defs/A}]}}}: model/all_of.rs inlines the target instead of resolving it",
];

const KEYWORDS: &[&str] = &[
    "type",
    "properties",
    "oneOf",
    "$ref",
    "enum",
    "const",
    "items",
    "required",
    "additionalProperties",
    "title",
    "event",
    "message",
    "$defs",
    "$schema",
    "$id",
    "$comment",
    "description",
    "examples",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "minLength",
    "maxLength",
    "pattern",
    "format",
    "minItems",
    "maxItems",
    "uniqueItems",
    "prefixItems",
    "minProperties",
    "maxProperties",
    "allOf",
    "anyOf",
    "not",
    "if",
    "then",
    "else",
    "default",
    "deprecated",
    "readOnly",
    "writeOnly",
    "nullable",
    "$anchor",
    "$dynamicRef",
    "definitions",
    "x-des-credential",
    "x-des-echo",
    "x-des-reply-to",
    "x-des-mobile-function",
    "x-des-mobile-handler",
    "",
    "a/b~c",
    "ping",
    "type ",
];

const STRINGS: &[&str] = &[
    "string",
    "integer",
    "number",
    "boolean",
    "object",
    "array",
    "null",
    "uuid",
    "date",
    "date-time",
    "email",
    "x-custom",
    "event",
    "message",
    "ping",
    "Ping",
    "ping-pong",
    "self",
    "Self",
    "type",
    "Other",
    "",
    " ",
    "😀",
    "名前",
    "#",
    "#/",
    "#/$defs/A",
    "#/$defs/B",
    "#/$defs/a~1b",
    "#/$defs/%41",
    "#/oneOf/0",
    "#/oneOf/0/properties/message",
    "#/oneOf/0/properties/message/properties/x",
    "#/oneOf/-1",
    "#/$defs",
    "#/$defs/",
    "#%",
    "#/%zz",
    "other.json#/$defs/A",
    "https://example.com/s.json",
    "https://json-schema.org/draft/2020-12/schema",
    "http://json-schema.org/draft-07/schema#",
    "^[a-z]+$",
    "(",
    "[",
    "\\",
    "a{2,1}",
    "(?<n>a)\\k<n>",
    "\\p{L}+",
    "(?i)a",
    "a{99999999999}",
    "\u{0}",
    "\u{2028}",
    "onSomething",
    "requestId",
];

fn numbers() -> impl Strategy<Value = Value> {
    prop_oneof![
        (-5i64..20).prop_map(Value::from),
        Just(json!(0)),
        Just(json!(-0.0)),
        Just(json!(0.5)),
        Just(json!(1.0)),
        Just(json!(i64::MIN)),
        Just(json!(i64::MAX)),
        Just(json!(u64::MAX)),
        Just(json!(9_223_372_036_854_775_808.0)),
        Just(json!(-9_223_372_036_854_775_809.0)),
        Just(json!(1e308)),
        Just(json!(-1e308)),
        Just(json!(5e-324)),
        Just(json!(f64::MAX)),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
    ]
}

fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        numbers(),
        proptest::sample::select(STRINGS).prop_map(Value::from),
        ".{0,6}".prop_map(Value::from),
    ]
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::sample::select(KEYWORDS).prop_map(str::to_owned),
        1 => proptest::sample::select(STRINGS).prop_map(str::to_owned),
        1 => "[a-zA-Z$~/%-]{0,6}",
    ]
}

/// Any JSON value, with schema keywords as keys most of the time.
fn value() -> impl Strategy<Value = Value> {
    scalar().prop_recursive(5, 64, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            proptest::collection::vec((key(), inner), 0..6)
                .prop_map(|entries| Value::Object(entries.into_iter().collect())),
        ]
    })
}

/// A property schema that is mostly well formed: a type and a few keywords, any values.
fn schemaish() -> impl Strategy<Value = Value> {
    let leaf = (
        proptest::sample::select(
            &[
                "string", "integer", "number", "boolean", "object", "array", "null",
            ][..],
        ),
        proptest::collection::vec((key(), scalar()), 0..4),
    )
        .prop_map(|(ty, extra)| {
            let mut object = Map::new();
            object.insert("type".into(), json!(ty));
            if ty == "integer" {
                object.insert("minimum".into(), json!(-10));
                object.insert("maximum".into(), json!(10));
            }
            for (key, value) in extra {
                object.insert(key, value);
            }
            Value::Object(object)
        });
    let reference = proptest::sample::select(STRINGS).prop_map(|target| json!({"$ref": target}));
    prop_oneof![4 => leaf, 1 => reference, 1 => value()].prop_recursive(4, 48, 5, |inner| {
        prop_oneof![
            (
                proptest::collection::vec((key(), inner.clone()), 0..5),
                proptest::collection::vec(key(), 0..3),
                prop_oneof![Just(json!(false)), Just(json!(true)), scalar()],
            )
                .prop_map(|(properties, required, additional)| {
                    json!({
                        "type": "object",
                        "properties": Value::Object(properties.into_iter().collect()),
                        "required": required,
                        "additionalProperties": additional,
                    })
                }),
            inner
                .clone()
                .prop_map(|items| json!({"type": "array", "items": items})),
            proptest::collection::vec(proptest::sample::select(STRINGS), 0..4)
                .prop_map(|values| json!({"enum": values})),
        ]
    })
}

/// An event union around arbitrary (or mostly well formed) message schemas.
fn union(message: BoxedStrategy<Value>) -> impl Strategy<Value = Value> {
    let event = (
        proptest::sample::select(STRINGS),
        message,
        proptest::collection::vec((key(), scalar()), 0..2),
    )
        .prop_map(|(name, message, extra)| {
            let mut event = json!({
                "type": "object",
                "properties": {"event": {"const": name}, "message": message},
                "required": ["event", "message"],
                "additionalProperties": false,
            });
            for (key, value) in extra {
                event[key.as_str()] = value;
            }
            event
        });
    (
        proptest::option::of(proptest::sample::select(STRINGS)),
        proptest::collection::vec(event, 0..4),
        proptest::collection::vec((proptest::sample::select(STRINGS), schemaish()), 0..4),
        proptest::collection::vec((key(), scalar()), 0..2),
    )
        .prop_map(|(title, events, defs, extra)| {
            let mut root =
                json!({"$schema": "https://json-schema.org/draft/2020-12/schema", "oneOf": events});
            if let Some(title) = title {
                root["title"] = json!(title);
            }
            if !defs.is_empty() {
                // `#/$defs/A` and `#/$defs/B` are the usual targets: name some defs so.
                let defs: Map<String, Value> = defs
                    .into_iter()
                    .enumerate()
                    .map(|(index, (name, schema))| {
                        let name = match index {
                            0 => "A".to_owned(),
                            1 => "B".to_owned(),
                            _ => name.to_owned(),
                        };
                        (name, schema)
                    })
                    .collect();
                root["$defs"] = Value::Object(defs);
            }
            for (key, value) in extra {
                root[key.as_str()] = value;
            }
            root
        })
}

/// A property schema of the supported subset, with sensible keyword values.
fn wellformed() -> impl Strategy<Value = Value> {
    let string = (
        proptest::option::of(0u64..4),
        proptest::option::of(0u64..8),
        proptest::option::of(proptest::sample::select(
            &["^[a-z]+$", "\\d", "é", "^(a|b)*$"][..],
        )),
        proptest::option::of(proptest::sample::select(&["uuid", "date", "x-custom"][..])),
    )
        .prop_map(|(min, max, pattern, format)| {
            let mut schema = json!({"type": "string"});
            if let Some(min) = min {
                schema["minLength"] = json!(min);
            }
            if let Some(max) = max {
                schema["maxLength"] = json!(max);
            }
            if let Some(pattern) = pattern {
                schema["pattern"] = json!(pattern);
            }
            if let Some(format) = format {
                schema["format"] = json!(format);
            }
            schema
        });
    let integer = (-50i64..50, 0i64..100, any::<bool>()).prop_map(|(lo, width, exclusive)| {
        if exclusive {
            json!({"type": "integer", "exclusiveMinimum": lo, "maximum": lo + width})
        } else {
            json!({"type": "integer", "minimum": lo, "maximum": lo + width})
        }
    });
    let number = proptest::option::of(-10i32..10).prop_map(|bound| match bound {
        Some(bound) => json!({"type": "number", "minimum": f64::from(bound) / 2.0}),
        None => json!({"type": "number"}),
    });
    let enumeration =
        proptest::sample::subsequence(&["red", "green", "blue", "a b", "x-y"][..], 1..4)
            .prop_map(|values| json!({"enum": values}));
    let leaf = prop_oneof![
        3 => string,
        2 => integer,
        1 => number,
        1 => Just(json!({"type": "boolean"})),
        1 => enumeration,
        1 => Just(json!({"type": "object"})),
        1 => Just(json!({"$ref": "#/$defs/A"})),
        1 => Just(json!({"type": ["string", "null"]})),
        1 => Just(json!({"type": ["integer", "null"], "minimum": 0, "maximum": 3})),
        1 => scalar().prop_map(|value| json!({"const": value})),
        1 => proptest::collection::vec(scalar(), 1..4).prop_map(|values| json!({"enum": values})),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            (
                proptest::sample::select(&["allOf", "anyOf", "oneOf"][..]),
                proptest::collection::vec(inner.clone(), 1..3),
            )
                .prop_map(|(keyword, schemas)| json!({keyword: schemas})),
            (
                proptest::sample::subsequence(&["alpha", "beta", "type", "gammaRay", "d-e"][..], 0..4),
                proptest::collection::vec(inner.clone(), 4),
                any::<u8>(),
                any::<bool>(),
            )
                .prop_map(|(names, schemas, required, closed)| {
                    let properties: Map<String, Value> = names
                        .iter()
                        .zip(schemas)
                        .map(|(name, schema)| ((*name).to_owned(), schema))
                        .collect();
                    let required: Vec<&str> = names
                        .iter()
                        .enumerate()
                        .filter(|(index, _)| required & (1 << index) != 0)
                        .map(|(_, name)| *name)
                        .collect();
                    json!({"type": "object", "properties": properties, "required": required, "additionalProperties": !closed})
                }),
            (inner, proptest::option::of(0u64..3)).prop_map(|(items, min)| match min {
                Some(min) => json!({"type": "array", "items": items, "minItems": min}),
                None => json!({"type": "array", "items": items}),
            }),
        ]
    })
}

/// A mostly valid event union: well-formed messages and `$defs`, then one random
/// keyword set on one random object of the schema.
fn nearly_valid() -> impl Strategy<Value = Value> {
    let message = wellformed().prop_map(|schema| match schema.get("type") {
        Some(ty) if ty == "object" && schema.get("properties").is_some() => schema,
        _ => json!({"type": "object", "properties": {"v": schema}, "required": ["v"], "additionalProperties": false}),
    });
    (
        proptest::sample::subsequence(
            &["ping", "userCreated", "type", "Other", "x-y", "self"][..],
            1..4,
        ),
        proptest::collection::vec(message, 4),
        wellformed(),
        proptest::option::weighted(0.7, (any::<usize>(), key(), value())),
    )
        .prop_map(|(names, messages, def, perturbation)| {
            let events: Vec<Value> = names
                .iter()
                .zip(messages)
                .map(|(name, message)| {
                    json!({
                        "type": "object",
                        "properties": {"event": {"const": name}, "message": message},
                        "required": ["event", "message"],
                        "additionalProperties": false,
                    })
                })
                .collect();
            // `A` may refer to itself (a recursive type) unless it is nothing but a `$ref`.
            let def = if def.get("$ref").is_some() {
                json!({"type": "string"})
            } else {
                def
            };
            let mut root = json!({
                "$schema": "https://json-schema.org/draft/2020-12/schema",
                "title": "Root",
                "oneOf": events,
                "$defs": {"A": def},
            });
            if let Some((choice, key, value)) = perturbation {
                let mut objects = 0;
                count_objects(&root, &mut objects);
                let mut target = choice % objects.max(1);
                set_in_object(&mut root, &mut target, &key, value);
            }
            root
        })
}

fn count_objects(value: &Value, count: &mut usize) {
    match value {
        Value::Object(object) => {
            *count += 1;
            object
                .values()
                .for_each(|value| count_objects(value, count));
        }
        Value::Array(items) => items.iter().for_each(|value| count_objects(value, count)),
        _ => {}
    }
}

/// Sets `key` on the `target`-th object of `value` (pre-order).
fn set_in_object(value: &mut Value, target: &mut usize, key: &str, new: Value) -> bool {
    match value {
        Value::Object(object) => {
            if *target == 0 {
                object.insert(key.to_owned(), new);
                return true;
            }
            *target -= 1;
            for child in object.values_mut() {
                if set_in_object(child, target, key, new.clone()) {
                    return true;
                }
            }
            false
        }
        Value::Array(items) => items
            .iter_mut()
            .any(|child| set_in_object(child, target, key, new.clone())),
        _ => false,
    }
}

fn inputs() -> impl Strategy<Value = (Value, bool)> {
    let schema = prop_oneof![
        1 => value(),
        2 => union(value().boxed()),
        3 => union(schemaish().boxed()),
        4 => nearly_valid(),
    ];
    (schema, any::<bool>())
}

fn config() -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(2000);
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|text| (*text).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a non-string panic".to_owned())
}

#[derive(Default)]
struct Counts {
    skipped: usize,
    accepted: usize,
    rejected: usize,
    diagnostics: usize,
}

/// Runs the engine on `text`; an `Err` is a property failure.
fn engine_on(text: &str, counts: &mut Counts) -> Result<(), String> {
    let request = || Request::new(Source::text("fuzz.json", text));
    let parsed = catch_unwind(|| generate(&request().check_only()))
        .map_err(|payload| format!("generate panicked: {}", panic_message(&*payload)))?;
    match parsed {
        Ok(_) => {}
        Err(errors) => {
            counts.rejected += 1;
            counts.diagnostics += errors.0.len();
            if errors.is_empty() {
                return Err("generate returned Err without a diagnostic".into());
            }
            for diagnostic in errors.iter() {
                if diagnostic.pointer.is_none() || diagnostic.pos.is_none() {
                    return Err(format!(
                        "a diagnostic without a pointer or a position: {diagnostic}"
                    ));
                }
            }
            return Ok(());
        }
    }
    counts.accepted += 1;
    let expanded = catch_unwind(AssertUnwindSafe(|| {
        [(true, false), (false, true)].map(|(tests, catch_all)| {
            let generated = generate(&request().tests(tests).catch_all(catch_all));
            (catch_all, generated.map(|generated| generated.pretty()))
        })
    }))
    .map_err(|payload| format!("expand panicked: {}", panic_message(&*payload)))?;
    for (catch_all, generated) in expanded {
        match generated {
            Ok(code) => {
                code.map_err(|err| format!("the generated tokens are not a Rust file: {err}"))?;
            }
            // Only the catch-all check can reject what the checks alone accepted.
            Err(errors) if catch_all => {
                for diagnostic in errors.iter() {
                    if diagnostic.pointer.is_none() || diagnostic.pos.is_none() {
                        return Err(format!(
                            "a catch-all diagnostic without a pointer or a position: {diagnostic}"
                        ));
                    }
                }
            }
            Err(errors) => {
                return Err(format!(
                    "the whole pipeline rejects what its checks accept: {errors}"
                ));
            }
        }
    }
    Ok(())
}

#[test]
fn the_engine_never_panics_on_json_values() {
    // Panics are caught and reported as failures; keep the default hook's message short.
    let started = std::time::Instant::now();
    let mut runner = TestRunner::new(config());
    let counts = std::cell::RefCell::new(Counts::default());
    let trace = std::env::var_os("DES_ENGINE_FUZZ_TRACE");
    let avoid =
        std::env::var_os("DES_ENGINE_FUZZ_AVOID_KNOWN_BUGS").is_some_and(|value| value != "0");
    if avoid {
        eprintln!("known bugs avoided:\n- {}", KNOWN_BUGS.join("\n- "));
    }
    let result = runner.run(&inputs(), |(schema, pretty)| {
        let text = if pretty {
            serde_json::to_string_pretty(&schema)
        } else {
            serde_json::to_string(&schema)
        }
        .expect("a value serializes");
        if avoid && text.contains("allOf") && text.contains("$ref") {
            // KNOWN_BUGS[0] aborts the process.
            counts.borrow_mut().skipped += 1;
            return Ok(());
        }
        if let Some(trace) = &trace {
            // A stack overflow aborts the process: the last schema written is the culprit.
            std::fs::write(trace, &text).expect("the trace file is writable");
        }
        engine_on(&text, &mut counts.borrow_mut())
            .map_err(|why| TestCaseError::fail(format!("{why}\nschema: {text}")))
    });
    let counts = counts.into_inner();
    eprintln!(
        "engine fuzz: {} cases ({} accepted, {} rejected with {} diagnostics, {} skipped, counting shrink steps) in {:.1?}",
        counts.accepted + counts.rejected + counts.skipped,
        counts.accepted,
        counts.rejected,
        counts.diagnostics,
        counts.skipped,
        started.elapsed()
    );
    if let Err(err) = result {
        panic!("{err}");
    }
    assert!(
        counts.accepted > 0,
        "no generated schema was accepted: the generator no longer reaches `expand`"
    );
}

/// Inputs that once broke engines of this kind, checked on every run.
#[test]
fn the_engine_survives_known_hard_inputs() {
    let cases = [
        json!({"title": "R", "oneOf": [{"$ref": "#"}]}),
        json!({"title": "R", "oneOf": [{"$ref": "#/oneOf/0"}]}),
        json!({"title": "R", "oneOf": [{"type": "object", "properties": {"event": {"const": "a"}, "message": {"$ref": "#/oneOf/0/properties/message"}}, "required": ["event", "message"], "additionalProperties": false}]}),
        json!({"title": "R", "$defs": {"A": {"$ref": "#/$defs/B"}, "B": {"$ref": "#/$defs/A"}}, "oneOf": [{"type": "object", "properties": {"event": {"const": "a"}, "message": {"$ref": "#/$defs/A"}}, "required": ["event", "message"], "additionalProperties": false}]}),
        json!({"title": "R", "$defs": {"A": {"type": "object", "properties": {"a": {"$ref": "#/$defs/A"}}}}, "oneOf": [{"type": "object", "properties": {"event": {"const": "a"}, "message": {"$ref": "#/$defs/A"}}, "required": ["event", "message"], "additionalProperties": false}]}),
        json!({"title": "R", "oneOf": [{"type": "object", "properties": {"event": {"const": "a"}, "message": {"type": "object", "properties": {"n": {"type": "integer", "minimum": 9_223_372_036_854_775_808.0, "maximum": -9_223_372_036_854_775_809.0}}}}, "required": ["event", "message"], "additionalProperties": false}]}),
        json!({"title": "R", "oneOf": [{"type": "object", "properties": {"event": {"const": "a"}, "message": {"type": "object", "properties": {"s": {"type": "string", "pattern": "a{99999999999}", "minLength": u64::MAX, "maxLength": 0}}}}, "required": ["event", "message"], "additionalProperties": false}]}),
        json!({"title": "", "oneOf": [{"type": "object", "properties": {"event": {"const": ""}, "message": {"type": "object", "properties": {"": {"enum": ["", " "]}}}}, "required": ["event", "message"], "additionalProperties": false}]}),
        json!({"title": "Self", "oneOf": [{"type": "object", "properties": {"event": {"const": "Self"}, "message": {"type": "object", "title": "Self", "properties": {}, "additionalProperties": false}}, "required": ["event", "message"], "additionalProperties": false}]}),
        json!({"title": "R", "oneOf": [{"type": "object", "properties": {"event": {"const": "a"}, "message": {"type": "object", "properties": {"x": {"type": "number", "minimum": 1e308, "maximum": -1e308, "exclusiveMinimum": 5e-324}}}}, "required": ["event", "message"], "additionalProperties": false}]}),
        // KNOWN_BUGS[0]: a stack overflow aborts this test binary.
        json!({"title": "R", "$defs": {"A": {"type": "object", "properties": {"alpha": {"allOf": [{"$ref": "#/$defs/A"}]}}}}, "oneOf": [{"type": "object", "properties": {"event": {"const": "a"}, "message": {"type": "object", "properties": {}, "additionalProperties": false}}, "required": ["event", "message"], "additionalProperties": false}]}),
        json!([]),
        json!(null),
        json!("schema"),
    ];
    let mut counts = Counts::default();
    for case in cases {
        let text = serde_json::to_string_pretty(&case).expect("a value serializes");
        if let Err(why) = engine_on(&text, &mut counts) {
            panic!("{why}\nschema: {text}");
        }
    }
}
