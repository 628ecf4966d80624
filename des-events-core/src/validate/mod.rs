//! A JSON Schema validator for drafts 4, 6, 7, 2019-09 and 2020-12: the one home of
//! validation semantics. The engine uses it at compile time, generated code at run time
//! (for subschemas that have no typed Rust shape).
//!
//! A [`Validator`] is compiled once from a set of documents into an arena of nodes
//! (references resolved while compiling, so nothing is fetched or parsed when validating),
//! then checks instances with [`Validator::is_valid`] or [`Validator::validate`].
//!
//! - The draft of a schema resource comes from its `$schema`, else from the enclosing
//!   resource, else from [`Options::default_draft`]. A custom metaschema (2019-09 and
//!   later) is followed to its draft, and its `$vocabulary` turns keyword families off.
//! - References (`$ref`, `$recursiveRef`, `$dynamicRef`) resolve against base URIs set by
//!   `$id` (`id` in draft 4), with JSON Pointer fragments and anchors (`$anchor`,
//!   `$dynamicAnchor`, plain-name `$id`s before 2019-09). The official metaschemas are
//!   built in; any other URI must be among the documents or come from the retriever.
//! - `format` asserts the formats of the [`Format`](crate::Format) catalogue when
//!   [`Options::assert_formats`] is set; other formats are annotations.
//! - Hostile input does not crash it: schema nesting and evaluation depth are capped, and a
//!   reference cycle that makes no progress in the instance is a violation.

mod compile;
mod draft;
mod eval;
mod metaschemas;
mod uri;

use std::fmt;
use std::sync::Arc;

use serde_json::Value;

pub use draft::Draft;
/// The built-in metaschemas of the drafts: `metaschema(uri)` gives the catalogue's URI
/// and the text of the one at `uri` (`http` or `https`, fragment and trailing `#` aside).
pub use metaschemas::text as metaschema;

use crate::path::Path;
use compile::{Node, NodeId};

/// How a [`Validator`] reads schemas.
#[derive(Clone, Debug)]
pub struct Options {
    /// Whether `format` asserts (for the formats of the catalogue); when `false` it is an
    /// annotation, as the 2019-09 and 2020-12 specifications make it by default.
    /// Default: `true`.
    pub assert_formats: bool,
    /// The draft of a schema that names none with `$schema`. Default: 2020-12.
    pub default_draft: Draft,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            assert_formats: true,
            default_draft: Draft::Draft202012,
        }
    }
}

/// A compiled schema, ready to validate instances. It is `Send + Sync` and holds every
/// document it was compiled from, so it can live in a static.
pub struct Validator {
    documents: Vec<(String, Arc<Value>)>,
    nodes: Vec<Node>,
    entry: NodeId,
    /// Per schema resource: its `$dynamicAnchor`s.
    dynamic_anchors: Vec<Vec<(String, NodeId)>>,
    /// Per schema resource: its root, when it has `"$recursiveAnchor": true`.
    recursive_anchors: Vec<Option<NodeId>>,
    /// Whether some schema uses `unevaluatedItems`/`unevaluatedProperties`, so that
    /// annotations must be collected.
    collect: bool,
    /// Whether some reference is dynamic (`$dynamicRef` to a `$dynamicAnchor`,
    /// `$recursiveRef` to a `$recursiveAnchor`), so that the dynamic scope must be kept.
    scoped: bool,
}

impl fmt::Debug for Validator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Validator")
            .field(
                "entry",
                &self.nodes.get(self.entry).map(|node| &node.location),
            )
            .field("documents", &self.documents.len())
            .field("nodes", &self.nodes.len())
            .finish()
    }
}

impl Validator {
    /// Compiles the schema at `entry`: an absolute URI, possibly with a fragment (a JSON
    /// Pointer such as `#/$defs/a` or an anchor such as `#foo`). `documents` are
    /// `(absolute URI, JSON)` of every document that may be referenced; the first is
    /// usually the entry's. Embedded `$id`s, `$anchor`s, `$dynamicAnchor`s and
    /// `$recursiveAnchor`s are registered. Nothing is fetched: a reference to any other
    /// URI (except the official metaschemas, which are built in) is an error.
    pub fn new(
        entry: &str,
        documents: Vec<(String, Value)>,
        options: &Options,
    ) -> Result<Validator, SchemaError> {
        compile::build(entry, documents, options, None)
    }

    /// Like [`Validator::new`], but an absolute URI that no document defines is asked from
    /// `retrieve` (which returns the document, or `None`); every retrieved document
    /// becomes part of the validator.
    pub fn with_retriever(
        entry: &str,
        documents: Vec<(String, Value)>,
        options: &Options,
        retrieve: &mut dyn FnMut(&str) -> Option<Value>,
    ) -> Result<Validator, SchemaError> {
        compile::build(entry, documents, options, Some(retrieve))
    }

