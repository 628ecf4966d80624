//! `des-events list`: the catalog of both bundled schemas (partner first, then DES),
//! built from their IR: every event with its direction, reply-to and message fields,
//! then the nested named types. Human-readable, or one JSON document with `--json`.
//! The human listing escapes the schemas' names, titles and descriptions for the
//! terminal ([`escape`]); the JSON document holds them as they are.

use std::fmt::Write as _;

use des_events_codegen::ir::{self, Additional, Type, TypeDef};
use des_events_core::terminal::escape;
use serde::Serialize;

use super::{Bundled, Status, print_all, warn};

/// Runs the subcommand.
pub fn run(json: bool) -> Status {
    let mut catalogs = Vec::new();
    for bundled in Bundled::ALL {
        match bundled.schema() {
            Ok(schema) => catalogs.push(catalog(bundled, &schema)),
            Err(diagnostics) => {
                warn(format_args!("{diagnostics}"));
                return Status::Error;
            }
        }
    }
    if json {
        match serde_json::to_string_pretty(&Document { catalogs }) {
            Ok(text) => print_all(&(text + "\n")),
            Err(err) => {
                warn(format_args!("des-events: cannot write the catalog: {err}"));
                Status::Error
            }
        }
    } else {
        print_all(&human(&catalogs))
    }
}

/// The `--json` document.
#[derive(Serialize)]
struct Document {
    catalogs: Vec<Catalog>,
}

/// The events of one schema.
#[derive(Serialize)]
struct Catalog {
    direction: &'static str,
    flow: &'static str,
    schema: String,
    title: String,
    events: Vec<EventEntry>,
    types: Vec<TypeEntry>,
}

#[derive(Serialize)]
struct EventEntry {
    event: String,
    direction: &'static str,
    reply_to: Option<String>,
    message: String,
    description: Option<String>,
    fields: Vec<FieldEntry>,
}

#[derive(Serialize)]
struct FieldEntry {
    name: String,
    #[serde(rename = "type")]
    ty: String,
    required: bool,
    credential: bool,
    description: Option<String>,
}

/// A nested named type: an object with fields, or a closed set of strings.
#[derive(Serialize)]
struct TypeEntry {
    name: String,
    kind: &'static str,
    description: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fields: Vec<FieldEntry>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    values: Vec<String>,
}

fn catalog(bundled: Bundled, schema: &ir::Schema) -> Catalog {
    let events = schema
        .events
        .iter()
        .map(|event| EventEntry {
            event: event.wire_name.clone(),
            direction: bundled.direction(),
            reply_to: event.reply_to.clone(),
            message: event.message.clone(),
            description: text_of(&event.docs),
            fields: schema
                .struct_def(&event.message)
                .map(|def| fields(&def.fields))
                .unwrap_or_default(),
        })
        .collect();
    let types = schema
        .types
        .iter()
        .filter(|def| {
            !schema
                .events
                .iter()
                .any(|event| event.message == def.name())
        })
        .map(|def| match def {
            TypeDef::Struct(def) => TypeEntry {
                name: def.name.clone(),
                kind: match def.additional {
                    Additional::Closed => "object",
                    Additional::Open => "open object",
                },
                description: text_of(&def.docs),
                fields: fields(&def.fields),
                values: Vec::new(),
            },
            TypeDef::Enum(def) => TypeEntry {
                name: def.name.clone(),
                kind: "enum",
                description: text_of(&def.docs),
                fields: Vec::new(),
                values: def.variants.iter().map(|(wire, _)| wire.clone()).collect(),
            },
            TypeDef::Newtype(def) => TypeEntry {
                name: def.name.clone(),
                kind: "newtype",
                description: text_of(&def.docs),
                fields: Vec::new(),
                values: vec![type_name(&def.ty, false)],
            },
            TypeDef::Json(def) => TypeEntry {
                name: def.name.clone(),
                kind: "validated JSON value",
                description: text_of(&def.docs),
                fields: Vec::new(),
                values: Vec::new(),
            },
            TypeDef::Tuple(def) => TypeEntry {
                name: def.name.clone(),
                kind: "tuple",
                description: text_of(&def.docs),
                fields: Vec::new(),
                values: def.items.iter().map(|ty| type_name(ty, false)).collect(),
            },
            TypeDef::Union(def) => TypeEntry {
                name: def.name.clone(),
                kind: if def.exclusive { "oneOf" } else { "anyOf" },
                description: text_of(&def.docs),
                fields: Vec::new(),
                values: def
                    .alternatives
                    .iter()
                    .map(|alternative| {
                        alternative
                            .ty
                            .as_ref()
                            .map_or_else(|| "null".to_owned(), |ty| type_name(ty, false))
                    })
                    .collect(),
            },
        })
        .collect();
    Catalog {
        direction: bundled.direction(),
        flow: bundled.flow(),
        schema: schema.file.clone(),
        title: schema.name.clone(),
        events,
        types,
    }
}

