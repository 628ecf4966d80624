//! Stage 2, model: turn a loaded schema into the IR, collecting every problem.
//!
//! Every keyword is looked at: it is either modelled exactly, accepted as a documented
//! annotation, or reported as an error with its location. Nothing is silently ignored.

mod all_of;

use std::collections::{BTreeMap, HashMap};

use serde_json::{Map, Value};

use crate::diag::{Diagnostic, Diagnostics, join};
use crate::ir::*;
use crate::load::Document;
use crate::name;

/// The draft we implement.
pub const DRAFT_2020_12: &str = "https://json-schema.org/draft/2020-12/schema";

/// Formats we know but do not assert yet: rejected rather than silently unchecked.
const UNASSERTED_FORMATS: &[&str] = &[
    "duration",
    "idn-email",
    "idn-hostname",
    "iri",
    "iri-reference",
    "uri-template",
    "json-pointer",
    "relative-json-pointer",
    "regex",
];

/// Keywords that only annotate: accepted anywhere, never change validation.
const ANNOTATIONS: &[&str] = &[
    "$comment",
    "$anchor",
    "title",
    "description",
    "examples",
    "deprecated",
    "readOnly",
    "writeOnly",
];

/// Builds the IR of `doc`, or every problem found in it.
pub fn model(doc: &Document) -> Result<Schema, Diagnostics> {
    let mut modeler = Modeler {
        doc,
        diags: Vec::new(),
        types: Vec::new(),
        type_names: HashMap::new(),
        refs: HashMap::new(),
        in_progress: Vec::new(),
        failed: Vec::new(),
        seen_events: HashMap::new(),
        seen_variants: HashMap::new(),
        others: Vec::new(),
    };
    let schema = modeler.root().map(|mut schema| {
        schema.sources = modeler
            .others
            .iter()
            .filter_map(|doc| doc.path.clone())
            .collect();
        schema
    });
    if modeler.diags.is_empty()
        && let Some(schema) = schema
    {
        return Ok(schema);
    }
    Err(Diagnostics(modeler.diags))
}

