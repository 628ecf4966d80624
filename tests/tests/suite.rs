//! The differential suite: schemas of our own, each with valid and invalid documents.
//!
//! - `differential/accepted/NNN-name.json`: an event-union schema the engine supports,
//!   compiled here through `include_schema!` (see `build.rs`). Every line of
//!   `NNN-name.jsonl` is judged three times: by us (`from_json`), by the `jsonschema`
//!   crate with the schema file (draft 2020-12, format assertion on), and by the same
//!   validator with the schema `schemars` derives from the generated enum. All three must
//!   agree on every document.
//! - `differential/rejected/NNN-name.json`: a schema using something the engine does not
//!   support yet. The engine must reject it with located diagnostics (file:line:col and a
//!   JSON pointer). Its documents are checked by the oracle only, so that the day the
//!   engine supports the feature, the files move to `accepted/` as they are; this test
//!   fails with "NNN is now accepted: move it to accepted/" until they do.
//!
//! Every schema needs at least 3 documents the oracle accepts and 5 it rejects. Where the
//! oracle departs from the specification, the document is listed in `ORACLE_DEVIATIONS`
//! with the verdict the specification gives, instead of in a `.jsonl`.
//! `DES_SUITE_VERBOSE=1 cargo test -p des-events-tests --test suite -- --nocapture`
//! prints every verdict.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

use des_events_codegen::{Request, Source, generate};
use serde_json::Value;

#[path = "../differential/oracle.rs"]
mod oracle;

use oracle::Verdict;

/// One accepted schema, as `build.rs` lists it.
pub struct SuiteCase {
    /// `NNN-short-name`.
    pub name: &'static str,
    /// The schema file, relative to the `tests/` package.
    pub schema: &'static str,
    /// Its documents (JSON Lines).
    pub documents: &'static str,
    /// Our verdict: the generated enum's `from_json`.
    pub ours: fn(&str) -> Result<(), String>,
    /// Our verdict with its typed error (keyword and path).
    pub typed: fn(&str) -> Result<(), des_events::Error>,
    /// The schema `schemars` derives from the generated enum.
    pub derived: fn() -> Value,
}

#[allow(dead_code)]
mod generated {
    use super::SuiteCase;
    include!(concat!(env!("OUT_DIR"), "/suite.rs"));
}

use generated::SUITE;

const MIN_SCHEMAS: usize = 150;
const MIN_ACCEPTED: usize = 100;
const MIN_VALID_PER_SCHEMA: usize = 3;
const MIN_INVALID_PER_SCHEMA: usize = 5;

fn package() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn verbose() -> bool {
    std::env::var_os("DES_SUITE_VERBOSE").is_some()
}

/// The non-empty lines of a JSON Lines file.
fn documents(relative: &str) -> Vec<String> {
    let path = package().join(relative);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()));
    text.lines()
        .filter(|line| !line.trim().is_empty())
        .map(str::to_owned)
        .collect()
}

/// The schemas of `differential/<kind>/`, as (stem, path relative to the package).
fn schema_files(kind: &str) -> Vec<(String, String)> {
    let folder = package().join("differential").join(kind);
    let mut out: Vec<(String, String)> = std::fs::read_dir(&folder)
        .unwrap_or_else(|err| panic!("cannot read {}: {err}", folder.display()))
        .filter_map(|entry| {
            let name = entry.ok()?.file_name().into_string().ok()?;
            let stem = name.strip_suffix(".json")?;
            (!stem.ends_with(".part"))
                .then(|| (stem.to_owned(), format!("differential/{kind}/{name}")))
        })
        .collect();
    out.sort();
    out
}

fn number(stem: &str) -> &str {
    stem.split('-').next().unwrap_or(stem)
}

fn shorten(text: &str) -> String {
    const MAX: usize = 300;
    if text.chars().count() <= MAX {
        text.to_owned()
    } else {
        let head: String = text.chars().take(MAX).collect();
        format!("{head}… ({} bytes)", text.len())
    }
}

fn read_json(relative: &str) -> Value {
    let path = package().join(relative);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|err| panic!("{relative} is not JSON: {err}"))
}

