//! Walks two IRs side by side and records every change with its verdicts (from
//! [`super::rules`]). Events and fields match by wire name; named types match by the
//! place they are used at (see the module documentation of [`super`]).

mod checked;

use super::constraints::{self, Moved};
use super::rules;
use super::{Change, Kind, Receiver, Site, Verdict};
use crate::ir::{
    Additional, Alternative, EnumDef, Event, Field, Form, Schema, StructDef, Type, TypeDef,
    UnionDef,
};
use crate::name;

/// Every change from `old` to `new`, judged for `receiver`s.
pub fn compare(old: &Schema, new: &Schema, receiver: Receiver) -> Vec<Change> {
    let mut comparer = Comparer {
        old,
        new,
        changes: Vec::new(),
        event: None,
        is_reply: false,
        stack: Vec::new(),
        at: Site {
            old: Some(String::new()),
            new: Some(String::new()),
            pos: None,
        },
        receiver,
        strict: 0,
    };
    comparer.schemas();
    comparer.changes
}

/// The keywords a struct's validator checks, less `patternProperties` (typed maps,
/// compared on their own).
fn plain_checks(def: &StructDef) -> Vec<&(String, serde_json::Value)> {
    def.checked
        .iter()
        .filter(|(key, _)| key != "patternProperties")
        .collect()
}

/// An object's fields and openness; a free-form object is an open one without fields.
#[derive(Clone, Copy)]
struct StructView<'a> {
    fields: &'a [Field],
    additional: Additional,
    /// `minProperties`, `maxProperties`.
    counts: (Option<u64>, Option<u64>),
    /// The schema of the other keys' values, when the object is open and says one.
    extra: Option<&'a Type>,
}

impl<'a> StructView<'a> {
    fn of(def: &'a StructDef) -> Self {
        StructView {
            fields: &def.fields,
            additional: def.additional,
            counts: (def.min_properties, def.max_properties),
            extra: def.additional_type.as_ref(),
        }
    }

    const MAP: StructView<'static> = StructView {
        fields: &[],
        additional: Additional::Open,
        counts: (None, None),
        extra: None,
    };

    fn field(&self, wire: &str) -> Option<&'a Field> {
        self.fields.iter().find(|field| field.wire_name == wire)
    }
}

struct Comparer<'a> {
    old: &'a Schema,
    new: &'a Schema,
    changes: Vec<Change>,
    /// The event being compared.
    event: Option<String>,
    /// The event being compared answers another (`x-des-reply-to` on either side).
    is_reply: bool,
    /// Named types being compared (old name, new name): a guard against cycles.
    stack: Vec<(String, String)>,
    /// The schema nodes being compared (the site of the changes pushed now).
    at: Site,
    /// Who reads the documents.
    receiver: Receiver,
    /// How many union alternatives or validator-checked objects enclose the place being
    /// compared: a tolerant receiver reads them strictly.
    strict: usize,
}

/// The pointer of what holds `pointer` (`/oneOf/2` -> `/oneOf`).
fn parent(pointer: &str) -> String {
    pointer
        .rfind('/')
        .map_or_else(String::new, |index| pointer[..index].to_owned())
}