    /// Every document the validator holds, `(absolute URI, JSON)`, in a deterministic
    /// order: the given ones, then the built-in metaschemas and retrieved documents in the
    /// order they were first needed. [`Validator::new`] on them gives the same validator.
    pub fn documents(&self) -> Vec<(String, &Value)> {
        self.documents
            .iter()
            .map(|(uri, value)| (uri.clone(), value.as_ref()))
            .collect()
    }

    /// Whether `instance` is valid.
    pub fn is_valid(&self, instance: &Value) -> bool {
        eval::run(self, instance, false).is_ok()
    }

    /// The first violation found (the same one on every run), or `Ok`.
    pub fn validate(&self, instance: &Value) -> Result<(), Violation> {
        eval::run(self, instance, true).map_err(|violation| {
            *violation.unwrap_or_else(|| {
                Box::new(
                    Violation {
                        path: Path::root(),
                        keyword: String::new(),
                        schema_pointer: String::new(),
                        message: String::new(),
                        requirement: "be valid".to_owned(),
                    }
                    .framed(),
                )
            })
        })
    }
}

/// Many schemas of one set of documents, checked one after the other: whether each
/// compiles, which documents its validator holds, and whether it accepts a value. It
/// gives what [`Validator::with_retriever`] gives for each entry, without registering
/// the documents again or compiling a schema twice, so that checking every subschema
/// of a large document costs about as much as compiling it once.
///
/// It answers only where the answer is the same as a [`Validator`]'s, errors included:
/// an entry that refers to a document not given (a retrieved file) gets `None`, and the
/// caller compiles it with [`Validator::with_retriever`], which reads what it needs.
pub struct Checker {
    shared: compile::Shared,
}

impl fmt::Debug for Checker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Checker").finish_non_exhaustive()
    }
}

impl Checker {
    /// Registers `documents` as [`Validator::with_retriever`] does (`retrieve` is asked
    /// only for the metaschemas their `$schema`s name, now). The error is the one
    /// `Validator::with_retriever` gives for any entry into these documents.
    pub fn new(
        documents: Vec<(String, Value)>,
        options: &Options,
        retrieve: &mut dyn FnMut(&str) -> Option<Value>,
    ) -> Result<Checker, SchemaError> {
        compile::Shared::new(documents, options, Some(retrieve)).map(|shared| Checker { shared })
    }

    /// The documents the validator of `entry` holds ([`Validator::documents`]), or the
    /// error `Validator::with_retriever` gives; `None` when only it can say.
    pub fn documents(&mut self, entry: &str) -> Option<Result<Vec<(&str, &Value)>, SchemaError>> {
        match self.shared.entry(entry) {
            Ok(_) => Some(Ok(self.shared.documents().collect())),
            Err(error) => error.map(Err),
        }
    }

    /// Whether the schema at `entry` compiles and accepts `instance`
    /// ([`Validator::is_valid`]); `None` when only `Validator::with_retriever` can say.
    pub fn is_valid(&mut self, entry: &str, instance: &Value) -> Option<bool> {
        match self.shared.entry(entry) {
            Ok(node) => Some(
                self.shared
                    .with_validator(node, |validator| validator.is_valid(instance)),
            ),
            Err(error) => error.map(|_| false),
        }
    }
}

/// Why an instance is not valid: where, which keyword, and what was expected.
#[derive(Clone, Debug, PartialEq)]
pub struct Violation {
    /// The location of the offending value in the instance.
    pub path: Path,
    /// The keyword that failed, e.g. `minimum`; `false` for a `false` schema.
    pub keyword: String,
    /// The absolute keyword location: the document's URI, `#`, and the JSON Pointer of
    /// the keyword in it.
    pub schema_pointer: String,
    /// What was expected, for people (never a copy of a long value): "must " and
    /// [`Violation::requirement`].
    pub message: String,
    /// What the keyword requires, as a verb phrase ("be at least 5"): the text of
    /// [`crate::assertion::Broken::requirement`], which the code generated for typed
    /// fields shows too.
    pub requirement: String,
}

impl Violation {
    /// Sets `message` from `requirement`.
    pub(crate) fn framed(mut self) -> Violation {
        self.message = format!("must {}", self.requirement);
        self
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_root() {
            write!(f, "the value")?;
        } else {
            write!(f, "`{}`", self.path)?;
        }
        write!(
            f,
            " {} (`{}` at {})",
            self.message, self.keyword, self.schema_pointer
        )
    }
}

impl std::error::Error for Violation {}

/// Why a schema cannot be compiled, located in its document.
#[derive(Clone, Debug, PartialEq)]
pub struct SchemaError {
    /// The URI of the document.
    pub uri: String,
    /// The RFC 6901 JSON Pointer of the offending value in the document.
    pub pointer: String,
    /// What is wrong.
    pub message: String,
    /// How to fix it, when there is something to say.
    pub hint: Option<String>,
}

impl fmt::Display for SchemaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}#{}: {}", self.uri, self.pointer, self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, " (hint: {hint})")?;
        }
        Ok(())
    }
}

impl std::error::Error for SchemaError {}
