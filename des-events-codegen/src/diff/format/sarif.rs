//! SARIF 2.1.0 (OASIS): one run of the tool `des-events diff`, a rule per change kind
//! used (`id` = rule ID), a result per change, located in NEW's file at the change's
//! line and column when known. Level `error` when the change fails the mode, `warning`
//! when a verdict is breaking or unknown but the mode does not gate it, else `note`.
//! Unused ignore rules and a failed version check are `error` results without a place.

use serde_json::{Value, json};

use super::super::Kind;
use super::super::gate::Outcome;
use super::{Severity, message, severity};

/// The outcome as a SARIF 2.1.0 log.
pub fn render(outcome: &Outcome) -> String {
    let mut kinds: Vec<Kind> = outcome
        .reports
        .iter()
        .flat_map(|report| report.changes.iter().map(|change| change.kind))
        .collect();
    kinds.sort();
    kinds.dedup();
    let mut rules: Vec<Value> = kinds
        .iter()
        .map(|kind| {
            json!({
                "id": kind.id(),
                "name": kind.as_str(),
                "shortDescription": {"text": kind.summary()},
            })
        })
        .collect();
    let mut results = Vec::new();
    for report in &outcome.reports {
        for change in &report.changes {
            let level = match severity(outcome, change) {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Note => "note",
            };
            let mut region = json!({});
            if let Some(pos) = change.site.pos {
                region = json!({"startLine": pos.line, "startColumn": pos.column});
            }
            let mut location = json!({
                "physicalLocation": {
                    "artifactLocation": {"uri": uri(&report.new)},
                }
            });
            if change.site.pos.is_some() {
                location["physicalLocation"]["region"] = region;
            }
            if let Some(pointer) = &change.site.new {
                location["logicalLocations"] =
                    json!([{"fullyQualifiedName": pointer, "kind": "member"}]);
            }
            let mut result = json!({
                "ruleId": change.kind.id(),
                "level": level,
                "message": {"text": message(change)},
                "locations": [location],
            });
            if !change.witnesses.is_empty() {
                result["properties"] = json!({
                    "counterexamples": change.witnesses.iter().map(|witness| json!({
                        "verdict": witness.direction.as_str(),
                        "document": witness.document,
                        "rejected": witness.rejected,
                    })).collect::<Vec<_>>()
                });
            }
            results.push(result);
        }
    }
    let mut run_rule = |id: &str, text: &str| {
        if !rules.iter().any(|rule| rule["id"] == id) {
            rules.push(json!({"id": id, "shortDescription": {"text": text}}));
        }
    };
    let unused: Vec<Value> = outcome
        .unused_ignores()
        .map(|rule| {
            json!({
                "ruleId": "unused-ignore",
                "level": "error",
                "message": {"text": format!("ignore {rule} ({}) matches no change", rule.origin)},
            })
        })
        .collect();
    if !unused.is_empty() {
        run_rule("unused-ignore", "An ignore rule matches no change.");
        results.extend(unused);
    }
    if let Some(version) = outcome.version.as_ref().filter(|version| !version.ok()) {
        run_rule(
            "version-bump",
            "The declared version bump is smaller than the changes need.",
        );
        results.push(json!({
            "ruleId": "version-bump",
            "level": "error",
            "message": {"text": version.describe()},
        }));
    }
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "des-events diff",
                "rules": rules,
            }},
            "results": results,
        }],
    });
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_else(|_| "{}".to_owned());
    text.push('\n');
    text
}

/// A file name as a relative URI reference (`\` as `/`, spaces and `%` escaped).
fn uri(file: &str) -> String {
    let mut out = String::new();
    for c in file.replace('\\', "/").chars() {
        match c {
            ' ' => out.push_str("%20"),
            '%' => out.push_str("%25"),
            '#' => out.push_str("%23"),
            '?' => out.push_str("%3F"),
            c => out.push(c),
        }
    }
    out
}
