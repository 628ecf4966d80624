//! Registry-grade checks over upstream's schema history (`tests/evolution/`): every
//! breaking receivers or senders verdict of every step gets a counterexample that the
//! validator of `des-events-core` accepts on one side and rejects on the other, and the
//! `jsonschema` crate agrees on both sides; modes, transitive histories under a tolerant
//! receiver, ignore rules and rule IDs.

use std::path::{Path, PathBuf};

use des_events_codegen::Source;
use des_events_codegen::diff::gate::{Mode, Outcome};
use des_events_codegen::diff::witness::Direction;
use des_events_codegen::diff::{self, Compat, Kind, Options, Receiver, Report, ignore};
use serde_json::{Value, json};

fn evolution() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("evolution")
}

/// The step folders, oldest first.
fn steps() -> Vec<String> {
    let mut steps: Vec<String> = std::fs::read_dir(evolution())
        .expect("tests/evolution")
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.as_bytes().first().is_some_and(u8::is_ascii_digit))
        .collect();
    steps.sort();
    steps
}

fn source(step: &str, file: &str) -> Source {
    Source::file(
        evolution().join(step).join(file),
        format!("evolution/{step}/{file}"),
    )
}

fn raw(step: &str, file: &str) -> Value {
    let text = std::fs::read_to_string(evolution().join(step).join(file)).expect("readable");
    serde_json::from_str(&text).expect("JSON")
}

fn witnessed(old: &Source, new: &Source) -> Report {
    let options = Options {
        witnesses: true,
        ..Options::default()
    };
    diff::diff_sources_with(old, new, &options).unwrap_or_else(|err| panic!("{err}"))
}

/// Whether the `jsonschema` crate accepts `document` under `schema`.
fn oracle(schema: &Value, document: &Value) -> bool {
    jsonschema::options()
        .should_validate_formats(true)
        .build(schema)
        .unwrap_or_else(|err| panic!("the oracle compiles the schema: {err}"))
        .is_valid(document)
}

#[test]
fn most_breaking_verdicts_of_the_history_have_a_verified_counterexample() {
    let steps = steps();
    assert!(steps.len() >= 15, "{steps:?}");
    let (mut breaking, mut proven) = (0usize, 0usize);
    let mut missing = Vec::new();
    // Every pair of versions, not only consecutive ones (what a transitive mode compares).
    let pairs: Vec<[String; 2]> = steps
        .iter()
        .enumerate()
        .flat_map(|(index, old)| {
            steps[index + 1..]
                .iter()
                .map(move |new| [old.clone(), new.clone()])
        })
        .collect();
    for pair in &pairs {
        for file in ["partner-events.schema.json", "des-events.schema.json"] {
            let report = witnessed(&source(&pair[0], file), &source(&pair[1], file));
            assert!(report.searched);
            let (old_raw, new_raw) = (raw(&pair[0], file), raw(&pair[1], file));
            for change in &report.changes {
                for (direction, verdict) in [
                    (Direction::Receivers, change.receivers),
                    (Direction::Senders, change.senders),
                ] {
                    if verdict != Compat::Breaking {
                        continue;
                    }
                    breaking += 1;
                    let Some(witness) = change
                        .witnesses
                        .iter()
                        .find(|witness| witness.direction == direction)
                    else {
                        missing.push(format!(
                            "{} -> {} {file}: {} {:?} {} ({})",
                            pair[0],
                            pair[1],
                            change.kind,
                            change.event,
                            change.path,
                            direction.as_str()
                        ));
                        continue;
                    };
                    proven += 1;
                    // The independent validator agrees on both sides.
                    let (writer, reader) = match direction {
                        Direction::Receivers => (&old_raw, &new_raw),
                        Direction::Senders => (&new_raw, &old_raw),
                    };
                    assert!(
                        oracle(writer, &witness.document) && !oracle(reader, &witness.document),
                        "{} -> {} {file}: {} at {}: the oracle disagrees on {}",
                        pair[0],
                        pair[1],
                        change.kind,
                        change.path,
                        witness.document
                    );
                }
            }
        }
    }
    let share = proven as f64 / breaking as f64;
    println!(
        "counterexamples: {proven} of {breaking} breaking verdicts ({:.1}%); without one:\n{}",
        share * 100.0,
        missing.join("\n")
    );
    assert!(breaking > 200, "{breaking}");
    assert!(
        share >= 0.95,
        "{proven} of {breaking} breaking verdicts have a counterexample; missing:\n{}",
        missing.join("\n")
    );
}

/// A one-event schema whose message has `properties` (closed).
fn version(properties: Value) -> String {
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Events",
        "oneOf": [{
            "type": "object",
            "properties": {
                "event": {"const": "ping"},
                "message": {
                    "type": "object",
                    "properties": properties,
                    "additionalProperties": false
                }
            },
            "required": ["event", "message"],
            "additionalProperties": false,
            "examples": [{"event": "ping", "message": {}}]
        }]
    })
    .to_string()
}

/// v1 has `note: string`, v2 drops it, v3 adds `note: integer`.
fn history() -> Vec<Source> {
    vec![
        Source::text("v1.json", version(json!({"note": {"type": "string"}}))),
        Source::text("v2.json", version(json!({}))),
        Source::text("v3.json", version(json!({"note": {"type": "integer"}}))),
    ]
}

fn run(mode: &str, receiver: Receiver, versions: &[Source]) -> Outcome {
    let mode = Mode::parse(mode).expect("a mode");
    let options = Options {
        receiver,
        witnesses: true,
        ..Options::default()
    };
    let reports = mode
        .pairs(versions.len())
        .into_iter()
        .map(|(older, newer)| {
            diff::diff_sources_with(&versions[older], &versions[newer], &options)
                .unwrap_or_else(|err| panic!("{err}"))
        })
        .collect();
    Outcome::new(mode, reports, Vec::new())
}

