//! The two forms of a report: readable lines, and one JSON object.
//!
//! The readable lines quote the schemas (event names, property paths, values in the
//! details) and the command line (file names), so each such piece is escaped for the
//! terminal by [`escape`]; the JSON object holds them as they are.

use std::fmt;

use des_events_core::terminal::escape;
use serde_json::{Value, json};

use super::witness::Direction;
use super::{Change, Compat, Report};

/// Where a change is: `event path`, or the path alone outside events (escaped).
fn location(change: &Change) -> String {
    match &change.event {
        Some(event) => format!("{} {}", escape(event), escape(&change.path)),
        None => escape(&change.path).to_string(),
    }
}

/// One line per change with its verdicts, the notes, then the summary.
pub fn text(report: &Report, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    writeln!(
        f,
        "des-events diff {} -> {}",
        escape(&report.old),
        escape(&report.new)
    )?;
    if report.changes.is_empty() {
        writeln!(f, "no changes")?;
    }
    for change in &report.changes {
        writeln!(
            f,
            "{} {}: {} [receivers: {}, senders: {}, api: {}]",
            change.kind,
            location(change),
            escape(&change.detail),
            change.receivers.as_str(),
            change.senders.as_str(),
            change.api.as_str()
        )?;
        witnesses(report, change, f)?;
    }
    for note in &report.notes {
        writeln!(f, "note: {}", escape(note))?;
    }
    let summary = &report.summary;
    let count = report.changes.len();
    writeln!(
        f,
        "summary: {count} change{}; receivers: {}, senders: {}, semver: {}: {}",
        if count == 1 { "" } else { "s" },
        summary.receivers.as_str(),
        summary.senders.as_str(),
        summary.semver.as_str(),
        if summary.breaks() {
            "something breaks"
        } else {
            "nothing breaks"
        }
    )
}

/// The counterexamples of a change's breaking verdicts, indented under it, when they
/// were searched: each verified document, or that none was found.
fn witnesses(report: &Report, change: &Change, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    if !report.searched {
        return Ok(());
    }
    let sides = [
        (
            Direction::Receivers,
            change.receivers,
            "OLD accepts, NEW rejects",
        ),
        (
            Direction::Senders,
            change.senders,
            "NEW accepts, OLD rejects",
        ),
    ];
    for (direction, verdict, meaning) in sides {
        if verdict != Compat::Breaking {
            continue;
        }
        match change
            .witnesses
            .iter()
            .find(|witness| witness.direction == direction)
        {
            Some(witness) => writeln!(
                f,
                "  counterexample ({}: {meaning}): {}\n    rejected: {}",
                direction.as_str(),
                escape(&witness.document.to_string()),
                escape(&witness.rejected)
            )?,
            None => writeln!(
                f,
                "  counterexample ({}): none verified; the verdict follows from the rule",
                direction.as_str()
            )?,
        }
    }
    Ok(())
}

/// `{"changes": [...], "summary": {...}, "notes": [...]}`.
pub fn json(report: &Report) -> Value {
    let changes: Vec<Value> = report
        .changes
        .iter()
        .map(|change| {
            json!({
                "kind": change.kind.as_str(),
                "event": change.event,
                "path": change.path,
                "detail": change.detail,
                "receivers": change.receivers.as_str(),
                "senders": change.senders.as_str(),
                "api": change.api.as_str(),
            })
        })
        .collect();
    json!({
        "changes": changes,
        "summary": {
            "receivers": report.summary.receivers.as_str(),
            "senders": report.summary.senders.as_str(),
            "semver": report.summary.semver.as_str(),
            "breaks": report.summary.breaks(),
        },
        "notes": report.notes,
    })
}
