//! Property test of `des-events diff` over generated schema pairs (issue 22): the
//! verdicts are checked against the validator of `des-events-core`, not against a table.
//!
//! Each pair starts from a generated event-union schema OLD (1 to 3 events; messages
//! with fields of type string, integer, number, boolean, string enum, array and nested
//! object, required and optional, open and closed objects, length, range and item-count
//! bounds, one documented example per event) and derives NEW by 1 to 3 random edits: an
//! event added or removed, a required or optional field added or removed, a field made
//! required or optional, a type changed (any other type, or integer <-> number, enum <->
//! string), an enum value added or removed, a bound tightened, loosened, added or
//! removed, an object opened or closed. Both sides are compared in both directions with
//! counterexamples on ([`diff::diff_sources_with`]) and the properties are:
//!
//! 1. **swap**: swapping OLD and NEW swaps the receivers and senders summary verdicts
//!    (receivers(OLD -> NEW) == senders(NEW -> OLD) and the reverse);
//! 2. **full mode**: the `full` mode ([`Mode`]) fails iff receivers or senders are not
//!    compatible, the gate ([`Outcome::passes`]) agrees, `backward` and `forward` gate
//!    on their own verdict, and `full` gives the same answer in both directions;
//! 3. **documents**: a compatible receivers verdict holds on sampled documents: every
//!    document OLD's validator accepts, NEW's accepts too; a compatible senders verdict:
//!    every document NEW's validator accepts, OLD's accepts too. Candidates are random
//!    documents generated from OLD's and NEW's shapes, mostly valid, with deviations
//!    (bounds +-1, other JSON types, missing and unknown keys, unknown enum values), plus
//!    the documented examples and the engine's mutants of them ([`mutate::mutants`]) on
//!    both sides; only those the writing side's validator accepts are kept;
//! 4. **counterexamples**: every counterexample the diff attaches is verified: OLD
//!    accepts it and NEW rejects it for receivers, the reverse for senders, and it
//!    belongs to a breaking verdict of that direction.
//!
//! The default run (15 s in debug on 2 cores): 400 pairs (seeds `SEED..SEED+400`), 24
//! random candidates per side and pair plus the examples and mutants; about 12,000
//! documents are kept per direction (the writer's validator accepts them) and 1,000 of
//! them per property (receivers, senders), shared out over the pairs with a compatible
//! verdict, are checked against the reader's validator; the run prints the counts, and
//! the kinds of change seen. A failure prints the pair (both schemas, the edits, the
//! seed) and the document. `DES_DIFF_PROPS_SEED`, `DES_DIFF_PROPS_PAIRS` and
//! `DES_DIFF_PROPS_DOCUMENTS` (random candidates per side and pair) change the run;
//! `DES_DIFF_PROPS_CHECKED` the cap of checked documents. Two longer runs (2,500 pairs
//! each, seeds 777000 and 900000, every kept document checked: about 40,000 per run)
//! found no failure (2026-12-03).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::OnceLock;

use des_events_codegen::diff::gate::{Direction as Gate, Mode, Outcome};
use des_events_codegen::diff::witness::Direction;
use des_events_codegen::diff::{self, Compat, Options, Report};
use des_events_codegen::{Request, Source, mutate};
use des_events_core::validate::{self, Validator};
use proptest::prelude::Rng;
use proptest::test_runner::{RngAlgorithm, TestRng};
use serde_json::{Map, Value, json};

const SEED: u64 = 20_261_203;
const PAIRS: usize = 400;
const DOCUMENTS: usize = 24;
const CHECKED: usize = 1_000;

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(default)
}

// ---------------------------------------------------------------------------------------
// A seeded generator (proptest's ChaCha `TestRng`, as in `schema_properties.rs`).

struct Gen {
    rng: TestRng,
}

impl Gen {
    fn new(seed: u64) -> Gen {
        let mut bytes = [0u8; 32];
        bytes[..8].copy_from_slice(&seed.to_le_bytes());
        Gen {
            rng: TestRng::from_seed(RngAlgorithm::ChaCha, &bytes),
        }
    }

