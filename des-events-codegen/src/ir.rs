//! The IR: the product's vocabulary. Names here are already resolved, escaped and
//! de-duplicated; expansion is a pure function of these types.

use std::collections::HashMap;

use serde_json::Value;

/// A whole schema: an event union plus the named types it uses.
#[derive(Clone, Debug, PartialEq)]
pub struct Schema {
    /// The schema file as the user named it.
    pub file: String,
    /// The root `title`, a Rust type name (the dispatch enum).
    pub name: String,
    /// The root `description`.
    pub description: Option<String>,
    /// How the root union tells its variants apart, and where their data is.
    pub tagging: Tagging,
    /// The events, in schema order.
    pub events: Vec<Event>,
    /// Every named type (message structs, nested structs, enums), in a deterministic order.
    pub types: Vec<TypeDef>,
    /// Other schema files that `$ref`s of this one read (the macro tracks them too).
    pub sources: Vec<std::path::PathBuf>,
    /// The types a document can be (the root schema's type, or one per definition of a
    /// `$defs`-only document), each with `from_json`/`to_json`; empty for an event union.
    pub roots: Vec<Root>,
    /// The schema documents the validator needs, `(absolute URI, JSON)`, when some type
    /// is a [`TypeDef::Json`] (empty otherwise).
    pub documents: Vec<(String, Value)>,
    /// Problems that did not stop generation (a `default` the schema rejects...), each
    /// with its place; the macro shows them as compile warnings, the CLI prints them.
    pub warnings: Vec<crate::diag::Diagnostic>,
    /// The types whose name is not the one their schema wanted (another type holds it),
    /// in the order they were named.
    pub renamed: Vec<Renamed>,
    /// Position of each type in `types`, by name (lookups stay O(1) on big schemas).
    index: HashMap<String, usize>,
    /// The maps of patterned and other properties are `HashMap`s or `IndexMap`s (the
    /// `map_type` setting), which implement neither `Hash` nor `Ord`.
    unordered_maps: bool,
}

/// A type named other than its schema wanted, because another type holds that name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Renamed {
    /// The name it got.
    pub name: String,
    /// The name it wanted (its `title`, or the name its place suggests).
    pub wanted: String,
    /// The JSON pointer of the schema that holds `wanted` (or what holds it).
    pub holder: String,
    /// The JSON pointer of the renamed type's schema.
    pub pointer: String,
}

impl Schema {
    /// A schema; names in `types` are unique (the model guarantees it).
    pub fn new(
        file: String,
        name: String,
        description: Option<String>,
        events: Vec<Event>,
        types: Vec<TypeDef>,
    ) -> Schema {
        let index = types
            .iter()
            .enumerate()
            .map(|(position, def)| (def.name().to_owned(), position))
            .collect();
        Schema {
            file,
            name,
            description,
            tagging: Tagging::classic(),
            events,
            types,
            sources: Vec::new(),
            documents: Vec::new(),
            roots: Vec::new(),
            warnings: Vec::new(),
            renamed: Vec::new(),
            index,
            unordered_maps: false,
        }
    }

    /// The same schema, tagged as `tagging` says.
    pub fn with_tagging(mut self, tagging: Tagging) -> Schema {
        self.tagging = tagging;
        self
    }

    /// The named type called `name`.
    pub fn type_def(&self, name: &str) -> Option<&TypeDef> {
        self.index
            .get(name)
            .and_then(|position| self.types.get(*position))
    }

    /// The struct called `name`.
    pub fn struct_def(&self, name: &str) -> Option<&StructDef> {
        match self.type_def(name) {
            Some(TypeDef::Struct(def)) => Some(def),
            _ => None,
        }
    }

    /// The event whose wire name is `wire`.
    pub fn event(&self, wire: &str) -> Option<&Event> {
        self.events.iter().find(|event| event.wire_name == wire)
    }

