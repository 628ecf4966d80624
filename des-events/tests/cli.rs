//! Tests of the `des-events` command-line tool: runs the real binary on the sample logs,
//! on stdin and on broken input, and checks its output, exit status and redaction.

use std::io::Write as _;
use std::process::{Command, Output, Stdio};

use des_events::EventUnion;
use des_events::des::DesEvent;
use des_events::partner::PartnerEvent;
use serde_json::Value;

/// The JWT of the documentation's `updateToken` example.
const TOKEN: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";

mod common;

use common::{root, run, status, stderr, stdout};

/// Each stdout line parsed as JSON.
fn records(output: &Output) -> Vec<Value> {
    stdout(output)
        .lines()
        .map(|line| serde_json::from_str(line).expect("each --json line is a JSON object"))
        .collect()
}

fn sample(name: &str) -> String {
    std::fs::read_to_string(root().join("samples").join(name)).expect("the sample exists")
}

#[test]
fn check_messages_sample_is_all_valid() {
    let output = run(&["check", "samples/messages.jsonl"], "");
    assert_eq!(status(&output), 0, "stderr: {}", stderr(&output));
    let text = sample("messages.jsonl");
    let inputs: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let lines: Vec<String> = stdout(&output).lines().map(str::to_owned).collect();
    assert_eq!(lines.len(), inputs.len());
    assert_eq!(lines.len(), 23);
    let (mut partner, mut des) = (0, 0);
    for (index, (line, input)) in lines.iter().zip(&inputs).enumerate() {
        let prefix = format!("samples/messages.jsonl:{}: ok ", index + 1);
        let rest = line
            .strip_prefix(&prefix)
            .unwrap_or_else(|| panic!("line {line:?}"));
        let (direction, event) = rest.split_once(' ').expect("direction and event");
        let value: Value = serde_json::from_str(input).expect("the sample line is JSON");
        assert_eq!(Some(event), value["event"].as_str());
        match direction {
            "partner" => {
                assert!(PartnerEvent::has_event(event), "{event}");
                partner += 1;
            }
            "des" => {
                assert!(DesEvent::has_event(event), "{event}");
                des += 1;
            }
            other => panic!("unknown direction {other}"),
        }
    }
    assert_eq!((partner, des), (11, 12));
    assert_eq!(stderr(&output).trim(), "23 lines: 23 valid, 0 invalid");
}

#[test]
fn check_invalid_sample_reports_every_line() {
    let output = run(&["check", "samples/invalid.jsonl"], "");
    assert_eq!(status(&output), 1);
    let lines: Vec<String> = stdout(&output).lines().map(str::to_owned).collect();
    assert_eq!(lines.len(), 8);
    for (index, line) in lines.iter().enumerate() {
        let prefix = format!("samples/invalid.jsonl:{}: invalid: ", index + 1);
        assert!(line.starts_with(&prefix), "{line}");
    }
    assert!(lines[1].contains("unknown event `onPageReady`"));
    assert!(lines[1].contains("neither a partner nor a DES event"));
    assert!(lines[2].contains("missing required field `requestId`"));
    assert_eq!(stderr(&output).trim(), "8 lines: 0 valid, 8 invalid");
}

#[test]
fn check_json_kinds_of_the_invalid_sample() {
    let output = run(&["check", "--json", "samples/invalid.jsonl"], "");
    assert_eq!(status(&output), 1);
    let records = records(&output);
    let kinds: Vec<&str> = records
        .iter()
        .map(|r| r["kind"].as_str().unwrap_or("?"))
        .collect();
    assert_eq!(
        kinds,
        [
            "syntax",
            "unknown_event",
            "missing_field",
            "constraint",
            "wrong_type",
            "unknown_field",
            "constraint",
            "constraint",
        ]
    );
    let paths: Vec<&str> = records
        .iter()
        .map(|r| r["path"].as_str().unwrap_or("?"))
        .collect();
    assert_eq!(
        paths,
        [
            "",
            "event",
            "message.requestId",
            "message.requestId",
            "message.dream.user.id",
            "message.replace",
            "message.reason",
            "message.requestId",
        ]
    );
    for (index, record) in records.iter().enumerate() {
        let object = record.as_object().expect("an object");
        assert_eq!(record["line"], index + 1);
        assert_eq!(record["file"], "samples/invalid.jsonl");
        assert_eq!(record["valid"], false);
        assert!(record["error"].is_string());
        assert_eq!(record["warnings"], serde_json::json!([]));
        for key in object.keys() {
            let allowed = [
                "file",
                "line",
                "valid",
                "direction",
                "event",
                "error",
                "kind",
                "path",
                "pointer",
                "column",
                "warnings",
            ];
            assert!(allowed.contains(&key.as_str()), "unexpected key {key}");
        }
    }
    // Both renderings of the path: readable and RFC 6901.
    for record in &records {
        assert_eq!(record["path"].is_string(), record["pointer"].is_string());
    }
    assert!(
        records.iter().any(|record| record["pointer"]
            .as_str()
            .is_some_and(|p| p.starts_with("/message/"))),
        "no record has a message pointer"
    );
    // The event is reported whenever the envelope named one.
    assert!(records[0].get("event").is_none());
    assert_eq!(records[1]["event"], "onPageReady");
    assert!(records[1].get("direction").is_none());
    assert_eq!(records[3]["event"], "onIdTokenDidExpire");
    assert_eq!(records[3]["direction"], "des");
    assert_eq!(records[5]["direction"], "partner");
}