    fn below(&mut self, n: usize) -> usize {
        (self.rng.next_u64() % n.max(1) as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.rng.next_u64() % 100 < percent
    }

    fn range(&mut self, low: i64, high: i64) -> i64 {
        if high <= low {
            return low;
        }
        low + (self.rng.next_u64() % (high - low + 1) as u64) as i64
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

// ---------------------------------------------------------------------------------------
// Shapes: the generated schemas, before they are written as JSON Schema.

const EVENT_NAMES: &[&str] = &["alpha", "bravo", "charlie", "delta", "echo", "foxtrot"];
const FIELD_NAMES: &[&str] = &[
    "id", "name", "count", "amount", "flag", "kind", "items", "meta", "note", "level",
];
const ENUM_VALUES: &[&str] = &["red", "green", "blue", "cyan", "amber"];

#[derive(Clone, Debug, PartialEq)]
enum Ty {
    Str {
        min: Option<i64>,
        max: Option<i64>,
    },
    /// `exclusive`: the bounds are `exclusiveMinimum`/`exclusiveMaximum`; `half`: they
    /// are `min + 0.5` and `max + 0.5`.
    Int {
        min: Option<i64>,
        max: Option<i64>,
        exclusive: bool,
        half: bool,
    },
    Num {
        min: Option<i64>,
        max: Option<i64>,
        exclusive: bool,
        half: bool,
    },
    Bool,
    Enum(Vec<String>),
    Array {
        item: Box<Ty>,
        min: Option<i64>,
        max: Option<i64>,
    },
    Object(Obj),
}

#[derive(Clone, Debug, PartialEq)]
struct Field {
    name: String,
    ty: Ty,
    required: bool,
}

#[derive(Clone, Debug, PartialEq)]
struct Obj {
    fields: Vec<Field>,
    closed: bool,
}

#[derive(Clone, Debug, PartialEq)]
struct Event {
    name: String,
    message: Obj,
}

#[derive(Clone, Debug, PartialEq)]
struct Union {
    events: Vec<Event>,
}

fn bounds(g: &mut Gen, low: i64, high: i64) -> (Option<i64>, Option<i64>) {
    let min = g.chance(40).then(|| g.range(low, high));
    let max = g
        .chance(40)
        .then(|| g.range(min.unwrap_or(low).max(low), high + 4));
    (min, max)
}

fn gen_ty(g: &mut Gen, depth: usize) -> Ty {
    let kinds = if depth >= 2 { 5 } else { 7 };
    match g.below(kinds) {
        0 => {
            let (min, max) = bounds(g, 0, 3);
            Ty::Str { min, max }
        }
        1 => {
            let (min, max) = bounds(g, -3, 5);
            Ty::Int {
                min,
                max,
                exclusive: g.chance(20),
                half: g.chance(15),
            }
        }
        2 => {
            let (min, max) = bounds(g, -3, 5);
            Ty::Num {
                min,
                max,
                exclusive: g.chance(20),
                half: g.chance(15),
            }
        }
        3 => Ty::Bool,
        4 => gen_enum(g),
        5 => {
            let (min, max) = bounds(g, 0, 2);
            Ty::Array {
                item: Box::new(gen_ty(g, depth + 1)),
                min,
                max,
            }
        }
        _ => Ty::Object(gen_obj(g, depth + 1)),
    }
}

fn gen_enum(g: &mut Gen) -> Ty {
    let mut values: Vec<String> = ENUM_VALUES
        .iter()
        .filter(|_| g.chance(50))
        .map(|value| (*value).to_owned())
        .collect();
    if values.is_empty() {
        values.push(g.pick(ENUM_VALUES).to_string());
    }
    Ty::Enum(values)
}

fn gen_field(g: &mut Gen, taken: &[Field], depth: usize) -> Option<Field> {
    let free: Vec<&str> = FIELD_NAMES
        .iter()
        .copied()
        .filter(|name| taken.iter().all(|field| field.name != *name))
        .collect();
    if free.is_empty() {
        return None;
    }
    Some(Field {
        name: g.pick(&free).to_string(),
        ty: gen_ty(g, depth),
        required: g.chance(50),
    })
}

fn gen_obj(g: &mut Gen, depth: usize) -> Obj {
    let count = if depth == 0 {
        1 + g.below(4)
    } else {
        g.below(3)
    };
    let mut fields = Vec::new();
    for _ in 0..count {
        if let Some(field) = gen_field(g, &fields, depth) {
            fields.push(field);
        }
    }
    Obj {
        fields,
        closed: g.chance(50),
    }
}

fn gen_union(g: &mut Gen) -> Union {
    let count = 1 + g.below(3);
    let mut events: Vec<Event> = Vec::new();
    while events.len() < count {
        let name = g.pick(EVENT_NAMES).to_string();
        if events.iter().any(|event| event.name == name) {
            continue;
        }
        events.push(Event {
            name,
            message: gen_obj(g, 0),
        });
    }
    Union { events }
}

// ---------------------------------------------------------------------------------------
// Edits: OLD -> NEW.

/// Calls `f` on every object (the messages and the objects nested in them).
fn each_obj(obj: &mut Obj, f: &mut dyn FnMut(&mut Obj)) {
    f(obj);
    for field in &mut obj.fields {
        each_ty_obj(&mut field.ty, f);
    }
}

fn each_ty_obj(ty: &mut Ty, f: &mut dyn FnMut(&mut Obj)) {
    match ty {
        Ty::Object(obj) => each_obj(obj, f),
        Ty::Array { item, .. } => each_ty_obj(item, f),
        _ => {}
    }
}

/// Calls `f` on every type (field types and array items).
fn each_ty(obj: &mut Obj, f: &mut dyn FnMut(&mut Ty)) {
    for field in &mut obj.fields {
        each_ty_in(&mut field.ty, f);
    }
}

fn each_ty_in(ty: &mut Ty, f: &mut dyn FnMut(&mut Ty)) {
    f(ty);
    match ty {
        Ty::Object(obj) => each_ty(obj, f),
        Ty::Array { item, .. } => each_ty_in(item, f),
        _ => {}
    }
}

fn objects(union: &mut Union, f: &mut dyn FnMut(&mut Obj)) {
    for event in &mut union.events {
        each_obj(&mut event.message, f);
    }
}

fn types(union: &mut Union, f: &mut dyn FnMut(&mut Ty)) {
    for event in &mut union.events {
        each_ty(&mut event.message, f);
    }
}

/// Applies `edit` to the `k`-th object `accept`s, where `k` is random; the edit's
/// description, or `None` when no object fits or the edit did nothing.
fn on_object(
    g: &mut Gen,
    union: &mut Union,
    accept: &dyn Fn(&Obj) -> bool,
    edit: &mut dyn FnMut(&mut Gen, &mut Obj) -> Option<String>,
) -> Option<String> {
    let mut count = 0;
    objects(union, &mut |obj| count += usize::from(accept(obj)));
    if count == 0 {
        return None;
    }
    let target = g.below(count);
    let (mut index, mut done) = (0, None);
    objects(union, &mut |obj| {
        if accept(obj) {
            if index == target {
                done = edit(g, obj);
            }
            index += 1;
        }
    });
    done
}

fn on_type(
    g: &mut Gen,
    union: &mut Union,
    accept: &dyn Fn(&Ty) -> bool,
    edit: &mut dyn FnMut(&mut Gen, &mut Ty) -> Option<String>,
) -> Option<String> {
    let mut count = 0;
    types(union, &mut |ty| count += usize::from(accept(ty)));
    if count == 0 {
        return None;
    }
    let target = g.below(count);
    let (mut index, mut done) = (0, None);
    types(union, &mut |ty| {
        if accept(ty) {
            if index == target {
                done = edit(g, ty);
            }
            index += 1;
        }
    });
    done
}

fn kind(ty: &Ty) -> &'static str {
    match ty {
        Ty::Str { .. } => "string",
        Ty::Int { .. } => "integer",
        Ty::Num { .. } => "number",
        Ty::Bool => "boolean",
        Ty::Enum(_) => "enum",
        Ty::Array { .. } => "array",
        Ty::Object(_) => "object",
    }
}

fn has_bounds(ty: &Ty) -> bool {
    matches!(
        ty,
        Ty::Str { .. } | Ty::Int { .. } | Ty::Num { .. } | Ty::Array { .. }
    )
}

/// One random edit; its description, or `None` when it did not apply.
fn edit(g: &mut Gen, union: &mut Union) -> Option<String> {
    match g.below(11) {
        0 => {
            let free: Vec<&str> = EVENT_NAMES
                .iter()
                .copied()
                .filter(|name| union.events.iter().all(|event| event.name != *name))
                .collect();
            if free.is_empty() {
                return None;
            }
            let name = g.pick(&free).to_string();
            let at = g.below(union.events.len() + 1);
            let message = gen_obj(g, 0);
            union.events.insert(
                at,
                Event {
                    name: name.clone(),
                    message,
                },
            );
            Some(format!("event {name} added"))
        }
        1 => {
            if union.events.len() < 2 {
                return None;
            }
            let at = g.below(union.events.len());
            let gone = union.events.remove(at);
            Some(format!("event {} removed", gone.name))
        }
        2 | 3 => {
            let required = g.chance(50);
            on_object(g, union, &|_| true, &mut |g, obj| {
                let mut field = gen_field(g, &obj.fields, 1)?;
                field.required = required;
                let text = format!(
                    "{} field {} ({}) added",
                    if required { "required" } else { "optional" },
                    field.name,
                    kind(&field.ty)
                );
                let at = g.below(obj.fields.len() + 1);
                obj.fields.insert(at, field);
                Some(text)
            })
        }
        4 => on_object(g, union, &|obj| !obj.fields.is_empty(), &mut |g, obj| {
            let gone = obj.fields.remove(g.below(obj.fields.len()));
            Some(format!(
                "{} field {} removed",
                if gone.required {
                    "required"
                } else {
                    "optional"
                },
                gone.name
            ))
        }),
        5 => on_object(g, union, &|obj| !obj.fields.is_empty(), &mut |g, obj| {
            let at = g.below(obj.fields.len());
            let field = &mut obj.fields[at];
            field.required = !field.required;
            Some(format!(
                "field {} now {}",
                field.name,
                if field.required {
                    "required"
                } else {
                    "optional"
                }
            ))
        }),
        6 => on_type(g, union, &|_| true, &mut |g, ty| {
            let before = kind(ty);
            let targeted = match ty {
                Ty::Int {
                    min,
                    max,
                    exclusive,
                    half,
                } if g.chance(60) => Some(Ty::Num {
                    min: *min,
                    max: *max,
                    exclusive: *exclusive,
                    half: *half,
                }),
                Ty::Num {
                    min,
                    max,
                    exclusive,
                    half,
                } if g.chance(60) => Some(Ty::Int {
                    min: *min,
                    max: *max,
                    exclusive: *exclusive,
                    half: *half,
                }),
                Ty::Enum(_) if g.chance(60) => Some(Ty::Str {
                    min: None,
                    max: g.chance(30).then_some(3),
                }),
                Ty::Str { .. } if g.chance(60) => Some(gen_enum(g)),
                _ => None,
            };
            let after = match targeted {
                Some(after) => after,
                None => {
                    let mut after = gen_ty(g, 2);
                    while kind(&after) == before {
                        after = gen_ty(g, 2);
                    }
                    after
                }
            };
            let text = format!("type {before} -> {}", kind(&after));
            *ty = after;
            Some(text)
        }),
        7 => on_type(g, union, &|ty| matches!(ty, Ty::Enum(_)), &mut |g, ty| {
            let Ty::Enum(values) = ty else { return None };
            if g.chance(50) && values.len() > 1 {
                let gone = values.remove(g.below(values.len()));
                Some(format!("enum value {gone} removed"))
            } else {
                let free: Vec<&str> = ENUM_VALUES
                    .iter()
                    .copied()
                    .filter(|value| !values.iter().any(|known| known == value))
                    .collect();
                if free.is_empty() {
                    return None;
                }
                let value = g.pick(&free).to_string();
                let at = g.below(values.len() + 1);
                values.insert(at, value.clone());
                Some(format!("enum value {value} added"))
            }
        }),
        8 | 9 => on_type(g, union, &has_bounds, &mut |g, ty| {
            let before = ty.clone();
            if let Ty::Int {
                exclusive, half, ..
            }
            | Ty::Num {
                exclusive, half, ..
            } = ty
                && g.chance(25)
            {
                let flag = if g.chance(50) { exclusive } else { half };
                *flag = !*flag;
                return Some(format!("bounds {before:?} -> {ty:?}"));
            }
            let (min, max) = match ty {
                Ty::Str { min, max } | Ty::Int { min, max, .. } | Ty::Num { min, max, .. } => {
                    (min, max)
                }
                Ty::Array { min, max, .. } => (min, max),
                _ => return None,
            };
            let floor = if matches!(before, Ty::Int { .. } | Ty::Num { .. }) {
                -5
            } else {
                0
            };
            let lower = g.chance(50);
            let bound = if lower { &mut *min } else { &mut *max };
            *bound = match *bound {
                Some(_) if g.chance(25) => None,
                Some(value) => Some((value + g.range(-2, 2)).max(floor)),
                None => Some(g.range(floor.max(0), 4)),
            };
            if let (Some(low), Some(high)) = (*min, *max)
                && low > high
            {
                *(if lower { min } else { max }) = None;
            }
            (before != *ty).then(|| format!("bounds {before:?} -> {ty:?}"))
        }),
        _ => on_object(g, union, &|_| true, &mut |_, obj| {
            obj.closed = !obj.closed;
            Some(if obj.closed { "closed" } else { "opened" }.to_owned())
        }),
    }
}

// ---------------------------------------------------------------------------------------
// Writing: shapes as JSON Schema, and documents for them.

fn ty_schema(ty: &Ty) -> Value {
    let mut out = Map::new();
    let mut bound = |key: &str, value: &Option<i64>| {
        if let Some(value) = value {
            out.insert(key.to_owned(), json!(value));
        }
    };
    match ty {
        Ty::Str { min, max } => {
            bound("minLength", min);
            bound("maxLength", max);
            out.insert("type".to_owned(), json!("string"));
        }
        Ty::Int {
            min,
            max,
            exclusive,
            half,
        }
        | Ty::Num {
            min,
            max,
            exclusive,
            half,
        } => {
            let (low, high) = if *exclusive {
                ("exclusiveMinimum", "exclusiveMaximum")
            } else {
                ("minimum", "maximum")
            };
            for (key, value) in [(low, min), (high, max)] {
                match value {
                    Some(value) if *half => {
                        out.insert(key.to_owned(), json!(*value as f64 + 0.5));
                    }
                    Some(value) => {
                        out.insert(key.to_owned(), json!(value));
                    }
                    None => {}
                }
            }
            let name = if matches!(ty, Ty::Int { .. }) {
                "integer"
            } else {
                "number"
            };
            out.insert("type".to_owned(), json!(name));
        }
        Ty::Bool => {
            out.insert("type".to_owned(), json!("boolean"));
        }
        Ty::Enum(values) => {
            out.insert("type".to_owned(), json!("string"));
            out.insert("enum".to_owned(), json!(values));
        }
        Ty::Array { item, min, max } => {
            bound("minItems", min);
            bound("maxItems", max);
            out.insert("type".to_owned(), json!("array"));
            out.insert("items".to_owned(), ty_schema(item));
        }
        Ty::Object(obj) => return obj_schema(obj),
    }
    Value::Object(out)
}

fn obj_schema(obj: &Obj) -> Value {
    let properties: Map<String, Value> = obj
        .fields
        .iter()
        .map(|field| (field.name.clone(), ty_schema(&field.ty)))
        .collect();
    let required: Vec<&str> = obj
        .fields
        .iter()
        .filter(|field| field.required)
        .map(|field| field.name.as_str())
        .collect();
    let mut out = json!({"type": "object", "properties": properties});
    if !required.is_empty() {
        out["required"] = json!(required);
    }
    if obj.closed {
        out["additionalProperties"] = json!(false);
    }
    out
}

/// The schema of `union`, without examples.
fn union_schema(union: &Union) -> Value {
    let events: Vec<Value> = union
        .events
        .iter()
        .map(|event| {
            json!({
                "type": "object",
                "properties": {
                    "event": {"const": event.name},
                    "message": obj_schema(&event.message),
                },
                "required": ["event", "message"],
                "additionalProperties": false,
            })
        })
        .collect();
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "PropsEvent",
        "oneOf": events,
    })
}

