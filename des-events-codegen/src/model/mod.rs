//! Stage 2, model: turn a loaded schema into the IR, collecting every problem.
//!
//! Every keyword is looked at: it is either modelled exactly, accepted as a documented
//! annotation, or reported as an error with its location. Nothing is silently ignored.

mod all_of;
mod checked;
mod choices;
mod events;
mod json;
mod names;
mod patterns;
mod refs;
mod root;
mod scalars;
mod split;
mod tagged;
mod types;

use std::collections::{BTreeMap, HashMap};

use serde_json::{Map, Value};

use crate::diag::{Diagnostic, Diagnostics, join};
use crate::ir::*;
use crate::load::Document;
use crate::name;

/// The draft we implement.
pub const DRAFT_2020_12: &str = "https://json-schema.org/draft/2020-12/schema";

use des_events_core::keyword::{self, ANNOTATIONS};

/// The tag property of `root` when it is a tagged union (see [`tagged`]): `$ref`s are
/// followed inside `root` only.
#[cfg(feature = "tooling")]
pub(crate) fn discriminator(root: &Value) -> Option<String> {
    let resolve = |reference: &str| {
        reference
            .strip_prefix('#')
            .and_then(|pointer| root.pointer(pointer))
            .cloned()
    };
    tagged::tagged_union_shape(root.as_object()?, &resolve).map(|shape| shape.tag)
}

/// Builds the IR of `doc`, or every problem found in it.
pub fn model(doc: &Document, resources: &Resources) -> Result<Schema, Diagnostics> {
    let mut modeler = Modeler {
        doc,
        resources,
        validator_documents: Vec::new(),
        checker: None,
        draft: draft_of(&doc.value),
        diags: Vec::new(),
        warnings: Vec::new(),
        types: Vec::new(),
        type_names: HashMap::new(),
        claims: HashMap::new(),
        pointer_names: HashMap::new(),
        renamed: Vec::new(),
        wanted: HashMap::new(),
        part: None,
        unknown_dialect: false,
        modelling: Vec::new(),
        dangling: Vec::new(),
        refs: HashMap::new(),
        in_progress: Vec::new(),
        failed: Vec::new(),
        seen_events: HashMap::new(),
        seen_variants: HashMap::new(),
        others: Vec::new(),
        event_targets: Vec::new(),
        all_of_depth: 0,
        hard_errors: 0,
        no_checks: false,
    };
    let schema = modeler.root();
    // Last, a safety net: the document must be a schema of its draft (the model and the
    // validator have said more precisely what they could; the metaschema says the rest,
    // such as a `title` that is not a string).
    if modeler.diags.is_empty()
        && let Err(violation) = modeler.meta_check(&doc.value)
    {
        let pointer = violation.path.pointer();
        let key = violation.path.last_key().unwrap_or("the schema").to_owned();
        modeler.error(
            &pointer,
            format!(
                "`{key}` is not valid in a JSON Schema ({}): {}",
                modeler.draft_name(),
                violation.message
            ),
            Some(&format!(
                "the metaschema {} says so with its `{}` keyword",
                modeler.draft.uri(),
                violation.keyword
            )),
        );
    }
    let schema = schema.map(|mut schema| {
        schema.warnings = std::mem::take(&mut modeler.warnings);
        schema.renamed = std::mem::take(&mut modeler.renamed)
            .into_iter()
            .filter(|renamed| schema.type_def(&renamed.name).is_some())
            .collect();
        schema.sources = modeler
            .others
            .iter()
            .filter_map(|doc| doc.path.clone())
            .collect();
        for path in modeler.resources.read.borrow().iter() {
            if !schema.sources.contains(path) {
                schema.sources.push(path.clone());
            }
        }
        if schema.types.iter().any(|def| {
            matches!(def, TypeDef::Json(_))
                || matches!(def, TypeDef::Struct(def) if def.check.is_some())
                || matches!(def, TypeDef::Newtype(def) if def.check.is_some())
        }) {
            schema.documents = std::mem::take(&mut modeler.validator_documents);
        }
        schema
    });
    if modeler.diags.is_empty()
        && let Some(schema) = schema
    {
        return Ok(schema);
    }
    Err(Diagnostics(modeler.diags))
}

