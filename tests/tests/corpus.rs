//! The real-world corpus: published JSON Schemas of public projects
//! (`corpus/real-world/`, see its `README.md` and `SOURCES.md`), each with documents.
//!
//! `build.rs` (see `build/corpus.rs`) runs the engine on every schema and compiles each
//! one it accepts with `include_schema!`. Here every document of a schema with a root
//! type is judged twice: by the generated root type's `from_json` and by the oracle, the
//! `jsonschema` crate with formats asserted and the draft the schema's `$schema` names
//! (2020-12 without one, as the engine reads it). The verdicts must agree.
//!
//! The test prints a table (file | generates | documents agreeing | typed fields) and the
//! totals, and fails on:
//! - any disagreement (or a panic) on a document;
//! - a schema the engine refuses that is not in [`EXPECTED_REFUSED`] (it generated
//!   before), and a schema in [`EXPECTED_REFUSED`] that now generates (take it off the
//!   list), so that the list stays exact as the engine improves.
//!
//! Documents of refused schemas, and of documents of definitions only (no root type),
//! are skipped and counted.
//! `cargo test -p des-events-tests --test corpus -- --nocapture`

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use serde_json::Value;

#[path = "../differential/oracle.rs"]
mod oracle;

/// A generated root type's verdict on a document: `from_json`, its error as text.
type Judge = fn(&str) -> Result<(), String>;

/// One schema of the corpus, as `build/corpus.rs` lists it.
pub struct CorpusCase {
    /// `NNN-short-name`.
    pub name: &'static str,
    /// The schema file, relative to the `tests/` package.
    pub schema: &'static str,
    /// Its documents (JSON Lines).
    pub documents: &'static str,
    /// The engine accepted the schema.
    pub generated: bool,
    /// The engine's first diagnostic when it refused the schema.
    pub error: Option<&'static str>,
    /// The Rust type a whole document is read as; `None` for definitions only.
    pub root: Option<&'static str>,
    /// Fields of the generated structs whose type is a Rust type (not a JSON value).
    pub typed_fields: usize,
    /// Every field of the generated structs.
    pub fields: usize,
    /// Generated, but rustc rejects the code (`build/corpus.rs`'s `DOES_NOT_COMPILE`).
    pub does_not_compile: Option<&'static str>,
    /// Our verdict: the root type's `from_json`.
    pub ours: Option<Judge>,
    /// The same, from the schema's code written as a file (`builder = true`,
    /// `map_type = "HashMap"`), as the build-script mode writes it.
    pub file: Option<Judge>,
}

/// The corpus as generated files: only `dead_code` is allowed (a module's types are not
/// all used), so CI's clippy holds the files to `-D warnings`.
#[allow(dead_code)]
mod files {
    include!(concat!(env!("OUT_DIR"), "/corpus_files.rs"));
}

// Real-world schemas hold annotations the engine warns about (deprecated fields...).
#[allow(dead_code, deprecated, clippy::all)]
mod generated {
    use super::{CorpusCase, Judge};
    include!(concat!(env!("OUT_DIR"), "/corpus.rs"));
}

use generated::CORPUS;

/// The schemas the engine refuses today, each with (in a comment) its first error.
/// A refused schema missing from this list, or a listed schema that generates, fails
/// the test.
const EXPECTED_REFUSED: &[&str] = &[
    // `"pattern": "\\A[^\\n]*\\Z"`: Python's anchors, which ECMA-262 does not have
    // (outside Unicode mode `\A` is the letter `A`); we do not guess (the oracle
    // refuses the pattern too)
    "034-poetry",
    // cannot resolve `$ref` "https://raw.githubusercontent.com/conventional-changelog/
    // conventional-changelog-config-spec/master/versions/2.2.0/schema.json" (not bundled,
    // and nothing is fetched)
    "057-lerna",
];

/// Schemas the oracle (the `jsonschema` crate) cannot compile although we read them.
const ORACLE_REFUSES: &[&str] = &[
    // `$schema` names the CloudFormation resource-provider metaschema, which is not
    // bundled: we read the file as draft 2020-12 with a warning; the oracle refuses an
    // unknown metaschema.
    "050-cfn-aws-iam-role",
];

const MIN_SCHEMAS: usize = 45;
const DOCUMENTS_PER_SCHEMA: std::ops::RangeInclusive<usize> = 3..=15;

fn package() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
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

/// Serves a `$ref` to another schema of the corpus by its `$id` (or draft-04's `id`);
/// the meta-schemas of the drafts are built into the oracle. Nothing is fetched.
struct CorpusRetriever(PathBuf);

