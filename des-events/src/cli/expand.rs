//! `des-events expand`: prints the formatted Rust code that `include_schema!` generates
//! for a schema file, stdin, or one of the bundled schemas, with the macro's options.
//!
//! A bundled schema is expanded exactly as `des_events` itself invokes the macro on it
//! (the DES schema gets reply helpers built from the bundled partner schema, in
//! `crate::partner`), so the output is the code of `des_events::partner` / `::des`.

use std::io::Read as _;
use std::path::Path;

use des_events_codegen::{Diagnostics, Document, Options, Replies, ir};

use super::bundled::{self, Bundled};
use super::{Status, print_all, warn};

/// What to expand and how: the macro's options.
#[derive(Debug)]
pub struct Request<'a> {
    /// A schema file (`-` is stdin); wins over `bundled`.
    pub schema: Option<&'a Path>,
    /// A bundled schema; the partner schema when neither this nor `schema` is given.
    pub bundled: Option<Bundled>,
    /// `tests = false`.
    pub no_tests: bool,
    /// `catch_all = true`.
    pub catch_all: bool,
    /// `replies_schema = "..."` (a file, `-` is stdin).
    pub replies_schema: Option<&'a Path>,
    /// `replies_module = ...`.
    pub replies_module: Option<&'a str>,
}

/// Runs the subcommand.
pub fn run(request: &Request<'_>) -> Status {
    match expand(request) {
        Ok(code) => print_all(&code),
        Err(Failure::Reported) => Status::Error,
        Err(Failure::Schema(diagnostics)) => {
            warn(format_args!("{diagnostics}"));
            Status::Error
        }
    }
}

/// Why nothing was expanded.
enum Failure {
    /// Already reported on stderr.
    Reported,
    /// Problems in the schemas.
    Schema(Diagnostics),
}

impl From<Diagnostics> for Failure {
    fn from(diagnostics: Diagnostics) -> Self {
        Failure::Schema(diagnostics)
    }
}

fn expand(request: &Request<'_>) -> Result<String, Failure> {
    let ((doc, schema), replies) = match request.schema {
        Some(path) => {
            let main = load(path)?;
            let replies = match (request.replies_schema, request.replies_module) {
                (Some(path), Some(module)) => Some((load(path)?, module)),
                _ => None,
            };
            (main, replies)
        }
        None => {
            let which = request.bundled.unwrap_or(Bundled::Partner);
            let replies = match which.replies() {
                Some((replies, module)) => Some((replies.document()?, module)),
                None => None,
            };
            (which.document()?, replies)
        }
    };
    // The checks the macro runs on top of the schema's own.
    let mut problems = Diagnostics::default();
    if request.catch_all
        && let Err(err) = des_events_codegen::check_catch_all(&doc, &schema)
    {
        problems.0.extend(err.0);
    }
    if let Some(((replies_doc, replies_schema), _)) = &replies
        && let Err(err) = des_events_codegen::check_replies(&schema, replies_doc, replies_schema)
    {
        problems.0.extend(err.0);
    }
    if !problems.is_empty() {
        return Err(Failure::Schema(problems));
    }
    let replies = match replies {
        Some(((_, replies_schema), module)) => {
            let parsed = if is_module_path(module) {
                module.parse().ok()
            } else {
                None
            };
            let Some(module) = parsed else {
                warn(format_args!(
                    "des-events: `{module}` is not a Rust module path such as `crate::partner`"
                ));
                return Err(Failure::Reported);
            };
            Some(Replies {
                schema: replies_schema,
                module,
            })
        }
        None => None,
    };
    let options = Options {
        tests: !request.no_tests,
        catch_all: request.catch_all,
        replies,
    };
    des_events_codegen::expand_pretty(&schema, &options).map_err(|err| {
        warn(format_args!(
            "des-events: internal error: the code generated from `{}` does not parse: {err}",
            schema.file
        ));
        Failure::Reported
    })
}

/// Reads a schema file, or stdin for `-`, named as the user typed it (`<stdin>`).
fn load(path: &Path) -> Result<(Document, ir::Schema), Failure> {
    let stdin = path == Path::new("-");
    let shown = if stdin {
        "<stdin>".to_owned()
    } else {
        path.display().to_string()
    };
    // Read here rather than through `load_document`, whose I/O hint is about the macro
    // ("relative to the invoking crate's Cargo.toml"), not about a command line.
    let read = if stdin {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text).map(|_| text)
    } else {
        std::fs::read_to_string(path)
    };
    match read {
        Ok(text) => Ok(bundled::document(&shown, &text)?),
        Err(err) => {
            warn(format_args!(
                "des-events: cannot read schema `{shown}`: {err}"
            ));
            Err(Failure::Reported)
        }
    }
}

/// `a::b`, `::a::b`, `crate::a`: identifiers separated by `::`.
fn is_module_path(text: &str) -> bool {
    let ident = |segment: &str| {
        let mut chars = segment.chars();
        chars
            .next()
            .is_some_and(|first| first == '_' || first.is_alphabetic())
            && chars.all(|c| c == '_' || c.is_alphanumeric())
            && segment != "_"
    };
    text.strip_prefix("::")
        .unwrap_or(text)
        .split("::")
        .all(ident)
}

#[cfg(test)]
mod tests {
    use super::is_module_path;

    #[test]
    fn module_paths() {
        for ok in ["crate::partner", "::des_events::partner", "partner"] {
            assert!(is_module_path(ok), "{ok}");
        }
        for bad in ["", "a::", "a b", "a::1b", "_", "a;b", "::"] {
            assert!(!is_module_path(bad), "{bad}");
        }
    }
}
