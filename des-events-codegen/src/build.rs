//! The build-script way in: [`Builder`] runs [`generate`] with the options of
//! `include_schema!` and writes the formatted code to a file (usually
//! `$OUT_DIR/events.rs`, pulled in with `include!`), telling cargo which files to watch.
//!
//! It is a thin client of the engine, as the macro is: it resolves paths against
//! `CARGO_MANIFEST_DIR`, builds a [`Request`], and turns the outcome into cargo's
//! instructions (`cargo:rerun-if-changed`, `cargo:warning`) or a [`BuildError`] that lists
//! every problem the way the macro shows them.

use std::fmt;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use quote::ToTokens as _;

use crate::diag::{Diagnostic, Diagnostics, FILE_NOT_FOUND};
use crate::fit::{MapType, Patch, Settings};
use crate::pipeline::{Request, Source, generate};

/// Generates the API of a schema from a build script, with the options of
/// `include_schema!` under the same names.
///
/// ```no_run
/// // build.rs
/// use des_events_codegen::{Builder, MapType, Patch};
///
/// fn main() -> Result<(), des_events_codegen::BuildError> {
///     let out = std::path::Path::new(&std::env::var("OUT_DIR").expect("set by cargo"))
///         .join("events.rs");
///     Builder::new("schema/order.schema.json") // relative to Cargo.toml
///         .derive("Eq")
///         .derive("Hash")
///         .attr("#[non_exhaustive]")
///         .patch("Order", Patch::new().rename("PurchaseOrder"))
///         .map_type(MapType::BTreeMap)
///         .builder(true)
///         .write(out)
/// }
/// ```
///
/// and in the crate, `include!(concat!(env!("OUT_DIR"), "/events.rs"));`. The generated
/// code names only `::des_events::...` paths, so the crate needs `des-events` as a normal
/// dependency and `des-events-codegen` (feature `build`) as a build dependency.
///
/// Paths (the schema, the replies schema, the folders of [`Builder::map`]) are relative
/// to the directory of the crate's `Cargo.toml` (`CARGO_MANIFEST_DIR`, which cargo sets
/// for build scripts), as the macro's are; outside cargo, to the current directory.
#[derive(Clone, Debug)]
pub struct Builder {
    schema: PathBuf,
    base: Option<PathBuf>,
    catch_all: bool,
    tests: bool,
    replies: Option<(PathBuf, String)>,
    maps: Vec<(String, PathBuf)>,
    settings: Settings,
}

impl Builder {
    /// Generates from the schema file at `schema`, with the macro's defaults
    /// (conformance tests on, no catch-all variant, no reply helpers, no extra derives).
    pub fn new(schema: impl Into<PathBuf>) -> Builder {
        Builder {
            schema: schema.into(),
            base: None,
            catch_all: false,
            tests: true,
            replies: None,
            maps: Vec::new(),
            settings: Settings::new(),
        }
    }

    /// Resolves relative paths against `dir` instead of `CARGO_MANIFEST_DIR`.
    pub fn base_dir(mut self, dir: impl Into<PathBuf>) -> Builder {
        self.base = Some(dir.into());
        self
    }

    /// `derives = [...]`: a derive on every generated type, e.g. `"Eq"` or
    /// `"::core::hash::Hash"` ([`Settings::derive`]).
    pub fn derive(mut self, path: impl Into<String>) -> Builder {
        self.settings = self.settings.derive(path);
        self
    }

    /// `attrs = [...]`: an attribute on every generated type, e.g. `"#[non_exhaustive]"`
    /// ([`Settings::attr`]).
    pub fn attr(mut self, attr: impl Into<String>) -> Builder {
        self.settings = self.settings.attr(attr);
        self
    }

    /// `patch = { "Target": { ... } }`: changes to one type, named by its generated name
    /// or by its schema's JSON pointer ([`Settings::patch`]).
    pub fn patch(mut self, target: impl Into<String>, patch: Patch) -> Builder {
        self.settings = self.settings.patch(target, patch);
        self
    }

    /// `replace = { "Target": path::Type }`: your type stands in for a generated one
    /// ([`Settings::replace`]).
    pub fn replace(mut self, target: impl Into<String>, path: impl Into<String>) -> Builder {
        self.settings = self.settings.replace(target, path);
        self
    }

    /// `convert = { "format": path::Type }`: strings of a format read as a crate's type
    /// ([`Settings::convert`]).
    pub fn convert(mut self, format: impl Into<String>, rust: impl Into<String>) -> Builder {
        self.settings = self.settings.convert(format, rust);
        self
    }

