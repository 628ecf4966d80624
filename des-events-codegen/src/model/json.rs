//! Schemas without a typed Rust shape: a JSON value checked by the validator of
//! `des-events-core` (the one home of JSON Schema semantics).
//!
//! The typed model is tried first, for every subschema. When it cannot express a
//! schema that is valid JSON Schema (no `type`, a `false` schema, a list of types,
//! keywords that shape no Rust type...), the schema becomes a [`JsonDef`]: a newtype
//! around `serde_json::Value` that the validator checks while deserializing. A schema
//! that the validator refuses too is invalid: the typed model's diagnostics stand.
//!
//! The validator sees every document by an absolute URI: a file read from disk is
//! `file:///<path relative to the root schema's folder>`; a `$ref` to any other URI is
//! resolved among the loaded files, the `.json` files next to the root schema (by their
//! `$id`), and the folders the request maps URI prefixes to. Nothing is ever fetched.

use std::path::{Path, PathBuf};

use des_events_core::validate::{Checker, Draft, Options, SchemaError, Validator, Violation};

use super::refs::percent_decode;
use super::*;

/// The URI scheme and authority of documents read from disk.
const FILE_BASE: &str = "file:///";

/// Where the validator finds documents that the loaded files refer to.
#[derive(Clone, Debug, Default)]
pub struct Resources {
    /// The folder of the root schema (`None` for a schema given as text).
    pub root_dir: Option<PathBuf>,
    /// URI prefixes mapped to folders (`http://localhost:1234/` -> `remotes/`).
    pub maps: Vec<(String, PathBuf)>,
    /// The files read for the validator (the build depends on them too).
    pub read: std::cell::RefCell<Vec<PathBuf>>,
}

impl Resources {
    /// The document that `uri` (without fragment) names, read from disk.
    fn retrieve(&self, uri: &str) -> Option<Value> {
        let read = |path: &Path| -> Option<Value> {
            let text = std::fs::read_to_string(path).ok()?;
            self.read.borrow_mut().push(path.to_path_buf());
            serde_json::from_str(text.strip_prefix('\u{feff}').unwrap_or(&text)).ok()
        };
        if let (Some(relative), Some(dir)) = (uri.strip_prefix(FILE_BASE), &self.root_dir) {
            return safe_join(dir, relative).and_then(|path| read(&path));
        }
        for (prefix, dir) in &self.maps {
            if let Some(relative) = uri.strip_prefix(prefix.as_str())
                && let Some(found) = safe_join(dir, relative).and_then(|path| read(&path))
            {
                return Some(found);
            }
        }
        // A file next to the root schema whose `$id` is `uri`.
        let dir = self.root_dir.as_ref()?;
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .ok()?
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
            .collect();
        entries.sort();
        entries.into_iter().find_map(|path| {
            let value = read(&path)?;
            let id = value
                .get("$id")
                .or_else(|| value.get("id"))
                .and_then(Value::as_str)?;
            (id.trim_end_matches('#') == uri).then_some(value)
        })
    }
}

/// Adds to `known` (the documents of the generated code's validators) those of
/// `documents` it does not hold yet.
fn adopt<'v>(
    known: &mut Vec<(String, Value)>,
    draft: Draft,
    documents: impl IntoIterator<Item = (&'v str, &'v Value)>,
) {
    for (uri, value) in documents {
        if !known.iter().any(|(known, _)| known == uri) {
            // A referenced document without `$schema` is read in the draft of the root;
            // the embedded copy says so, for the validator at run time.
            let mut value = value.clone();
            if let Value::Object(object) = &mut value
                && !object.contains_key("$schema")
                && draft != Draft::Draft202012
            {
                object.insert("$schema".to_owned(), draft.uri().into());
            }
            known.push((uri.to_owned(), value));
        }
    }
}

/// `dir/relative`, refusing to leave `dir` (`..`) or to be absolute.
fn safe_join(dir: &Path, relative: &str) -> Option<PathBuf> {
    let relative = relative.split(['?', '#']).next().unwrap_or_default();
    let mut path = dir.to_path_buf();
    for part in relative.split('/') {
        match part {
            "" | "." => {}
            ".." => return None,
            part => path.push(percent_decode(part)),
        }
    }
    Some(path)
}

