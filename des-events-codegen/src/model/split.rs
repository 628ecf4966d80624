//! Schemas that allow values of several JSON types, split by type into a typed union.
//!
//! `"type": ["string", "integer"]`, and a schema without `type` whose keywords shape
//! one kind of value (`properties` but no `"type": "object"`, `pattern` but no
//! `"type": "string"`...), have no single Rust type. Each becomes a union
//! ([`TypeDef::Union`], read as `anyOf`: the first alternative that matches) with one
//! alternative per JSON type:
//!
//! - the alternative of type `T` is the schema restricted to `T`: `"type": T` and the
//!   keywords that can fail on a `T` (every keyword that is not about another type).
//!   JSON Schema judges a value of type `T` by exactly those, so the alternative is
//!   exact, and the alternatives are disjoint (a value has one JSON type; `integer` is
//!   left out when `number` is listed);
//! - the alternative is modelled at the schema's own pointer (its subschemas are where
//!   they are in the document), named apart from the whole (`<Union><Type>`). If it has
//!   no typed shape it becomes a validated value of the schema itself, which judges a
//!   value of that type as the alternative would;
//! - without `type`, the values of every other type are one more alternative, `Other`:
//!   a validated value of the whole schema. It comes last, so it only sees the values
//!   the typed alternatives did not take; for a value of a typed alternative's type it
//!   says what that alternative said (both judge by the same schema), so nothing
//!   invalid gets through it.

use super::*;

/// The Rust variant of each JSON type's alternative.
fn variant(ty: &str) -> &'static str {
    match ty {
        "string" => "String",
        "integer" => "Integer",
        "number" => "Number",
        "boolean" => "Boolean",
        "object" => "Object",
        "array" => "Array",
        _ => "Null",
    }
}

/// The JSON types, in this order, whose keywords a schema without `type` uses.
pub(super) fn implied_types(object: &Map<String, Value>) -> Vec<&'static str> {
    let mut types: Vec<&'static str> = Vec::new();
    for key in object.keys() {
        if let Some(only) = keyword::instance_types(key) {
            // `number` keywords constrain integers too: one `number` alternative.
            let ty = only[0];
            if !types.contains(&ty) {
                types.push(ty);
            }
        }
    }
    types
}

/// Annotations of the whole schema, not repeated on its parts (a `title` would name
/// each part like the whole).
const WHOLE_ONLY: &[&str] = &[
    "title",
    "description",
    "examples",
    "default",
    "$id",
    "$anchor",
];

impl Modeler<'_> {
    /// The schema at `pointer` when `type` lists several types (`listed`), or is absent
    /// and its keywords are about one or more types; `None` when it is neither (see the
    /// module docs), `Some(None)` when a part failed (its problems are reported).
    pub(super) fn split_by_type(
        &mut self,
        pointer: &str,
        object: &Map<String, Value>,
        name: &str,
        docs: &Docs,
    ) -> Option<Option<Type>> {
        let (mut types, other) = match object.get("type") {
            Some(Value::Array(listed)) => {
                let mut types = Vec::new();
                for ty in listed {
                    let ty = ty.as_str()?;
                    if !types.contains(&ty) {
                        types.push(ty);
                    }
                }
                (types, false)
            }
            None => (implied_types(object), true),
            Some(_) => return None,
        };
        if types.contains(&"number") {
            types.retain(|ty| *ty != "integer");
        }
        if types.is_empty() || (types.len() == 1 && !other) {
            return None;
        }
        let mut alternatives = Vec::new();
        for ty in &types {
            let part: Map<String, Value> = std::iter::once(("type".to_owned(), Value::from(*ty)))
                .chain(
                    object
                        .iter()
                        .filter(|(key, _)| {
                            key.as_str() != "type"
                                && !WHOLE_ONLY.contains(&key.as_str())
                                && keyword::applies_to(key, ty)
                        })
                        .map(|(key, value)| (key.clone(), value.clone())),
                )
                .collect();
            let plain_null = *ty == "null"
                && part
                    .keys()
                    .all(|key| key == "type" || !keyword::asserts(key));
            let suggested = format!("{name}{}", variant(ty));
            let part_value = Value::Object(part);
            let typed = if plain_null {
                None
            } else {
                let modelled = self.in_part(pointer, ty, |modeler| {
                    modeler.value_type(pointer, &part_value, &suggested)
                });
                let Some(modelled) = modelled else {
                    return Some(None);
                };
                Some(modelled)
            };
            alternatives.push(Alternative {
                variant: variant(ty).to_owned(),
                boxed: matches!(&typed, Some(Type::Named(named)) if !self.type_names.contains_key(named)),
                ty: typed,
                schema: (!mentions_ref(&part_value)).then_some(part_value),
            });
        }
        if other {
            let whole: Map<String, Value> = object
                .iter()
                .filter(|(key, _)| !WHOLE_ONLY.contains(&key.as_str()))
                .map(|(key, value)| (key.clone(), value.clone()))
                .collect();
            let whole = Value::Object(whole);
            let suggested = format!("{name}Other");
            let mark = self.diags.len();
            let ty = self.in_part(pointer, "other", |modeler| {
                modeler.json_type(pointer, &whole, &suggested, mark)
            });
            let Some(ty) = ty else {
                return Some(None);
            };
            alternatives.push(Alternative {
                variant: "Other".to_owned(),
                ty: Some(ty),
                schema: (!mentions_ref(&whole)).then_some(whole),
                boxed: false,
            });
        }
        Some(self.register_split(pointer, name, docs, alternatives))
    }

    fn register_split(
        &mut self,
        pointer: &str,
        name: &str,
        docs: &Docs,
        alternatives: Vec<Alternative>,
    ) -> Option<Type> {
        self.register(TypeDef::Union(UnionDef {
            name: name.to_owned(),
            docs: docs.clone(),
            alternatives,
            exclusive: false,
            pointer: pointer.to_owned(),
        }))?;
        Some(Type::Named(name.to_owned()))
    }

    /// Runs `model` with the place `pointer` named as its part `part`.
    fn in_part<T>(&mut self, pointer: &str, part: &str, model: impl FnOnce(&mut Self) -> T) -> T {
        let outer = self.part.replace((pointer.to_owned(), part.to_owned()));
        let result = model(self);
        self.part = outer;
        result
    }
}
