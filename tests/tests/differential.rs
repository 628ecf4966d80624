//! Differential test: our generated types against an independent JSON Schema validator.
//!
//! For each bundled schema, a corpus of documents (the schema's examples, the same
//! examples with `message` before `event`, every mutant of `des_events_codegen::mutate`,
//! the sample logs and the hand-written `tests/corpus/edge-cases.jsonl`) is judged three
//! times:
//!
//! 1. by us: `PartnerEvent::from_json` / `DesEvent::from_json`;
//! 2. by the `jsonschema` crate (draft 2020-12, format assertion on) with the schema file;
//! 3. by the same validator with the schema that `schemars` derives from our types.
//!
//! Every verdict of 2 and of 3 must equal ours. A document that is not JSON is invalid
//! for the oracles. So is a document with a duplicated object key: JSON Schema validates
//! the JSON data model, in which an object cannot hold one name twice (RFC 8259 says the
//! result of parsing such text is unpredictable; I-JSON, RFC 7493, forbids it), and
//! `serde_json::Value` would silently keep the last value, so the oracle rejects it
//! before validation instead of judging a document the sender did not write.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use des_events_codegen::{Generated, Request, Source, generate};
use serde_json::Value;

/// Below this many documents in total the test would prove little.
const MIN_DOCUMENTS: usize = 300;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the tests package lives inside the workspace")
        .to_path_buf()
}

/// One direction: its schema file and our parser for it.
struct Direction {
    name: &'static str,
    file: &'static str,
    ours: fn(&str) -> Result<(), des_events::Error>,
    derived: fn() -> Value,
}

const DIRECTIONS: [Direction; 2] = [
    Direction {
        name: "partner",
        file: "schema/partner-events.schema.json",
        ours: |text| des_events::partner::PartnerEvent::from_json(text).map(drop),
        derived: || {
            serde_json::to_value(schemars::schema_for!(des_events::partner::PartnerEvent))
                .expect("a derived schema is JSON")
        },
    },
    Direction {
        name: "des",
        file: "schema/des-events.schema.json",
        ours: |text| des_events::des::DesEvent::from_json(text).map(drop),
        derived: || {
            serde_json::to_value(schemars::schema_for!(des_events::des::DesEvent))
                .expect("a derived schema is JSON")
        },
    },
];

/// A document of the corpus and where it came from.
#[derive(Clone, Debug)]
struct Document {
    origin: String,
    text: String,
}

#[path = "../differential/oracle.rs"]
mod oracle;

use oracle::{Verdict, judge};

/// The oracle for `schema` (`what` names it in a failure).
fn validator(schema: &Value, what: &str) -> jsonschema::Validator {
    oracle::validator(schema, None)
        .unwrap_or_else(|err| panic!("{what} does not compile as a JSON Schema: {err}"))
}

/// The oracle's reading of a document: JSON without duplicated keys.
fn oracle_parse(text: &str) -> Result<Value, String> {
    oracle::parse(text)
}

/// The examples, the examples with `message` first, and the mutants of one schema.
fn generated(direction: &Direction) -> Vec<Document> {
    let path = root().join(direction.file);
    let schema = generate(&Request::new(Source::file(&path, direction.file)).check_only())
        .map(Generated::into_schema)
        .unwrap_or_else(|err| panic!("{} does not load: {err:?}", direction.file));
    let mut out = Vec::new();
    for event in &schema.events {
        assert!(
            !event.examples.is_empty(),
            "{}: event `{}` has no example",
            direction.file,
            event.wire_name
        );
        for (index, example) in event.examples.iter().enumerate() {
            let tag = format!("{}#{index}", event.wire_name);
            out.push(Document {
                origin: format!("example {tag}"),
                text: example.to_string(),
            });
            let message = example.get("message").expect("an example has a message");
            let name = example.get("event").expect("an example has an event");
            out.push(Document {
                origin: format!("example {tag}, keys reversed"),
                text: format!("{{\"message\":{message},\"event\":{name}}}"),
            });
        }
    }
    for mutant in des_events_codegen::mutate::mutants(&schema) {
        out.push(Document {
            origin: format!("mutant {}", mutant.label),
            text: mutant.text,
        });
    }
    out
}

/// The lines of a JSON Lines file, each with its origin.
fn lines(relative: &str) -> Vec<Document> {
    let path = root().join(relative);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()));
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(index, line)| Document {
            origin: format!("{relative}:{}", index + 1),
            text: line.to_owned(),
        })
        .collect()
}