/// Checks the oracle's mix of valid and invalid documents for one schema.
fn mix_problem(name: &str, valid: usize, total: usize) -> Option<String> {
    let invalid = total - valid;
    (valid < MIN_VALID_PER_SCHEMA || invalid < MIN_INVALID_PER_SCHEMA).then(|| {
        format!(
            "{name}: the oracle finds {valid} valid and {invalid} invalid documents; \
             each schema needs at least {MIN_VALID_PER_SCHEMA} valid and {MIN_INVALID_PER_SCHEMA} invalid"
        )
    })
}

#[test]
fn the_oracle_reads_documents_as_documented() {
    oracle::self_check();
}

#[test]
fn the_suite_is_large_and_well_formed() {
    let accepted = schema_files("accepted");
    let rejected = schema_files("rejected");
    let mut numbers = BTreeSet::new();
    for (stem, path) in accepted.iter().chain(&rejected) {
        assert!(
            numbers.insert(number(stem).to_owned()),
            "{path}: the number {} is used twice across accepted/ and rejected/",
            number(stem)
        );
        let documents = path.replace(".json", ".jsonl");
        assert!(
            package().join(&documents).is_file(),
            "{path} has no documents: add {documents}"
        );
    }
    assert_eq!(
        accepted.len(),
        SUITE.len(),
        "build.rs did not see every accepted schema; run `cargo clean -p des-events-tests`"
    );
    eprintln!(
        "differential suite: {} schemas ({} accepted, {} rejected)",
        accepted.len() + rejected.len(),
        accepted.len(),
        rejected.len()
    );
    assert!(
        accepted.len() + rejected.len() >= MIN_SCHEMAS,
        "only {} schemas; the suite needs at least {MIN_SCHEMAS}",
        accepted.len() + rejected.len()
    );
    assert!(
        accepted.len() >= MIN_ACCEPTED,
        "only {} accepted schemas; the suite needs at least {MIN_ACCEPTED}",
        accepted.len()
    );
}

#[derive(Default)]
struct Tally {
    documents: usize,
    ours_valid: usize,
    oracle_valid: usize,
    unparsed: usize,
    oracle_agree: usize,
    derived_agree: usize,
    /// Documents the oracle accepts and we reject because the Rust integer type cannot
    /// hold the value (the one documented deviation).
    out_of_range: usize,
    /// Documents not compared with the schemars-derived schema (see `derived_is_exact`).
    derived_skipped: usize,
}

/// The one documented deviation from the validator: an integer the schema allows but the
/// Rust type chosen for it cannot hold (`i64` when unbounded, `u64` from 0, `i32` for
/// `format: int32`...). `ours` says so with this text.
const OUT_OF_RANGE: &str = "is outside the range of";

/// Whether the schema `schemars` derives from the generated types describes the same
/// documents: not when a validated JSON value's schema holds references (its schemars
/// description is then a comment only; the value is checked by the embedded validator),
/// nor when a struct's keywords that the validator checks next to its fields (`not`,
/// `if`, `dependentRequired`...) hold references, or are `unevaluatedProperties` (schemars
/// does not state those), nor when a checked scalar or array (`not`, `contains`...) holds
/// references (it is described by its wrapped type only).
fn derived_is_exact(schema_file: &str) -> bool {
    let path = package().join(schema_file);
    let request = Request::new(Source::file(&path, schema_file)).check_only();
    match generate(&request) {
        Ok(generated) => !generated.into_schema().types.iter().any(|def| {
            matches!(def, des_events_codegen::ir::TypeDef::Json(json) if json.schema.is_none())
                || matches!(def, des_events_codegen::ir::TypeDef::Struct(def)
                if !def.checks_describable())
                || matches!(def, des_events_codegen::ir::TypeDef::Newtype(def)
                if !def.checks_describable())
        }),
        Err(_) => false,
    }
}

