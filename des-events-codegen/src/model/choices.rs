//! Closed sets of values: `enum` / `const` (strings, or any JSON values) and the
//! `oneOf` / `anyOf` unions below the root.

use des_events_core::json;

use super::*;

impl Modeler<'_> {
    pub(super) fn enum_type(
        &mut self,
        pointer: &str,
        object: &Map<String, Value>,
        name: String,
        docs: Docs,
    ) -> Option<Type> {
        self.only(
            pointer,
            object,
            &["enum", "const", "type", "x-des-legacy"],
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
        // The values kept so far, compared as JSON Schema compares them (`1` == `1.0`).
        let mut kept: Vec<&Value> = Vec::new();
        for (index, (value_pointer, value)) in values.into_iter().enumerate() {
            if let Some(ty) = &declared
                && !json::is_of_type(value, ty)
            {
                // No value can be it: leaving it out changes nothing that is valid.
                self.warn(
                    &value_pointer,
                    format!("this value is not of the declared type `{ty}`, so it can never match: it is left out"),
                    Some("remove it, or fix `type`"),
                );
                continue;
            }
            let (wire, variant) = match value {
                Value::String(text) if !json_values => (text.clone(), name::type_name(text)),
                other => (other.to_string(), value_variant(other, index)),
            };
            let wire = &wire;
            if let Some(position) = kept.iter().position(|other| json::equal(other, value)) {
                let other = variants
                    .get(position)
                    .map_or("", |(other, _)| other.as_str());
                let message = if other == wire {
                    format!("the value \"{wire}\" is listed twice")
                } else {
                    format!(
                        "the values {other} and {wire} are equal in JSON Schema (numbers compare by value), so the second can never be told apart"
                    )
                };
                // The first one is the variant; the second adds no valid value.
                self.warn(&value_pointer, message, Some("remove one of the values"));
                continue;
            }
            // Equal values were caught above, so a clash here is two values, one name:
            // the later value's variant is numbered (`C`, `C2`), as field names are.
            let variant = name::distinct_type(&variant, |candidate| {
                variants.iter().any(|(_, other)| other == candidate)
            });
            variants.push((wire.clone(), variant));
            kept.push(value);
        }
        if variants.is_empty() {
            // Every value was left out: nothing is valid (the validator says so).
            self.error(
                &values_pointer,
                "no value of this `enum` can match its `type`",
                None,
            );
            return None;
        }
        let legacy = self.legacy_values(pointer, object, &mut variants, json_values)?;
        let other = name::unknown_variant(variants.iter().map(|(_, variant)| variant.as_str()));
        self.register(TypeDef::Enum(EnumDef {
            name: name.clone(),
            docs,
            variants,
            json_values,
            legacy,
            other,
            constant: !object.contains_key("enum"),
            typed: declared.is_some(),
            pointer: pointer.to_owned(),
        }))?;
        Some(Type::Named(name))
    }

    /// `x-des-legacy`: `{"<legacy value>": "<current value>", ...}`, values of the `enum`
    /// that receivers accept (read as the current value) but that no sender writes. Takes
    /// the legacy values out of `variants`; returns each with its current variant's index.
    fn legacy_values(
        &mut self,
        pointer: &str,
        object: &Map<String, Value>,
        variants: &mut Vec<(String, String)>,
        json_values: bool,
    ) -> Option<Vec<(String, usize)>> {
        let Some(declared) = object.get("x-des-legacy") else {
            return Some(Vec::new());
        };
        let at = join(pointer, "x-des-legacy");
        let Value::Object(declared) = declared else {
            self.error(
                &at,
                "`x-des-legacy` must map each legacy value to its current value, e.g. {\"error\": \"failed\"}",
                None,
            );
            return None;
        };
        if json_values {
            self.error(&at, "`x-des-legacy` applies to enums of strings only", None);
            return None;
        }
        let mut pairs = Vec::new();
        for (old, current) in declared {
            let here = join(&at, old);
            let listed = |wire: &str| variants.iter().any(|(value, _)| value == wire);
            let Value::String(current) = current else {
                self.error(&here, "the current value must be a string", None);
                return None;
            };
            if !listed(old) {
                self.error(
                    &here,
                    format!("the legacy value \"{old}\" is not in `enum`"),
                    Some("list it in `enum` too, so that every JSON Schema validator accepts it"),
                );
                return None;
            }
            if !listed(current) || declared.contains_key(current) || current == old {
                self.error(
                    &here,
                    format!("\"{current}\" must be a current value of `enum` (listed, and not legacy itself)"),
                    None,
                );
                return None;
            }
            pairs.push((old.clone(), current.clone()));
        }
        variants.retain(|(wire, _)| !declared.contains_key(wire));
        let legacy = pairs
            .into_iter()
            .filter_map(|(old, current)| {
                let index = variants.iter().position(|(wire, _)| *wire == current)?;
                Some((old, index))
            })
            .collect();
        Some(legacy)
    }

    /// `oneOf` / `anyOf` below the root: an enum with one variant per alternative.
    pub(super) fn union_type(
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
                Some(Type::Any) => "Any".to_owned(),
            };
            if modelled
                .iter()
                .any(|other: &Alternative| other.variant == variant)
            {
                variant = format!("{variant}{index}");
            }
            let schema = (!mentions_ref(alternative)).then(|| alternative.clone());
            // A type still being defined is a cycle back to it: boxed, as struct fields are.
            let boxed =
                matches!(&ty, Some(Type::Named(named)) if !self.type_names.contains_key(named));
            modelled.push(Alternative {
                variant,
                ty,
                schema,
                boxed,
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

    /// `{"type": T, "oneOf": [...]}` (or `anyOf`) where every alternative says
    /// `"type": T` itself (directly or through a local `$ref`): the same schema without
    /// the outer `type`, which then says nothing more. `None` otherwise.
    pub(super) fn union_of_one_type(
        &self,
        object: &Map<String, Value>,
    ) -> Option<Map<String, Value>> {
        let ty = object.get("type")?;
        let keyword = if object.contains_key("oneOf") {
            "oneOf"
        } else {
            "anyOf"
        };
        let alternatives = object.get(keyword)?.as_array()?;
        let all_typed = alternatives.iter().all(|alternative| {
            let target = match alternative.get("$ref").and_then(Value::as_str) {
                Some(reference) => reference
                    .strip_prefix('#')
                    .and_then(|pointer| self.doc.get(&super::refs::percent_decode(pointer))),
                None => Some(alternative),
            };
            target.and_then(|target| target.get("type")) == Some(ty)
        });
        all_typed.then(|| {
            let mut without = object.clone();
            without.remove("type");
            without
        })
    }
}

/// The Rust variant for a non-string value of a JSON-value enum: `Null`, `True`,
/// `False`, `N1`, `NMinus2Dot5`, a string's UpperCamelCase, `Value3` for containers.
pub(super) fn value_variant(value: &Value, index: usize) -> String {
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