use des_events_core::validate::Draft;
pub use json::Resources;
use json::draft_of;

struct Modeler<'d> {
    doc: &'d Document,
    /// Where the validator finds referenced documents.
    resources: &'d Resources,
    /// The documents the validators of [`TypeDef::Json`] types need.
    validator_documents: Vec<(String, Value)>,
    /// Compiles the validators of the schema's subschemas, sharing the work (see
    /// `json::compiles`); made for the loaded documents and `unknown_dialect` it is
    /// keyed by.
    checker: Option<((usize, bool), Option<des_events_core::validate::Checker>)>,
    /// The draft of the root document (`$schema`; 2020-12 without it).
    draft: Draft,
    diags: Vec<Diagnostic>,
    /// Problems that do not stop generation (see [`Modeler::warn`]).
    warnings: Vec<Diagnostic>,
    types: Vec<TypeDef>,
    /// Position of each registered type in `types`, by name.
    type_names: HashMap<String, usize>,
    /// Which place holds each type name given so far (see `names`).
    claims: HashMap<String, String>,
    /// The type name given to each place.
    pointer_names: HashMap<String, String>,
    /// The names that are not the ones their schemas wanted.
    renamed: Vec<Renamed>,
    /// The name each place asked for.
    wanted: HashMap<String, String>,
    /// While one JSON type's part of a schema is modelled (see `split`): its pointer and
    /// the part, which is named apart from the whole.
    part: Option<(String, String)>,
    /// The root's `$schema` names no draft and no metaschema that can be read: it is
    /// read as the default draft, and left out of what the validator sees.
    unknown_dialect: bool,
    /// The pointers of the schemas being modelled, innermost last (a `$ref` to one of
    /// them closes a cycle).
    modelling: Vec<String>,
    /// The problems that were a `$ref` resolving to nothing (see
    /// `unused_definition`).
    dangling: Vec<Diagnostic>,
    /// `$ref` targets already modelled, by pointer.
    refs: HashMap<String, Type>,
    /// `$ref` targets being modelled (to detect recursion).
    in_progress: Vec<String>,
    /// `$ref` targets that failed (reported once).
    failed: Vec<String>,
    /// Events seen so far: wire name -> pointer, variant name -> (wire name, pointer).
    seen_events: HashMap<String, String>,
    seen_variants: HashMap<String, (String, String)>,
    /// Other files read for `$ref`s. A pointer into the k-th (from 1) is written
    /// `@k/...`; a pointer without `@` is in the root document.
    others: Vec<Document>,
    /// Event envelopes given by `$ref` (modelled as events, not as `$defs` types).
    event_targets: Vec<String>,
    /// How many merged `allOf` schemas are being modelled inside each other.
    all_of_depth: usize,
    /// How many errors were about the generated API itself (two schemas wanting one
    /// type name): those stand, a validated JSON value would not avoid them.
    hard_errors: usize,
    /// Set while modelling a struct that is not read from its schema's whole object (a
    /// flat union's variant, read without its tag): no validator check on it.
    no_checks: bool,
}

/// The document index and the plain JSON pointer of a model pointer.
fn locate(pointer: &str) -> (usize, &str) {
    match pointer.strip_prefix('@') {
        Some(rest) => {
            let end = rest.find('/').unwrap_or(rest.len());
            (rest[..end].parse().unwrap_or(0), &rest[end..])
        }
        None => (0, pointer),
    }
}

