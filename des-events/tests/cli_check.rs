//! Tests of `des-events check` at scale: order and line numbers across blocks and
//! threads, stdin against files, compressed input, the progress bar, `--summary`,
//! `--only-invalid`, `--quiet` and `--jobs`. The logs are generated here from the
//! samples, in the target's temporary directory.

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
    for option in ["--jobs", "--summary", "--only-invalid", "--quiet", "gzip"] {
        assert!(help.contains(option), "--help lacks {option}");
    }
}