struct Modeler<'d> {
    doc: &'d Document,
    diags: Vec<Diagnostic>,
    types: Vec<TypeDef>,
    /// Position of each registered type in `types`, by name.
    type_names: HashMap<String, usize>,
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

    /// Document `index` (0 is the root).
    fn document(&self, index: usize) -> &Document {
        match index
            .checked_sub(1)
            .and_then(|other| self.others.get(other))
        {
            Some(doc) => doc,
            None => self.doc,
        }
    }

    /// The schema at a model pointer (possibly in another file).
    fn value_at(&self, pointer: &str) -> Option<Value> {
        let (index, plain) = locate(pointer);
        self.document(index).get(plain).cloned()
    }

    /// Reads the file a `$ref` names, relative to the file holding the `$ref`, once.
    fn load_other(&mut self, ref_pointer: &str, relative: &str) -> Option<usize> {
        if relative.contains("://") || relative.starts_with('/') || relative.starts_with('\\') {
            self.error(
                ref_pointer,
                format!("unsupported `$ref` to \"{relative}\""),
                Some("only relative paths to files next to this schema (and `#` pointers) are supported; nothing is fetched"),
            );
            return None;
        }
        let (index, _) = locate(ref_pointer);
        let holder = self.document(index);
        let (Some(holder_path), holder_shown) = (holder.path.clone(), holder.file.clone()) else {
            self.error(
                ref_pointer,
                "a `$ref` to another file needs the schema to be read from a file",
                None,
            );
            return None;
        };
        let base = holder_path
            .parent()
            .map(std::path::Path::to_path_buf)
            .unwrap_or_default();
        let path = base.join(relative);
        let canonical = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        let known = std::iter::once(self.doc.path.as_ref())
            .chain(self.others.iter().map(|doc| doc.path.as_ref()))
            .position(|known| {
                known
                    .and_then(|known| std::fs::canonicalize(known).ok())
                    .as_ref()
                    == Some(&canonical)
            });
        if let Some(position) = known {
            return Some(position);
        }
        let shown = std::path::Path::new(&holder_shown).parent().map_or_else(
            || relative.to_owned(),
            |dir| dir.join(relative).to_string_lossy().into_owned(),
        );
        match Document::read(&path, &shown) {
            Ok(doc) => {
                self.others.push(doc);
                Some(self.others.len())
            }
            Err(diagnostics) => {
                let (index, plain) = locate(ref_pointer);
                let doc = self.document(index);
                let (file, pos) = (doc.file.clone(), doc.key_pos(plain));
                for diagnostic in diagnostics.0 {
                    self.diags.push(Diagnostic {
                        hint: Some(format!(
                            "read for the `$ref` at {file}{} {plain}",
                            pos.map_or_else(String::new, |pos| format!(
                                ":{}:{}",
                                pos.line, pos.column
                            ))
                        )),
                        ..diagnostic
                    });
                }
                None
            }
        }
    }

    /// Reports every key of `object` that is not in `allowed`.
    fn only(&mut self, pointer: &str, object: &Map<String, Value>, allowed: &[&str], what: &str) {
        for key in object.keys() {
            if allowed.contains(&key.as_str()) || ANNOTATIONS.contains(&key.as_str()) {
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
        Docs {
            title: self.string(&join(pointer, "title"), object.get("title"), "title"),
            description: self.string(
                &join(pointer, "description"),
                object.get("description"),
                "description",
            ),
        }
    }

    fn root(&mut self) -> Option<Schema> {
        let doc = self.doc;
        let root = self.object("", &doc.value, "the schema root")?;
        // Without `oneOf` this is not an event union at all: say that once, instead of
        // listing every keyword of some other kind of schema.
        if root.contains_key("oneOf") {
            self.only(
                "",
                root,
                &["$schema", "$id", "oneOf", "$defs"],
                "the schema root",
            );
        }
        if let Some(draft) = root.get("$schema")
            && draft.as_str() != Some(DRAFT_2020_12)
        {
            self.error(
                "/$schema",
                "unsupported `$schema`",
                Some(&format!(
                    "des-events implements JSON Schema draft 2020-12: \"{DRAFT_2020_12}\""
                )),
            );
        }
        if let Some(id) = root.get("$id")
            && !id.is_string()
        {
            self.error("/$id", "`$id` must be a string", None);
        }
        let docs = self.docs("", root);
        let title = match &docs.title {
            Some(title) => title.clone(),
            None => {
                self.error(
                    "",
                    "the schema root needs a `title`",
                    Some("the title names the generated dispatch enum, e.g. \"title\": \"PartnerEvent\""),
                );
                String::new()
            }
        };
        let enum_name = name::type_name(&title);
        let events = match root.get("oneOf") {
            Some(Value::Array(variants)) if !variants.is_empty() => {
                let mut events = Vec::new();
                for (index, variant) in variants.iter().enumerate() {
                    let pointer = format!("/oneOf/{index}");
                    if let Some(event) = self.event(&pointer, variant) {
                        events.push(event);
                    }
                }
                events
            }
            Some(_) => {
                self.error(
                    "/oneOf",
                    "`oneOf` must be a non-empty array of event schemas",
                    None,
                );
                Vec::new()
            }
            None => {
                self.error(
                    "",
                    "the schema root must be an event union: a `oneOf` of event objects",
                    Some(
                        "each alternative is {\"type\": \"object\", \"properties\": {\"event\": {\"const\": \"<name>\"}, \"message\": {...}}, \"required\": [\"event\", \"message\"], \"additionalProperties\": false}",
                    ),
                );
                Vec::new()
            }
        };
        // Every definition is modelled, used or not, so that its problems are reported.
        if let Some(defs) = root.get("$defs") {
            match defs {
                Value::Object(defs) => {
                    for key in defs.keys() {
                        let pointer = join("/$defs", key);
                        self.resolve(&pointer, &pointer);
                    }
                }
                _ => self.error("/$defs", "`$defs` must be an object", None),
            }
        }
        Some(Schema::new(
            doc.file.clone(),
            enum_name,
            docs.description,
            events,
            std::mem::take(&mut self.types),
        ))
    }

    fn event(&mut self, pointer: &str, value: &Value) -> Option<Event> {
        let (pointer, value) = match value.get("$ref") {
            Some(_) => {
                let object = self.object(pointer, value, "an event schema")?;
                self.only(pointer, object, &["$ref"], "an event `$ref`");
                let target = self.ref_target(pointer, object)?;
                let value = self.value_at(&target)?;
                (target, value)
            }
            None => (pointer.to_owned(), value.clone()),
        };
        let pointer = pointer.as_str();
        let value = &value;
        let object = self.object(pointer, value, "an event schema")?;
        self.only(
            pointer,
            object,
            &[
                "type",
                "properties",
                "required",
                "additionalProperties",
                "examples",
                "x-des-reply-to",
                "x-des-mobile-function",
                "x-des-mobile-handler",
            ],
            "an event schema",
        );
        self.expect_type(pointer, object, "object");
        if object.get("additionalProperties") != Some(&Value::Bool(false)) {
            self.error(
                pointer,
                "an event schema must close its envelope",
                Some("add \"additionalProperties\": false: the envelope has exactly the keys `event` and `message`"),
            );
        }
        let docs = self.docs(pointer, object);
        let props_pointer = join(pointer, "properties");
        let Some(properties) = object.get("properties").and_then(Value::as_object) else {
            self.error(
                pointer,
                "an event schema needs `properties` with `event` and `message`",
                None,
            );
            return None;
        };
        for key in properties.keys() {
            if key != "event" && key != "message" {
                self.error(
                    &join(&props_pointer, key),
                    format!("unexpected envelope property `{key}`"),
                    Some("an event envelope has exactly the properties `event` and `message`"),
                );
            }
        }
        let required = self.required(pointer, object);
        for key in ["event", "message"] {
            if !required.contains_key(key) {
                self.error(
                    pointer,
                    format!("the envelope property `{key}` must be in `required`"),
                    Some("add \"required\": [\"event\", \"message\"]"),
                );
            }
        }
        let wire_name = self.event_name(&join(&props_pointer, "event"), properties.get("event"))?;
        let variant = name::type_name(&wire_name);
        let method = name::field_name(&wire_name);
        let const_pointer = join(&join(&props_pointer, "event"), "const");
        if !self.unique_event(&const_pointer, &wire_name, &variant) {
            return None;
        }
        let message_pointer = join(&props_pointer, "message");
        let message_name = match docs.title.as_deref() {
            Some(title) => name::type_name(title),
            None => variant.clone(),
        };
        let message = match properties.get("message") {
            Some(schema) => self.message_type(&message_pointer, schema, &message_name),
            None => {
                self.error(
                    &props_pointer,
                    "an event schema needs a `message` property",
                    None,
                );
                None
            }
        };
        let reply_to = self.string(
            &join(pointer, "x-des-reply-to"),
            object.get("x-des-reply-to"),
            "x-des-reply-to",
        );
        let mobile_function = self.identifier(pointer, object, "x-des-mobile-function");
        let mobile_handler = self
            .identifier(pointer, object, "x-des-mobile-handler")
            .unwrap_or_else(|| wire_name.clone());
        let examples = self.examples(pointer, object, &wire_name);
        if let Some(message) = &message {
            self.describe_message(message, &wire_name);
        }
        Some(Event {
            wire_name,
            variant,
            method,
            message: message?,
            docs,
            examples,
            reply_to,
            mobile_function,
            mobile_handler,
            pointer: pointer.to_owned(),
        })
    }

    fn event_name(&mut self, pointer: &str, schema: Option<&Value>) -> Option<String> {
        let hint = "write \"event\": {\"const\": \"<eventName>\"}";
        let Some(schema) = schema else {
            self.error(
                pointer,
                "an event schema needs an `event` property",
                Some(hint),
            );
            return None;
        };
        let object = self.object(pointer, schema, "the `event` schema")?;
        self.only(pointer, object, &["const", "type"], "the `event` property");
        if let Some(ty) = object.get("type")
            && ty.as_str() != Some("string")
        {
            self.error(
                &join(pointer, "type"),
                "the `event` property must be a string",
                Some(hint),
            );
        }
        match object.get("const") {
            Some(Value::String(name)) => Some(name.clone()),
            Some(_) => {
                self.error(
                    &join(pointer, "const"),
                    "the event name `const` must be a string",
                    Some(hint),
                );
                None
            }
            None => {
                self.error(
                    pointer,
                    "the `event` property of a union variant must be a `const`",
                    Some(hint),
                );
                None
            }
        }
    }

    fn examples(&mut self, pointer: &str, object: &Map<String, Value>, wire: &str) -> Vec<Value> {
        let examples_pointer = join(pointer, "examples");
        match object.get("examples") {
            None => Vec::new(),
            Some(Value::Array(examples)) => {
                for (index, example) in examples.iter().enumerate() {
                    let event = example.get("event").and_then(Value::as_str);
                    if event != Some(wire) {
                        self.error(
                            &join(&examples_pointer, &index.to_string()),
                            format!("this example is not an envelope of event `{wire}`"),
                            Some("examples are whole envelopes: {\"event\": ..., \"message\": {...}}"),
                        );
                    }
                }
                examples.clone()
            }
            Some(_) => {
                self.error(&examples_pointer, "`examples` must be an array", None);
                Vec::new()
            }
        }
    }

    /// The message of an event: always a named struct.
    fn message_type(&mut self, pointer: &str, schema: &Value, name: &str) -> Option<String> {
        match self.value_type(pointer, schema, name)? {
            Type::Named(name) if self.is_struct(&name) => Some(name),
            _ => {
                self.error(
                    pointer,
                    "an event's `message` must be an object schema with `properties`",
                    Some("use {\"type\": \"object\", \"properties\": {}, \"additionalProperties\": false} for an event without data"),
                );
                None
            }
        }
    }

    /// A string annotation that must be a JavaScript identifier.
    fn identifier(
        &mut self,
        pointer: &str,
        object: &Map<String, Value>,
        keyword: &str,
    ) -> Option<String> {
        let keyword_pointer = join(pointer, keyword);
        let name = self.string(&keyword_pointer, object.get(keyword), keyword)?;
        let mut chars = name.chars();
        let ok = chars
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
            && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
        if !ok {
            self.error(
                &keyword_pointer,
                format!("`{keyword}` must be a JavaScript identifier, not \"{name}\""),
                Some("it names a function or native handler of the mobile bridge"),
            );
            return None;
        }
        Some(name)
    }

    /// `object` with its `allOf` branches (and theirs, and `$ref` targets) merged in.
    fn merge_all_of(
        &mut self,
        pointer: &str,
        object: &Map<String, Value>,
        depth: usize,
    ) -> Option<Map<String, Value>> {
        let all_of_pointer = join(pointer, "allOf");
        if depth > 32 {
            self.error(
                &all_of_pointer,
                "`allOf` nests or refers to itself too deeply",
                None,
            );
            return None;
        }
        let mut merged = object.clone();
        let Some(Value::Array(branches)) = merged.remove("allOf") else {
            self.error(
                &all_of_pointer,
                "`allOf` must be a non-empty array of schemas",
                None,
            );
            return None;
        };
        if branches.is_empty() {
            self.error(
                &all_of_pointer,
                "`allOf` must be a non-empty array of schemas",
                None,
            );
            return None;
        }
        if merged.contains_key("$ref") {
            // `$ref` next to `allOf`: it is one more branch.
            let target = self.ref_target(pointer, &merged)?;
            merged.remove("$ref");
            let referenced = self.branch(&target, depth)?;
            self.merge_into(&all_of_pointer, &mut merged, &referenced)?;
        }
        for (index, branch) in branches.iter().enumerate() {
            let branch_pointer = join(&all_of_pointer, &index.to_string());
            let Some(branch_object) = branch.as_object() else {
                self.error(
                    &branch_pointer,
                    "an `allOf` branch must be a schema object",
                    None,
                );
                return None;
            };
            let resolved = if branch_object.contains_key("$ref") && branch_object.len() == 1 {
                let target = self.ref_target(&branch_pointer, branch_object)?;
                self.branch(&target, depth)?
            } else if branch_object.contains_key("allOf") {
                self.merge_all_of(&branch_pointer, branch_object, depth + 1)?
            } else {
                branch_object.clone()
            };
            self.merge_into(&branch_pointer, &mut merged, &resolved)?;
        }
        Some(merged)
    }

    /// The schema at `target`, with its own `allOf` merged.
    fn branch(&mut self, target: &str, depth: usize) -> Option<Map<String, Value>> {
        let value = self.value_at(target)?;
        let object = self.object(target, &value, "an `allOf` branch")?.clone();
        if object.contains_key("allOf") {
            return self.merge_all_of(target, &object, depth + 1);
        }
        if object.contains_key("$ref") && object.len() == 1 {
            let next = self.ref_target(target, &object)?;
            return self.branch(&next, depth + 1);
        }
        Some(object)
    }

    fn merge_into(
        &mut self,
        pointer: &str,
        into: &mut Map<String, Value>,
        branch: &Map<String, Value>,
    ) -> Option<()> {
        match all_of::merge(into, branch) {
            Ok(()) => Some(()),
            Err(conflict) => {
                self.error(
                    &join(pointer, &conflict.keyword),
                    format!("`allOf` cannot be merged exactly: {}", conflict.message),
                    Some("des-events merges `allOf` branches into one Rust type; make the branches agree"),
                );
                None
            }
        }
    }

    /// Records an event; a second event with the same wire name, or with a name that
    /// becomes the same Rust variant, is an error naming both places.
    fn unique_event(&mut self, pointer: &str, wire: &str, variant: &str) -> bool {
        if let Some(first) = self.seen_events.get(wire).cloned() {
            self.error(
                pointer,
                format!("the event `{wire}` is defined twice (first at {first})"),
                Some("each event name may appear once in the union"),
            );
            return false;
        }
        if let Some((other, first)) = self.seen_variants.get(variant).cloned() {
            self.error(
                pointer,
                format!("the events `{other}` (at {first}) and `{wire}` both become the Rust variant `{variant}`"),
                Some("event names must stay distinct after conversion to UpperCamelCase"),
            );
            return false;
        }
        let event_pointer = pointer
            .strip_suffix("/properties/event/const")
            .unwrap_or(pointer);
        self.seen_events
            .insert(wire.to_owned(), event_pointer.to_owned());
        self.seen_variants.insert(
            variant.to_owned(),
            (wire.to_owned(), event_pointer.to_owned()),
        );
        true
    }

    /// Gives an event's message struct a first doc line naming the event.
    fn describe_message(&mut self, message: &str, wire: &str) {
        let position = self.type_names.get(message).copied();
        if let Some(TypeDef::Struct(def)) =
            position.and_then(|position| self.types.get_mut(position))
            && def.docs.title.is_none()
        {
            def.docs.title = Some(format!("The `message` of the `{wire}` event."));
        }
    }

    fn is_struct(&self, name: &str) -> bool {
        let position = self.type_names.get(name).copied();
        matches!(
            position.and_then(|position| self.types.get(position)),
            Some(TypeDef::Struct(_))
        )
    }

    fn required(&mut self, pointer: &str, object: &Map<String, Value>) -> BTreeMap<String, usize> {
        let mut out = BTreeMap::new();
        let required_pointer = join(pointer, "required");
        match object.get("required") {
            None => {}
            Some(Value::Array(items)) => {
                for (index, item) in items.iter().enumerate() {
                    match item {
                        Value::String(key) => {
                            if out.insert(key.clone(), index).is_some() {
                                self.error(
                                    &join(&required_pointer, &index.to_string()),
                                    format!("`{key}` is listed twice in `required`"),
                                    None,
                                );
                            }
                        }
                        _ => self.error(
                            &join(&required_pointer, &index.to_string()),
                            "`required` must list strings",
                            None,
                        ),
                    }
                }
            }
            Some(_) => self.error(
                &required_pointer,
                "`required` must be an array of strings",
                None,
            ),
        }
        out
    }

    fn expect_type(&mut self, pointer: &str, object: &Map<String, Value>, expected: &str) {
        match object.get("type") {
            Some(Value::String(ty)) if ty == expected => {}
            Some(_) => self.error(
                &join(pointer, "type"),
                format!("expected \"type\": \"{expected}\""),
                None,
            ),
            None => self.error(pointer, format!("missing \"type\": \"{expected}\""), None),
        }
    }

    fn ref_target(&mut self, pointer: &str, object: &Map<String, Value>) -> Option<String> {
        let ref_pointer = join(pointer, "$ref");
        let Some(Value::String(reference)) = object.get("$ref") else {
            self.error(&ref_pointer, "`$ref` must be a string", None);
            return None;
        };
        let (file_part, fragment) = reference
            .split_once('#')
            .unwrap_or((reference.as_str(), ""));
        let document = if file_part.is_empty() {
            locate(pointer).0
        } else {
            let reference = reference.clone();
            let relative = reference
                .split_once('#')
                .map_or(reference.as_str(), |(file, _)| file);
            self.load_other(&ref_pointer, relative)?
        };
        let prefix = if document == 0 {
            String::new()
        } else {
            format!("@{document}")
        };
        let mut target = percent_decode(fragment);
        if !target.is_empty() && !target.starts_with('/') {
            // `#name`: a `$anchor`.
            if let Some(found) = anchor(&self.document(document).value, &target, "") {
                target = found;
            }
        }
        let doc = self.document(document);
        if doc.get(&target).is_none() || !(target.is_empty() || target.starts_with('/')) {
            let defs: Vec<String> = doc
                .get("/$defs")
                .and_then(Value::as_object)
                .map(|defs| defs.keys().map(|key| format!("#/$defs/{key}")).collect())
                .unwrap_or_default();
            let hint = if defs.is_empty() {
                format!("{} has no `$defs`", doc.file)
            } else {
                format!("the definitions of {}: {}", doc.file, defs.join(", "))
            };
            self.error(
                &ref_pointer,
                format!("`$ref` \"{reference}\" points at nothing"),
                Some(&hint),
            );
            return None;
        }
        Some(format!("{prefix}{target}"))
    }

    /// Models the schema at `pointer` once (a `$ref` target) and returns its type.
    /// `from` is the `$ref` being followed (or the definition itself), for diagnostics.
    fn resolve(&mut self, target: &str, from: &str) -> Option<Type> {
        if let Some(ty) = self.refs.get(target) {
            return Some(ty.clone());
        }
        if self.failed.iter().any(|pointer| pointer == target) {
            return None;
        }
        let value = self.value_at(target)?;
        let value = &value;
        let (index, plain) = locate(target);
        let last = if plain.is_empty() {
            // A whole other file: named after it (`money.schema.json` -> `Money`).
            let file = &self.document(index).file;
            let base = std::path::Path::new(file)
                .file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_default();
            base.split('.').next().unwrap_or_default().to_owned()
        } else {
            plain
                .rsplit('/')
                .next()
                .unwrap_or_default()
                .replace("~1", "/")
                .replace("~0", "~")
        };
        let suggested = name::type_name(&last);
        if self.in_progress.iter().any(|pointer| pointer == target) {
            // A cycle: fine through an object, whose name is known before its fields are
            // (the field that closes the cycle becomes a `Box`).
            let is_object = value.get("type").and_then(Value::as_str) == Some("object")
                && value.get("properties").is_some_and(Value::is_object)
                && !value
                    .as_object()
                    .is_some_and(|object| object.contains_key("$ref"));
            if is_object {
                let title = value.get("title").and_then(Value::as_str);
                return Some(Type::Named(title.map_or(suggested, name::type_name)));
            }
            self.error(
                from,
                format!("this `$ref` makes {target} recursive without an object in the cycle"),
                Some("a recursive schema needs an object with `properties` in the cycle, which becomes a Rust struct"),
            );
            self.failed.push(target.to_owned());
            return None;
        }
        self.in_progress.push(target.to_owned());
        let ty = self.value_type(target, value, &suggested);
        self.in_progress.pop();
        let Some(ty) = ty else {
            self.failed.push(target.to_owned());
            return None;
        };
        self.refs.insert(target.to_owned(), ty.clone());
        Some(ty)
    }

    /// The type of a property (or definition) schema; `suggested` names it if it is named.
    fn value_type(&mut self, pointer: &str, schema: &Value, suggested: &str) -> Option<Type> {
        let object = self.object(pointer, schema, "a schema")?;
        if object.contains_key("allOf") {
            let merged = self.merge_all_of(pointer, object, 0)?;
            return self.value_type(pointer, &Value::Object(merged), suggested);
        }
        if object.contains_key("$ref") {
            self.only(pointer, object, &["$ref"], "a schema with `$ref`");
            let target = self.ref_target(pointer, object)?;
            return self.resolve(&target, &join(pointer, "$ref"));
        }
        let docs = self.docs(pointer, object);
        let name = docs
            .title
            .as_deref()
            .map_or_else(|| suggested.to_owned(), name::type_name);
        if object.contains_key("oneOf") || object.contains_key("anyOf") {
            return self.union_type(pointer, object, name, docs);
        }
        if object.contains_key("enum") || object.contains_key("const") {
            return self.enum_type(pointer, object, name, docs);
        }
        match object.get("type") {
            Some(Value::String(ty)) => match ty.as_str() {
                "string" => self.string_type(pointer, object),
                "integer" => self.integer_type(pointer, object).map(Type::Integer),
                "number" => self.number_type(pointer, object).map(Type::Number),
                "boolean" => {
                    self.only(pointer, object, &["type"], "a boolean schema");
                    Some(Type::Boolean)
                }
                "object" => self.object_type(pointer, object, name, docs),
                "array" => self.array_type(pointer, object, &name, docs),
                "null" => {
                    self.error(
                        &join(pointer, "type"),
                        "a property that is always `null` is not supported",
                        None,
                    );
                    None
                }
                other => {
                    self.error(
                        &join(pointer, "type"),
                        format!("unknown type `{other}`"),
                        None,
                    );
                    None
                }
            },
            Some(Value::Array(_)) => {
                self.error(
                    &join(pointer, "type"),
                    "a list of types is supported only as a nullable property: [\"<type>\", \"null\"]",
                    Some("other unions of types are not supported yet; a nullable array item or definition neither"),
                );
                None
            }
            Some(_) => {
                self.error(&join(pointer, "type"), "`type` must be a string", None);
                None
            }
            None => {
                self.error(
                    pointer,
                    "this schema needs a `type` (or `enum`, `const`, `$ref`)",
                    Some("des-events generates one Rust type per schema; an untyped schema would accept any JSON"),
                );
                None
            }
        }
    }

    fn enum_type(
        &mut self,
        pointer: &str,
        object: &Map<String, Value>,
        name: String,
        docs: Docs,
    ) -> Option<Type> {
        self.only(
            pointer,
            object,
            &["enum", "const", "type"],
            "an enum schema",
        );
        if object.contains_key("enum") && object.contains_key("const") {
            self.error(pointer, "use either `enum` or `const`, not both", None);
            return None;
        }
        let declared = match object.get("type") {
            None => None,
            Some(Value::String(ty)) => Some(ty.clone()),
            Some(_) => {
                self.error(
                    &join(pointer, "type"),
                    "with `enum` or `const`, `type` must be one type name",
                    None,
                );
                return None;
            }
        };
        let (values, values_pointer): (Vec<(String, &Value)>, String) =
            match (object.get("enum"), object.get("const")) {
                (Some(Value::Array(values)), _) => (
                    values
                        .iter()
                        .enumerate()
                        .map(|(index, value)| {
                            (join(&join(pointer, "enum"), &index.to_string()), value)
                        })
                        .collect(),
                    join(pointer, "enum"),
                ),
                (Some(_), _) => {
                    self.error(&join(pointer, "enum"), "`enum` must be an array", None);
                    return None;
                }
                (None, Some(value)) => (
                    vec![(join(pointer, "const"), value)],
                    join(pointer, "const"),
                ),
                (None, None) => return None,
            };
        if values.is_empty() {
            self.error(&values_pointer, "an empty `enum` accepts no value", None);
            return None;
        }
        let json_values = !values.iter().all(|(_, value)| value.is_string());
        let mut variants: Vec<(String, String)> = Vec::new();
        let mut ok = true;
        for (index, (value_pointer, value)) in values.into_iter().enumerate() {
            if let Some(ty) = &declared
                && !json_type_is(value, ty)
            {
                self.error(
                    &value_pointer,
                    format!("this value is not of the declared type `{ty}`, so it can never match"),
                    Some("remove it, or fix `type`"),
                );
                ok = false;
                continue;
            }
            let (wire, variant) = match value {
                Value::String(text) if !json_values => (text.clone(), name::type_name(text)),
                other => (other.to_string(), value_variant(other, index)),
            };
            let wire = &wire;
            if let Some((other, _)) = variants
                .iter()
                .find(|(other_wire, other)| other == &variant || other_wire == wire)
            {
                let message = if other == wire {
                    format!("the value \"{wire}\" is listed twice")
                } else {
                    format!(
                        "the values \"{other}\" and \"{wire}\" both become the Rust variant `{variant}`"
                    )
                };
                self.error(&value_pointer, message, Some("rename one of the values"));
                ok = false;
                continue;
            }
            variants.push((wire.clone(), variant));
        }
        if !ok {
            return None;
        }
        self.register(TypeDef::Enum(EnumDef {
            name: name.clone(),
            docs,
            variants,
            json_values,
            pointer: pointer.to_owned(),
        }))?;
        Some(Type::Named(name))
    }

    /// `oneOf` / `anyOf` below the root: an enum with one variant per alternative.
    fn union_type(
        &mut self,
        pointer: &str,
        object: &Map<String, Value>,
        name: String,
        docs: Docs,
    ) -> Option<Type> {
        let (keyword, exclusive) =
            match (object.contains_key("oneOf"), object.contains_key("anyOf")) {
                (true, true) => {
                    self.error(
                        pointer,
                        "use either `oneOf` or `anyOf` here, not both",
                        Some("nest one inside `allOf`"),
                    );
                    return None;
                }
                (true, false) => ("oneOf", true),
                _ => ("anyOf", false),
            };
        self.only(
            pointer,
            object,
            &[keyword],
            &format!("a schema with `{keyword}`"),
        );
        let list_pointer = join(pointer, keyword);
        let Some(Value::Array(alternatives)) = object.get(keyword) else {
            self.error(
                &list_pointer,
                format!("`{keyword}` must be a non-empty array of schemas"),
                None,
            );
            return None;
        };
        if alternatives.is_empty() {
            self.error(
                &list_pointer,
                format!("`{keyword}` must be a non-empty array of schemas"),
                None,
            );
            return None;
        }
        let mut modelled = Vec::new();
        let mut ok = true;
        for (index, alternative) in alternatives.iter().enumerate() {
            let alternative_pointer = join(&list_pointer, &index.to_string());
            let is_null = alternative.get("type").and_then(Value::as_str) == Some("null")
                && alternative.as_object().is_some_and(|object| {
                    object
                        .keys()
                        .all(|key| key == "type" || ANNOTATIONS.contains(&key.as_str()))
                });
            let ty = if is_null {
                None
            } else {
                match self.value_type(
                    &alternative_pointer,
                    alternative,
                    &format!("{name}Variant{index}"),
                ) {
                    Some(ty) => Some(ty),
                    None => {
                        ok = false;
                        continue;
                    }
                }
            };
            let mut variant = match &ty {
                None => "Null".to_owned(),
                Some(Type::Named(named)) => named.clone(),
                Some(Type::String(_)) => "String".to_owned(),
                Some(Type::Integer(_)) => "Integer".to_owned(),
                Some(Type::Number(_)) => "Number".to_owned(),
                Some(Type::Boolean) => "Boolean".to_owned(),
                Some(Type::Map) => "Object".to_owned(),
                Some(Type::Array(..)) => "Array".to_owned(),
            };
            if modelled
                .iter()
                .any(|other: &Alternative| other.variant == variant)
            {
                variant = format!("{variant}{index}");
            }
            let schema =
                (!alternative.to_string().contains("\"$ref\"")).then(|| alternative.clone());
            modelled.push(Alternative {
                variant,
                ty,
                schema,
            });
        }
        if !ok {
            return None;
        }
        self.register(TypeDef::Union(UnionDef {
            name: name.clone(),
            docs,
            alternatives: modelled,
            exclusive,
            pointer: pointer.to_owned(),
        }))?;
        Some(Type::Named(name))
    }

    fn string_type(&mut self, pointer: &str, object: &Map<String, Value>) -> Option<Type> {
        self.only(
            pointer,
            object,
            &[
                "type",
                "format",
                "minLength",
                "maxLength",
                "pattern",
                "x-des-credential",
                "x-des-echo",
            ],
            "a string schema",
        );
        let mut rules = StringRules::default();
        if let Some(format) = object.get("format") {
            match format.as_str() {
                Some("uuid") => rules.format = Some(Format::Uuid),
                Some("date") => rules.format = Some(Format::Date),
                Some("date-time") => rules.format = Some(Format::DateTime),
                Some("time") => rules.format = Some(Format::Time),
                Some("ipv4") => rules.format = Some(Format::Ipv4),
                Some("ipv6") => rules.format = Some(Format::Ipv6),
                Some("email") => rules.format = Some(Format::Email),
                Some("hostname") => rules.format = Some(Format::Hostname),
                Some("uri") => rules.format = Some(Format::Uri),
                Some("uri-reference") => rules.format = Some(Format::UriReference),
                Some(known) if UNASSERTED_FORMATS.contains(&known) => self.error(
                    &join(pointer, "format"),
                    format!("format `{known}` is not asserted by des-events yet"),
                    Some("asserted formats: uuid, date, date-time, time, ipv4, ipv6, email, hostname, uri, uri-reference; remove the keyword or use `pattern`"),
                ),
                Some(other) => rules.annotation_format = Some(other.to_owned()),
                None => self.error(&join(pointer, "format"), "`format` must be a string", None),
            }
        }
        rules.min_length = self.count(pointer, object, "minLength");
        rules.max_length = self.count(pointer, object, "maxLength");
        if let Some(pattern) = object.get("pattern") {
            match pattern.as_str() {
                Some(source) => match regress::Regex::new(source) {
                    Ok(_) => rules.pattern = Some(source.to_owned()),
                    Err(err) => self.error(
                        &join(pointer, "pattern"),
                        format!("invalid ECMA-262 regular expression: {err}"),
                        Some("JSON Schema patterns use ECMA-262 (JavaScript) syntax, unanchored"),
                    ),
                },
                None => self.error(
                    &join(pointer, "pattern"),
                    "`pattern` must be a string",
                    None,
                ),
            }
        }
        match object.get("x-des-credential") {
            None | Some(Value::Bool(false)) => {}
            Some(Value::Bool(true)) => rules.credential = true,
            Some(_) => self.error(
                &join(pointer, "x-des-credential"),
                "`x-des-credential` must be a boolean",
                None,
            ),
        }
        if rules.credential && rules.format.is_some() {
            self.error(
                pointer,
                "a credential cannot also have an asserted `format`",
                None,
            );
        }
        Some(Type::String(rules))
    }

    fn count(&mut self, pointer: &str, object: &Map<String, Value>, keyword: &str) -> Option<u64> {
        let value = object.get(keyword)?;
        match value.as_u64() {
            Some(count) => Some(count),
            None => {
                self.error(
                    &join(pointer, keyword),
                    format!("`{keyword}` must be a non-negative integer"),
                    None,
                );
                None
            }
        }
    }

    fn number_type(&mut self, pointer: &str, object: &Map<String, Value>) -> Option<NumberRules> {
        self.only(
            pointer,
            object,
            &[
                "type",
                "minimum",
                "maximum",
                "exclusiveMinimum",
                "exclusiveMaximum",
                "multipleOf",
            ],
            "a number schema",
        );
        let multiple_of = match object.get("multipleOf") {
            None => None,
            Some(value) => match value
                .as_f64()
                .filter(|multiple| *multiple > 0.0 && multiple.is_finite())
            {
                Some(multiple) => Some(multiple),
                None => {
                    self.error(
                        &join(pointer, "multipleOf"),
                        "`multipleOf` must be a positive number",
                        None,
                    );
                    return None;
                }
            },
        };
        let mut bound = |keyword: &str| -> Option<f64> {
            let value = object.get(keyword)?;
            match value.as_f64() {
                Some(number) => Some(number),
                None => {
                    self.error(
                        &join(pointer, keyword),
                        format!("`{keyword}` must be a number"),
                        None,
                    );
                    None
                }
            }
        };
        Some(NumberRules {
            minimum: bound("minimum"),
            maximum: bound("maximum"),
            exclusive_minimum: bound("exclusiveMinimum"),
            exclusive_maximum: bound("exclusiveMaximum"),
            multiple_of,
        })
    }

    fn integer_type(&mut self, pointer: &str, object: &Map<String, Value>) -> Option<IntegerRules> {
        self.only(
            pointer,
            object,
            &[
                "type",
                "minimum",
                "maximum",
                "exclusiveMinimum",
                "exclusiveMaximum",
                "multipleOf",
            ],
            "an integer schema",
        );
        let multiple_of = match object.get("multipleOf") {
            None => None,
            Some(value) => {
                match value.as_i64().filter(|m| *m > 0) {
                    Some(multiple) => Some(multiple),
                    None => {
                        self.error(
                        &join(pointer, "multipleOf"),
                        "`multipleOf` of an integer must be a positive integer here",
                        Some("a fractional `multipleOf` cannot be checked exactly by des-events yet"),
                    );
                        return None;
                    }
                }
            }
        };
        let mut ok = true;
        let mut bound = |keyword: &str| -> Option<i64> {
            let value = object.get(keyword)?;
            let exact = value.as_i64().or_else(|| {
                value
                    .as_f64()
                    .filter(|f| f.fract() == 0.0 && *f >= -(2f64.powi(63)) && *f < 2f64.powi(63))
                    .map(|f| f as i64)
            });
            if exact.is_none() {
                ok = false;
                self.error(
                    &join(pointer, keyword),
                    format!("`{keyword}` of an integer must be an integer within the 64-bit range"),
                    Some("des-events maps `integer` to i64 and checks its bounds exactly"),
                );
            }
            exact
        };
        let rules = IntegerRules {
            minimum: bound("minimum"),
            maximum: bound("maximum"),
            exclusive_minimum: bound("exclusiveMinimum"),
            exclusive_maximum: bound("exclusiveMaximum"),
            multiple_of,
        };
        if !ok {
            return None;
        }
        let lower = rules.minimum.is_some() || rules.exclusive_minimum.is_some();
        let upper = rules.maximum.is_some() || rules.exclusive_maximum.is_some();
        if !(lower && upper) {
            self.error(
                pointer,
                "an `integer` needs a lower and an upper bound",
                Some("JSON Schema integers are unbounded but Rust's i64 is not; state the range, e.g. \"minimum\": -9007199254740991, \"maximum\": 9007199254740991 (the integers JavaScript represents exactly)"),
            );
            return None;
        }
        Some(rules)
    }

    fn array_type(
        &mut self,
        pointer: &str,
        object: &Map<String, Value>,
        name: &str,
        docs: Docs,
    ) -> Option<Type> {
        self.only(
            pointer,
            object,
            &[
                "type",
                "items",
                "prefixItems",
                "minItems",
                "maxItems",
                "uniqueItems",
            ],
            "an array schema",
        );
        if object.contains_key("prefixItems") {
            return self.tuple_type(pointer, object, name, docs);
        }
        let unique = match object.get("uniqueItems") {
            None | Some(Value::Bool(false)) => false,
            Some(Value::Bool(true)) => true,
            Some(_) => {
                self.error(
                    &join(pointer, "uniqueItems"),
                    "`uniqueItems` must be a boolean",
                    None,
                );
                false
            }
        };
        let rules = ArrayRules {
            min_items: self.count(pointer, object, "minItems"),
            max_items: self.count(pointer, object, "maxItems"),
            unique,
        };
        let Some(items) = object.get("items") else {
            self.error(
                pointer,
                "an array schema needs `items`",
                Some("des-events generates a `Vec` of the item type"),
            );
            return None;
        };
        let item = self.value_type(&join(pointer, "items"), items, &format!("{name}Item"))?;
        Some(Type::Array(Box::new(item), rules))
    }

    /// `prefixItems` with `items: false` and every position required: a tuple struct.
    fn tuple_type(
        &mut self,
        pointer: &str,
        object: &Map<String, Value>,
        name: &str,
        docs: Docs,
    ) -> Option<Type> {
        let prefix_pointer = join(pointer, "prefixItems");
        let Some(Value::Array(positions)) = object
            .get("prefixItems")
            .filter(|value| value.as_array().is_some_and(|items| !items.is_empty()))
        else {
            self.error(
                &prefix_pointer,
                "`prefixItems` must be a non-empty array of schemas",
                None,
            );
            return None;
        };
        let count = positions.len() as u64;
        let hint = format!(
            "des-events supports fixed-length tuples: add \"items\": false and \"minItems\": {count}"
        );
        if object.get("items") != Some(&Value::Bool(false)) {
            self.error(
                pointer,
                "`prefixItems` is supported with `\"items\": false` only",
                Some(&hint),
            );
            return None;
        }
        let min = self.count(pointer, object, "minItems").unwrap_or(0);
        if min < count {
            self.error(
                pointer,
                format!(
                    "`prefixItems` needs `minItems` of at least {count} (every position present)"
                ),
                Some(&hint),
            );
            return None;
        }
        if min > count
            || self
                .count(pointer, object, "maxItems")
                .is_some_and(|max| max < count)
        {
            self.error(
                pointer,
                "these `minItems`/`maxItems` leave no valid array",
                None,
            );
            return None;
        }
        if object.get("uniqueItems") == Some(&Value::Bool(true)) {
            self.error(
                &join(pointer, "uniqueItems"),
                "`uniqueItems` on a tuple is not supported",
                None,
            );
            return None;
        }
        let mut items = Vec::new();
        let mut item_schemas = Vec::new();
        for (index, position) in positions.iter().enumerate() {
            let ty = self.value_type(
                &join(&prefix_pointer, &index.to_string()),
                position,
                &format!("{name}Item{index}"),
            )?;
            items.push(ty);
            item_schemas
                .push((!position.to_string().contains("\"$ref\"")).then(|| position.clone()));
        }
        self.register(TypeDef::Tuple(TupleDef {
            name: name.to_owned(),
            docs,
            items,
            item_schemas,
            pointer: pointer.to_owned(),
        }))?;
        Some(Type::Named(name.to_owned()))
    }

    fn object_type(
        &mut self,
        pointer: &str,
        object: &Map<String, Value>,
        name: String,
        docs: Docs,
    ) -> Option<Type> {
        self.only(
            pointer,
            object,
            &[
                "type",
                "properties",
                "required",
                "additionalProperties",
                "minProperties",
                "maxProperties",
            ],
            "an object schema",
        );
        let min_properties = self.count(pointer, object, "minProperties");
        let max_properties = self.count(pointer, object, "maxProperties");
        let (additional, additional_type) = match object.get("additionalProperties") {
            None | Some(Value::Bool(true)) => (Additional::Open, None),
            Some(Value::Bool(false)) => (Additional::Closed, None),
            Some(schema) => {
                let ty = self.value_type(
                    &join(pointer, "additionalProperties"),
                    schema,
                    &format!("{name}Value"),
                )?;
                (Additional::Open, Some(ty))
            }
        };
        let properties_pointer = join(pointer, "properties");
        let empty = Map::new();
        let properties = match object.get("properties") {
            None => &empty,
            Some(Value::Object(properties)) => properties,
            Some(_) => {
                self.error(&properties_pointer, "`properties` must be an object", None);
                return None;
            }
        };
        let required = self.required(pointer, object);
        for (key, index) in &required {
            if !properties.contains_key(key) {
                self.error(
                    &join(&join(pointer, "required"), &index.to_string()),
                    format!("`{key}` is required but not in `properties`"),
                    Some("des-events needs a schema for every required property"),
                );
            }
        }
        if properties.is_empty()
            && additional == Additional::Open
            && additional_type.is_none()
            && min_properties.is_none()
            && max_properties.is_none()
        {
            return Some(Type::Map);
        }
        // Reserve the name before the fields so that nested names stay in schema order.
        let mut fields = Vec::new();
        let mut ok = true;
        for (key, schema) in properties {
            let field_pointer = join(&properties_pointer, key);
            let suggested = format!("{name}{}", name::type_name(key));
            let property = property(schema);
            let Some(ty) = self.value_type(&field_pointer, &property.schema, &suggested) else {
                ok = false;
                continue;
            };
            // A named type that is not registered yet is being defined up the stack: a
            // recursive reference, which needs a `Box`.
            let boxed = matches!(&ty, Type::Named(name) if !self.type_names.contains_key(name));
            let default = match property.default {
                Some(value) if default_fits(&ty, &value, self) => Some(value),
                Some(_) => {
                    self.error(
                        &join(&field_pointer, "default"),
                        "this `default` is not a value of the property's type",
                        Some("des-events turns `default` into an accessor returning the property's Rust type"),
                    );
                    None
                }
                None => None,
            };
            let credential = matches!(&ty, Type::String(rules) if rules.credential);
            let echo = match schema.get("x-des-echo") {
                None | Some(Value::Bool(false)) => false,
                Some(Value::Bool(true)) => true,
                Some(_) => {
                    self.error(
                        &join(&field_pointer, "x-des-echo"),
                        "`x-des-echo` must be a boolean",
                        None,
                    );
                    false
                }
            };
            let field_docs = match schema.as_object() {
                Some(object) if !object.contains_key("$ref") => Docs {
                    title: object
                        .get("title")
                        .and_then(Value::as_str)
                        .map(str::to_owned),
                    description: with_examples(
                        object.get("description").and_then(Value::as_str),
                        object.get("examples"),
                    ),
                },
                _ => Docs::default(),
            };
            fields.push(Field {
                wire_name: key.clone(),
                rust_name: name::field_name(key),
                docs: field_docs,
                ty,
                required: required.contains_key(key),
                credential,
                echo,
                nullable: property.nullable,
                deprecated: flag(schema, "deprecated"),
                read_only: flag(schema, "readOnly"),
                write_only: flag(schema, "writeOnly"),
                default,
                boxed,
                pointer: field_pointer,
            });
        }
        if !ok {
            return None;
        }
        self.register(TypeDef::Struct(StructDef {
            name: name.clone(),
            docs,
            fields,
            additional,
            additional_type,
            min_properties,
            max_properties,
            pointer: pointer.to_owned(),
        }))?;
        Some(Type::Named(name))
    }

    /// Adds a named type; a second, different type with the same name is an error.
    fn register(&mut self, def: TypeDef) -> Option<()> {
        let existing = self
            .type_names
            .get(def.name())
            .and_then(|position| self.types.get(*position));
        if let Some(existing) = existing {
            let (name, first) = (existing.name().to_owned(), existing.pointer().to_owned());
            self.error(
                def.pointer(),
                format!("the type name `{name}` is already used by the schema at {first}"),
                Some("give one of them a distinct `title`, or share one definition through `$defs` and `$ref`"),
            );
            return None;
        }
        self.type_names
            .insert(def.name().to_owned(), self.types.len());
        self.types.push(def);
        Some(())
    }
}

/// A property schema, less what the field itself records.
struct Property {
    schema: Value,
    nullable: bool,
    default: Option<Value>,
}

/// What a property schema says beyond its type: `type: [T, "null"]` and `default`.
/// Returns the schema to model without those.
fn property(schema: &Value) -> Property {
    let mut schema = schema.clone();
    let mut nullable = false;
    let mut default = None;
    if let Value::Object(object) = &mut schema {
        if let Some(Value::Array(types)) = object.get("type") {
            let names: Vec<&str> = types.iter().filter_map(Value::as_str).collect();
            let others: Vec<&str> = names
                .iter()
                .copied()
                .filter(|name| *name != "null")
                .collect();
            if names.len() == types.len() && names.len() == 2 && others.len() == 1 {
                let single = Value::String(others[0].to_owned());
                object.insert("type".to_owned(), single);
                nullable = true;
            }
        }
        default = object.remove("default");
    }
    Property {
        schema,
        nullable,
        default,
    }
}

/// The pointer of the subschema with `"$anchor": name`, searched depth first.
fn anchor(value: &Value, name: &str, pointer: &str) -> Option<String> {
    match value {
        Value::Object(object) => {
            if object.get("$anchor").and_then(Value::as_str) == Some(name) {
                return Some(pointer.to_owned());
            }
            object
                .iter()
                .find_map(|(key, child)| anchor(child, name, &join(pointer, key)))
        }
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(index, child)| anchor(child, name, &join(pointer, &index.to_string()))),
        _ => None,
    }
}

