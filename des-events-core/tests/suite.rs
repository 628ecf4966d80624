//! The official JSON Schema Test Suite, read from where it is checked out (never copied
//! into the project): `$DES_JSON_SCHEMA_TEST_SUITE`, else `../shared/json-schema-test-suite`
//! next to the workspace. Run with `--nocapture` to see the per-draft and per-file table.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use des_events_core::validate::{Draft, Options, Validator};
use serde_json::Value;

/// The base URI of a test schema that has no `$id` of its own.
const BASE: &str = "urn:des-events:suite";

/// Optional tests that disagree with the suite, in every draft: `(file under the draft's
/// directory, group description ("" for every group of the file), reason)`. Any other
/// disagreement fails the test.
const KNOWN_FAILURES: &[(&str, &str, &str)] = &[
    (
        "optional/content.json",
        "",
        "`contentEncoding`/`contentMediaType` are annotations here (draft 7 lets them assert)",
    ),
    (
        "optional/zeroTerminatedFloats.json",
        "",
        "`1.0` is an integer, as drafts 6 and later say (draft 4 may decide otherwise)",
    ),
];

/// The least number of optional tests that must agree, per draft (measured).
const OPTIONAL_FLOOR: &[(&str, usize)] = &[
    ("draft4", 318),
    ("draft6", 431),
    ("draft7", 790),
    ("draft2019-09", 915),
    ("draft2020-12", 926),
];

fn suite_dir() -> Option<PathBuf> {
    let dir = match std::env::var_os("DES_JSON_SCHEMA_TEST_SUITE") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/json-schema-test-suite"),
    };
    dir.join("tests").is_dir().then_some(dir)
}

fn draft_of(directory: &str) -> Option<Draft> {
    match directory {
        "draft4" => Some(Draft::Draft4),
        "draft6" => Some(Draft::Draft6),
        "draft7" => Some(Draft::Draft7),
        "draft2019-09" => Some(Draft::Draft201909),
        "draft2020-12" => Some(Draft::Draft202012),
        _ => None,
    }
}

/// Every `.json` file under `dir`, sorted.
fn json_files(dir: &Path, recursive: bool) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else {
        return files;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if recursive {
                files.extend(json_files(&path, true));
            }
        } else if path.extension().is_some_and(|ext| ext == "json") {
            files.push(path);
        }
    }
    files.sort();
    files
}

#[derive(Default, Clone, Copy)]
struct Tally {
    groups: usize,
    compiled: usize,
    tests: usize,
    agreeing: usize,
}

impl Tally {
    fn add(&mut self, other: Tally) {
        self.groups += other.groups;
        self.compiled += other.compiled;
        self.tests += other.tests;
        self.agreeing += other.agreeing;
    }
}

/// One disagreement with the suite.
struct Miss {
    file: String,
    group: String,
    test: String,
    detail: String,
}

fn run_file(
    suite: &Path,
    path: &Path,
    draft: Draft,
    assert_formats: bool,
    file: &str,
    misses: &mut Vec<Miss>,
) -> Tally {
    let mut tally = Tally::default();
    let Ok(text) = fs::read_to_string(path) else {
        return tally;
    };
    let Ok(Value::Array(groups)) = serde_json::from_str::<Value>(&text) else {
        return tally;
    };
    let options = Options {
        assert_formats,
        default_draft: draft,
    };
    let remotes = suite.join("remotes");
    for group in &groups {
        let description = group["description"].as_str().unwrap_or_default().to_owned();
        let schema = group["schema"].clone();
        let tests = group["tests"].as_array().cloned().unwrap_or_default();
        tally.groups += 1;
        tally.tests += tests.len();
        let mut retrieve = |uri: &str| -> Option<Value> {
            let rest = uri.strip_prefix("http://localhost:1234/")?;
            let text = fs::read_to_string(remotes.join(rest)).ok()?;
            serde_json::from_str(&text).ok()
        };
        let validator = Validator::with_retriever(
            BASE,
            vec![(BASE.to_owned(), schema)],
            &options,
            &mut retrieve,
        );
        let validator = match validator {
            Ok(validator) => validator,
            Err(error) => {
                for test in &tests {
                    misses.push(Miss {
                        file: file.to_owned(),
                        group: description.clone(),
                        test: test["description"].as_str().unwrap_or_default().to_owned(),
                        detail: format!("schema error: {error}"),
                    });
                }
                continue;
            }
        };
        tally.compiled += 1;
        for test in &tests {
            let expected = test["valid"].as_bool().unwrap_or_default();
            let verdict = validator.validate(&test["data"]);
            if verdict.is_ok() == validator.is_valid(&test["data"]) && verdict.is_ok() == expected {
                tally.agreeing += 1;
            } else {
                misses.push(Miss {
                    file: file.to_owned(),
                    group: description.clone(),
                    test: test["description"].as_str().unwrap_or_default().to_owned(),
                    detail: format!("expected valid={expected}, got {verdict:?}"),
                });
            }
        }
    }
    tally
}

