//! References: `#/...` pointers, `$anchor`s, other files of the same folder, and the
//! once-only, cycle-aware modelling of their targets.

use super::*;

impl Modeler<'_> {
    /// Document `index` (0 is the root).
    pub(super) fn document(&self, index: usize) -> &Document {
        match index
            .checked_sub(1)
            .and_then(|other| self.others.get(other))
        {
            Some(doc) => doc,
            None => self.doc,
        }
    }

    /// The schema at a model pointer (possibly in another file).
    pub(super) fn value_at(&self, pointer: &str) -> Option<Value> {
        let (index, plain) = locate(pointer);
        self.document(index).get(plain).cloned()
    }
}

impl<'d> Modeler<'d> {
    /// The schema at a model pointer, as [`Self::value_at`], without a copy when it is in
    /// the root document (which outlives the modeler): a large definition that many
    /// `$ref`s name is not copied for each of them.
    pub(super) fn schema_at(&self, pointer: &str) -> Option<std::borrow::Cow<'d, Value>> {
        let (index, plain) = locate(pointer);
        match index
            .checked_sub(1)
            .and_then(|other| self.others.get(other))
        {
            Some(doc) => doc.get(plain).cloned().map(std::borrow::Cow::Owned),
            None => {
                let root: &'d Document = self.doc;
                root.get(plain).map(std::borrow::Cow::Borrowed)
            }
        }
    }
}

