//! `allOf`: the branches are merged into one schema, keyword by keyword, before the
//! merged schema is modelled like any other. The merge is exact or an error: every
//! keyword either combines into one that accepts exactly the documents all branches
//! accept, or the conflict is reported.

use serde_json::{Map, Value};

use crate::diag::join;

/// Why two branches cannot be merged exactly.
pub struct Conflict {
    /// The keyword.
    pub keyword: String,
    /// What is wrong.
    pub message: String,
}

/// Merges `branch` into `into` (both schema objects with no `allOf` and no `$ref`).
pub fn merge(into: &mut Map<String, Value>, branch: &Map<String, Value>) -> Result<(), Conflict> {
    let conflict = |keyword: &str, message: String| Conflict {
        keyword: keyword.to_owned(),
        message,
    };
    // A closed object rejects every property it does not name: a property named only by
    // another branch could never be present, which no Rust type says exactly.
    // Likewise a branch's `additionalProperties` schema judges every property it does not
    // name, also those another branch adds: merged, they would escape it.
    for (closed, other) in [(&*into, branch), (branch, &*into)] {
        let why = match closed.get("additionalProperties") {
            Some(Value::Bool(false)) => {
                "a branch is closed (`additionalProperties: false`) but another adds the property `{extra}`, which the closed branch would always reject"
            }
            Some(Value::Object(_)) => {
                "a branch's `additionalProperties` schema also judges the property `{extra}` that another branch adds, which one merged property cannot say"
            }
            _ => continue,
        };
        let names = closed.get("properties").and_then(Value::as_object);
        if let Some(Value::Object(properties)) = other.get("properties")
            && let Some(extra) = properties
                .keys()
                .find(|key| !names.is_some_and(|names| names.contains_key(*key)))
        {
            return Err(conflict(
                "additionalProperties",
                why.replace("{extra}", extra),
            ));
        }
    }
    for (keyword, value) in branch {
        let Some(existing) = into.get_mut(keyword) else {
            into.insert(keyword.clone(), value.clone());
            continue;
        };
        if existing == value {
            continue;
        }
        match keyword.as_str() {
            // Annotations: the first branch's text wins.
            "title" | "description" | "$comment" | "examples" | "deprecated" | "readOnly"
            | "writeOnly" => {}
            "properties" => {
                let (Value::Object(mine), Value::Object(theirs)) = (existing, value) else {
                    return Err(conflict(keyword, "`properties` must be objects".into()));
                };
                for (name, schema) in theirs {
                    match mine.get_mut(name) {
                        None => {
                            mine.insert(name.clone(), schema.clone());
                        }
                        Some(same) if same == schema => {}
                        // Both schemas apply to the property: merge them in turn.
                        Some(mine_schema) => {
                            let both = Value::Array(vec![mine_schema.clone(), schema.clone()]);
                            let mut merged = Map::new();
                            merged.insert("allOf".to_owned(), both);
                            *mine_schema = Value::Object(merged);
                        }
                    }
                }
            }
            "items" | "additionalProperties" if value.is_object() && existing.is_object() => {
                let both = Value::Array(vec![existing.clone(), value.clone()]);
                let mut merged = Map::new();
                merged.insert("allOf".to_owned(), both);
                *existing = Value::Object(merged);
            }
            "additionalProperties" => {
                // `false` wins over `true` or a schema (the closed check above made sure
                // no branch adds a property outside it).
                *existing = Value::Bool(false);
            }
            "required" => {
                let (Value::Array(mine), Value::Array(theirs)) = (existing, value) else {
                    return Err(conflict(keyword, "`required` must be arrays".into()));
                };
                for name in theirs {
                    if !mine.contains(name) {
                        mine.push(name.clone());
                    }
                }
            }
            "minLength" | "minItems" | "minProperties" | "minimum" | "exclusiveMinimum" => {
                let larger = match (existing.as_f64(), value.as_f64()) {
                    (Some(a), Some(b)) if b > a => value.clone(),
                    (Some(_), Some(_)) => existing.clone(),
                    _ => return Err(conflict(keyword, format!("`{keyword}` must be a number"))),
                };
                *existing = larger;
            }
            "maxLength" | "maxItems" | "maxProperties" | "maximum" | "exclusiveMaximum" => {
                let smaller = match (existing.as_f64(), value.as_f64()) {
                    (Some(a), Some(b)) if b < a => value.clone(),
                    (Some(_), Some(_)) => existing.clone(),
                    _ => return Err(conflict(keyword, format!("`{keyword}` must be a number"))),
                };
                *existing = smaller;
            }
            "uniqueItems" => {
                *existing =
                    Value::Bool(existing == &Value::Bool(true) || value == &Value::Bool(true))
            }
            "type" => {
                // integer is the intersection of integer and number.
                let pair = (existing.as_str(), value.as_str());
                match pair {
                    (Some("number"), Some("integer")) => *existing = value.clone(),
                    (Some("integer"), Some("number")) => {}
                    _ => {
                        return Err(conflict(
                            keyword,
                            format!(
                                "the branches require different types ({existing} and {value}): no document can match"
                            ),
                        ));
                    }
                }
            }
            "enum" => {
                let (Value::Array(mine), Value::Array(theirs)) = (&*existing, value) else {
                    return Err(conflict(keyword, "`enum` must be arrays".into()));
                };
                let common: Vec<Value> = mine
                    .iter()
                    .filter(|item| theirs.contains(item))
                    .cloned()
                    .collect();
                *existing = Value::Array(common);
            }
            _ => {
                return Err(conflict(
                    keyword,
                    format!(
                        "the branches give `{keyword}` different values ({existing} and {value}), which des-events cannot merge into one"
                    ),
                ));
            }
        }
    }
    Ok(())
}

impl super::Modeler<'_> {
    /// `object` with its `allOf` branches (and theirs, and `$ref` targets) merged in.
    pub(super) fn merge_all_of(
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
    pub(super) fn branch(&mut self, target: &str, depth: usize) -> Option<Map<String, Value>> {
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

    pub(super) fn merge_into(
        &mut self,
        pointer: &str,
        into: &mut Map<String, Value>,
        branch: &Map<String, Value>,
    ) -> Option<()> {
        match merge(into, branch) {
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
}
