//! Mutants: from each documented example, documents that break exactly one rule of the
//! schema, with the error the runtime must give. The conformance tests emitted into the
//! user's crate and the workspace's differential tests share this one generator.

mod text;

use serde_json::{Value, json};

use des_events_core::number::{self, Num};
use des_events_core::{Keyword, Path};

use crate::ir::{Additional, Event, Schema, Type, TypeDef};
use text::{Edit, Layout};

/// The error a mutant must be rejected with (mirrors the runtime's `Expect`). Paths are
/// RFC 6901 JSON Pointers rendered by [`Path::pointer`], the rendering the runtime's
/// errors use too.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expectation {
    /// Not JSON.
    Syntax,
    /// An unknown event name.
    UnknownEvent(String),
    /// A required field is missing at this path.
    MissingField(String),
    /// A field not allowed at this path.
    UnknownField(String),
    /// A value of the wrong JSON type at this path.
    WrongType(String),
    /// A violated constraint: keyword, path.
    Constraint(Keyword, String),
}

/// One invalid document derived from an example.
#[derive(Clone, Debug, PartialEq)]
pub struct Mutant {
    /// The wire name of the event whose example was mutated.
    pub event: String,
    /// What was changed, e.g. `updateToken#0: message.requestId removed`.
    pub label: String,
    /// The document's text.
    pub text: String,
    /// How it must be rejected.
    pub expect: Expectation,
}

/// The name used for unknown events and fields in mutants.
pub const UNEXPECTED: &str = "__unexpected__";

/// Every mutant of every example of `schema`, in a deterministic order.
pub fn mutants(schema: &Schema) -> Vec<Mutant> {
    let mut out = Vec::new();
    for event in &schema.events {
        out.extend(event_mutants(schema, event));
    }
    out
}

/// Every mutant of the examples of one event of `schema`, in a deterministic order.
pub(crate) fn event_mutants(schema: &Schema, event: &Event) -> Vec<Mutant> {
    let mut out = Vec::new();
    for (index, example) in event.examples.iter().enumerate() {
        let tag = format!("{}#{index}", event.wire_name);
        let layout = Layout::new(example);
        let mut add = |what: &str, edit: Edit<'_>, expect: Expectation| {
            if let Some(text) = layout.edited(&[], edit) {
                out.push(Mutant {
                    event: event.wire_name.clone(),
                    label: format!("{tag}: {what}"),
                    text,
                    expect,
                });
            }
        };
        // The envelope.
        let tagging = &schema.tagging;
        let tag_key = tagging.tag.as_str();
        add(
            "unknown event",
            Edit::Insert(tag_key, &json!("__unknownEvent")),
            Expectation::UnknownEvent("__unknownEvent".into()),
        );
        let content = tagging.closed_content();
        if let Some(content) = content {
            add(
                "extra envelope key",
                Edit::Insert(UNEXPECTED, &json!(1)),
                Expectation::UnknownField(format!("/{UNEXPECTED}")),
            );
            for key in [tag_key, content] {
                add(
                    &format!("{key} removed"),
                    Edit::Remove(key),
                    Expectation::MissingField(format!("/{key}")),
                );
            }
        } else {
            add(
                &format!("{tag_key} removed"),
                Edit::Remove(tag_key),
                Expectation::MissingField(format!("/{tag_key}")),
            );
        }
        add(
            &format!("{tag_key} not a string"),
            Edit::Insert(tag_key, &json!(1)),
            Expectation::WrongType(format!("/{tag_key}")),
        );
        let text = layout.text();
        out.push(Mutant {
            event: event.wire_name.clone(),
            label: format!("{tag}: truncated"),
            text: text[..text.len() - 1].to_owned(),
            expect: Expectation::Syntax,
        });
        // The message, recursively (in the flat form and open envelopes, the variant's
        // struct is the whole document less the tag).
        let (data, at) = match content {
            Some(content) => (example.get(content), Path::root().key(content)),
            None => (Some(example), Path::root()),
        };
        if let Some(message) = data {
            let mut ctx = Walk {
                schema,
                layout: &layout,
                out: &mut out,
                tag: &tag,
                event: &event.wire_name,
                shown: (Path::root(), format!("{tag}:  ")),
            };
            ctx.named(&event.message, message, &at);
        }
    }
    out
}

