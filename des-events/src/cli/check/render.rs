//! Judging a block of lines and writing their results into a byte buffer: one line per
//! input line, human-readable or `--json`, in the formats docs/cli.md documents.
//!
//! A valid line's result is the input's name, the line number and a suffix fixed per
//! event, all prepared once ([`Layout`]), so the valid path formats one integer and
//! allocates nothing. Lines with warnings, invalid lines and protocol findings go
//! through `serde_json` and `write!`.
//!
//! With `--protocol`, the workers also read each line that names a known event into a
//! [`serde_json::Value`] ([`Observation`]); the conversation itself runs in the ordered
//! output stage (`super::protocol`), which writes its findings after the line's result.
//!
//! Text output quotes the log (event names, keys, values in messages) and the command
//! line (file names): every such piece goes through [`escape`], so that a control
//! sequence in a log never reaches the terminal. `--json` output is left to `serde_json`,
//! which escapes control characters itself.

use std::io::Write as _;

use des_events::protocol::Finding;
use des_events::{Policy, Warning};
use des_events_core::terminal::escape;
use serde::Serialize;
use serde_json::Value;

use super::super::Bundled;
use super::super::verdict::{self, Known, Verdict, Warned};
use super::input::Block;
use super::summary::Tally;

/// The byte order mark, skipped at the start of an input.
const BOM: &[u8] = "\u{feff}".as_bytes();

/// What to print for each line.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// One JSON object per line.
    pub json: bool,
    /// Only the invalid lines (and protocol findings): no valid line, with warnings or
    /// without.
    pub only_invalid: bool,
    /// The receiver policy that lines are judged under.
    pub policy: Policy,
    /// Collect [`Observation`]s for the protocol check.
    pub protocol: bool,
}

/// A line that names a known event, for the protocol check: read by a worker, observed
/// by the output stage in input order.
#[derive(Debug)]
pub struct Observation {
    /// The line number.
    pub line: usize,
    /// Where the line's result ends in the block's output, so that findings about it are
    /// written right after it.
    pub end: usize,
    /// The event (and so the side that sent it).
    pub known: Known,
    /// The envelope's `message`, as a raw value (it may be invalid).
    pub message: Option<Value>,
}

/// The fixed parts of every result line, prepared once.
#[derive(Debug)]
pub struct Layout {
    options: Options,
    /// Each input's name as shown in text output.
    shown: Vec<String>,
    /// What starts a result line, per input: `name:` or `{"file":"name","line":`.
    prefixes: Vec<Vec<u8>>,
    /// What follows the line number of a valid line, by [`Known::id`].
    valid: Vec<Vec<u8>>,
}

impl Layout {
    /// The layout for inputs named `shown`.
    pub fn new(options: Options, shown: Vec<String>) -> Self {
        let prefixes = shown
            .iter()
            .map(|name| {
                if options.json {
                    let mut prefix = b"{\"file\":".to_vec();
                    let _ = serde_json::to_writer(&mut prefix, name);
                    prefix.extend_from_slice(b",\"line\":");
                    prefix
                } else {
                    format!("{}:", escape(name)).into_bytes()
                }
            })
            .collect();
        let valid = (0..Known::COUNT)
            .filter_map(Known::from_id)
            .map(|known| {
                let direction = known.direction.direction();
                if options.json {
                    let mut suffix = b",\"valid\":true,\"direction\":".to_vec();
                    let _ = serde_json::to_writer(&mut suffix, direction);
                    suffix.extend_from_slice(b",\"event\":");
                    let _ = serde_json::to_writer(&mut suffix, known.name());
                    suffix.extend_from_slice(b",\"warnings\":[]}\n");
                    suffix
                } else {
                    format!(": ok {direction} {}\n", escape(known.name())).into_bytes()
                }
            })
            .collect();
        Layout {
            options,
            shown,
            prefixes,
            valid,
        }
    }

    /// The inputs' names.
    pub fn shown(&self) -> &[String] {
        &self.shown
    }