fn compile(schema: &Value, name: &str) -> Validator {
    let uri = format!("file:///{name}.json");
    Validator::new(
        &uri,
        vec![(uri.clone(), schema.clone())],
        &validate::Options::default(),
    )
    .unwrap_or_else(|err| panic!("the validator compiles {schema}: {err}"))
}

/// Documents for a shape: valid ones, with a deviation at a node `noise` percent of the
/// time (the validator decides afterwards what they are).
struct Valid<'g> {
    g: &'g mut Gen,
    noise: u64,
}

impl<'g> Valid<'g> {
    fn new(g: &'g mut Gen, noise: u64) -> Valid<'g> {
        Valid { g, noise }
    }

    fn deviate(&mut self) -> bool {
        self.noise > 0 && self.g.chance(self.noise)
    }

    fn other(&mut self) -> Value {
        self.g
            .pick(&[
                json!("x"),
                json!(""),
                json!(3),
                json!(-1),
                json!(2.5),
                json!(true),
                json!(null),
                json!([]),
                json!({}),
                json!("red"),
            ])
            .clone()
    }

    /// A count in `min..=max` (defaults `0..=default`), or one off it when deviating.
    fn count(&mut self, min: &Option<i64>, max: &Option<i64>, default: i64) -> i64 {
        let low = min.unwrap_or(0);
        let high = max.unwrap_or(low + default);
        if self.deviate() {
            return if self.g.chance(50) { low - 1 } else { high + 1 }.max(0);
        }
        self.g.range(low, high.max(low))
    }

    fn number(&mut self, min: &Option<i64>, max: &Option<i64>, fraction: bool) -> Value {
        let low = min.unwrap_or(-10);
        let high = max.unwrap_or(low.max(0) + 20);
        if fraction && self.g.chance(10) {
            let edge = *self.g.pick(&[low, high]) as f64 + *self.g.pick(&[-0.5, 0.5, 1.5]);
            return json!(edge);
        }
        let value = if self.deviate() {
            *self.g.pick(&[low - 1, high + 1, low + 1, high - 1])
        } else if self.g.chance(30) {
            *self.g.pick(&[low, high])
        } else {
            self.g.range(low, high.max(low))
        };
        if fraction && self.g.chance(40) && value < high {
            json!(value as f64 + 0.5)
        } else {
            json!(value)
        }
    }

    fn ty(&mut self, ty: &Ty) -> Value {
        if self.deviate() && self.g.chance(30) {
            return self.other();
        }
        match ty {
            Ty::Str { min, max } => {
                let length = self.count(min, max, 4);
                json!("ab".repeat(8)[..usize::try_from(length.min(16)).unwrap_or(0)])
            }
            Ty::Int { min, max, .. } => self.number(min, max, false),
            Ty::Num { min, max, .. } => self.number(min, max, true),
            Ty::Bool => json!(self.g.chance(50)),
            Ty::Enum(values) => {
                if self.deviate() {
                    json!(self.g.pick(ENUM_VALUES))
                } else {
                    json!(self.g.pick(values))
                }
            }
            Ty::Array { item, min, max } => {
                let length = self.count(min, max, 2);
                Value::Array((0..length.min(6)).map(|_| self.ty(item)).collect())
            }
            Ty::Object(obj) => self.obj(obj),
        }
    }

    fn obj(&mut self, obj: &Obj) -> Value {
        let mut out = Map::new();
        for field in &obj.fields {
            let present = if self.deviate() {
                !field.required
            } else {
                field.required || self.g.chance(60)
            };
            if present {
                out.insert(field.name.clone(), self.ty(&field.ty));
            }
        }
        if self.deviate() {
            let name = self.g.pick(FIELD_NAMES).to_string();
            let value = self.other();
            out.insert(name, value);
        }
        Value::Object(out)
    }

    fn event(&mut self, event: &Event) -> Value {
        let message = self.obj(&event.message);
        json!({"event": event.name, "message": message})
    }
}

// ---------------------------------------------------------------------------------------
// Pairs.

/// One side of a pair: its shape, schema, source text and validator.
struct Side {
    shape: Union,
    schema: Value,
    validator: Validator,
}

impl Side {
    /// The side of `shape`, with a documented example for each event that has a valid
    /// document among a few tries (bounds may leave none).
    fn new(shape: Union, g: &mut Gen, name: &str) -> Side {
        let mut schema = union_schema(&shape);
        let validator = compile(&schema, name);
        for (index, event) in shape.events.iter().enumerate() {
            let example = (0..20)
                .map(|_| Valid::new(g, 0).event(event))
                .find(|document| validator.is_valid(document));
            if let Some(example) = example {
                schema["oneOf"][index]["examples"] = json!([example]);
            }
        }
        Side {
            shape,
            schema,
            validator,
        }
    }

