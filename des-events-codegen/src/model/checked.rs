//! Scalar and array schemas with keywords that shape no Rust type (`not`,
//! `if`/`then`/`else`; on arrays also `contains`, `minContains`, `maxContains`,
//! `unevaluatedItems`): the Rust type stays what the other keywords say (a `String`
//! with its rules, an integer, a `Vec<T>`...), wrapped in a named newtype that the
//! validator checks whole before the typed value is read.
//!
//! This is what objects do with their checked keywords (`object_type`): the validator
//! judges every keyword of the schema exactly, so the typed read that follows cannot
//! fail but for an integer beyond its Rust type. Without this, such a schema fell back to
//! a validated JSON value and its users lost typed access.

use super::*;

/// Keywords that narrow any value without shaping its Rust type.
const CHECKED_ON_VALUES: &[&str] = &["not", "if", "then", "else", "oneOf", "anyOf"];

/// Keywords that narrow an array of `items` without shaping its Rust type.
const CHECKED_ON_ARRAYS: &[&str] = &["contains", "minContains", "maxContains", "unevaluatedItems"];

/// The types whose schemas take this path (objects have their own, in `object_type`).
const CHECKED_TYPES: &[&str] = &["string", "integer", "number", "boolean", "array"];

impl Modeler<'_> {
    /// The checked keywords of `object`, in schema order, when it is a schema this module
    /// models: a single `type` among [`CHECKED_TYPES`], an array of `items` (not
    /// `prefixItems`, which is a tuple), not a credential, and outside a struct that is
    /// read without its whole object (`no_checks`, as for objects). The caller has
    /// already sent `$ref`, `allOf`, `oneOf`/`anyOf` and `enum`/`const` elsewhere.
    /// Empty otherwise: the schema goes on as before (and, with one of these keywords,
    /// becomes a validated JSON value).
    pub(super) fn checked_keywords(&self, object: &Map<String, Value>) -> Vec<&'static str> {
        if self.no_checks {
            return Vec::new();
        }
        let Some(ty) = object.get("type").and_then(Value::as_str) else {
            return Vec::new();
        };
        if !CHECKED_TYPES.contains(&ty)
            || (ty == "array" && object.contains_key("prefixItems"))
            // A credential's value must never be quoted, and the validator's errors quote
            // what they reject: a credential with such keywords stays a validated value,
            // as before (a rare schema; typed access is not worth a leak).
            || object.get("x-des-credential") == Some(&Value::Bool(true))
        {
            return Vec::new();
        }
        let array_keywords: &[&str] = if ty == "array" {
            CHECKED_ON_ARRAYS
        } else {
            &[]
        };
        // Schema order, so that diagnostics, docs and `diff` messages follow the file.
        object
            .keys()
            .filter_map(|key| {
                CHECKED_ON_VALUES
                    .iter()
                    .chain(array_keywords)
                    .copied()
                    .find(|checked| *checked == key)
            })
            .collect()
    }

    /// The named newtype of a schema with `checked` keywords (see
    /// [`Modeler::checked_keywords`]): the schema less those keywords as the wrapped type,
    /// and the whole schema as the validator's check. `name` and `docs` are the schema's.
    pub(super) fn checked_value_type(
        &mut self,
        pointer: &str,
        object: &Map<String, Value>,
        checked: &[&str],
        name: String,
        docs: Docs,
    ) -> Option<Type> {
        let checked: Vec<(String, Value)> = checked
            .iter()
            .filter_map(|key| Some(((*key).to_owned(), object.get(*key)?.clone())))
            .collect();
        // The validator ignores formats it does not know and compares numbers as `f64`:
        // such a checked keyword would not be judged exactly. Report it here; the
        // validated-value fallback (`json_type`) then says precisely what and where.
        let part = Value::Object(checked.iter().cloned().collect());
        if let Some((at, format)) = json::unasserted_format(&part, "") {
            self.error(
                &format!("{pointer}{at}"),
                format!("format `{format}` is not asserted by des-events yet"),
                None,
            );
            return None;
        }
        if let Some(at) = json::inexact_bound(&part, "") {
            self.error(
                &format!("{pointer}{at}"),
                "this bound cannot be compared exactly with numbers read as 64-bit floats",
                None,
            );
            return None;
        }
        // The wrapped type: the same schema without the checked keywords (its `title`
        // kept, so that array items are named after this type: `<Name>Item`).
        let mut shaping = object.clone();
        for (key, _) in &checked {
            shaping.remove(key);
        }
        let inner = match shaping.get("type").and_then(Value::as_str) {
            Some("string") => self.string_type(pointer, &shaping)?,
            Some("integer") => Type::Integer(self.integer_type(pointer, &shaping)?),
            Some("number") => Type::Number(self.number_type(pointer, &shaping)?),
            Some("boolean") => {
                self.only(pointer, &shaping, &["type"], "a boolean schema");
                Type::Boolean
            }
            Some("array") => self.array_type(pointer, &shaping, &name, docs.clone())?,
            // `checked_keywords` lets no other type through.
            _ => return None,
        };
        let check = self.checked_entry(pointer)?;
        self.register(TypeDef::Newtype(NewtypeDef {
            name: name.clone(),
            docs,
            ty: inner,
            schema: self.describable(pointer),
            check: Some(check),
            checked,
            pointer: pointer.to_owned(),
        }))?;
        Some(Type::Named(name))
    }

    /// The schema at `pointer` as schemars should describe it: as the document writes it
    /// (the validator checks that one too), less what only has a meaning in a document
    /// of its own; `None` when it refers elsewhere (it cannot be restated alone).
    fn describable(&self, pointer: &str) -> Option<Value> {
        let mut schema = self.value_at(pointer)?;
        let text = schema.to_string();
        if mentions_ref(&schema) || text.contains("$dynamicRef") || text.contains("$recursiveRef") {
            return None;
        }
        if let Value::Object(object) = &mut schema {
            for key in ["$schema", "$id", "$defs", "definitions"] {
                object.remove(key);
            }
        }
        Some(schema)
    }
}