impl Modeler<'_> {
    /// Reads the file a `$ref` names, relative to the file holding the `$ref`, once.
    pub(super) fn load_other(&mut self, ref_pointer: &str, relative: &str) -> Option<usize> {
        // A draft's metaschema (OpenAPI 2.0 refers to draft-04's for its schema
        // keywords): built in, never fetched.
        if relative.contains("://")
            && let Some((uri, text)) = des_events_core::validate::metaschema(relative)
        {
            if let Some(position) = self.others.iter().position(|doc| doc.file == uri) {
                return Some(position + 1);
            }
            if let Ok(doc) = Document::parse(uri, text.to_owned()) {
                self.others.push(doc);
                return Some(self.others.len());
            }
        }
        if relative.contains("://") || relative.starts_with('/') || relative.starts_with('\\') {
            self.error(
                ref_pointer,
                format!("cannot resolve `$ref` \"{relative}\""),
                Some("nothing is fetched: a URI resolves to a loaded file whose `$id` it is, a `.json` file next to the schema with that `$id`, or a folder mapped to its prefix (`map(\"<prefix>\" = \"<folder>\")`)"),
            );
            self.dangling.extend(self.diags.last().cloned());
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

    pub(super) fn ref_target(
        &mut self,
        pointer: &str,
        object: &Map<String, Value>,
    ) -> Option<String> {
        let ref_pointer = join(pointer, "$ref");
        let Some(Value::String(reference)) = object.get("$ref") else {
            self.error(&ref_pointer, "`$ref` must be a string", None);
            return None;
        };
        let (file_part, fragment) = reference
            .split_once('#')
            .unwrap_or((reference.as_str(), ""));
        // Inside an embedded resource (a subschema with its own `$id`), a reference is
        // relative to that resource: `#/...` points into it, and another URI is resolved
        // against its `$id`, which only the validator follows.
        let resource = self.resource_root(pointer);
        if resource.is_some() && !file_part.is_empty() {
            self.error(
                &ref_pointer,
                format!("`$ref` \"{reference}\" is relative to an embedded `$id`"),
                Some("the validator resolves it; the typed model follows `#` pointers only"),
            );
            return None;
        }
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
        if let Some(resource) = &resource
            && (target.is_empty() || target.starts_with('/'))
        {
            target = format!("{}{target}", locate(resource).1);
        }
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
            self.dangling.extend(self.diags.last().cloned());
            return None;
        }
        Some(format!("{prefix}{target}"))
    }

    /// The model pointer of the nearest schema at or above `pointer` (below its
    /// document's root) that carries an `$id` (`id` in draft-04): an embedded resource.
    pub(super) fn resource_root(&self, pointer: &str) -> Option<String> {
        let (index, plain) = locate(pointer);
        let doc = self.document(index);
        let id_keyword = if self.draft == Draft::Draft4 {
            "id"
        } else {
            "$id"
        };
        // Which prefixes are schemas: the members of a keyword that maps names to
        // schemas (`properties`, `$defs`...) or lists them are, the map or list is not
        // (its `$id` key would be a property's name).
        let maps = [
            "properties",
            "patternProperties",
            "$defs",
            "definitions",
            "dependentSchemas",
            "dependencies",
            "allOf",
            "anyOf",
            "oneOf",
            "prefixItems",
        ];
        let mut schemas = Vec::new();
        let mut at = String::new();
        let mut in_schema = true;
        for segment in plain.split('/').skip(1) {
            at.push('/');
            at.push_str(segment);
            let decoded = segment.replace("~1", "/").replace("~0", "~");
            in_schema = !(in_schema && maps.contains(&decoded.as_str()));
            if in_schema {
                schemas.push(at.clone());
            }
        }
        schemas.into_iter().rev().find_map(|at| {
            doc.get(&at)
                .and_then(|value| value.get(id_keyword))
                .is_some_and(Value::is_string)
                .then(|| {
                    if index == 0 {
                        at
                    } else {
                        format!("@{index}{at}")
                    }
                })
        })
    }

    /// Models the schema at `pointer` once (a `$ref` target) and returns its type.
    /// `from` is the `$ref` being followed (or the definition itself), for diagnostics.
    pub(super) fn resolve(&mut self, target: &str, from: &str) -> Option<Type> {
        if let Some(ty) = self.refs.get(target) {
            return Some(ty.clone());
        }
        if self.failed.iter().any(|pointer| pointer == target) {
            return None;
        }
        let value = self.schema_at(target)?;
        let value = value.as_ref();
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
        if self.in_progress.iter().any(|pointer| pointer == target)
            || self.modelling.iter().any(|pointer| pointer == target)
        {
            // The reference means the whole schema, not the part of it (one JSON type's,
            // see `split`) being modelled now.
            let part = self.part.take();
            let ty = self.cycle(target, value, suggested, from);
            self.part = part;
            return ty;
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

    /// A `$ref` to `target`, which is being modelled: the name it is getting, if it
    /// becomes a named type whose name is known before its parts are modelled.
    fn cycle(
        &mut self,
        target: &str,
        value: &Value,
        suggested: String,
        from: &str,
    ) -> Option<Type> {
        {
            // A cycle: fine through an object, whose name is known before its fields are
            // (the field that closes the cycle becomes a `Box`).
            let is_object = value.get("type").and_then(Value::as_str) == Some("object")
                && value.get("properties").is_some_and(Value::is_object)
                && !value
                    .as_object()
                    .is_some_and(|object| object.contains_key("$ref"));
            if is_object {
                let title = value.get("title").and_then(Value::as_str);
                return Some(Type::Named(self.type_name_for(target, title, &suggested)));
            }
            // Through a union (`oneOf`/`anyOf`, or several types): its name is claimed
            // before its alternatives are modelled, and it stays a named type (a
            // validated value of that name if the union fails), so the reference closes
            // the cycle; a variant that holds it directly is boxed.
            let is_union = value.as_object().is_some_and(|object| {
                let has = |key: &str| object.contains_key(key);
                let plain = !has("$ref") && !has("allOf") && !has("enum") && !has("const");
                let union = (has("oneOf") || has("anyOf")) && !has("properties");
                // Split by JSON type (see `split`): a list of types, or no `type` and
                // keywords about some types.
                let split = object.get("type").is_some_and(Value::is_array)
                    || (!has("type") && !super::split::implied_types(object).is_empty());
                plain && (union || split)
            });
            if is_union && let Some(name) = self.claimed_name(target) {
                return Some(Type::Named(name));
            }
            self.error(
                from,
                format!("this `$ref` makes {target} recursive without an object in the cycle"),
                Some("a recursive schema needs an object with `properties` in the cycle, which becomes a Rust struct"),
            );
            self.failed.push(target.to_owned());
            None
        }
    }
}

/// The pointer of the subschema with `"$anchor": name`, searched depth first.
pub(super) fn anchor(value: &Value, name: &str, pointer: &str) -> Option<String> {
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

/// Decodes `%XX` escapes of a URI fragment (JSON pointers in `$ref` are URI-encoded).
pub(super) fn percent_decode(fragment: &str) -> String {
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