    /// Whether the dispatch enum has the catch-all variant: every classic envelope has
    /// it (a tolerant read keeps unknown events there; `catch_all = true` makes every read
    /// keep them), unless an event of the schema takes its name (then only strict reads,
    /// as `catch_all` needs the name).
    pub fn has_catch_all(&self, catch_all: bool) -> bool {
        catch_all
            || (self.tagging.is_classic()
                && !self
                    .events
                    .iter()
                    .any(|event| event.variant == crate::name::CATCH_ALL_VARIANT))
    }

    /// Renames the type `from` to `to` everywhere: its definition, every use, the events
    /// and roots that hold it (and the dispatch enum, when `from` is its name). `to` must
    /// be free (the settings check it).
    pub(crate) fn rename_type(&mut self, from: &str, to: &str) {
        let rename = |name: &mut String| {
            if name == from {
                *name = to.to_owned();
            }
        };
        fn walk(ty: &mut Type, rename: &impl Fn(&mut String)) {
            match ty {
                Type::Named(name) => rename(name),
                Type::Array(item, _) => walk(item, rename),
                _ => {}
            }
        }
        if self.events.is_empty() || self.name != from {
            // The dispatch enum keeps its name unless it is the one renamed.
        } else {
            self.name = to.to_owned();
        }
        for event in &mut self.events {
            rename(&mut event.message);
        }
        for root in &mut self.roots {
            rename(&mut root.name);
        }
        for def in &mut self.types {
            match def {
                TypeDef::Struct(def) => {
                    rename(&mut def.name);
                    for field in &mut def.fields {
                        walk(&mut field.ty, &rename);
                    }
                    for map in &mut def.patterns {
                        walk(&mut map.ty, &rename);
                    }
                    if let Some(ty) = &mut def.additional_type {
                        walk(ty, &rename);
                    }
                }
                TypeDef::Enum(def) => rename(&mut def.name),
                TypeDef::Union(def) => {
                    rename(&mut def.name);
                    for alternative in &mut def.alternatives {
                        if let Some(ty) = &mut alternative.ty {
                            walk(ty, &rename);
                        }
                    }
                }
                TypeDef::Tuple(def) => {
                    rename(&mut def.name);
                    for ty in &mut def.items {
                        walk(ty, &rename);
                    }
                }
                TypeDef::Json(def) => rename(&mut def.name),
                TypeDef::Newtype(def) => {
                    rename(&mut def.name);
                    walk(&mut def.ty, &rename);
                }
            }
        }
        for renamed in &mut self.renamed {
            rename(&mut renamed.name);
        }
        if let Some(position) = self.index.remove(from) {
            self.index.insert(to.to_owned(), position);
        }
    }

    /// Calls `visit` on every type the schema's named types and events hold, arrays and
    /// their items included.
    pub(crate) fn visit_types_mut(&mut self, visit: &mut dyn FnMut(&mut Type)) {
        fn walk(ty: &mut Type, visit: &mut dyn FnMut(&mut Type)) {
            visit(ty);
            if let Type::Array(item, _) = ty {
                walk(item, visit);
            }
        }
        for def in &mut self.types {
            match def {
                TypeDef::Struct(def) => {
                    for field in &mut def.fields {
                        walk(&mut field.ty, visit);
                    }
                    for map in &mut def.patterns {
                        walk(&mut map.ty, visit);
                    }
                    if let Some(ty) = &mut def.additional_type {
                        walk(ty, visit);
                    }
                }
                TypeDef::Union(def) => {
                    for alternative in &mut def.alternatives {
                        if let Some(ty) = &mut alternative.ty {
                            walk(ty, visit);
                        }
                    }
                }
                TypeDef::Tuple(def) => {
                    for ty in &mut def.items {
                        walk(ty, visit);
                    }
                }
                TypeDef::Newtype(def) => walk(&mut def.ty, visit),
                TypeDef::Enum(_) | TypeDef::Json(_) => {}
            }
        }
    }

    /// Says that maps of patterned and other properties implement neither `Hash` nor
    /// `Ord` (a `map_type` of `HashMap` or `IndexMap`).
    pub(crate) fn set_unordered_maps(&mut self, unordered: bool) {
        self.unordered_maps = unordered;
    }