    /// `map_type = "..."`: the map of patterned and other properties.
    pub fn map_type(mut self, map_type: MapType) -> Builder {
        self.settings = self.settings.map_type(map_type);
        self
    }

    /// `builder = true`: a validated builder per struct ([`Settings::builder`]).
    pub fn builder(mut self, builder: bool) -> Builder {
        self.settings = self.settings.builder(builder);
        self
    }

    /// `json_schema = false`: no `schemars::JsonSchema` impls.
    pub fn json_schema(mut self, json_schema: bool) -> Builder {
        self.settings = self.settings.json_schema(json_schema);
        self
    }

    /// All the fit options at once, replacing those set so far.
    pub fn settings(mut self, settings: Settings) -> Builder {
        self.settings = settings;
        self
    }

    /// `catch_all = ...`: a catch-all variant that keeps unknown events.
    pub fn catch_all(mut self, catch_all: bool) -> Builder {
        self.catch_all = catch_all;
        self
    }

    /// `tests = ...`: emit the `#[cfg(test)]` conformance tests (on by default; they run
    /// with the including crate's `cargo test`).
    pub fn tests(mut self, tests: bool) -> Builder {
        self.tests = tests;
        self
    }

    /// `map = [("prefix", "folder")]`: a `$ref` to a URI that starts with `prefix` reads
    /// the file at the rest of the URI under `dir`. Nothing is ever fetched.
    pub fn map(mut self, prefix: impl Into<String>, dir: impl Into<PathBuf>) -> Builder {
        self.maps.push((prefix.into(), dir.into()));
        self
    }

    /// `replies_schema = "...", replies_module = ...`: reply helpers for the events of
    /// the schema at `schema` that answer this schema's, whose API lives in `module`
    /// (a Rust path such as `"crate::partner"`).
    pub fn replies(mut self, schema: impl Into<PathBuf>, module: impl Into<String>) -> Builder {
        self.replies = Some((schema.into(), module.into()));
        self
    }

    /// The formatted code, with a "do not edit" banner; nothing is printed or written.
    /// Warnings are left out: [`Builder::write`] prints them for cargo.
    pub fn generate(&self) -> Result<String, BuildError> {
        let request = self.request()?;
        let generated = generate(&request).map_err(|problems| self.schema_error(problems))?;
        pretty(&generated)
    }

    /// Generates the code and writes it to `out` (its folder is created if missing),
    /// for cargo: prints `cargo:rerun-if-changed=...` for every file the code depends on
    /// (the schemas and every file their `$ref`s read; the schemas named here even when
    /// generation fails, so that fixing them re-runs the build script) and
    /// `cargo:warning=...` for each warning about the schema. The file is written only
    /// when its content changes, so an unchanged schema does not make cargo recompile
    /// the crate.
    pub fn write(&self, out: impl AsRef<Path>) -> Result<(), BuildError> {
        self.write_to(out.as_ref(), &mut io::stdout().lock())
    }

    /// [`Builder::write`], with cargo's instructions written to `cargo`.
    fn write_to(&self, out: &Path, cargo: &mut impl Write) -> Result<(), BuildError> {
        let instructions = |err: io::Error| BuildError::Io {
            path: PathBuf::from("<stdout>"),
            error: err,
        };
        let request = self.request()?;
        let generated = match generate(&request) {
            Ok(generated) => generated,
            Err(problems) => {
                for path in request.files() {
                    rerun_if_changed(cargo, path).map_err(instructions)?;
                }
                return Err(self.schema_error(problems));
            }
        };
        for path in generated.tracked() {
            rerun_if_changed(cargo, path).map_err(instructions)?;
        }
        for warning in generated.warnings() {
            // One instruction per line: cargo reads them line by line.
            for line in warning.to_string().lines() {
                writeln!(cargo, "cargo:warning={line}").map_err(instructions)?;
            }
        }
        let code = pretty(&generated)?;
        match write_if_changed(out, &code) {
            Ok(_) => Ok(()),
            Err(error) => Err(BuildError::Io {
                path: out.to_path_buf(),
                error,
            }),
        }
    }

    /// The engine's request, with every path resolved.
    fn request(&self) -> Result<Request, BuildError> {
        let base = self.base.clone().unwrap_or_else(|| {
            std::env::var_os("CARGO_MANIFEST_DIR")
                .map(PathBuf::from)
                .unwrap_or_default()
        });
        let source = |path: &Path| Source::file(base.join(path), path.display().to_string());
        let mut request = Request::new(source(&self.schema))
            .catch_all(self.catch_all)
            .tests(self.tests)
            .settings(self.settings.clone());
        for (prefix, dir) in &self.maps {
            request = request.map(prefix.clone(), base.join(dir));
        }
        if let Some((schema, module)) = &self.replies {
            let path = syn::parse_str::<syn::Path>(module).map_err(|_| BuildError::Module {
                module: module.clone(),
            })?;
            request = request.replies(source(schema), path.to_token_stream());
        }
        Ok(request)
    }