#[test]
fn json_schema_test_suite() {
    let Some(suite) = suite_dir() else {
        println!(
            "skipped: the JSON Schema Test Suite is not checked out (set DES_JSON_SCHEMA_TEST_SUITE)"
        );
        return;
    };
    let mut problems = Vec::new();
    let mut summary = Vec::new();
    let mut used = vec![false; KNOWN_FAILURES.len()];
    for directory in ["draft4", "draft6", "draft7", "draft2019-09", "draft2020-12"] {
        let Some(draft) = draft_of(directory) else {
            continue;
        };
        let dir = suite.join("tests").join(directory);
        let mut required = Tally::default();
        let mut optional = Tally::default();
        let mut rows = BTreeMap::new();
        let mut misses = Vec::new();
        for path in json_files(&dir, false) {
            let file = path
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            let tally = run_file(&suite, &path, draft, false, &file, &mut misses);
            required.add(tally);
            rows.insert(file, tally);
        }
        let required_misses = misses.len();
        for path in json_files(&dir.join("optional"), true) {
            let file = path
                .strip_prefix(&dir)
                .unwrap_or(&path)
                .to_string_lossy()
                .into_owned();
            let tally = run_file(&suite, &path, draft, true, &file, &mut misses);
            optional.add(tally);
            rows.insert(file, tally);
        }
        println!("== {directory}");
        for (file, tally) in &rows {
            let mark = if tally.agreeing == tally.tests {
                ""
            } else {
                "  <--"
            };
            println!(
                "  {file:<45} groups {:>3}/{:<3} tests {:>4}/{:<4}{mark}",
                tally.compiled, tally.groups, tally.agreeing, tally.tests
            );
        }
        for (index, miss) in misses.iter().enumerate() {
            let known = KNOWN_FAILURES.iter().position(|(file, group, _)| {
                *file == miss.file && (group.is_empty() || *group == miss.group)
            });
            if let Some(entry) = known {
                used[entry] = true;
            }
            println!(
                "  {} {} | {} | {} | {}",
                if known.is_some() { "known" } else { "MISS " },
                miss.file,
                miss.group,
                miss.test,
                miss.detail
            );
            if index < required_misses || known.is_none() {
                problems.push(format!(
                    "{directory}/{}: {} / {}",
                    miss.file, miss.group, miss.test
                ));
            }
        }
        summary.push((directory, required, optional));
        let floor = OPTIONAL_FLOOR
            .iter()
            .find(|(d, _)| *d == directory)
            .map_or(0, |(_, floor)| *floor);
        if optional.agreeing < floor {
            problems.push(format!(
                "{directory}: {} optional tests agree, fewer than the floor {floor}",
                optional.agreeing
            ));
        }
    }
    for ((file, group, _), used) in KNOWN_FAILURES.iter().zip(&used) {
        if !used {
            problems.push(format!(
                "stale KNOWN_FAILURES entry {file} / {group:?}: every draft agrees now"
            ));
        }
    }
    println!("== summary");
    for (directory, required, optional) in summary {
        println!(
            "  {directory:<13} required: groups {}/{} tests {}/{}   optional: groups {}/{} tests {}/{}",
            required.compiled,
            required.groups,
            required.agreeing,
            required.tests,
            optional.compiled,
            optional.groups,
            optional.agreeing,
            optional.tests
        );
    }
    assert!(
        problems.is_empty(),
        "{} disagreements:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
