//! Value schemas: the Rust type of each keyword combination (strings, numbers,
//! integers, arrays, tuples, objects, enums, unions) and the named types they register.

use std::borrow::Cow;

use super::*;

impl Modeler<'_> {
    pub(super) fn required(
        &mut self,
        pointer: &str,
        object: &Map<String, Value>,
    ) -> BTreeMap<String, usize> {
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

    pub(super) fn expect_type(
        &mut self,
        pointer: &str,
        object: &Map<String, Value>,
        expected: &str,
    ) {
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

    /// The type of a property (or definition) schema; `suggested` names it if it is named.
    ///
    /// The typed model first; a schema it cannot express becomes a validated JSON value
    /// (see `json`), unless the validator refuses it too.
    pub(super) fn value_type(
        &mut self,
        pointer: &str,
        schema: &Value,
        suggested: &str,
    ) -> Option<Type> {
        if json::accepts_anything(schema) {
            return Some(Type::Any);
        }
        // A `$ref` back to a schema being modelled is a cycle, however it was reached.
        self.modelling.push(pointer.to_owned());
        let ty = self.value_type_at(pointer, schema, suggested);
        self.modelling.pop();
        ty
    }

    /// `value_type` while the schema at `pointer` is on the modelling stack.
    fn value_type_at(&mut self, pointer: &str, schema: &Value, suggested: &str) -> Option<Type> {
        let mark = self.diags.len();
        let hard = self.hard_errors;
        let registered = self.types.len();
        let failed = self.failed.len();
        let typed = if self.draft_differs(schema) {
            self.error(
                pointer,
                format!(
                    "this schema's keywords mean something else in {}",
                    self.draft_name()
                ),
                None,
            );
            None
        } else {
            self.typed_value_type(pointer, schema, suggested)
        };
        if self.diags.len() == mark
            && let Some(ty) = typed
        {
            return Some(ty);
        }
        if self.diags.len() == mark || self.hard_errors > hard {
            // Failed without a word (a `$ref` target already reported), or on a problem
            // of the generated API that a validated value would not solve.
            return None;
        }
        // The typed attempt's problems go: so does the memory of the `$ref` targets that
        // failed in it (a later reference models them again, and says why if it fails).
        self.failed.truncate(failed);
        // The typed attempt may have registered the schema's own type before finding
        // what it cannot express: that name now goes to the validated value.
        let name = self.type_name_for(
            pointer,
            schema.get("title").and_then(Value::as_str),
            suggested,
        );
        if let Some(position) = self.type_names.get(&name).copied()
            && position >= registered
            && self
                .types
                .get(position)
                .is_some_and(|def| def.pointer() == pointer)
        {
            self.types.remove(position);
            self.type_names.remove(&name);
            for index in self.type_names.values_mut() {
                if *index > position {
                    *index -= 1;
                }
            }
        }
        self.json_type(pointer, schema, suggested, mark)
    }

    /// The typed model of a schema (`value_type` without the fallback).
    fn typed_value_type(&mut self, pointer: &str, schema: &Value, suggested: &str) -> Option<Type> {
        let object = self.object(pointer, schema, "a schema")?;
        // Before 2019-09, a `$ref` is the whole schema: its siblings are ignored.
        if object.contains_key("$ref")
            && matches!(self.draft, Draft::Draft4 | Draft::Draft6 | Draft::Draft7)
        {
            let target = self.ref_target(pointer, object)?;
            return self.resolve(&target, &join(pointer, "$ref"));
        }
        if object.contains_key("allOf") {
            return self.merged_all_of(pointer, object, suggested);
        }
        if object.contains_key("$ref") {
            let target = self.ref_target(pointer, object)?;
            // Since 2019-09 the siblings of a `$ref` apply too: those that say what the
            // target says already change nothing; any other makes it an `allOf` of the
            // target and the siblings, merged like one.
            let referenced = self.schema_at(&target);
            let adds = object.iter().any(|(key, value)| {
                key != "$ref"
                    && keyword::asserts(key)
                    && referenced.as_deref().and_then(|target| target.get(key)) != Some(value)
            });
            if !adds {
                return self.resolve(&target, &join(pointer, "$ref"));
            }
            let mut with_branch = object.clone();
            with_branch.insert(
                "allOf".to_owned(),
                Value::Array(vec![Value::Object(Map::new())]),
            );
            return self.merged_all_of(pointer, &with_branch, suggested);
        }
        let docs = self.docs(pointer, object);
        let name = self.type_name_for(pointer, docs.title.as_deref(), suggested);
        // The name is this schema's before its subschemas are modelled (one of them
        // may want the same name); given back if no named type comes of it.
        self.claim(pointer, &name);
        let ty = self.typed_shape(pointer, object, name.clone(), docs);
        if let Some(ty) = &ty
            && *ty != Type::Named(name.clone())
        {
            self.unclaim(pointer, &name);
        }
        ty
    }

    /// A schema with `allOf` (and maybe a `$ref`, one more branch): the branches merged
    /// into one schema, modelled like any other.
    fn merged_all_of(
        &mut self,
        pointer: &str,
        object: &Map<String, Value>,
        suggested: &str,
    ) -> Option<Type> {
        // A `$ref` back into the schema being merged would merge forever: bound it.
        if self.all_of_depth > 32 {
            self.error(
                &join(pointer, "allOf"),
                "`allOf` refers back to a schema it is part of",
                Some("a recursive `$ref` through `allOf` is not supported; refer to the recursive type directly"),
            );
            return None;
        }
        let merged = self.merge_all_of(pointer, object, 0)?;
        self.all_of_depth += 1;
        let ty = self.value_type(pointer, &Value::Object(merged), suggested);
        self.all_of_depth -= 1;
        ty
    }

    /// `typed_value_type` once the schema's own name is claimed.
    fn typed_shape(
        &mut self,
        pointer: &str,
        object: &Map<String, Value>,
        name: String,
        docs: Docs,
    ) -> Option<Type> {
        let unions = object.contains_key("oneOf") || object.contains_key("anyOf");
        // `{"type": T, "oneOf": [...]}` whose alternatives all say `"type": T` too: a
        // union of them (the outer `type` says nothing more).
        let same_type = if unions {
            self.union_of_one_type(object)
        } else {
            None
        };
        // Otherwise, next to `properties` or a single `type`, `oneOf`/`anyOf` narrow
        // which values are valid ("one of these keys is required", "one of these
        // patterns"): the struct, string, number or array stays typed and the validator
        // checks the whole value, as for `not`.
        let narrows = unions
            && same_type.is_none()
            && (object.contains_key("properties")
                || object.get("type").and_then(Value::as_str).is_some());
        if unions && !narrows {
            return match same_type {
                Some(without_type) => self.union_type(pointer, &without_type, name, docs),
                None => self.union_type(pointer, object, name, docs),
            };
        }
        if object.contains_key("enum") || object.contains_key("const") {
            return self.enum_type(pointer, object, name, docs);
        }
        // `not`, `if`... on a string, number, boolean or array: typed, and checked whole.
        let checked = self.checked_keywords(object);
        if !checked.is_empty() {
            return self.checked_value_type(pointer, object, &checked, name, docs);
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
                if let Some(split) = self.split_by_type(pointer, object, &name, &docs) {
                    return split;
                }
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
                if let Some(split) = self.split_by_type(pointer, object, &name, &docs) {
                    return split;
                }
                self.error(
                    pointer,
                    "this schema needs a `type` (or `enum`, `const`, `$ref`)",
                    Some("des-events generates one Rust type per schema; an untyped schema would accept any JSON"),
                );
                None
            }
        }
    }

    pub(super) fn array_type(
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
                    des_events_core::Keyword::UniqueItems.must_be("a boolean"),
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
        // Without `items`, any item is valid: a `Vec` of JSON values.
        let item = match object.get("items") {
            // (`uniqueItems` compares Rust values: `1` and `1.0` differ as JSON values
            // but are equal in JSON Schema, so that one stays with the validator.)
            None => Type::Any,
            Some(items) => {
                self.value_type(&join(pointer, "items"), items, &format!("{name}Item"))?
            }
        };
        if unique && matches!(item, Type::Any | Type::Map) {
            self.error(
                pointer,
                "`uniqueItems` on items of any JSON type",
                Some("des-events compares typed items; give `items` a type"),
            );
            return None;
        }
        Some(Type::Array(Box::new(item), rules))
    }

    /// `prefixItems` with `items: false` and every position required: a tuple struct.
    pub(super) fn tuple_type(
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
            item_schemas.push((!mentions_ref(position)).then(|| position.clone()));
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

    pub(super) fn object_type(
        &mut self,
        pointer: &str,
        object: &Map<String, Value>,
        name: String,
        docs: Docs,
    ) -> Option<Type> {
        // Keywords that shape no Rust type but only narrow which objects are valid: the
        // struct stays typed, and the validator checks the whole object first.
        // `patternProperties` shapes typed maps (see `patterns`): the validator checks
        // the object only when some key may fall under two schemas.
        let patterns = self.patterns(pointer, object)?;
        let others: Vec<&str> = CHECKED_ON_OBJECTS
            .iter()
            .copied()
            .filter(|key| *key != "patternProperties" && object.contains_key(*key))
            .collect();
        let validated = !others.is_empty() || patterns.overlapping;
        let mut allowed = vec![
            "type",
            "properties",
            "required",
            "additionalProperties",
            "minProperties",
            "maxProperties",
        ];
        // A struct read without its schema's whole object (`no_checks`) can route keys
        // by pattern, but cannot have the validator check it.
        if !self.no_checks {
            allowed.extend(&others);
        }
        if !self.no_checks || !patterns.overlapping {
            allowed.push("patternProperties");
        }
        self.only(pointer, object, &allowed, "an object schema");
        let check = if validated && !self.no_checks {
            Some(self.checked_entry(pointer)?)
        } else {
            None
        };
        let checked: Vec<(String, Value)> = CHECKED_ON_OBJECTS
            .iter()
            .filter(|key| allowed.contains(key))
            .filter_map(|key| Some(((*key).to_owned(), object.get(*key)?.clone())))
            .collect();
        let min_properties = self.count(pointer, object, "minProperties");
        let max_properties = self.count(pointer, object, "maxProperties");
        let (additional, additional_type) = self.additional(pointer, object, &name)?;
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
        // A required key without a schema in `properties`, in an object whose other keys
        // may hold anything, holds any JSON value: a required field of its own. (Next
        // to `patternProperties` or an `additionalProperties` schema or `false`, its
        // schema is elsewhere: the validator reads it.)
        let mut with_required: Option<Map<String, Value>> = None;
        for (key, index) in &required {
            if properties.contains_key(key) {
                continue;
            }
            let open = matches!(
                object.get("additionalProperties"),
                None | Some(Value::Bool(true))
            ) && patterns.entries.is_empty();
            if !open {
                self.error(
                    &join(&join(pointer, "required"), &index.to_string()),
                    format!("`{key}` is required but not in `properties`"),
                    Some("des-events needs a schema for every required property of a closed object or one with `patternProperties`"),
                );
                return None;
            }
            with_required
                .get_or_insert_with(|| properties.clone())
                .insert(key.clone(), Value::Bool(true));
        }
        let properties = with_required.as_ref().unwrap_or(properties);
        if properties.is_empty()
            && additional == Additional::Open
            && additional_type.is_none()
            && min_properties.is_none()
            && max_properties.is_none()
            && check.is_none()
            && patterns.entries.is_empty()
        {
            return Some(Type::Map);
        }
        // Claim the name before the fields: a recursive `$ref` among them sees it, and
        // nested names stay in schema order.
        self.claim(pointer, &name);
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
                // A required property is never absent: its `default` is never used.
                Some(_) if required.contains_key(key) => None,
                Some(value) if default_fits(&ty, &value, self) => Some(value),
                Some(value) => {
                    // A `default` the property's schema accepts, but of a type no accessor
                    // returns (a validated value, an object...), stays an annotation; one
                    // the schema rejects is a mistake in the schema.
                    let valid = self.accepts(&field_pointer, &value);
                    if !valid {
                        self.warn(
                            &join(&field_pointer, "default"),
                            "this `default` is not a value of the property's schema: it is ignored",
                            Some("`default` is an annotation; des-events generates no `_or_default` accessor for this property"),
                        );
                    }
                    None
                }
                None => None,
            };
            let credential = matches!(&ty, Type::String(rules) if rules.credential);
            let echo = match schema.get("x-des-echo") {
                None | Some(Value::Bool(false)) => false,
                Some(Value::Bool(true)) => true,
                Some(_) => {
                    self.hard_error(
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
                schema: (!mentions_ref(schema)).then(|| schema.clone()),
                pointer: field_pointer,
            });
        }
        // Fields that would share a Rust name (with each other, or with a generated
        // field) are told apart in schema order.
        let mut taken: Vec<String> = (0..patterns.entries.len())
            .map(name::pattern_field)
            .collect();
        if additional == Additional::Open {
            taken.push(name::ADDITIONAL_FIELD.to_owned());
        }
        for field in &mut fields {
            let distinct = name::distinct_field(&field.rust_name, |candidate| {
                taken.iter().any(|held| held == candidate)
            });
            taken.push(distinct.clone());
            field.rust_name = distinct;
        }
        let patterns = self.pattern_maps(pointer, &patterns, &name);
        if !ok {
            return None;
        }
        let patterns = patterns?;
        self.register(TypeDef::Struct(StructDef {
            name: name.clone(),
            docs,
            fields,
            additional,
            additional_type,
            additional_schema: object
                .get("additionalProperties")
                .filter(|schema| schema.is_object() && !mentions_ref(schema))
                .cloned(),
            patterns,
            min_properties,
            max_properties,
            check,
            checked,
            pointer: pointer.to_owned(),
        }))?;
        Some(Type::Named(name))
    }

    /// `additionalProperties` of the object schema at `pointer` whose type is `name`:
    /// closed, open, or open with the type of the other keys' values (`<name>Value`).
    pub(super) fn additional(
        &mut self,
        pointer: &str,
        object: &Map<String, Value>,
        name: &str,
    ) -> Option<(Additional, Option<Type>)> {
        Some(match object.get("additionalProperties") {
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
        })
    }

    /// Adds a named type; a second, different type with the same name is an error.
    pub(super) fn register(&mut self, def: TypeDef) -> Option<()> {
        self.claim(def.pointer(), def.name());
        let existing = self
            .type_names
            .get(def.name())
            .and_then(|position| self.types.get(*position));
        if let Some(existing) = existing
            && existing.pointer() == def.pointer()
            && let Some(position) = self.type_names.get(def.name()).copied()
        {
            // The same schema modelled again (an earlier attempt that fell back, a
            // second look through another path): the latest model is the one in use.
            if let Some(slot) = self.types.get_mut(position) {
                *slot = def;
            }
            return Some(());
        }
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
            self.hard_errors += 1;
            return None;
        }
        self.type_names
            .insert(def.name().to_owned(), self.types.len());
        self.types.push(def);
        Some(())
    }
}