    /// The problems of a schema, with the macro's hint on where relative paths start.
    fn schema_error(&self, mut problems: Diagnostics) -> BuildError {
        for diagnostic in &mut problems.0 {
            if diagnostic.message == FILE_NOT_FOUND && diagnostic.hint.is_none() {
                diagnostic.hint = Some(
                    "paths are relative to the directory of the crate's Cargo.toml (CARGO_MANIFEST_DIR)"
                        .to_owned(),
                );
            }
        }
        BuildError::Schema(problems)
    }
}

/// Why [`Builder`] made no file.
#[non_exhaustive]
pub enum BuildError {
    /// Problems in the schemas or the options, each with file, line, column, JSON pointer
    /// and hint.
    Schema(Diagnostics),
    /// The module of [`Builder::replies`] is not a Rust path.
    Module {
        /// The text given.
        module: String,
    },
    /// A file could not be written (or cargo's instructions could not be printed).
    Io {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        error: io::Error,
    },
    /// The generated code does not parse as Rust: a bug of the engine.
    Internal(String),
}

impl BuildError {
    /// The problems of the schemas, if that is what failed.
    pub fn diagnostics(&self) -> Option<&[Diagnostic]> {
        match self {
            BuildError::Schema(problems) => Some(&problems.0),
            _ => None,
        }
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::Schema(problems) => write!(f, "{problems}"),
            BuildError::Module { module } => write!(
                f,
                "`{module}` is not a Rust module path such as `crate::partner` (replies module)"
            ),
            BuildError::Io { path, error } => {
                write!(f, "cannot write `{}`: {error}", path.display())
            }
            BuildError::Internal(message) => write!(f, "des-events internal error: {message}"),
        }
    }
}

/// The Display text: a build script's `main` that returns the error prints its `Debug`,
/// which should read as the macro's errors do, not as a struct dump.
impl fmt::Debug for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for BuildError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            BuildError::Schema(problems) => Some(problems),
            BuildError::Io { error, .. } => Some(error),
            BuildError::Module { .. } | BuildError::Internal(_) => None,
        }
    }
}

/// The formatted code of `generated`.
fn pretty(generated: &crate::Generated) -> Result<String, BuildError> {
    generated.pretty().map_err(|err| {
        BuildError::Internal(format!(
            "the code generated from `{}` does not parse: {err}",
            generated.schema().file
        ))
    })
}

fn rerun_if_changed(cargo: &mut impl Write, path: &Path) -> io::Result<()> {
    writeln!(cargo, "cargo:rerun-if-changed={}", path.display())
}

