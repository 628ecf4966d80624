//! From documents to the arena of nodes: registering resources and anchors, compiling
//! each reachable schema once, resolving references.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use serde_json::{Map, Number, Value};

use super::draft::{self, Draft, Vocabularies};
use super::uri;
use super::{Options, SchemaError, Validator, metaschemas};
use crate::Keyword;
use crate::format::Format;
use crate::pattern::Matcher;

/// An index into the arena of nodes.
pub(crate) type NodeId = usize;

/// How deep schemas may nest (objects and arrays in a schema document).
const MAX_SCHEMA_DEPTH: usize = 256;

/// How long a chain of custom metaschemas may be.
const MAX_METASCHEMA_CHAIN: usize = 8;

/// One compiled schema.
pub(crate) struct Node {
    /// `document URI#pointer`: where the schema is written.
    pub location: String,
    /// The schema resource it belongs to (for the dynamic scope).
    pub resource: usize,
    /// What it checks.
    pub kind: Kind,
}

/// A schema: a boolean or a list of checks.
pub(crate) enum Kind {
    /// `true` (or `{}`-like): everything is valid.
    True,
    /// `false`: nothing is valid.
    False,
    /// The keywords, in evaluation order (`unevaluated*` last).
    Checks(Vec<Check>),
}

/// One keyword (or a group of keywords that are evaluated together).
pub(crate) enum Check {
    /// `$ref` (to be resolved: `usize::MAX` while compiling).
    Ref(NodeId),
    /// `$recursiveRef`: the static target, and whether it has `$recursiveAnchor: true`.
    RecursiveRef { target: NodeId, dynamic: bool },
    /// `$dynamicRef`: the static target, and the anchor name when it is dynamic.
    DynamicRef {
        target: NodeId,
        anchor: Option<String>,
    },
    /// `type`.
    Type(Vec<&'static str>),
    /// `enum`.
    Enum(Vec<Value>),
    /// `const`.
    Const(Value),
    /// `multipleOf`.
    MultipleOf(Number),
    /// `maximum` or `exclusiveMaximum`.
    Maximum {
        limit: Number,
        exclusive: bool,
        keyword: Keyword,
    },
    /// `minimum` or `exclusiveMinimum`.
    Minimum {
        limit: Number,
        exclusive: bool,
        keyword: Keyword,
    },
    /// `maxLength`.
    MaxLength(u64),
    /// `minLength`.
    MinLength(u64),
    /// `pattern`.
    Pattern(Box<Matcher>),
    /// `maxItems`.
    MaxItems(u64),
    /// `minItems`.
    MinItems(u64),
    /// `uniqueItems: true`.
    UniqueItems,
    /// `maxProperties`.
    MaxProperties(u64),
    /// `minProperties`.
    MinProperties(u64),
    /// `required`.
    Required(Vec<String>),
    /// `dependentRequired`, or the array form of `dependencies`.
    DependentRequired {
        keyword: Keyword,
        entries: Vec<(String, Vec<String>)>,
    },
    /// `format` (asserted).
    Format(Format),
    /// `allOf`.
    AllOf(Vec<NodeId>),
    /// `anyOf`.
    AnyOf(Vec<NodeId>),
    /// `oneOf`.
    OneOf(Vec<NodeId>),
    /// `not`.
    Not(NodeId),
    /// `if`, `then`, `else`.
    If {
        condition: NodeId,
        then: Option<NodeId>,
        otherwise: Option<NodeId>,
    },
    /// `prefixItems`/`items` (tuple) and `items`/`additionalItems` (the rest).
    Items {
        prefix: Vec<NodeId>,
        rest: Option<NodeId>,
        rest_keyword: Keyword,
    },
    /// `contains` with `minContains`/`maxContains`.
    Contains {
        schema: NodeId,
        min: u64,
        max: Option<u64>,
        /// Whether matching items count as evaluated (2020-12).
        annotates: bool,
    },
    /// `properties`, `patternProperties`, `additionalProperties`.
    Properties {
        /// Sorted by name.
        named: Vec<(String, NodeId)>,
        patterns: Vec<(Box<Matcher>, NodeId)>,
        additional: Option<NodeId>,
    },
    /// `propertyNames`.
    PropertyNames(NodeId),
    /// `dependentSchemas`, or the schema form of `dependencies`.
    DependentSchemas {
        keyword: Keyword,
        entries: Vec<(String, NodeId)>,
    },
    /// `unevaluatedItems`.
    UnevaluatedItems(NodeId),
    /// `unevaluatedProperties`.
    UnevaluatedProperties(NodeId),
}

impl Check {
    /// The keyword reported when this check fails as a whole.
    pub(crate) fn keyword(&self) -> Keyword {
        match self {
            Check::Ref(_) => Keyword::Ref,
            Check::RecursiveRef { .. } => Keyword::RecursiveRef,
            Check::DynamicRef { .. } => Keyword::DynamicRef,
            Check::Type(_) => Keyword::Type,
            Check::Enum(_) => Keyword::Enum,
            Check::Const(_) => Keyword::Const,
            Check::MultipleOf(_) => Keyword::MultipleOf,
            Check::Maximum { keyword, .. } | Check::Minimum { keyword, .. } => *keyword,
            Check::MaxLength(_) => Keyword::MaxLength,
            Check::MinLength(_) => Keyword::MinLength,
            Check::Pattern(_) => Keyword::Pattern,
            Check::MaxItems(_) => Keyword::MaxItems,
            Check::MinItems(_) => Keyword::MinItems,
            Check::UniqueItems => Keyword::UniqueItems,
            Check::MaxProperties(_) => Keyword::MaxProperties,
            Check::MinProperties(_) => Keyword::MinProperties,
            Check::Required(_) => Keyword::Required,
            Check::DependentRequired { keyword, .. } | Check::DependentSchemas { keyword, .. } => {
                *keyword
            }
            Check::Format(_) => Keyword::Format,
            Check::AllOf(_) => Keyword::AllOf,
            Check::AnyOf(_) => Keyword::AnyOf,
            Check::OneOf(_) => Keyword::OneOf,
            Check::Not(_) => Keyword::Not,
            Check::If { .. } => Keyword::If,
            Check::Items { rest_keyword, .. } => *rest_keyword,
            Check::Contains { .. } => Keyword::Contains,
            Check::Properties { .. } => Keyword::Properties,
            Check::PropertyNames(_) => Keyword::PropertyNames,
            Check::UnevaluatedItems(_) => Keyword::UnevaluatedItems,
            Check::UnevaluatedProperties(_) => Keyword::UnevaluatedProperties,
        }
    }
}

/// A schema resource: a document root or a subschema with an `$id`.
struct Resource {
    uri: String,
    doc: usize,
    pointer: String,
    draft: Draft,
    vocabularies: Vocabularies,
    /// `$dynamicAnchor` name to the pointer of its schema.
    dynamic_anchors: BTreeMap<String, String>,
    recursive_anchor: bool,
}

/// A place in a document.
#[derive(Clone, PartialEq, Eq, Hash)]
struct Place {
    doc: usize,
    pointer: String,
}

/// A reference waiting for its target.
struct Pending {
    node: NodeId,
    check: usize,
    target: String,
    /// Where the reference is written (for errors).
    at: Place,
}

/// Asks for a document by its absolute URI.
pub(crate) type Retrieve<'r> = &'r mut dyn FnMut(&str) -> Option<Value>;

/// The state of one compilation.
struct Builder<'r> {
    options: Options,
    retrieve: Option<Retrieve<'r>>,
    /// Given documents not added yet: one is added early when an earlier one needs it
    /// (a custom metaschema named by `$schema` is read while its schema is registered).
    given: Vec<(String, Value)>,
    docs: Vec<(String, Arc<Value>)>,
    resources: Vec<Resource>,
    by_uri: HashMap<String, usize>,
    anchors: HashMap<String, Place>,
    /// The resource of every schema location met while registering.
    places: HashMap<Place, usize>,
    nodes: Vec<Node>,
    memo: HashMap<Place, NodeId>,
    pending: Vec<Pending>,
    uses_dynamic: bool,
    uses_recursive: bool,
    collect: bool,
    /// Set by [`Shared`] once the given documents are registered: no document may be
    /// added any more (a reference that needs one fails, and is compiled on its own).
    frozen: bool,
    /// Whether a reference needed a document while `frozen`.
    fetch_blocked: bool,
    /// While `frozen`: the places compiled for the current entry (forgotten if it fails).
    journal: Vec<Place>,
}

