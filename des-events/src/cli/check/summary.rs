//! What `check` counts: lines by verdict, lines per event, and problems grouped by
//! section, event, path and kind; the one-line tally on stderr and the `--summary`
//! table (or JSON object).
//!
//! Each block of lines is counted into its own [`Tally`], and the tallies are merged in
//! input order, so a group's first line is the first in the whole input. Errors,
//! warnings and protocol findings are the [`Section`]s; each is grouped, counted, merged
//! and printed the same way (protocol findings, counted by the ordered output stage, are
//! grouped by event and kind).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use des_events::protocol::Finding;
use des_events_core::terminal::escape;

use super::super::verdict::{Failure, Known, Warned};

/// At most this many distinct groups are kept; lines of later groups are only counted
/// (so that a log of ever-new unknown event names keeps memory bounded).
const MAX_GROUPS: usize = 1000;

/// Counts over some lines (a block, or every input once merged).
#[derive(Debug, Default)]
pub struct Tally {
    /// Valid lines (with warnings or without).
    pub valid: usize,
    /// Valid lines with warnings.
    pub warned: usize,
    /// Warnings, over all lines.
    pub warnings: usize,
    /// Invalid lines.
    pub invalid: usize,
    /// Protocol findings.
    pub findings: usize,
    /// Blank lines (skipped, but numbered).
    pub blank: usize,
    /// Inputs that could not be read to the end.
    pub unreadable: usize,
    /// `[valid, invalid]` lines per known event, by [`Known::id`] (empty until one is
    /// counted).
    events: Vec<[usize; 2]>,
    /// Invalid lines that name no known event.
    unknown_invalid: usize,
    /// Valid lines of an unknown event (kept by the tolerant policy).
    unknown_valid: usize,
    groups: BTreeMap<GroupKey, Group>,
    /// Lines in groups beyond [`MAX_GROUPS`], per section.
    overflow: BTreeMap<Section, usize>,
}

/// The kind of a grouped problem. The order is the order of the summary's sections.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Section {
    /// The line is invalid.
    Errors,
    /// The policy tolerated a deviation.
    Warnings,
    /// The protocol check found a problem.
    Protocol,
}

impl Section {
    /// The section's heading.
    fn name(self) -> &'static str {
        match self {
            Section::Errors => "errors",
            Section::Warnings => "warnings",
            Section::Protocol => "protocol findings",
        }
    }
}

/// What makes two problems the same group.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct GroupKey {
    section: Section,
    event: Option<String>,
    path: String,
    kind: &'static str,
}

/// One group's count and first occurrence.
#[derive(Clone, Debug)]
struct Group {
    count: usize,
    pointer: String,
    /// Input index and line number.
    first: (usize, usize),
}

impl Tally {
    /// Counts a valid line.
    pub fn valid(&mut self, known: Known) {
        self.valid += 1;
        self.event(known.id(), 0);
    }

    /// Counts an invalid line, at `line` of input `input`, into its event and group.
    pub fn invalid(&mut self, failure: Failure, input: usize, line: usize) {
        self.invalid += 1;
        match failure.known() {
            Some(known) => self.event(known.id(), 1),
            None => self.unknown_invalid += 1,
        }
        let key = GroupKey {
            section: Section::Errors,
            event: failure.event,
            path: failure.path.unwrap_or_default(),
            kind: failure.kind,
        };
        let group = Group {
            count: 1,
            pointer: failure.pointer.unwrap_or_default(),
            first: (input, line),
        };
        self.group(key, group);
    }

    /// Counts a line accepted with warnings, and each warning into its group.
    pub fn warned(&mut self, warned: Warned, input: usize, line: usize) {
        self.valid += 1;
        self.warned += 1;
        self.warnings += warned.warnings.len();
        match warned.known {
            Some(known) => self.event(known.id(), 0),
            None => self.unknown_valid += 1,
        }
        for warning in &warned.warnings {
            let key = GroupKey {
                section: Section::Warnings,
                event: Some(warned.event.clone()),
                path: warning.path().to_string(),
                kind: warning.kind().as_str(),
            };
            let group = Group {
                count: 1,
                pointer: warning.pointer(),
                first: (input, line),
            };
            self.group(key, group);
        }
    }