    /// Whether the struct has a map field (patterned or other properties).
    fn has_maps(def: &StructDef) -> bool {
        !def.patterns.is_empty() || def.additional == Additional::Open
    }

    /// Whether values of `ty` can implement `Eq` (no floating point inside).
    pub fn is_eq(&self, ty: &Type) -> bool {
        self.walk_all(ty, &mut |ty| !matches!(ty, Type::Number(_)))
    }

    /// Whether values of `ty` can implement `Hash` (`Eq`, and no JSON maps inside).
    pub fn is_hash(&self, ty: &Type) -> bool {
        self.walk_all(ty, &mut |ty| {
            !matches!(ty, Type::Number(_) | Type::Map | Type::Any)
        })
    }

    /// Whether a named type can implement `Eq` / `Hash`.
    pub fn def_is(&self, def: &TypeDef, hash: bool) -> bool {
        let check = |ty: &Type| {
            if hash {
                self.is_hash(ty)
            } else {
                self.is_eq(ty)
            }
        };
        match def {
            TypeDef::Enum(_) => true,
            // `serde_json::Value` is `Eq` but not `Hash`.
            TypeDef::Json(_) => !hash,
            TypeDef::Newtype(def) => check(&def.ty),
            TypeDef::Union(def) => def
                .alternatives
                .iter()
                .filter_map(|alternative| alternative.ty.as_ref())
                .all(check),
            TypeDef::Tuple(def) => def.items.iter().all(check),
            TypeDef::Struct(def) => {
                !(hash && self.unordered_maps && Schema::has_maps(def))
                    && def.fields.iter().all(|field| check(&field.ty))
                    && def.patterns.iter().all(|map| check(&map.ty))
                    && match (&def.additional, &def.additional_type) {
                        (Additional::Closed, _) => true,
                        (Additional::Open, Some(ty)) => check(ty),
                        (Additional::Open, None) => !hash,
                    }
            }
        }
    }

    fn walk_all(&self, ty: &Type, ok: &mut dyn FnMut(&Type) -> bool) -> bool {
        let mut seen = Vec::new();
        self.walk_inner(ty, ok, &mut seen)
    }

    fn walk_inner<'a>(
        &'a self,
        ty: &'a Type,
        ok: &mut dyn FnMut(&Type) -> bool,
        seen: &mut Vec<&'a str>,
    ) -> bool {
        if !ok(ty) {
            return false;
        }
        match ty {
            Type::Array(item, _) => self.walk_inner(item, ok, seen),
            Type::Named(name) => {
                if seen.contains(&name.as_str()) {
                    return true;
                }
                seen.push(name);
                match self.type_def(name) {
                    Some(TypeDef::Struct(def)) => {
                        let untyped = (def.additional == Additional::Open
                            && def.additional_type.is_none())
                            || (self.unordered_maps && Schema::has_maps(def));
                        (!untyped || ok(&Type::Map))
                            && def
                                .additional_type
                                .iter()
                                .all(|ty| self.walk_inner(ty, ok, seen))
                            && def
                                .patterns
                                .iter()
                                .all(|map| self.walk_inner(&map.ty, ok, seen))
                            && def
                                .fields
                                .iter()
                                .all(|field| self.walk_inner(&field.ty, ok, seen))
                    }
                    Some(TypeDef::Union(def)) => def
                        .alternatives
                        .iter()
                        .filter_map(|alternative| alternative.ty.as_ref())
                        .all(|ty| self.walk_inner(ty, ok, seen)),
                    Some(TypeDef::Tuple(def)) => {
                        def.items.iter().all(|ty| self.walk_inner(ty, ok, seen))
                    }
                    Some(TypeDef::Json(_)) => ok(&Type::Any),
                    Some(TypeDef::Newtype(def)) => self.walk_inner(&def.ty, ok, seen),
                    _ => true,
                }
            }
            _ => true,
        }
    }
}

