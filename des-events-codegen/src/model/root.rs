//! Roots that are not an event union: one type for the root schema, or one per
//! definition of a document that holds only `$defs` (or draft-07's `definitions`).

use super::*;

/// Keys of a root that holds definitions only (plus annotations).
const DEFINITIONS_ONLY: &[&str] = &[
    "$schema",
    "$id",
    "$defs",
    "definitions",
    "$comment",
    "title",
    "description",
];

impl Modeler<'_> {
    /// Whether the root is an event union: a `oneOf` whose every alternative is an
    /// envelope object with a constant `event` (directly or through a local `$ref`).
    pub(super) fn is_event_union(&self, root: &Value) -> bool {
        let Some(Value::Array(alternatives)) = root.get("oneOf") else {
            return false;
        };
        !alternatives.is_empty()
            && alternatives.iter().all(|alternative| {
                let target = match alternative.get("$ref").and_then(Value::as_str) {
                    Some(reference) => reference
                        .strip_prefix('#')
                        .and_then(|pointer| self.doc.get(&super::refs::percent_decode(pointer))),
                    None => Some(alternative),
                };
                target
                    .and_then(|target| target.get("properties"))
                    .and_then(|properties| properties.get("event"))
                    .is_some_and(|event| event.get("const").is_some_and(Value::is_string))
            })
    }

    /// The name of the root type: its `title`, else the file's stem in UpperCamelCase.
    pub(super) fn root_name(&self) -> String {
        if let Some(title) = self.doc.value.get("title").and_then(Value::as_str) {
            return name::type_name(title);
        }
        let stem = std::path::Path::new(&self.doc.file)
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        let stem = stem.split('.').next().unwrap_or_default();
        let name = name::type_name(stem);
        if name.is_empty() {
            "Document".to_owned()
        } else {
            name
        }
    }

    /// Models a definition that nothing modelled so far refers to (it is generated
    /// too, as part of the file). A `$ref` in it that resolves to nothing can hurt no
    /// document: it is a warning, and the definition is left out; any other problem
    /// stands.
    pub(super) fn unused_definition(&mut self, pointer: &str) {
        if self.refs.contains_key(pointer) {
            return;
        }
        let mark = self.diags.len();
        let registered = self.types.len();
        let failed = self.failed.len();
        self.resolve(pointer, pointer);
        // Only references to nothing (each such problem is recorded in `dangling`).
        if self.diags.len() == mark
            || !self.diags[mark..]
                .iter()
                .all(|diag| self.dangling.contains(diag))
        {
            return;
        }
        let found: Vec<Diagnostic> = self.diags.drain(mark..).collect();
        for diag in found {
            let message = format!(
                "{} (in the definition {pointer}, which nothing uses: it is left out)",
                diag.message
            );
            if let Some(at) = diag.pointer.as_deref() {
                let at = at.to_owned();
                self.warn(&at, message, diag.hint.as_deref());
            }
        }
        // Its types, and what it left in the memory of failed targets, go with it.
        self.failed.truncate(failed);
        if self.types.len() > registered {
            let dropped: Vec<String> = self.types[registered..]
                .iter()
                .map(|def| def.name().to_owned())
                .collect();
            self.types.truncate(registered);
            self.refs
                .retain(|_, ty| !matches!(ty, Type::Named(name) if dropped.contains(name)));
            for name in dropped {
                self.type_names.remove(&name);
            }
        }
    }

    /// Models a root that is not an event union.
    pub(super) fn single_root(&mut self) -> Option<Schema> {
        let doc = self.doc;
        let value = &doc.value;
        let root_name = self.root_name();
        let mut roots = Vec::new();
        let defs_only = value.as_object().is_some_and(|object| {
            (object.contains_key("$defs") || object.contains_key("definitions"))
                && object
                    .keys()
                    .all(|key| DEFINITIONS_ONLY.contains(&key.as_str()))
        });
        if defs_only {
            for keyword in ["$defs", "definitions"] {
                let Some(defs) = value.get(keyword) else {
                    continue;
                };
                let Some(defs) = defs.as_object() else {
                    self.error(
                        &join("", keyword),
                        format!("`{keyword}` must be an object"),
                        None,
                    );
                    continue;
                };
                for (key, def) in defs {
                    let pointer = join(&join("", keyword), key);
                    let name = def
                        .get("title")
                        .and_then(Value::as_str)
                        .map_or_else(|| name::type_name(key), name::type_name);
                    let ty = self.resolve(&pointer, &pointer);
                    if let Some(root) = self.root_type(&pointer, def, &name, ty) {
                        roots.push(root);
                    }
                }
            }
        } else {
            let mark = self.diags.len();
            // Through `resolve`, so that a `$ref` to `#` is a cycle like any other.
            let ty = self.resolve("", "");
            if self.diags.len() == mark
                && let Some(root) = self.root_type("", value, &root_name, ty)
            {
                roots.push(root);
            }
            // Every definition is modelled, used or not, so that its problems are
            // reported (a definition never referenced is still part of the file).
            for keyword in ["$defs", "definitions"] {
                if let Some(Value::Object(defs)) = value.get(keyword) {
                    for key in defs.keys() {
                        let pointer = join(&join("", keyword), key);
                        self.unused_definition(&pointer);
                    }
                }
            }
        }
        let description = value
            .get("description")
            .and_then(Value::as_str)
            .map(str::to_owned);
        let mut schema = Schema::new(
            doc.file.clone(),
            root_name,
            description,
            Vec::new(),
            std::mem::take(&mut self.types),
        );
        schema.roots = roots;
        Some(schema)
    }

    /// A root that only the validator reads (a custom metaschema): one validated value.
    pub(super) fn validated_root(&mut self) -> Option<Schema> {
        let doc = self.doc;
        let root_name = self.root_name();
        let mark = self.diags.len();
        let ty = self.json_type("", &doc.value, &root_name, mark);
        let root = self.root_type("", &doc.value, &root_name, ty);
        let mut schema = Schema::new(
            doc.file.clone(),
            root_name,
            None,
            Vec::new(),
            std::mem::take(&mut self.types),
        );
        schema.roots = root.into_iter().collect();
        Some(schema)
    }

    /// The root entry of the schema at `pointer` whose type is `ty`: a named type as it
    /// is, any other type as a validated JSON value named `name` (a document of it needs
    /// a type of its own, with `from_json`).
    fn root_type(
        &mut self,
        pointer: &str,
        schema: &Value,
        name: &str,
        ty: Option<Type>,
    ) -> Option<Root> {
        let name = match ty? {
            Type::Named(named) => named,
            // A string, an integer, an array, any value...: a newtype, so that a whole
            // document has a type of its own (with the same checks).
            ty => self.newtype(pointer, schema, name, ty)?,
        };
        let examples = match schema.get("examples") {
            Some(Value::Array(examples)) => examples.clone(),
            _ => Vec::new(),
        };
        // `{"title": "Rule", "$ref": "#/$defs/logic"}`: the type is the target's
        // (`Logic`), and `Rule` names it too.
        let alias = schema
            .get("title")
            .and_then(Value::as_str)
            .filter(|_| schema.get("$ref").is_some())
            .map(name::type_name)
            .filter(|wanted| *wanted != name)
            .and_then(|wanted| {
                let place = format!("{pointer}|alias");
                let given = self.type_name_for(&place, None, &wanted);
                (given == wanted).then(|| {
                    self.claim(&place, &wanted);
                    wanted
                })
            });
        Some(Root {
            name,
            alias,
            examples,
            pointer: pointer.to_owned(),
        })
    }

    /// A named newtype around `ty`, the type of the schema at `pointer` that has no
    /// name of its own (a string, an integer, an array...), so that a whole document or
    /// an event's message has a type of its own, with the same checks.
    pub(super) fn newtype(
        &mut self,
        pointer: &str,
        schema: &Value,
        name: &str,
        ty: Type,
    ) -> Option<String> {
        let docs = Docs::of(schema);
        let standalone = (!mentions_ref(schema)).then(|| {
            let mut schema = schema.clone();
            if let Value::Object(object) = &mut schema {
                for key in ["$schema", "$id", "$defs", "definitions", "examples"] {
                    object.remove(key);
                }
            }
            schema
        });
        let name = self.type_name_for(pointer, None, name);
        self.register(TypeDef::Newtype(NewtypeDef {
            name: name.clone(),
            docs,
            ty,
            schema: standalone,
            // A schema whose keywords need the validator got its checked newtype from
            // `checked_value_type` (a named type, not this path).
            check: None,
            checked: Vec::new(),
            pointer: pointer.to_owned(),
        }))?;
        Some(name)
    }
}