    /// Counts a protocol finding of input `input` (its line is the finding's number).
    pub fn finding(&mut self, finding: &Finding, input: usize) {
        self.findings += 1;
        let key = GroupKey {
            section: Section::Protocol,
            event: Some(finding.event().to_owned()),
            path: String::new(),
            kind: finding.kind().as_str(),
        };
        let group = Group {
            count: 1,
            pointer: String::new(),
            first: (input, finding.seq()),
        };
        self.group(key, group);
    }

    fn event(&mut self, id: usize, column: usize) {
        if self.events.is_empty() {
            self.events = vec![[0; 2]; Known::COUNT];
        }
        if let Some(counts) = self.events.get_mut(id) {
            counts[column] += 1;
        }
    }

    fn group(&mut self, key: GroupKey, group: Group) {
        if let Some(known) = self.groups.get_mut(&key) {
            known.count += group.count;
            known.first = known.first.min(group.first);
        } else if self.groups.len() < MAX_GROUPS {
            self.groups.insert(key, group);
        } else {
            *self.overflow.entry(key.section).or_default() += group.count;
        }
    }

    /// Adds `later`, the tally of lines that come after all of this one's.
    pub fn merge(&mut self, later: Tally) {
        self.valid += later.valid;
        self.warned += later.warned;
        self.warnings += later.warnings;
        self.invalid += later.invalid;
        self.findings += later.findings;
        self.unknown_valid += later.unknown_valid;
        self.blank += later.blank;
        self.unreadable += later.unreadable;
        self.unknown_invalid += later.unknown_invalid;
        if !later.events.is_empty() {
            if self.events.is_empty() {
                self.events = later.events;
            } else {
                for (mine, theirs) in self.events.iter_mut().zip(later.events) {
                    mine[0] += theirs[0];
                    mine[1] += theirs[1];
                }
            }
        }
        for (section, count) in later.overflow {
            *self.overflow.entry(section).or_default() += count;
        }
        // In order of first occurrence, so that the groups kept under the cap are the
        // first ones in the input, however the lines were cut into blocks.
        let mut groups: Vec<(GroupKey, Group)> = later.groups.into_iter().collect();
        groups.sort_by_key(|(_, group)| group.first);
        for (key, group) in groups {
            self.group(key, group);
        }
    }

    /// E.g. `23 lines: 23 valid, 0 invalid`, or with warnings and the protocol check
    /// (`protocol`) `20 lines: 14 valid (2 with warnings), 6 invalid; 8 protocol
    /// findings`.
    pub fn line(&self, protocol: bool) -> String {
        let lines = self.valid + self.invalid;
        let mut text = format!(
            "{lines} {}: {}",
            plural(lines, "line", "lines"),
            self.verdicts(protocol)
        );
        if self.blank > 0 {
            let blank = plural(self.blank, "blank line", "blank lines");
            let _ = write!(text, " ({} {blank} skipped)", self.blank);
        }
        if self.unreadable > 0 {
            let files = plural(self.unreadable, "input", "inputs");
            let _ = write!(text, "; {} {files} could not be read", self.unreadable);
        }
        text
    }

    /// `14 valid (2 with warnings), 6 invalid; 8 protocol findings`.
    fn verdicts(&self, protocol: bool) -> String {
        let mut text = format!("{} valid", self.valid);
        if self.warned > 0 {
            let _ = write!(text, " ({} with warnings)", self.warned);
        }
        let _ = write!(text, ", {} invalid", self.invalid);
        if protocol || self.findings > 0 {
            let noun = plural(self.findings, "protocol finding", "protocol findings");
            let _ = write!(text, "; {} {noun}", self.findings);
        }
        text
    }

