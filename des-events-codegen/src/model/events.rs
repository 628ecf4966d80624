//! The event union: the root, each event's envelope, name, examples and annotations.

use std::borrow::Cow;

use super::*;

/// The IR's tagging of a recognised shape.
fn tagging(shape: &tagged::Shape) -> Tagging {
    let form = match (&shape.content, shape.open) {
        (Some(content), false) => Form::Envelope {
            content: content.clone(),
        },
        (Some(content), true) => Form::OpenEnvelope {
            content: content.clone(),
        },
        (None, _) => Form::Flat,
    };
    Tagging {
        tag: shape.tag.clone(),
        form,
    }
}

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
            // A dialect whose metaschema is nowhere to be read (a vendor's URI): its
            // keywords are read as the default draft's, with a warning, rather than
            // refusing the file.
            let known: Vec<&str> = Draft::ALL.iter().map(|draft| draft.uri()).collect();
            self.warn(
                "/$schema",
                "unknown `$schema`, whose metaschema is not available: the schema is read as draft 2020-12",
                Some(&format!(
                    "des-events reads JSON Schema drafts 4, 6, 7, 2019-09 and 2020-12 (the default without `$schema`), and dialects of them whose metaschema is next to the schema or mapped: {}",
                    known.join(", ")
                )),
            );
            self.unknown_dialect = true;
        }
        let resolve = |reference: &str| {
            reference
                .strip_prefix('#')
                .and_then(|pointer| doc.value.pointer(pointer))
                .cloned()
        };
        let shape = match &doc.value {
            Value::Object(root) => tagged::tagged_union_shape(root, &resolve),
            _ => None,
        };
        // Neither a tagged union by shape nor a (possibly malformed) classic event union,
        // whose checks say precisely what is wrong: one ordinary type.
        if shape.is_none() && !self.is_event_union(&doc.value) {
            return self.single_root();
        }
        let root = self.object("", &doc.value, "the schema root")?;
        // Without `oneOf`/`anyOf` this is not a union at all: say that once, instead of
        // listing every keyword of some other kind of schema.
        if root.contains_key("oneOf") || root.contains_key("anyOf") {
            // `"type": "object"` says again what every alternative says.
            let mut allowed = vec!["$schema", "$id", "oneOf", "anyOf", "$defs", "definitions"];
            if root.get("type").and_then(Value::as_str) == Some("object") {
                allowed.push("type");
            }
            self.only("", root, &allowed, "the schema root");
        }
        if root.contains_key("oneOf") && root.contains_key("anyOf") {
            self.error(
                "/anyOf",
                "the schema root has both `oneOf` and `anyOf`",
                Some("a tagged union lists its alternatives in one of them"),
            );
        }
        if let Some(id) = root.get("$id")
            && !id.is_string()
        {
            self.error("/$id", "`$id` must be a string", None);
        }
        let docs = self.docs("", root);
        // The dispatch enum: the root `title`, else the file's stem (as any root).
        let enum_name = self.root_name();
        for reserved in name::reserved_types(&enum_name) {
            self.reserve(&reserved);
        }
        // Not recognised as a tagged union: model it as the classic event union, whose
        // checks say precisely what is wrong.
        let keyword = match &shape {
            Some(shape) => shape.keyword,
            None if root.contains_key("anyOf") && !root.contains_key("oneOf") => "anyOf",
            None => "oneOf",
        };
        let tagging = match &shape {
            Some(shape) => tagging(shape),
            None => Tagging::classic(),
        };
        let events = match root.get(keyword) {
            Some(Value::Array(variants)) if !variants.is_empty() => {
                let mut events = Vec::new();
                for (index, variant) in variants.iter().enumerate() {
                    let pointer = format!("/{keyword}/{index}");
                    if let Some(event) = self.event(&pointer, variant, &tagging) {
                        events.push(event);
                    }
                }
                events
            }
            Some(_) => {
                self.error(
                    &format!("/{keyword}"),
                    format!("`{keyword}` must be a non-empty array of event schemas"),
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
                        self.unused_definition(&pointer);
                    }
                }
                _ => self.error("/$defs", "`$defs` must be an object", None),
            }
        }
        Some(
            Schema::new(
                doc.file.clone(),
                enum_name,
                docs.description,
                events,
                std::mem::take(&mut self.types),
            )
            .with_tagging(tagging),
        )
    }

    pub(super) fn event(
        &mut self,
        pointer: &str,
        value: &Value,
        tagging: &Tagging,
    ) -> Option<Event> {
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
        let tag = tagging.tag.as_str();
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
        if tagging.closed_content().is_none() {
            // The bridge and the reply helpers read and write the bare content.
            for keyword in [
                "x-des-reply-to",
                "x-des-mobile-function",
                "x-des-mobile-handler",
            ] {
                if object.contains_key(keyword) {
                    self.error(
                        &join(pointer, keyword),
                        format!("`{keyword}` needs a closed envelope"),
                        Some("the mobile bridge and reply helpers carry the bare content: every alternative needs exactly the tag and one content property, and \"additionalProperties\": false"),
                    );
                }
            }
        }
        self.expect_type(pointer, object, "object");
        if let Some(content) = tagging.closed_content()
            && object.get("additionalProperties") != Some(&Value::Bool(false))
        {
            // Only when the union was not recognised (e.g. an alternative in another
            // file): a recognised one with an open alternative is an open envelope.
            self.error(
                pointer,
                "an event schema must close its envelope",
                Some(&format!("add \"additionalProperties\": false: the envelope has exactly the keys `{}` and `{content}`", tagging.tag)),
            );
        }
        let docs = self.docs(pointer, object);
        let props_pointer = join(pointer, "properties");
        let Some(properties) = object.get("properties").and_then(Value::as_object) else {
            let hint = match tagging.content() {
                Some(content) => {
                    format!("an event schema needs `properties` with `{tag}` and `{content}`")
                }
                None => format!("an event schema needs `properties` with `{tag}`"),
            };
            self.error(pointer, hint, None);
            return None;
        };
        if let Some(content) = tagging.content() {
            for key in properties.keys() {
                if key != tag && key != content {
                    self.error(
                        &join(&props_pointer, key),
                        format!("unexpected envelope property `{key}`"),
                        Some(&format!(
                            "an event envelope has exactly the properties `{tag}` and `{content}`"
                        )),
                    );
                }
            }
        }
        let required = self.required(pointer, object);
        for key in std::iter::once(tag).chain(tagging.content()) {
            if !required.contains_key(key) {
                let hint = match tagging.content() {
                    Some(content) => format!("add \"required\": [\"{tag}\", \"{content}\"]"),
                    None => format!("add \"{tag}\" to \"required\""),
                };
                self.error(
                    pointer,
                    format!("the envelope property `{key}` must be in `required`"),
                    Some(&hint),
                );
            }
        }
        let tag_pointer = join(&props_pointer, tag);
        let wire_name = self.event_name(&tag_pointer, properties.get(tag), tag)?;
        let variant = name::event_variant(&wire_name);
        let method = name::handler_method(&wire_name);
        let const_pointer = match properties
            .get(tag)
            .and_then(Value::as_object)
            .is_some_and(|schema| schema.contains_key("enum"))
        {
            true => join(&join(&tag_pointer, "enum"), "0"),
            false => join(&tag_pointer, "const"),
        };
        if !self.unique_event(&const_pointer, pointer, &wire_name, &variant) {
            return None;
        }
        let message_name = match docs.title.as_deref() {
            Some(title) => name::type_name(title),
            None => variant.clone(),
        };
        let message = match &tagging.form {
            Form::Envelope { content } | Form::OpenEnvelope { content } => {
                let message_pointer = join(&props_pointer, content);
                let message = match properties.get(content.as_str()) {
                    Some(schema) => self.message_type(&message_pointer, schema, &message_name),
                    None => {
                        self.error(
                            &props_pointer,
                            format!("an event schema needs a `{content}` property"),
                            None,
                        );
                        None
                    }
                };
                if let Some(message) = &message {
                    self.describe_message(message, tagging, &wire_name);
                }
                match (&tagging.form, message) {
                    (Form::OpenEnvelope { content }, Some(message)) => self
                        .envelope_struct(pointer, object, content, &message, &variant, &wire_name),
                    (_, message) => message,
                }
            }
            Form::Flat => self.flat_struct(pointer, object, tag, message_name, &docs, &wire_name),
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
        let examples = self.examples(pointer, object, tag, &wire_name);
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

    /// The struct an open-envelope variant holds: the content field, and the other keys
    /// the alternative allows (`additionalProperties`).
    fn envelope_struct(
        &mut self,
        pointer: &str,
        object: &Map<String, Value>,
        content: &str,
        message: &str,
        variant: &str,
        wire: &str,
    ) -> Option<String> {
        let name = name::envelope_struct(variant);
        let (additional, additional_type) = self.additional(pointer, object, &name)?;
        let content_pointer = join(&join(pointer, "properties"), content);
        let field = Field {
            wire_name: content.to_owned(),
            rust_name: name::field_name(content),
            docs: Docs::default(),
            ty: Type::Named(message.to_owned()),
            required: true,
            nullable: false,
            deprecated: false,
            read_only: false,
            write_only: false,
            default: None,
            boxed: false,
            schema: None,
            credential: false,
            echo: false,
            pointer: content_pointer,
        };
        self.register(TypeDef::Struct(StructDef {
            name: name.clone(),
            docs: Docs {
                title: Some(format!(
                    "The envelope of the `{wire}` variant: `{content}` and the other keys it allows."
                )),
                description: None,
            },
            fields: vec![field],
            additional,
            additional_type,
            additional_schema: object
                .get("additionalProperties")
                .filter(|schema| schema.is_object() && !mentions_ref(schema))
                .cloned(),
            patterns: Vec::new(),
            min_properties: None,
            max_properties: None,
            check: None,
            checked: Vec::new(),
            pointer: pointer.to_owned(),
        }))?;
        Some(name)
    }

    /// The struct a flat-form variant holds: the alternative's properties less the tag.
    fn flat_struct(
        &mut self,
        pointer: &str,
        object: &Map<String, Value>,
        tag: &str,
        name: String,
        docs: &Docs,
        wire: &str,
    ) -> Option<String> {
        let mut rest = Map::new();
        for (key, value) in object {
            match key.as_str() {
                "properties" => {
                    // Rebuilt rather than `remove`d: the other properties keep their order.
                    let properties: Map<String, Value> = value
                        .as_object()
                        .into_iter()
                        .flatten()
                        .filter(|(key, _)| *key != tag)
                        .map(|(key, value)| (key.clone(), value.clone()))
                        .collect();
                    rest.insert(key.clone(), Value::Object(properties));
                }
                "required" => {
                    let mut required = value.as_array().cloned().unwrap_or_default();
                    required.retain(|item| item.as_str() != Some(tag));
                    rest.insert(key.clone(), Value::Array(required));
                }
                "type" | "additionalProperties" => {
                    rest.insert(key.clone(), value.clone());
                }
                _ => {}
            }
        }
        let docs = Docs {
            title: docs.title.clone().or_else(|| {
                Some(format!(
                    "The fields of the `{wire}` variant (besides `{tag}`)."
                ))
            }),
            description: docs.description.clone(),
        };
        // The variant's struct is read without the tag: no whole-object check here.
        self.no_checks = true;
        let modelled = self.object_type(pointer, &rest, name.clone(), docs.clone());
        self.no_checks = false;
        match modelled? {
            Type::Named(name) => Some(name),
            // No other property and any other key allowed: a struct that keeps them.
            _ => {
                self.register(TypeDef::Struct(StructDef {
                    name: name.clone(),
                    docs,
                    fields: Vec::new(),
                    additional: Additional::Open,
                    additional_type: None,
                    additional_schema: None,
                    patterns: Vec::new(),
                    min_properties: None,
                    max_properties: None,
                    check: None,
                    checked: Vec::new(),
                    pointer: pointer.to_owned(),
                }))?;
                Some(name)
            }
        }
    }

    /// The tag constant of one alternative.
    pub(super) fn event_name(
        &mut self,
        pointer: &str,
        schema: Option<&Value>,
        tag: &str,
    ) -> Option<String> {
        let hint = format!("write \"{tag}\": {{\"const\": \"<eventName>\"}}");
        let hint = hint.as_str();
        let Some(schema) = schema else {
            self.error(
                pointer,
                format!("an event schema needs an `{tag}` property"),
                Some(hint),
            );
            return None;
        };
        let object = self.object(pointer, schema, &format!("the `{tag}` schema"))?;
        self.only(
            pointer,
            object,
            &["const", "enum", "type"],
            &format!("the `{tag}` property"),
        );
        if let Some(ty) = object.get("type")
            && ty.as_str() != Some("string")
        {
            self.error(
                &join(pointer, "type"),
                format!("the `{tag}` property must be a string"),
                Some(hint),
            );
        }
        if object.contains_key("const") && object.contains_key("enum") {
            self.error(
                &join(pointer, "enum"),
                format!("the `{tag}` property has both `const` and `enum`"),
                Some(hint),
            );
            return None;
        }
        match (object.get("const"), object.get("enum")) {
            (Some(Value::String(name)), _) => Some(name.clone()),
            (None, Some(Value::Array(values))) if values.len() == 1 => match values.first() {
                Some(Value::String(name)) => Some(name.clone()),
                _ => {
                    self.error(
                        &join(&join(pointer, "enum"), "0"),
                        "the event name must be a string",
                        Some(hint),
                    );
                    None
                }
            },
            (None, Some(_)) => {
                self.error(
                    &join(pointer, "enum"),
                    format!("the `{tag}` property's `enum` must list exactly one string"),
                    Some(hint),
                );
                None
            }
            (Some(_), _) => {
                self.error(
                    &join(pointer, "const"),
                    "the event name `const` must be a string",
                    Some(hint),
                );
                None
            }
            (None, None) => {
                self.error(
                    pointer,
                    format!("the `{tag}` property of a union variant must be a `const`"),
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
        tag: &str,
        wire: &str,
    ) -> Vec<Value> {
        let examples_pointer = join(pointer, "examples");
        match object.get("examples") {
            None => Vec::new(),
            Some(Value::Array(examples)) => {
                for (index, example) in examples.iter().enumerate() {
                    let event = example.get(tag).and_then(Value::as_str);
                    if event != Some(wire) {
                        self.error(
                            &join(&examples_pointer, &index.to_string()),
                            format!("this example is not an envelope of event `{wire}`"),
                            Some(&if tag == "event" {
                                "examples are whole envelopes: {\"event\": ..., \"message\": {...}}"
                                    .to_owned()
                            } else {
                                format!("examples are whole documents with \"{tag}\": \"{wire}\"")
                            }),
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

    /// The message of an event: a named type. A message of any shape is accepted: a
    /// struct, a validated value, an enum or union as they are; a string, number,
    /// array, map or any JSON value in a newtype named like the message struct would be
    /// (`pub struct Log(pub String)`), with the same checks.
    pub(super) fn message_type(
        &mut self,
        pointer: &str,
        schema: &Value,
        name: &str,
    ) -> Option<String> {
        match self.value_type(pointer, schema, name)? {
            Type::Named(name) => Some(name),
            ty => self.newtype(pointer, schema, name, ty),
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
    pub(super) fn unique_event(
        &mut self,
        pointer: &str,
        event_pointer: &str,
        wire: &str,
        variant: &str,
    ) -> bool {
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
        self.seen_events
            .insert(wire.to_owned(), event_pointer.to_owned());
        self.seen_variants.insert(
            variant.to_owned(),
            (wire.to_owned(), event_pointer.to_owned()),
        );
        true
    }

    /// Gives an event's message struct a first doc line naming the event.
    pub(super) fn describe_message(&mut self, message: &str, tagging: &Tagging, wire: &str) {
        let title = match tagging.content() {
            Some(content) if tagging.tag == "event" => {
                format!("The `{content}` of the `{wire}` event.")
            }
            Some(content) => format!("The `{content}` of the `{wire}` variant."),
            None => return,
        };
        let position = self.type_names.get(message).copied();
        if let Some(TypeDef::Struct(def)) =
            position.and_then(|position| self.types.get_mut(position))
            && def.docs.title.is_none()
        {
            def.docs.title = Some(title);
        }
    }
}