/// Whether a JSON value is of JSON Schema type `ty` (`1.0` is an integer).
fn json_type_is(value: &Value, ty: &str) -> bool {
    match (ty, value) {
        ("string", Value::String(_)) | ("boolean", Value::Bool(_)) | ("null", Value::Null) => true,
        ("object", Value::Object(_))
        | ("array", Value::Array(_))
        | ("number", Value::Number(_)) => true,
        ("integer", Value::Number(number)) => {
            number.is_i64() || number.is_u64() || number.as_f64().is_some_and(|f| f.fract() == 0.0)
        }
        _ => false,
    }
}

/// The Rust variant for a non-string value of a JSON-value enum: `Null`, `True`,
/// `False`, `N1`, `NMinus2Dot5`, a string's UpperCamelCase, `Value3` for containers.
fn value_variant(value: &Value, index: usize) -> String {
    match value {
        Value::Null => "Null".to_owned(),
        Value::Bool(true) => "True".to_owned(),
        Value::Bool(false) => "False".to_owned(),
        Value::Number(number) => {
            let text = number
                .to_string()
                .replace('-', "Minus")
                .replace('.', "Dot")
                .replace('+', "Plus");
            format!("N{text}")
        }
        Value::String(text) => name::type_name(text),
        Value::Array(_) | Value::Object(_) => format!("Value{index}"),
    }
}

