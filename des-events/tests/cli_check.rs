//! Tests of `des-events check` at scale: order and line numbers across blocks and
//! threads, stdin against files, compressed input, the progress bar, `--summary`,
//! `--only-invalid`, `--quiet` and `--jobs`; receiver policies (`--policy`) and the
//! protocol check (`--protocol`) on the recorded interop fixture. The logs are generated
//! here from the samples, in the target's temporary directory.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

mod common;

use common::{root, run, status, stderr, stdout};

/// A log of `lines` lines cycling through the valid samples, with every invalid sample,
/// a blank line and a CRLF line among them now and then.
fn log(lines: usize) -> String {
    let valid = std::fs::read_to_string(root().join("samples/messages.jsonl")).expect("sample");
    let invalid = std::fs::read_to_string(root().join("samples/invalid.jsonl")).expect("sample");
    let valid: Vec<&str> = valid.lines().filter(|l| !l.trim().is_empty()).collect();
    let invalid: Vec<&str> = invalid.lines().filter(|l| !l.trim().is_empty()).collect();
    let mut text = String::new();
    for index in 0..lines {
        match index % 997 {
            0 => text.push('\n'),
            1 => {
                text.push_str(valid[index % valid.len()]);
                text.push_str("\r\n");
            }
            n if n < 2 + invalid.len() => {
                text.push_str(invalid[n - 2]);
                text.push('\n');
            }
            _ => {
                text.push_str(valid[index % valid.len()]);
                text.push('\n');
            }
        }
    }
    text
}

/// A fresh directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("cli_check-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create the scratch directory");
    dir
}

/// Runs the binary with `args` and stdin from `input`, with extra environment.
fn run_with(args: &[&str], input: Option<&Path>, env: &[(&str, &str)]) -> Output {
    let stdin = match input {
        Some(path) => Stdio::from(std::fs::File::open(path).expect("open the input")),
        None => Stdio::null(),
    };
    Command::new(env!("CARGO_BIN_EXE_des-events"))
        .args(args)
        .envs(env.iter().copied())
        .current_dir(root())
        .stdin(stdin)
        .output()
        .expect("the des-events binary runs")
}

/// Runs the binary with `input` written to its stdin through a pipe, from another
/// thread (the output is larger than a pipe's buffer).
fn run_piped(args: &[&str], input: &str) -> Output {
    use std::io::Write as _;
    let mut child = Command::new(env!("CARGO_BIN_EXE_des-events"))
        .args(args)
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the des-events binary starts");
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let input = input.to_owned();
    let writer = std::thread::spawn(move || {
        // Small writes, so that the tool sees the input arrive in pieces.
        for piece in input.as_bytes().chunks(10_000) {
            stdin.write_all(piece).expect("write stdin");
        }
    });
    let output = child.wait_with_output().expect("the binary runs");
    writer.join().expect("the writer thread");
    output
}

