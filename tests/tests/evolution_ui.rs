//! Upstream's breaking steps, seen from a user's crate: for a removed event, a field that
//! became required, a replaced enum value, a removed field and a new event, code written
//! against the older schema version (`tests/evolution/NN-*/`) fails to compile against
//! the newer one, with the error at the use site (`tests/evolution_ui/*.rs` and their
//! expected `.stderr`). Each failing case has a twin in `tests/evolution_ui/pass/`: the
//! same code against the older version, which compiles and runs, so the failure is the
//! schema change and nothing else.
//!
//! Regenerate the expected output with
//! `TRYBUILD=overwrite cargo test -p des-events-tests --test evolution_ui`, then read
//! every changed `.stderr`: it must point at the line that uses the changed item.
//!
//! The cases include `evolution/<step>/<file>.schema.json`; like `ui.rs`, this links
//! `tests/evolution/` into trybuild's generated crate first (see `support`).

mod support;

use std::path::Path;

#[test]
fn evolution_ui() {
    support::link_into_trybuild_project("evolution");
    let cases = trybuild::TestCases::new();
    cases.compile_fail("evolution_ui/*.rs");
    cases.pass("evolution_ui/pass/*.rs");
}

/// The lines of a case, without the one that names the schema version.
fn code_without_schema_path(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()));
    text.lines()
        .filter(|line| !line.trim_start().starts_with("\"evolution/"))
        .map(str::to_owned)
        .collect()
}

#[test]
fn each_failing_case_is_its_passing_twin_against_another_version() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("evolution_ui");
    let mut cases = 0;
    for entry in std::fs::read_dir(&dir).expect("tests/evolution_ui exists") {
        let path = entry.expect("a directory entry").path();
        if path.extension().is_none_or(|ext| ext != "rs") {
            continue;
        }
        let name = path.file_name().expect("a file name");
        let twin = dir.join("pass").join(name);
        assert!(
            twin.exists(),
            "{} has no twin in evolution_ui/pass/",
            path.display()
        );
        assert_eq!(
            code_without_schema_path(&path),
            code_without_schema_path(&twin),
            "{} and its twin must differ only in the schema version they include",
            path.display()
        );
        assert_ne!(
            std::fs::read_to_string(&path).ok(),
            std::fs::read_to_string(&twin).ok(),
            "{} and its twin include the same schema version",
            path.display()
        );
        cases += 1;
    }
    assert_eq!(cases, 5);
}