#[test]
fn check_json_shape_of_valid_lines() {
    let output = run(&["check", "--json", "samples/messages.jsonl"], "");
    assert_eq!(status(&output), 0);
    let records = records(&output);
    assert_eq!(records.len(), 23);
    for (index, record) in records.iter().enumerate() {
        let mut keys: Vec<&str> = record
            .as_object()
            .expect("an object")
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            ["direction", "event", "file", "line", "valid", "warnings"]
        );
        assert_eq!(record["warnings"], serde_json::json!([]));
        assert_eq!(record["line"], index + 1);
        assert_eq!(record["valid"], true);
        let event = record["event"].as_str().expect("a string");
        let expected = if PartnerEvent::has_event(event) {
            "partner"
        } else {
            "des"
        };
        assert_eq!(record["direction"], expected);
    }
    assert_eq!(records[2]["event"], "onAccountRequested");
    assert_eq!(records[2]["direction"], "des");
}

#[test]
fn check_reads_stdin_without_files() {
    let input = "{\"event\":\"sessionKeepAlive\",\"message\":{}}\n\n   \n{\"event\":\"onExitRequested\",\"message\":{}}\n{\"event\":\"nope\",\"message\":{}}\n";
    let output = run(&["check"], input);
    assert_eq!(status(&output), 1);
    let lines: Vec<String> = stdout(&output).lines().map(str::to_owned).collect();
    assert_eq!(lines[0], "-:1: ok partner sessionKeepAlive");
    // Blank lines are skipped but counted.
    assert_eq!(lines[1], "-:4: ok des onExitRequested");
    assert!(
        lines[2].starts_with("-:5: invalid: unknown event `nope`"),
        "{}",
        lines[2]
    );
    assert_eq!(lines.len(), 3);
    assert!(stderr(&output).contains("3 lines: 2 valid, 1 invalid"));
}

#[test]
fn check_dash_is_stdin_among_files() {
    let input = "{\"message\":{},\"event\":\"onBackRequested\"}\n";
    let output = run(&["check", "--json", "samples/messages.jsonl", "-"], input);
    assert_eq!(status(&output), 0, "stderr: {}", stderr(&output));
    let records = records(&output);
    assert_eq!(records.len(), 24);
    let last = &records[23];
    assert_eq!(last["file"], "-");
    assert_eq!(last["line"], 1);
    assert_eq!(last["event"], "onBackRequested");
    assert_eq!(last["direction"], "partner");
    assert!(stderr(&output).contains("24 lines: 24 valid, 0 invalid"));
}

#[test]
fn check_missing_file_exits_2_and_names_it() {
    let output = run(&["check", "samples/no-such-file.jsonl"], "");
    assert_eq!(status(&output), 2);
    assert!(
        stderr(&output).contains("samples/no-such-file.jsonl"),
        "{}",
        stderr(&output)
    );
    // The other files are still checked, but the status says an input was unreadable.
    let output = run(
        &["check", "samples/messages.jsonl", "no-such-file.jsonl"],
        "",
    );
    assert_eq!(status(&output), 2);
    assert_eq!(stdout(&output).lines().count(), 23);
    assert!(stderr(&output).contains("cannot read `no-such-file.jsonl`"));
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["check", "--bogus"][..],
        &["frobnicate"],
        &[],
        &["list", "extra"],
        &["expand", "--bundled", "nope"],
    ] {
        let output = run(args, "");
        assert_eq!(status(&output), 2, "{args:?}");
        assert!(!stderr(&output).is_empty(), "{args:?}");
    }
    let output = run(&["--help"], "");
    assert_eq!(status(&output), 0);
    assert!(stdout(&output).contains("check"));
}