/// A named type that a whole document can be.
#[derive(Clone, Debug, PartialEq)]
pub struct Root {
    /// The Rust type's name.
    pub name: String,
    /// A root that is a `$ref` with a `title` of its own: the title's name, a type alias
    /// of `name` (`pub type Rule = Logic;`), so `Rule::from_json` works as the title says.
    pub alias: Option<String>,
    /// The schema's `examples` (each must parse and round-trip).
    pub examples: Vec<Value>,
    /// The schema's JSON pointer.
    pub pointer: String,
}

/// How the root union tells its variants apart (the tag) and where each variant's data
/// is (the form). See docs/schemas.md, "The schema shape".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tagging {
    /// The tag property, e.g. `event`, `name`, `type`.
    pub tag: String,
    /// Where the rest of a variant's data is.
    pub form: Form,
}

/// Where the data of a variant is, besides its tag.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Form {
    /// `{<tag>: ..., <content>: {...}}` and no other key: each variant holds the content's
    /// struct.
    Envelope {
        /// The content property, e.g. `message`, `data`.
        content: String,
    },
    /// `{<tag>: ..., <content>: {...}, ...}`: some alternative allows other keys. Each
    /// variant holds a struct with the content field and the other keys it allows.
    OpenEnvelope {
        /// The content property.
        content: String,
    },
    /// `{<tag>: ..., ...fields}`: each variant holds a struct of the other properties.
    Flat,
}

impl Tagging {
    /// The classic shape: `{"event": ..., "message": {...}}`, closed.
    pub fn classic() -> Tagging {
        Tagging {
            tag: "event".to_owned(),
            form: Form::Envelope {
                content: "message".to_owned(),
            },
        }
    }

    /// Whether this is [`Tagging::classic`] (the mobile bridge, reply helpers, the
    /// catch-all variant and the byte-level reader's `event`/`message` spelling).
    pub fn is_classic(&self) -> bool {
        *self == Tagging::classic()
    }

    /// The content property of a closed envelope: the key whose value each variant's
    /// struct is read from. `None` when a variant's struct is read from the whole object
    /// less the tag (flat form, open envelope).
    pub fn closed_content(&self) -> Option<&str> {
        match &self.form {
            Form::Envelope { content } => Some(content),
            Form::OpenEnvelope { .. } | Form::Flat => None,
        }
    }

    /// The content property of either envelope form.
    pub fn content(&self) -> Option<&str> {
        match &self.form {
            Form::Envelope { content } | Form::OpenEnvelope { content } => Some(content),
            Form::Flat => None,
        }
    }
}

/// One event of the union.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// The tag's constant on the wire, e.g. `updateToken`.
    pub wire_name: String,
    /// The enum variant (and message struct) name, e.g. `UpdateToken`.
    pub variant: String,
    /// The handler method name, e.g. `update_token`.
    pub method: String,
    /// The struct the variant holds: the message struct (closed envelope), the
    /// `<Variant>Envelope` struct (open envelope) or the struct of the other fields
    /// (flat form).
    pub message: String,
    /// The event's `title` / `description`.
    pub docs: Docs,
    /// The documented example envelopes.
    pub examples: Vec<Value>,
    /// `x-des-reply-to`: the wire name of the event this one answers.
    pub reply_to: Option<String>,
    /// `x-des-mobile-function`: the WebView function that receives this event.
    pub mobile_function: Option<String>,
    /// The native handler name of this event on mobile: `x-des-mobile-handler`, else
    /// the wire name.
    pub mobile_handler: String,
    /// The event's JSON pointer in the schema.
    pub pointer: String,
}

/// Doc text from `title` and `description`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Docs {
    /// `title`.
    pub title: Option<String>,
    /// `description`.
    pub description: Option<String>,
}

impl Docs {
    /// The string `title` and `description` of a schema (anything else: none).
    pub fn of(schema: &Value) -> Docs {
        let text = |key: &str| schema.get(key).and_then(Value::as_str).map(str::to_owned);
        Docs {
            title: text("title"),
            description: text("description"),
        }
    }
}

