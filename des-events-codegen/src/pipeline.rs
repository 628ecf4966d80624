//! The engine's one entry: [`generate`] runs every stage and every cross-check of a
//! [`Request`] (load, model, check, the catch-all check, the replies schema and its
//! links, expand) and gives back a [`Generated`], or every problem found on the way.
//!
//! Callers (the macro, the CLI, the tests) cannot run a stage on its own: the stages
//! are private to the crate, and the only way to a checked [`Schema`] or to tokens is
//! through this module, like serde_derive's `Ctxt` that cannot be dropped unchecked.

#[cfg(feature = "build")]
use std::borrow::Cow;
use std::path::{Path, PathBuf};

use proc_macro2::TokenStream;

use crate::check;
use crate::diag::{Diagnostic, Diagnostics};
use crate::expand::{self, Options, Replies};
use crate::fit::{self, Settings};
use crate::ir::Schema;
use crate::load::Document;
use crate::model;

/// Where a schema comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// A file on disk. Relative `$ref`s to other files resolve against its directory.
    File {
        /// Where to read it.
        path: PathBuf,
        /// The name used in diagnostics (the path as the user wrote it).
        shown: String,
    },
    /// Text already in memory (stdin, a schema embedded in a binary). It has no
    /// directory, so `$ref`s to other files cannot be resolved.
    Text {
        /// The name used in diagnostics.
        shown: String,
        /// The schema text.
        text: String,
    },
}

impl Source {
    /// The file at `path`, named `shown` in diagnostics.
    pub fn file(path: impl Into<PathBuf>, shown: impl Into<String>) -> Source {
        Source::File {
            path: path.into(),
            shown: shown.into(),
        }
    }

    /// The schema `text`, named `shown` in diagnostics.
    pub fn text(shown: impl Into<String>, text: impl Into<String>) -> Source {
        Source::Text {
            shown: shown.into(),
            text: text.into(),
        }
    }

    /// The name used in diagnostics.
    pub fn shown(&self) -> &str {
        match self {
            Source::File { shown, .. } | Source::Text { shown, .. } => shown,
        }
    }

    /// The file on disk, if the schema is one.
    pub fn path(&self) -> Option<&Path> {
        match self {
            Source::File { path, .. } => Some(path),
            Source::Text { .. } => None,
        }
    }

    /// Stage 1: the document, with the position of every node.
    pub(crate) fn load(&self) -> Result<Document, Diagnostics> {
        match self {
            Source::File { path, shown } => Document::read(path, shown),
            Source::Text { shown, text } => Document::parse(shown, text.clone()),
        }
    }
}

/// What to generate: a schema and the options of `include_schema!`. Built with
/// [`Request::new`] and the option methods; the defaults are the macro's.
#[derive(Clone, Debug)]
pub struct Request {
    schema: Source,
    catch_all: bool,
    tests: bool,
    replies: Option<RepliesRequest>,
    expand: bool,
    maps: Vec<(String, PathBuf)>,
    settings: Settings,
}

/// `replies_schema` and `replies_module`.
#[derive(Clone, Debug)]
struct RepliesRequest {
    schema: Source,
    module: TokenStream,
}

impl Request {
    /// Generates the API of `schema` with the macro's defaults: conformance tests on,
    /// no catch-all variant, no reply helpers.
    pub fn new(schema: Source) -> Request {
        Request {
            schema,
            catch_all: false,
            tests: true,
            replies: None,
            expand: true,
            maps: Vec::new(),
            settings: Settings::new(),
        }
    }

    /// How the generated types fit the user's code: derives, attributes, patches, map
    /// type, builders, schemars impls ([`Settings`]). [`generate`] checks them against
    /// the schema.
    pub fn settings(mut self, settings: Settings) -> Request {
        self.settings = settings;
        self
    }

    /// `catch_all = ...`: a catch-all variant that keeps unknown events (its name must
    /// be free, which [`generate`] checks).
    pub fn catch_all(mut self, catch_all: bool) -> Request {
        self.catch_all = catch_all;
        self
    }