    fn source(&self, name: &str) -> Source {
        Source::text(
            format!("{name}.json"),
            serde_json::to_string_pretty(&self.schema).expect("JSON"),
        )
    }

    fn accepts(&self, document: &Value) -> bool {
        self.validator.is_valid(document)
    }

    /// The documented examples and the engine's mutants of them.
    fn examples_and_mutants(&self, name: &str) -> Vec<Value> {
        let generated = des_events_codegen::generate(&Request::new(self.source(name)).check_only())
            .unwrap_or_else(|err| panic!("the engine models {name}: {err}"));
        let schema = generated.schema();
        let mut out: Vec<Value> = schema
            .events
            .iter()
            .flat_map(|event| event.examples.iter().cloned())
            .collect();
        out.extend(
            mutate::mutants(schema)
                .into_iter()
                .filter_map(|mutant| serde_json::from_str(&mutant.text).ok()),
        );
        out
    }
}

struct Pair {
    seed: u64,
    edits: Vec<String>,
    old: Side,
    new: Side,
    /// OLD -> NEW.
    forward: Report,
    /// NEW -> OLD.
    backward: Report,
    /// Candidate documents: random ones from both shapes, examples and mutants.
    documents: Vec<Value>,
}

impl Pair {
    fn generate(seed: u64, documents: usize) -> Pair {
        let mut g = Gen::new(seed);
        let old = gen_union(&mut g);
        let mut new = old.clone();
        let mut edits = Vec::new();
        let wanted = 1 + g.below(3);
        let mut attempts = 0;
        while edits.len() < wanted && attempts < 50 {
            attempts += 1;
            if let Some(text) = edit(&mut g, &mut new) {
                edits.push(text);
            }
        }
        let old = Side::new(old, &mut g, "old");
        let new = Side::new(new, &mut g, "new");
        let options = Options {
            witnesses: true,
            ..Options::default()
        };
        let compare = |a: &Side, an: &str, b: &Side, bn: &str| {
            diff::diff_sources_with(&a.source(an), &b.source(bn), &options).unwrap_or_else(|err| {
                panic!(
                    "seed {seed}: the diff compares the pair: {err}\nOLD {}\nNEW {}",
                    old.schema, new.schema
                )
            })
        };
        let forward = compare(&old, "old", &new, "new");
        let backward = compare(&new, "new", &old, "old");
        let mut candidates = old.examples_and_mutants("old");
        candidates.extend(new.examples_and_mutants("new"));
        for side in [&old.shape, &new.shape] {
            for index in 0..documents {
                let noise = [0, 5, 15, 30][index % 4];
                let event = g.pick(&side.events).clone();
                candidates.push(Valid::new(&mut g, noise).event(&event));
            }
        }
        Pair {
            seed,
            edits,
            old,
            new,
            forward,
            backward,
            documents: candidates,
        }
    }

