//! Snapshots of the public API: `tests/tests/snapshots/api_snapshot__*.snap` hold the output of
//! `des-events api` for the two bundled schemas (types, fields and their Rust types,
//! variants, methods, trait impls, the handler trait, reply helpers), so that every
//! change to what users can name shows up in review, with the semver bump it needs.
//!
//! To accept a change, run
//! `INSTA_UPDATE=always cargo test -p des-events-tests --test api_snapshot` (or
//! `cargo insta review`) and review `git diff tests/tests/snapshots/`: a removed or
//! changed line breaks users' code.

use std::path::Path;

use des_events_codegen::{api, generate};

mod bundled;

/// The API of `schema/<file>`, as `des-events api --bundled` prints it: the DES schema
/// gets reply helpers from the partner schema, whose API lives in `crate::partner`.
fn surface(file: &str) -> String {
    let generated = generate(&bundled::request(file))
        .unwrap_or_else(|diagnostics| panic!("the bundled schemas are broken:\n{diagnostics}"));
    api::surface(&generated)
        .unwrap_or_else(|err| panic!("the code generated from {file} does not parse: {err}"))
}

/// Before insta's diff, says which semver bump a change of the recorded API needs
/// (a removed or changed line breaks users' code: a major version).
fn print_the_bump(snapshot: &str, actual: &str) {
    let Some(recorded) = recorded(snapshot) else {
        return;
    };
    if recorded.trim_end() != actual.trim_end() {
        let bump = api::compare(&recorded, actual).bump;
        eprintln!(
            "the public API differs from the snapshot {snapshot}: a {} change. \
             `des-events diff` tells the same change from the schema's side.",
            bump.as_str()
        );
    }
}

/// The recorded API of a snapshot: its `.snap` file after insta's `---` header.
fn recorded(snapshot: &str) -> Option<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(format!("api_snapshot__{snapshot}.snap"));
    let text = std::fs::read_to_string(path).ok()?.replace("\r\n", "\n");
    let (_header, body) = text.strip_prefix("---\n")?.split_once("\n---\n")?;
    Some(body.to_owned())
}

#[test]
fn partner_events_api() {
    let actual = surface("partner-events.schema.json");
    print_the_bump("partner-events", &actual);
    insta::assert_snapshot!("partner-events", actual);
}

#[test]
fn des_events_api() {
    let actual = surface("des-events.schema.json");
    print_the_bump("des-events", &actual);
    insta::assert_snapshot!("des-events", actual);
}
