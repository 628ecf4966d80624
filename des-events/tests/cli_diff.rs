//! Tests of `des-events diff` and `des-events api`: run the real binary on the evolution
//! fixtures and on broken input, and check the report, the JSON shape and the exit status
//! (0 nothing breaks, 1 something breaks, 2 usage error).
#![cfg(feature = "cli")]

use std::path::PathBuf;

use serde_json::Value;

mod common;

use common::{root, run, status, stderr, stdout};

fn step(name: &str, file: &str) -> String {
    format!("tests/evolution/{name}/{file}")
}

/// A schema file in a fresh temporary directory, removed on drop.
struct TempSchema {
    dir: PathBuf,
    path: PathBuf,
}

impl TempSchema {
    fn new(name: &str, text: &str) -> TempSchema {
        let dir =
            std::env::temp_dir().join(format!("des-events-cli-diff-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("create a temporary directory");
        let path = dir.join("schema.json");
        std::fs::write(&path, text).expect("write the schema");
        TempSchema { dir, path }
    }

    fn path(&self) -> &str {
        self.path.to_str().expect("a UTF-8 path")
    }
}

impl Drop for TempSchema {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn today(file: &str) -> String {
    std::fs::read_to_string(root().join("schema").join(file)).expect("the bundled schema")
}

#[test]
fn diff_of_a_file_with_itself_reports_no_change_and_exits_0() {
    let output = run(
        &[
            "diff",
            "schema/partner-events.schema.json",
            "schema/partner-events.schema.json",
        ],
        "",
    );
    assert_eq!(status(&output), 0, "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "des-events diff schema/partner-events.schema.json -> schema/partner-events.schema.json\n\
         no changes\n\
         summary: 0 changes; receivers: compatible, senders: compatible, semver: patch: nothing breaks\n"
    );
}

#[test]
fn diff_of_a_breaking_step_prints_each_change_and_exits_1() {
    let old = step(
        "11-reason-failed-replaces-error",
        "partner-events.schema.json",
    );
    let new = step(
        "12-reason-required-dream-targets-optional",
        "partner-events.schema.json",
    );
    let output = run(&["diff", &old, &new], "");
    assert_eq!(status(&output), 1, "{}", stderr(&output));
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert_eq!(lines[0], format!("des-events diff {old} -> {new}"));
    assert_eq!(
        lines[1],
        "field_now_required onTransferConsentCancelled message.reason: `reason` optional -> required (Option<T> -> T) [receivers: breaking, senders: compatible, api: major]"
    );
    assert_eq!(
        lines[2],
        "summary: 1 change; receivers: breaking, senders: compatible, semver: major: something breaks"
    );
}

#[test]
fn diff_json_is_one_object_with_changes_and_summary() {
    let output = run(
        &[
            "diff",
            "--json",
            &step(
                "13-token-expiry-and-share-fields-dropped",
                "des-events.schema.json",
            ),
            &step("14-transfer-consent-urls", "des-events.schema.json"),
        ],
        "",
    );
    assert_eq!(status(&output), 1, "{}", stderr(&output));
    let report: Value = serde_json::from_str(&stdout(&output)).expect("one JSON document");
    let changes = report["changes"].as_array().expect("a changes array");
    assert_eq!(changes.len(), 2);
    assert_eq!(
        changes[0],
        serde_json::json!({
            "kind": "optional_field_added",
            "event": "onTransferConsentRequested",
            "path": "message.successUrl",
            "detail": "new optional field `successUrl` (string)",
            "receivers": "compatible",
            "senders": "breaking",
            "api": "major"
        })
    );
    assert_eq!(changes[1]["path"], "message.cancelUrl");
    assert_eq!(
        report["summary"],
        serde_json::json!({"receivers": "compatible", "senders": "breaking", "semver": "major", "breaks": true})
    );
    assert_eq!(report["notes"], serde_json::json!([]));
}

#[test]
fn diff_across_the_discriminator_switch_reports_it() {
    let old = step("01-name-discriminator", "des-events.schema.json");
    let new = step("02-event-discriminator", "des-events.schema.json");
    let output = run(&["diff", "--json", &old, &new], "");
    assert_eq!(status(&output), 1, "{}", stderr(&output));
    let report: Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    assert_eq!(report["changes"][0]["kind"], "discriminator_changed");
    assert_eq!(report["changes"][0]["event"], Value::Null);
    assert_eq!(report["changes"][0]["receivers"], "breaking");
    assert_eq!(report["changes"][0]["senders"], "breaking");
    assert_eq!(report["changes"][0]["api"], "major");
    // Both sides are accepted as written: nothing to add in a note.
    assert_eq!(report["notes"], serde_json::json!([]));
}

#[test]
fn a_compatible_change_exits_0() {
    // A mobile function for an event that had none: nothing breaks, the API is the same.
    let schema = today("partner-events.schema.json");
    let marker = "\"title\": \"OnBackRequested\",";
    assert!(schema.contains(marker));
    let changed = schema.replace(
        marker,
        &format!("{marker}\n      \"x-des-mobile-function\": \"backRequested\","),
    );
    let new = TempSchema::new("compatible", &changed);
    let output = run(
        &["diff", "schema/partner-events.schema.json", new.path()],
        "",
    );
    assert_eq!(status(&output), 0, "{}{}", stdout(&output), stderr(&output));
    let text = stdout(&output);
    assert!(
        text.contains("mobile_function_changed onBackRequested x-des-mobile-function: mobile function none -> `backRequested` [receivers: compatible, senders: compatible, api: patch]"),
        "{text}"
    );
    assert!(text.ends_with("semver: patch: nothing breaks\n"), "{text}");
}

#[test]
fn annotations_only_exit_0_without_changes() {
    let schema = today("des-events.schema.json");
    let changed = schema.replace("\"description\": \"", "\"description\": \"(edited) ");
    assert_ne!(schema, changed);
    let new = TempSchema::new("annotations", &changed);
    let output = run(&["diff", "schema/des-events.schema.json", new.path()], "");
    assert_eq!(status(&output), 0, "{}", stderr(&output));
    assert!(
        stdout(&output).contains("\nno changes\n"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn diff_reads_old_from_stdin() {
    let output = run(
        &["diff", "-", "schema/des-events.schema.json"],
        &today("des-events.schema.json"),
    );
    assert_eq!(status(&output), 0, "{}", stderr(&output));
    assert!(
        stdout(&output).starts_with("des-events diff <stdin> -> schema/des-events.schema.json\n"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn diff_usage_errors_exit_2() {
    let partner = "schema/partner-events.schema.json";
    // A missing file, named on stderr.
    let output = run(&["diff", "no/such/schema.json", partner], "");
    assert_eq!(status(&output), 2);
    assert!(
        stderr(&output).contains("cannot read schema `no/such/schema.json`"),
        "{}",
        stderr(&output)
    );
    assert!(stdout(&output).is_empty());
    // Both from stdin.
    let output = run(&["diff", "-", "-"], "");
    assert_eq!(status(&output), 2);
    assert!(
        stderr(&output).contains("cannot both be stdin"),
        "{}",
        stderr(&output)
    );
    // A missing argument (clap).
    assert_eq!(status(&run(&["diff", partner], "")), 2);
    // Invalid JSON, with its position.
    let broken = TempSchema::new("invalid-json", "{\n  \"title\": ,\n}");
    let output = run(&["diff", partner, broken.path()], "");
    assert_eq!(status(&output), 2);
    assert!(
        stderr(&output).contains(&format!("{}:2:", broken.path())),
        "{}",
        stderr(&output)
    );
    // A schema that is not valid JSON Schema: its diagnostics, exit 2.
    let unsupported = TempSchema::new(
        "unsupported",
        &today("partner-events.schema.json").replace(
            "\"type\": \"string\",\n              \"format\": \"uuid\",",
            "\"type\": \"string\",\n              \"format\": \"uuid\", \"minLength\": \"long\",",
        ),
    );
    let output = run(&["diff", partner, unsupported.path()], "");
    assert_eq!(status(&output), 2, "{}", stdout(&output));
    assert!(stderr(&output).contains("minLength"), "{}", stderr(&output));
}

#[test]
fn api_prints_the_checked_in_snapshots() {
    for (args, snapshot) in [
        (&["api"][..], "api_snapshot__partner-events.snap"),
        (
            &["api", "--bundled", "partner"][..],
            "api_snapshot__partner-events.snap",
        ),
        (
            &["api", "--bundled", "des"][..],
            "api_snapshot__des-events.snap",
        ),
    ] {
        let output = run(args, "");
        assert_eq!(status(&output), 0, "{}", stderr(&output));
        let expected = common::snapshot(snapshot);
        assert_eq!(stdout(&output), expected, "des-events {}", args.join(" "));
    }
}

#[test]
fn api_of_a_file_and_with_the_catch_all() {
    let output = run(&["api", "schema/des-events.schema.json"], "");
    assert_eq!(status(&output), 0, "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("pub enum DesEvent\n"), "{text}");
    // A file is described without reply helpers.
    assert!(!text.contains("reply_"), "{text}");
    assert!(
        text.contains("with catch_all = false, no replies."),
        "{text}"
    );
    let output = run(&["api", "--catch-all", "schema/des-events.schema.json"], "");
    assert_eq!(status(&output), 0, "{}", stderr(&output));
    assert!(
        stdout(&output)
            .contains("    Other(des_events::UnknownEvent)  // anything else, kept as received\n"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn api_errors_exit_2() {
    let output = run(&["api", "no/such/schema.json"], "");
    assert_eq!(status(&output), 2);
    assert!(
        stderr(&output).contains("cannot read schema"),
        "{}",
        stderr(&output)
    );
    // A `name`-keyed union has an API: its tag accessor is `tag`.
    let output = run(
        &[
            "api",
            &step("03-name-by-mistake", "partner-events.schema.json"),
        ],
        "",
    );
    assert_eq!(status(&output), 0, "{}", stderr(&output));
    assert!(
        stdout(&output).contains("pub fn tag(&self)"),
        "{}",
        stdout(&output)
    );
    assert_eq!(
        status(&run(
            &["api", "--bundled", "des", "schema/des-events.schema.json"],
            ""
        )),
        2
    );
}
