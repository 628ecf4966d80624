//! Snapshots of the generated code: `tests/snapshots/*.rs` hold the exact output of
//! `des-events expand` for the two bundled schemas, so every change to the generated
//! code shows up in review. To accept a change, run
//! `UPDATE_SNAPSHOTS=1 cargo test -p des-events-tests --test snapshot`
//! and review `git diff tests/snapshots/`.

use des_events_codegen::generate;

mod bundled;
use bundled::workspace;

/// The command that rewrites the snapshots.
const UPDATE: &str = "UPDATE_SNAPSHOTS=1 cargo test -p des-events-tests --test snapshot";

/// The generated code for `schema/<file>`, named as `des-events expand` names it and
/// with the options `des_events` gives the macro: the DES schema gets reply helpers
/// from the partner schema, whose API lives in `crate::partner`.
fn generated(file: &str) -> String {
    let generated = generate(&bundled::request(file))
        .unwrap_or_else(|diagnostics| panic!("the bundled schemas are broken:\n{diagnostics}"));
    generated
        .pretty()
        .unwrap_or_else(|err| panic!("the code generated from {file} does not parse: {err}"))
}

/// Compares the generated code with the snapshot, or rewrites the snapshot when
/// `UPDATE_SNAPSHOTS=1`.
fn assert_snapshot(schema: &str, snapshot: &str) {
    let actual = generated(schema);
    let path = workspace().join("tests/snapshots").join(snapshot);
    let shown = format!("tests/snapshots/{snapshot}");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some_and(|value| value == "1") {
        std::fs::write(&path, &actual).unwrap_or_else(|err| panic!("cannot write {shown}: {err}"));
        return;
    }
    let expected = match std::fs::read_to_string(&path) {
        // Tolerate a checkout that turned line endings into CRLF.
        Ok(text) => text.replace("\r\n", "\n"),
        Err(err) => panic!("cannot read {shown}: {err}\nCreate it with `{UPDATE}`."),
    };
    if expected != actual {
        panic!(
            "the code generated from schema/{schema} differs from {shown}:\n{}\n\
             If the change is intended, run `{UPDATE}`, review `git diff tests/snapshots/` \
             and commit the snapshot with the change.",
            first_difference(&expected, &actual)
        );
    }
}

/// The first differing line, with a little context, in a diff-like form.
fn first_difference(expected: &str, actual: &str) -> String {
    let old: Vec<&str> = expected.lines().collect();
    let new: Vec<&str> = actual.lines().collect();
    let Some(first) = (0..old.len().max(new.len())).find(|&i| old.get(i) != new.get(i)) else {
        return "(the texts differ only in their final line ending)".to_owned();
    };
    let mut text = format!(
        "first difference at line {} (snapshot: {} lines, generated: {} lines)\n",
        first + 1,
        old.len(),
        new.len()
    );
    for line in &old[first.saturating_sub(3)..first.min(old.len())] {
        text.push_str(&format!("  {line}\n"));
    }
    for line in old.iter().skip(first).take(5) {
        text.push_str(&format!("- {line}\n"));
    }
    for line in new.iter().skip(first).take(5) {
        text.push_str(&format!("+ {line}\n"));
    }
    text
}

#[test]
fn partner_events_snapshot() {
    assert_snapshot("partner-events.schema.json", "partner-events.rs");
}

#[test]
fn des_events_snapshot() {
    assert_snapshot("des-events.schema.json", "des-events.rs");
}

#[test]
fn expansion_is_deterministic() {
    for schema in ["partner-events.schema.json", "des-events.schema.json"] {
        assert_eq!(generated(schema), generated(schema), "{schema}");
    }
}

#[test]
fn difference_report_points_at_the_first_changed_line() {
    let report = first_difference("a\nb\nc\n", "a\nB\nc\n");
    assert!(report.starts_with("first difference at line 2"), "{report}");
    assert!(report.contains("  a\n- b\n"), "{report}");
    assert!(report.contains("+ B\n"), "{report}");
}
