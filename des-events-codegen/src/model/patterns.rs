//! `patternProperties`: the keys of an object that match a pattern, in a typed map next
//! to the named fields.
//!
//! Each pattern becomes a `BTreeMap<String, T>` field of the struct, `T` modelled from
//! the pattern's value schema like any property. While reading, a key that no property
//! names goes to the map of the first pattern it matches; a key matching none is what
//! `additionalProperties` decides about (rejected, kept untyped, or kept typed).
//!
//! That one-pass routing is exact when no key can fall under two schemas: one pattern,
//! and no property name that it matches. Otherwise (two patterns that one key may both
//! match, a property that a pattern also constrains) JSON Schema wants the value valid
//! against every schema that applies, so the validator checks the whole object first,
//! as it does for `not` or `if` (see `object_type`). Only such structs pay for it.

use super::*;

/// The `patternProperties` of an object schema, before their types are modelled.
pub(super) struct Patterns<'s> {
    /// Each pattern and its value schema, in schema order.
    pub(super) entries: Vec<(&'s String, &'s Value)>,
    /// Whether some key may fall under two schemas (see the module docs).
    pub(super) overlapping: bool,
}

impl Modeler<'_> {
    /// Reads `patternProperties` of the object schema at `pointer` (an empty list when
    /// absent; `None` after reporting a malformed keyword or a pattern that is not
    /// ECMA-262).
    pub(super) fn patterns<'s>(
        &mut self,
        pointer: &str,
        object: &'s Map<String, Value>,
    ) -> Option<Patterns<'s>> {
        let Some(value) = object.get("patternProperties") else {
            return Some(Patterns {
                entries: Vec::new(),
                overlapping: false,
            });
        };
        let keyword_pointer = join(pointer, "patternProperties");
        let Value::Object(entries) = value else {
            self.error(
                &keyword_pointer,
                "`patternProperties` must be an object of schemas",
                None,
            );
            return None;
        };
        let mut ok = true;
        for source in entries.keys() {
            if let Err(err) = des_events_core::pattern::compile(source) {
                self.error(
                    &join(&keyword_pointer, source),
                    format!("`{source}` is not an ECMA-262 regular expression: {err}"),
                    Some("JSON Schema patterns use the ECMA-262 dialect, with the `u` flag"),
                );
                ok = false;
            }
        }
        if !ok {
            return None;
        }
        let names: Vec<&String> = match object.get("properties") {
            Some(Value::Object(properties)) => properties.keys().collect(),
            _ => Vec::new(),
        };
        let overlapping = entries.len() > 1
            || names.iter().any(|name| {
                entries
                    .keys()
                    .any(|source| des_events_core::pattern::is_match(source, name) == Some(true))
            });
        Some(Patterns {
            entries: entries.iter().collect(),
            overlapping,
        })
    }

    /// The typed map of each pattern of the struct `owner` (value types named
    /// `<owner>Pattern`, `<owner>Pattern2`... unless their schema has a `title`).
    pub(super) fn pattern_maps(
        &mut self,
        pointer: &str,
        patterns: &Patterns<'_>,
        owner: &str,
    ) -> Option<Vec<PatternMap>> {
        let keyword_pointer = join(pointer, "patternProperties");
        let mut maps = Vec::new();
        let mut ok = true;
        for (index, (source, schema)) in patterns.entries.iter().enumerate() {
            let value_pointer = join(&keyword_pointer, source);
            let suggested = name::pattern_value_type(owner, index);
            let Some(ty) = self.value_type(&value_pointer, schema, &suggested) else {
                ok = false;
                continue;
            };
            maps.push(PatternMap {
                pattern: (*source).clone(),
                rust_name: name::pattern_field(index),
                ty,
                schema: (!mentions_ref(schema)).then(|| (*schema).clone()),
                pointer: value_pointer,
            });
        }
        ok.then_some(maps)
    }
}