    /// The `--summary` report; `shown` names the inputs by index.
    pub fn report<'a>(&'a self, shown: &'a [String], protocol: bool) -> Report<'a> {
        let mut events: Vec<EventRow<'a>> = self
            .events
            .iter()
            .enumerate()
            .filter(|(_, counts)| counts[0] + counts[1] > 0)
            .filter_map(|(id, counts)| {
                let known = Known::from_id(id)?;
                Some(EventRow {
                    event: Some(known.name()),
                    direction: Some(known.direction.direction()),
                    valid: counts[0],
                    invalid: counts[1],
                })
            })
            .collect();
        if self.unknown_invalid + self.unknown_valid > 0 {
            events.push(EventRow {
                event: None,
                direction: None,
                valid: self.unknown_valid,
                invalid: self.unknown_invalid,
            });
        }
        let (mut errors, mut warning_groups, mut protocol_groups) =
            (Vec::new(), Vec::new(), Vec::new());
        for (key, group) in &self.groups {
            let row = GroupRow {
                event: key.event.as_deref(),
                path: &key.path,
                pointer: &group.pointer,
                kind: key.kind,
                count: group.count,
                first: First {
                    file: shown.get(group.first.0).map_or("", String::as_str),
                    line: group.first.1,
                },
            };
            match key.section {
                Section::Errors => errors.push(row),
                Section::Warnings => warning_groups.push(row),
                Section::Protocol => protocol_groups.push(ProtocolRow {
                    event: row.event,
                    kind: row.kind,
                    count: row.count,
                    first: row.first,
                }),
            }
        }
        // Most frequent first; ties in order of first occurrence.
        errors.sort_by(|a, b| b.count.cmp(&a.count).then(a.first.cmp(&b.first)));
        warning_groups.sort_by(|a, b| b.count.cmp(&a.count).then(a.first.cmp(&b.first)));
        protocol_groups.sort_by(|a, b| b.count.cmp(&a.count).then(a.first.cmp(&b.first)));
        let other = |section| self.overflow.get(&section).copied().unwrap_or_default();
        Report {
            lines: self.valid + self.invalid,
            valid: self.valid,
            warned: self.warned,
            invalid: self.invalid,
            warnings: self.warnings,
            protocol: self.findings,
            blank: self.blank,
            unreadable: self.unreadable,
            events,
            errors,
            other_errors: other(Section::Errors),
            warning_groups,
            other_warnings: other(Section::Warnings),
            protocol_groups,
            other_protocol: other(Section::Protocol),
            verdicts: self.verdicts(protocol),
        }
    }
}

fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}

/// The `--summary` report, printed as a table or serialized as
/// `{"summary": {...}}`.
#[derive(Debug, Serialize)]
pub struct Report<'a> {
    /// Non-blank lines.
    pub lines: usize,
    /// Valid lines (with warnings or without).
    pub valid: usize,
    /// Valid lines with warnings.
    pub warned: usize,
    /// Invalid lines.
    pub invalid: usize,
    /// Warnings, over all lines.
    pub warnings: usize,
    /// Protocol findings (0 without `--protocol`).
    pub protocol: usize,
    /// Blank lines skipped.
    pub blank: usize,
    /// Inputs that could not be read to the end.
    pub unreadable: usize,
    /// Lines per event, in catalog order (partner, then DES), then the invalid lines
    /// that name no known event (`event: null`).
    pub events: Vec<EventRow<'a>>,
    /// Error groups, most frequent first.
    pub errors: Vec<GroupRow<'a>>,
    /// Invalid lines in groups not listed (past the cap on distinct groups).
    pub other_errors: usize,
    /// Warning groups (by event, path and kind), most frequent first.
    pub warning_groups: Vec<GroupRow<'a>>,
    /// Warnings in groups not listed.
    pub other_warnings: usize,
    /// Protocol finding groups (by event and kind), most frequent first.
    pub protocol_groups: Vec<ProtocolRow<'a>>,
    /// Protocol findings in groups not listed.
    pub other_protocol: usize,
    /// The verdict counts in words, for the table's heading.
    #[serde(skip)]
    verdicts: String,
}

