//! How much of a schema came out typed: the share of struct fields with a Rust type of
//! their own, and every field that did not, with the reason. `des-events api --stats`
//! prints it; the real-world corpus test measures it.

use std::fmt;

use crate::ir::{Schema, Type, TypeDef};

/// The typed coverage of one generated schema.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Coverage {
    /// Struct fields (named properties) in the generated code.
    pub fields: usize,
    /// Of those, the fields whose type is a Rust type of its own: not any JSON value,
    /// not a free-form map, not a validated JSON value (looking through arrays and
    /// newtypes).
    pub typed: usize,
    /// Each field that is not typed: `(struct, field, what it is)`.
    pub untyped: Vec<(String, String, String)>,
    /// Each validated JSON value type: `(name, JSON pointer, why it has no typed shape)`.
    pub validated: Vec<(String, String, String)>,
}

impl Coverage {
    /// The coverage of `schema`.
    pub fn of(schema: &Schema) -> Coverage {
        let mut coverage = Coverage::default();
        for def in &schema.types {
            match def {
                TypeDef::Struct(def) => {
                    for field in &def.fields {
                        coverage.fields += 1;
                        match untyped(schema, &field.ty, 0) {
                            None => coverage.typed += 1,
                            Some(what) => coverage.untyped.push((
                                def.name.clone(),
                                field.wire_name.clone(),
                                what,
                            )),
                        }
                    }
                }
                TypeDef::Json(def) => coverage.validated.push((
                    def.name.clone(),
                    def.pointer.clone(),
                    def.reason.clone(),
                )),
                _ => {}
            }
        }
        coverage
    }

    /// The typed share of the fields, from 0 to 1 (1 when there is no field).
    pub fn share(&self) -> f64 {
        if self.fields == 0 {
            1.0
        } else {
            self.typed as f64 / self.fields as f64
        }
    }
}

/// `None` when `ty` is typed, else what it is.
fn untyped(schema: &Schema, ty: &Type, depth: usize) -> Option<String> {
    match ty {
        Type::Any => Some("any JSON value (`{}` or `true`)".to_owned()),
        Type::Map => Some("a free-form JSON object".to_owned()),
        Type::Array(item, _) => untyped(schema, item, depth + 1),
        Type::Named(name) => match schema.type_def(name) {
            None => Some(format!("`{name}`, not generated")),
            Some(TypeDef::Json(_)) => Some(format!("the validated value `{name}`")),
            // A cycle of newtypes would wrap nothing typed.
            Some(TypeDef::Newtype(def)) if depth < 32 => untyped(schema, &def.ty, depth + 1),
            Some(TypeDef::Newtype(_)) => Some(format!("`{name}`, a newtype cycle")),
            Some(_) => None,
        },
        Type::String(_) | Type::Integer(_) | Type::Number(_) | Type::Boolean => None,
    }
}

impl fmt::Display for Coverage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "typed fields: {} / {} ({:.1}%)",
            self.typed,
            self.fields,
            self.share() * 100.0
        )?;
        if !self.untyped.is_empty() {
            writeln!(f, "untyped fields ({}):", self.untyped.len())?;
            for (owner, field, what) in &self.untyped {
                writeln!(f, "  {owner}.{field}: {what}")?;
            }
        }
        if !self.validated.is_empty() {
            writeln!(f, "validated values ({}):", self.validated.len())?;
            for (name, pointer, reason) in &self.validated {
                let pointer = if pointer.is_empty() {
                    "(root)"
                } else {
                    pointer
                };
                writeln!(f, "  {name} at {pointer}: {reason}")?;
            }
        }
        Ok(())
    }
}