/// Writes `text` to `out` unless the file already holds exactly it, so that its mtime
/// stays and nothing that depends on it is rebuilt; creates its folder if missing.
/// Returns whether the file was written. [`Builder::write`] and `des-events expand -o`
/// write through it.
pub fn write_if_changed(out: &Path, text: &str) -> io::Result<bool> {
    if std::fs::read(out).is_ok_and(|held| held == text.as_bytes()) {
        return Ok(false);
    }
    if let Some(dir) = out.parent().filter(|dir| !dir.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(out, text)?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCHEMA: &str = r#"{
  "title": "Shop",
  "oneOf": [
    {
      "type": "object",
      "properties": {
        "event": {"const": "ordered"},
        "message": {
          "title": "Order",
          "type": "object",
          "properties": {"id": {"type": "string", "minLength": 1}},
          "required": ["id"],
          "additionalProperties": false
        }
      },
      "required": ["event", "message"],
      "additionalProperties": false
    }
  ]
}"#;

    /// A fresh folder under the system's temp dir, holding `schema.json` with `text`.
    fn folder(name: &str, text: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("des-events-build-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a temp folder");
        std::fs::write(dir.join("schema.json"), text).expect("the schema written");
        dir
    }

    fn write(builder: &Builder, out: &Path) -> (Result<(), BuildError>, String) {
        let mut cargo = Vec::new();
        let result = builder.write_to(out, &mut cargo);
        (result, String::from_utf8(cargo).expect("UTF-8"))
    }

    #[test]
    fn writes_the_code_and_tells_cargo_what_to_watch() {
        let dir = folder("writes", SCHEMA);
        let out = dir.join("out").join("events.rs");
        let builder = Builder::new("schema.json")
            .base_dir(&dir)
            .derive("Eq")
            .patch("Order", Patch::new().rename("Purchase"))
            .builder(true)
            .tests(false);
        let (result, cargo) = write(&builder, &out);
        result.expect("generated");
        let code = std::fs::read_to_string(&out).expect("written");
        assert!(code.starts_with("// Generated by des-events from `schema.json`"));
        assert!(code.contains("pub struct Purchase"), "{code}");
        assert!(code.contains("PurchaseBuilder"), "{code}");
        assert!(code.contains("Eq"), "{code}");
        assert!(!code.contains("struct Order "), "{code}");
        assert_eq!(
            cargo,
            format!(
                "cargo:rerun-if-changed={}\n",
                dir.join("schema.json").display()
            )
        );
        assert_eq!(builder.generate().expect("generated"), code);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn an_unchanged_file_is_not_written_again() {
        let dir = folder("unchanged", SCHEMA);
        let out = dir.join("events.rs");
        let builder = Builder::new("schema.json").base_dir(&dir);
        write(&builder, &out).0.expect("generated");
        // The same code again: the file keeps its mtime.
        let before = std::fs::metadata(&out)
            .and_then(|meta| meta.modified())
            .expect("an mtime");
        std::thread::sleep(std::time::Duration::from_millis(20));
        write(&builder, &out).0.expect("generated");
        let after = std::fs::metadata(&out)
            .and_then(|meta| meta.modified())
            .expect("an mtime");
        assert_eq!(before, after);
        // A changed option changes the file.
        write(&builder.clone().attr("#[doc(alias = \"changed\")]"), &out)
            .0
            .expect("generated");
        let code = std::fs::read_to_string(&out).expect("written");
        assert!(code.contains("alias = \"changed\""), "{code}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn schema_problems_are_listed_as_the_macro_shows_them() {
        let broken = SCHEMA.replace(r#""minLength": 1"#, r#""minLength": "one""#);
        let dir = folder("broken", &broken);
        let out = dir.join("events.rs");
        let builder = Builder::new("schema.json").base_dir(&dir);
        let (result, cargo) = write(&builder, &out);
        let err = result.expect_err("a broken schema");
        let problems = err.diagnostics().expect("schema problems").to_vec();
        assert!(!problems.is_empty());
        // The Display is the diagnostics', each as `file:line:col: at <pointer>: ...`.
        assert_eq!(err.to_string(), Diagnostics(problems).to_string());
        assert!(err.to_string().starts_with("schema.json:"), "{err}");
        assert_eq!(format!("{err:?}"), err.to_string());
        // The schema is still watched, so that fixing it re-runs the build script.
        assert_eq!(
            cargo,
            format!(
                "cargo:rerun-if-changed={}\n",
                dir.join("schema.json").display()
            )
        );
        assert!(!out.exists());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_missing_schema_says_where_paths_start() {
        let dir = folder("missing", SCHEMA);
        let err = Builder::new("nowhere.json")
            .base_dir(&dir)
            .generate()
            .expect_err("no such file");
        let text = err.to_string();
        assert!(text.starts_with("nowhere.json"), "{text}");
        assert!(text.contains("CARGO_MANIFEST_DIR"), "{text}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_patch_of_nothing_lists_the_names() {
        let dir = folder("patch", SCHEMA);
        let err = Builder::new("schema.json")
            .base_dir(&dir)
            .patch("Nope", Patch::new().rename("X"))
            .generate()
            .expect_err("no type `Nope`");
        assert!(err.to_string().contains("Order"), "{err}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_bad_replies_module_is_an_error() {
        let dir = folder("module", SCHEMA);
        let err = Builder::new("schema.json")
            .base_dir(&dir)
            .replies("schema.json", "not a path")
            .generate()
            .expect_err("not a path");
        assert!(matches!(err, BuildError::Module { .. }), "{err}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn warnings_become_cargo_warnings() {
        let odd = SCHEMA.replace(r#""minLength": 1"#, r#""minLength": 5, "maxLength": 2"#);
        let dir = folder("warns", &odd);
        let out = dir.join("events.rs");
        let (result, cargo) = write(&Builder::new("schema.json").base_dir(&dir), &out);
        result.expect("a warning does not fail the build");
        let warnings: Vec<&str> = cargo
            .lines()
            .filter(|line| line.starts_with("cargo:warning="))
            .collect();
        assert!(!warnings.is_empty(), "{cargo}");
        assert!(warnings[0].contains("schema.json:"), "{cargo}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