impl jsonschema::Retrieve for CorpusRetriever {
    fn retrieve(
        &self,
        uri: &jsonschema::Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        let wanted = uri.as_str().split('#').next().unwrap_or_default();
        let mut files: Vec<PathBuf> = std::fs::read_dir(&self.0)?
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
            .collect();
        files.sort();
        for path in files {
            let text = std::fs::read_to_string(&path)?;
            let Ok(value) = serde_json::from_str::<Value>(text.trim_start_matches('\u{feff}'))
            else {
                continue;
            };
            let id = value
                .get("$id")
                .or_else(|| value.get("id"))
                .and_then(Value::as_str)
                .unwrap_or_default();
            if !id.is_empty() && id.trim_end_matches('#') == wanted {
                return Ok(value);
            }
        }
        Err(format!("no corpus schema has the id {wanted}").into())
    }
}

/// The oracle for `case`: its draft from `$schema`, formats asserted, references among
/// the corpus' schemas.
fn validator(case: &CorpusCase) -> Result<jsonschema::Validator, String> {
    let path = package().join(case.schema);
    let text = std::fs::read_to_string(&path).map_err(|err| err.to_string())?;
    let schema: Value = serde_json::from_str(text.trim_start_matches('\u{feff}'))
        .map_err(|err| format!("not JSON: {err}"))?;
    let folder = path
        .parent()
        .map_or_else(|| package().to_path_buf(), Path::to_path_buf);
    jsonschema::options()
        .should_validate_formats(true)
        .with_retriever(CorpusRetriever(folder))
        .build(&schema)
        .map_err(|err| err.to_string())
}

/// Per-schema results.
#[derive(Default)]
struct Tally {
    documents: usize,
    agreeing: usize,
    valid: usize,
}

/// `123 / 456 (27.0%)`.
fn share(part: usize, whole: usize) -> String {
    let percent = if whole == 0 {
        0.0
    } else {
        part as f64 * 100.0 / whole as f64
    };
    format!("{part} / {whole} ({percent:.1}%)")
}