/// One group of protocol findings.
#[derive(Debug, Serialize)]
pub struct ProtocolRow<'a> {
    /// The event of the message the findings are about.
    pub event: Option<&'a str>,
    /// The finding kind, as in `--json` lines.
    pub kind: &'a str,
    /// How many findings.
    pub count: usize,
    /// The first finding of the group.
    pub first: First<'a>,
}

/// One event's counts.
#[derive(Debug, Serialize)]
pub struct EventRow<'a> {
    /// The event name; `None` for lines that name no known event.
    pub event: Option<&'a str>,
    /// `partner` or `des`.
    pub direction: Option<&'a str>,
    /// Valid lines.
    pub valid: usize,
    /// Invalid lines.
    pub invalid: usize,
}

/// One group of problems.
#[derive(Debug, Serialize)]
pub struct GroupRow<'a> {
    /// The event the lines name, if any.
    pub event: Option<&'a str>,
    /// The readable path (`""` is the whole document).
    pub path: &'a str,
    /// The same path as an RFC 6901 JSON Pointer.
    pub pointer: &'a str,
    /// The machine-readable kind, as in `--json` lines.
    pub kind: &'a str,
    /// How many lines.
    pub count: usize,
    /// The first line of the group.
    pub first: First<'a>,
}

/// A line of an input.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct First<'a> {
    /// The input as shown in the output.
    pub file: &'a str,
    /// The 1-based line number.
    pub line: usize,
}

/// The summary object that ends `--json` output.
#[derive(Serialize)]
struct Wrapped<'r, 'a> {
    summary: &'r Report<'a>,
}

impl Report<'_> {
    /// `{"summary": {...}}` and a newline.
    pub fn json(&self) -> String {
        let mut text = serde_json::to_string(&Wrapped { summary: self })
            .unwrap_or_else(|err| format!("{{\"error\":{:?}}}", err.to_string()));
        text.push('\n');
        text
    }

    /// The human-readable table.
    pub fn table(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "\nsummary: {} {}, {}",
            self.lines,
            plural(self.lines, "line", "lines"),
            self.verdicts
        );
        if !self.events.is_empty() {
            let rows: Vec<[String; 4]> = self
                .events
                .iter()
                .map(|row| {
                    [
                        row.event.unwrap_or("(no known event)").to_owned(),
                        row.direction.unwrap_or("-").to_owned(),
                        row.valid.to_string(),
                        row.invalid.to_string(),
                    ]
                })
                .collect();
            table(
                &mut out,
                ["event", "direction", "valid", "invalid"],
                [false, false, true, true],
                &rows,
            );
        }
        for (section, groups, other) in [
            (Section::Errors, &self.errors, self.other_errors),
            (Section::Warnings, &self.warning_groups, self.other_warnings),
        ] {
            if groups.is_empty() {
                continue;
            }
            let rows: Vec<[String; 5]> = groups
                .iter()
                .map(|row| {
                    [
                        row.event.unwrap_or("-").to_owned(),
                        if row.path.is_empty() {
                            "(document)".to_owned()
                        } else {
                            row.path.to_owned()
                        },
                        row.kind.to_owned(),
                        row.count.to_string(),
                        format!("{}:{}", row.first.file, row.first.line),
                    ]
                })
                .collect();
            let _ = writeln!(out, "\n{}:", section.name());
            table(
                &mut out,
                ["event", "path", "kind", "count", "first"],
                [false, false, false, true, false],
                &rows,
            );
            if other > 0 {
                let _ = writeln!(out, "  ... and {other} more in groups not listed");
            }
        }
        if !self.protocol_groups.is_empty() {
            let rows: Vec<[String; 4]> = self
                .protocol_groups
                .iter()
                .map(|row| {
                    [
                        row.event.unwrap_or("-").to_owned(),
                        row.kind.to_owned(),
                        row.count.to_string(),
                        format!("{}:{}", row.first.file, row.first.line),
                    ]
                })
                .collect();
            let _ = writeln!(out, "\n{}:", Section::Protocol.name());
            table(
                &mut out,
                ["event", "kind", "count", "first"],
                [false, false, true, false],
                &rows,
            );
            if self.other_protocol > 0 {
                let other = self.other_protocol;
                let _ = writeln!(out, "  ... and {other} more in groups not listed");
            }
        }
        out
    }
}

