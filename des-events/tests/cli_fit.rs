//! Tests of how the command-line tool fits a user's system: the shell completion scripts
//! (`completions SHELL`) and the man pages (`man`, `man --out DIR`), generated from the
//! clap definition; and the escaping of untrusted text (event names, keys, file names)
//! in human-readable output, so that a control sequence in a log or a schema never
//! reaches the terminal, while `--json` output stays `serde_json`'s.
#![cfg(feature = "cli")]

use std::path::Path;

mod common;

use common::{root, run, status, stderr, stdout};

/// The subcommands `des-events --help` lists (clap's `help` left out), checked to hold
/// the ones this file knows, so that a new subcommand is covered without editing here.
fn subcommands() -> Vec<String> {
    let output = run(&["--help"], "");
    assert_eq!(status(&output), 0);
    let help = stdout(&output);
    let names: Vec<String> = help
        .split("Commands:\n")
        .nth(1)
        .expect("a Commands section")
        .lines()
        .take_while(|line| line.starts_with("  "))
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_owned)
        .collect();
    for known in [
        "check",
        "expand",
        "list",
        "bridge",
        "diff",
        "api",
        "completions",
        "man",
    ] {
        assert!(names.iter().any(|name| name == known), "{known}: {help}");
    }
    names
}

/// A fresh directory for one test, in the target's temporary directory.
fn scratch(name: &str) -> std::path::PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("cli_fit-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create the scratch directory");
    dir
}

/// The bytes a terminal would obey: ESC, CR, backspace and the bidi overrides.
fn assert_terminal_safe(text: &str, what: &str) {
    for bad in [
        '\u{1b}', '\r', '\u{8}', '\u{7}', '\u{9b}', '\u{202a}', '\u{202e}', '\u{2066}', '\u{2069}',
    ] {
        assert!(
            !text.contains(bad),
            "{what} holds {:?}:\n{}",
            bad,
            text.escape_debug()
        );
    }
}

#[test]
fn bash_completions_name_every_subcommand_and_option() {
    let output = run(&["completions", "bash"], "");
    assert_eq!(status(&output), 0, "{}", stderr(&output));
    let script = stdout(&output);
    assert!(script.contains("complete -F _des__events"), "{script}");
    for name in subcommands() {
        assert!(script.contains(&name), "bash script lacks `{name}`");
    }
    // The nested `bridge` subcommands and the options of `check` too.
    for word in [
        "encode",
        "decode",
        "--only-invalid",
        "--policy",
        "--protocol",
    ] {
        assert!(script.contains(word), "bash script lacks `{word}`");
    }
    // The script parses (where bash is installed).
    if let Ok(mut bash) = std::process::Command::new("bash")
        .arg("-n")
        .stdin(std::process::Stdio::piped())
        .spawn()
    {
        use std::io::Write as _;
        let mut input = bash.stdin.take().expect("stdin is piped");
        input
            .write_all(script.as_bytes())
            .expect("bash reads the script");
        drop(input);
        assert!(bash.wait().expect("bash runs").success(), "bash -n failed");
    }
    // The value lists clap knows are offered.
    assert!(script.contains("strict tolerant"), "{script}");
    assert!(
        script.contains("bash elvish fish powershell zsh"),
        "{script}"
    );
}

#[test]
fn every_shell_gets_a_script_that_names_the_subcommands() {
    let marks = [
        ("zsh", "#compdef des-events"),
        ("fish", "complete -c des-events"),
        ("elvish", "edit:completion:arg-completer[des-events]"),
        ("powershell", "Register-ArgumentCompleter"),
    ];
    let names = subcommands();
    for (shell, mark) in marks {
        let output = run(&["completions", shell], "");
        assert_eq!(status(&output), 0, "{shell}: {}", stderr(&output));
        let script = stdout(&output);
        assert!(script.contains(mark), "{shell}: {script}");
        for name in &names {
            assert!(
                script.contains(name.as_str()),
                "{shell} script lacks `{name}`"
            );
        }
        assert!(script.contains("only-invalid"), "{shell}: {script}");
    }
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let output = run(&["completions", "tcsh"], "");
    assert_eq!(status(&output), 2);
    assert!(stdout(&output).is_empty());
    assert!(
        stderr(&output).contains("possible values"),
        "{}",
        stderr(&output)
    );
    let output = run(&["completions"], "");
    assert_eq!(status(&output), 2);
}