fn fields(fields: &[ir::Field]) -> Vec<FieldEntry> {
    fields
        .iter()
        .map(|field| FieldEntry {
            name: field.wire_name.clone(),
            ty: type_name(&field.ty, field.credential),
            required: field.required,
            credential: field.credential,
            description: text_of(&field.docs),
        })
        .collect()
}

/// The description, else the title.
fn text_of(docs: &ir::Docs) -> Option<String> {
    docs.description.clone().or_else(|| docs.title.clone())
}

/// `string`, `uuid`, `date`, `credential`, `integer`, `number`, `boolean`, `object`,
/// `array of X`, or the named type.
fn type_name(ty: &Type, credential: bool) -> String {
    match ty {
        Type::String(rules) if credential || rules.credential => "credential".to_owned(),
        Type::String(rules) => match (rules.format, &rules.annotation_format) {
            (Some(format), _) => format.name().to_owned(),
            (None, Some(format)) => format!("string ({format})"),
            (None, None) => "string".to_owned(),
        },
        Type::Integer(_) => "integer".to_owned(),
        Type::Number(_) => "number".to_owned(),
        Type::Boolean => "boolean".to_owned(),
        Type::Map => "object".to_owned(),
        Type::Any => "any JSON value".to_owned(),
        Type::Array(item, _) => format!("array of {}", type_name(item, credential)),
        Type::Named(name) => name.clone(),
    }
}

/// The human-readable listing.
fn human(catalogs: &[Catalog]) -> String {
    let mut out = String::new();
    for (index, catalog) in catalogs.iter().enumerate() {
        if index > 0 {
            out.push('\n');
        }
        let heading = match catalog.direction {
            "partner" => "Partner events",
            _ => "DES events",
        };
        let _ = writeln!(
            out,
            "{heading} ({}): {} events, from {}",
            catalog.flow,
            catalog.events.len(),
            escape(&catalog.schema)
        );
        for event in &catalog.events {
            let _ = write!(out, "\n  {} [{}", escape(&event.event), event.direction);
            if let Some(reply_to) = &event.reply_to {
                let _ = write!(out, ", replies to {}", escape(reply_to));
            }
            out.push_str("]\n");
            if let Some(description) = &event.description {
                let _ = writeln!(out, "    {}", escape(first_sentence(description)));
            }
            field_lines(&mut out, &event.fields, "    ", "(no fields)");
        }
        if !catalog.types.is_empty() {
            out.push_str("\n  Nested types:\n");
        }
        for def in &catalog.types {
            let _ = write!(out, "    {} ({}", escape(&def.name), def.kind);
            if !def.values.is_empty() {
                let values: Vec<String> = def.values.iter().map(|v| format!("{v:?}")).collect();
                let _ = write!(out, ": {}", escape(values.join(" | ")));
            }
            out.push_str(")\n");
            if let Some(description) = &def.description {
                let _ = writeln!(out, "      {}", escape(first_sentence(description)));
            }
            if def.kind != "enum" {
                field_lines(&mut out, &def.fields, "      ", "(no fields)");
            }
        }
    }
    out
}

/// One aligned line per field: `- wire  type  description`.
fn field_lines(out: &mut String, fields: &[FieldEntry], indent: &str, empty: &str) {
    if fields.is_empty() {
        let _ = writeln!(out, "{indent}{empty}");
        return;
    }
    // Escaped before they are measured, so that the columns line up as shown.
    let shown_name = |field: &FieldEntry| escape(&field.name).to_string();
    let shown_type = |field: &FieldEntry| {
        if field.required {
            escape(&field.ty).to_string()
        } else {
            format!("{}, optional", escape(&field.ty))
        }
    };
    let name_width = fields
        .iter()
        .map(|f| shown_name(f).len())
        .max()
        .unwrap_or(0);
    let type_width = fields
        .iter()
        .map(|f| shown_type(f).len())
        .max()
        .unwrap_or(0);
    for field in fields {
        let description = field.description.as_deref().map(first_sentence);
        let line = format!(
            "{indent}- {:name_width$}  {:type_width$}  {}",
            shown_name(field),
            shown_type(field),
            escape(description.unwrap_or_default())
        );
        let _ = writeln!(out, "{}", line.trim_end());
    }
}

/// The first sentence, on one line (abbreviations such as "e.g." do not end it).
fn first_sentence(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut start = 0;
    while let Some(found) = text[start..].find(". ") {
        let end = start + found + 1;
        let before = &text[..end];
        if !(before.ends_with("e.g.") || before.ends_with("i.e.") || before.ends_with("etc.")) {
            return before.to_owned();
        }
        start = end;
    }
    text
}

#[cfg(test)]
mod tests {
    use super::first_sentence;

    #[test]
    fn first_sentences() {
        assert_eq!(first_sentence("One. Two."), "One.");
        assert_eq!(first_sentence("A path, e.g. /x. More."), "A path, e.g. /x.");
        assert_eq!(first_sentence("No period"), "No period");
        assert_eq!(
            first_sentence("Spread\n  over lines. Next"),
            "Spread over lines."
        );
    }
}