/// Percent-encodes a JSON Pointer for use as a URI fragment.
pub(super) fn fragment(pointer: &str) -> String {
    let mut out = String::with_capacity(pointer.len());
    for byte in pointer.bytes() {
        match byte {
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'-'
            | b'.'
            | b'_'
            | b'~'
            | b'/'
            | b'$'
            | b'!'
            | b'&'
            | b'\''
            | b'('
            | b')'
            | b'*'
            | b'+'
            | b','
            | b';'
            | b'='
            | b':'
            | b'@' => out.push(char::from(byte)),
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out
}

impl Modeler<'_> {
    /// The URI the validator knows document `index` by.
    pub(super) fn document_uri(&self, index: usize) -> String {
        let doc = self.document(index);
        // A built-in metaschema is known by its own URI.
        if doc.path.is_none() && doc.file.contains("://") {
            return doc.file.clone();
        }
        let root_dir = self.resources.root_dir.as_ref();
        let relative = match (&doc.path, root_dir) {
            (Some(path), Some(dir)) => path
                .strip_prefix(dir)
                .ok()
                .map(|relative| relative.to_string_lossy().replace('\\', "/")),
            _ => None,
        };
        let name = relative.unwrap_or_else(|| {
            Path::new(&doc.file).file_name().map_or_else(
                || "schema.json".to_owned(),
                |name| name.to_string_lossy().into_owned(),
            )
        });
        let encoded: Vec<String> = name.split('/').map(fragment).collect();
        format!("{FILE_BASE}{}", encoded.join("/"))
    }

    /// Every loaded document, by the URI the validator knows it by.
    fn loaded_documents(&self) -> Vec<(String, Value)> {
        (0..=self.others.len())
            .map(|index| {
                let mut value = self.document(index).value.clone();
                // An unknown dialect is read as the default draft (see `root`).
                if index == 0
                    && self.unknown_dialect
                    && let Value::Object(object) = &mut value
                {
                    object.remove("$schema");
                }
                (self.document_uri(index), value)
            })
            .collect()
    }

    /// The absolute URI the validator knows the schema at model pointer `pointer` by.
    fn entry_uri(&self, pointer: &str) -> String {
        let (index, plain) = locate(pointer);
        format!("{}#{}", self.document_uri(index), fragment(plain))
    }

    /// The [`Checker`] of the loaded documents, made again when a document was loaded
    /// since (`None` when they do not register: every validator then says why).
    fn checker(&mut self) -> Option<&mut Checker> {
        let key = (self.others.len(), self.unknown_dialect);
        if self.checker.as_ref().is_none_or(|(known, _)| *known != key) {
            let resources = self.resources;
            let mut retrieve = |uri: &str| resources.retrieve(uri);
            let checker = Checker::new(self.loaded_documents(), &self.options(), &mut retrieve);
            self.checker = Some((key, checker.ok()));
        }
        self.checker
            .as_mut()
            .and_then(|(_, checker)| checker.as_mut())
    }

    /// Whether the schema at model pointer `pointer` compiles; if it does, its
    /// validator's documents are kept for the generated code (see [`Self::adopt`]).
    /// What [`Self::validator`] and `adopt` do, through the shared [`Checker`] (every
    /// subschema compiled once) where it answers.
    fn compiles(&mut self, pointer: &str) -> Result<(), SchemaError> {
        let entry = self.entry_uri(pointer);
        let draft = self.draft;
        let mut known = std::mem::take(&mut self.validator_documents);
        let shared = match self.checker() {
            Some(checker) => checker
                .documents(&entry)
                .map(|documents| documents.map(|documents| adopt(&mut known, draft, documents))),
            None => None,
        };
        self.validator_documents = known;
        if let Some(shared) = shared {
            return shared;
        }
        let validator = self.validator(pointer)?;
        self.adopt(&validator);
        Ok(())
    }

    /// Whether the schema at model pointer `pointer` compiles and accepts `value`.
    pub(super) fn accepts(&mut self, pointer: &str, value: &Value) -> bool {
        let entry = self.entry_uri(pointer);
        if let Some(valid) = self
            .checker()
            .and_then(|checker| checker.is_valid(&entry, value))
        {
            return valid;
        }
        self.validator(pointer)
            .is_ok_and(|validator| validator.is_valid(value))
    }

    /// Compiles the validator of the schema at model pointer `pointer`.
    pub(super) fn validator(&self, pointer: &str) -> Result<Validator, SchemaError> {
        let entry = self.entry_uri(pointer);
        let resources = &self.resources;
        let mut retrieve = |uri: &str| resources.retrieve(uri);
        Validator::with_retriever(
            &entry,
            self.loaded_documents(),
            &self.options(),
            &mut retrieve,
        )
    }

    /// The schema at `pointer` as a validated JSON value, when the typed model could not
    /// express it (`diags_from`: the first of its diagnostics, dropped on success).
    /// `None` (with the typed diagnostics kept, plus the validator's) when the validator
    /// refuses the schema too.
    pub(super) fn json_type(
        &mut self,
        pointer: &str,
        schema: &Value,
        suggested: &str,
        diags_from: usize,
    ) -> Option<Type> {
        // Only a schema that is in a document can be given to the validator. The schema
        // modelled at `pointer` may be a rewrite of the one there (an `allOf` merge, a
        // property schema less `null` and `default`): the validator then checks the
        // original, which accepts the same documents where the value reaches it.
        let value = self.schema_at(pointer)?;
        // A format JSON Schema defines but the catalogue does not check yet must not go
        // unchecked through the validator (which ignores formats it does not know).
        if let Some((at, format)) = unasserted_format(&value, "") {
            self.diags.truncate(diags_from);
            self.error(
                &format!("{pointer}{at}"),
                format!("format `{format}` is not asserted by des-events yet"),
                Some("remove the keyword or use `pattern`"),
            );
            return None;
        }
        // JSON numbers are read as `f64` (or 64-bit integers): a bound that is an integer
        // beyond 2^53 that `f64` cannot hold would be compared inexactly.
        if let Some(at) = inexact_bound(&value, "") {
            self.diags.truncate(diags_from);
            self.error(
                &format!("{pointer}{at}"),
                "this bound cannot be compared exactly with numbers read as 64-bit floats",
                Some("use a bound that a 64-bit float represents exactly (any integer up to 2^53), or `type: integer`"),
            );
            return None;
        }
        match self.compiles(pointer) {
            Ok(()) => {}
            Err(err) => {
                // The schema is not valid JSON Schema. When the problems found so far
                // include the validator's (same place), they stand: every one is
                // reported. Otherwise they were about the typed shape only, and the
                // validator's words replace them.
                let place = self.schema_error_pointer(&err);
                let known = self.diags[diags_from..]
                    .iter()
                    .any(|diag| place.is_some() && diag.pointer == place);
                if !known {
                    self.diags.truncate(diags_from);
                    self.schema_error(&err);
                }
                return None;
            }
        };
        let reason = self
            .diags
            .get(diags_from)
            .map(|diag| diag.message.clone())
            .unwrap_or_else(|| "a whole document of it needs a named Rust type".to_owned());
        self.diags.truncate(diags_from);
        let docs = Docs::of(schema);
        let name = self.type_name_for(pointer, docs.title.as_deref(), suggested);
        let (index, plain) = locate(pointer);
        let entry = format!("{}#{}", self.document_uri(index), fragment(plain));
        self.register(TypeDef::Json(JsonDef {
            name: name.clone(),
            docs,
            entry,
            reason,
            schema: Some(value.into_owned())
                .filter(|original| {
                    !mentions_ref(original) && {
                        let text = original.to_string();
                        !text.contains("$dynamicRef") && !text.contains("$recursiveRef")
                    }
                })
                .map(|mut original| {
                    if let Value::Object(object) = &mut original {
                        object.remove("$schema");
                        object.remove("$id");
                    }
                    original
                }),
            pointer: pointer.to_owned(),
        }))?;
        Some(Type::Named(name))
    }

    /// The absolute URI of the schema at `pointer` when the validator compiles it (its
    /// documents are kept for the generated code); `None` with the error reported.
    pub(super) fn checked_entry(&mut self, pointer: &str) -> Option<String> {
        match self.compiles(pointer) {
            Ok(()) => {
                let (index, plain) = locate(pointer);
                Some(format!("{}#{}", self.document_uri(index), fragment(plain)))
            }
            Err(err) => {
                self.schema_error(&err);
                None
            }
        }
    }

    /// Keeps the documents `validator` read, for the validators of the generated code.
    fn adopt(&mut self, validator: &Validator) {
        let documents = validator.documents();
        let documents = documents.iter().map(|(uri, value)| (uri.as_str(), *value));
        adopt(&mut self.validator_documents, self.draft, documents);
    }

    /// The plain JSON pointer a validator compile error is reported at, when it is in
    /// the root document (where diagnostics of other files carry their own file).
    fn schema_error_pointer(&self, err: &SchemaError) -> Option<String> {
        (0..=self.others.len())
            .find(|index| self.document_uri(*index) == err.uri)
            .map(|_| err.pointer.clone())
    }

    /// Reports a validator compile error at its place in the loaded documents.
    pub(super) fn schema_error(&mut self, err: &SchemaError) {
        let index = (0..=self.others.len()).find(|index| self.document_uri(*index) == err.uri);
        match index {
            Some(index) => {
                let pointer = if index == 0 {
                    err.pointer.clone()
                } else {
                    format!("@{index}{}", err.pointer)
                };
                self.error(&pointer, err.message.clone(), err.hint.as_deref());
            }
            None => self.error(
                "",
                format!("in {}{}: {}", err.uri, err.pointer, err.message),
                err.hint.as_deref(),
            ),
        }
    }
}

/// What [`find_in_schema`] looks for in one schema object: the keyword it is at, and
/// what was found.
type Found<T> = Option<(&'static str, T)>;

/// The first object in `schema` (any depth, outside values: `const`, `enum`,
/// `examples`, `default`) for which `found` gives something, with the pointer (relative
/// to `schema`) that `found` names inside that object.
fn find_in_schema<T>(
    schema: &Value,
    at: &str,
    found: &dyn Fn(&Map<String, Value>) -> Found<T>,
) -> Option<(String, T)> {
    match schema {
        Value::Object(object) => {
            if let Some((keyword, thing)) = found(object) {
                return Some((join(at, keyword), thing));
            }
            object
                .iter()
                .filter(|(key, _)| {
                    !matches!(key.as_str(), "const" | "enum" | "examples" | "default")
                })
                .find_map(|(key, child)| find_in_schema(child, &join(at, key), found))
        }
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(index, child)| find_in_schema(child, &join(at, &index.to_string()), found)),
        _ => None,
    }
}

/// The first `"format"` in `schema` that JSON Schema defines but the catalogue does not
/// assert, with its pointer relative to `schema`.
pub(super) fn unasserted_format(schema: &Value, at: &str) -> Option<(String, String)> {
    find_in_schema(schema, at, &|object| match object.get("format") {
        Some(Value::String(format))
            if des_events_core::format::UNASSERTED.contains(&format.as_str()) =>
        {
            Some(("format", format.clone()))
        }
        _ => None,
    })
}

/// The pointer (relative to `schema`) of a numeric bound of a `number` comparison that is
/// an integer `f64` cannot represent, if any.
pub(super) fn inexact_bound(schema: &Value, at: &str) -> Option<String> {
    let found = find_in_schema(schema, at, &|object| {
        // An integer schema compares integers exactly (as `i128` at run time).
        if object.get("type").and_then(Value::as_str) == Some("integer") {
            return None;
        }
        ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"]
            .into_iter()
            .find(|keyword| {
                let Some(Value::Number(bound)) = object.get(*keyword) else {
                    return false;
                };
                match (bound.as_i64(), bound.as_u64()) {
                    (Some(n), _) => n.unsigned_abs() > 1 << 53 && (n as f64) as i64 != n,
                    (None, Some(n)) => n > 1 << 53 && (n as f64) as u64 != n,
                    _ => false,
                }
            })
            .map(|keyword| (keyword, ()))
    });
    found.map(|(pointer, ())| pointer)
}

/// Whether `schema` accepts every JSON value without checking anything: `true`, or an
/// object of annotations only.
pub(super) fn accepts_anything(schema: &Value) -> bool {
    match schema {
        Value::Bool(flag) => *flag,
        // Annotations, definitions, identifiers and keywords no draft defines (a vendor's
        // `x-...`, a property name written where `properties` was meant) all accept
        // any value.
        Value::Object(object) => object.keys().all(|key| {
            ANNOTATIONS.contains(&key.as_str())
                || matches!(
                    key.as_str(),
                    "$schema" | "$id" | "$defs" | "definitions" | "default" | "$vocabulary"
                )
                || !des_events_core::keyword::asserts(key)
        }),
        _ => false,
    }
}

/// The draft a document declares with `$schema` (2020-12 without one, or with one the
/// validator does not know: `root` reports that).
pub(super) fn draft_of(document: &Value) -> Draft {
    document
        .get("$schema")
        .and_then(Value::as_str)
        .and_then(Draft::from_uri)
        .unwrap_or(Draft::Draft202012)
}

impl Modeler<'_> {
    /// The root draft's name, for diagnostics.
    pub(super) fn draft_name(&self) -> &'static str {
        match self.draft {
            Draft::Draft4 => "draft-04",
            Draft::Draft6 => "draft-06",
            Draft::Draft7 => "draft-07",
            Draft::Draft201909 => "draft 2019-09",
            Draft::Draft202012 => "draft 2020-12",
        }
    }

    /// The validator's options: formats asserted, documents without `$schema` read in
    /// the root's draft.
    pub(super) fn options(&self) -> Options {
        Options {
            default_draft: self.draft,
            ..Options::default()
        }
    }

    /// Checks a document against the metaschema of its draft.
    pub(super) fn meta_check(&self, document: &Value) -> Result<(), Violation> {
        // The metaschemas are built into the validator, so this cannot fail to compile;
        // if it did, the schema's own checks still run.
        // Formats are annotations here, as most validators read a metaschema: a
        // `pattern` that ECMA-262 accepts only outside Unicode mode (`\-`) is still a
        // pattern (see `pattern::compile`); one that does not compile at all is refused
        // where the typed model compiles it.
        let options = Options {
            assert_formats: false,
            ..Options::default()
        };
        match Validator::new(self.draft.uri(), Vec::new(), &options) {
            Ok(meta) => meta.validate(document),
            Err(_) => Ok(()),
        }
    }

    /// Whether `schema` uses a keyword the typed model reads as draft 2020-12 defines it,
    /// but that the document's draft defines otherwise (or not at all). Such a schema goes
    /// to the validator, which implements every draft.
    pub(super) fn draft_differs(&self, schema: &Value) -> bool {
        let Value::Object(object) = schema else {
            return false;
        };
        let has = |key: &str| object.contains_key(key);
        // A `$schema` other than the root's switches drafts: only the validator follows.
        if has("$schema") && object.get("$schema") != self.doc.value.get("$schema") {
            return true;
        }
        let before_2020 = matches!(
            self.draft,
            Draft::Draft4 | Draft::Draft6 | Draft::Draft7 | Draft::Draft201909
        );
        // (A `$ref` with siblings before 2019-09 is read as the `$ref` alone, as the
        // draft says: see `typed_value_type`.)
        (before_2020 && (has("prefixItems") || object.get("items").is_some_and(Value::is_array)))
            || (self.draft == Draft::Draft4
                && [
                    "const",
                    "contains",
                    "propertyNames",
                    "exclusiveMinimum",
                    "exclusiveMaximum",
                ]
                .iter()
                .any(|key| has(key)))
    }
}