/// `keyword: true` on a schema object.
fn flag(schema: &Value, keyword: &str) -> bool {
    schema.get(keyword) == Some(&Value::Bool(true))
}

/// Whether `value` can be returned as the Rust value of `ty` (plain strings, integers in
/// range, numbers, booleans, and values of string enums).
fn default_fits(ty: &Type, value: &Value, modeler: &Modeler<'_>) -> bool {
    match (ty, value) {
        (Type::String(rules), Value::String(_)) => rules.format.is_none() && !rules.credential,
        (Type::Integer(rules), Value::Number(number)) => {
            let (low, high) = rules.range();
            number
                .as_i64()
                .is_some_and(|n| (low..=high).contains(&i128::from(n)))
        }
        (Type::Number(_), Value::Number(_)) | (Type::Boolean, Value::Bool(_)) => true,
        (Type::Named(name), Value::String(text)) => {
            let position = modeler.type_names.get(name).copied();
            matches!(
                position.and_then(|position| modeler.types.get(position)),
                Some(TypeDef::Enum(def)) if def.variants.iter().any(|(wire, _)| wire == text)
            )
        }
        _ => false,
    }
}

/// A property's description followed by its `examples`, if any.
fn with_examples(description: Option<&str>, examples: Option<&Value>) -> Option<String> {
    let examples: Vec<String> = match examples {
        Some(Value::Array(items)) if !items.is_empty() => {
            items.iter().map(|item| format!("`{item}`")).collect()
        }
        _ => return description.map(str::to_owned),
    };
    let line = format!("Examples: {}.", examples.join(", "));
    Some(match description {
        Some(description) => format!("{description}\n\n{line}"),
        None => line,
    })
}

/// Decodes `%XX` escapes of a URI fragment (JSON pointers in `$ref` are URI-encoded).
fn percent_decode(fragment: &str) -> String {
    let bytes = fragment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%'
            && let Some(decoded) = fragment
                .get(index + 1..index + 3)
                .and_then(|hex| u8::from_str_radix(hex, 16).ok())
        {
            out.push(decoded);
            index += 3;
            continue;
        }
        out.push(bytes[index]);
        index += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
