//! Shared by the snapshot tests (`snapshot.rs`, `api_snapshot.rs`): the engine request
//! for a bundled schema, with the options `des_events` gives the macro.

use std::path::{Path, PathBuf};

use des_events_codegen::{Request, Source};

/// The workspace root.
fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The request for `schema/<file>`, named as `des-events expand` names it: the DES
/// schema gets reply helpers from the partner schema, whose API lives in `crate::partner`.
pub fn request(file: &str) -> Request {
    let source = |file: &str| {
        let shown = format!("schema/{file}");
        Source::file(workspace().join(&shown), shown)
    };
    let mut request = Request::new(source(file));
    if file == "des-events.schema.json" {
        let module = "crate::partner".parse().expect("a module path");
        request = request.replies(source("partner-events.schema.json"), module);
    }
    request
}