    fn describe(&self) -> String {
        format!(
            "seed {} (DES_DIFF_PROPS_SEED={} DES_DIFF_PROPS_PAIRS=1), edits {:?}\nOLD {}\nNEW {}\nOLD -> NEW:\n{}\nNEW -> OLD:\n{}",
            self.seed,
            self.seed,
            self.edits,
            self.old.schema,
            self.new.schema,
            self.forward,
            self.backward
        )
    }
}

fn pairs() -> &'static [Pair] {
    static PAIRS_RUN: OnceLock<Vec<Pair>> = OnceLock::new();
    PAIRS_RUN.get_or_init(|| {
        let seed = env_or("DES_DIFF_PROPS_SEED", SEED);
        let count = env_or("DES_DIFF_PROPS_PAIRS", PAIRS as u64);
        let documents = usize::try_from(env_or("DES_DIFF_PROPS_DOCUMENTS", DOCUMENTS as u64))
            .expect("a document count");
        (0..count)
            .map(|index| Pair::generate(seed + index, documents))
            .collect()
    })
}

fn fail_if_any(property: &str, failures: &[String]) {
    assert!(
        failures.is_empty(),
        "{property}: {} failure(s); the first:\n{}",
        failures.len(),
        failures.first().map(String::as_str).unwrap_or_default()
    );
}