/// A named Rust type.
#[derive(Clone, Debug, PartialEq)]
pub enum TypeDef {
    /// An object.
    Struct(StructDef),
    /// A closed set of strings.
    Enum(EnumDef),
    /// `oneOf` / `anyOf` below the root: one variant per alternative.
    Union(UnionDef),
    /// `prefixItems` with `items: false`: a fixed-length array, one field per position.
    Tuple(TupleDef),
    /// A schema with no typed Rust shape (no `type`, a `false` schema, a list of types,
    /// validation-only keywords...): a JSON value checked by the schema validator.
    Json(JsonDef),
    /// A root schema whose type is not named (a string, an integer, an array...): a
    /// newtype around that type, so that a whole document has a type of its own. Also a
    /// scalar or array schema with keywords that shape no Rust type (`not`, `if`...):
    /// the typed value, checked whole by the validator first ([`NewtypeDef::check`]).
    Newtype(NewtypeDef),
}

/// A named wrapper around an unnamed type: the root of a scalar or array schema, or a
/// scalar or array schema with keywords the validator checks ([`NewtypeDef::check`]).
#[derive(Clone, Debug, PartialEq)]
pub struct NewtypeDef {
    /// The Rust name.
    pub name: String,
    /// Docs.
    pub docs: Docs,
    /// The wrapped type.
    pub ty: Type,
    /// The schema when it holds no reference (for the schemars description). With a
    /// [`NewtypeDef::check`], the whole schema, checked keywords included.
    pub schema: Option<Value>,
    /// Keywords of a scalar or array schema that shape no Rust type (`not`,
    /// `if`/`then`/`else`; on arrays `contains`, `minContains`, `maxContains`,
    /// `unevaluatedItems`): the absolute URI of the whole schema, which the validator
    /// checks before the wrapped type is read. `None` for a plain newtype.
    pub check: Option<String>,
    /// Those keywords and their values as the schema writes them (what `diff` compares);
    /// empty without a check.
    pub checked: Vec<(String, Value)>,
    /// The schema's JSON pointer.
    pub pointer: String,
}

impl NewtypeDef {
    /// Whether schemars can state the checked keywords: the whole schema is known (no
    /// reference in it), so its description is that schema, checked keywords included.
    pub fn checks_describable(&self) -> bool {
        self.check.is_none() || self.schema.is_some()
    }
}

/// A JSON value that the validator of `des-events-core` checks against its schema.
#[derive(Clone, Debug, PartialEq)]
pub struct JsonDef {
    /// The Rust name.
    pub name: String,
    /// Docs.
    pub docs: Docs,
    /// The absolute URI of the schema (its document's URI plus a JSON Pointer fragment),
    /// the validator's entry point among [`Schema::documents`].
    pub entry: String,
    /// Why the schema has no typed shape (documented on the type).
    pub reason: String,
    /// The schema when it holds no reference (for the schemars description).
    pub schema: Option<Value>,
    /// The schema's JSON pointer.
    pub pointer: String,
}

/// A fixed-length array whose positions have their own schemas.
#[derive(Clone, Debug, PartialEq)]
pub struct TupleDef {
    /// The Rust name.
    pub name: String,
    /// Docs.
    pub docs: Docs,
    /// The type of each position.
    pub items: Vec<Type>,
    /// Each position's schema when it holds no `$ref` (for the schemars description).
    pub item_schemas: Vec<Option<Value>>,
    /// The schema's JSON pointer.
    pub pointer: String,
}

/// A value that matches one (`oneOf`: exactly one) or any (`anyOf`: at least one) of
/// several alternatives.
#[derive(Clone, Debug, PartialEq)]
pub struct UnionDef {
    /// The Rust name.
    pub name: String,
    /// Docs.
    pub docs: Docs,
    /// The alternatives, in schema order.
    pub alternatives: Vec<Alternative>,
    /// `oneOf` (exactly one must match) rather than `anyOf` (the first that matches).
    pub exclusive: bool,
    /// The schema's JSON pointer.
    pub pointer: String,
}