    /// Judges every line of `block`, appends the results to `out` and counts them; with
    /// `--protocol`, appends the lines that name a known event to `observations`.
    pub fn check(
        &self,
        block: &Block,
        out: &mut Vec<u8>,
        observations: &mut Vec<Observation>,
    ) -> Tally {
        let mut tally = Tally::default();
        // One UTF-8 check for the whole block; a block with a bad line is checked line
        // by line, so that only that line is reported.
        let text = std::str::from_utf8(&block.bytes).ok();
        let mut number = block.first_line;
        let mut start = 0;
        let bytes = &block.bytes;
        while start < bytes.len() {
            let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |at| start + at);
            let (mut lo, mut hi) = (start, end);
            start = end + 1;
            if bytes[lo..hi].ends_with(b"\r") {
                hi -= 1;
            }
            if number == 1 && bytes[lo..hi].starts_with(BOM) {
                lo += BOM.len();
            }
            let line = &bytes[lo..hi];
            if line.iter().all(u8::is_ascii_whitespace) {
                tally.blank += 1;
            } else {
                // `lo` and `hi` are next to ASCII bytes or the BOM, so on char boundaries.
                let line = match text.and_then(|text| text.get(lo..hi)) {
                    Some(line) => Ok(line),
                    None => std::str::from_utf8(line),
                };
                let verdict = match line {
                    Ok(line) => verdict::judge(line, self.options.policy),
                    Err(err) => verdict::not_utf8(err),
                };
                self.record(verdict, block.input, number, out, &mut tally);
                if self.options.protocol
                    && let Ok(line) = line
                    && let Some((known, message)) = observed(line)
                {
                    observations.push(Observation {
                        line: number,
                        end: out.len(),
                        known,
                        message,
                    });
                }
            }
            number += 1;
        }
        tally
    }

    fn record(
        &self,
        verdict: Verdict,
        input: usize,
        line: usize,
        out: &mut Vec<u8>,
        tally: &mut Tally,
    ) {
        match verdict {
            Verdict::Valid(known) => {
                tally.valid(known);
                if !self.options.only_invalid {
                    out.extend_from_slice(self.prefixes.get(input).map_or(&[], Vec::as_slice));
                    out.extend_from_slice(itoa::Buffer::new().format(line).as_bytes());
                    out.extend_from_slice(self.valid.get(known.id()).map_or(&[], Vec::as_slice));
                }
            }
            Verdict::Warned(warned) => {
                if !self.options.only_invalid {
                    self.warned(&warned, input, line, out);
                }
                tally.warned(warned, input, line);
            }
            Verdict::Invalid(failure) => {
                let file = self.shown.get(input).map_or("", String::as_str);
                if self.options.json {
                    let record = Record {
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
                        warnings: Vec::new(),
                    };
                    // Writing to a `Vec` fails only if serializing does, which these
                    // plain fields cannot.
                    let _ = serde_json::to_writer(&mut *out, &record);
                    out.push(b'\n');
                } else {
                    let _ = writeln!(
                        out,
                        "{}:{line}: invalid: {}",
                        escape(file),
                        escape(&failure.message)
                    );
                }
                tally.invalid(failure, input, line);
            }
        }
    }
}

impl Layout {
    /// The result of a line accepted with warnings: the `ok` line and one indented line
    /// per warning, or one JSON object.
    fn warned(&self, warned: &Warned, input: usize, line: usize, out: &mut Vec<u8>) {
        let file = self.shown.get(input).map_or("", String::as_str);
        let direction = warned.known.map(|known| known.direction.direction());
        if self.options.json {
            let record = Record {
                file,
                line,
                valid: true,
                direction,
                event: Some(&warned.event),
                error: None,
                kind: None,
                path: None,
                pointer: None,
                column: None,
                warnings: warned.warnings.iter().map(WarningRecord::new).collect(),
            };
            let _ = serde_json::to_writer(&mut *out, &record);
            out.push(b'\n');
            return;
        }
        let file = escape(file);
        let count = warned.warnings.len();
        let noun = if count == 1 { "warning" } else { "warnings" };
        let _ = match (direction, warned.known) {
            (Some(direction), Some(known)) => writeln!(
                out,
                "{file}:{line}: ok ({count} {noun}) {direction} {}",
                escape(known.name())
            ),
            // The name is in the warning, quoted.
            _ => writeln!(out, "{file}:{line}: ok ({count} {noun}) (unknown event)"),
        };
        for warning in &warned.warnings {
            let _ = writeln!(out, "  warning: {}", escape(warning));
        }
    }
}

