//! Stage 3, check: the problems that need the whole IR (field names that collide after
//! case conversion, type names reserved for the generated API). Every problem is collected; none stops the others.

use std::collections::HashMap;

use crate::diag::{Diagnostic, Diagnostics};
use crate::ir::{Additional, Schema, TypeDef};
use crate::load::Document;

/// The name of the generated field that holds the unknown keys of an open object.
pub const ADDITIONAL_FIELD: &str = "additional_properties";

/// Checks `schema`; `doc` gives positions.
pub fn check(doc: &Document, schema: &Schema) -> Result<(), Diagnostics> {
    let mut diags = Vec::new();
    let mut error = |pointer: &str, message: String, hint: &str| {
        diags.push(Diagnostic {
            file: doc.file.clone(),
            pos: doc.key_pos(pointer),
            pointer: Some(pointer.to_owned()),
            message,
            hint: Some(hint.to_owned()),
        });
    };

    let reserved = [schema.name.clone(), format!("{}Handler", schema.name)];
    for def in &schema.types {
        if reserved.iter().any(|name| name == def.name()) {
            error(
                def.pointer(),
                format!(
                    "the type name `{}` is reserved for the generated API of this schema",
                    def.name()
                ),
                "give the schema a distinct `title`",
            );
        }
        if let TypeDef::Struct(def) = def {
            let mut names: HashMap<&str, &str> = HashMap::new();
            if def.additional == Additional::Open {
                names.insert(ADDITIONAL_FIELD, "(the map of additional properties)");
            }
            for field in &def.fields {
                if let Some(other) = names.insert(&field.rust_name, &field.wire_name) {
                    error(
                        &field.pointer,
                        format!(
                            "the properties `{other}` and `{}` both become the Rust field `{}`",
                            field.wire_name, field.rust_name
                        ),
                        "property names must stay distinct after conversion to snake_case",
                    );
                }
            }
        }
    }
    if diags.is_empty() {
        Ok(())
    } else {
        Err(Diagnostics(diags))
    }
}
