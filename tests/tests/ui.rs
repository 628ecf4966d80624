//! UI tests: every diagnostic of `des_events::include_schema!`, each with its expected
//! compiler output checked in (`tests/ui/*.stderr`), plus schemas that must compile and
//! run (`tests/ui/pass/*.rs`).
//!
//! Regenerate the expected output with
//! `TRYBUILD=overwrite cargo test -p des-events-tests --test ui`, then read every
//! changed `.stderr`: it must name the schema file, line:column, JSON pointer and a hint.
//!
//! The cases write `include_schema!("ui/schemas/<case>.json")`. The macro resolves that
//! against the `CARGO_MANIFEST_DIR` of the crate being compiled, and trybuild compiles the
//! cases as a generated crate in `<target-dir>/tests/trybuild/des-events-tests/`, not in
//! `tests/`. So before trybuild runs, `support::link_into_trybuild_project` makes `ui/`
//! visible from there too: the paths in the cases and in the expected output stay short
//! and machine-independent.

mod support;

#[test]
fn ui() {
    support::link_into_trybuild_project("ui");
    let cases = trybuild::TestCases::new();
    cases.compile_fail("ui/*.rs");
    cases.pass("ui/pass/*.rs");
}