/// The whole corpus, per direction (in `DIRECTIONS` order).
fn corpus() -> Vec<Vec<Document>> {
    let mut per: Vec<Vec<Document>> = DIRECTIONS.iter().map(generated).collect();
    let events: Vec<BTreeSet<String>> = DIRECTIONS
        .iter()
        .map(|direction| {
            let path = root().join(direction.file);
            let schema = generate(&Request::new(Source::file(&path, direction.file)).check_only())
                .map(Generated::into_schema)
                .unwrap_or_else(|err| panic!("{} does not load: {err:?}", direction.file));
            schema
                .events
                .iter()
                .map(|event| event.wire_name.clone())
                .collect()
        })
        .collect();
    let files = [
        "samples/messages.jsonl",
        "samples/invalid.jsonl",
        "tests/corpus/edge-cases.jsonl",
    ];
    for document in files.into_iter().flat_map(lines) {
        // By event name; a line no direction knows (not JSON, no event, an unknown
        // name) goes to both.
        let name = serde_json::from_str::<Value>(&document.text)
            .ok()
            .and_then(|value| value.get("event")?.as_str().map(str::to_owned));
        let owners: Vec<usize> = (0..DIRECTIONS.len())
            .filter(|index| {
                name.as_ref()
                    .is_some_and(|name| events[*index].contains(name))
            })
            .collect();
        if owners.is_empty() {
            for documents in &mut per {
                documents.push(document.clone());
            }
        } else {
            for index in owners {
                per[index].push(document.clone());
            }
        }
    }
    per
}

fn shorten(text: &str) -> String {
    const MAX: usize = 400;
    if text.chars().count() <= MAX {
        text.to_owned()
    } else {
        let head: String = text.chars().take(MAX).collect();
        format!("{head}… ({} bytes)", text.len())
    }
}

/// The part of a derived schema that judges `text`: the `oneOf` branch of its event (or
/// the root without `$defs`), followed by the definitions it refers to, without
/// `description`s.
fn fragment(schema: &Value, text: &str) -> String {
    let name = serde_json::from_str::<Value>(text)
        .ok()
        .and_then(|value| value.get("event")?.as_str().map(str::to_owned));
    let branches = schema
        .get("oneOf")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let branch = branches.iter().find(|branch| {
        let event = branch.pointer("/properties/event");
        let constant = event
            .and_then(|event| event.get("const"))
            .or_else(|| event.and_then(|event| event.pointer("/enum/0")));
        name.is_some() && constant.and_then(Value::as_str) == name.as_deref()
    });
    let mut shown = match branch {
        Some(branch) => branch.clone(),
        None => {
            let mut root = schema.clone();
            if let Some(object) = root.as_object_mut() {
                object.retain(|key, _| key != "$defs");
            }
            root
        }
    };
    // Follow `$ref`s into `$defs`, transitively.
    let mut defs = serde_json::Map::new();
    let mut pending = refs(&shown);
    while let Some(reference) = pending.pop() {
        let Some(def_name) = reference.strip_prefix("#/$defs/") else {
            continue;
        };
        if defs.contains_key(def_name) {
            continue;
        }
        if let Some(def) = schema.pointer(&format!("/$defs/{def_name}")) {
            pending.extend(refs(def));
            defs.insert(def_name.to_owned(), def.clone());
        }
    }
    if !defs.is_empty()
        && let Some(object) = shown.as_object_mut()
    {
        object.insert("$defs (referenced)".to_owned(), Value::Object(defs));
    }
    strip_descriptions(&mut shown);
    serde_json::to_string_pretty(&shown).unwrap_or_default()
}

/// Removes `description` keywords (long prose that validates nothing).
fn strip_descriptions(value: &mut Value) {
    match value {
        Value::Object(object) => {
            object.retain(|key, _| key != "description");
            object.values_mut().for_each(strip_descriptions);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_descriptions),
        _ => {}
    }
}

fn refs(value: &Value) -> Vec<String> {
    match value {
        Value::Object(object) => object
            .iter()
            .flat_map(|(key, value)| match (key.as_str(), value) {
                ("$ref", Value::String(reference)) => vec![reference.clone()],
                _ => refs(value),
            })
            .collect(),
        Value::Array(items) => items.iter().flat_map(refs).collect(),
        _ => Vec::new(),
    }
}

#[derive(Default)]
struct Tally {
    documents: usize,
    ours_valid: usize,
    oracle_agree: usize,
    derived_agree: usize,
    unparsed: usize,
    by_source: BTreeMap<&'static str, usize>,
}

fn source(origin: &str) -> &'static str {
    if origin.starts_with("example") {
        "examples"
    } else if origin.starts_with("mutant") {
        "mutants"
    } else if origin.starts_with("samples/") {
        "samples"
    } else {
        "edge cases"
    }
}

