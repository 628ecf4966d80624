//! The event union: the root, each event's envelope, name, examples and annotations.

use std::borrow::Cow;

use super::*;

impl Modeler<'_> {
    pub(super) fn root(&mut self) -> Option<Schema> {
        let doc = self.doc;
        if let Some(draft) = doc.value.get("$schema")
            && draft.as_str().and_then(Draft::from_uri).is_none()
        {
            // A metaschema of its own (a dialect of a known draft, with its vocabularies)
            // is followed by the validator alone.
            if self.validator("").is_ok() {
                return self.validated_root();
            }
            let known: Vec<&str> = Draft::ALL.iter().map(|draft| draft.uri()).collect();
            self.error(
                "/$schema",
                "unknown `$schema`",
                Some(&format!(
                    "des-events reads JSON Schema drafts 4, 6, 7, 2019-09 and 2020-12 (the default without `$schema`): {}",
                    known.join(", ")
                )),
            );
            return None;
        }
        if !self.is_event_union(&doc.value) {
            return self.single_root();
        }
        let root = self.object("", &doc.value, "the schema root")?;
        // Without `oneOf` this is not an event union at all: say that once, instead of
        // listing every keyword of some other kind of schema.
        if root.contains_key("oneOf") {
            self.only(
                "",
                root,
                &["$schema", "$id", "oneOf", "$defs"],
                "the schema root",
            );
        }
        if let Some(id) = root.get("$id")
            && !id.is_string()
        {
            self.error("/$id", "`$id` must be a string", None);
        }
        let docs = self.docs("", root);
        let title = match &docs.title {
            Some(title) => title.clone(),
            None => {
                self.error(
                    "",
                    "the schema root needs a `title`",
                    Some("the title names the generated dispatch enum, e.g. \"title\": \"PartnerEvent\""),
                );
                String::new()
            }
        };
        let enum_name = name::type_name(&title);
        let events = match root.get("oneOf") {
            Some(Value::Array(variants)) if !variants.is_empty() => {
                let mut events = Vec::new();
                for (index, variant) in variants.iter().enumerate() {
                    let pointer = format!("/oneOf/{index}");
                    if let Some(event) = self.event(&pointer, variant) {
                        events.push(event);
                    }
                }
                events
            }
            Some(_) => {
                self.error(
                    "/oneOf",
                    "`oneOf` must be a non-empty array of event schemas",
                    None,
                );
                Vec::new()
            }
            None => {
                self.error(
                    "",
                    "the schema root must be an event union: a `oneOf` of event objects",
                    Some(
                        "each alternative is {\"type\": \"object\", \"properties\": {\"event\": {\"const\": \"<name>\"}, \"message\": {...}}, \"required\": [\"event\", \"message\"], \"additionalProperties\": false}",
                    ),
                );
                Vec::new()
            }
        };
        // Every definition is modelled, used or not, so that its problems are reported.
        if let Some(defs) = root.get("$defs") {
            match defs {
                Value::Object(defs) => {
                    for key in defs.keys() {
                        let pointer = join("/$defs", key);
                        // Event envelopes referenced from the union are not value types.
                        if self.event_targets.contains(&pointer) {
                            continue;
                        }
                        self.resolve(&pointer, &pointer);
                    }
                }
                _ => self.error("/$defs", "`$defs` must be an object", None),
            }
        }
        Some(Schema::new(
            doc.file.clone(),
            enum_name,
            docs.description,
            events,
            std::mem::take(&mut self.types),
        ))
    }

    pub(super) fn event(&mut self, pointer: &str, value: &Value) -> Option<Event> {
        let (pointer, value) = match value.get("$ref") {
            Some(_) => {
                let object = self.object(pointer, value, "an event schema")?;
                self.only(pointer, object, &["$ref"], "an event `$ref`");
                let target = self.ref_target(pointer, object)?;
                let value = self.value_at(&target)?;
                self.event_targets.push(target.clone());
                (Cow::Owned(target), Cow::Owned(value))
            }
            None => (Cow::Borrowed(pointer), Cow::Borrowed(value)),
        };
        let pointer = &*pointer;
        let value = &*value;
        let object = self.object(pointer, value, "an event schema")?;
        self.only(
            pointer,
            object,
            &[
                "type",
                "properties",
                "required",
                "additionalProperties",
                "examples",
                "x-des-reply-to",
                "x-des-mobile-function",
                "x-des-mobile-handler",
            ],
            "an event schema",
        );
        self.expect_type(pointer, object, "object");
        if object.get("additionalProperties") != Some(&Value::Bool(false)) {
            self.error(
                pointer,
                "an event schema must close its envelope",
                Some("add \"additionalProperties\": false: the envelope has exactly the keys `event` and `message`"),
            );
        }
        let docs = self.docs(pointer, object);
        let props_pointer = join(pointer, "properties");
        let Some(properties) = object.get("properties").and_then(Value::as_object) else {
            self.error(
                pointer,
                "an event schema needs `properties` with `event` and `message`",
                None,
            );
            return None;
        };
        for key in properties.keys() {
            if key != "event" && key != "message" {
                self.error(
                    &join(&props_pointer, key),
                    format!("unexpected envelope property `{key}`"),
                    Some("an event envelope has exactly the properties `event` and `message`"),
                );
            }
        }
        let required = self.required(pointer, object);
        for key in ["event", "message"] {
            if !required.contains_key(key) {
                self.error(
                    pointer,
                    format!("the envelope property `{key}` must be in `required`"),
                    Some("add \"required\": [\"event\", \"message\"]"),
                );
            }
        }
        let wire_name = self.event_name(&join(&props_pointer, "event"), properties.get("event"))?;
        let variant = name::event_variant(&wire_name);
        let method = name::handler_method(&wire_name);
        let const_pointer = join(&join(&props_pointer, "event"), "const");
        if !self.unique_event(&const_pointer, &wire_name, &variant) {
            return None;
        }
        let message_pointer = join(&props_pointer, "message");
        let message_name = match docs.title.as_deref() {
            Some(title) => name::type_name(title),
            None => variant.clone(),
        };
        let message = match properties.get("message") {
            Some(schema) => self.message_type(&message_pointer, schema, &message_name),
            None => {
                self.error(
                    &props_pointer,
                    "an event schema needs a `message` property",
                    None,
                );
                None
            }
        };
        let reply_to = self.string(
            &join(pointer, "x-des-reply-to"),
            object.get("x-des-reply-to"),
            "x-des-reply-to",
        );
        let mobile_function = self.identifier(pointer, object, "x-des-mobile-function");
        let mobile_handler = self
            .identifier(pointer, object, "x-des-mobile-handler")
            .unwrap_or_else(|| wire_name.clone());
        let examples = self.examples(pointer, object, &wire_name);
        if let Some(message) = &message {
            self.describe_message(message, &wire_name);
        }
        Some(Event {
            wire_name,
            variant,
            method,
            message: message?,
            docs,
            examples,
            reply_to,
            mobile_function,
            mobile_handler,
            pointer: pointer.to_owned(),
        })
    }

    pub(super) fn event_name(&mut self, pointer: &str, schema: Option<&Value>) -> Option<String> {
        let hint = "write \"event\": {\"const\": \"<eventName>\"}";
        let Some(schema) = schema else {
            self.error(
                pointer,
                "an event schema needs an `event` property",
                Some(hint),
            );
            return None;
        };
        let object = self.object(pointer, schema, "the `event` schema")?;
        self.only(pointer, object, &["const", "type"], "the `event` property");
        if let Some(ty) = object.get("type")
            && ty.as_str() != Some("string")
        {
            self.error(
                &join(pointer, "type"),
                "the `event` property must be a string",
                Some(hint),
            );
        }
        match object.get("const") {
            Some(Value::String(name)) => Some(name.clone()),
            Some(_) => {
                self.error(
                    &join(pointer, "const"),
                    "the event name `const` must be a string",
                    Some(hint),
                );
                None
            }
            None => {
                self.error(
                    pointer,
                    "the `event` property of a union variant must be a `const`",
                    Some(hint),
                );
                None
            }
        }
    }

    pub(super) fn examples(
        &mut self,
        pointer: &str,
        object: &Map<String, Value>,
        wire: &str,
    ) -> Vec<Value> {
        let examples_pointer = join(pointer, "examples");
        match object.get("examples") {
            None => Vec::new(),
            Some(Value::Array(examples)) => {
                for (index, example) in examples.iter().enumerate() {
                    let event = example.get("event").and_then(Value::as_str);
                    if event != Some(wire) {
                        self.error(
                            &join(&examples_pointer, &index.to_string()),
                            format!("this example is not an envelope of event `{wire}`"),
                            Some("examples are whole envelopes: {\"event\": ..., \"message\": {...}}"),
                        );
                    }
                }
                examples.clone()
            }
            Some(_) => {
                self.error(&examples_pointer, "`examples` must be an array", None);
                Vec::new()
            }
        }
    }

    /// The message of an event: always a named struct.
    pub(super) fn message_type(
        &mut self,
        pointer: &str,
        schema: &Value,
        name: &str,
    ) -> Option<String> {
        match self.value_type(pointer, schema, name)? {
            Type::Named(name) if self.is_struct(&name) || self.is_json(&name) => Some(name),
            _ => {
                self.error(
                    pointer,
                    "an event's `message` must be an object schema with `properties`",
                    Some("use {\"type\": \"object\", \"properties\": {}, \"additionalProperties\": false} for an event without data"),
                );
                None
            }
        }
    }

    /// A string annotation that must be a JavaScript identifier.
    pub(super) fn identifier(
        &mut self,
        pointer: &str,
        object: &Map<String, Value>,
        keyword: &str,
    ) -> Option<String> {
        let keyword_pointer = join(pointer, keyword);
        let name = self.string(&keyword_pointer, object.get(keyword), keyword)?;
        if !des_events_core::ident::is_js_identifier(&name) {
            self.error(
                &keyword_pointer,
                format!("`{keyword}` must be a JavaScript identifier, not \"{name}\""),
                Some("it names a function or native handler of the mobile bridge"),
            );
            return None;
        }
        Some(name)
    }

    /// Records an event; a second event with the same wire name, or with a name that
    /// becomes the same Rust variant, is an error naming both places.
    pub(super) fn unique_event(&mut self, pointer: &str, wire: &str, variant: &str) -> bool {
        if let Some(first) = self.seen_events.get(wire).cloned() {
            self.error(
                pointer,
                format!("the event `{wire}` is defined twice (first at {first})"),
                Some("each event name may appear once in the union"),
            );
            return false;
        }
        if let Some((other, first)) = self.seen_variants.get(variant).cloned() {
            self.error(
                pointer,
                format!("the events `{other}` (at {first}) and `{wire}` both become the Rust variant `{variant}`"),
                Some("event names must stay distinct after conversion to UpperCamelCase"),
            );
            return false;
        }
        let event_pointer = pointer
            .strip_suffix("/properties/event/const")
            .unwrap_or(pointer);
        self.seen_events
            .insert(wire.to_owned(), event_pointer.to_owned());
        self.seen_variants.insert(
            variant.to_owned(),
            (wire.to_owned(), event_pointer.to_owned()),
        );
        true
    }

    /// Gives an event's message struct a first doc line naming the event.
    pub(super) fn describe_message(&mut self, message: &str, wire: &str) {
        let position = self.type_names.get(message).copied();
        if let Some(TypeDef::Struct(def)) =
            position.and_then(|position| self.types.get_mut(position))
            && def.docs.title.is_none()
        {
            def.docs.title = Some(format!("The `message` of the `{wire}` event."));
        }
    }

    pub(super) fn is_json(&self, name: &str) -> bool {
        self.type_names
            .get(name)
            .and_then(|position| self.types.get(*position))
            .is_some_and(|def| matches!(def, TypeDef::Json(_)))
    }

    pub(super) fn is_struct(&self, name: &str) -> bool {
        let position = self.type_names.get(name).copied();
        matches!(
            position.and_then(|position| self.types.get(position)),
            Some(TypeDef::Struct(_))
        )
    }
}