fn path(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

#[test]
fn stdin_and_file_give_the_same_output_in_order_on_several_threads() {
    let dir = scratch("order");
    // About 4 MiB: several blocks of about 1 MiB, so several threads each get some.
    let text = log(30_000);
    assert!(text.len() > 4 << 20, "{}", text.len());
    let file = dir.join("log.jsonl");
    std::fs::write(&file, &text).expect("write the log");
    let name = path(&file);
    for json in [false, true] {
        let mut args = vec!["check"];
        if json {
            args.push("--json");
        }
        let from_file = run_with(&[&args[..], &["--jobs", "4", name]].concat(), None, &[]);
        let from_stdin = run_with(&[&args[..], &["--jobs", "4"]].concat(), Some(&file), &[]);
        let single = run_with(&[&args[..], &["--jobs", "1", name]].concat(), None, &[]);
        assert_eq!(status(&from_file), 1, "{}", stderr(&from_file));
        assert_eq!(status(&from_stdin), 1);
        let (file_out, stdin_out) = (stdout(&from_file), stdout(&from_stdin));
        assert!(file_out == stdout(&single), "--jobs 4 and --jobs 1 differ");
        assert_eq!(
            file_out.lines().count(),
            30_000 - 31,
            "one result per non-blank line"
        );
        let renamed = if json {
            stdin_out.replace("{\"file\":\"-\",", &format!("{{\"file\":{name:?},"))
        } else {
            stdin_out
                .lines()
                .map(|line| format!("{name}{}\n", line.strip_prefix('-').unwrap_or(line)))
                .collect()
        };
        assert!(file_out == renamed, "stdin and file outputs differ");
        assert_eq!(stderr(&from_file), stderr(&from_stdin));
        // Through a pipe, reads come back short and blocks are cut as data arrives.
        let piped = run_piped(&[&args[..], &["--jobs", "4"]].concat(), &text);
        assert!(
            stdout(&piped) == stdout(&from_stdin),
            "a pipe reads differently"
        );
        // Every non-blank line once, in order, with its own number.
        let blank: Vec<usize> = text
            .lines()
            .enumerate()
            .filter(|(_, line)| line.trim().is_empty())
            .map(|(index, _)| index + 1)
            .collect();
        let numbers: Vec<usize> = file_out
            .lines()
            .map(|line| {
                if json {
                    let record: Value = serde_json::from_str(line).expect("a JSON line");
                    record["line"].as_u64().expect("a line number") as usize
                } else {
                    let rest = line.strip_prefix(name).expect("the file name");
                    let number = rest[1..].split(':').next().expect("a number");
                    number.parse().expect("a line number")
                }
            })
            .collect();
        let expected: Vec<usize> = (1..=30_000).filter(|n| !blank.contains(n)).collect();
        assert!(numbers == expected, "line numbers out of order");
    }
}

#[test]
fn line_numbers_restart_for_each_input_in_order() {
    let dir = scratch("inputs");
    let first = dir.join("first.jsonl");
    let second = dir.join("second.jsonl");
    std::fs::write(&first, log(9_000)).expect("write");
    std::fs::write(&second, log(5)).expect("write");
    let output = run_with(
        &[
            "check",
            "--jobs",
            "3",
            path(&first),
            path(&second),
            path(&first),
        ],
        None,
        &[],
    );
    let out = stdout(&output);
    let names: Vec<&str> = out
        .lines()
        .map(|line| line.split(':').next().unwrap_or(""))
        .collect();
    let switches: Vec<usize> = (1..names.len())
        .filter(|&i| names[i] != names[i - 1])
        .collect();
    assert_eq!(
        switches.len(),
        2,
        "the inputs are reported one after the other"
    );
    assert_eq!(names[switches[0]], path(&second));
    assert!(
        out.lines()
            .nth(switches[0])
            .is_some_and(|line| line.contains(":2: "))
    );
    assert!(
        out.lines()
            .nth(switches[1])
            .is_some_and(|line| line.contains(":2: "))
    );
}

#[test]
fn gzip_and_zstd_logs_are_read_transparently() {
    use std::io::Write as _;
    let dir = scratch("compressed");
    let text = log(3_000);
    let plain = dir.join("log.jsonl");
    std::fs::write(&plain, &text).expect("write");
    let gz = dir.join("log.jsonl.gz");
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(text.as_bytes()).expect("compress");
    let mut gz_bytes = encoder.finish().expect("compress");
    std::fs::write(&gz, &gz_bytes).expect("write");
    let zst = dir.join("log.jsonl.zst");
    let zst_bytes = zstd::encode_all(text.as_bytes(), 1).expect("compress");
    std::fs::write(&zst, &zst_bytes).expect("write");
    // The format comes from the content, not the name.
    let unnamed = dir.join("log.bin");
    std::fs::write(&unnamed, &zst_bytes).expect("write");

    let expected = run_with(&["check", "--json", path(&plain)], None, &[]);
    assert_eq!(status(&expected), 1);
    let expected_out = stdout(&expected);
    for file in [&gz, &zst, &unnamed] {
        let output = run_with(&["check", "--json", path(file)], None, &[]);
        assert_eq!(status(&output), 1, "{}", stderr(&output));
        let out = stdout(&output).replace(path(file), path(&plain));
        assert!(out == expected_out, "{} reads differently", file.display());
        assert_eq!(stderr(&output), stderr(&expected));
        // On stdin too.
        let output = run_with(&["check", "--json"], Some(file), &[]);
        let out =
            stdout(&output).replace("\"file\":\"-\"", &format!("\"file\":{:?}", path(&plain)));
        assert!(
            out == expected_out,
            "{} on stdin reads differently",
            file.display()
        );
    }

    // A truncated gzip log: the lines before the damage are reported, then the input
    // is unreadable (exit 2).
    gz_bytes.truncate(gz_bytes.len() / 2);
    let truncated = dir.join("truncated.jsonl.gz");
    std::fs::write(&truncated, &gz_bytes).expect("write");
    let output = run_with(&["check", path(&truncated)], None, &[]);
    assert_eq!(status(&output), 2);
    assert!(stdout(&output).lines().count() > 100);
    assert!(
        stderr(&output).contains("cannot read"),
        "{}",
        stderr(&output)
    );
    assert!(stderr(&output).contains("1 input could not be read"));
}

#[test]
fn no_progress_bar_when_stderr_is_not_a_terminal() {
    let dir = scratch("progress");
    let file = dir.join("log.jsonl");
    let text = log(20_000);
    let lines = text.lines().filter(|line| !line.trim().is_empty()).count();
    std::fs::write(&file, &text).expect("write");
    // No delay: the bar would show at once on a terminal.
    let env = [("DES_EVENTS_PROGRESS_DELAY_MS", "0")];
    for jobs in ["1", "2"] {
        let output = run_with(&["check", "--jobs", jobs, path(&file)], None, &env);
        let err = stderr(&output);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.starts_with(&format!("{lines} lines: ")), "{err}");
        assert!(!err.contains('\r') && !err.contains('\u{1b}'), "{err:?}");
    }
    // On a terminal (util-linux `script` gives one, when it is installed), it shows,
    // unless `--quiet`.
    let script = Path::new("/usr/bin/script");
    if !script.exists() {
        return;
    }
    let bin = env!("CARGO_BIN_EXE_des-events");
    for (quiet, shows) in [("", true), ("--quiet", false)] {
        let command = format!("{bin} check {quiet} --jobs 1 {} > /dev/null", path(&file));
        let output = Command::new(script)
            .args(["-qec", &command, "/dev/null"])
            .envs(env)
            .stdin(Stdio::null())
            .output()
            .expect("script runs");
        let terminal = String::from_utf8_lossy(&output.stdout);
        assert_eq!(terminal.contains(" lines"), shows, "{quiet}: {terminal:?}");
        assert_eq!(terminal.contains("ETA"), shows, "{quiet}: {terminal:?}");
    }
}