impl<'r> Builder<'r> {
    /// A builder of `documents` (not registered yet).
    fn new(
        documents: Vec<(String, Value)>,
        options: &Options,
        retrieve: Option<Retrieve<'r>>,
    ) -> Builder<'r> {
        Builder {
            options: options.clone(),
            retrieve,
            given: documents.into_iter().rev().collect(),
            docs: Vec::new(),
            resources: Vec::new(),
            by_uri: HashMap::new(),
            anchors: HashMap::new(),
            places: HashMap::new(),
            nodes: Vec::new(),
            memo: HashMap::new(),
            pending: Vec::new(),
            uses_dynamic: false,
            uses_recursive: false,
            collect: false,
            frozen: false,
            fetch_blocked: false,
            journal: Vec::new(),
        }
    }

    /// Registers every given document, in order.
    fn add_given(&mut self) -> Result<(), SchemaError> {
        while let Some((uri, value)) = self.given.pop() {
            self.add_document(uri, value)?;
        }
        Ok(())
    }

    /// The place of `entry`, a URI with its fragment (see [`build`]).
    fn entry_place(&mut self, entry: &str) -> Result<Place, SchemaError> {
        let entry_error = |message: String| SchemaError {
            uri: entry.to_owned(),
            pointer: String::new(),
            message,
            hint: None,
        };
        if !uri::is_absolute(uri::split_fragment(entry).0) {
            return Err(entry_error(format!(
                "the entry `{entry}` is not an absolute URI"
            )));
        }
        self.lookup(entry).map_err(|message| entry_error(message.0))
    }

    /// The same builder without its retriever (so that it can be kept).
    fn detached(self) -> Builder<'static> {
        let Builder {
            options,
            retrieve: _,
            given,
            docs,
            resources,
            by_uri,
            anchors,
            places,
            nodes,
            memo,
            pending,
            uses_dynamic,
            uses_recursive,
            collect,
            frozen,
            fetch_blocked,
            journal,
        } = self;
        Builder {
            options,
            retrieve: None,
            given,
            docs,
            resources,
            by_uri,
            anchors,
            places,
            nodes,
            memo,
            pending,
            uses_dynamic,
            uses_recursive,
            collect,
            frozen,
            fetch_blocked,
            journal,
        }
    }

    /// The anchors of every resource, by node: its `$dynamicAnchor`s that are compiled,
    /// and its root when it has `"$recursiveAnchor": true` (and is compiled).
    fn anchor_nodes(&self) -> (DynamicAnchors, Vec<Option<NodeId>>) {
        let mut dynamic_anchors = Vec::with_capacity(self.resources.len());
        let mut recursive_anchors = Vec::with_capacity(self.resources.len());
        for resource in &self.resources {
            let anchors = resource
                .dynamic_anchors
                .iter()
                .filter_map(|(name, pointer)| {
                    let node = self.memo.get(&Place {
                        doc: resource.doc,
                        pointer: pointer.clone(),
                    })?;
                    Some((name.clone(), *node))
                })
                .collect();
            dynamic_anchors.push(anchors);
            let root = Place {
                doc: resource.doc,
                pointer: resource.pointer.clone(),
            };
            recursive_anchors.push(
                resource
                    .recursive_anchor
                    .then(|| self.memo.get(&root).copied())
                    .flatten(),
            );
        }
        (dynamic_anchors, recursive_anchors)
    }
}

/// Per schema resource: its compiled `$dynamicAnchor`s, by name.
type DynamicAnchors = Vec<Vec<(String, NodeId)>>;

/// Whether some compiled schema holds a dynamic reference (`$dynamicRef` to a
/// `$dynamicAnchor`, `$recursiveRef` to a `$recursiveAnchor`).
fn scoped(nodes: &[Node]) -> bool {
    nodes.iter().any(|node| match &node.kind {
        Kind::Checks(checks) => checks.iter().any(|check| {
            matches!(
                check,
                Check::RecursiveRef { dynamic: true, .. }
                    | Check::DynamicRef {
                        anchor: Some(_),
                        ..
                    }
            )
        }),
        Kind::True | Kind::False => false,
    })
}

/// Compiles a validator (see [`Validator::new`]).
pub(crate) fn build(
    entry: &str,
    documents: Vec<(String, Value)>,
    options: &Options,
    retrieve: Option<Retrieve<'_>>,
) -> Result<Validator, SchemaError> {
    let mut builder = Builder::new(documents, options, retrieve);
    builder.add_given()?;
    let place = builder.entry_place(entry)?;
    let entry_node = builder.compile(&place, 0)?;
    builder.finish()?;
    let (dynamic_anchors, recursive_anchors) = builder.anchor_nodes();
    Ok(Validator {
        scoped: scoped(&builder.nodes),
        documents: builder.docs,
        nodes: builder.nodes,
        entry: entry_node,
        dynamic_anchors,
        recursive_anchors,
        collect: builder.collect,
    })
}