#[test]
fn check_never_prints_the_token() {
    let lines = [
        // Invalid requestId next to a real-looking JWT.
        format!(
            r#"{{"event":"updateToken","message":{{"requestId":"12345","idToken":"{TOKEN}"}}}}"#
        ),
        // The token itself breaks the schema (wrong type inside an array).
        format!(
            r#"{{"event":"updateToken","message":{{"requestId":"a2313192-e2dc-452e-b56c-2f23baf6eee1","idToken":["{TOKEN}"]}}}}"#
        ),
        // A valid message: the line is never echoed.
        format!(
            r#"{{"event":"updateToken","message":{{"requestId":"a2313192-e2dc-452e-b56c-2f23baf6eee1","idToken":"{TOKEN}"}}}}"#
        ),
        // Malformed JSON after the token.
        format!(r#"{{"event":"updateToken","message":{{"idToken":"{TOKEN}","requestId":}}}}"#),
    ];
    let input = lines.join("\n") + "\n";
    for json in [false, true] {
        let mut args = vec!["check"];
        if json {
            args.push("--json");
        }
        let output = run(&args, &input);
        assert_eq!(status(&output), 1);
        let (out, err) = (stdout(&output), stderr(&output));
        assert_eq!(out.lines().count(), 4, "{out}");
        for secret in [
            TOKEN,
            "eyJhbGciOiJIUzI1NiIs",
            "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
        ] {
            assert!(!out.contains(secret), "stdout leaks the token: {out}");
            assert!(!err.contains(secret), "stderr leaks the token: {err}");
        }
        assert!(
            out.contains("12345"),
            "the requestId error is reported: {out}"
        );
    }
}

#[test]
fn check_reports_a_line_that_is_not_utf8() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_des-events"))
        .args(["check", "--json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the des-events binary starts");
    let mut input = child.stdin.take().expect("stdin is piped");
    input
        .write_all(b"{\"event\":\"onExitRequested\",\"message\":{}}\r\n\xff\xfe\n")
        .expect("write stdin");
    drop(input);
    let output = child.wait_with_output().expect("the binary runs");
    assert_eq!(status(&output), 1);
    let records = records(&output);
    assert_eq!(records[0]["valid"], true, "a CRLF line ending is accepted");
    assert_eq!(records[1]["valid"], false);
    assert_eq!(records[1]["kind"], "syntax");
}

#[test]
fn expand_prints_the_partner_code_by_default() {
    let output = run(&["expand"], "");
    assert_eq!(status(&output), 0, "stderr: {}", stderr(&output));
    let code = stdout(&output);
    assert!(code.contains("pub enum PartnerEvent"));
    assert!(
        code.starts_with("// Generated by des-events from `schema/partner-events.schema.json`")
    );
    syn::parse_file(&code).expect("the expanded code parses as Rust");
}

#[test]
fn expand_matches_the_checked_in_snapshots() {
    for (args, snapshot) in [
        (&["expand"][..], "snapshot__partner-events.snap"),
        (&["expand", "--bundled", "des"], "snapshot__des-events.snap"),
        // From files on disk, named as the user typed them, with the macro's options.
        (
            &[
                "expand",
                "schema/des-events.schema.json",
                "--replies-schema",
                "schema/partner-events.schema.json",
                "--replies-module",
                "crate::partner",
            ],
            "snapshot__des-events.snap",
        ),
        (
            &["expand", "schema/partner-events.schema.json"],
            "snapshot__partner-events.snap",
        ),
    ] {
        let output = run(args, "");
        assert_eq!(status(&output), 0, "{args:?}: {}", stderr(&output));
        assert!(
            stdout(&output) == common::snapshot(snapshot),
            "`des-events {}` differs from tests/tests/snapshots/{snapshot}; see tests/tests/snapshot.rs",
            args.join(" "),
        );
    }
}

#[test]
fn expand_without_tests_leaves_out_the_conformance_module() {
    let full = stdout(&run(&["expand"], ""));
    let output = run(&["expand", "--no-tests"], "");
    assert_eq!(status(&output), 0);
    let lean = stdout(&output);
    assert!(lean.len() < full.len());
    assert!(!lean.contains("#[cfg(test)]"));
    syn::parse_file(&lean).expect("the expanded code parses as Rust");
}

#[test]
fn expand_catch_all_adds_the_other_variant() {
    let output = run(&["expand", "--catch-all"], "");
    assert_eq!(status(&output), 0, "stderr: {}", stderr(&output));
    let code = stdout(&output);
    assert!(code.contains("Other("), "no catch-all variant");
    syn::parse_file(&code).expect("the expanded code parses as Rust");
}

#[test]
fn expand_option_errors_exit_2() {
    for args in [
        // Reply helpers need both the schema and the module.
        &[
            "expand",
            "schema/des-events.schema.json",
            "--replies-module",
            "crate::partner",
        ][..],
        &[
            "expand",
            "schema/des-events.schema.json",
            "--replies-schema",
            "x.json",
        ],
        &[
            "expand",
            "--bundled",
            "des",
            "schema/des-events.schema.json",
        ],
    ] {
        let output = run(args, "");
        assert_eq!(status(&output), 2, "{args:?}");
        assert!(stdout(&output).is_empty(), "{args:?}");
    }
    let output = run(
        &[
            "expand",
            "schema/des-events.schema.json",
            "--replies-schema",
            "schema/partner-events.schema.json",
            "--replies-module",
            "crate::{partner}",
        ],
        "",
    );
    assert_eq!(status(&output), 2);
    assert!(
        stderr(&output).contains("is not a Rust module path"),
        "{}",
        stderr(&output)
    );
    // Reply links checked against the wrong schema are schema problems.
    let output = run(
        &[
            "expand",
            "schema/partner-events.schema.json",
            "--replies-schema",
            "schema/partner-events.schema.json",
            "--replies-module",
            "crate::partner",
        ],
        "",
    );
    assert_eq!(status(&output), 2, "stdout: {}", stdout(&output));
    assert!(stderr(&output).contains("schema/partner-events.schema.json"));
}

#[test]
fn expand_reports_schema_problems_with_exit_2() {
    let output = run(&["expand", "-"], r#"{"title": 3}"#);
    assert_eq!(status(&output), 2);
    assert!(stdout(&output).is_empty());
    let err = stderr(&output);
    assert!(err.contains("<stdin>:1:2: at /title"), "{err}");
    assert!(err.contains("must be of type string"), "{err}");

    let output = run(&["expand", "no-such-schema.json"], "");
    assert_eq!(status(&output), 2);
    assert!(stderr(&output).contains("no-such-schema.json"));
}

#[test]
fn list_mentions_all_21_events() {
    let output = run(&["list"], "");
    assert_eq!(status(&output), 0, "stderr: {}", stderr(&output));
    let text = stdout(&output);
    let names: Vec<&str> = PartnerEvent::event_names()
        .iter()
        .chain(DesEvent::event_names())
        .copied()
        .collect();
    assert_eq!(names.len(), 21);
    for name in &names {
        assert!(
            text.contains(&format!("\n  {name} [")),
            "{name} is not listed"
        );
    }
    let partner = text.find("Partner events").expect("partner heading");
    let des = text.find("DES events").expect("DES heading");
    assert!(partner < des, "partner events come first");
    assert!(text.contains("updateToken [partner, replies to onIdTokenDidExpire]"));
    assert!(text.contains("idToken    credential"));
    assert!(text.contains("target_date    date, optional"));
    assert!(text.contains("Dream (object)"));
}

#[test]
fn list_json_is_a_catalog() {
    let output = run(&["list", "--json"], "");
    assert_eq!(status(&output), 0);
    let document: Value = serde_json::from_str(&stdout(&output)).expect("one JSON document");
    let catalogs = document["catalogs"].as_array().expect("catalogs");
    assert_eq!(catalogs.len(), 2);
    assert_eq!(catalogs[0]["direction"], "partner");
    assert_eq!(catalogs[1]["direction"], "des");
    let events = |index: usize| {
        catalogs[index]["events"]
            .as_array()
            .expect("events")
            .clone()
    };
    assert_eq!(events(0).len(), 11);
    assert_eq!(events(1).len(), 10);
    let update = events(0)
        .into_iter()
        .find(|event| event["event"] == "updateToken")
        .expect("updateToken");
    assert_eq!(update["reply_to"], "onIdTokenDidExpire");
    assert_eq!(update["fields"][1]["name"], "idToken");
    assert_eq!(update["fields"][1]["type"], "credential");
    assert_eq!(update["fields"][1]["credential"], true);
    let types = catalogs[1]["types"].as_array().expect("types");
    assert!(
        types
            .iter()
            .any(|def| def["name"] == "Money" && def["kind"] == "object")
    );
}