#[test]
fn summary_table_groups_errors() {
    let output = run(
        &[
            "check",
            "--summary",
            "samples/invalid.jsonl",
            "samples/messages.jsonl",
        ],
        "",
    );
    assert_eq!(status(&output), 1);
    let out = stdout(&output);
    let table = &out[out.find("\nsummary: ").expect("a summary")..];
    assert!(
        table.contains("summary: 31 lines, 23 valid, 8 invalid"),
        "{table}"
    );
    assert!(table.contains("(no known event)"), "{table}");
    let row = table
        .lines()
        .find(|line| line.contains("onAccountRequested ") && line.contains("des"))
        .expect("a row for onAccountRequested");
    let counts: Vec<&str> = row.split_whitespace().collect();
    assert_eq!(counts, ["onAccountRequested", "des", "2", "1"], "{row}");
    let group = table
        .lines()
        .find(|line| line.contains("message.dream.user.id"))
        .expect("a group");
    assert!(
        group.contains("wrong_type") && group.ends_with("samples/invalid.jsonl:5"),
        "{group}"
    );
}

#[test]
fn summary_json_is_one_final_object() {
    let input = "{\"event\":\"nope\",\"message\":{}}\n{\"event\":\"nope\",\"message\":{}}\n{\"event\":\"onIdTokenDidExpire\",\"message\":{}}\n{\"event\":\"sessionKeepAlive\",\"message\":{}}\n";
    let output = run(&["check", "--json", "--summary", "--only-invalid"], input);
    assert_eq!(status(&output), 1);
    let out = stdout(&output);
    let lines: Vec<Value> = out
        .lines()
        .map(|line| serde_json::from_str(line).expect("JSON lines"))
        .collect();
    // Three invalid lines, then the summary.
    assert_eq!(lines.len(), 4);
    assert!(lines[..3].iter().all(|line| line["valid"] == false));
    let summary = &lines[3]["summary"];
    assert_eq!(lines[3].as_object().map(|o| o.len()), Some(1));
    assert_eq!(
        (summary["lines"].as_u64(), summary["valid"].as_u64()),
        (Some(4), Some(1))
    );
    let errors = summary["errors"].as_array().expect("errors");
    assert_eq!(errors.len(), 2);
    assert_eq!(errors[0]["event"], "nope");
    assert_eq!(errors[0]["kind"], "unknown_event");
    assert_eq!(errors[0]["count"], 2);
    assert_eq!(errors[0]["first"]["line"], 1);
    assert_eq!(errors[0]["first"]["file"], "-");
    assert_eq!(errors[1]["path"], "message.requestId");
    assert_eq!(errors[1]["pointer"], "/message/requestId");
    let events = summary["events"].as_array().expect("events");
    assert!(
        events
            .iter()
            .any(|row| row["event"] == "sessionKeepAlive" && row["valid"] == 1)
    );
    assert!(
        events
            .iter()
            .any(|row| row["event"].is_null() && row["invalid"] == 2)
    );
}