#[test]
fn the_man_page_on_stdout_lists_every_subcommand() {
    let output = run(&["man"], "");
    assert_eq!(status(&output), 0, "{}", stderr(&output));
    let page = stdout(&output);
    assert!(page.contains("\n.TH des-events 1 "), "{page}");
    for section in [".SH NAME", ".SH SYNOPSIS", ".SH OPTIONS", ".SH SUBCOMMANDS"] {
        assert!(page.contains(section), "{section}: {page}");
    }
    assert!(page.contains("des\\-events \\- Checks, expands"), "{page}");
    for name in subcommands() {
        // roff escapes the hyphens; each subcommand points at its own page.
        let entry = format!("des\\-events\\-{}(1)", name.replace('-', "\\-"));
        assert!(page.contains(&entry), "man page lacks `{entry}`:\n{page}");
    }
    // clap's `help` subcommand is not a page of its own.
    assert!(!page.contains("des\\-events\\-help"), "{page}");
}

#[test]
fn man_out_writes_one_page_per_command() {
    let dir = scratch("man").join("man1");
    let dir_text = dir.to_str().expect("a UTF-8 path");
    let output = run(&["man", "--out", dir_text], "");
    assert_eq!(status(&output), 0, "{}", stderr(&output));
    let mut expected: Vec<String> = subcommands()
        .iter()
        .map(|name| format!("des-events-{name}.1"))
        .collect();
    expected.extend(
        [
            "des-events.1",
            "des-events-bridge-encode.1",
            "des-events-bridge-decode.1",
        ]
        .map(str::to_owned),
    );
    expected.sort();
    let mut written: Vec<String> = std::fs::read_dir(&dir)
        .expect("the directory was created")
        .map(|entry| {
            entry
                .expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    written.sort();
    assert_eq!(written, expected);
    // The written paths are printed, one per line.
    let printed = stdout(&output);
    let printed: Vec<&str> = printed.lines().collect();
    assert_eq!(printed.len(), expected.len(), "{printed:?}");
    for name in &expected {
        assert!(
            printed.contains(&dir.join(name).to_str().expect("a UTF-8 path")),
            "{name} not printed: {printed:?}"
        );
    }
    let check = std::fs::read_to_string(dir.join("des-events-check.1")).expect("the check page");
    assert!(check.contains(".TH des-events-check 1 "), "{check}");
    for option in [
        "\\-\\-only\\-invalid",
        "\\-\\-policy",
        "\\-\\-jobs",
        "strict",
        "tolerant",
    ] {
        assert!(
            check.contains(option),
            "check page lacks `{option}`:\n{check}"
        );
    }
    let completions =
        std::fs::read_to_string(dir.join("des-events-completions.1")).expect("the page");
    assert!(completions.contains("powershell"), "{completions}");
}

#[test]
fn man_out_into_a_file_is_an_io_error() {
    let dir = scratch("man-file");
    let file = dir.join("not-a-dir");
    std::fs::write(&file, "").expect("write a file");
    let output = run(&["man", "--out", file.to_str().expect("a UTF-8 path")], "");
    assert_eq!(status(&output), 2);
    assert!(
        stderr(&output).contains("des-events: cannot"),
        "{}",
        stderr(&output)
    );
}

/// An event name holding a colour sequence, a bidi override and a carriage return, and a
/// key holding ESC, as JSON escapes (the log line itself is plain ASCII).
const EVIL_LOG: &str = concat!(
    r#"{"event": "evil\u001b[31mred\u202e\r", "message": {}}"#,
    "\n",
    r#"{"event": "onPageReadyEvent", "message": {"k\u001b]0;title\u0007": 1}}"#,
    "\n",
);

#[test]
fn check_escapes_control_characters_in_event_names_and_keys() {
    for policy in ["strict", "tolerant"] {
        let output = run(&["check", "--summary", "--policy", policy], EVIL_LOG);
        let text = stdout(&output);
        assert!(!output.stdout.contains(&0x1b), "ESC on stdout: {text:?}");
        assert_terminal_safe(&text, "stdout");
        assert_terminal_safe(&stderr(&output), "stderr");
        // Shown as `char::escape_debug` shows them, the rest of the name readable.
        assert!(text.contains(r"evil\u{1b}[31mred\u{202e}\r"), "{text}");
        assert!(text.contains("onPageReadyEvent"), "{text}");
        assert!(text.contains(r"\u{7}"), "{text}");
        // One result line per input line: the CR started no line of its own.
        assert!(text.starts_with("-:1: "), "{text}");
        assert!(text.contains("\n-:2: "), "{text}");
    }
}

#[test]
fn check_json_output_is_left_to_serde_json() {
    let output = run(&["check", "--json"], EVIL_LOG);
    assert_eq!(status(&output), 1);
    assert!(!output.stdout.contains(&0x1b));
    let text = stdout(&output);
    let first: serde_json::Value =
        serde_json::from_str(text.lines().next().expect("a line")).expect("JSON");
    // The value is the name as received, not our escaped text.
    assert_eq!(first["event"], "evil\u{1b}[31mred\u{202e}\r");
    assert!(text.contains(r"evil\u001b[31mred"), "{text}");
}

#[test]
fn check_escapes_the_file_name() {
    let dir = scratch("file-name");
    let file = dir.join("log\u{1b}[2J\u{202e}.jsonl");
    std::fs::write(
        &file,
        "{\"event\": \"onPageReadyEvent\", \"message\": {}}\n{}\n",
    )
    .expect("write the log");
    let output = run(&["check", "--summary", file.to_str().expect("UTF-8")], "");
    assert_eq!(status(&output), 1, "{}", stderr(&output));
    assert_terminal_safe(&stdout(&output), "stdout");
    assert!(stdout(&output).contains(r"log\u{1b}[2J\u{202e}.jsonl:1: ok"));
    let missing = dir.join("gone\u{1b}[31m.jsonl");
    let output = run(&["check", missing.to_str().expect("UTF-8")], "");
    assert_eq!(status(&output), 2);
    assert_terminal_safe(&stderr(&output), "stderr");
    assert!(
        stderr(&output).contains(r"gone\u{1b}[31m.jsonl"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn diff_text_escapes_names_from_the_schema() {
    let schema = std::fs::read_to_string(root().join("schema/des-events.schema.json"))
        .expect("the bundled schema");
    let evil = schema.replace(
        "\"onPageReadyEvent\"",
        "\"onPage\\u001b[31mReady\\u202eEvent\"",
    );
    assert_ne!(schema, evil);
    let dir = scratch("diff");
    let new = dir.join("schema.json");
    std::fs::write(&new, evil).expect("write the schema");
    let new = new.to_str().expect("UTF-8");
    let output = run(&["diff", "schema/des-events.schema.json", new], "");
    assert_eq!(status(&output), 1, "{}", stderr(&output));
    let text = stdout(&output);
    assert_terminal_safe(&text, "stdout");
    assert!(
        text.contains(r"event_added onPage\u{1b}[31mReady\u{202e}Event event: "),
        "{text}"
    );
    // The JSON report holds the name as it is.
    let output = run(
        &["diff", "--json", "schema/des-events.schema.json", new],
        "",
    );
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    let added = report["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .find(|change| change["kind"] == "event_added")
        .expect("an added event");
    assert_eq!(added["event"], "onPage\u{1b}[31mReady\u{202e}Event");
}

#[test]
fn schema_diagnostics_on_stderr_are_escaped_line_by_line() {
    let dir = scratch("diagnostics");
    let schema = dir.join("schema.json");
    std::fs::write(
        &schema,
        "{\"title\": \"T\", \"type\": \"object\", \"properties\": {\"a\\u001b[31m\": {\"type\": \"bogus\"}}}",
    )
    .expect("write the schema");
    let output = run(&["api", schema.to_str().expect("UTF-8")], "");
    assert_eq!(status(&output), 2, "{}", stdout(&output));
    let errors = stderr(&output);
    assert_terminal_safe(&errors, "stderr");
    assert!(errors.contains(r"a\u{1b}[31m"), "{errors}");
}

#[test]
fn bridge_errors_escape_the_handler_name() {
    let output = run(&["bridge", "decode", "on\u{1b}[31mX\nforged", "{}"], "");
    assert_eq!(status(&output), 1);
    let errors = stderr(&output);
    assert_terminal_safe(&errors, "stderr");
    // The name's line break is shown, not obeyed.
    assert_eq!(errors.lines().count(), 1, "{errors}");
    assert!(errors.contains(r"on\u{1b}[31mX\nforged"), "{errors}");
}