/// One alternative of a union.
#[derive(Clone, Debug, PartialEq)]
pub struct Alternative {
    /// The Rust variant.
    pub variant: String,
    /// The value's type; `None` for `{"type": "null"}`.
    pub ty: Option<Type>,
    /// The alternative's schema when it holds no `$ref` (for the schemars description).
    pub schema: Option<Value>,
    /// The value is a `Box` (a recursive reference to a type being defined).
    pub boxed: bool,
}

impl TypeDef {
    /// The Rust name.
    pub fn name(&self) -> &str {
        match self {
            TypeDef::Struct(def) => &def.name,
            TypeDef::Enum(def) => &def.name,
            TypeDef::Union(def) => &def.name,
            TypeDef::Tuple(def) => &def.name,
            TypeDef::Json(def) => &def.name,
            TypeDef::Newtype(def) => &def.name,
        }
    }

    /// The JSON pointer of the schema that defined it.
    pub fn pointer(&self) -> &str {
        match self {
            TypeDef::Struct(def) => &def.pointer,
            TypeDef::Enum(def) => &def.pointer,
            TypeDef::Union(def) => &def.pointer,
            TypeDef::Tuple(def) => &def.pointer,
            TypeDef::Json(def) => &def.pointer,
            TypeDef::Newtype(def) => &def.pointer,
        }
    }
}

/// An object with named properties.
#[derive(Clone, Debug, PartialEq)]
pub struct StructDef {
    /// The Rust name.
    pub name: String,
    /// Docs.
    pub docs: Docs,
    /// The properties, in schema order.
    pub fields: Vec<Field>,
    /// What happens to keys that are not properties.
    pub additional: Additional,
    /// With [`Additional::Open`]: the schema of the other keys' values
    /// (`additionalProperties: {...}`); `None` is any JSON value.
    pub additional_type: Option<Type>,
    /// That schema's JSON when it holds no `$ref` (for the schemars description).
    pub additional_schema: Option<Value>,
    /// `patternProperties`, in schema order: the keys that no property names and that
    /// match a pattern go into that pattern's typed map (the first pattern that matches).
    pub patterns: Vec<PatternMap>,
    /// `minProperties`.
    pub min_properties: Option<u64>,
    /// `maxProperties`.
    pub max_properties: Option<u64>,
    /// Keywords next to `properties` that shape no Rust type (`not`, `if`/`then`/`else`,
    /// `dependentRequired`, `dependentSchemas`, `propertyNames`, `patternProperties` on
    /// an open object, `unevaluatedProperties`): the absolute URI of the schema, which the
    /// validator checks on the whole object before its fields are read.
    pub check: Option<String>,
    /// Those keywords and their values as the schema writes them (what `diff` compares).
    pub checked: Vec<(String, Value)>,
    /// The schema's JSON pointer.
    pub pointer: String,
}

impl StructDef {
    /// Whether the checked keyword `value` refers to another schema (a `"$ref"` or
    /// `"$dynamicRef"` key with a string value: a property *named* `$ref` is not one).
    pub fn refers(value: &Value) -> bool {
        match value {
            Value::Object(members) => members.iter().any(|(key, member)| {
                (matches!(key.as_str(), "$ref" | "$dynamicRef" | "$recursiveRef")
                    && member.is_string())
                    || StructDef::refers(member)
            }),
            Value::Array(items) => items.iter().any(StructDef::refers),
            _ => false,
        }
    }

    /// Whether schemars can state every checked keyword (none refers elsewhere, and
    /// none is `unevaluatedProperties`, which the flattened map's `additionalProperties`
    /// would make a no-op in the derived schema).
    pub fn checks_describable(&self) -> bool {
        self.checked
            .iter()
            .all(|(key, value)| key != "unevaluatedProperties" && !StructDef::refers(value))
    }
}