    /// `tests = ...`: emit the `#[cfg(test)]` conformance tests.
    pub fn tests(mut self, tests: bool) -> Request {
        self.tests = tests;
        self
    }

    /// `replies_schema = ..., replies_module = ...`: reply helpers for the events of
    /// `schema` that answer this schema's, whose API lives in `module` (e.g.
    /// `crate::partner`). [`generate`] loads and checks `schema`, and checks its links.
    pub fn replies(mut self, schema: Source, module: TokenStream) -> Request {
        self.replies = Some(RepliesRequest { schema, module });
        self
    }

    /// `map(prefix = "dir")`: a `$ref` to a URI that starts with `prefix` reads the file
    /// at the rest of the URI under `dir` (e.g. `https://example.com/schemas/` mapped to
    /// a vendored copy). Nothing is ever fetched.
    pub fn map(mut self, prefix: impl Into<String>, dir: impl Into<PathBuf>) -> Request {
        self.maps.push((prefix.into(), dir.into()));
        self
    }

    /// Runs every stage and check but not the expansion: for tools that only need the
    /// checked schema ([`Generated::tokens`] is then empty).
    pub fn check_only(mut self) -> Request {
        self.expand = false;
        self
    }

    /// The schema to generate from.
    pub fn schema(&self) -> &Source {
        &self.schema
    }

    /// The replying schema, if reply helpers are asked for.
    pub fn replies_schema(&self) -> Option<&Source> {
        self.replies.as_ref().map(|replies| &replies.schema)
    }

    /// The files this request names (the schema, the replies schema), for a build to
    /// depend on even when [`generate`] fails. [`Generated::tracked`] adds the files
    /// their `$ref`s read.
    pub fn files(&self) -> impl Iterator<Item = &Path> {
        std::iter::once(&self.schema)
            .chain(self.replies_schema())
            .filter_map(Source::path)
    }
}

/// What [`generate`] made of a [`Request`].
#[derive(Clone, Debug)]
pub struct Generated {
    schema: Schema,
    options: Options,
    /// Empty for a check-only request.
    tokens: TokenStream,
    /// False for a check-only request.
    #[cfg(feature = "build")]
    expanded: bool,
    tracked: Vec<PathBuf>,
    warnings: Vec<Diagnostic>,
}

impl Generated {
    /// Checks of the schema that no value can pass, or that contradict each other (e.g.
    /// `not: {}`, `minLength` above `maxLength`): the schema is valid JSON Schema and is
    /// accepted, but these are almost certainly mistakes. The macro turns each into a
    /// compile warning; the CLI prints them.
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }

    /// The checked schema.
    pub fn schema(&self) -> &Schema {
        &self.schema
    }

    /// The checked schema, by value.
    pub fn into_schema(self) -> Schema {
        self.schema
    }

    /// The checked replying schema, if reply helpers were asked for.
    pub fn replies_schema(&self) -> Option<&Schema> {
        self.options.replies.as_ref().map(|replies| &replies.schema)
    }

    /// Whether the dispatch enum has the catch-all variant.
    pub fn catch_all(&self) -> bool {
        self.options.catch_all
    }

    /// The generated code (empty for a [`Request::check_only`] request).
    pub fn tokens(&self) -> &TokenStream {
        &self.tokens
    }

    /// Every file the generated code depends on, in a stable order without repeats: the
    /// schema, the replies schema, and the files their `$ref`s read. A build must re-run
    /// the generation when one of them changes.
    pub fn tracked(&self) -> &[PathBuf] {
        &self.tracked
    }

    /// The options of the expansion (for tooling that re-expands with other options).
    #[cfg(feature = "tooling")]
    pub(crate) fn options(&self) -> &Options {
        &self.options
    }

    /// The tokens, expanded now if the request was check-only.
    #[cfg(feature = "build")]
    fn expansion(&self) -> Cow<'_, TokenStream> {
        if self.expanded {
            Cow::Borrowed(&self.tokens)
        } else {
            Cow::Owned(expand::expand(&self.schema, &self.options))
        }
    }

    /// The generated code as formatted Rust source, with a "do not edit" banner (what
    /// `des-events expand` prints). Errors only if the tokens do not parse as a Rust
    /// file, which would be an engine bug.
    #[cfg(feature = "build")]
    pub fn pretty(&self) -> Result<String, syn::Error> {
        let file: syn::File = syn::parse2(self.expansion().into_owned())?;
        Ok(format!(
            "// Generated by des-events from `{}`. Do not edit: edit the schema.\n\n{}",
            self.schema.file,
            prettyplease::unparse(&file)
        ))
    }
}

