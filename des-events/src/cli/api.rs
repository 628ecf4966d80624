//! `des-events api`: prints the public Rust API that `include_schema!` generates for a
//! schema, in the stable text form of `des_events_codegen::api` (types, fields with their
//! Rust types, variants, methods, trait impls, the handler trait, reply helpers).
//!
//! A bundled schema is described as `des_events` itself expands it (the DES schema with
//! the reply helpers built from the bundled partner schema, in `crate::partner`), so
//! the output is the API of `des_events::partner` / `des_events::des`; the repository
//! keeps both in `tests/api/` and a test fails when they drift.

use std::path::Path;

use des_events_codegen::{Diagnostics, Options, Replies, check_replies};

use super::bundled::{self, Bundled};
use super::{Status, print_all, warn};

/// What to describe.
#[derive(Debug)]
pub struct Request<'a> {
    /// A schema file (`-` is stdin); wins over `bundled`.
    pub schema: Option<&'a Path>,
    /// A bundled schema; the partner schema when neither this nor `schema` is given.
    pub bundled: Option<Bundled>,
    /// `catch_all = true`.
    pub catch_all: bool,
}

/// Runs the subcommand.
pub fn run(request: &Request<'_>) -> Status {
    let built = match request.schema {
        Some(path) => from_file(path, request.catch_all),
        None => from_bundled(
            request.bundled.unwrap_or(Bundled::Partner),
            request.catch_all,
        ),
    };
    let (schema, options) = match built {
        Ok(built) => built,
        Err(Some(diagnostics)) => {
            warn(format_args!("{diagnostics}"));
            return Status::Error;
        }
        Err(None) => return Status::Error,
    };
    match des_events_codegen::api::surface(&schema, &options) {
        Ok(text) => print_all(&text),
        Err(err) => {
            warn(format_args!(
                "des-events: internal error: the code generated from `{}` does not parse: {err}",
                schema.file
            ));
            Status::Error
        }
    }
}

type Built = (des_events_codegen::ir::Schema, Options);

/// A schema file, without reply helpers. `Err(None)`: already reported.
fn from_file(path: &Path, catch_all: bool) -> Result<Built, Option<Diagnostics>> {
    let (shown, text) = super::diff::read(path).ok_or(None)?;
    let (doc, schema) = bundled::document(&shown, &text).map_err(Some)?;
    if catch_all {
        des_events_codegen::check_catch_all(&doc, &schema).map_err(Some)?;
    }
    let options = Options {
        catch_all,
        ..Options::default()
    };
    Ok((schema, options))
}

/// A bundled schema, with the options `des_events` gives the macro.
fn from_bundled(which: Bundled, catch_all: bool) -> Result<Built, Option<Diagnostics>> {
    let (doc, schema) = which.document().map_err(Some)?;
    if catch_all {
        des_events_codegen::check_catch_all(&doc, &schema).map_err(Some)?;
    }
    let replies = match which.replies() {
        Some((replies, module)) => {
            let (replies_doc, replies_schema) = replies.document().map_err(Some)?;
            check_replies(&schema, &replies_doc, &replies_schema).map_err(Some)?;
            let Ok(module) = module.parse() else {
                warn(format_args!("des-events: `{module}` is not a module path"));
                return Err(None);
            };
            Some(Replies {
                schema: replies_schema,
                module,
            })
        }
        None => None,
    };
    let options = Options {
        catch_all,
        replies,
        ..Options::default()
    };
    Ok((schema, options))
}
