//! The official JSON Schema Test Suite, through `include_schema!`.
//!
//! `build.rs` (see `build/jsts.rs`) judges every group of the required files of drafts
//! 4, 6, 7, 2019-09 and 2020-12 with the engine and compiles each accepted group's
//! schema with the macro. Here every document of an accepted group is decoded with the
//! generated type's `from_json`: the verdict must be the suite's, a valid document must
//! round-trip (`to_json`, read back, equal as JSON), and nothing may panic.
//!
//! It prints a table per draft and file (groups accepted, documents agreeing) and every
//! refused group with the engine's reason. When the suite is absent (see `build/jsts.rs`
//! for where it is looked for) the test says so and passes.
//! `cargo test -p des-events-tests --test json_schema_test_suite -- --nocapture`

use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};

/// A generated type's judgement: the document written back by `to_json`, or the error.
type Judge = fn(&str) -> Result<String, String>;

/// One group of a suite file.
pub struct Group {
    draft: &'static str,
    file: &'static str,
    index: usize,
    description: &'static str,
    /// The root is a typed Rust type (a struct, an enum, ...), not a validated JSON value.
    typed: bool,
    /// The generated type's judgement, or why the engine refused the schema.
    judge: Result<Judge, &'static str>,
    /// `(description, document, valid)`.
    tests: &'static [(&'static str, &'static str, bool)],
}

// The suite's schemas include checks no value passes (`not: {}`...) on purpose: the
// engine's warnings about them (deprecation warnings) are expected here.
#[allow(dead_code, deprecated, clippy::all)]
mod generated {
    use super::Group;
    include!(concat!(env!("OUT_DIR"), "/jsts.rs"));
}

/// The share of groups accepted that each draft must reach (issue 9: 90% in drafts 7,
/// 2019-09 and 2020-12 over the type-relevant files; we hold every required file to it).
const MIN_ACCEPTED: f64 = 0.90;

#[derive(Default)]
struct Tally {
    groups: usize,
    accepted: usize,
    typed: usize,
    documents: usize,
    agreeing: usize,
}

#[test]
fn json_schema_test_suite() {
    check(generated::GROUPS, MIN_ACCEPTED, "as written");
}

/// Every group embedded as a resource with its own `$id` inside an event's `message`
/// (issue 19): every group is accepted, every document agrees. A group whose root is a
/// `$ref` in drafts 4 to 7 cannot carry an `$id` (it would be ignored) and is listed.
#[test]
fn json_schema_test_suite_embedded_in_an_event() {
    check(generated::EMBEDDED, 1.0, "embedded in an event's message");
}

/// The `message` of a written envelope, as JSON text (the embedded groups' judge).
pub(crate) fn embedded_message(written: &str) -> String {
    serde_json::from_str::<serde_json::Value>(written)
        .ok()
        .and_then(|value| value.get("message").map(ToString::to_string))
        .unwrap_or_else(|| written.to_owned())
}

fn check(groups: &'static [Group], min_accepted: f64, mode: &str) {
    if !generated::PRESENT {
        println!(
            "SKIPPED: the JSON Schema Test Suite is not at {} (set DES_JSON_SCHEMA_TEST_SUITE)",
            generated::SUITE
        );
        return;
    }
    let mut files: BTreeMap<(&str, &str), Tally> = BTreeMap::new();
    let mut failures = Vec::new();
    let mut refused = Vec::new();
    let mut not_embeddable = 0;
    for group in groups {
        if let Err(reason) = group.judge
            && reason.starts_with("not embeddable")
        {
            not_embeddable += 1;
            continue;
        }
        let tally = files.entry((group.draft, group.file)).or_default();
        tally.groups += 1;
        tally.documents += group.tests.len();
        let judge = match group.judge {
            Ok(judge) => judge,
            Err(reason) => {
                refused.push(format!(
                    "{}/{}.json #{} ({}): {reason}",
                    group.draft, group.file, group.index, group.description
                ));
                continue;
            }
        };
        tally.accepted += 1;
        tally.typed += usize::from(group.typed);
        for (description, document, valid) in group.tests {
            let verdict = catch_unwind(AssertUnwindSafe(|| judge(document)));
            let where_ = format!(
                "{}/{}.json #{} ({}) / {description}: {document}",
                group.draft, group.file, group.index, group.description
            );
            match verdict {
                Err(_) => failures.push(format!("PANIC {where_}")),
                Ok(Ok(written)) if *valid => {
                    let same = match (
                        serde_json::from_str::<serde_json::Value>(document),
                        serde_json::from_str::<serde_json::Value>(&written),
                    ) {
                        (Ok(read), Ok(back)) => des_events_core::json::equal(&read, &back),
                        _ => false,
                    };
                    if same {
                        tally.agreeing += 1;
                    } else {
                        failures.push(format!("ROUND TRIP {where_} -> {written}"));
                    }
                }
                Ok(Ok(_)) => failures.push(format!("ACCEPTED (invalid) {where_}")),
                Ok(Err(err)) if *valid => {
                    failures.push(format!("REJECTED (valid) {where_}: {err}"))
                }
                Ok(Err(_)) => tally.agreeing += 1,
            }
        }
    }

    println!("JSON Schema Test Suite at {} ({mode})", generated::SUITE);
    if not_embeddable > 0 {
        println!(
            "{not_embeddable} groups not embeddable (a root `$ref` before 2019-09 ignores a sibling `$id`)"
        );
    }
    println!(
        "{:<14} {:<28} {:>16} {:>18}",
        "draft", "file", "groups accepted", "documents agreeing"
    );
    let mut drafts: BTreeMap<&str, Tally> = BTreeMap::new();
    for ((draft, file), tally) in &files {
        println!(
            "{draft:<14} {file:<28} {:>7} / {:<6} {:>8} / {:<7}",
            tally.accepted, tally.groups, tally.agreeing, tally.documents
        );
        let sum = drafts.entry(draft).or_default();
        sum.groups += tally.groups;
        sum.accepted += tally.accepted;
        sum.typed += tally.typed;
        sum.documents += tally.documents;
        sum.agreeing += tally.agreeing;
    }
    println!();
    let mut short = Vec::new();
    for (draft, tally) in &drafts {
        let share = tally.accepted as f64 / tally.groups.max(1) as f64;
        println!(
            "{draft:<14} groups accepted {:>4} / {:<4} ({:>5.1}%; typed root {:>4}), documents agreeing in accepted groups {:>5} / {:<5}",
            tally.accepted,
            tally.groups,
            share * 100.0,
            tally.typed,
            tally.agreeing,
            tally.documents
        );
        if share < min_accepted {
            short.push(format!("{draft}: {:.1}% of groups accepted", share * 100.0));
        }
    }
    for (file, reason) in generated::LEFT_OUT {
        println!("left out: {file}.json: {reason}");
    }
    println!("\nrefused groups ({}):", refused.len());
    for line in &refused {
        println!("  {line}");
    }
    assert!(
        failures.is_empty(),
        "{} disagreements:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(short.is_empty(), "below {min_accepted}: {short:?}");
}