#[test]
fn only_invalid_and_quiet() {
    let output = run(
        &[
            "check",
            "--only-invalid",
            "--quiet",
            "samples/messages.jsonl",
            "samples/invalid.jsonl",
        ],
        "",
    );
    assert_eq!(status(&output), 1);
    let out = stdout(&output);
    assert_eq!(out.lines().count(), 8, "{out}");
    assert!(
        out.lines()
            .all(|line| line.starts_with("samples/invalid.jsonl:"))
    );
    assert_eq!(stderr(&output), "");
    let output = run(&["check", "--only-invalid", "samples/messages.jsonl"], "");
    assert_eq!(status(&output), 0);
    assert_eq!(stdout(&output), "");
    assert_eq!(stderr(&output).trim(), "23 lines: 23 valid, 0 invalid");
}

#[test]
fn jobs_must_be_positive() {
    let output = run(&["check", "--jobs", "0", "samples/messages.jsonl"], "");
    assert_eq!(status(&output), 2);
    let output = run(&["check", "--help"], "");
    let help = stdout(&output);
    for option in [
        "--jobs",
        "--summary",
        "--only-invalid",
        "--quiet",
        "gzip",
        "--policy",
        "--protocol",
    ] {
        assert!(help.contains(option), "--help lacks {option}");
    }
}

// ---------------------------------------------------------------------------------------
// Receiver policies and the protocol check, on what the deployed web SDK sends.

/// The recorded interop fixture and its expected verdicts.
const INTEROP: &str = "tests/interop/web-sdk-1.5.0.jsonl";

fn interop_expected() -> Value {
    let text = std::fs::read_to_string(root().join("tests/interop/web-sdk-1.5.0.expected.json"))
        .expect("the expected verdicts");
    serde_json::from_str(&text).expect("JSON")
}

/// The `--json` line records (not findings, not the summary).
fn line_records(out: &str) -> Vec<Value> {
    out.lines()
        .map(|line| serde_json::from_str::<Value>(line).expect("a JSON line"))
        .filter(|record| record.get("valid").is_some())
        .collect()
}