impl Modeler<'_> {
    fn error(&mut self, pointer: &str, message: impl Into<String>, hint: Option<&str>) {
        let (index, plain) = locate(pointer);
        let doc = self.document(index);
        let (file, pos) = (doc.file.clone(), doc.key_pos(plain));
        self.diags.push(Diagnostic {
            file,
            pos,
            pointer: Some(plain.to_owned()),
            message: message.into(),
            hint: hint.map(str::to_owned),
        });
    }

    /// A warning: the schema stays accepted (an annotation the author got wrong, a
    /// branch that can never match...). Reported once per place and message.
    fn warn(&mut self, pointer: &str, message: impl Into<String>, hint: Option<&str>) {
        let (index, plain) = locate(pointer);
        let doc = self.document(index);
        let (file, pos) = (doc.file.clone(), doc.key_pos(plain));
        let warning = Diagnostic {
            file,
            pos,
            pointer: Some(plain.to_owned()),
            message: message.into(),
            hint: hint.map(str::to_owned),
        };
        if !self.warnings.iter().any(|known| {
            known.file == warning.file
                && known.pointer == warning.pointer
                && known.message == warning.message
        }) {
            self.warnings.push(warning);
        }
    }

    /// An error that a validated JSON value would not avoid (a des-events annotation
    /// misused, two schemas wanting one name): the schema is refused.
    fn hard_error(&mut self, pointer: &str, message: impl Into<String>, hint: Option<&str>) {
        self.error(pointer, message, hint);
        self.hard_errors += 1;
    }

    /// Reports every key of `object` that is not in `allowed`.
    fn only(&mut self, pointer: &str, object: &Map<String, Value>, allowed: &[&str], what: &str) {
        for key in object.keys() {
            if allowed.contains(&key.as_str()) || ANNOTATIONS.contains(&key.as_str()) {
                continue;
            }
            // Definitions are modelled where they are referenced; the root's `$schema`
            // and `$id` are read by `root`.
            if matches!(key.as_str(), "$defs" | "definitions")
                || (pointer.is_empty() && matches!(key.as_str(), "$schema" | "$id"))
            {
                continue;
            }
            // JSON Schema ignores what it does not know (a vendor's `x-...`, `default`,
            // `$id`, a keyword of another draft...), and a keyword of another instance
            // type can never fail on this schema's one `type`: neither changes which
            // values are valid, so neither stops the typed model.
            // `additionalItems` judges only the items after an array-form `items`.
            let inert =
                key == "additionalItems" && !object.get("items").is_some_and(Value::is_array);
            if inert
                || !keyword::asserts(key)
                || object
                    .get("type")
                    .and_then(Value::as_str)
                    .is_some_and(|ty| !keyword::applies_to(key, ty))
            {
                continue;
            }
            let mut listed: Vec<&str> = allowed.to_vec();
            listed.extend_from_slice(ANNOTATIONS);
            let hint = format!("keywords accepted on {what}: {}", listed.join(", "));
            self.error(
                &join(pointer, key),
                format!("unsupported keyword `{key}` on {what}"),
                Some(&hint),
            );
        }
    }

    fn object<'v>(
        &mut self,
        pointer: &str,
        value: &'v Value,
        what: &str,
    ) -> Option<&'v Map<String, Value>> {
        match value {
            Value::Object(object) => Some(object),
            _ => {
                self.error(pointer, format!("{what} must be a JSON object"), None);
                None
            }
        }
    }

    fn string(&mut self, pointer: &str, value: Option<&Value>, what: &str) -> Option<String> {
        match value {
            None => None,
            Some(Value::String(text)) => Some(text.clone()),
            Some(_) => {
                self.error(pointer, format!("`{what}` must be a string"), None);
                None
            }
        }
    }

    fn docs(&mut self, pointer: &str, object: &Map<String, Value>) -> Docs {
        let text = |modeler: &mut Self, key: &str| match object.get(key) {
            None => None,
            Some(Value::String(text)) => Some(text.clone()),
            value => modeler.string(&join(pointer, key), value, key),
        };
        Docs {
            title: text(self, "title"),
            description: text(self, "description"),
        }
    }
}

/// Whether a schema refers to another one: a `$ref` key, or the string `"$ref"`,
/// anywhere in it (such a schema cannot be restated on its own).
fn mentions_ref(value: &Value) -> bool {
    match value {
        Value::String(text) => text == "$ref",
        Value::Array(items) => items.iter().any(mentions_ref),
        Value::Object(members) => members
            .iter()
            .any(|(key, member)| key == "$ref" || mentions_ref(member)),
        Value::Null | Value::Bool(_) | Value::Number(_) => false,
    }
}