// ---------------------------------------------------------------------------------------
// The properties.

#[test]
fn the_pairs_exercise_both_verdicts() {
    let pairs = pairs();
    let mut tally = [[0usize; 3]; 2];
    let index = |compat: Compat| match compat {
        Compat::Compatible => 0,
        Compat::Unknown => 1,
        Compat::Breaking => 2,
    };
    // Per kind of change: how often, and how often with an unknown verdict.
    let mut kinds: BTreeMap<&str, [usize; 2]> = BTreeMap::new();
    for pair in pairs {
        tally[0][index(pair.forward.summary.receivers)] += 1;
        tally[1][index(pair.forward.summary.senders)] += 1;
        for change in &pair.forward.changes {
            let counts = kinds.entry(change.kind.as_str()).or_default();
            counts[0] += 1;
            counts[1] += usize::from(
                change.receivers == Compat::Unknown || change.senders == Compat::Unknown,
            );
        }
    }
    println!(
        "{} pairs: receivers compatible/unknown/breaking {:?}, senders {:?}; changes (count, unknown) {kinds:?}",
        pairs.len(),
        tally[0],
        tally[1]
    );
    if pairs.len() >= 100 {
        for (side, counts) in ["receivers", "senders"].iter().zip(tally) {
            assert!(
                counts[0] >= pairs.len() / 10 && counts[2] >= pairs.len() / 10,
                "{side}: too few compatible or breaking pairs: {counts:?}"
            );
        }
    }
}