/// An invalid line: `(line, kind, pointer)`.
type Rejected = (u64, String, String);

/// A line with warnings: `(line, [[kind, pointer], ...])`.
type Tolerated = (u64, Vec<Value>);

/// Every invalid line, and every line with warnings, as `--json` reports them.
fn verdicts(records: &[Value]) -> (Vec<Rejected>, Vec<Tolerated>) {
    let mut invalid = Vec::new();
    let mut warned = Vec::new();
    for record in records {
        let line = record["line"].as_u64().expect("a line number");
        if record["valid"] == false {
            invalid.push((
                line,
                record["kind"].as_str().unwrap_or_default().to_owned(),
                record["pointer"].as_str().unwrap_or_default().to_owned(),
            ));
        }
        let warnings = record["warnings"]
            .as_array()
            .expect("always a warnings array");
        if !warnings.is_empty() {
            let pairs = warnings
                .iter()
                .map(|warning| serde_json::json!([warning["kind"], warning["pointer"]]))
                .collect();
            warned.push((line, pairs));
        }
    }
    (invalid, warned)
}

/// The expected invalid lines under `policy` (`strict` or `tolerant`).
fn expected_invalid(expected: &Value, policy: &str) -> Vec<Rejected> {
    expected["lines"]
        .as_array()
        .expect("lines")
        .iter()
        .filter(|line| line[policy] != "valid")
        .map(|line| {
            (
                line["line"].as_u64().expect("a number"),
                line[policy]["error"].as_str().expect("a kind").to_owned(),
                line[policy]["pointer"]
                    .as_str()
                    .expect("a pointer")
                    .to_owned(),
            )
        })
        .collect()
}

#[test]
fn interop_fixture_under_the_strict_policy() {
    let expected = interop_expected();
    for args in [
        vec!["check", "--json", INTEROP],
        vec!["check", "--json", "--policy", "strict", INTEROP],
    ] {
        let output = run(&args, "");
        assert_eq!(status(&output), 1, "{args:?}");
        let records = line_records(&stdout(&output));
        assert_eq!(records.len(), 20);
        let (invalid, warned) = verdicts(&records);
        assert_eq!(invalid, expected_invalid(&expected, "strict"));
        // A declared legacy value is read, with a warning, under every policy.
        assert_eq!(
            warned,
            [(
                12,
                vec![serde_json::json!(["legacy_value", "/message/reason"])]
            )]
        );
    }
}

#[test]
fn interop_fixture_under_the_tolerant_policy() {
    let expected = interop_expected();
    let output = run(&["check", "--json", "--policy", "tolerant", INTEROP], "");
    assert_eq!(status(&output), 1);
    let records = line_records(&stdout(&output));
    let (invalid, warned) = verdicts(&records);
    assert_eq!(invalid, expected_invalid(&expected, "tolerant"));
    let expected_warned: Vec<Tolerated> = expected["lines"]
        .as_array()
        .expect("lines")
        .iter()
        .filter(|line| line["warnings"].as_array().is_some_and(|w| !w.is_empty()))
        .map(|line| {
            let warnings = line["warnings"].as_array().expect("warnings").clone();
            (line["line"].as_u64().expect("a number"), warnings)
        })
        .collect();
    assert_eq!(warned, expected_warned);
    // Each warning has its readable path and its message too.
    let warning = &records[5]["warnings"][0];
    assert_eq!(warning["path"], "message.callbackPath");
    assert_eq!(warning["kind"], "unknown_field");
    assert!(
        warning["message"]
            .as_str()
            .is_some_and(|m| m.contains("callbackPath"))
    );

    // The human form: the `ok` line with the count, then one indented line per warning.
    let output = run(&["check", "--policy", "tolerant", INTEROP], "");
    let out = stdout(&output);
    let lines: Vec<&str> = out.lines().collect();
    let at = lines
        .iter()
        .position(|line| line.starts_with(&format!("{INTEROP}:6: ")))
        .expect("line 6");
    assert_eq!(
        lines[at],
        format!("{INTEROP}:6: ok (3 warnings) partner investmentAccountProvisionInitiated")
    );
    assert_eq!(
        lines[at + 1],
        "  warning: unknown_field at message.callbackPath: unknown field `callbackPath` dropped"
    );
    assert!(lines[at + 3].starts_with("  warning: unknown_field at message.errorUrl"));
    assert_eq!(
        stderr(&output).trim(),
        "20 lines: 16 valid (2 with warnings), 4 invalid"
    );
}