impl Comparer<'_> {
    /// Runs `compare` with the site moved to `old` / `new` (`None` keeps that side's).
    fn within(&mut self, old: Option<&str>, new: Option<&str>, compare: impl FnOnce(&mut Self)) {
        let saved = self.at.clone();
        if let Some(old) = old {
            self.at.old = Some(old.to_owned());
        }
        if let Some(new) = new {
            self.at.new = Some(new.to_owned());
        }
        compare(self);
        self.at = saved;
    }

    fn push(&mut self, kind: Kind, path: &str, detail: String, verdict: Verdict) {
        let verdict = if self.strict == 0 {
            rules::as_read_by(self.receiver, kind, verdict)
        } else {
            verdict
        };
        self.changes.push(Change {
            kind,
            event: self.event.clone(),
            path: path.to_owned(),
            detail,
            receivers: verdict.receivers,
            senders: verdict.senders,
            api: verdict.api,
            site: self.at.clone(),
            witnesses: Vec::new(),
        });
    }

    /// The root types (a schema that is not an event union), matched by their pointer.
    fn roots(&mut self) {
        let (old, new) = (self.old, self.new);
        for old_root in &old.roots {
            let path = if old_root.pointer.is_empty() {
                "(root)".to_owned()
            } else {
                old_root.pointer.clone()
            };
            match new
                .roots
                .iter()
                .find(|root| root.pointer == old_root.pointer)
            {
                Some(new_root) => self.named(&path, &old_root.name, &new_root.name),
                None => self.within(Some(&old_root.pointer), None, |this| {
                    this.push(
                        Kind::RootTypeRemoved,
                        &path,
                        format!("root type `{}` removed", old_root.name),
                        rules::root_type_removed(),
                    );
                }),
            }
        }
        for new_root in &new.roots {
            if !old
                .roots
                .iter()
                .any(|root| root.pointer == new_root.pointer)
            {
                self.within(None, Some(&new_root.pointer), |this| {
                    this.push(
                        Kind::RootTypeAdded,
                        &new_root.pointer,
                        format!("new root type `{}`", new_root.name),
                        rules::root_type_added(),
                    );
                });
            }
        }
    }

    fn schemas(&mut self) {
        let (old, new) = (self.old, self.new);
        if old.tagging.tag != new.tagging.tag {
            self.changes.push(rules::discriminator_changed(
                &old.tagging.tag,
                &new.tagging.tag,
            ));
        } else if old.tagging.content() != new.tagging.content() {
            self.changes.push(rules::envelope_changed(format!(
                "wire shape {} -> {}: every document changes shape",
                wire_shape(old),
                wire_shape(new)
            )));
        }
        if old.name != new.name {
            self.within(Some("/title"), Some("/title"), |this| {
                this.push(
                    Kind::SchemaRenamed,
                    "title",
                    format!(
                        "dispatch enum `{}` -> `{}`, handler trait `{}` -> `{}`",
                        old.name,
                        new.name,
                        name::handler_trait(&old.name),
                        name::handler_trait(&new.name)
                    ),
                    rules::schema_renamed(),
                );
            });
        }
        // Where events are: `/oneOf` (or what holds the first event).
        let union = |schema: &Schema| {
            schema
                .events
                .first()
                .map_or_else(String::new, |event| parent(&event.pointer))
        };
        let (old_union, new_union) = (union(old), union(new));
        self.roots();
        for old_event in &old.events {
            match new.event(&old_event.wire_name) {
                Some(new_event) => self.event(old_event, new_event),
                None => {
                    self.event = Some(old_event.wire_name.clone());
                    self.within(Some(&old_event.pointer), Some(&new_union), |this| {
                        this.push(
                            Kind::EventRemoved,
                            "event",
                            format!(
                                "event `{}` removed (variant `{}`, handler method `{}`)",
                                old_event.wire_name, old_event.variant, old_event.method
                            ),
                            rules::event_removed(),
                        );
                    });
                }
            }
        }
        for new_event in &new.events {
            if old.event(&new_event.wire_name).is_none() {
                self.event = Some(new_event.wire_name.clone());
                self.within(Some(&old_union), Some(&new_event.pointer), |this| {
                    this.push(
                        Kind::EventAdded,
                        "event",
                        format!(
                            "new event `{}` (variant `{}`, handler method `{}`)",
                            new_event.wire_name, new_event.variant, new_event.method
                        ),
                        rules::event_added(),
                    );
                });
            }
        }
        self.event = None;
        let old_order: Vec<&str> = old
            .events
            .iter()
            .map(|event| event.wire_name.as_str())
            .filter(|wire| new.event(wire).is_some())
            .collect();
        let new_order: Vec<&str> = new
            .events
            .iter()
            .map(|event| event.wire_name.as_str())
            .filter(|wire| old.event(wire).is_some())
            .collect();
        if old_order != new_order {
            self.at = Site {
                old: Some(old_union),
                new: Some(new_union),
                pos: None,
            };
            self.push(
                Kind::OrderChanged,
                "oneOf",
                format!(
                    "events reordered: {} -> {}",
                    old_order.join(", "),
                    new_order.join(", ")
                ),
                rules::order_changed(),
            );
        }
    }

    fn event(&mut self, old: &Event, new: &Event) {
        self.within(Some(&old.pointer), Some(&new.pointer), |this| {
            this.event_at(old, new);
        });
    }

    fn event_at(&mut self, old: &Event, new: &Event) {
        self.event = Some(old.wire_name.clone());
        self.is_reply = old.reply_to.is_some() || new.reply_to.is_some();
        if old.reply_to != new.reply_to {
            self.push(
                Kind::ReplyToChanged,
                "x-des-reply-to",
                format!(
                    "replies to {} -> {}",
                    quoted(old.reply_to.as_deref()),
                    quoted(new.reply_to.as_deref())
                ),
                rules::reply_to_changed(old.reply_to.is_some()),
            );
        }
        if old.mobile_function != new.mobile_function {
            self.push(
                Kind::MobileFunctionChanged,
                "x-des-mobile-function",
                format!(
                    "mobile function {} -> {}",
                    quoted(old.mobile_function.as_deref()),
                    quoted(new.mobile_function.as_deref())
                ),
                rules::mobile_function_changed(old.mobile_function.is_some()),
            );
        }
        if old.mobile_handler != new.mobile_handler {
            self.push(
                Kind::MobileHandlerChanged,
                "x-des-mobile-handler",
                format!(
                    "mobile handler `{}` -> `{}`",
                    old.mobile_handler, new.mobile_handler
                ),
                rules::mobile_handler_changed(),
            );
        }
        self.data(old, new);
        self.event = None;
        self.is_reply = false;
    }

    /// The data of two versions of an event: the envelopes' contents (at the content key)
    /// and their other keys (at the empty path), or the flat variants' structs (at the
    /// top). A change of form was reported once, for the whole schema.
    fn data(&mut self, old: &Event, new: &Event) {
        let (old_schema, new_schema) = (self.old, self.new);
        match (old_schema.tagging.content(), new_schema.tagging.content()) {
            (Some(old_content), Some(new_content)) if old_content == new_content => {
                let (old_message, old_envelope) = envelope_parts(old_schema, old);
                let (new_message, new_envelope) = envelope_parts(new_schema, new);
                self.named(old_content, old_message, new_message);
                self.structs("", old_envelope, new_envelope);
            }
            (None, None) => self.named("", &old.message, &new.message),
            _ => {}
        }
    }

    /// Two named types used at the same place.
    fn named(&mut self, path: &str, old_name: &str, new_name: &str) {
        let (old, new) = (self.old, self.new);
        let (Some(old_def), Some(new_def)) = (old.type_def(old_name), new.type_def(new_name))
        else {
            return;
        };
        self.within(Some(old_def.pointer()), Some(new_def.pointer()), |this| {
            this.named_at(path, (old_name, new_name), (old_def, new_def));
        });
    }

    fn named_at(
        &mut self,
        path: &str,
        (old_name, new_name): (&str, &str),
        (old_def, new_def): (&TypeDef, &TypeDef),
    ) {
        let (old, new) = (self.old, self.new);
        let pair = (old_name.to_owned(), new_name.to_owned());
        if self.stack.contains(&pair) {
            return;
        }
        self.stack.push(pair);
        match (old_def, new_def) {
            (TypeDef::Struct(old_def), TypeDef::Struct(new_def)) => {
                self.renamed(path, old_name, new_name);
                // A validator checks the whole object first: it reads strictly.
                let checked = old_def.check.is_some() || new_def.check.is_some();
                self.strict += usize::from(checked);
                self.structs(path, StructView::of(old_def), StructView::of(new_def));
                self.strict -= usize::from(checked);
                // `patternProperties` are typed maps, compared on their own.
                self.patterns(path, new_name, old_def, new_def);
                self.checks(
                    path,
                    new_name,
                    "objects",
                    (plain_checks(old_def), plain_checks(new_def)),
                );
            }
            (TypeDef::Enum(old_def), TypeDef::Enum(new_def)) => {
                self.renamed(path, old_name, new_name);
                self.enums(path, old_def, new_def);
            }
            // Newtypes: the wrapped types, and the keywords checked next to them.
            (TypeDef::Newtype(old_def), TypeDef::Newtype(new_def)) => {
                self.newtypes(path, old_name, new_name, (old_def, new_def));
            }
            // A validated value that became a checked newtype, or back.
            (TypeDef::Json(old_def), TypeDef::Newtype(new_def)) if new_def.check.is_some() => {
                self.json_and_checked(path, (old_name, new_name), old_def, new_def, true);
            }
            (TypeDef::Newtype(old_def), TypeDef::Json(new_def)) if old_def.check.is_some() => {
                self.json_and_checked(path, (old_name, new_name), new_def, old_def, false);
            }
            // Validated JSON values: the same schema text is the same set of documents;
            // any other change cannot be ordered here, so it counts both ways.
            (TypeDef::Json(old_def), TypeDef::Json(new_def)) => {
                self.renamed(path, old_name, new_name);
                // The same schema text, with the same documents behind its references, is
                // the same set of documents; anything else is not decided here.
                let same = match (&old_def.schema, &new_def.schema) {
                    (Some(old_schema), Some(new_schema)) => old_schema == new_schema,
                    _ => old_def.entry == new_def.entry && self.old.documents == self.new.documents,
                };
                if !same {
                    self.push(
                        Kind::ValidatedSchemaChanged,
                        path,
                        format!(
                            "the schema of the validated value `{new_name}` changed; which documents it accepts is not compared keyword by keyword"
                        ),
                        rules::validated_schema_changed(),
                    );
                }
            }
            // Tuples of the same length: position by position.
            (TypeDef::Tuple(old_def), TypeDef::Tuple(new_def))
                if old_def.items.len() == new_def.items.len() =>
            {
                self.renamed(path, old_name, new_name);
                for (index, (old_ty, new_ty)) in
                    old_def.items.iter().zip(&new_def.items).enumerate()
                {
                    self.types(&format!("{path}[{index}]"), old_ty, new_ty);
                }
            }
            // Same kind of union with as many alternatives: compare them pairwise.
            (TypeDef::Union(old_def), TypeDef::Union(new_def))
                if old_def.exclusive == new_def.exclusive
                    && old_def.alternatives.len() == new_def.alternatives.len()
                    && old_def
                        .alternatives
                        .iter()
                        .zip(&new_def.alternatives)
                        .all(|(old_alt, new_alt)| old_alt.ty.is_some() == new_alt.ty.is_some()) =>
            {
                self.renamed(path, old_name, new_name);
                // Alternatives are told apart strictly, whatever the receiver.
                self.strict += 1;
                for (index, (old_alt, new_alt)) in old_def
                    .alternatives
                    .iter()
                    .zip(&new_def.alternatives)
                    .enumerate()
                {
                    // The `Other` variant of a union split by JSON type is the whole
                    // schema for the JSON types no typed variant takes: whatever changes
                    // for it changes in the typed variants too (all-type keywords are in
                    // each), which are compared; a new JSON type is a new variant.
                    if split_other(old, old_def, old_alt) && split_other(new, new_def, new_alt) {
                        continue;
                    }
                    if let (Some(old_ty), Some(new_ty)) = (&old_alt.ty, &new_alt.ty) {
                        self.types(&format!("{path}|{index}"), old_ty, new_ty);
                    }
                }
                self.strict -= 1;
            }
            _ => self.push(
                Kind::TypeChanged,
                path,
                format!(
                    "{} -> {}",
                    describe(old, &Type::Named(old_name.to_owned())),
                    describe(new, &Type::Named(new_name.to_owned()))
                ),
                rules::type_changed(),
            ),
        }
        self.stack.pop();
    }

    fn renamed(&mut self, path: &str, old_name: &str, new_name: &str) {
        if old_name != new_name {
            self.push(
                Kind::TypeRenamed,
                path,
                format!("Rust type `{old_name}` -> `{new_name}`"),
                rules::type_renamed(),
            );
        }
    }

    /// `patternProperties`: the same patterns compare their value types key by key; a
    /// pattern added, removed or rewritten changes which keys fall under which schema
    /// (and under `additionalProperties`), which is not decided here.
    fn patterns(&mut self, path: &str, name: &str, old: &StructDef, new: &StructDef) {
        let old_sources: Vec<&str> = old
            .patterns
            .iter()
            .map(|map| map.pattern.as_str())
            .collect();
        let new_sources: Vec<&str> = new
            .patterns
            .iter()
            .map(|map| map.pattern.as_str())
            .collect();
        if old_sources == new_sources {
            for (old_map, new_map) in old.patterns.iter().zip(&new.patterns) {
                let child = child(path, &format!("~/{}/", old_map.pattern));
                self.types(&child, &old_map.ty, &new_map.ty);
            }
            return;
        }
        let list = |sources: &[&str]| {
            if sources.is_empty() {
                "none".to_owned()
            } else {
                sources
                    .iter()
                    .map(|source| format!("`{source}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        };
        self.push(
            Kind::ValidatedSchemaChanged,
            path,
            format!(
                "the patternProperties of `{name}` changed ({} -> {}); which keys each schema then governs is not compared",
                list(&old_sources),
                list(&new_sources)
            ),
            rules::validated_schema_changed(),
        );
    }

    fn structs(&mut self, path: &str, old: StructView<'_>, new: StructView<'_>) {
        match (old.additional, new.additional) {
            (Additional::Closed, Additional::Open) => self.push(
                Kind::AdditionalPropertiesOpened,
                path,
                "additionalProperties false -> true: unknown keys are kept".to_owned(),
                rules::additional_properties_opened(),
            ),
            (Additional::Open, Additional::Closed) => self.push(
                Kind::AdditionalPropertiesClosed,
                path,
                "additionalProperties true -> false: unknown keys are rejected".to_owned(),
                rules::additional_properties_closed(),
            ),
            _ => {}
        }
        self.constraints(path, constraints::property_counts(old.counts, new.counts));
        if old.additional == Additional::Open && new.additional == Additional::Open {
            match (old.extra, new.extra) {
                (Some(old_extra), Some(new_extra)) => {
                    self.types(&child(path, "*"), old_extra, new_extra)
                }
                (None, Some(_)) | (Some(_), None) => {
                    let typed = new.extra.is_some();
                    self.constraints(path, constraints::typed_additional(typed));
                }
                (None, None) => {}
            }
        }
        let new_open = new.additional == Additional::Open;
        let old_open = old.additional == Additional::Open;
        for old_field in old.fields {
            let new_field = new.field(&old_field.wire_name);
            let new_at = new_field.map(|field| field.pointer.as_str());
            self.within(Some(&old_field.pointer), new_at, |this| {
                this.field(path, old_field, new_field, new_open);
            });
        }
        for new_field in new.fields {
            if old.field(&new_field.wire_name).is_some() {
                continue;
            }
            let child = child(path, &new_field.wire_name);
            let (kind, required) = if new_field.required {
                (Kind::RequiredFieldAdded, "required")
            } else {
                (Kind::OptionalFieldAdded, "optional")
            };
            let detail = format!(
                "new {required} field `{}` ({})",
                new_field.wire_name,
                describe(self.new, &new_field.ty)
            );
            self.within(None, Some(&new_field.pointer), |this| {
                this.push(
                    kind,
                    &child,
                    detail,
                    rules::field_added(new_field.required, old_open),
                );
            });
        }
    }

    /// A field of OLD's object, and NEW's field of the same wire name, if any.
    fn field(&mut self, path: &str, old_field: &Field, new_field: Option<&Field>, new_open: bool) {
        let child = child(path, &old_field.wire_name);
        let Some(new_field) = new_field else {
            let (kind, required) = if old_field.required {
                (Kind::RequiredFieldRemoved, "required")
            } else {
                (Kind::OptionalFieldRemoved, "optional")
            };
            let detail = format!(
                "{required} field `{}` ({}) removed",
                old_field.wire_name,
                describe(self.old, &old_field.ty)
            );
            self.push(
                kind,
                &child,
                detail,
                rules::field_removed(old_field.required, new_open),
            );
            return;
        };
        match (old_field.required, new_field.required) {
            (false, true) => self.push(
                Kind::FieldNowRequired,
                &child,
                format!(
                    "`{}` optional -> required (Option<T> -> T)",
                    old_field.wire_name
                ),
                rules::field_now_required(),
            ),
            (true, false) => self.push(
                Kind::FieldNowOptional,
                &child,
                format!(
                    "`{}` required -> optional (T -> Option<T>)",
                    old_field.wire_name
                ),
                rules::field_now_optional(),
            ),
            _ => {}
        }
        if old_field.echo != new_field.echo {
            // Reply helpers copy the echoed fields of a reply's message.
            let helper = self.is_reply && path == "message";
            self.push(
                Kind::EchoChanged,
                &child,
                format!("x-des-echo {} -> {}", old_field.echo, new_field.echo),
                rules::echo_changed(helper),
            );
        }
        if old_field.nullable != new_field.nullable {
            self.constraints(
                &child,
                constraints::nullable(old_field.nullable, new_field.nullable),
            );
        }
        self.types(&child, &old_field.ty, &new_field.ty);
    }

    fn enums(&mut self, path: &str, old: &EnumDef, new: &EnumDef) {
        let has = |def: &EnumDef, wire: &str| def.variants.iter().any(|(value, _)| value == wire);
        self.legacy(path, old, new);
        for (wire, variant) in &old.variants {
            if is_legacy(new, wire).is_some() {
                // Reported by `legacy`.
            } else if !has(new, wire) {
                self.push(
                    Kind::EnumValueRemoved,
                    path,
                    format!(
                        "value \"{wire}\" removed (variant `{}::{variant}`)",
                        old.name
                    ),
                    rules::enum_value_removed(),
                );
            }
        }
        for (wire, variant) in &new.variants {
            if is_legacy(old, wire).is_some() {
                // Reported by `legacy`.
            } else if !has(old, wire) {
                self.push(
                    Kind::EnumValueAdded,
                    path,
                    format!("new value \"{wire}\" (variant `{}::{variant}`)", new.name),
                    rules::enum_value_added(),
                );
            }
        }
        let common = |def: &EnumDef, other: &EnumDef| -> Vec<String> {
            def.variants
                .iter()
                .filter(|(wire, _)| has(other, wire))
                .map(|(wire, _)| wire.clone())
                .collect()
        };
        let (old_order, new_order) = (common(old, new), common(new, old));
        if old_order != new_order {
            self.push(
                Kind::OrderChanged,
                path,
                format!(
                    "values reordered: {} -> {}",
                    old_order.join(", "),
                    new_order.join(", ")
                ),
                rules::order_changed(),
            );
        }
    }

    /// The `x-des-legacy` values of two versions of an enum.
    fn legacy(&mut self, path: &str, old: &EnumDef, new: &EnumDef) {
        let current =
            |def: &EnumDef, wire: &str| def.variants.iter().any(|(value, _)| value == wire);
        for (wire, _) in &new.legacy {
            let now = is_legacy(new, wire).unwrap_or_default();
            match is_legacy(old, wire) {
                Some(before) if before != now => self.push(
                    Kind::LegacySynonymChanged,
                    path,
                    format!("legacy value \"{wire}\" is now read as \"{now}\" (was \"{before}\")"),
                    rules::legacy_synonym_changed(),
                ),
                Some(_) => {}
                None => {
                    let was_current = current(old, wire);
                    let detail = if was_current {
                        format!(
                            "value \"{wire}\" is now legacy: accepted, read as \"{now}\", never sent (variant `{}` removed)",
                            old.name
                        )
                    } else {
                        format!(
                            "new legacy value \"{wire}\": accepted, read as \"{now}\", never sent"
                        )
                    };
                    self.push(
                        Kind::LegacyValueAdded,
                        path,
                        detail,
                        rules::legacy_value_added(was_current),
                    );
                }
            }
        }
        for (wire, _) in &old.legacy {
            if is_legacy(new, wire).is_some() {
                continue;
            }
            let now_current = current(new, wire);
            let detail = if now_current {
                format!("legacy value \"{wire}\" is a current value again (a new variant)")
            } else {
                format!("legacy value \"{wire}\" is no longer accepted")
            };
            self.push(
                Kind::LegacyValueRemoved,
                path,
                detail,
                rules::legacy_value_removed(now_current),
            );
        }
    }

    fn constraints(&mut self, path: &str, moves: Vec<Moved>) {
        for moved in moves {
            self.push(
                moved.direction.kind(),
                path,
                moved.detail,
                rules::constraint(moved.direction, moved.rust_type_changes),
            );
        }
    }

    /// Two value types at the same place.
    fn types(&mut self, path: &str, old: &Type, new: &Type) {
        let (old_schema, new_schema) = (self.old, self.new);
        let changed = |verdict: Verdict| {
            (
                format!(
                    "{} -> {}",
                    describe(old_schema, old),
                    describe(new_schema, new)
                ),
                verdict,
            )
        };
        let (detail, verdict) = match (old, new) {
            // `"type": "string"` -> `["string", "integer"]`: an `anyOf` union (a union
            // split by JSON type is one) with an alternative of exactly the old type
            // accepts all the old type did, and more; the other way round, less.
            (old_ty, Type::Named(name)) if any_of_with(new_schema, name, old_ty) => {
                changed(rules::type_widened(true))
            }
            (Type::Named(name), new_ty) if any_of_with(old_schema, name, new_ty) => {
                changed(rules::type_narrowed(true))
            }
            (Type::String(old_rules), Type::String(new_rules)) => {
                if old_rules.credential != new_rules.credential {
                    let rust = |credential: bool| {
                        if credential {
                            "des_events::Credential"
                        } else {
                            "String"
                        }
                    };
                    self.push(
                        Kind::RustTypeChanged,
                        path,
                        format!(
                            "x-des-credential {} -> {}: {} -> {}",
                            old_rules.credential,
                            new_rules.credential,
                            rust(old_rules.credential),
                            rust(new_rules.credential)
                        ),
                        rules::rust_type_changed(),
                    );
                }
                self.constraints(path, constraints::strings(old_rules, new_rules));
                return;
            }
            (Type::Integer(old_rules), Type::Integer(new_rules)) => {
                self.constraints(path, constraints::integers(old_rules, new_rules));
                return;
            }
            (Type::Number(old_rules), Type::Number(new_rules)) => {
                self.constraints(path, constraints::numbers(old_rules, new_rules));
                return;
            }
            (Type::Boolean, Type::Boolean) | (Type::Map, Type::Map) | (Type::Any, Type::Any) => {
                return;
            }
            (Type::Array(old_item, old_rules), Type::Array(new_item, new_rules)) => {
                self.constraints(path, constraints::arrays(old_rules, new_rules));
                self.types(&format!("{path}[]"), old_item, new_item);
                return;
            }
            (Type::Named(old_name), Type::Named(new_name)) => {
                self.named(path, old_name, new_name);
                return;
            }
            (Type::Map, Type::Named(name)) | (Type::Named(name), Type::Map) => {
                let old_is_map = matches!(old, Type::Map);
                let schema = if old_is_map { new_schema } else { old_schema };
                if let Some(def) = schema.struct_def(name) {
                    self.push(
                        Kind::RustTypeChanged,
                        path,
                        format!(
                            "{} -> {}",
                            describe(old_schema, old),
                            describe(new_schema, new)
                        ),
                        rules::rust_type_changed(),
                    );
                    let (old_view, new_view) = if old_is_map {
                        (StructView::MAP, StructView::of(def))
                    } else {
                        (StructView::of(def), StructView::MAP)
                    };
                    self.structs(path, old_view, new_view);
                    return;
                }
                changed(rules::type_changed())
            }
            (Type::Named(name), Type::String(rules_new)) => match enum_values(old_schema, name) {
                Some(values) => changed(rules::type_widened(
                    values
                        .iter()
                        .all(|value| constraints::string_accepts(rules_new, value)),
                )),
                None => changed(rules::type_changed()),
            },
            (Type::String(rules_old), Type::Named(name)) => match enum_values(new_schema, name) {
                Some(values) => changed(rules::type_narrowed(
                    values
                        .iter()
                        .all(|value| constraints::string_accepts(rules_old, value)),
                )),
                None => changed(rules::type_changed()),
            },
            (Type::Integer(ints), Type::Number(numbers)) => changed(rules::type_widened(
                constraints::integers_within_numbers(ints, numbers),
            )),
            (Type::Number(numbers), Type::Integer(ints)) => changed(rules::type_narrowed(
                constraints::integers_within_numbers(ints, numbers),
            )),
            _ => changed(rules::type_changed()),
        };
        self.push(Kind::TypeChanged, path, detail, verdict);
    }
}

/// The values of the enum called `name`, if it is one.
/// The path of `key` inside `path` (the empty path is the document itself).
fn child(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// A union's wire shape, e.g. `{"name": ..., "message": ...}` or `{"type": ..., ...}`.
fn wire_shape(schema: &Schema) -> String {
    let tag = &schema.tagging.tag;
    match schema.tagging.content() {
        Some(content) => format!("`{{\"{tag}\": ..., \"{content}\": ...}}`"),
        None => format!("`{{\"{tag}\": ..., ...}}`"),
    }
}

/// An envelope variant's content type, and the envelope's other keys (a view without
/// fields: closed for a closed envelope).
fn envelope_parts<'a>(schema: &'a Schema, event: &'a Event) -> (&'a str, StructView<'a>) {
    if matches!(schema.tagging.form, Form::OpenEnvelope { .. })
        && let Some(def) = schema.struct_def(&event.message)
    {
        let content = def.fields.first().and_then(|field| match &field.ty {
            Type::Named(name) => Some(name.as_str()),
            _ => None,
        });
        let view = StructView {
            fields: &[],
            additional: def.additional,
            counts: (None, None),
            extra: def.additional_type.as_ref(),
        };
        return (content.unwrap_or(&event.message), view);
    }
    let closed = StructView {
        fields: &[],
        additional: Additional::Closed,
        counts: (None, None),
        extra: None,
    };
    (&event.message, closed)
}

fn enum_values<'a>(schema: &'a Schema, name: &str) -> Option<Vec<&'a str>> {
    match schema.type_def(name) {
        Some(TypeDef::Enum(def)) => {
            Some(def.variants.iter().map(|(wire, _)| wire.as_str()).collect())
        }
        _ => None,
    }
}

fn quoted(name: Option<&str>) -> String {
    name.map_or_else(|| "none".to_owned(), |name| format!("`{name}`"))
}

/// A value type in a few words: `string (uuid)`, `struct Dream`, `array of integer`.
fn describe(schema: &Schema, ty: &Type) -> String {
    match ty {
        Type::String(rules) => {
            let mut text = "string".to_owned();
            if let Some(format) = rules.format {
                text.push_str(&format!(" ({})", format.name()));
            }
            if rules.credential {
                text.push_str(" (credential)");
            }
            text
        }
        Type::Integer(_) => "integer".to_owned(),
        Type::Number(_) => "number".to_owned(),
        Type::Boolean => "boolean".to_owned(),
        Type::Map => "free-form object".to_owned(),
        Type::Any => "any JSON value".to_owned(),
        Type::Array(item, _) => format!("array of {}", describe(schema, item)),
        Type::Named(name) => match schema.type_def(name) {
            Some(TypeDef::Struct(_)) => format!("struct `{name}`"),
            Some(TypeDef::Tuple(def)) => format!("tuple `{name}` of {} items", def.items.len()),
            Some(TypeDef::Union(def)) => {
                let keyword = if def.exclusive { "oneOf" } else { "anyOf" };
                format!(
                    "{keyword} `{name}` of {} alternatives",
                    def.alternatives.len()
                )
            }
            Some(TypeDef::Enum(def)) => {
                let values: Vec<&str> =
                    def.variants.iter().map(|(wire, _)| wire.as_str()).collect();
                format!("enum `{name}` ({})", values.join(", "))
            }
            Some(TypeDef::Json(_)) => format!("validated JSON value `{name}`"),
            Some(TypeDef::Newtype(def)) => format!("`{name}` ({})", describe(schema, &def.ty)),
            None => format!("`{name}`"),
        },
    }
}

/// The current value that `wire` is read as, when it is a legacy value of `def`.
fn is_legacy<'d>(def: &'d EnumDef, wire: &str) -> Option<&'d str> {
    let (_, index) = def.legacy.iter().find(|(value, _)| value == wire)?;
    def.variants.get(*index).map(|(value, _)| value.as_str())
}

/// Whether `alternative` is the `Other` variant of a union split by JSON type: a
/// validated value of the union's own schema.
fn split_other(schema: &Schema, union: &UnionDef, alternative: &Alternative) -> bool {
    alternative.variant == "Other"
        && matches!(
            &alternative.ty,
            Some(Type::Named(name))
                if matches!(schema.type_def(name), Some(TypeDef::Json(json)) if json.pointer == union.pointer)
        )
}

/// Whether `name` is an `anyOf` union (the first alternative that matches wins) with an
/// alternative of exactly the type `ty`, a type that is the same in both versions (not
/// a named type, whose definition may differ between them).
fn any_of_with(schema: &Schema, name: &str, ty: &Type) -> bool {
    let plain = matches!(
        ty,
        Type::String(_)
            | Type::Integer(_)
            | Type::Number(_)
            | Type::Boolean
            | Type::Map
            | Type::Any
    );
    plain
        && matches!(
            schema.type_def(name),
            Some(TypeDef::Union(union))
                if !union.exclusive
                    && union.alternatives.iter().any(|alternative| alternative.ty.as_ref() == Some(ty))
        )
}
