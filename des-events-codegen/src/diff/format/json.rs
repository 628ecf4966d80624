//! The JSON forms: the compatible `--json` object, and the full `--format json` one.

use serde_json::{Value, json};

use super::super::Report;
use super::super::gate::Outcome;
use super::fails;

fn pretty(value: &Value) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_else(|_| "null".to_owned());
    text.push('\n');
    text
}

/// `--json`: the report's object as it always was; a history is `{"reports": [...]}`.
pub fn legacy(outcome: &Outcome) -> String {
    match outcome.reports.as_slice() {
        [report] => pretty(&report.to_json()),
        reports => pretty(&json!({
            "reports": reports.iter().map(Report::to_json).collect::<Vec<_>>(),
        })),
    }
}

/// One change of the full form.
fn change(outcome: &Outcome, change: &super::super::Change) -> Value {
    let mut value = json!({
        "rule": change.kind.id(),
        "kind": change.kind.as_str(),
        "event": change.event,
        "path": change.path,
        "detail": change.detail,
        "receivers": change.receivers.as_str(),
        "senders": change.senders.as_str(),
        "api": change.api.as_str(),
        "fails": fails(outcome, change),
        "pointer": change.site.new,
        "old_pointer": change.site.old,
        "line": change.site.pos.map(|pos| pos.line),
        "column": change.site.pos.map(|pos| pos.column),
    });
    if let Some(members) = value.as_object_mut() {
        members.insert(
            "counterexamples".to_owned(),
            Value::Array(
                change
                    .witnesses
                    .iter()
                    .map(|witness| {
                        json!({
                            "verdict": witness.direction.as_str(),
                            "document": witness.document,
                            "rejected": witness.rejected,
                        })
                    })
                    .collect(),
            ),
        );
    }
    value
}

/// `--format json`: every comparison with its changes in full, then the run's verdict.
pub fn full(outcome: &Outcome) -> String {
    let reports: Vec<Value> = outcome
        .reports
        .iter()
        .map(|report| {
            json!({
                "old": report.old,
                "new": report.new,
                "receiver": report.receiver.as_str(),
                "counterexamples_searched": report.searched,
                "changes": report.changes.iter().map(|c| change(outcome, c)).collect::<Vec<_>>(),
                "ignored": report.ignored.iter().map(|(c, index)| {
                    let mut value = change(outcome, c);
                    if let (Some(members), Some(rule)) = (value.as_object_mut(), outcome.ignores.get(*index)) {
                        members.insert("ignored_by".to_owned(), json!({
                            "rule": rule.to_string(),
                            "origin": rule.origin,
                            "reason": rule.reason,
                        }));
                    }
                    value
                }).collect::<Vec<_>>(),
                "summary": {
                    "receivers": report.summary.receivers.as_str(),
                    "senders": report.summary.senders.as_str(),
                    "semver": report.summary.semver.as_str(),
                    "breaks": report.summary.breaks(),
                    "fails": outcome.report_fails(report),
                },
                "notes": report.notes,
            })
        })
        .collect();
    let version = outcome.version.as_ref().map(|check| {
        json!({
            "old": check.old.to_string(),
            "new": check.new.to_string(),
            "declared": check.declared.map(|bump| bump.as_str()),
            "required": check.required.as_str(),
            "ok": check.ok(),
        })
    });
    pretty(&json!({
        "mode": outcome.mode.name(),
        "order": outcome.order,
        "reports": reports,
        "unused_ignores": outcome.unused_ignores().map(|rule| json!({
            "rule": rule.to_string(),
            "origin": rule.origin,
            "reason": rule.reason,
        })).collect::<Vec<_>>(),
        "version": version,
        "passes": outcome.passes(),
    }))
}
