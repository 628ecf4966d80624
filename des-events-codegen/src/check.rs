//! Stage 3, check: the problems that need the whole IR (field names that collide after
//! case conversion, type names reserved for the generated API). Every problem is collected; none stops the others.

use std::collections::HashMap;

use crate::diag::{Diagnostic, Diagnostics};
use crate::ir::{Additional, Schema, TypeDef};
use crate::load::Document;
use crate::name::{self, ADDITIONAL_FIELD, CATCH_ALL_VARIANT};

/// Checks `schema`; `doc` gives positions.
pub(crate) fn check(doc: &Document, schema: &Schema) -> Result<(), Diagnostics> {
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

    // Only an event union has a generated API of its own (the dispatch enum, the
    // handler trait); another root *is* its type.
    let reserved = if schema.events.is_empty() {
        Vec::new()
    } else {
        name::reserved_types(&schema.name).to_vec()
    };
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
            for field in &def.fields {
                if def.additional == Additional::Open && field.rust_name == ADDITIONAL_FIELD {
                    error(
                        &field.pointer,
                        format!(
                            "the property `{}` becomes the Rust field `{ADDITIONAL_FIELD}`, which holds the unknown keys of this open object",
                            field.wire_name
                        ),
                        "add \"additionalProperties\": false, or rename the property",
                    );
                    continue;
                }
                if let Some(map) = def
                    .patterns
                    .iter()
                    .find(|map| map.rust_name == field.rust_name)
                {
                    error(
                        &field.pointer,
                        format!(
                            "the property `{}` becomes the Rust field `{}`, which holds the keys matching the pattern `{}`",
                            field.wire_name, map.rust_name, map.pattern
                        ),
                        "rename the property",
                    );
                    continue;
                }
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

/// Checks that `replies` (a schema whose events answer `requests`' events) fits: every
/// `x-des-reply-to` names an event of `requests`, and every `x-des-echo` field of a reply
/// is required and matches a required field of the same name and type in the request.
pub(crate) fn check_replies(
    requests: &Schema,
    replies_doc: &Document,
    replies: &Schema,
) -> Result<(), Diagnostics> {
    let mut diags = Vec::new();
    let mut error = |pointer: &str, message: String, hint: &str| {
        diags.push(Diagnostic {
            file: replies_doc.file.clone(),
            pos: replies_doc.key_pos(pointer),
            pointer: Some(pointer.to_owned()),
            message,
            hint: Some(hint.to_owned()),
        });
    };
    for reply in &replies.events {
        let Some(wire) = &reply.reply_to else {
            continue;
        };
        let pointer = format!("{}/x-des-reply-to", reply.pointer);
        let Some(request) = requests.event(wire) else {
            error(
                &pointer,
                format!("`{wire}` is not an event of {}", requests.file),
                "`x-des-reply-to` names the event of the other schema that this one answers",
            );
            continue;
        };
        let (Some(reply_def), Some(request_def)) = (
            replies.struct_def(&reply.message),
            requests.struct_def(&request.message),
        ) else {
            continue;
        };
        for field in reply_def.fields.iter().filter(|field| field.echo) {
            let source = request_def
                .fields
                .iter()
                .find(|other| other.wire_name == field.wire_name);
            let fits = source.is_some_and(|source| source.required && source.ty == field.ty)
                && field.required;
            if !fits {
                error(
                    &format!("{}/x-des-echo", field.pointer),
                    format!(
                        "`{}` echoes the request, but `{wire}` has no required field `{}` of the same type (or the echo is optional)",
                        field.wire_name, field.wire_name
                    ),
                    "an `x-des-echo` field is required, and copied from the request's field of the same name and type",
                );
            }
        }
    }
    if diags.is_empty() {
        Ok(())
    } else {
        Err(Diagnostics(diags))
    }
}

/// Checks that the catch-all variant's name is free.
pub(crate) fn check_catch_all(doc: &Document, schema: &Schema) -> Result<(), Diagnostics> {
    if !schema.tagging.is_classic() {
        return Err(Diagnostic {
            file: doc.file.clone(),
            pos: doc.key_pos(""),
            pointer: Some(String::new()),
            message: format!(
                "`catch_all = true` needs the `event`/`message` envelope; this union is tagged by `{}`",
                schema.tagging.tag
            ),
            hint: Some("leave `catch_all` off: an unknown tag is `Error::UnknownEvent`, which a receiver can skip".to_owned()),
        }
        .into());
    }
    match schema.events.iter().find(|event| event.variant == CATCH_ALL_VARIANT) {
        Some(event) => Err(Diagnostic {
            file: doc.file.clone(),
            pos: doc.key_pos(&event.pointer),
            pointer: Some(event.pointer.clone()),
            message: format!(
                "the event `{}` becomes the variant `{CATCH_ALL_VARIANT}`, which `catch_all = true` reserves",
                event.wire_name
            ),
            hint: Some("rename the event, or leave `catch_all` off".to_owned()),
        }
        .into()),
        None => Ok(()),
    }
}
