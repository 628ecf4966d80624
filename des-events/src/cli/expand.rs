//! `des-events expand`: prints the formatted Rust code that `include_schema!` generates
//! for a schema file, stdin, or one of the bundled schemas, with the macro's options
//! (every one of them, the fit options and `--map` included), or writes it to a file
//! (`--out`, only when its content changes).
//!
//! A bundled schema is expanded exactly as `des_events` itself invokes the macro on it
//! (the DES schema gets reply helpers built from the bundled partner schema, in
//! `crate::partner`), so the output is the code of `des_events::partner` / `::des`.

use std::path::Path;

use des_events_codegen::{Diagnostics, Source, TokenStream, generate};

use super::bundled::Bundled;
use super::settings::{FitArgs, MapArgs};
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
    /// Write here instead of stdout.
    pub out: Option<&'a Path>,
    /// `map = [...]`.
    pub map: &'a MapArgs,
    /// The fit options (`derives`, `attrs`, `patch`, `map_type`, `builder`,
    /// `json_schema`).
    pub fit: &'a FitArgs,
}

/// Runs the subcommand.
pub fn run(request: &Request<'_>) -> Status {
    match expand(request) {
        Ok(code) => match request.out {
            None => print_all(&code),
            Some(out) => match des_events_codegen::write_if_changed(out, &code) {
                Ok(_) => Status::Ok,
                Err(err) => {
                    warn(format_args!(
                        "des-events: cannot write `{}`: {err}",
                        out.display()
                    ));
                    Status::Error
                }
            },
        },
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
    let engine = match request.schema {
        Some(path) => {
            let engine = des_events_codegen::Request::new(load(path)?);
            match (request.replies_schema, request.replies_module) {
                (Some(path), Some(module)) => {
                    let module = module_path(module).ok_or(Failure::Reported)?;
                    engine.replies(load(path)?, module)
                }
                _ => engine,
            }
        }
        None => request
            .bundled
            .unwrap_or(Bundled::Partner)
            .request()
            .ok_or(Failure::Reported)?,
    };
    let engine = request
        .map
        .apply(engine)
        .settings(request.fit.settings())
        .catch_all(request.catch_all)
        .tests(!request.no_tests);
    let generated = generate(&engine)?;
    for warning in generated.warnings() {
        warn(format_args!("warning: {warning}"));
    }
    generated.pretty().map_err(|err| {
        warn(format_args!(
            "des-events: internal error: the code generated from `{}` does not parse: {err}",
            generated.schema().file
        ));
        Failure::Reported
    })
}

/// A schema file, or stdin for `-`, named as the user typed it (`<stdin>`).
fn load(path: &Path) -> Result<Source, Failure> {
    // A file that exists is read as a file, so that its `$ref`s to files next to it
    // resolve; anything else is read here, so that an I/O problem is reported as one of
    // the command line (a `Source::File`'s missing-file hint is about the macro).
    if path != Path::new("-") && path.is_file() {
        return Ok(Source::file(path, path.display().to_string()));
    }
    let (shown, text) = super::diff::read(path).ok_or(Failure::Reported)?;
    Ok(Source::text(shown, text))
}

/// The tokens of a module path such as `crate::partner`, or `None` (reported).
fn module_path(text: &str) -> Option<TokenStream> {
    let parsed = if is_module_path(text) {
        text.parse().ok()
    } else {
        None
    };
    if parsed.is_none() {
        warn(format_args!(
            "des-events: `{text}` is not a Rust module path such as `crate::partner`"
        ));
    }
    parsed
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
