//! Snapshots of the public API: `tests/api/*.api` hold the output of `des-events api`
//! for the two bundled schemas (types, fields and their Rust types, variants, methods,
//! trait impls, the handler trait, reply helpers), so that every change to what users
//! can name shows up in review, with the semver bump it needs.
//!
//! To accept a change, run
//! `UPDATE_SNAPSHOTS=1 cargo test -p des-events-tests --test api_snapshot`
//! and review `git diff tests/api/`: a removed or changed line breaks users' code.

use des_events_codegen::{api, generate};

mod bundled;
use bundled::workspace;

/// The command that rewrites the snapshots.
const UPDATE: &str = "UPDATE_SNAPSHOTS=1 cargo test -p des-events-tests --test api_snapshot";

/// The API of `schema/<file>`, as `des-events api --bundled` prints it: the DES schema
/// gets reply helpers from the partner schema, whose API lives in `crate::partner`.
fn surface(file: &str) -> String {
    let generated = generate(&bundled::request(file))
        .unwrap_or_else(|diagnostics| panic!("the bundled schemas are broken:\n{diagnostics}"));
    api::surface(&generated)
        .unwrap_or_else(|err| panic!("the code generated from {file} does not parse: {err}"))
}

/// Compares the API with the snapshot, or rewrites the snapshot when
/// `UPDATE_SNAPSHOTS=1`.
fn assert_snapshot(schema: &str, snapshot: &str) {
    let actual = surface(schema);
    let path = workspace().join("tests/api").join(snapshot);
    let shown = format!("tests/api/{snapshot}");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some_and(|value| value == "1") {
        std::fs::write(&path, &actual).unwrap_or_else(|err| panic!("cannot write {shown}: {err}"));
        return;
    }
    let expected = match std::fs::read_to_string(&path) {
        Ok(text) => text.replace("\r\n", "\n"),
        Err(err) => panic!("cannot read {shown}: {err}\nCreate it with `{UPDATE}`."),
    };
    if expected != actual {
        let change = api::compare(&expected, &actual);
        let mut listing = String::new();
        for line in &change.removed {
            listing.push_str(&format!("- {line}\n"));
        }
        for line in &change.added {
            listing.push_str(&format!("+ {line}\n"));
        }
        if listing.is_empty() {
            listing.push_str("(the same items, in another order or with another banner)\n");
        }
        panic!(
            "the public API generated from schema/{schema} differs from {shown}: a {} change\n{listing}\
             If the change is intended, run `{UPDATE}`, review `git diff tests/api/` \
             (a removed or changed line breaks users' code: release it as a major version) \
             and commit the snapshot with the change. `des-events diff` tells the same \
             change from the schema's side.",
            change.bump.as_str()
        );
    }
}

#[test]
fn partner_events_api() {
    assert_snapshot("partner-events.schema.json", "partner-events.api");
}

#[test]
fn des_events_api() {
    assert_snapshot("des-events.schema.json", "des-events.api");
}