#[test]
fn swapping_old_and_new_swaps_receivers_and_senders() {
    let mut failures = Vec::new();
    for pair in pairs() {
        let (forward, backward) = (&pair.forward.summary, &pair.backward.summary);
        if forward.receivers != backward.senders || forward.senders != backward.receivers {
            failures.push(format!(
                "OLD -> NEW receivers {} senders {}, NEW -> OLD receivers {} senders {}\n{}",
                forward.receivers.as_str(),
                forward.senders.as_str(),
                backward.receivers.as_str(),
                backward.senders.as_str(),
                pair.describe()
            ));
        }
    }
    fail_if_any("swap", &failures);
}

#[test]
fn the_full_mode_fails_iff_receivers_or_senders_break() {
    let mode = |name: &str| Mode::parse(name).expect("a mode");
    let (full, backward, forward) = (mode("full"), mode("backward"), mode("forward"));
    assert_eq!(full.direction, Gate::Full);
    let mut failures = Vec::new();
    for pair in pairs() {
        for report in [&pair.forward, &pair.backward] {
            let summary = &report.summary;
            let receivers = summary.receivers != Compat::Compatible;
            let senders = summary.senders != Compat::Compatible;
            let gate = Outcome::new(full, vec![report.clone()], Vec::new());
            if full.fails(summary) != (receivers || senders)
                || gate.passes() == (receivers || senders)
                || backward.fails(summary) != receivers
                || forward.fails(summary) != senders
            {
                failures.push(format!(
                    "full fails {}, gate passes {}, receivers {}, senders {}\n{}",
                    full.fails(summary),
                    gate.passes(),
                    summary.receivers.as_str(),
                    summary.senders.as_str(),
                    pair.describe()
                ));
            }
        }
        if full.fails(&pair.forward.summary) != full.fails(&pair.backward.summary) {
            failures.push(format!(
                "full differs between the two directions\n{}",
                pair.describe()
            ));
        }
    }
    fail_if_any("full mode", &failures);
}

