//! `des-events api`: prints the public Rust API that `include_schema!` generates for a
//! schema, in the stable text form of `des_events_codegen::api` (types, fields with their
//! Rust types, variants, methods, trait impls, the handler trait, reply helpers).
//!
//! A bundled schema is described as `des_events` itself expands it (the DES schema with
//! the reply helpers built from the bundled partner schema, in `crate::partner`), so
//! the output is the API of `des_events::partner` / `des_events::des`; the repository
//! keeps both as insta snapshots in `tests/tests/snapshots/` and a test fails when they
//! drift.

use std::path::Path;

use des_events_codegen::{Source, generate};

use super::bundled::Bundled;
use super::settings::{FitArgs, MapArgs};
use super::{Status, print_all, print_escaped, warn};

/// What to describe.
#[derive(Debug)]
pub struct Request<'a> {
    /// A schema file (`-` is stdin); wins over `bundled`.
    pub schema: Option<&'a Path>,
    /// A bundled schema; the partner schema when neither this nor `schema` is given.
    pub bundled: Option<Bundled>,
    /// `catch_all = true`.
    pub catch_all: bool,
    /// The typed coverage instead of the API.
    pub stats: bool,
    /// `map = [...]`.
    pub map: &'a MapArgs,
    /// The fit options (`derives`, `patch`, `builder`...).
    pub fit: &'a FitArgs,
}

/// Runs the subcommand.
pub fn run(request: &Request<'_>) -> Status {
    // A file without reply helpers; a bundled schema with the options `des_events`
    // gives the macro.
    let engine = match request.schema {
        // A file is read as a file, so that its `$ref`s to files next to it resolve.
        Some(path) if path != Path::new("-") && path.is_file() => Some(
            des_events_codegen::Request::new(Source::file(path, path.display().to_string())),
        ),
        Some(path) => super::diff::read(path)
            .map(|(shown, text)| des_events_codegen::Request::new(Source::text(shown, text))),
        None => request.bundled.unwrap_or(Bundled::Partner).request(),
    };
    let Some(engine) = engine else {
        return Status::Error;
    };
    let engine = request
        .map
        .apply(engine)
        .settings(request.fit.settings())
        .catch_all(request.catch_all)
        .tests(false);
    let generated = match generate(&engine) {
        Ok(generated) => generated,
        Err(diagnostics) => {
            warn(format_args!("{diagnostics}"));
            return Status::Error;
        }
    };
    for warning in generated.warnings() {
        warn(format_args!("warning: {warning}"));
    }
    if request.stats {
        let coverage = des_events_codegen::coverage::Coverage::of(generated.schema());
        // The coverage quotes the schema's pointers as they are.
        return print_escaped(&coverage.to_string());
    }
    match des_events_codegen::api::surface(&generated) {
        Ok(text) => print_all(&text),
        Err(err) => {
            warn(format_args!(
                "des-events: internal error: the code generated from `{}` does not parse: {err}",
                generated.schema().file
            ));
            Status::Error
        }
    }
}
