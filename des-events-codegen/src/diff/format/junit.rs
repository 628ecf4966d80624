//! JUnit XML: `<testsuites>` with one `<testsuite>` per comparison and one `<testcase>`
//! per change (class name: the rule ID); a change that fails the mode is a `<failure>`,
//! an ignored one is `<skipped>`. Unused ignore rules and the version check are test
//! cases of a last suite, `des-events diff`. CI servers read this shape.

use std::fmt::Write as _;

use super::super::gate::Outcome;
use super::{fails, message, place};

/// Text as XML character data or attribute value: the five special characters escaped,
/// and characters XML 1.0 does not allow (most C0 controls) replaced by U+FFFD.
pub(crate) fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

struct Case {
    class: String,
    name: String,
    failure: Option<String>,
    skipped: Option<String>,
    output: Option<String>,
}

fn suite(out: &mut String, name: &str, cases: &[Case]) {
    let failures = cases.iter().filter(|case| case.failure.is_some()).count();
    let skipped = cases.iter().filter(|case| case.skipped.is_some()).count();
    let _ = writeln!(
        out,
        "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failures}\" errors=\"0\" skipped=\"{skipped}\">",
        xml(name),
        cases.len()
    );
    for case in cases {
        let _ = write!(
            out,
            "    <testcase classname=\"{}\" name=\"{}\"",
            xml(&case.class),
            xml(&case.name)
        );
        if case.failure.is_none() && case.skipped.is_none() && case.output.is_none() {
            out.push_str("/>\n");
            continue;
        }
        out.push_str(">\n");
        if let Some(failure) = &case.failure {
            let _ = writeln!(
                out,
                "      <failure message=\"{}\" type=\"breaking\">{}</failure>",
                xml(failure),
                xml(failure)
            );
        }
        if let Some(skipped) = &case.skipped {
            let _ = writeln!(out, "      <skipped message=\"{}\"/>", xml(skipped));
        }
        if let Some(output) = &case.output {
            let _ = writeln!(out, "      <system-out>{}</system-out>", xml(output));
        }
        out.push_str("    </testcase>\n");
    }
    out.push_str("  </testsuite>\n");
}

/// The outcome as JUnit XML.
pub fn render(outcome: &Outcome) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"des-events diff\">\n",
    );
    for report in &outcome.reports {
        let mut cases: Vec<Case> = Vec::new();
        for change in &report.changes {
            let witnesses: Vec<String> = change
                .witnesses
                .iter()
                .map(|witness| {
                    format!(
                        "counterexample ({}): {}\nrejected: {}",
                        witness.direction.as_str(),
                        witness.document,
                        witness.rejected
                    )
                })
                .collect();
            cases.push(Case {
                class: change.kind.id(),
                name: place(change),
                failure: fails(outcome, change).then(|| message(change)),
                skipped: None,
                output: (!witnesses.is_empty()).then(|| witnesses.join("\n")),
            });
        }
        for (change, index) in &report.ignored {
            let rule = outcome.ignores.get(*index);
            cases.push(Case {
                class: change.kind.id(),
                name: place(change),
                failure: None,
                skipped: Some(format!(
                    "ignored by {}{}",
                    rule.map_or_else(String::new, ToString::to_string),
                    rule.and_then(|rule| rule.reason.as_deref())
                        .map_or_else(String::new, |reason| format!(": {reason}"))
                )),
                output: None,
            });
        }
        if cases.is_empty() {
            cases.push(Case {
                class: "no-change".to_owned(),
                name: "no changes".to_owned(),
                failure: None,
                skipped: None,
                output: None,
            });
        }
        suite(
            &mut out,
            &format!("{} -> {}", report.old, report.new),
            &cases,
        );
    }
    let mut run: Vec<Case> = outcome
        .unused_ignores()
        .map(|rule| Case {
            class: "unused-ignore".to_owned(),
            name: format!("{rule} ({})", rule.origin),
            failure: Some(format!("ignore {rule} matches no change")),
            skipped: None,
            output: None,
        })
        .collect();
    if let Some(version) = &outcome.version {
        run.push(Case {
            class: "version".to_owned(),
            name: format!("version {} -> {}", version.old, version.new),
            failure: (!version.ok()).then(|| version.describe()),
            skipped: None,
            output: None,
        });
    }
    if !run.is_empty() {
        suite(&mut out, "des-events diff", &run);
    }
    out.push_str("</testsuites>\n");
    out
}
