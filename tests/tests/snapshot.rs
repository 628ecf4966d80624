//! Snapshots of the generated code: `tests/tests/snapshots/snapshot__*.snap` hold the exact
//! output of `des-events expand` for the two bundled schemas (after insta's header), so
//! every change to the generated code shows up in review. To accept a change, run
//! `INSTA_UPDATE=always cargo test -p des-events-tests --test snapshot` (or
//! `cargo insta review`) and review `git diff tests/tests/snapshots/`.

use des_events_codegen::generate;

mod bundled;

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

#[test]
fn partner_events_snapshot() {
    insta::assert_snapshot!("partner-events", generated("partner-events.schema.json"));
}

#[test]
fn des_events_snapshot() {
    insta::assert_snapshot!("des-events", generated("des-events.schema.json"));
}

#[test]
fn expansion_is_deterministic() {
    for schema in ["partner-events.schema.json", "des-events.schema.json"] {
        assert_eq!(generated(schema), generated(schema), "{schema}");
    }
}