struct Walk<'a> {
    schema: &'a Schema,
    layout: &'a Layout,
    out: &'a mut Vec<Mutant>,
    tag: &'a str,
    event: &'a str,
    /// The last path a label showed, and the label's start for it.
    shown: (Path, String),
}

impl Walk<'_> {
    fn emit(&mut self, keys: &Path, what: &str, edit: Edit<'_>, expect: Expectation) {
        if let Some(text) = self.layout.edited(keys.segments(), edit) {
            // Several mutants of one node in a row: render its path once.
            if self.shown.0 != *keys {
                self.shown = (keys.clone(), format!("{}: {keys} ", self.tag));
            }
            let mut label = String::with_capacity(self.shown.1.len() + what.len());
            label.push_str(&self.shown.1);
            label.push_str(what);
            self.out.push(Mutant {
                event: self.event.to_owned(),
                label,
                text,
                expect,
            });
        }
    }

    fn named(&mut self, name: &str, value: &Value, keys: &Path) {
        match self.schema.type_def(name) {
            Some(TypeDef::Struct(def)) => {
                let Some(object) = value.as_object() else {
                    return;
                };
                if def.additional == Additional::Closed {
                    let field_keys = keys.clone().key(UNEXPECTED);
                    self.emit(
                        keys,
                        "gains an unknown field",
                        Edit::Insert(UNEXPECTED, &json!(1)),
                        Expectation::UnknownField(field_keys.pointer()),
                    );
                }
                for field in &def.fields {
                    let Some(present) = object.get(&field.wire_name) else {
                        continue;
                    };
                    let field_keys = keys.clone().key(field.wire_name.as_str());
                    let field_pointer = field_keys.pointer();
                    if field.required {
                        self.emit(
                            keys,
                            &format!("loses `{}`", field.wire_name),
                            Edit::Remove(&field.wire_name),
                            Expectation::MissingField(field_pointer.clone()),
                        );
                    } else if !field.nullable {
                        // A JSON-value enum may list `null` itself, and judges `null`
                        // by its values rather than by type.
                        // So does a union, by its alternatives.
                        let judged_by = match &field.ty {
                            Type::Named(name) => match self.schema.type_def(name) {
                                Some(TypeDef::Enum(def)) if def.json_values || !def.typed => {
                                    Some((
                                        enum_keyword(def),
                                        def.variants.iter().any(|(wire, _)| wire == "null"),
                                    ))
                                }
                                Some(TypeDef::Union(def)) => Some((
                                    if def.exclusive {
                                        Keyword::OneOf
                                    } else {
                                        Keyword::AnyOf
                                    },
                                    def.alternatives
                                        .iter()
                                        .any(|alternative| alternative.ty.is_none()),
                                )),
                                _ => None,
                            },
                            _ => None,
                        };
                        let expect = match judged_by {
                            Some((_, true)) => None,
                            Some((keyword, false)) => {
                                Some(Expectation::Constraint(keyword, field_pointer.clone()))
                            }
                            None => Some(Expectation::WrongType(field_pointer.clone())),
                        };
                        if let Some(expect) = expect {
                            self.emit(&field_keys, "is null", Edit::Replace(&Value::Null), expect);
                        }
                    }
                    if !present.is_null() {
                        self.value(&field.ty, present, &field_keys);
                    }
                }
            }
            // A union, or a value the validator judges, is judged as a whole by the
            // differential tests and the JSON Schema Test Suite.
            Some(TypeDef::Union(_) | TypeDef::Json(_)) => {}
            // So is a newtype the validator checks whole: it reports the first keyword
            // it finds broken, which need not be the one a mutant breaks.
            Some(TypeDef::Newtype(def)) if def.check.is_some() => {}
            Some(TypeDef::Newtype(def)) => {
                let ty = def.ty.clone();
                self.value(&ty, value, keys);
            }
            Some(TypeDef::Tuple(def)) => {
                let items = def.items.clone();
                if let Some(values) = value.as_array() {
                    for (index, (ty, present)) in items.iter().zip(values).enumerate() {
                        let item_keys = keys.clone().index(index);
                        self.value(ty, present, &item_keys);
                    }
                    self.emit(
                        keys,
                        "gains an item",
                        Edit::Push(&json!(0)),
                        Expectation::Constraint(Keyword::Items, keys.pointer()),
                    );
                }
            }
            Some(TypeDef::Enum(def)) => {
                let keyword = enum_keyword(def);
                self.emit(
                    keys,
                    "is not an allowed value",
                    Edit::Replace(&json!("__notAValue__")),
                    Expectation::Constraint(keyword, keys.pointer()),
                );
                // A string enum with a `type` rejects other JSON types as such; without
                // one, and a JSON-value enum, only know their values.
                let number_allowed = def.variants.iter().any(|(wire, _)| wire == "7");
                if !number_allowed {
                    let expect = if def.json_values || !def.typed {
                        Expectation::Constraint(keyword, keys.pointer())
                    } else {
                        Expectation::WrongType(keys.pointer())
                    };
                    self.emit(keys, "is a number", Edit::Replace(&json!(7)), expect);
                }
            }
            None => {}
        }
    }

    fn value(&mut self, ty: &Type, value: &Value, keys: &Path) {
        let pointer = keys.pointer();
        let wrong = |ty: &Type| -> Value {
            match ty {
                Type::String(_) => json!(12345),
                Type::Integer(_) => json!("12"),
                Type::Number(_) => json!("1.5"),
                Type::Boolean => json!("true"),
                Type::Map => json!([]),
                Type::Array(..) => json!({}),
                Type::Named(_) | Type::Any => json!(true),
            }
        };
        // A value of any type (or one the validator judges) has no wrong type to try.
        let judged_whole = |def: Option<&TypeDef>| match def {
            Some(TypeDef::Enum(_) | TypeDef::Union(_) | TypeDef::Json(_)) => true,
            Some(TypeDef::Newtype(def)) => def.check.is_some(),
            _ => false,
        };
        if !matches!(ty, Type::Any)
            && !matches!(ty, Type::Named(name) if judged_whole(self.schema.type_def(name)))
        {
            let replacement = wrong(ty);
            self.emit(
                keys,
                "has the wrong type",
                Edit::Replace(&replacement),
                Expectation::WrongType(pointer.clone()),
            );
        }
        match ty {
            Type::String(rules) => {
                let bad = rules.format.map(|format| format.invalid_example());
                if let Some(bad) = bad {
                    self.emit(
                        keys,
                        "breaks its format",
                        Edit::Replace(&json!(bad)),
                        Expectation::Constraint(Keyword::Format, pointer.clone()),
                    );
                }
                if let Some(min) = rules.min_length.filter(|min| *min > 0) {
                    let short = "x".repeat(usize::try_from(min - 1).unwrap_or(0));
                    self.emit(
                        keys,
                        "is too short",
                        Edit::Replace(&json!(short)),
                        Expectation::Constraint(Keyword::MinLength, pointer.clone()),
                    );
                }
                if let Some(max) = rules.max_length.filter(|max| *max < 10_000) {
                    let long = "x".repeat(usize::try_from(max + 1).unwrap_or(0));
                    self.emit(
                        keys,
                        "is too long",
                        Edit::Replace(&json!(long)),
                        Expectation::Constraint(Keyword::MaxLength, pointer.clone()),
                    );
                }
            }
            Type::Integer(rules) => {
                // A value that breaks one bound and nothing else: a multiple of
                // `multipleOf` where there is one (both paths report `multipleOf` first).
                let m = i128::from(rules.multiple_of.unwrap_or(1).max(1));
                let below = |b: i64| i64::try_from((i128::from(b) - 1).div_euclid(m) * m).ok();
                let above = |b: i64| i64::try_from((i128::from(b).div_euclid(m) + 1) * m).ok();
                let at_or_below = |b: i64| i64::try_from(i128::from(b).div_euclid(m) * m).ok();
                let at_or_above = |b: i64| {
                    let b = i128::from(b);
                    i64::try_from((b + (m - b.rem_euclid(m)) % m).max(b)).ok()
                };
                let cases = [
                    (rules.minimum.and_then(below), Keyword::Minimum),
                    (rules.maximum.and_then(above), Keyword::Maximum),
                    (
                        rules.exclusive_minimum.and_then(at_or_below),
                        Keyword::ExclusiveMinimum,
                    ),
                    (
                        rules.exclusive_maximum.and_then(at_or_above),
                        Keyword::ExclusiveMaximum,
                    ),
                ];
                for (bad, keyword) in cases {
                    let Some(bad) = bad else { continue };
                    self.emit(
                        keys,
                        &format!("breaks `{keyword}`"),
                        Edit::Replace(&json!(bad)),
                        Expectation::Constraint(keyword, pointer.clone()),
                    );
                }
                // A value inside the bounds that is not a multiple.
                if let Some(multiple) = rules.multiple_of.filter(|multiple| *multiple > 1) {
                    let (low, high) = rules.range();
                    let first = low
                        + (i128::from(multiple) - low.rem_euclid(i128::from(multiple)))
                            % i128::from(multiple);
                    let bad = first + 1;
                    if bad <= high {
                        let bad = i64::try_from(bad).unwrap_or_default();
                        self.emit(
                            keys,
                            "breaks `multipleOf`",
                            Edit::Replace(&json!(bad)),
                            Expectation::Constraint(Keyword::MultipleOf, pointer.clone()),
                        );
                    }
                }
            }
            Type::Number(rules) => {
                // As for integers: with `multipleOf`, a multiple that breaks the bound
                // (checked exactly; a float step that is not a decimal multiple is left
                // out rather than expected to break the wrong keyword).
                let step = rules.multiple_of;
                let aligned = |bad: f64, down: bool| -> Option<f64> {
                    let Some(m) = step else { return Some(bad) };
                    let k = if down {
                        (bad / m).floor()
                    } else {
                        (bad / m).ceil()
                    };
                    let candidate = k * m;
                    number::is_multiple(Num::Float(candidate), Num::Float(m)).then_some(candidate)
                };
                let cases = [
                    (
                        rules.minimum.and_then(|b| aligned(b - 1.0, true)),
                        Keyword::Minimum,
                    ),
                    (
                        rules.maximum.and_then(|b| aligned(b + 1.0, false)),
                        Keyword::Maximum,
                    ),
                    (
                        rules.exclusive_minimum.and_then(|b| aligned(b, true)),
                        Keyword::ExclusiveMinimum,
                    ),
                    (
                        rules.exclusive_maximum.and_then(|b| aligned(b, false)),
                        Keyword::ExclusiveMaximum,
                    ),
                ];
                for (bad, keyword) in cases {
                    let Some(bad) = bad else { continue };
                    self.emit(
                        keys,
                        &format!("breaks `{keyword}`"),
                        Edit::Replace(&json!(bad)),
                        Expectation::Constraint(keyword, pointer.clone()),
                    );
                }
                // A value within the bounds that is not a multiple.
                if let (Some(multiple), Some(current)) = (rules.multiple_of, value.as_f64()) {
                    let bad = current + multiple / 2.0;
                    let within = rules.maximum.is_none_or(|max| bad <= max)
                        && rules.exclusive_maximum.is_none_or(|max| bad < max);
                    if within {
                        self.emit(
                            keys,
                            "breaks `multipleOf`",
                            Edit::Replace(&json!(bad)),
                            Expectation::Constraint(Keyword::MultipleOf, pointer.clone()),
                        );
                    }
                }
            }
            Type::Array(item, rules) => {
                let items = value.as_array().map_or(0, Vec::len) as u64;
                if rules.unique
                    && rules.max_items.is_none_or(|max| items < max)
                    && let Some(first) = value.as_array().and_then(|items| items.first())
                {
                    self.emit(
                        keys,
                        "repeats an item",
                        Edit::Push(first),
                        Expectation::Constraint(Keyword::UniqueItems, pointer.clone()),
                    );
                }
                if let Some(first) = value.as_array().and_then(|items| items.first()) {
                    let item_keys = keys.clone().index(0);
                    self.value(item, first, &item_keys);
                }
            }
            Type::Named(name) => self.named(name, value, keys),
            Type::Boolean | Type::Map | Type::Any => {}
        }
    }
}

/// The keyword an enum's errors name: `const` for a schema that declared one value with
/// `const`, else `enum`.
fn enum_keyword(def: &crate::ir::EnumDef) -> Keyword {
    if def.constant {
        Keyword::Const
    } else {
        Keyword::Enum
    }
}