#[test]
fn real_world_corpus() {
    oracle::self_check();
    assert!(
        CORPUS.len() >= MIN_SCHEMAS,
        "the corpus holds {} schemas, fewer than {MIN_SCHEMAS}",
        CORPUS.len()
    );
    let mut failures: Vec<String> = Vec::new();
    let mut rows: Vec<(String, String, String, String)> = Vec::new();
    let (mut generating, mut compiled) = (0usize, 0usize);
    let (mut judged, mut agreeing, mut skipped) = (0usize, 0usize, 0usize);
    let (mut typed_total, mut fields_total) = (0usize, 0usize);
    let mut refused: Vec<(&str, &str)> = Vec::new();

    for case in CORPUS {
        let lines = documents(case.documents);
        if !DOCUMENTS_PER_SCHEMA.contains(&lines.len()) {
            failures.push(format!(
                "{}: {} documents, not {DOCUMENTS_PER_SCHEMA:?}",
                case.documents,
                lines.len()
            ));
        }
        let listed = EXPECTED_REFUSED.contains(&case.name);
        let generates = if case.generated {
            generating += 1;
            typed_total += case.typed_fields;
            fields_total += case.fields;
            if listed {
                failures.push(format!(
                    "{} now generates: take it off EXPECTED_REFUSED",
                    case.name
                ));
            }
            match case.root {
                Some(root) => format!("yes ({root})"),
                None => "yes (no root)".to_owned(),
            }
        } else {
            let error = case.error.unwrap_or("refused");
            refused.push((case.name, error));
            if !listed {
                failures.push(format!(
                    "{} generated before and is refused now: {error}",
                    case.name
                ));
            }
            "no".to_owned()
        };

        let mut tally = Tally::default();
        let documents_column = match (case.ours, case.does_not_compile) {
            (_, Some(error)) => {
                skipped += lines.len();
                format!("skipped: does not compile ({error})")
            }
            (None, None) if case.generated => {
                skipped += lines.len();
                format!("skipped: no root ({} documents)", lines.len())
            }
            (None, None) => {
                skipped += lines.len();
                format!("skipped ({} documents)", lines.len())
            }
            (Some(ours), None) => {
                compiled += 1;
                match validator(case) {
                    // The oracle refuses a schema we read (e.g. a Python-style pattern
                    // such as `\A...\Z`, which ECMA-262 reads outside Unicode mode as
                    // escaped letters): no verdict to compare with, so its documents
                    // are skipped, listed, and must stay rare (`ORACLE_REFUSES`).
                    Err(err) if ORACLE_REFUSES.contains(&case.name) => {
                        skipped += lines.len();
                        format!("skipped: the oracle refuses it ({err})")
                    }
                    Err(err) => {
                        failures.push(format!(
                            "{}: the oracle cannot compile the schema: {err}",
                            case.schema
                        ));
                        "oracle failed".to_owned()
                    }
                    Ok(oracle) => {
                        for (index, line) in lines.iter().enumerate() {
                            tally.documents += 1;
                            let expected = oracle::judge(&oracle, line);
                            let where_ = format!("{}:{}", case.documents, index + 1);
                            // The generated file judges as the macro's code does, to the
                            // error text.
                            if let Some(file) = case.file {
                                let from_file = catch_unwind(AssertUnwindSafe(|| file(line)));
                                let from_macro = catch_unwind(AssertUnwindSafe(|| ours(line)));
                                if let (Ok(from_file), Ok(from_macro)) = (&from_file, &from_macro)
                                    && from_file != from_macro
                                {
                                    failures.push(format!(
                                        "FILE {where_}: the generated file says {from_file:?}, the macro {from_macro:?}"
                                    ));
                                }
                            }
                            match catch_unwind(AssertUnwindSafe(|| ours(line))) {
                                Err(_) => failures.push(format!("PANIC {where_}")),
                                Ok(verdict) if verdict.is_ok() == expected.is_valid() => {
                                    tally.agreeing += 1;
                                    tally.valid += usize::from(expected.is_valid());
                                }
                                Ok(Ok(())) => failures
                                    .push(format!("ACCEPTED {where_}: the oracle says {expected}")),
                                Ok(Err(err)) => failures.push(format!(
                                    "REJECTED {where_} (the oracle says valid): {err}"
                                )),
                            }
                        }
                        judged += tally.documents;
                        agreeing += tally.agreeing;
                        format!(
                            "{} / {} ({} valid)",
                            tally.agreeing, tally.documents, tally.valid
                        )
                    }
                }
            }
        };
        let typed_column = if case.generated {
            share(case.typed_fields, case.fields)
        } else {
            String::new()
        };
        rows.push((
            case.name.to_owned(),
            generates,
            documents_column,
            typed_column,
        ));
    }
    for name in EXPECTED_REFUSED {
        if !CORPUS.iter().any(|case| case.name == *name) {
            failures.push(format!(
                "EXPECTED_REFUSED names {name}, which is not in the corpus"
            ));
        }
    }

    println!("Real-world corpus: {} schemas\n", CORPUS.len());
    let header = (
        "file".to_owned(),
        "generates".to_owned(),
        "documents agreeing".to_owned(),
        "typed fields".to_owned(),
    );
    let width = |column: fn(&(String, String, String, String)) -> &String| {
        rows.iter()
            .chain(std::iter::once(&header))
            .map(|row| column(row).chars().count())
            .max()
            .unwrap_or_default()
    };
    let widths = [
        width(|row| &row.0),
        width(|row| &row.1),
        width(|row| &row.2),
        width(|row| &row.3),
    ];
    let print_row = |row: &(String, String, String, String)| {
        println!(
            "| {:<w0$} | {:<w1$} | {:<w2$} | {:<w3$} |",
            row.0,
            row.1,
            row.2,
            row.3,
            w0 = widths[0],
            w1 = widths[1],
            w2 = widths[2],
            w3 = widths[3]
        );
    };
    print_row(&header);
    println!(
        "|{}|{}|{}|{}|",
        "-".repeat(widths[0] + 2),
        "-".repeat(widths[1] + 2),
        "-".repeat(widths[2] + 2),
        "-".repeat(widths[3] + 2)
    );
    for row in &rows {
        print_row(row);
    }
    println!();
    println!(
        "files generating: {}; compiled and judged: {compiled}",
        share(generating, CORPUS.len())
    );
    println!(
        "documents agreeing: {}; skipped (refused, no root or not compiling): {skipped}",
        share(agreeing, judged)
    );
    println!(
        "typed fields in generating files: {}",
        share(typed_total, fields_total)
    );
    println!("\nrefused ({}):", refused.len());
    for (name, error) in &refused {
        println!("  {name}: {error}");
    }
    for (name, error) in generated::DOES_NOT_COMPILE {
        println!("does not compile: {name}: {error}");
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