#[test]
fn verdicts_agree_with_an_independent_validator() {
    let corpus = corpus();
    // `DES_DIFFERENTIAL_VERBOSE=1` prints every verdict (with `--nocapture`).
    let verbose = std::env::var_os("DES_DIFFERENTIAL_VERBOSE").is_some();
    let mut failures = Vec::new();
    let mut total = 0;
    let mut valid_total = 0;
    for (direction, documents) in DIRECTIONS.iter().zip(&corpus) {
        let text = std::fs::read_to_string(root().join(direction.file))
            .unwrap_or_else(|err| panic!("cannot read {}: {err}", direction.file));
        let schema: Value = serde_json::from_str(&text).expect("the schema file is JSON");
        let oracle = validator(&schema, direction.file);
        let derived_schema = (direction.derived)();
        let derived = validator(
            &derived_schema,
            &format!("the schema derived from the {} types", direction.name),
        );

        let mut tally = Tally::default();
        let mut oracle_failures = Vec::new();
        let mut derived_failures = Vec::new();
        for document in documents {
            let ours = (direction.ours)(&document.text);
            let by_file = judge(&oracle, &document.text);
            let by_derived = judge(&derived, &document.text);
            if verbose {
                eprintln!(
                    "[{}] {}: ours {}, schema file {}, derived {}",
                    direction.name,
                    document.origin,
                    if ours.is_ok() { "valid" } else { "invalid" },
                    if by_file.is_valid() {
                        "valid"
                    } else {
                        "invalid"
                    },
                    if by_derived.is_valid() {
                        "valid"
                    } else {
                        "invalid"
                    },
                );
            }
            tally.documents += 1;
            *tally.by_source.entry(source(&document.origin)).or_default() += 1;
            tally.ours_valid += usize::from(ours.is_ok());
            tally.unparsed += usize::from(matches!(by_file, Verdict::Unparsed(_)));
            let ours_shown = match &ours {
                Ok(()) => "valid".to_owned(),
                Err(err) => format!("invalid ({err})"),
            };
            if by_file.is_valid() == ours.is_ok() {
                tally.oracle_agree += 1;
            } else {
                oracle_failures.push(format!(
                    "[{}] {}\n    document: {}\n    jsonschema ({}): {}\n    ours: {}",
                    direction.name,
                    document.origin,
                    shorten(&document.text),
                    direction.file,
                    by_file,
                    ours_shown
                ));
            }
            if by_derived.is_valid() == ours.is_ok() {
                tally.derived_agree += 1;
            } else {
                derived_failures.push(format!(
                    "[{}] {}\n    document: {}\n    jsonschema (schemars-derived schema): {}\n    ours: {}\n    derived schema fragment:\n{}",
                    direction.name,
                    document.origin,
                    shorten(&document.text),
                    by_derived,
                    ours_shown,
                    indent(&fragment(&derived_schema, &document.text))
                ));
            }
        }
        let sources: Vec<String> = tally
            .by_source
            .iter()
            .map(|(source, count)| format!("{source} {count}"))
            .collect();
        eprintln!(
            "{} ({}): {} documents ({}); ours: {} valid / {} invalid ({} not parsed by the oracle); \
             agreements: schema file {}/{}, schemars-derived {}/{}",
            direction.name,
            direction.file,
            tally.documents,
            sources.join(", "),
            tally.ours_valid,
            tally.documents - tally.ours_valid,
            tally.unparsed,
            tally.oracle_agree,
            tally.documents,
            tally.derived_agree,
            tally.documents,
        );
        assert!(
            tally.ours_valid > 0 && tally.ours_valid < tally.documents,
            "{}: the corpus must hold both valid and invalid documents",
            direction.name
        );
        total += tally.documents;
        valid_total += tally.ours_valid;
        failures.extend(oracle_failures);
        failures.extend(derived_failures);
    }
    eprintln!(
        "total: {total} documents, {valid_total} valid, {} invalid, {} disagreements",
        total - valid_total,
        failures.len()
    );
    assert!(
        total > MIN_DOCUMENTS,
        "only {total} documents in the corpus; expected more than {MIN_DOCUMENTS}"
    );
    assert!(
        failures.is_empty(),
        "{} disagreement(s) with the independent validator:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|line| format!("      {line}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The oracle's own reading rules, so that the harness is not what decides.
#[test]
fn the_oracle_parses_as_documented() {
    oracle::self_check();
    assert!(oracle_parse(r#"{"a":1,"b":{"a":2}}"#).is_ok());
    assert!(oracle_parse(r#"{"a":1,"a":1}"#).is_err());
    assert!(oracle_parse(r#"[{"x":{"y":1,"y":2}}]"#).is_err());
    assert!(oracle_parse(r#"{"a":1"#).is_err());
    let schema = serde_json::json!({
        "type": "object",
        "properties": {
            "id": {"type": "string", "format": "uuid"},
            "day": {"type": "string", "format": "date"},
            "n": {"type": "integer"}
        }
    });
    let oracle = validator(&schema, "the probe schema");
    let valid = |text: &str| judge(&oracle, text).is_valid();
    // Format assertion is on.
    assert!(valid(r#"{"id":"A2313192-E2DC-452E-B56C-2F23BAF6EEE1"}"#));
    assert!(!valid(r#"{"id":"{a2313192-e2dc-452e-b56c-2f23baf6eee1}"}"#));
    assert!(!valid(r#"{"day":"2023-02-29"}"#));
    // A number with a zero fractional part is an integer.
    assert!(valid(r#"{"n":250000.0}"#));
    assert!(!valid(r#"{"n":1.5}"#));
}