/// One `patternProperties` entry of a struct: a typed map of the keys that match it.
#[derive(Clone, Debug, PartialEq)]
pub struct PatternMap {
    /// The ECMA-262 pattern, as the schema writes it (unanchored).
    pub pattern: String,
    /// The Rust field that holds the matching keys (`pattern_properties`,
    /// `pattern_properties_2`...).
    pub rust_name: String,
    /// The type of the matching keys' values.
    pub ty: Type,
    /// The value schema's JSON when it holds no `$ref` (for the schemars description).
    pub schema: Option<Value>,
    /// The value schema's JSON pointer.
    pub pointer: String,
}

/// `additionalProperties`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Additional {
    /// `false`: unknown keys are rejected.
    Closed,
    /// `true` or absent: unknown keys are kept, in an `additional_properties` map.
    Open,
}

/// One property of an object.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// The key on the wire.
    pub wire_name: String,
    /// The Rust field name (snake_case, raw identifier when it is a keyword).
    pub rust_name: String,
    /// Docs.
    pub docs: Docs,
    /// The value's type.
    pub ty: Type,
    /// In `required`.
    pub required: bool,
    /// `type: [T, "null"]`: `null` is a value of its own (`Option`; `Option<Option<T>>`
    /// when also optional, so absent and `null` differ).
    pub nullable: bool,
    /// `deprecated: true`.
    pub deprecated: bool,
    /// `readOnly: true` / `writeOnly: true` (documented).
    pub read_only: bool,
    /// `writeOnly: true` (documented).
    pub write_only: bool,
    /// `default`: an accessor returns it when the field is absent.
    pub default: Option<Value>,
    /// The value is a `Box` (a recursive reference to a type being defined).
    pub boxed: bool,
    /// The property's own schema when it holds no `$ref`: the schemars description of
    /// fields whose rules derive attributes cannot express (nested array rules, null).
    pub schema: Option<Value>,
    /// `x-des-credential: true`: the value is a secret.
    pub credential: bool,
    /// `x-des-echo: true`: in a reply, the value must equal the request's field of the
    /// same name (reply helpers copy it).
    pub echo: bool,
    /// The property schema's JSON pointer.
    pub pointer: String,
}

/// The type of a value, with the constraints checked while deserializing.
#[derive(Clone, Debug, PartialEq)]
pub enum Type {
    /// A JSON string.
    String(StringRules),
    /// A JSON integer (`i64`; the schema must bound it within that range).
    Integer(IntegerRules),
    /// A JSON number (`f64`).
    Number(NumberRules),
    /// `true` / `false`.
    Boolean,
    /// A free-form JSON object.
    Map,
    /// A JSON array.
    Array(Box<Type>, ArrayRules),
    /// A named struct or enum.
    Named(String),
    /// Any JSON value at all (`true`, `{}`, a schema of annotations only).
    Any,
}

/// String constraints.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StringRules {
    /// An asserted `format`.
    pub format: Option<Format>,
    /// A format we document but do not check.
    pub annotation_format: Option<String>,
    /// `minLength`, in Unicode code points.
    pub min_length: Option<u64>,
    /// `maxLength`, in Unicode code points.
    pub max_length: Option<u64>,
    /// `pattern`, an ECMA-262 regular expression.
    pub pattern: Option<String>,
    /// A credential: never printed.
    pub credential: bool,
    /// The Rust type the `convert` setting chose for this format (a path as generated
    /// code writes it, e.g. `::des_events::__private::uuid::Uuid`); `None`: the engine's
    /// own type.
    pub converted: Option<String>,
}

/// The formats we assert: the catalogue of `des-events-core`.
pub use des_events_core::Format;

/// Numeric bounds.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NumberRules {
    /// `minimum`.
    pub minimum: Option<f64>,
    /// `maximum`.
    pub maximum: Option<f64>,
    /// `exclusiveMinimum`.
    pub exclusive_minimum: Option<f64>,
    /// `exclusiveMaximum`.
    pub exclusive_maximum: Option<f64>,
    /// `multipleOf` (positive), checked in decimal arithmetic.
    pub multiple_of: Option<f64>,
}

impl NumberRules {
    /// No bound at all.
    pub fn is_empty(&self) -> bool {
        *self == NumberRules::default()
    }
}