/// Many entries into one set of documents, compiled one after the other into one arena
/// (see [`super::Checker`]): the documents are registered once, and a schema that two
/// entries reach is compiled once. After a successful entry, every compiled node is
/// whole (its references resolved, everything it reaches compiled without error), so
/// an entry that reaches it compiles exactly as it would on its own.
pub(crate) struct Shared {
    builder: Builder<'static>,
    /// Whether a compiled node holds a dynamic reference (see [`scoped`]).
    scoped: bool,
}

impl Shared {
    /// Registers `documents` (with `retrieve` for the metaschemas their `$schema`s name);
    /// the error is the one every [`build`] of these documents gives.
    pub(crate) fn new(
        documents: Vec<(String, Value)>,
        options: &Options,
        retrieve: Option<Retrieve<'_>>,
    ) -> Result<Shared, SchemaError> {
        let mut builder = Builder::new(documents, options, retrieve);
        builder.add_given()?;
        let mut builder = builder.detached();
        builder.frozen = true;
        Ok(Shared {
            builder,
            scoped: false,
        })
    }

    /// The node of `entry`, compiled with everything it reaches, or the error
    /// [`build`] gives for it. `Err(None)` when only [`build`] can say: the entry needs
    /// a document that is not registered, or the compilation of the dynamic anchors
    /// (which [`build`] compiles only for an entry that reaches a dynamic reference)
    /// failed. Nothing of a failed attempt is kept.
    ///
    /// A failure is [`build`]'s own: the nodes compiled before are whole, so they hold no
    /// error and everything they reach is compiled too; the places left to compile are
    /// met in the order [`build`] meets them, and so is the first error.
    pub(crate) fn entry(&mut self, entry: &str) -> Result<NodeId, Option<SchemaError>> {
        let builder = &mut self.builder;
        let mark = builder.nodes.len();
        let flags = (
            builder.uses_dynamic,
            builder.uses_recursive,
            builder.collect,
        );
        let node = builder
            .entry_place(entry)
            .and_then(|place| builder.compile(&place, 0))
            .and_then(|node| builder.finish().map(|()| node));
        match node {
            Ok(node) => {
                builder.journal.clear();
                // Only the new nodes can hold a new dynamic reference: the others were
                // whole before.
                self.scoped |= builder.nodes.get(mark..).is_some_and(scoped);
                Ok(node)
            }
            Err(error) => {
                let own =
                    !builder.fetch_blocked && !builder.uses_dynamic && !builder.uses_recursive;
                for place in builder.journal.drain(..) {
                    builder.memo.remove(&place);
                }
                builder.nodes.truncate(mark);
                builder.pending.clear();
                builder.fetch_blocked = false;
                (
                    builder.uses_dynamic,
                    builder.uses_recursive,
                    builder.collect,
                ) = flags;
                Err(own.then_some(error))
            }
        }
    }

    /// Every document, `(absolute URI, JSON)`, as [`Validator::documents`] lists them
    /// for an entry that [`Shared::entry`] compiled.
    pub(crate) fn documents(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.builder
            .docs
            .iter()
            .map(|(uri, value)| (uri.as_str(), value.as_ref()))
    }

    /// Runs `judge` with a validator of the node `entry` (from [`Shared::entry`]), which
    /// borrows the arena for the time of the call.
    pub(crate) fn with_validator<T>(
        &mut self,
        entry: NodeId,
        judge: impl FnOnce(&Validator) -> T,
    ) -> T {
        let builder = &mut self.builder;
        // The anchors are read only along dynamic references.
        let (dynamic_anchors, recursive_anchors) = match self.scoped {
            true => builder.anchor_nodes(),
            false => (Vec::new(), Vec::new()),
        };
        let validator = Validator {
            scoped: self.scoped,
            documents: builder.docs.clone(),
            nodes: std::mem::take(&mut builder.nodes),
            entry,
            dynamic_anchors,
            recursive_anchors,
            collect: builder.collect,
        };
        let judged = judge(&validator);
        builder.nodes = validator.nodes;
        judged
    }
}

/// A lookup failure, with a hint.
struct Missing(String, Option<String>);