/// Writes a protocol finding about line `line` of `file` (the conversation numbers
/// messages by their line, so the finding's `#N` are line numbers too).
pub fn finding(json: bool, file: &str, finding: &Finding, out: &mut Vec<u8>) {
    if json {
        let record = FindingRecord {
            file,
            line: finding.seq(),
            protocol: finding.kind().as_str(),
            message: finding.message(),
            event: finding.event(),
            request: finding
                .request()
                .map(|(event, line)| RequestRecord { event, line }),
        };
        let _ = serde_json::to_writer(&mut *out, &record);
        out.push(b'\n');
    } else {
        let _ = writeln!(
            out,
            "{}:{}: protocol {}: {}: {}",
            escape(file),
            finding.seq(),
            finding.kind(),
            escape(finding.event()),
            escape(finding.message())
        );
    }
}

/// The event and message of a line for the protocol check: `None` unless the line is a
/// JSON object whose `event` is a known event name.
fn observed(line: &str) -> Option<(Known, Option<Value>)> {
    let Value::Object(mut members) = serde_json::from_str::<Value>(line).ok()? else {
        return None;
    };
    let name = members.get("event")?.as_str()?;
    let known = Bundled::ALL
        .into_iter()
        .find_map(|direction| Known::find(direction, name))?;
    Some((known, members.remove("message")))
}

/// One line of `--json` output. Valid lines without warnings are written from
/// [`Layout`]'s prepared parts, in the same key order.
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
    /// Always present; empty unless the policy tolerated something.
    warnings: Vec<WarningRecord<'a>>,
}

/// One warning of a `--json` line.
#[derive(Serialize)]
struct WarningRecord<'a> {
    path: String,
    pointer: String,
    kind: &'static str,
    message: &'a str,
}

impl<'a> WarningRecord<'a> {
    fn new(warning: &'a Warning) -> Self {
        WarningRecord {
            path: warning.path().to_string(),
            pointer: warning.pointer(),
            kind: warning.kind().as_str(),
            message: warning.message(),
        }
    }
}

/// One protocol finding of `--json` output.
#[derive(Serialize)]
struct FindingRecord<'a> {
    file: &'a str,
    line: usize,
    protocol: &'static str,
    message: &'a str,
    event: &'a str,
    request: Option<RequestRecord<'a>>,
}

/// The request a finding is about.
#[derive(Serialize)]
struct RequestRecord<'a> {
    event: &'a str,
    line: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The prepared valid-line output is what serializing a [`Record`] gives.
    #[test]
    fn prepared_valid_lines_match_the_record() {
        let shown = vec!["a \"quoted\" name.jsonl".to_owned()];
        let layout = Layout::new(
            Options {
                json: true,
                only_invalid: false,
                policy: Policy::Strict,
                protocol: false,
            },
            shown.clone(),
        );
        for id in 0..Known::COUNT {
            let known = Known::from_id(id).expect("an event");
            let mut out = Vec::new();
            let mut tally = Tally::default();
            layout.record(Verdict::Valid(known), 0, 42, &mut out, &mut tally);
            let record = Record {
                file: &shown[0],
                line: 42,
                valid: true,
                direction: Some(known.direction.direction()),
                event: Some(known.name()),
                error: None,
                kind: None,
                path: None,
                pointer: None,
                column: None,
                warnings: Vec::new(),
            };
            let mut expected = serde_json::to_vec(&record).expect("serializes");
            expected.push(b'\n');
            assert_eq!(
                String::from_utf8_lossy(&out),
                String::from_utf8_lossy(&expected)
            );
        }
    }
}