#[test]
fn interop_fixture_protocol_findings() {
    let expected = interop_expected();
    for policy in ["strict", "tolerant"] {
        let output = run(
            &["check", "--json", "--protocol", "--policy", policy, INTEROP],
            "",
        );
        assert_eq!(status(&output), 1);
        let out = stdout(&output);
        let records: Vec<Value> = out
            .lines()
            .map(|line| serde_json::from_str(line).expect("a JSON line"))
            .collect();
        let findings: Vec<Value> = records
            .iter()
            .filter(|record| record.get("protocol").is_some())
            .map(|finding| {
                serde_json::json!({
                    "line": finding["line"],
                    "kind": finding["protocol"],
                    "event": finding["event"],
                    "request_line": finding["request"]["line"],
                })
            })
            .collect();
        assert_eq!(Value::from(findings), expected["protocol"], "{policy}");
        // Each reply's finding comes right after its line; the unanswered requests come
        // after the last line.
        for (index, record) in records.iter().enumerate() {
            if record["protocol"] == "echo_mismatch" {
                assert_eq!(records[index - 1]["line"], record["line"]);
                assert!(records[index - 1].get("valid").is_some());
                assert_eq!(
                    record["request"]["event"]
                        .as_str()
                        .map(|e| e.ends_with("Requested")),
                    Some(true)
                );
            }
        }
        let last_line = records
            .iter()
            .rposition(|record| record.get("valid").is_some())
            .expect("lines");
        assert_eq!(last_line, 19 + 4, "{out}");
        assert!(
            records[last_line + 1..]
                .iter()
                .all(|record| record["protocol"] == "unanswered")
        );
    }

    let output = run(&["check", "--protocol", "--only-invalid", INTEROP], "");
    let out = stdout(&output);
    assert!(out.contains(&format!(
        "{INTEROP}:10: protocol echo_mismatch: onAccountRequestedSucceeded: reply to onAccountRequested #9: requestId is missing\n"
    )), "{out}");
    assert!(out.ends_with(&format!(
        "{INTEROP}:17: protocol unanswered: onTransferConsentRequested: never answered (requestId \"e2c9b4d7-5a1f-4c3e-9d8b-0f7a6e2c5d19\", consentId \"6a9d2f0c-8e3b-4d71-a5c4-1b7e9f2d3a60\")\n"
    )), "{out}");
    assert_eq!(
        stderr(&output).trim(),
        "20 lines: 15 valid (1 with warnings), 5 invalid; 8 protocol findings"
    );
}

#[test]
fn protocol_findings_exit_1_even_when_every_line_is_valid() {
    // A valid request and a valid reply that echoes another id.
    let log = concat!(
        r#"{"event":"onIdTokenDidExpire","message":{"requestId":"7c0e9a52-3f1b-4d8e-a2c6-5b9f0d1e4a73"}}"#,
        "\n\n",
        r#"{"event":"updateToken","message":{"requestId":"1e5b8c3d-9a27-4f60-b8d1-3c7e2a9f5b04","idToken":"eyJ.SECRET-TOKEN.sig"}}"#,
        "\n",
    );
    let output = run(&["check", "-q", log_path("mismatch", log).as_str()], "");
    assert_eq!(status(&output), 0, "{}", stdout(&output));
    let path = log_path("mismatch", log);
    let output = run(
        &["check", "-q", "--protocol", "--jobs", "1", path.as_str()],
        "",
    );
    assert_eq!(status(&output), 1);
    let out = stdout(&output);
    // The blank line counts: the reply is line 3, and its request line 1.
    assert!(
        out.contains(":3: protocol echo_mismatch: updateToken: reply to onIdTokenDidExpire #1: requestId does not echo"),
        "{out}"
    );
    assert!(
        out.contains(":1: protocol unanswered: onIdTokenDidExpire"),
        "{out}"
    );
    assert!(!out.contains("SECRET"), "{out}");
}