#[test]
fn accepted_schemas_agree_with_the_oracles() {
    let started = Instant::now();
    let verbose = verbose();
    let mut tally = Tally::default();
    let mut disagreements = Vec::new();
    let mut mix = Vec::new();
    for case in SUITE {
        let schema = read_json(case.schema);
        let folder = package().join(case.schema).parent().map(Path::to_path_buf);
        let by_file = oracle::validator(&schema, folder)
            .unwrap_or_else(|err| panic!("{}: the oracle cannot compile it: {err}", case.schema));
        let derived_schema = (case.derived)();
        let by_derived = oracle::validator(&derived_schema, None).unwrap_or_else(|err| {
            panic!(
                "{}: the oracle cannot compile the schemars-derived schema: {err}",
                case.name
            )
        });
        let docs = documents(case.documents);
        let derived_exact = derived_is_exact(case.schema);
        let mut valid_here = 0;
        for (index, text) in docs.iter().enumerate() {
            let origin = format!("{}:{}", case.documents, index + 1);
            let ours = (case.ours)(text);
            let file_verdict = oracle::judge(&by_file, text);
            let derived_verdict = oracle::judge(&by_derived, text);
            if verbose {
                eprintln!(
                    "{origin}: ours {}, schema file {}, derived {}",
                    if ours.is_ok() { "valid" } else { "invalid" },
                    file_verdict,
                    derived_verdict
                );
            }
            tally.documents += 1;
            tally.ours_valid += usize::from(ours.is_ok());
            tally.oracle_valid += usize::from(file_verdict.is_valid());
            tally.unparsed += usize::from(matches!(file_verdict, Verdict::Unparsed(_)));
            valid_here += usize::from(file_verdict.is_valid());
            let ours_shown = match &ours {
                Ok(()) => "valid".to_owned(),
                Err(err) => format!("invalid ({err})"),
            };
            if file_verdict.is_valid() == ours.is_ok() {
                tally.oracle_agree += 1;
            } else if file_verdict.is_valid()
                && ours.as_ref().is_err_and(|err| err.contains(OUT_OF_RANGE))
            {
                tally.out_of_range += 1;
                eprintln!("documented deviation (integer out of the Rust type's range): {origin}");
                continue;
            } else {
                disagreements.push(format!(
                    "{origin}\n    document: {}\n    jsonschema (schema file): {file_verdict}\n    ours: {ours_shown}",
                    shorten(text)
                ));
            }
            if !derived_exact {
                tally.derived_skipped += 1;
            } else if derived_verdict.is_valid() == ours.is_ok() {
                tally.derived_agree += 1;
            } else {
                disagreements.push(format!(
                    "{origin}\n    document: {}\n    jsonschema (schemars-derived schema): {derived_verdict}\n    ours: {ours_shown}",
                    shorten(text)
                ));
            }
        }
        mix.extend(mix_problem(case.name, valid_here, docs.len()));
    }
    eprintln!(
        "accepted: {} schemas, {} documents; oracle: {} valid / {} invalid ({} not parsed); \
         ours: {} valid / {} invalid; agreements: schema file {}/{}, schemars-derived {}/{} \
         ({} not compared: validated values with references, checked keywords schemars cannot state); documented deviations \
         (integers beyond the Rust type): {} ({:.1?})",
        SUITE.len(),
        tally.documents,
        tally.oracle_valid,
        tally.documents - tally.oracle_valid,
        tally.unparsed,
        tally.ours_valid,
        tally.documents - tally.ours_valid,
        tally.oracle_agree,
        tally.documents,
        tally.derived_agree,
        tally.documents - tally.derived_skipped - tally.out_of_range,
        tally.derived_skipped,
        tally.out_of_range,
        started.elapsed(),
    );
    assert!(
        disagreements.is_empty() && mix.is_empty(),
        "{} disagreement(s):\n\n{}\n\n{}",
        disagreements.len(),
        disagreements.join("\n\n"),
        mix.join("\n")
    );
}

/// A document on which the oracle departs from the specification: kept out of the
/// `.jsonl` files, and checked here against the verdict the specification gives.
struct Deviation {
    schema: &'static str,
    document: &'static str,
    valid: bool,
    why: &'static str,
}

const ORACLE_DEVIATIONS: &[Deviation] = &[Deviation {
    schema: "125-pattern-word-boundary",
    document: r#"{"event":"found","message":{"text":"écat"}}"#,
    valid: true,
    why: "ECMA-262 `\\b` is a boundary between `\\w` ([A-Za-z0-9_]) and non-`\\w`, so `é|cat` is one; \
          jsonschema translates `\\b` to the Unicode-aware `\\b` of Rust's regex crate, where `é` is a word character",
}];