/// Keywords of an object schema that the validator checks on the whole object, next to
/// a typed struct.
const CHECKED_ON_OBJECTS: &[&str] = &[
    "oneOf",
    "anyOf",
    "not",
    "if",
    "then",
    "else",
    "dependentRequired",
    "dependentSchemas",
    "dependencies",
    "propertyNames",
    "unevaluatedProperties",
    "patternProperties",
];

/// A property schema, less what the field itself records.
pub(super) struct Property<'s> {
    pub(super) schema: Cow<'s, Value>,
    pub(super) nullable: bool,
    pub(super) default: Option<Value>,
}

/// What a property schema says beyond its type: `type: [T, "null"]` and `default`.
/// Returns the schema to model without those (copied only if it has them).
pub(super) fn property(schema: &Value) -> Property<'_> {
    let nullable_type = |object: &Map<String, Value>| {
        let Some(Value::Array(types)) = object.get("type") else {
            return None;
        };
        let names: Vec<&str> = types.iter().filter_map(Value::as_str).collect();
        let others: Vec<&str> = names
            .iter()
            .copied()
            .filter(|name| *name != "null")
            .collect();
        (names.len() == types.len() && names.len() == 2 && others.len() == 1)
            .then(|| others[0].to_owned())
    };
    let Value::Object(object) = schema else {
        return Property {
            schema: Cow::Borrowed(schema),
            nullable: false,
            default: None,
        };
    };
    let single = nullable_type(object);
    if single.is_none() && !object.contains_key("default") {
        return Property {
            schema: Cow::Borrowed(schema),
            nullable: false,
            default: None,
        };
    }
    let mut object = object.clone();
    let nullable = match single {
        Some(single) => {
            object.insert("type".to_owned(), Value::String(single));
            true
        }
        None => false,
    };
    let default = object.remove("default");
    Property {
        schema: Cow::Owned(Value::Object(object)),
        nullable,
        default,
    }
}

/// `keyword: true` on a schema object.
pub(super) fn flag(schema: &Value, keyword: &str) -> bool {
    schema.get(keyword) == Some(&Value::Bool(true))
}

/// Whether `value` can be returned as the Rust value of `ty` (plain strings, integers in
/// range, numbers, booleans, and values of string enums).
pub(super) fn default_fits(ty: &Type, value: &Value, modeler: &Modeler<'_>) -> bool {
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
pub(super) fn with_examples(description: Option<&str>, examples: Option<&Value>) -> Option<String> {
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
