//! GitHub Actions workflow commands: one annotation per change, at the change's line
//! and column in NEW's file (`::error file=NEW,line=L,col=C,title=RULE::message`),
//! `error` when it fails the mode, `warning` when a verdict is breaking or unknown but
//! the mode does not gate it, else `notice`; unused ignore rules and a failed version
//! check are errors without a file. A last plain line tells the run's result.

use std::fmt::Write as _;

use super::super::gate::Outcome;
use super::{Severity, message, severity};

/// A command's message: `%`, CR and LF escaped as GitHub reads them back.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A command's property value: also `:` and `,`.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

/// The outcome as workflow commands.
pub fn render(outcome: &Outcome) -> String {
    let mut out = String::new();
    for report in &outcome.reports {
        for change in &report.changes {
            let level = match severity(outcome, change) {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Note => "notice",
            };
            let mut properties = format!("file={}", property(&report.new));
            if let Some(pos) = change.site.pos {
                let _ = write!(properties, ",line={},col={}", pos.line, pos.column);
            }
            let _ = write!(properties, ",title={}", property(&change.kind.id()));
            let mut text = message(change);
            for witness in &change.witnesses {
                let _ = write!(
                    text,
                    "\ncounterexample ({}): {}\nrejected: {}",
                    witness.direction.as_str(),
                    witness.document,
                    witness.rejected
                );
            }
            let _ = writeln!(out, "::{level} {properties}::{}", data(&text));
        }
    }
    for rule in outcome.unused_ignores() {
        let _ = writeln!(
            out,
            "::error title=unused-ignore::{}",
            data(&format!(
                "ignore {rule} ({}) matches no change",
                rule.origin
            ))
        );
    }
    if let Some(version) = outcome.version.as_ref().filter(|version| !version.ok()) {
        let _ = writeln!(
            out,
            "::error title=version-bump::{}",
            data(&version.describe())
        );
    }
    let _ = writeln!(
        out,
        "des-events diff: mode {}, {} comparison{}: {}",
        outcome.mode.name(),
        outcome.reports.len(),
        if outcome.reports.len() == 1 { "" } else { "s" },
        if outcome.passes() { "pass" } else { "fail" }
    );
    out
}
