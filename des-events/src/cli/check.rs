//! `des-events check`: reads JSON Lines from files or stdin, judges every non-blank line
//! and reports one result per line (human-readable or JSON) plus a summary on stderr.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::verdict::{self, Verdict};
use super::{Status, warn, write_failed};

/// Runs the subcommand; `files` empty means stdin.
pub fn run(files: &[PathBuf], json: bool) -> Status {
    let stdin = [PathBuf::from("-")];
    let files = if files.is_empty() { &stdin[..] } else { files };
    let mut out = io::stdout().lock();
    let mut tally = Tally::default();
    for file in files {
        let shown = file.display().to_string();
        let result = if file == Path::new("-") {
            check_stream(io::stdin().lock(), &shown, json, &mut out, &mut tally)
        } else {
            match File::open(file) {
                Ok(opened) => {
                    check_stream(BufReader::new(opened), &shown, json, &mut out, &mut tally)
                }
                Err(err) => Err(Failed::Read(err)),
            }
        };
        match result {
            Ok(()) => {}
            Err(Failed::Read(err)) => {
                warn(format_args!("des-events: cannot read `{shown}`: {err}"));
                tally.unreadable += 1;
            }
            Err(Failed::Write(err)) => return write_failed(&err),
        }
    }
    if let Err(err) = out.flush() {
        return write_failed(&err);
    }
    warn(format_args!("{}", tally.summary()));
    if tally.unreadable > 0 {
        Status::Error
    } else if tally.invalid > 0 {
        Status::Invalid
    } else {
        Status::Ok
    }
}

/// Counts over all inputs.
#[derive(Debug, Default)]
struct Tally {
    valid: usize,
    invalid: usize,
    blank: usize,
    unreadable: usize,
}

impl Tally {
    /// E.g. `23 lines: 23 valid, 0 invalid`.
    fn summary(&self) -> String {
        let lines = self.valid + self.invalid;
        let mut text = format!(
            "{lines} {}: {} valid, {} invalid",
            plural(lines, "line", "lines"),
            self.valid,
            self.invalid
        );
        if self.blank > 0 {
            let blank = plural(self.blank, "blank line", "blank lines");
            text.push_str(&format!(" ({} {blank} skipped)", self.blank));
        }
        if self.unreadable > 0 {
            let files = plural(self.unreadable, "input", "inputs");
            text.push_str(&format!("; {} {files} could not be read", self.unreadable));
        }
        text
    }
}

fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}

/// Why an input stopped early.
enum Failed {
    /// Reading the input failed: reported, and the other inputs still get checked.
    Read(io::Error),
    /// Writing stdout failed: nothing more can be reported.
    Write(io::Error),
}

/// Checks every line of one input.
fn check_stream(
    mut input: impl BufRead,
    shown: &str,
    json: bool,
    out: &mut impl Write,
    tally: &mut Tally,
) -> Result<(), Failed> {
    let mut buffer = Vec::new();
    let mut number = 0;
    loop {
        buffer.clear();
        if input.read_until(b'\n', &mut buffer).map_err(Failed::Read)? == 0 {
            return Ok(());
        }
        number += 1;
        let mut bytes = buffer.strip_suffix(b"\n").unwrap_or(&buffer);
        bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
        if number == 1 {
            bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
        }
        if bytes.iter().all(u8::is_ascii_whitespace) {
            tally.blank += 1;
            continue;
        }
        let verdict = match std::str::from_utf8(bytes) {
            Ok(line) => verdict::judge(line),
            Err(err) => verdict::not_utf8(err),
        };
        match &verdict {
            Verdict::Valid { .. } => tally.valid += 1,
            Verdict::Invalid(_) => tally.invalid += 1,
        }
        let written = if json {
            write_json(out, shown, number, &verdict)
        } else {
            write_human(out, shown, number, &verdict)
        };
        written.map_err(Failed::Write)?;
    }
}

/// `samples/messages.jsonl:3: ok des onAccountRequested`, or
/// `samples/invalid.jsonl:2: invalid: <message>`.
fn write_human(out: &mut impl Write, file: &str, line: usize, verdict: &Verdict) -> io::Result<()> {
    match verdict {
        Verdict::Valid { direction, event } => {
            writeln!(out, "{file}:{line}: ok {} {event}", direction.direction())
        }
        Verdict::Invalid(failure) => writeln!(out, "{file}:{line}: invalid: {}", failure.message),
    }
}

/// One line of `--json` output.
#[derive(Serialize)]
struct Record<'a> {
    file: &'a str,
    line: usize,
    valid: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    direction: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    event: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pointer: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
}

fn write_json(out: &mut impl Write, file: &str, line: usize, verdict: &Verdict) -> io::Result<()> {
    let record = match verdict {
        Verdict::Valid { direction, event } => Record {
            file,
            line,
            valid: true,
            direction: Some(direction.direction()),
            event: Some(event),
            error: None,
            kind: None,
            path: None,
            pointer: None,
            column: None,
        },
        Verdict::Invalid(failure) => Record {
            file,
            line,
            valid: false,
            direction: failure.direction.map(|direction| direction.direction()),
            event: failure.event.as_deref(),
            error: Some(&failure.message),
            kind: Some(failure.kind),
            path: failure.path.as_deref(),
            pointer: failure.pointer.as_deref(),
            column: failure.column,
        },
    };
    serde_json::to_writer(&mut *out, &record).map_err(io::Error::from)?;
    writeln!(out)
}