/// Integer bounds, exact as `i64`. Without an upper bound the Rust type is `i64` (`u64`
/// with a lower bound of 0 or more); a `format` such as `int32` narrows it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IntegerRules {
    /// `minimum`.
    pub minimum: Option<i64>,
    /// `maximum`.
    pub maximum: Option<i64>,
    /// `exclusiveMinimum`.
    pub exclusive_minimum: Option<i64>,
    /// `exclusiveMaximum`.
    pub exclusive_maximum: Option<i64>,
    /// `multipleOf` (a positive integer).
    pub multiple_of: Option<i64>,
    /// The range of `format: "int8"` ... `"uint64"` (OpenAPI's and schemars'
    /// convention): it chooses the Rust type, which then limits the values.
    pub format_range: Option<(i128, i128)>,
}

impl IntegerRules {
    /// The smallest and largest value allowed (the engine guarantees both bounds).
    pub fn range(&self) -> (i128, i128) {
        let low = [
            self.minimum.map(i128::from),
            self.exclusive_minimum.map(|b| i128::from(b) + 1),
        ];
        let high = [
            self.maximum.map(i128::from),
            self.exclusive_maximum.map(|b| i128::from(b) - 1),
        ];
        let (format_low, format_high) = self.format_range.unzip();
        let low = [low[0], low[1], format_low];
        let high = [high[0], high[1], format_high];
        let low = low
            .into_iter()
            .flatten()
            .max()
            .unwrap_or(i128::from(i64::MIN));
        let unbounded_above = high.iter().all(Option::is_none);
        let high = high
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(if unbounded_above && low >= 0 {
                i128::from(u64::MAX)
            } else {
                i128::from(i64::MAX)
            });
        (low, high)
    }

    /// The narrowest Rust integer type that holds every allowed value.
    pub fn rust_type(&self) -> &'static str {
        let (low, high) = self.range();
        let fits = |min: i128, max: i128| low >= min && high <= max;
        if low >= 0 {
            if fits(0, i128::from(u8::MAX)) {
                "u8"
            } else if fits(0, i128::from(u16::MAX)) {
                "u16"
            } else if fits(0, i128::from(u32::MAX)) {
                "u32"
            } else {
                "u64"
            }
        } else if fits(i128::from(i8::MIN), i128::from(i8::MAX)) {
            "i8"
        } else if fits(i128::from(i16::MIN), i128::from(i16::MAX)) {
            "i16"
        } else if fits(i128::from(i32::MIN), i128::from(i32::MAX)) {
            "i32"
        } else {
            "i64"
        }
    }
}

/// Array constraints.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ArrayRules {
    /// `minItems`.
    pub min_items: Option<u64>,
    /// `maxItems`.
    pub max_items: Option<u64>,
    /// `uniqueItems: true`.
    pub unique: bool,
}

/// A closed set of string values (`enum`, or a string `const`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnumDef {
    /// The Rust name.
    pub name: String,
    /// Docs.
    pub docs: Docs,
    /// `(wire value, Rust variant name)`, in schema order. For a JSON-value enum the
    /// wire value is the value's compact JSON text.
    pub variants: Vec<(String, String)>,
    /// The values are not all strings: the wire values are JSON texts, compared as JSON
    /// Schema compares values (`1` equals `1.0`).
    pub json_values: bool,
    /// Declared legacy values (`x-des-legacy`): `(wire value, index of the variant it
    /// is read as)`. Receivers accept them; no variant writes them.
    pub legacy: Vec<(String, usize)>,
    /// The Rust name of the variant that keeps an unknown value under a tolerant read
    /// (`Other`, or another name when a value takes it).
    pub other: String,
    /// Declared with `const` rather than `enum`: errors name `const`.
    pub constant: bool,
    /// The schema states a `type` next to the values: a value of another JSON type
    /// breaks `type` (else it breaks the `enum` or `const` itself).
    pub typed: bool,
    /// The schema's JSON pointer.
    pub pointer: String,
}
