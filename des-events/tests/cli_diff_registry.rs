//! Tests of the registry options of `des-events diff` (issue 22): ignore rules, modes,
//! histories, OLD from git, version checks, counterexamples, the tolerant receiver and
//! the JSON, JUnit, SARIF and GitHub forms. They run the real binary.
#![cfg(feature = "cli")]

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};

mod common;

use common::{root, run, status, stderr, stdout};

fn step(name: &str, file: &str) -> String {
    format!("tests/evolution/{name}/{file}")
}

/// 13 -> 14 of the DES schema: two optional fields added to a closed message (senders
/// break, receivers do not).
fn urls() -> (String, String) {
    (
        step(
            "13-token-expiry-and-share-fields-dropped",
            "des-events.schema.json",
        ),
        step("14-transfer-consent-urls", "des-events.schema.json"),
    )
}

/// A fresh temporary folder, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!(
            "des-events-cli-diff-registry-{}-{name}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create a temporary directory");
        TempDir(dir)
    }

    fn write(&self, name: &str, text: &str) -> String {
        let path = self.0.join(name);
        std::fs::write(&path, text).expect("write");
        path.to_str().expect("UTF-8").to_owned()
    }

    fn path(&self) -> &str {
        self.0.to_str().expect("UTF-8")
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A one-event schema whose closed message has `properties`, pretty-printed (so every
/// property is on a line of its own).
fn version(properties: Value) -> String {
    serde_json::to_string_pretty(&json!({
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
    }))
    .expect("JSON")
}

#[test]
fn modes_decide_the_exit_status() {
    let (old, new) = urls();
    for (mode, expected) in [
        ("backward", 0),
        ("forward", 1),
        ("full", 1),
        ("backward-transitive", 0),
    ] {
        let output = run(&["diff", "--mode", mode, &old, &new], "");
        assert_eq!(status(&output), expected, "{mode}: {}", stdout(&output));
        let text = stdout(&output);
        let verdict = if expected == 0 { "pass" } else { "fail" };
        assert!(
            text.ends_with(&format!(
                "mode {mode}: 1 comparison, {expected} failing: {verdict}\n"
            )),
            "{text}"
        );
    }
    let output = run(&["diff", "--mode", "sideways", &old, &new], "");
    assert_eq!(status(&output), 2);
}

#[test]
fn ignore_rules_take_changes_out_and_unused_ones_fail() {
    let (old, new) = urls();
    let output = run(
        &[
            "diff",
            "--mode",
            "forward",
            "--ignore",
            "optional-field-added",
            &old,
            &new,
        ],
        "",
    );
    assert_eq!(status(&output), 0, "{}", stdout(&output));
    let text = stdout(&output);
    assert!(text.contains("no changes\n"), "{text}");
    assert!(
        text.contains("ignored optional-field-added onTransferConsentRequested message.successUrl: new optional field `successUrl` (string) (by optional-field-added at --ignore)"),
        "{text}"
    );
    // A pointer narrows the rule; a rule that matches nothing fails the run.
    let output = run(
        &[
            "diff",
            "--mode",
            "backward",
            "--format",
            "json",
            "--ignore",
            "optional-field-added@/oneOf/999",
            &old,
            &new,
        ],
        "",
    );
    assert_eq!(status(&output), 1, "{}", stdout(&output));
    let report: Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    assert_eq!(
        report["unused_ignores"],
        json!([{"rule": "optional-field-added@/oneOf/999", "origin": "--ignore", "reason": null}])
    );
    assert_eq!(report["passes"], false);
    // The pointer `--format json` prints is the one to ignore.
    let pointer = report["reports"][0]["changes"][0]["pointer"]
        .as_str()
        .expect("a pointer")
        .to_owned();
    let dir = TempDir::new("ignore-file");
    let file = dir.write(
        "ignores.txt",
        &format!(
            "# vetted\noptional-field-added@{pointer}  the web SDK reads it\noptional-field-added@#/oneOf  every other URL too\n"
        ),
    );
    let output = run(
        &[
            "diff",
            "--mode",
            "forward",
            "--ignore-file",
            &file,
            &old,
            &new,
        ],
        "",
    );
    assert_eq!(status(&output), 0, "{}", stdout(&output));
    assert!(stdout(&output).contains(": the web SDK reads it)"));
    // A rule without a reason, or with an unknown ID, is a usage error.
    let bad = dir.write("bad.txt", "event-added\nno-such-rule because\n");
    let output = run(&["diff", "--ignore-file", &bad, &old, &new], "");
    assert_eq!(status(&output), 2);
    let err = stderr(&output);
    assert!(
        err.contains("bad.txt:1: `event-added` has no reason"),
        "{err}"
    );
    assert!(
        err.contains("bad.txt:2: unknown rule ID `no-such-rule`"),
        "{err}"
    );
}

#[test]
fn a_history_is_ordered_by_version_and_transitive_modes_see_every_version() {
    let dir = TempDir::new("history");
    // Written out of order; 1.10.0 is newest although it sorts first as text.
    dir.write(
        "events-1.10.0.json",
        &version(json!({"note": {"type": "integer"}})),
    );
    dir.write(
        "events-1.2.0.json",
        &version(json!({"note": {"type": "string"}})),
    );
    dir.write("events-1.3.0.json", &version(json!({})));
    let history = |mode: &str| {
        run(
            &[
                "diff",
                "--history",
                dir.path(),
                "--receiver",
                "tolerant",
                "--mode",
                mode,
            ],
            "",
        )
    };
    let output = history("backward");
    assert_eq!(status(&output), 0, "{}", stdout(&output));
    let text = stdout(&output);
    assert!(text.starts_with("history ordered by version\n"), "{text}");
    let heads: Vec<&str> = text
        .lines()
        .filter(|line| line.starts_with("des-events diff "))
        .collect();
    assert_eq!(heads.len(), 2, "{text}");
    assert!(heads[0].contains("events-1.2.0.json -> ") && heads[0].ends_with("events-1.3.0.json"));
    assert!(heads[1].ends_with("events-1.10.0.json"));
    let output = history("backward-transitive");
    assert_eq!(status(&output), 1, "{}", stdout(&output));
    let text = stdout(&output);
    assert!(
        text.contains("type_changed ping message.note: string -> integer [receivers: breaking"),
        "{text}"
    );
    assert!(text.ends_with("mode backward-transitive: 2 comparisons, 1 failing: fail\n"));
    // Files without a version next to versioned ones cannot be ordered.
    dir.write("draft.json", &version(json!({})));
    let output = history("backward");
    assert_eq!(status(&output), 2);
    assert!(
        stderr(&output).contains("draft.json"),
        "{}",
        stderr(&output)
    );
    // --history takes no files.
    let (old, new) = urls();
    let output = run(&["diff", "--history", dir.path(), &old, &new], "");
    assert_eq!(status(&output), 2);
}

fn git(dir: &str, args: &[&str]) {
    let output = Command::new("git")
        .args([
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@example.com",
            "-C",
            dir,
        ])
        .args(args)
        .output()
        .expect("git runs");
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn against_reads_old_from_git() {
    let dir = TempDir::new("git");
    git(dir.path(), &["init", "-q"]);
    let schema = dir.write("events.json", &version(json!({"note": {"type": "string"}})));
    git(dir.path(), &["add", "events.json"]);
    git(dir.path(), &["commit", "-q", "-m", "v1"]);
    dir.write("events.json", &version(json!({})));
    let output = run(&["diff", "--against", "HEAD", &schema], "");
    assert_eq!(status(&output), 1, "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.starts_with(&format!("des-events diff HEAD:events.json -> {schema}\n")),
        "{text}"
    );
    assert!(
        text.contains("optional_field_removed ping message.note"),
        "{text}"
    );
    // A path that git does not have, and a folder outside any repository.
    let output = run(&["diff", "--against", "HEAD~5", &schema], "");
    assert_eq!(status(&output), 2);
    assert!(
        stderr(&output).contains("git show HEAD~5:events.json failed"),
        "{}",
        stderr(&output)
    );
    let outside = TempDir::new("no-git");
    let lone = outside.write("events.json", &version(json!({})));
    let output = Command::new(env!("CARGO_BIN_EXE_des-events"))
        .args(["diff", "--against", "HEAD", &lone])
        .env("GIT_CEILING_DIRECTORIES", std::env::temp_dir())
        .current_dir(root())
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(err.contains("is not inside a git repository"), "{err}");
}

#[test]
fn declared_versions_must_cover_the_changes() {
    let (old, new) = urls();
    // Backward mode: the new optional fields break nothing it gates, but they add.
    let check = |versions: [&str; 2]| {
        run(
            &[
                "diff",
                "--mode",
                "backward",
                "--declared-version",
                versions[0],
                versions[1],
                &old,
                &new,
            ],
            "",
        )
    };
    let output = check(["1.4.2", "1.4.3"]);
    assert_eq!(status(&output), 1);
    assert!(
        stdout(&output)
            .contains("version 1.4.2 -> 1.4.3 declares patch; the changes need minor: not enough"),
        "{}",
        stdout(&output)
    );
    let output = check(["1.4.2", "1.5.0"]);
    assert_eq!(status(&output), 0, "{}", stdout(&output));
    // 0.x: the patch number carries additions.
    assert_eq!(status(&check(["0.4.2", "0.4.3"])), 0);
    let output = check(["1.4.2", "one"]);
    assert_eq!(status(&output), 2);
    // Forward mode: the same changes break, so they need a major bump.
    let output = run(
        &[
            "diff",
            "--mode",
            "forward",
            "--declared-version",
            "1.4.2",
            "1.5.0",
            &old,
            &new,
        ],
        "",
    );
    assert!(stdout(&output).contains("the changes need major: not enough"));
}

#[test]
fn versions_can_come_from_the_schemas() {
    let dir = TempDir::new("version-from-schema");
    let with = |version_text: &str, properties: Value| {
        let mut value: Value = serde_json::from_str(&version(properties)).expect("JSON");
        value["$id"] = json!(format!(
            "https://example.com/events/{version_text}/schema.json"
        ));
        value.to_string()
    };
    let old = dir.write("old.json", &with("2.1.0", json!({})));
    let new = dir.write("new.json", &with("3.0.0", json!({"n": {"type": "string"}})));
    let output = run(&["diff", "--version-from-schema", &old, &new], "");
    // The default mode fails (a major API bump), the version check passes.
    assert!(
        stdout(&output)
            .contains("version 2.1.0 -> 3.0.0 declares major; the changes need major: ok")
    );
}

#[test]
fn counterexamples_are_verified_documents() {
    let (old, new) = urls();
    let output = run(&["diff", "--counterexamples", &old, &new], "");
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[1].starts_with("optional_field_added onTransferConsentRequested message.successUrl")
    );
    let witness = lines[2]
        .strip_prefix("  counterexample (senders: NEW accepts, OLD rejects): ")
        .unwrap_or_else(|| panic!("{text}"));
    let document: Value = serde_json::from_str(witness).expect("a JSON document");
    assert_eq!(document["event"], "onTransferConsentRequested");
    assert!(
        document["message"].get("successUrl").is_some(),
        "{document}"
    );
    assert!(lines[3].starts_with("    rejected: "), "{text}");
    // The same in the full JSON form.
    let output = run(
        &["diff", "--counterexamples", "--format", "json", &old, &new],
        "",
    );
    let report: Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    let change = &report["reports"][0]["changes"][0];
    assert_eq!(change["counterexamples"][0]["verdict"], "senders");
    assert_eq!(change["counterexamples"][0]["document"], document);
}

#[test]
fn a_tolerant_receiver_reads_added_fields() {
    let (old, new) = urls();
    let forward = |receiver: &str| {
        run(
            &[
                "diff",
                "--mode",
                "forward",
                "--receiver",
                receiver,
                &old,
                &new,
            ],
            "",
        )
    };
    assert_eq!(status(&forward("strict")), 1);
    let output = forward("tolerant");
    assert_eq!(status(&output), 0, "{}", stdout(&output));
    assert!(stdout(&output).contains("[receivers: compatible, senders: compatible, api: major]"));
}

#[test]
fn legacy_json_is_unchanged_and_full_json_has_rules_and_places() {
    let (old, new) = urls();
    let legacy: Value =
        serde_json::from_str(&stdout(&run(&["diff", "--json", &old, &new], ""))).expect("JSON");
    assert_eq!(
        legacy["changes"][0]
            .as_object()
            .map(|members| members.len()),
        Some(7)
    );
    let output = run(&["diff", "--format", "json", &old, &new], "");
    assert_eq!(status(&output), 1);
    let full: Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    let change = &full["reports"][0]["changes"][0];
    assert_eq!(change["rule"], "optional-field-added");
    assert_eq!(change["fails"], true);
    let pointer = change["pointer"].as_str().expect("pointer");
    assert!(pointer.ends_with("/properties/successUrl"), "{pointer}");
    let line = change["line"].as_u64().expect("a line") as usize;
    let text = std::fs::read_to_string(root().join(&new)).expect("NEW");
    assert!(
        text.lines()
            .nth(line - 1)
            .is_some_and(|at| at.contains("\"successUrl\"")),
        "line {line}"
    );
    assert_eq!(full["mode"], "default");
    assert_eq!(full["passes"], false);
    let output = run(&["diff", "--json", "--format", "json", &old, &new], "");
    assert_eq!(status(&output), 2);
}

#[test]
fn github_annotations_point_at_the_line_of_each_change_in_new() {
    let dir = TempDir::new("github");
    let old = dir.write("old.json", &version(json!({"a": {"type": "string"}})));
    let new = dir.write(
        "new.json",
        &version(json!({"a": {"type": "integer"}, "b": {"type": "string"}})),
    );
    let output = run(
        &[
            "diff", "--format", "github", "--mode", "backward", &old, &new,
        ],
        "",
    );
    assert_eq!(status(&output), 1);
    let text = stdout(&output);
    let new_text = std::fs::read_to_string(&new).expect("NEW");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    for (annotation, level, rule, key) in [
        (lines[0], "error", "type-changed", "\"a\""),
        (lines[1], "warning", "optional-field-added", "\"b\""),
    ] {
        let prefix = format!("::{level} file={new},line=");
        let rest = annotation
            .strip_prefix(&prefix)
            .unwrap_or_else(|| panic!("{annotation}"));
        let (line, rest) = rest.split_once(",col=").expect("a column");
        let (col, rest) = rest.split_once(",title=").expect("a title");
        assert!(
            rest.starts_with(&format!("{rule}::{rule}: ping message.")),
            "{annotation}"
        );
        let line: usize = line.parse().expect("a number");
        let col: usize = col.parse().expect("a number");
        let at = new_text.lines().nth(line - 1).expect("the line exists");
        assert_eq!(
            at.chars()
                .skip(col - 1)
                .collect::<String>()
                .split(':')
                .next(),
            Some(key),
            "{at}"
        );
    }
    assert_eq!(
        lines[2],
        "des-events diff: mode backward, 1 comparison: fail"
    );
}

/// A minimal XML reader: elements (with attributes) in document order, checking that
/// every tag closes in order and that text holds no raw `<` or bare `&`.
fn xml_elements(text: &str) -> Vec<(String, Vec<(String, String)>)> {
    let body = text
        .strip_prefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .expect("an XML declaration");
    let mut elements = Vec::new();
    let mut open: Vec<String> = Vec::new();
    let mut rest = body;
    while let Some(start) = rest.find('<') {
        let text_part = &rest[..start];
        for (index, _) in text_part.match_indices('&') {
            let entity = &text_part[index..];
            assert!(
                ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"]
                    .iter()
                    .any(|known| entity.starts_with(known)),
                "bare & in {text_part}"
            );
        }
        let end = rest[start..].find('>').expect("a closed tag") + start;
        let tag = &rest[start + 1..end];
        rest = &rest[end + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(open.pop().as_deref(), Some(name), "tags close in order");
            continue;
        }
        let closed = tag.ends_with('/');
        let tag = tag.trim_end_matches('/');
        let (name, mut attrs_text) = tag.split_once(' ').unwrap_or((tag, ""));
        let mut attrs = Vec::new();
        while let Some((key, after)) = attrs_text.trim_start().split_once("=\"") {
            let (value, after) = after.split_once('"').expect("a closed attribute");
            assert!(!value.contains('<'), "raw < in an attribute");
            attrs.push((key.to_owned(), value.to_owned()));
            attrs_text = after;
        }
        elements.push((name.to_owned(), attrs));
        if !closed {
            open.push(name.to_owned());
        }
    }
    assert!(open.is_empty(), "unclosed: {open:?}");
    assert!(rest.trim().is_empty());
    elements
}

#[test]
fn junit_is_well_formed_with_a_case_per_change() {
    let (old, new) = urls();
    let output = run(
        &[
            "diff",
            "--format",
            "junit",
            "--mode",
            "forward",
            "--ignore",
            "event-added",
            "--counterexamples",
            &old,
            &new,
        ],
        "",
    );
    assert_eq!(status(&output), 1);
    let elements = xml_elements(&stdout(&output));
    let attr = |element: &(String, Vec<(String, String)>), key: &str| {
        element
            .1
            .iter()
            .find(|(name, _)| name == key)
            .map(|(_, value)| value.clone())
    };
    assert_eq!(elements[0].0, "testsuites");
    let suites: Vec<_> = elements.iter().filter(|e| e.0 == "testsuite").collect();
    assert_eq!(suites.len(), 2, "one per comparison, one for the run");
    assert_eq!(attr(suites[0], "tests").as_deref(), Some("2"));
    assert_eq!(attr(suites[0], "failures").as_deref(), Some("2"));
    let cases: Vec<_> = elements.iter().filter(|e| e.0 == "testcase").collect();
    assert_eq!(
        attr(cases[0], "classname").as_deref(),
        Some("optional-field-added")
    );
    assert_eq!(
        attr(cases[0], "name").as_deref(),
        Some("onTransferConsentRequested message.successUrl")
    );
    assert_eq!(
        attr(cases[2], "classname").as_deref(),
        Some("unused-ignore")
    );
    let failures = elements.iter().filter(|e| e.0 == "failure").count();
    assert_eq!(failures, 3);
    assert!(elements.iter().any(|e| e.0 == "system-out"));
}

#[test]
fn sarif_has_the_required_shape_of_2_1_0() {
    let (old, new) = urls();
    let output = run(
        &[
            "diff", "--format", "sarif", "--mode", "backward", &old, &new,
        ],
        "",
    );
    assert_eq!(status(&output), 0);
    let log: Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    // The properties SARIF 2.1.0 requires, on the objects we write.
    let subset = json!({
        "type": "object",
        "required": ["version", "runs"],
        "properties": {
            "version": {"const": "2.1.0"},
            "runs": {"type": "array", "items": {
                "type": "object",
                "required": ["tool"],
                "properties": {
                    "tool": {"type": "object", "required": ["driver"], "properties": {
                        "driver": {"type": "object", "required": ["name"], "properties": {
                            "name": {"type": "string"},
                            "rules": {"type": "array", "items": {
                                "type": "object", "required": ["id"],
                                "properties": {"id": {"type": "string"}, "shortDescription": {
                                    "type": "object", "required": ["text"]}}
                            }}
                        }}
                    }},
                    "results": {"type": "array", "items": {
                        "type": "object",
                        "required": ["message"],
                        "properties": {
                            "ruleId": {"type": "string"},
                            "level": {"enum": ["none", "note", "warning", "error"]},
                            "message": {"type": "object", "required": ["text"]},
                            "locations": {"type": "array", "items": {"type": "object", "properties": {
                                "physicalLocation": {"type": "object", "properties": {
                                    "artifactLocation": {"type": "object", "properties": {"uri": {"type": "string"}}},
                                    "region": {"type": "object", "properties": {
                                        "startLine": {"type": "integer", "minimum": 1},
                                        "startColumn": {"type": "integer", "minimum": 1}
                                    }}
                                }}
                            }}}
                        }
                    }}
                }
            }}
        }
    });
    let validator = jsonschema::validator_for(&subset).expect("the subset compiles");
    let errors: Vec<String> = validator.iter_errors(&log).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    let results = log["runs"][0]["results"].as_array().expect("results");
    assert_eq!(results.len(), 2);
    assert_eq!(results[0]["ruleId"], "optional-field-added");
    // Backward mode does not gate the senders verdict: a warning, not an error.
    assert_eq!(results[0]["level"], "warning");
    assert!(
        results[0]["locations"][0]["physicalLocation"]["region"]["startLine"].as_u64() > Some(1)
    );
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules");
    assert_eq!(rules[0]["id"], "optional-field-added");
    let _ = Path::new(&new);
}