/// Runs the whole pipeline on `request`: loads, models and checks the schema; with
/// `catch_all`, checks that the catch-all variant's name is free; with replies, loads,
/// models and checks the replying schema and checks its links to this one; then expands
/// (unless [`Request::check_only`]). Every problem of every step is collected: the
/// problems of the schema come first, then those of the replying schema, then those of
/// the cross-checks.
pub fn generate(request: &Request) -> Result<Generated, Diagnostics> {
    let mut problems = Diagnostics::default();
    let mut keep = |loaded: Result<(Document, Schema), Diagnostics>| match loaded {
        Ok(loaded) => Some(loaded),
        Err(err) => {
            problems.0.extend(err.0);
            None
        }
    };
    let main = keep(load_and_check(&request.schema, &request.maps));
    let replies = request.replies.as_ref().map(|replies| {
        (
            keep(load_and_check(&replies.schema, &request.maps)),
            &replies.module,
        )
    });
    if let Some((doc, schema)) = &main {
        if request.catch_all
            && let Err(err) = check::check_catch_all(doc, schema)
        {
            problems.0.extend(err.0);
        }
        if let Some((Some((replies_doc, replies_schema)), _)) = &replies
            && let Err(err) = check::check_replies(schema, replies_doc, replies_schema)
        {
            problems.0.extend(err.0);
        }
    }
    let replies = match replies {
        None => None,
        Some((Some((_, schema)), module)) => Some(Replies {
            schema,
            module: module.clone(),
        }),
        // Its problems are in `problems`.
        Some((None, _)) => return Err(problems),
    };
    let (schema, warnings, fit) = match main {
        Some((doc, mut schema)) if problems.is_empty() => {
            let fit = fit::resolve(&doc, &mut schema, &request.settings, request.catch_all)?;
            let mut warnings = schema.warnings.clone();
            warnings.extend(crate::lint::lint(&doc));
            (schema, warnings, fit)
        }
        _ => return Err(problems),
    };
    let mut tracked: Vec<PathBuf> = Vec::new();
    let sources = request.files().map(Path::to_path_buf);
    let referenced = std::iter::once(&schema)
        .chain(replies.as_ref().map(|replies| &replies.schema))
        .flat_map(|schema| schema.sources.iter().cloned());
    for path in sources.chain(referenced) {
        if !tracked.contains(&path) {
            tracked.push(path);
        }
    }
    let options = Options {
        tests: request.tests,
        catch_all: request.catch_all,
        replies,
        fit,
    };
    let tokens = if request.expand {
        expand::expand(&schema, &options)
    } else {
        TokenStream::new()
    };
    Ok(Generated {
        schema,
        options,
        tokens,
        #[cfg(feature = "build")]
        expanded: request.expand,
        tracked,
        warnings,
    })
}

/// Loads `source`, then models and checks it on its own.
fn load_and_check(
    source: &Source,
    maps: &[(String, PathBuf)],
) -> Result<(Document, Schema), Diagnostics> {
    let doc = source.load()?;
    let schema = check_document(&doc, maps)?;
    Ok((doc, schema))
}

/// Stages 2 and 3 on a loaded document: the model and the schema's own checks (for the
/// diff, which re-keys a document before modelling it).
pub(crate) fn check_document(
    doc: &Document,
    maps: &[(String, PathBuf)],
) -> Result<Schema, Diagnostics> {
    let resources = model::Resources {
        root_dir: doc
            .path
            .as_ref()
            .and_then(|path| path.parent())
            .map(Path::to_path_buf),
        maps: maps.to_vec(),
        read: Default::default(),
    };
    let schema = model::model(doc, &resources)?;
    check::check(doc, &schema)?;
    Ok(schema)
}