/// Writes `text` to a fresh file for test `name`; its path.
fn log_path(name: &str, text: &str) -> String {
    let dir = scratch(name);
    let file = dir.join("log.jsonl");
    std::fs::write(&file, text).expect("write the log");
    path(&file).to_owned()
}

#[test]
fn one_conversation_per_input_in_order_on_several_threads() {
    let output = run(
        &[
            "check",
            "--json",
            "--protocol",
            "--jobs",
            "3",
            INTEROP,
            "-",
            INTEROP,
        ],
        &std::fs::read_to_string(root().join(INTEROP)).expect("the fixture"),
    );
    assert_eq!(status(&output), 1);
    let records: Vec<Value> = stdout(&output)
        .lines()
        .map(|line| serde_json::from_str(line).expect("a JSON line"))
        .collect();
    // Per input: 20 lines, 4 echo findings, then 4 unanswered requests.
    assert_eq!(records.len(), 3 * 28);
    for (input, chunk) in records.chunks(28).enumerate() {
        let file = if input == 1 { "-" } else { INTEROP };
        assert!(chunk.iter().all(|record| record["file"] == file));
        assert!(
            chunk[24..]
                .iter()
                .all(|record| record["protocol"] == "unanswered")
        );
        assert_eq!(chunk[24]["line"], 9);
    }
}

#[test]
fn only_warnings_exit_0() {
    let fixture = std::fs::read_to_string(root().join(INTEROP)).expect("the fixture");
    let lines: Vec<&str> = fixture.lines().collect();
    // Line 6 (three unknown fields) and line 12 (a legacy value), and a valid line.
    let log = format!("{}\n{}\n{}\n", lines[5], lines[11], lines[0]);
    let file = log_path("warnings", &log);
    let output = run(&["check", "--policy", "tolerant", file.as_str()], "");
    assert_eq!(status(&output), 0, "{}", stdout(&output));
    let out = stdout(&output);
    assert_eq!(out.lines().count(), 3 + 4, "{out}");
    assert!(out.contains(":2: ok (1 warning) partner onAccountRequestedFailed\n  warning: legacy_value at message.reason"));
    assert_eq!(
        stderr(&output).trim(),
        "3 lines: 3 valid (2 with warnings), 0 invalid"
    );
    // `--only-invalid` leaves out valid lines, with warnings or without.
    let output = run(
        &[
            "check",
            "--policy",
            "tolerant",
            "--only-invalid",
            "-q",
            file.as_str(),
        ],
        "",
    );
    assert_eq!((status(&output), stdout(&output).as_str()), (0, ""));
    // Under the strict policy only the legacy value is read with a warning.
    let output = run(&["check", file.as_str()], "");
    assert_eq!(status(&output), 1);

    // The summary counts and groups the warnings.
    let output = run(
        &[
            "check",
            "--policy",
            "tolerant",
            "--summary",
            "--json",
            "-q",
            file.as_str(),
        ],
        "",
    );
    let out = stdout(&output);
    let summary: Value =
        serde_json::from_str(out.lines().last().expect("a summary")).expect("JSON");
    let summary = &summary["summary"];
    assert_eq!(
        (summary["warnings"].as_u64(), summary["protocol"].as_u64()),
        (Some(4), Some(0))
    );
    assert_eq!(summary["warned"], 2);
    assert_eq!(summary["warning_groups"].as_array().map(Vec::len), Some(4));
    assert_eq!(summary["warning_groups"][0]["first"]["line"], 1);
    let output = run(
        &[
            "check",
            "--policy",
            "tolerant",
            "--summary",
            "-q",
            file.as_str(),
        ],
        "",
    );
    let out = stdout(&output);
    assert_eq!(status(&output), 0, "{out}");
    assert!(
        out.contains("summary: 3 lines, 3 valid (2 with warnings), 0 invalid\n"),
        "{out}"
    );
    assert!(out.contains("\nwarnings:\n"), "{out}");
    assert!(out.contains("message.reason        legacy_value"), "{out}");
    // Out of their conversations, the two replies answer nothing, and the request
    // stays open: protocol findings, so exit 1.
    let output = run(
        &[
            "check",
            "--policy",
            "tolerant",
            "--protocol",
            "-q",
            "--summary",
            file.as_str(),
        ],
        "",
    );
    let out = stdout(&output);
    assert_eq!(status(&output), 1, "{out}");
    assert!(
        out.contains(
            "summary: 3 lines, 3 valid (2 with warnings), 0 invalid; 3 protocol findings\n"
        ),
        "{out}"
    );
    assert!(
        out.contains(":1: protocol unexpected_reply: investmentAccountProvisionInitiated"),
        "{out}"
    );
    assert!(out.contains("\nprotocol findings:\n"), "{out}");
}