#[test]
fn where_the_oracle_departs_from_the_spec_we_follow_the_spec() {
    for deviation in ORACLE_DEVIATIONS {
        let case = SUITE
            .iter()
            .find(|case| case.name == deviation.schema)
            .unwrap_or_else(|| panic!("no accepted schema {}", deviation.schema));
        let ours = (case.ours)(deviation.document);
        assert_eq!(
            ours.is_ok(),
            deviation.valid,
            "{}: {}\n    ours: {ours:?}\n    expected valid = {} ({})",
            deviation.schema,
            deviation.document,
            deviation.valid,
            deviation.why
        );
        let schema = read_json(case.schema);
        let by_file = oracle::validator(&schema, None).expect("the oracle compiles it");
        assert_ne!(
            oracle::judge(&by_file, deviation.document).is_valid(),
            deviation.valid,
            "{}: the oracle now agrees on {}: move the document into {}",
            deviation.schema,
            deviation.document,
            case.documents
        );
    }
}

#[test]
fn rejected_schemas_are_rejected_with_located_diagnostics() {
    let mut now_accepted = Vec::new();
    let mut unlocated = Vec::new();
    let rejected = schema_files("rejected");
    let mut diagnostics = 0;
    for (stem, path) in &rejected {
        let full: PathBuf = package().join(path);
        let request = Request::new(Source::file(&full, path.as_str())).check_only();
        match generate(&request) {
            Ok(_) => now_accepted.push(format!(
                "{} is now accepted: move it to accepted/ ({path} and its .jsonl{})",
                number(stem),
                if path.contains("file-ref") || path.contains("ref-url") {
                    ", with its .part.json"
                } else {
                    ""
                }
            )),
            Err(errors) => {
                diagnostics += errors.0.len();
                if verbose() {
                    eprintln!("{errors}\n");
                }
                let located: Vec<_> = errors
                    .iter()
                    .filter(|diagnostic| diagnostic.pos.is_some() && diagnostic.pointer.is_some())
                    .collect();
                match located.first() {
                    Some(first) => eprintln!("{stem}: {}", first.to_string().replace('\n', " ")),
                    None => unlocated.push(format!(
                        "{path}: no diagnostic has both a position and a JSON pointer:\n{errors}"
                    )),
                }
            }
        }
    }
    eprintln!(
        "rejected: {} schemas, {diagnostics} diagnostics, {} now accepted",
        rejected.len(),
        now_accepted.len()
    );
    assert!(now_accepted.is_empty(), "{}", now_accepted.join("\n"));
    assert!(unlocated.is_empty(), "{}", unlocated.join("\n\n"));
}