impl Builder<'_> {
    fn error(&self, place: &Place, message: impl Into<String>) -> SchemaError {
        SchemaError {
            uri: self
                .docs
                .get(place.doc)
                .map(|(uri, _)| uri.clone())
                .unwrap_or_default(),
            pointer: place.pointer.clone(),
            message: message.into(),
            hint: None,
        }
    }

    /// Adds a document and registers its resources and anchors.
    fn add_document(&mut self, uri: String, value: Value) -> Result<usize, SchemaError> {
        let uri = uri::strip_empty_fragment(&uri).to_owned();
        let doc = self.docs.len();
        let value = Arc::new(value);
        self.docs.push((uri.clone(), Arc::clone(&value)));
        if !uri::is_absolute(&uri) || uri.contains('#') {
            return Err(SchemaError {
                uri,
                pointer: String::new(),
                message: "a document's URI must be absolute, without a fragment".to_owned(),
                hint: None,
            });
        }
        let root = Place {
            doc,
            pointer: String::new(),
        };
        let (draft, vocabularies) = self.dialect_of(&value, &root, None)?;
        let resource = self.resources.len();
        self.resources.push(Resource {
            uri: uri.clone(),
            doc,
            pointer: String::new(),
            draft,
            vocabularies,
            dynamic_anchors: BTreeMap::new(),
            recursive_anchor: false,
        });
        self.by_uri.entry(uri).or_insert(resource);
        self.register(&value, root, resource, 0)?;
        Ok(doc)
    }

    /// The draft and vocabularies of the schema at `place`: from its `$schema`, else the
    /// enclosing resource's, else the default.
    fn dialect_of(
        &mut self,
        value: &Value,
        place: &Place,
        parent: Option<usize>,
    ) -> Result<(Draft, Vocabularies), SchemaError> {
        let inherited = match parent.and_then(|parent| self.resources.get(parent)) {
            Some(resource) => (resource.draft, resource.vocabularies),
            None => (self.options.default_draft, Vocabularies::ALL),
        };
        let Some(schema) = value.get("$schema") else {
            return Ok(inherited);
        };
        let at = Place {
            doc: place.doc,
            pointer: format!("{}/$schema", place.pointer),
        };
        let Some(uri) = schema.as_str() else {
            return Err(self.error(&at, "`$schema` must be a string (a metaschema URI)"));
        };
        self.dialect(uri, 0).map_err(|Missing(message, hint)| {
            let mut error = self.error(&at, message);
            error.hint = hint;
            error
        })
    }

    /// The draft and vocabularies a metaschema URI stands for.
    fn dialect(&mut self, uri: &str, depth: usize) -> Result<(Draft, Vocabularies), Missing> {
        if let Some(draft) = Draft::from_uri(uri) {
            return Ok((draft, Vocabularies::ALL));
        }
        let supported = || {
            Some(format!(
                "the supported drafts are {}",
                Draft::ALL
                    .iter()
                    .map(|draft| draft.uri())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        };
        if depth >= MAX_METASCHEMA_CHAIN {
            return Err(Missing(
                format!("the metaschema chain through `{uri}` is too long"),
                supported(),
            ));
        }
        let base = uri::strip_empty_fragment(uri);
        let place = match self.lookup(base) {
            Ok(place) => place,
            Err(_) => {
                return Err(Missing(format!("unknown `$schema` `{uri}`"), supported()));
            }
        };
        let Some(meta) = self.value_at(&place).cloned() else {
            return Err(Missing(format!("unknown `$schema` `{uri}`"), supported()));
        };
        let Some(parent) = meta.get("$schema").and_then(Value::as_str) else {
            return Err(Missing(
                format!("the metaschema `{uri}` names no `$schema` of its own"),
                supported(),
            ));
        };
        if uri::strip_empty_fragment(parent) == base {
            return Err(Missing(
                format!("unknown `$schema` `{uri}` (it is its own metaschema)"),
                supported(),
            ));
        }
        let (draft, inherited) = self.dialect(parent, depth + 1)?;
        let vocabularies = match meta.get("$vocabulary") {
            Some(Value::Object(declared)) if draft >= Draft::Draft201909 => {
                Vocabularies::from_declaration(declared)
            }
            _ => inherited,
        };
        Ok((draft, vocabularies))
    }

    /// The value at a place.
    fn value_at(&self, place: &Place) -> Option<&Value> {
        let (_, root) = self.docs.get(place.doc)?;
        uri::lookup(root, &uri::pointer_tokens(&place.pointer)?)
    }

    /// Registers the resources, anchors and schema locations in the schema `value` at
    /// `place`, which belongs to `resource` (or starts a new one with its `$id`).
    fn register(
        &mut self,
        value: &Value,
        place: Place,
        mut resource: usize,
        depth: usize,
    ) -> Result<(), SchemaError> {
        if depth > MAX_SCHEMA_DEPTH {
            return Err(self.error(&place, "the schema is nested too deeply"));
        }
        let Value::Object(map) = value else {
            self.places.insert(place, resource);
            return Ok(());
        };
        let current = self.resource(resource);
        let (mut draft, base) = (current.draft, current.uri.clone());
        let id_keyword = draft.id_keyword();
        let ref_blocks = draft.ref_overrides() && map.contains_key("$ref");
        if let Some(id) = map.get(id_keyword).filter(|_| !ref_blocks) {
            let id_place = child(&place, id_keyword);
            let Some(id) = id.as_str() else {
                // An `$id` that is not a string is a property named `$id`, e.g. in
                // `properties`; only schemas reach here, so it is an error.
                return Err(self.error(&id_place, format!("`{id_keyword}` must be a string")));
            };
            if draft <= Draft::Draft7 && id.starts_with('#') {
                let name = &id[1..];
                self.anchors.insert(format!("{base}#{name}"), place.clone());
            } else {
                let resolved =
                    uri::resolve(&base, id).map_err(|message| self.error(&id_place, message))?;
                let (uri, fragment) = uri::split_fragment(&resolved);
                let uri = uri.to_owned();
                if place.pointer.is_empty() {
                    // The document root: its `$id` names the same resource.
                    self.by_uri.entry(uri.clone()).or_insert(resource);
                    if let Some(root) = self.resources.get_mut(resource) {
                        root.uri = uri.clone();
                    }
                } else {
                    let (new_draft, vocabularies) =
                        self.dialect_of(value, &place, Some(resource))?;
                    draft = new_draft;
                    let index = self.resources.len();
                    self.resources.push(Resource {
                        uri: uri.clone(),
                        doc: place.doc,
                        pointer: place.pointer.clone(),
                        draft,
                        vocabularies,
                        dynamic_anchors: BTreeMap::new(),
                        recursive_anchor: false,
                    });
                    self.by_uri.entry(uri.clone()).or_insert(index);
                    resource = index;
                }
                if !fragment.is_empty() && draft <= Draft::Draft7 {
                    self.anchors
                        .insert(format!("{uri}#{fragment}"), place.clone());
                }
            }
        }
        let base = self.resource(resource).uri.clone();
        if draft >= Draft::Draft201909 {
            if let Some(name) = map.get("$anchor").and_then(Value::as_str) {
                self.anchors.insert(format!("{base}#{name}"), place.clone());
            }
            if draft >= Draft::Draft202012
                && let Some(name) = map.get("$dynamicAnchor").and_then(Value::as_str)
            {
                self.anchors.insert(format!("{base}#{name}"), place.clone());
                if let Some(current) = self.resources.get_mut(resource) {
                    current
                        .dynamic_anchors
                        .entry(name.to_owned())
                        .or_insert_with(|| place.pointer.clone());
                }
            }
            if draft == Draft::Draft201909
                && map.get("$recursiveAnchor") == Some(&Value::Bool(true))
                && let Some(current) = self.resources.get_mut(resource)
                && current.pointer == place.pointer
                && current.doc == place.doc
            {
                current.recursive_anchor = true;
            }
        }
        self.places.insert(place.clone(), resource);
        for keyword in draft::single_schema_keywords(draft) {
            if let Some(sub) = map
                .get(*keyword)
                .filter(|sub| sub.is_object() || sub.is_boolean())
            {
                self.register(sub, child(&place, keyword), resource, depth + 1)?;
            }
        }
        for keyword in draft::array_schema_keywords(draft) {
            if let Some(Value::Array(items)) = map.get(*keyword) {
                let at = child(&place, keyword);
                for (index, sub) in items.iter().enumerate() {
                    self.register(sub, child(&at, &index.to_string()), resource, depth + 1)?;
                }
            }
        }
        for keyword in draft::map_schema_keywords(draft) {
            if let Some(Value::Object(members)) = map.get(*keyword) {
                let at = child(&place, keyword);
                for (name, sub) in members {
                    if sub.is_object() || sub.is_boolean() {
                        self.register(sub, child(&at, name), resource, depth + 1)?;
                    }
                }
            }
        }
        Ok(())
    }

    fn resource(&self, index: usize) -> &Resource {
        // Indices come from `self.resources.len()` at push time; never out of range.
        &self.resources[index]
    }

    /// The place a URI (with its fragment) names, fetching its document if needed.
    fn lookup(&mut self, target: &str) -> Result<Place, Missing> {
        let (base, fragment) = uri::split_fragment(target);
        let index = match self.by_uri.get(base) {
            Some(resource) => *resource,
            None => {
                self.fetch(base)?;
                *self
                    .by_uri
                    .get(base)
                    .ok_or_else(|| Missing(format!("no schema has the URI `{base}`"), None))?
            }
        };
        let resource = self.resource(index);
        let (doc, root) = (resource.doc, resource.pointer.clone());
        if fragment.is_empty() {
            return Ok(Place { doc, pointer: root });
        }
        if fragment.starts_with('/') || fragment.starts_with("%2F") || fragment.starts_with("%2f") {
            let tokens = uri::fragment_pointer_tokens(fragment).ok_or_else(|| {
                Missing(format!("`#{fragment}` is not a valid JSON Pointer"), None)
            })?;
            let mut pointer = root;
            for token in &tokens {
                uri::push_token(&mut pointer, token);
            }
            let place = Place { doc, pointer };
            if self.value_at(&place).is_none() {
                return Err(Missing(
                    format!("`{target}` points to nothing: the document has no value there"),
                    None,
                ));
            }
            return Ok(place);
        }
        let key = format!("{}#{fragment}", self.resource(index).uri);
        self.anchors
            .get(&key)
            .or_else(|| self.anchors.get(target))
            .cloned()
            .ok_or_else(|| Missing(format!("no schema has the anchor `{target}`"), None))
    }

    /// Makes the document at `uri` known: a built-in metaschema or a retrieved one.
    fn fetch(&mut self, uri: &str) -> Result<(), Missing> {
        if self.frozen {
            self.fetch_blocked = true;
            return Err(Missing(
                format!("`{uri}` is not among the registered documents"),
                None,
            ));
        }
        let given = self
            .given
            .iter()
            .position(|(given, _)| uri::strip_empty_fragment(given) == uri);
        let (value, known) = if let Some(position) = given {
            (self.given.remove(position).1, None)
        } else if let Some((known, value)) = metaschemas::find(uri) {
            (value, Some(known))
        } else if let Some(retrieve) = self.retrieve.as_mut() {
            match retrieve(uri) {
                Some(value) => (value, None),
                None => {
                    return Err(Missing(
                        format!("cannot resolve `{uri}`: the retriever has no such document"),
                        Some(
                            "give the document to the validator, or make the retriever return it"
                                .to_owned(),
                        ),
                    ));
                }
            }
        } else {
            return Err(Missing(
                format!("cannot resolve `{uri}`: no document has this URI"),
                Some(
                    "nothing is fetched: pass every referenced document to `Validator::new`"
                        .to_owned(),
                ),
            ));
        };
        let doc = self
            .add_document(known.unwrap_or(uri).to_owned(), value)
            .map_err(|error| Missing(error.to_string(), error.hint))?;
        if let Some(resource) = self.by_uri.get(self.docs[doc].0.as_str()).copied() {
            self.by_uri.entry(uri.to_owned()).or_insert(resource);
        }
        Ok(())
    }

    /// The resource a schema location belongs to: the one registered there, else the
    /// nearest registered ancestor's (a location inside an unknown keyword).
    fn resource_of(&self, place: &Place) -> usize {
        let mut pointer = place.pointer.as_str();
        loop {
            if let Some(resource) = self.places.get(&Place {
                doc: place.doc,
                pointer: pointer.to_owned(),
            }) {
                return *resource;
            }
            match pointer.rfind('/') {
                Some(cut) => pointer = &pointer[..cut],
                None => break,
            }
        }
        self.by_uri
            .get(self.docs[place.doc].0.as_str())
            .copied()
            .unwrap_or(0)
    }

    /// Compiles the schema at `place` (once).
    fn compile(&mut self, place: &Place, depth: usize) -> Result<NodeId, SchemaError> {
        if let Some(node) = self.memo.get(place) {
            return Ok(*node);
        }
        if depth > MAX_SCHEMA_DEPTH {
            return Err(self.error(place, "the schema is nested too deeply"));
        }
        let doc = Arc::clone(&self.docs[place.doc].1);
        let Some(value) =
            uri::pointer_tokens(&place.pointer).and_then(|tokens| uri::lookup(&doc, &tokens))
        else {
            return Err(self.error(place, "no value at this location"));
        };
        let resource = self.resource_of(place);
        let id = self.nodes.len();
        let location = format!("{}#{}", self.docs[place.doc].0, place.pointer);
        self.nodes.push(Node {
            location,
            resource,
            kind: Kind::True,
        });
        self.memo.insert(place.clone(), id);
        if self.frozen {
            self.journal.push(place.clone());
        }
        let kind = match value {
            Value::Bool(true) => Kind::True,
            Value::Bool(false) => Kind::False,
            Value::Object(map) => Kind::Checks(self.checks(id, map, place, resource, depth)?),
            _ => {
                return Err(self.error(place, "a schema must be an object or a boolean"));
            }
        };
        self.nodes[id].kind = kind;
        Ok(id)
    }

    /// Compiles the keywords of an object schema.
    fn checks(
        &mut self,
        id: NodeId,
        map: &Map<String, Value>,
        place: &Place,
        resource: usize,
        depth: usize,
    ) -> Result<Vec<Check>, SchemaError> {
        let current = self.resource(resource);
        let (draft, vocab, base) = (current.draft, current.vocabularies, current.uri.clone());
        let at = |keyword: &str| child(place, keyword);
        let mut checks = Vec::new();
        let sub =
            |builder: &mut Self, keyword: &str, depth: usize| -> Result<NodeId, SchemaError> {
                builder.compile(&child(place, keyword), depth + 1)
            };

        // References.
        if let Some(reference) = map.get("$ref") {
            let Some(reference) = reference.as_str() else {
                return Err(self.error(&at("$ref"), "`$ref` must be a string (a URI reference)"));
            };
            if draft.ref_overrides() {
                let target = uri::resolve(&base, reference)
                    .map_err(|message| self.error(&at("$ref"), message))?;
                self.pending.push(Pending {
                    node: id,
                    check: 0,
                    target,
                    at: at("$ref"),
                });
                return Ok(vec![Check::Ref(usize::MAX)]);
            }
            // 2019-09 and later: `base` is already this schema's own `$id`, if any.
            let target = uri::resolve(&base, reference)
                .map_err(|message| self.error(&at("$ref"), message))?;
            self.pending.push(Pending {
                node: id,
                check: checks.len(),
                target,
                at: at("$ref"),
            });
            checks.push(Check::Ref(usize::MAX));
        }
        if draft == Draft::Draft201909
            && let Some(reference) = map.get("$recursiveRef")
        {
            let Some(reference) = reference.as_str() else {
                return Err(self.error(&at("$recursiveRef"), "`$recursiveRef` must be a string"));
            };
            let target = uri::resolve(&base, reference)
                .map_err(|message| self.error(&at("$recursiveRef"), message))?;
            self.uses_recursive = true;
            self.pending.push(Pending {
                node: id,
                check: checks.len(),
                target,
                at: at("$recursiveRef"),
            });
            checks.push(Check::RecursiveRef {
                target: usize::MAX,
                dynamic: false,
            });
        }
        if draft >= Draft::Draft202012
            && let Some(reference) = map.get("$dynamicRef")
        {
            let Some(reference) = reference.as_str() else {
                return Err(self.error(&at("$dynamicRef"), "`$dynamicRef` must be a string"));
            };
            let target = uri::resolve(&base, reference)
                .map_err(|message| self.error(&at("$dynamicRef"), message))?;
            self.uses_dynamic = true;
            self.pending.push(Pending {
                node: id,
                check: checks.len(),
                target,
                at: at("$dynamicRef"),
            });
            checks.push(Check::DynamicRef {
                target: usize::MAX,
                anchor: None,
            });
        }

        if vocab.validation {
            self.validation_checks(map, place, draft, &mut checks)?;
        }
        if let Some(format) = map.get("format") {
            let Some(name) = format.as_str() else {
                return Err(self.error(&at("format"), "`format` must be a string"));
            };
            if (self.options.assert_formats || vocab.format_assertion)
                && let Some(format) = Format::from_name(name)
            {
                checks.push(Check::Format(format));
            }
        }

        if vocab.applicator {
            for (keyword, make) in [
                ("allOf", Check::AllOf as fn(Vec<NodeId>) -> Check),
                ("anyOf", Check::AnyOf),
                ("oneOf", Check::OneOf),
            ] {
                if let Some(value) = map.get(keyword) {
                    let nodes = self.schema_array(value, &at(keyword), depth, true)?;
                    checks.push(make(nodes));
                }
            }
            if map.contains_key("not") {
                checks.push(Check::Not(sub(self, "not", depth)?));
            }
            if draft >= Draft::Draft7 && map.contains_key("if") {
                let condition = sub(self, "if", depth)?;
                let then = match map.contains_key("then") {
                    true => Some(sub(self, "then", depth)?),
                    false => None,
                };
                let otherwise = match map.contains_key("else") {
                    true => Some(sub(self, "else", depth)?),
                    false => None,
                };
                checks.push(Check::If {
                    condition,
                    then,
                    otherwise,
                });
            }
            self.item_checks(map, place, draft, depth, &mut checks)?;
            self.property_checks(map, place, draft, depth, &mut checks)?;
        }
        if vocab.unevaluated && draft >= Draft::Draft201909 {
            if map.contains_key("unevaluatedItems") {
                self.collect = true;
                checks.push(Check::UnevaluatedItems(sub(
                    self,
                    "unevaluatedItems",
                    depth,
                )?));
            }
            if map.contains_key("unevaluatedProperties") {
                self.collect = true;
                checks.push(Check::UnevaluatedProperties(sub(
                    self,
                    "unevaluatedProperties",
                    depth,
                )?));
            }
        }
        Ok(checks)
    }

    /// The assertions of the validation vocabulary.
    fn validation_checks(
        &mut self,
        map: &Map<String, Value>,
        place: &Place,
        draft: Draft,
        checks: &mut Vec<Check>,
    ) -> Result<(), SchemaError> {
        let at = |keyword: &str| child(place, keyword);
        if let Some(value) = map.get("type") {
            let names: Vec<&Value> = match value {
                Value::Array(names) => names.iter().collect(),
                other => vec![other],
            };
            let mut types = Vec::new();
            for name in names {
                let known = name
                    .as_str()
                    .and_then(|name| crate::json::TYPE_NAMES.iter().find(|known| **known == name));
                match known {
                    Some(known) => types.push(*known),
                    None => {
                        return Err(self
                            .error(
                                &at("type"),
                                "`type` must be a type name or an array of them",
                            )
                            .with_hint(format!(
                                "the type names are {}",
                                crate::json::TYPE_NAMES.join(", ")
                            )));
                    }
                }
            }
            checks.push(Check::Type(types));
        }
        if let Some(value) = map.get("enum") {
            let Value::Array(values) = value else {
                return Err(self.error(&at("enum"), "`enum` must be an array"));
            };
            checks.push(Check::Enum(values.clone()));
        }
        if draft >= Draft::Draft6
            && let Some(value) = map.get("const")
        {
            checks.push(Check::Const(value.clone()));
        }
        if let Some(value) = map.get("multipleOf") {
            match value {
                Value::Number(number) if number.as_f64().is_some_and(|f| f > 0.0) => {
                    checks.push(Check::MultipleOf(number.clone()));
                }
                _ => {
                    return Err(self.error(
                        &at("multipleOf"),
                        "`multipleOf` must be a number greater than 0",
                    ));
                }
            }
        }
        for (bound, exclusive_bound, is_max) in [
            (Keyword::Maximum, Keyword::ExclusiveMaximum, true),
            (Keyword::Minimum, Keyword::ExclusiveMinimum, false),
        ] {
            let (keyword, exclusive_keyword) = (bound.name(), exclusive_bound.name());
            let number = |builder: &Self, keyword: &str| -> Result<Option<Number>, SchemaError> {
                match map.get(keyword) {
                    None => Ok(None),
                    Some(Value::Number(number)) => Ok(Some(number.clone())),
                    Some(_) => {
                        Err(builder.error(&at(keyword), format!("`{keyword}` must be a number")))
                    }
                }
            };
            let make = |limit, exclusive, keyword| match is_max {
                true => Check::Maximum {
                    limit,
                    exclusive,
                    keyword,
                },
                false => Check::Minimum {
                    limit,
                    exclusive,
                    keyword,
                },
            };
            if draft == Draft::Draft4 {
                let exclusive = match map.get(exclusive_keyword) {
                    None => false,
                    Some(Value::Bool(flag)) => *flag,
                    Some(_) => {
                        return Err(self.error(
                            &at(exclusive_keyword),
                            format!("`{exclusive_keyword}` must be a boolean in draft 4"),
                        ));
                    }
                };
                if let Some(limit) = number(self, keyword)? {
                    checks.push(make(limit, exclusive, bound));
                }
            } else {
                if let Some(limit) = number(self, keyword)? {
                    checks.push(make(limit, false, bound));
                }
                if let Some(limit) = number(self, exclusive_keyword)? {
                    checks.push(make(limit, true, exclusive_bound));
                }
            }
        }
        for (keyword, make) in [
            ("maxLength", Check::MaxLength as fn(u64) -> Check),
            ("minLength", Check::MinLength),
            ("maxItems", Check::MaxItems),
            ("minItems", Check::MinItems),
            ("maxProperties", Check::MaxProperties),
            ("minProperties", Check::MinProperties),
        ] {
            if let Some(count) = self.count(map, place, keyword)? {
                checks.push(make(count));
            }
        }
        if let Some(value) = map.get("pattern") {
            let regex = self.regex(value, &at("pattern"))?;
            checks.push(Check::Pattern(regex));
        }
        match map.get("uniqueItems") {
            None | Some(Value::Bool(false)) => {}
            Some(Value::Bool(true)) => checks.push(Check::UniqueItems),
            Some(_) => {
                return Err(self.error(
                    &at("uniqueItems"),
                    Keyword::UniqueItems.must_be("a boolean"),
                ));
            }
        }
        if let Some(value) = map.get("required") {
            let names = self.string_array(value, &at("required"), "required")?;
            checks.push(Check::Required(names));
        }
        if draft >= Draft::Draft201909
            && let Some(value) = map.get("dependentRequired")
        {
            let Value::Object(members) = value else {
                return Err(self.error(
                    &at("dependentRequired"),
                    "`dependentRequired` must be an object",
                ));
            };
            let mut entries = Vec::new();
            for (name, names) in members {
                let names = self.string_array(
                    names,
                    &child(&at("dependentRequired"), name),
                    "dependentRequired",
                )?;
                entries.push((name.clone(), names));
            }
            checks.push(Check::DependentRequired {
                keyword: Keyword::DependentRequired,
                entries,
            });
        }
        Ok(())
    }

    /// `items`, `additionalItems`, `prefixItems`, `contains`.
    fn item_checks(
        &mut self,
        map: &Map<String, Value>,
        place: &Place,
        draft: Draft,
        depth: usize,
        checks: &mut Vec<Check>,
    ) -> Result<(), SchemaError> {
        let at = |keyword: &str| child(place, keyword);
        if draft >= Draft::Draft202012 {
            let prefix = match map.get("prefixItems") {
                Some(value) => self.schema_array(value, &at("prefixItems"), depth, true)?,
                None => Vec::new(),
            };
            let rest = match map.contains_key("items") {
                true => Some(self.compile(&at("items"), depth + 1)?),
                false => None,
            };
            if !prefix.is_empty() || rest.is_some() {
                checks.push(Check::Items {
                    prefix,
                    rest,
                    rest_keyword: Keyword::Items,
                });
            }
        } else {
            match map.get("items") {
                Some(value @ Value::Array(_)) => {
                    let prefix = self.schema_array(value, &at("items"), depth, false)?;
                    let rest = match map.contains_key("additionalItems") {
                        true => Some(self.compile(&at("additionalItems"), depth + 1)?),
                        false => None,
                    };
                    checks.push(Check::Items {
                        prefix,
                        rest,
                        rest_keyword: Keyword::AdditionalItems,
                    });
                }
                Some(_) => {
                    let rest = self.compile(&at("items"), depth + 1)?;
                    checks.push(Check::Items {
                        prefix: Vec::new(),
                        rest: Some(rest),
                        rest_keyword: Keyword::Items,
                    });
                }
                None => {}
            }
        }
        if draft >= Draft::Draft6 && map.contains_key("contains") {
            let schema = self.compile(&at("contains"), depth + 1)?;
            let (mut min, mut max) = (1, None);
            if draft >= Draft::Draft201909 {
                if let Some(count) = self.count(map, place, "minContains")? {
                    min = count;
                }
                max = self.count(map, place, "maxContains")?;
            }
            checks.push(Check::Contains {
                schema,
                min,
                max,
                annotates: draft >= Draft::Draft202012,
            });
        }
        Ok(())
    }

    /// `properties`, `patternProperties`, `additionalProperties`, `propertyNames`,
    /// `dependencies`, `dependentSchemas`.
    fn property_checks(
        &mut self,
        map: &Map<String, Value>,
        place: &Place,
        draft: Draft,
        depth: usize,
        checks: &mut Vec<Check>,
    ) -> Result<(), SchemaError> {
        let at = |keyword: &str| child(place, keyword);
        let mut named = Vec::new();
        if let Some(value) = map.get("properties") {
            let Value::Object(members) = value else {
                return Err(self.error(&at("properties"), "`properties` must be an object"));
            };
            for name in members.keys() {
                let node = self.compile(&child(&at("properties"), name), depth + 2)?;
                named.push((name.clone(), node));
            }
        }
        named.sort_by(|a, b| a.0.cmp(&b.0));
        let mut patterns = Vec::new();
        if let Some(value) = map.get("patternProperties") {
            let Value::Object(members) = value else {
                return Err(self.error(
                    &at("patternProperties"),
                    "`patternProperties` must be an object",
                ));
            };
            for name in members.keys() {
                let member = child(&at("patternProperties"), name);
                let regex = self.regex(&Value::String(name.clone()), &member)?;
                let node = self.compile(&member, depth + 2)?;
                patterns.push((regex, node));
            }
        }
        let additional = match map.contains_key("additionalProperties") {
            true => Some(self.compile(&at("additionalProperties"), depth + 1)?),
            false => None,
        };
        if !named.is_empty() || !patterns.is_empty() || additional.is_some() {
            checks.push(Check::Properties {
                named,
                patterns,
                additional,
            });
        }
        if draft >= Draft::Draft6 && map.contains_key("propertyNames") {
            checks.push(Check::PropertyNames(
                self.compile(&at("propertyNames"), depth + 1)?,
            ));
        }
        for catalogued in [Keyword::Dependencies, Keyword::DependentSchemas] {
            let keyword = catalogued.name();
            if catalogued == Keyword::DependentSchemas && draft < Draft::Draft201909 {
                continue;
            }
            let Some(value) = map.get(keyword) else {
                continue;
            };
            let Value::Object(members) = value else {
                return Err(self.error(&at(keyword), format!("`{keyword}` must be an object")));
            };
            let mut required = Vec::new();
            let mut schemas = Vec::new();
            for (name, member) in members {
                let member_place = child(&at(keyword), name);
                match member {
                    Value::Array(_) if keyword == "dependencies" => {
                        required.push((
                            name.clone(),
                            self.string_array(member, &member_place, keyword)?,
                        ));
                    }
                    _ => schemas.push((name.clone(), self.compile(&member_place, depth + 2)?)),
                }
            }
            if !required.is_empty() {
                checks.push(Check::DependentRequired {
                    keyword: catalogued,
                    entries: required,
                });
            }
            if !schemas.is_empty() {
                checks.push(Check::DependentSchemas {
                    keyword: catalogued,
                    entries: schemas,
                });
            }
        }
        Ok(())
    }

    /// An array of subschemas (`allOf`, `prefixItems`, ...).
    fn schema_array(
        &mut self,
        value: &Value,
        place: &Place,
        depth: usize,
        non_empty: bool,
    ) -> Result<Vec<NodeId>, SchemaError> {
        let keyword = place
            .pointer
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .to_owned();
        match value {
            Value::Array(items) if !(non_empty && items.is_empty()) => (0..items.len())
                .map(|index| self.compile(&child(place, &index.to_string()), depth + 2))
                .collect(),
            _ => Err(self.error(
                place,
                format!("`{keyword}` must be a non-empty array of schemas"),
            )),
        }
    }

    /// A non-negative integer keyword (`2.0` counts as `2`).
    fn count(
        &self,
        map: &Map<String, Value>,
        place: &Place,
        keyword: &str,
    ) -> Result<Option<u64>, SchemaError> {
        let Some(value) = map.get(keyword) else {
            return Ok(None);
        };
        let count = match value {
            Value::Number(number) => number.as_u64().or_else(|| {
                number
                    .as_f64()
                    .filter(|f| *f >= 0.0 && f.fract() == 0.0)
                    .map(|f| {
                        if f >= u64::MAX as f64 {
                            u64::MAX
                        } else {
                            f as u64
                        }
                    })
            }),
            _ => None,
        };
        count.map(Some).ok_or_else(|| {
            self.error(
                &child(place, keyword),
                format!("`{keyword}` must be a non-negative integer"),
            )
        })
    }

    /// An array of strings (`required`, ...).
    fn string_array(
        &self,
        value: &Value,
        place: &Place,
        keyword: &str,
    ) -> Result<Vec<String>, SchemaError> {
        let strings = match value {
            Value::Array(items) => items
                .iter()
                .map(|item| item.as_str().map(str::to_owned))
                .collect::<Option<Vec<_>>>(),
            _ => None,
        };
        strings.ok_or_else(|| self.error(place, format!("`{keyword}` must be an array of strings")))
    }

    /// An ECMA-262 regular expression.
    fn regex(&self, value: &Value, place: &Place) -> Result<Box<Matcher>, SchemaError> {
        let Some(source) = value.as_str() else {
            return Err(self.error(place, "a pattern must be a string"));
        };
        Matcher::new(source).map(Box::new).map_err(|error| {
            self.error(
                place,
                format!("not an ECMA-262 regular expression: {error}"),
            )
            .with_hint("patterns are ECMA-262 with the `u` flag".to_owned())
        })
    }

    /// Resolves every pending reference (compiling its target), then the dynamic anchors
    /// that `$dynamicRef`/`$recursiveRef` may jump to.
    fn finish(&mut self) -> Result<(), SchemaError> {
        loop {
            while let Some(pending) = self.pending.pop() {
                self.resolve_pending(pending)?;
            }
            let mut extra = Vec::new();
            if self.uses_dynamic {
                for resource in &self.resources {
                    for pointer in resource.dynamic_anchors.values() {
                        extra.push(Place {
                            doc: resource.doc,
                            pointer: pointer.clone(),
                        });
                    }
                }
            }
            if self.uses_recursive {
                for resource in self.resources.iter().filter(|r| r.recursive_anchor) {
                    extra.push(Place {
                        doc: resource.doc,
                        pointer: resource.pointer.clone(),
                    });
                }
            }
            extra.retain(|place| !self.memo.contains_key(place));
            if extra.is_empty() {
                return Ok(());
            }
            for place in extra {
                self.compile(&place, 0)?;
            }
        }
    }

    fn resolve_pending(&mut self, pending: Pending) -> Result<(), SchemaError> {
        let place = self
            .lookup(&pending.target)
            .map_err(|Missing(message, hint)| {
                let mut error = self.error(&pending.at, message);
                error.hint = hint;
                error
            })?;
        let target = self.compile(&place, 0)?;
        let target_resource = self.resource_of(&place);
        let resource = self.resource(target_resource);
        let at_root = resource.doc == place.doc && resource.pointer == place.pointer;
        let recursive = at_root && resource.recursive_anchor;
        let (_, fragment) = uri::split_fragment(&pending.target);
        let anchor = (!fragment.is_empty()
            && !fragment.starts_with('/')
            && resource.dynamic_anchors.get(fragment) == Some(&place.pointer))
        .then(|| fragment.to_owned());
        let Some(Node {
            kind: Kind::Checks(checks),
            ..
        }) = self.nodes.get_mut(pending.node)
        else {
            return Ok(());
        };
        match checks.get_mut(pending.check) {
            Some(Check::Ref(slot)) => *slot = target,
            Some(Check::RecursiveRef {
                target: slot,
                dynamic,
            }) => {
                *slot = target;
                *dynamic = recursive;
            }
            Some(Check::DynamicRef {
                target: slot,
                anchor: name,
            }) => {
                *slot = target;
                *name = anchor;
            }
            _ => {}
        }
        Ok(())
    }
}

impl SchemaError {
    fn with_hint(mut self, hint: String) -> SchemaError {
        self.hint = Some(hint);
        self
    }
}

/// The place of a member of the value at `place`.
fn child(place: &Place, token: &str) -> Place {
    let mut pointer = place.pointer.clone();
    uri::push_token(&mut pointer, token);
    Place {
        doc: place.doc,
        pointer,
    }
}