#[test]
fn unknown_policies_are_usage_errors() {
    let output = run(&["check", "--policy", "bogus", INTEROP], "");
    assert_eq!(status(&output), 2);
    assert_eq!(stdout(&output), "");
    let err = stderr(&output);
    assert!(
        err.contains("invalid value 'bogus' for '--policy <POLICY>'"),
        "{err}"
    );
    assert!(err.contains("[possible values: strict, tolerant]"), "{err}");
}

#[test]
fn credentials_never_appear_in_any_output() {
    let secret = "eyJhbGciOiJSUzI1NiJ9.SECRET-IN-EXTRA.c2ln";
    let token = "eyJhbGciOiJSUzI1NiJ9.SECRET-TOKEN.c2ln";
    let log = [
        r#"{"event":"onIdTokenDidExpire","message":{"requestId":"7c0e9a52-3f1b-4d8e-a2c6-5b9f0d1e4a73"}}"#.to_owned(),
        // A reply with an extra field that holds a token, and a wrong id.
        format!(
            r#"{{"event":"updateToken","message":{{"requestId":"1e5b8c3d-9a27-4f60-b8d1-3c7e2a9f5b04","idToken":"{token}","session":{{"idToken":"{secret}"}}}}}}"#
        ),
        // An extra field holding a token on a message without credentials.
        format!(
            r#"{{"event":"investmentAccountProvisionInitiated","message":{{"requestId":"5f0c3b7e-8d21-4a6f-9b1e-2c7d4e8a9f10","accountId":"inv-acc-0042-7781","auth":{{"idToken":"{secret}"}}}}}}"#
        ),
        // An envelope-level extra member holding a token, on the right reply.
        format!(
            r#"{{"event":"updateToken","message":{{"requestId":"7c0e9a52-3f1b-4d8e-a2c6-5b9f0d1e4a73","idToken":"{token}"}},"idToken":"{secret}"}}"#
        ),
    ]
    .join("\n");
    let file = log_path("credentials", &log);
    for policy in ["strict", "tolerant"] {
        for extra in [
            &[][..],
            &["--json"][..],
            &["--protocol"][..],
            &["--json", "--protocol"][..],
        ] {
            let mut args = vec!["check", "--summary", "--policy", policy];
            args.extend_from_slice(extra);
            args.push(file.as_str());
            let output = run(&args, "");
            let (out, err) = (stdout(&output), stderr(&output));
            assert!(
                !out.contains("SECRET") && !err.contains("SECRET"),
                "{args:?}:\n{out}\n{err}"
            );
            if policy == "tolerant" {
                assert!(out.contains("unknown field `session` dropped"), "{out}");
                assert!(
                    out.contains("unknown envelope field `idToken` dropped"),
                    "{out}"
                );
            }
        }
    }
}
