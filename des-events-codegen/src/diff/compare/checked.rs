//! Newtypes of scalar and array schemas: the wrapped types, and the keywords the
//! validator checks next to them (`not`, `if`/`then`/`else`, `contains`...), which are
//! not compared keyword by keyword, as for objects. Also a validated JSON value that
//! became such a newtype (or back): the same schema accepts the same documents, only the
//! Rust type changed.

use serde_json::Value;

use super::super::{Kind, rules};
use super::{Comparer, describe};
use crate::ir::{JsonDef, NewtypeDef, StructDef};

/// Checked keywords and their values, as a schema writes them.
type Checks<'a> = Vec<&'a (String, Value)>;

impl Comparer<'_> {
    /// Two newtypes at the same place: their wrapped types, then their checks.
    pub(super) fn newtypes(
        &mut self,
        path: &str,
        old_name: &str,
        new_name: &str,
        (old_def, new_def): (&NewtypeDef, &NewtypeDef),
    ) {
        self.renamed(path, old_name, new_name);
        self.types(path, &old_def.ty, &new_def.ty);
        let checks = (
            old_def.checked.iter().collect(),
            new_def.checked.iter().collect(),
        );
        self.checks(path, new_name, "values", checks);
    }

    /// The keywords a validator checks next to a typed shape (`what` it checks:
    /// "objects", "values"): the same keywords with the same values (and no reference
    /// whose target may have moved) check the same; a keyword added or removed, or a
    /// count moved, has a direction (see `assertions`); anything else is not decided
    /// here, an explicit `unknown`.
    pub(super) fn checks(
        &mut self,
        path: &str,
        new_name: &str,
        what: &str,
        (old_checks, new_checks): (Checks<'_>, Checks<'_>),
    ) {
        let refers =
            |checks: &[&(String, Value)]| checks.iter().any(|(_, value)| StructDef::refers(value));
        // With no value referring to a document that changed, the text says it all.
        let textual = !(refers(&old_checks) || refers(&new_checks))
            || self.old.documents == self.new.documents;
        if old_checks == new_checks && textual {
            return;
        }
        if let Some(moves) = textual
            .then(|| super::super::assertions::moves(&old_checks, &new_checks))
            .flatten()
        {
            self.constraints(path, moves);
            return;
        }
        let mut keywords: Vec<&str> = old_checks
            .iter()
            .chain(&new_checks)
            .map(|(key, _)| key.as_str())
            .collect();
        keywords.sort_unstable();
        keywords.dedup();
        self.push(
            Kind::ValidatedSchemaChanged,
            path,
            format!(
                "the checked keywords of `{new_name}` changed ({}); which {what} they accept is not compared keyword by keyword",
                keywords.join(", ")
            ),
            rules::validated_schema_changed(),
        );
    }

    /// A validated JSON value and a checked newtype at the same place (`json_first`: the
    /// validated value is the old one). The same schema is a change of Rust type only
    /// (the wire is the same); another schema is not compared keyword by keyword.
    pub(super) fn json_and_checked(
        &mut self,
        path: &str,
        (old_name, new_name): (&str, &str),
        json: &JsonDef,
        newtype: &NewtypeDef,
        json_first: bool,
    ) {
        let same = match (&json.schema, &newtype.schema) {
            (Some(json_schema), Some(newtype_schema)) => {
                without_definitions(json_schema) == without_definitions(newtype_schema)
            }
            _ => {
                Some(&json.entry) == newtype.check.as_ref()
                    && self.old.documents == self.new.documents
            }
        };
        let (old_text, new_text) = {
            let validated = format!("validated JSON value `{}`", json.name);
            let typed = format!(
                "`{}` ({}, checked: {})",
                newtype.name,
                describe(if json_first { self.new } else { self.old }, &newtype.ty),
                newtype
                    .checked
                    .iter()
                    .map(|(key, _)| key.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            if json_first {
                (validated, typed)
            } else {
                (typed, validated)
            }
        };
        self.push(
            Kind::RustTypeChanged,
            path,
            format!("{old_text} -> {new_text}"),
            rules::rust_type_changed(),
        );
        if !same {
            self.push(
                Kind::ValidatedSchemaChanged,
                path,
                format!(
                    "the schema of `{new_name}` changed (was `{old_name}`); which values it accepts is not compared keyword by keyword"
                ),
                rules::validated_schema_changed(),
            );
        }
    }
}

/// `schema` less its definitions (a validated value keeps them in its description, a
/// checked newtype does not; unreferenced, they change nothing).
fn without_definitions(schema: &Value) -> Value {
    let mut schema = schema.clone();
    if let Value::Object(object) = &mut schema {
        object.remove("$defs");
        object.remove("definitions");
    }
    schema
}
