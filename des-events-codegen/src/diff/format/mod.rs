//! The forms of a run's outcome ([`super::gate::Outcome`]): readable text, JSON (the
//! compatible `--json` object, or the full one), JUnit XML, SARIF 2.1.0 and GitHub
//! workflow annotations. Every form says the same: each change with its rule ID and
//! verdicts, whether it fails the mode, its counterexamples, the ignored changes, the
//! ignore rules that matched nothing, and the version check.

mod github;
mod json;
mod junit;
mod sarif;

use std::fmt::Write as _;

use des_events_core::terminal::escape;

use super::gate::Outcome;
use super::{Change, Compat, Summary};

/// An output form.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Format {
    /// One line per change, then the summary.
    #[default]
    Text,
    /// The object `--json` always printed (`{"changes", "summary", "notes"}`), unchanged
    /// for the scripts that read it; a history is `{"reports": [...]}` of them.
    LegacyJson,
    /// The full object: rule IDs, pointers, positions, counterexamples, mode, ignores.
    Json,
    /// JUnit XML: a test suite per comparison, a test case per change.
    Junit,
    /// SARIF 2.1.0: a result per change, located in NEW's file.
    Sarif,
    /// GitHub workflow commands: `::error file=NEW,line=L,col=C::...` per change.
    Github,
}

impl Format {
    /// The names `--format` takes.
    pub const NAMES: [&'static str; 5] = ["text", "json", "junit", "sarif", "github"];

    /// The form called `name` (one of [`Format::NAMES`]).
    pub fn parse(name: &str) -> Option<Format> {
        match name {
            "text" => Some(Format::Text),
            "json" => Some(Format::Json),
            "junit" => Some(Format::Junit),
            "sarif" => Some(Format::Sarif),
            "github" => Some(Format::Github),
            _ => None,
        }
    }
}

/// The outcome in `format`, ending with a newline.
pub fn render(format: Format, outcome: &Outcome) -> String {
    match format {
        Format::Text => text(outcome),
        Format::LegacyJson => json::legacy(outcome),
        Format::Json => json::full(outcome),
        Format::Junit => junit::render(outcome),
        Format::Sarif => sarif::render(outcome),
        Format::Github => github::render(outcome),
    }
}

/// Whether `change` alone fails the outcome's mode.
pub(crate) fn fails(outcome: &Outcome, change: &Change) -> bool {
    outcome
        .mode
        .fails(&Summary::of(std::slice::from_ref(change)))
}

/// How serious a change is for the chosen mode: it fails it, it breaks a side the mode
/// does not gate, or it breaks nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Severity {
    Error,
    Warning,
    Note,
}

/// The severity of `change` under the outcome's mode (GitHub and SARIF levels).
pub(crate) fn severity(outcome: &Outcome, change: &Change) -> Severity {
    if fails(outcome, change) {
        Severity::Error
    } else if change.receivers != Compat::Compatible || change.senders != Compat::Compatible {
        Severity::Warning
    } else {
        Severity::Note
    }
}

/// The change's place: `event path`, or the path.
pub(crate) fn place(change: &Change) -> String {
    match &change.event {
        Some(event) if change.path.is_empty() => event.clone(),
        Some(event) => format!("{event} {}", change.path),
        None => change.path.clone(),
    }
}

/// One sentence per change: what, where, and the verdicts.
pub(crate) fn message(change: &Change) -> String {
    format!(
        "{}: {}: {} [receivers: {}, senders: {}, api: {}]",
        change.kind.id(),
        place(change),
        change.detail,
        change.receivers.as_str(),
        change.senders.as_str(),
        change.api.as_str()
    )
}

/// Each report as before, then what the options added: ignored changes, unused ignore
/// rules, the mode's verdict over every comparison, the version check.
fn text(outcome: &Outcome) -> String {
    let mut out = String::new();
    if let Some(order) = &outcome.order {
        let _ = writeln!(out, "history ordered {order}");
    }
    for report in &outcome.reports {
        out.push_str(&report.to_string());
        for (change, index) in &report.ignored {
            let rule = outcome.ignores.get(*index);
            let _ = writeln!(
                out,
                "ignored {} {}: {} (by {}{})",
                change.kind.id(),
                escape(&place(change)),
                escape(&change.detail),
                rule.map_or_else(String::new, |rule| format!("{rule} at {}", rule.origin)),
                rule.and_then(|rule| rule.reason.as_deref())
                    .map_or_else(String::new, |reason| format!(": {}", escape(reason)))
            );
        }
    }
    for rule in outcome.unused_ignores() {
        let _ = writeln!(
            out,
            "unused ignore {} ({}): it matches no change",
            escape(&rule.to_string()),
            escape(&rule.origin)
        );
    }
    if let Some(version) = &outcome.version {
        let _ = writeln!(out, "{}", version.describe());
    }
    let explicit = outcome.mode != super::gate::Mode::default();
    if explicit || outcome.reports.len() > 1 || !outcome.ignores.is_empty() {
        let failing = outcome
            .reports
            .iter()
            .filter(|report| outcome.report_fails(report))
            .count();
        let _ = writeln!(
            out,
            "mode {}: {} comparison{}, {failing} failing: {}",
            outcome.mode.name(),
            outcome.reports.len(),
            if outcome.reports.len() == 1 { "" } else { "s" },
            if outcome.passes() { "pass" } else { "fail" }
        );
    }
    out
}