/// The documents of the rejected schemas are ready for the day they move: the oracle
/// compiles each schema and finds enough valid and invalid documents.
#[test]
fn rejected_schemas_have_documents_ready() {
    let mut problems = Vec::new();
    let mut total = 0;
    let mut valid = 0;
    for (stem, path) in schema_files("rejected") {
        let schema = read_json(&path);
        let folder = package().join(&path).parent().map(Path::to_path_buf);
        let validator = match oracle::validator(&schema, folder) {
            Ok(validator) => validator,
            Err(err) => {
                problems.push(format!("{path}: the oracle cannot compile it: {err}"));
                continue;
            }
        };
        let docs = documents(&path.replace(".json", ".jsonl"));
        let valid_here = docs
            .iter()
            .filter(|text| oracle::judge(&validator, text).is_valid())
            .count();
        total += docs.len();
        valid += valid_here;
        problems.extend(mix_problem(&stem, valid_here, docs.len()));
    }
    eprintln!(
        "rejected: {total} documents ready ({valid} valid / {} invalid by the oracle)",
        total - valid
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// How the typed path and the validator alone judged one document.
#[derive(Default)]
struct Equivalence {
    /// Documents judged by both.
    documents: usize,
    /// Rejected by both, with the same keyword at the same path.
    same_error: usize,
    /// Rejected by both, where the typed error names no keyword (an unknown field, a
    /// duplicated key, a value the Rust type cannot hold).
    no_keyword: usize,
    /// Documents the validator could not be built for (schemas that reference other
    /// files, which the validator alone does not fetch here).
    skipped_schemas: Vec<&'static str>,
    /// Different verdicts.
    verdicts: Vec<String>,
    /// Both reject, naming a different keyword or path.
    errors: Vec<String>,
    /// Both reject on the same keyword of `SHARED_KEYWORDS`, in different words.
    texts: Vec<String>,
}

/// Cases whose errors may differ in words, each with the reason.
const WORDS_DIFFER: &[(&str, &str)] = &[(
    "259-enum-type-mismatch",
    "the engine leaves out the `enum` value \"a\", which can never match the declared \
     `type` (a warning), so the typed error lists one value fewer than the validator's",
)];

/// The keywords whose verdict and text come from `des_events_core::assertion` on both
/// paths: where both paths name one of these, they must name the same one, at the same
/// path, in the same words.
const SHARED_KEYWORDS: &[&str] = &[
    "multipleOf",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "minLength",
    "maxLength",
    "pattern",
    "format",
    "minItems",
    "maxItems",
    "uniqueItems",
    "minProperties",
    "maxProperties",
    "enum",
    "const",
];

/// Issue 21's equivalence: every document of the suite goes through the typed path
/// (`from_json`) and through `des_events_core`'s validator alone. The verdicts must be
/// identical; where both reject, the keyword and the JSON pointer must be too.
///
/// A document with a duplicated key is out (the validator reads a `serde_json::Value`,
/// which keeps one of the two), and so is an integer the Rust type cannot hold (the one
/// documented deviation, see `OUT_OF_RANGE`).
#[test]
fn the_typed_path_and_the_validator_give_the_same_errors() {
    use des_events_core::validate::{Options, Validator};
    let mut seen = Equivalence::default();
    for case in SUITE {
        let schema = read_json(case.schema);
        let uri = format!("file:///suite/{}.json", case.name);
        let compile = |entry: &str| {
            Validator::new(
                &format!("{uri}#{entry}"),
                vec![(uri.clone(), schema.clone())],
                &Options::default(),
            )
        };
        let Ok(whole) = compile("") else {
            seen.skipped_schemas.push(case.name);
            continue;
        };
        // The validator judges the branch of the document's event, as the typed path
        // does (against the whole union its first error would be the union's `oneOf`).
        let branches: Vec<(String, Validator)> = event_branches(&schema)
            .into_iter()
            .filter_map(|(event, pointer)| Some((event, compile(&pointer).ok()?)))
            .collect();
        for (index, text) in documents(case.documents).iter().enumerate() {
            let origin = format!("{}:{}", case.documents, index + 1);
            let Ok(value) = oracle::parse(text) else {
                continue;
            };
            let validator = value
                .get("event")
                .and_then(Value::as_str)
                .and_then(|event| branches.iter().find(|(name, _)| name == event))
                .map_or(&whole, |(_, validator)| validator);
            let typed = (case.typed)(text);
            if matches!(&typed, Err(err) if err.to_string().contains(OUT_OF_RANGE)) {
                continue;
            }
            seen.documents += 1;
            let validated = validator.validate(&value);
            match (&typed, &validated) {
                (Ok(()), Ok(())) => {}
                (Err(des_events::Error::Invalid(invalid)), Err(violation)) => {
                    // A missing field's path ends with the field (documented on
                    // `Problem::MissingField`); the validator's is the object.
                    let typed_pointer = match &invalid.problem {
                        des_events::Problem::MissingField { .. } => {
                            let pointer = invalid.path.pointer();
                            pointer
                                .rfind('/')
                                .map_or(pointer.clone(), |cut| pointer[..cut].to_owned())
                        }
                        _ => invalid.path.pointer(),
                    };
                    match invalid.problem.keyword() {
                        None => seen.no_keyword += 1,
                        Some(keyword)
                            if keyword == violation.keyword
                                && typed_pointer == violation.path.pointer() =>
                        {
                            seen.same_error += 1;
                            // One constructor, one text (`des_events_core::assertion`).
                            if let des_events::Problem::Constraint { expected, .. } =
                                &invalid.problem
                                && SHARED_KEYWORDS.contains(&keyword)
                                && !WORDS_DIFFER.iter().any(|(name, _)| *name == case.name)
                                && *expected != format!("to {}", violation.requirement)
                            {
                                seen.texts.push(format!(
                                    "{origin}: `{keyword}`: typed \"expected {expected}\", validator \"{}\"",
                                    violation.message
                                ));
                            }
                        }
                        Some(keyword) => seen.errors.push(format!(
                            "{origin}: typed `{keyword}` at {:?}, validator `{}` at {:?} ({})",
                            invalid.path.pointer(),
                            violation.keyword,
                            violation.path.pointer(),
                            violation.message
                        )),
                    }
                }
                (Err(_), Err(_)) => seen.no_keyword += 1,
                _ => seen.verdicts.push(format!(
                    "{origin}: typed {}, validator {}",
                    match &typed {
                        Ok(()) => "valid".to_owned(),
                        Err(err) => format!("invalid ({err})"),
                    },
                    match &validated {
                        Ok(()) => "valid".to_owned(),
                        Err(violation) => format!("invalid ({violation})"),
                    }
                )),
            }
        }
    }
    eprintln!(
        "equivalence: {} documents, {} rejected by both with the same keyword and path, \
         {} rejected with no keyword to compare; {} verdicts and {} errors differ; {} schemas skipped",
        seen.documents,
        seen.same_error,
        seen.no_keyword,
        seen.verdicts.len(),
        seen.errors.len(),
        seen.skipped_schemas.len()
    );
    for line in seen.verdicts.iter().chain(&seen.errors).chain(&seen.texts) {
        eprintln!("  {line}");
    }
    assert!(
        seen.verdicts.is_empty(),
        "{} documents get different verdicts",
        seen.verdicts.len()
    );
    // Both name a shared keyword: it must be the same one, at the same place. (Other
    // differences are in the list above: mostly a union, which reports its own keyword
    // where the validator names the first failure inside a branch, or the reverse; and a
    // JSON-value `enum` next to a `type`, which reports `enum` for a value of another
    // type.)
    let shared = |keyword: &str| SHARED_KEYWORDS.contains(&keyword);
    let shared_differences: Vec<&String> = seen
        .errors
        .iter()
        .filter(|line| {
            let keywords: Vec<&str> = line.split('`').skip(1).step_by(2).take(2).collect();
            keywords.len() == 2 && keywords.iter().all(|keyword| shared(keyword))
        })
        .collect();
    assert!(
        shared_differences.is_empty(),
        "the shared keywords differ: {shared_differences:#?}"
    );
    assert!(seen.texts.is_empty(), "different words: {:#?}", seen.texts);
    assert!(
        seen.same_error * 10 >= (seen.same_error + seen.errors.len()) * 9,
        "fewer than 90% of the errors agree on keyword and path"
    );
}

/// The branches of an event union: the event name of each (its `event` property's
/// `const`, or one-value `enum`) and the JSON pointer of the branch (a local `$ref`
/// followed once).
fn event_branches(schema: &Value) -> Vec<(String, String)> {
    let Some((keyword, branches)) = ["oneOf", "anyOf"]
        .iter()
        .find_map(|keyword| Some((*keyword, schema.get(*keyword)?.as_array()?)))
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (index, branch) in branches.iter().enumerate() {
        let mut pointer = format!("/{keyword}/{index}");
        let mut target = branch;
        if let Some(reference) = branch.get("$ref").and_then(Value::as_str)
            && let Some(local) = reference.strip_prefix('#')
            && let Some(found) = schema.pointer(local)
        {
            pointer = local.to_owned();
            target = found;
        }
        let event = target.pointer("/properties/event");
        let name = event
            .and_then(|event| event.get("const"))
            .or_else(|| {
                event
                    .and_then(|event| event.get("enum"))
                    .and_then(Value::as_array)
                    .filter(|values| values.len() == 1)
                    .and_then(|values| values.first())
            })
            .and_then(Value::as_str);
        if let Some(name) = name {
            out.push((name.to_owned(), pointer));
        }
    }
    out
}