/// Writes `rows` under `heads`, in columns two spaces apart, right-aligned where asked.
/// The cells quote the log (event names, paths) and the command line (file names), so
/// each is escaped for the terminal before it is measured.
fn table<const N: usize>(
    out: &mut String,
    heads: [&str; N],
    right: [bool; N],
    rows: &[[String; N]],
) {
    let rows: Vec<[String; N]> = rows
        .iter()
        .map(|row| row.each_ref().map(|cell| escape(cell).to_string()))
        .collect();
    let rows = rows.as_slice();
    let mut widths = heads.map(|head| head.chars().count());
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let heads = heads.map(str::to_owned);
    for row in std::iter::once(&heads).chain(rows) {
        let mut line = String::new();
        for ((cell, width), right) in row.iter().zip(widths).zip(right) {
            if right {
                let _ = write!(line, "  {cell:>width$}");
            } else {
                let _ = write!(line, "  {cell:<width$}");
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::Bundled;

    fn failure(event: Option<&str>, path: &str, kind: &'static str) -> Failure {
        Failure {
            message: String::new(),
            kind,
            event: event.map(str::to_owned),
            direction: event.map(|_| Bundled::Des),
            path: Some(path.to_owned()),
            pointer: Some(format!("/{}", path.replace('.', "/"))),
            column: None,
        }
    }

    #[test]
    fn merged_tallies_keep_the_first_line_of_each_group() {
        let known = Known::find(Bundled::Des, "onIdTokenDidExpire").expect("a DES event");
        let mut first = Tally::default();
        first.valid(known);
        first.invalid(
            failure(
                Some("onIdTokenDidExpire"),
                "message.requestId",
                "missing_field",
            ),
            0,
            7,
        );
        let mut second = Tally::default();
        second.invalid(
            failure(
                Some("onIdTokenDidExpire"),
                "message.requestId",
                "missing_field",
            ),
            1,
            2,
        );
        second.invalid(failure(None, "", "syntax"), 1, 3);
        second.invalid(failure(None, "", "syntax"), 1, 4);
        first.merge(second);
        let shown = ["a.jsonl".to_owned(), "b.jsonl".to_owned()];
        let report = first.report(&shown, false);
        assert_eq!((report.valid, report.invalid), (1, 4));
        assert_eq!(report.events.len(), 2);
        assert_eq!(report.events[0].event, Some("onIdTokenDidExpire"));
        assert_eq!((report.events[0].valid, report.events[0].invalid), (1, 2));
        assert_eq!(
            (report.events[1].event, report.events[1].invalid),
            (None, 2)
        );
        assert_eq!(report.errors.len(), 2);
        // Equal counts: the group that starts first comes first.
        assert_eq!(
            report.errors[0].first,
            First {
                file: "a.jsonl",
                line: 7
            }
        );
        assert_eq!(
            report.errors[1].first,
            First {
                file: "b.jsonl",
                line: 3
            }
        );
        let table = report.table();
        assert!(
            table.contains("message.requestId  missing_field"),
            "{table}"
        );
        assert!(table.contains("a.jsonl:7"), "{table}");
        let json: serde_json::Value =
            serde_json::from_str(&report.json()).expect("the summary is JSON");
        assert_eq!(json["summary"]["errors"][1]["kind"], "syntax");
        assert_eq!(json["summary"]["errors"][1]["count"], 2);
    }

    #[test]
    fn groups_are_capped() {
        let mut tally = Tally::default();
        for index in 0..MAX_GROUPS + 5 {
            let name = format!("unknown{index}");
            tally.invalid(failure(Some(&name), "event", "unknown_event"), 0, index + 1);
        }
        let report = tally.report(&[], false);
        assert_eq!(report.errors.len(), MAX_GROUPS);
        assert_eq!(report.other_errors, 5);
        assert_eq!(report.invalid, MAX_GROUPS + 5);
    }
}