#[test]
fn transitive_backward_catches_a_field_re_added_with_another_type() {
    let versions = history();
    // Each step is backward compatible for a tolerant receiver: v2 drops the key v1
    // documents may carry, and v2's documents cannot carry `note` at all.
    let steps = run("backward", Receiver::Tolerant, &versions);
    assert_eq!(steps.reports.len(), 2);
    assert!(steps.passes(), "{:#?}", steps.reports);
    // v1's `{"note": "x"}` is not a v3 document: the transitive mode sees it.
    let transitive = run("backward-transitive", Receiver::Tolerant, &versions);
    let pairs: Vec<(&str, &str)> = transitive
        .reports
        .iter()
        .map(|report| (report.old.as_str(), report.new.as_str()))
        .collect();
    assert_eq!(pairs, [("v1.json", "v3.json"), ("v2.json", "v3.json")]);
    assert!(!transitive.passes());
    let first = &transitive.reports[0];
    assert!(transitive.report_fails(first) && !transitive.report_fails(&transitive.reports[1]));
    assert_eq!(first.changes.len(), 1, "{first}");
    assert_eq!(first.changes[0].kind, Kind::TypeChanged);
    assert_eq!(first.changes[0].receivers, Compat::Breaking);
    // A strict receiver already fails the first step (v2 rejects v1's `note`).
    let strict = run("backward", Receiver::Strict, &versions);
    assert!(strict.report_fails(&strict.reports[0]));
    // With strict receivers the type change has a verified counterexample.
    let strict_transitive = run("backward-transitive", Receiver::Strict, &versions);
    let change = &strict_transitive.reports[0].changes[0];
    assert_eq!(change.kind, Kind::TypeChanged);
    let witness = change
        .witnesses
        .iter()
        .find(|witness| witness.direction == Direction::Receivers)
        .expect("a counterexample");
    assert!(witness.document["message"]["note"].is_string());
    // Under the tolerant receiver too, checked against NEW's tolerant view.
    let change = &transitive.reports[0].changes[0];
    let witness = change
        .witnesses
        .iter()
        .find(|witness| witness.direction == Direction::Receivers)
        .expect("a counterexample for the tolerant receiver");
    assert!(witness.document["message"]["note"].is_string());
}

#[test]
fn a_field_added_into_a_closed_object_breaks_only_a_strict_receiver() {
    let versions = history();
    let added = |receiver| {
        let options = Options {
            receiver,
            ..Options::default()
        };
        diff::diff_sources_with(&versions[1], &versions[2], &options)
            .unwrap_or_else(|err| panic!("{err}"))
    };
    let strict = added(Receiver::Strict);
    let tolerant = added(Receiver::Tolerant);
    assert_eq!(strict.changes[0].kind, Kind::OptionalFieldAdded);
    assert_eq!(strict.summary.senders, Compat::Breaking);
    assert_eq!(tolerant.summary.senders, Compat::Compatible);
    assert_eq!(tolerant.receiver, Receiver::Tolerant);
}

#[test]
fn modes_gate_their_own_direction_on_a_real_step() {
    // 13 -> 14 adds optional fields to a closed message: senders break, receivers do not.
    let old = source(
        "13-token-expiry-and-share-fields-dropped",
        "des-events.schema.json",
    );
    let new = source("14-transfer-consent-urls", "des-events.schema.json");
    let report = diff::diff_sources(&old, &new).unwrap_or_else(|err| panic!("{err}"));
    let outcome = |mode: &str| {
        Outcome::new(
            Mode::parse(mode).expect("mode"),
            vec![report.clone()],
            Vec::new(),
        )
    };
    assert!(outcome("backward").passes());
    assert!(!outcome("forward").passes());
    assert!(!outcome("full").passes());
    assert!(!Outcome::new(Mode::default(), vec![report.clone()], Vec::new()).passes());
}

#[test]
fn ignore_rules_match_by_id_and_pointer_and_report_the_unused() {
    let old = source(
        "13-token-expiry-and-share-fields-dropped",
        "des-events.schema.json",
    );
    let new = source("14-transfer-consent-urls", "des-events.schema.json");
    let report = diff::diff_sources(&old, &new).unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(report.changes.len(), 2);
    let success = report.changes[0]
        .site
        .new
        .clone()
        .expect("a pointer in NEW");
    assert!(success.ends_with("/successUrl"), "{success}");
    let rules = vec![
        ignore::parse(&format!("optional-field-added@{success}"), "--ignore").expect("rule"),
        ignore::parse("event-removed", "--ignore").expect("rule"),
    ];
    let outcome = Outcome::new(Mode::parse("forward").expect("mode"), vec![report], rules);
    let kept = &outcome.reports[0];
    assert_eq!(kept.changes.len(), 1);
    assert_eq!(kept.changes[0].path, "message.cancelUrl");
    assert_eq!(kept.ignored.len(), 1);
    assert_eq!(outcome.unused, [1]);
    assert!(!outcome.passes());
}

#[test]
fn every_rule_id_is_kebab_case_unique_and_documented() {
    let doc = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/diff-rules.md"),
    )
    .expect("docs/diff-rules.md");
    let mut seen = std::collections::HashSet::new();
    for kind in Kind::ALL {
        let id = kind.id();
        assert!(
            id.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
            "{id}"
        );
        assert!(seen.insert(id.clone()), "{id} twice");
        assert_eq!(Kind::from_id(&id), Some(kind));
        assert!(
            doc.contains(&format!("| `{id}` |")),
            "docs/diff-rules.md has no row for `{id}`"
        );
    }
}