#[test]
fn compatible_verdicts_hold_on_sampled_documents() {
    let cap = usize::try_from(env_or("DES_DIFF_PROPS_CHECKED", CHECKED as u64)).expect("a cap");
    let mut failures = Vec::new();
    // [receivers, senders]: documents the writer accepts, of them checked under a
    // compatible verdict, and of the rest rejected by the reader (breaking verdicts seen).
    let (mut kept, mut checked, mut shown) = ([0usize; 2], [0usize; 2], [0usize; 2]);
    // The cap is shared out over the pairs with a compatible verdict, so that every one
    // of them has documents checked.
    let share = |compatible: fn(&Pair) -> bool| {
        let count = pairs().iter().filter(|pair| compatible(pair)).count();
        cap.div_ceil(count.max(1))
    };
    let shares = [
        share(|pair| pair.forward.summary.receivers == Compat::Compatible),
        share(|pair| pair.forward.summary.senders == Compat::Compatible),
    ];
    for pair in pairs() {
        let summary = &pair.forward.summary;
        let mut mine = [0usize; 2];
        for (slot, (writer, reader, verdict)) in [
            (&pair.old, &pair.new, summary.receivers),
            (&pair.new, &pair.old, summary.senders),
        ]
        .into_iter()
        .enumerate()
        {
            for document in &pair.documents {
                if !writer.accepts(document) {
                    continue;
                }
                kept[slot] += 1;
                let read = reader.accepts(document);
                if verdict != Compat::Compatible {
                    shown[slot] += usize::from(!read);
                    continue;
                }
                if checked[slot] >= cap || mine[slot] >= shares[slot] {
                    continue;
                }
                checked[slot] += 1;
                mine[slot] += 1;
                if !read {
                    failures.push(format!(
                        "{} compatible, but {} accepts and {} rejects {document}: {}\n{}",
                        ["receivers", "senders"][slot],
                        ["OLD", "NEW"][slot],
                        ["NEW", "OLD"][slot],
                        reader
                            .validator
                            .validate(document)
                            .err()
                            .map(|err| err.to_string())
                            .unwrap_or_default(),
                        pair.describe()
                    ));
                }
            }
        }
    }
    println!(
        "documents kept (receivers, senders) {kept:?}, checked under a compatible verdict {checked:?}, rejected under a breaking or unknown verdict {shown:?}"
    );
    fail_if_any("documents", &failures);
    if pairs().len() >= 100 {
        assert!(
            checked.iter().all(|count| *count >= cap.min(500)),
            "too few documents checked: {checked:?}"
        );
    }
}

#[test]
fn every_counterexample_is_verified() {
    let mut failures = Vec::new();
    let mut witnesses = [0usize; 2];
    let mut breaking = [0usize; 2];
    for pair in pairs() {
        for (report, old, new) in [
            (&pair.forward, &pair.old, &pair.new),
            (&pair.backward, &pair.new, &pair.old),
        ] {
            for change in &report.changes {
                breaking[0] += usize::from(change.receivers == Compat::Breaking);
                breaking[1] += usize::from(change.senders == Compat::Breaking);
                for witness in &change.witnesses {
                    let (writer, reader, verdict, slot) = match witness.direction {
                        Direction::Receivers => (old, new, change.receivers, 0),
                        Direction::Senders => (new, old, change.senders, 1),
                    };
                    witnesses[slot] += 1;
                    if verdict != Compat::Breaking
                        || !writer.accepts(&witness.document)
                        || reader.accepts(&witness.document)
                    {
                        let mut text = String::new();
                        let _ = write!(
                            text,
                            "{} {} at {}: the {} counterexample {} is not one (verdict {}, writer accepts {}, reader accepts {})\n{}",
                            change.kind,
                            change.event.as_deref().unwrap_or("-"),
                            change.path,
                            witness.direction.as_str(),
                            witness.document,
                            verdict.as_str(),
                            writer.accepts(&witness.document),
                            reader.accepts(&witness.document),
                            pair.describe()
                        );
                        failures.push(text);
                    }
                }
            }
        }
    }
    println!(
        "counterexamples (receivers, senders) {witnesses:?} for breaking verdicts {breaking:?}"
    );
    fail_if_any("counterexamples", &failures);
    if pairs().len() >= 100 {
        assert!(witnesses.iter().all(|count| *count > 0), "{witnesses:?}");
    }
}
