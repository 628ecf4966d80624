//! Counterexamples: for a breaking receivers verdict, a document OLD accepts and NEW
//! rejects; for a breaking senders verdict, a document NEW accepts (so NEW's types can
//! write it) and OLD rejects. Candidates are built from the documented examples (of the
//! event, on both sides) edited at the change's place: the value removed, replaced by
//! values the two schemas suggest (their `const`, `enum`, `examples`, bounds, formats,
//! other JSON types), or an undeclared key added. Every candidate is checked with the
//! validator of `des-events-core` against both schemas; only one that passes both
//! checks is kept, so a counterexample shown is a proof, and a breaking verdict without
//! one says that none was found.
//!
//! The writing side is read strictly; a tolerant reading side is checked in its
//! [`tolerant_view`], which accepts at least what a tolerant receiver reads.

use serde_json::{Map, Value, json};

use des_events_core::validate::{Options, Validator};

use super::{Change, Compat, Kind, Receiver, Report};
use crate::ir::Schema;
use crate::load::Document;

/// Which verdict a counterexample proves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Direction {
    /// OLD accepts it, NEW rejects it.
    Receivers,
    /// NEW accepts it, OLD rejects it.
    Senders,
}

impl Direction {
    /// `receivers` or `senders`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Direction::Receivers => "receivers",
            Direction::Senders => "senders",
        }
    }
}

/// A verified counterexample.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Witness {
    /// The verdict it proves.
    pub direction: Direction,
    /// The document (a whole event message for an event union).
    pub document: Value,
    /// Why the rejecting side rejects it (the validator's first violation).
    pub rejected: String,
}

/// One side of a diff: its file and its model.
pub struct Side<'a> {
    doc: &'a Document,
    schema: &'a Schema,
    validator: Option<Validator>,
    /// The validator of the tolerant view ([`tolerant_view`]), when a tolerant receiver
    /// reads this side.
    tolerant: Option<Validator>,
}

impl<'a> Side<'a> {
    /// The side of `doc`, modelled as `schema`; its validator is compiled here (`None`
    /// when it cannot be: then nothing is verified against it).
    pub fn new(doc: &'a Document, schema: &'a Schema) -> Side<'a> {
        let validator = Side::compile(doc, &doc.value, schema, "");
        Side {
            doc,
            schema,
            validator,
            tolerant: None,
        }
    }

    /// The same side, read by a tolerant receiver.
    fn tolerating(mut self) -> Self {
        let view = tolerant_view(&self.doc.value, &self.schema.tagging.tag);
        self.tolerant = Side::compile(self.doc, &view, self.schema, "");
        self
    }

    /// The validator of the schema at `pointer` in `value`, the JSON of `doc` (or a
    /// view of it; the root for `""`).
    fn compile(doc: &Document, value: &Value, schema: &Schema, pointer: &str) -> Option<Validator> {
        let name = doc
            .file
            .rsplit(['/', '\\'])
            .next()
            .filter(|name| !name.is_empty() && !name.contains(['#', '?', ' ']))
            .unwrap_or("schema.json");
        let uri = format!("file:///{name}");
        let mut retrieve = |uri: &str| -> Option<Value> {
            let uri = uri.trim_end_matches('#');
            schema
                .documents
                .iter()
                .find(|(known, _)| known.trim_end_matches('#') == uri)
                .map(|(_, value)| value.clone())
        };
        let entry = if pointer.is_empty() {
            uri.clone()
        } else {
            format!("{uri}#{pointer}")
        };
        Validator::with_retriever(
            &entry,
            vec![(uri, value.clone())],
            &Options::default(),
            &mut retrieve,
        )
        .ok()
    }

    fn accepts(&self, document: &Value) -> Option<bool> {
        self.validator
            .as_ref()
            .map(|validator| validator.is_valid(document))
    }

    /// Whether a receiver reading this side accepts `document` (`tolerant`: its
    /// tolerant view).
    fn reads(&self, document: &Value, tolerant: bool) -> Option<bool> {
        if !tolerant {
            return self.accepts(document);
        }
        self.tolerant
            .as_ref()
            .map(|validator| validator.is_valid(document))
    }

    /// Why this side rejects `document`: the first violation, found against the
    /// event's own alternative when the document names a known event (the union's
    /// `oneOf` only says that no alternative matched).
    fn rejection(&self, document: &Value) -> Option<String> {
        let tag = document
            .get(&self.schema.tagging.tag)
            .and_then(Value::as_str);
        let alternative = tag
            .and_then(|tag| self.schema.event(tag))
            .filter(|event| !event.pointer.is_empty())
            .and_then(|event| {
                Side::compile(self.doc, &self.doc.value, self.schema, &event.pointer)
            });
        if let Some(Err(violation)) = alternative.map(|validator| validator.validate(document)) {
            return Some(violation.to_string());
        }
        let validator = self.validator.as_ref()?;
        validator
            .validate(document)
            .err()
            .map(|err| err.to_string())
    }

    /// The documented examples of `event` (every event's when `None`), or of the roots.
    fn examples(&self, event: Option<&str>) -> Vec<Value> {
        let mut out: Vec<Value> = self
            .schema
            .events
            .iter()
            .filter(|candidate| event.is_none_or(|event| candidate.wire_name == event))
            .flat_map(|candidate| candidate.examples.iter().cloned())
            .collect();
        if self.schema.events.is_empty() {
            out.extend(
                self.schema
                    .roots
                    .iter()
                    .flat_map(|root| root.examples.iter().cloned()),
            );
        }
        out
    }

    /// A small document the schema at `pointer` describes (its required members,
    /// constants, first enum values, lower bounds, format samples), for events without
    /// examples; the validator decides later whether it is one.
    fn sample(&self, pointer: &str) -> Option<Value> {
        self.sample_of(self.node(Some(pointer))?, 0)
    }

    fn sample_of(&self, node: &Value, depth: usize) -> Option<Value> {
        if depth > 16 {
            return None;
        }
        let node = match node.get("$ref").and_then(Value::as_str) {
            Some(target) if target.starts_with('#') => self.doc.get(&target[1..])?,
            _ => node,
        };
        if let Some(value) = node.get("const") {
            return Some(value.clone());
        }
        if let Some(first) = node
            .get("enum")
            .and_then(Value::as_array)
            .and_then(|v| v.first())
        {
            return Some(first.clone());
        }
        for key in ["examples"] {
            if let Some(first) = node
                .get(key)
                .and_then(Value::as_array)
                .and_then(|v| v.first())
            {
                return Some(first.clone());
            }
        }
        for key in ["oneOf", "anyOf", "allOf"] {
            if let Some(first) = node
                .get(key)
                .and_then(Value::as_array)
                .and_then(|v| v.first())
                && node.get("type").is_none()
                && node.get("properties").is_none()
            {
                return self.sample_of(first, depth + 1);
            }
        }
        let ty = match node.get("type") {
            Some(Value::String(ty)) => ty.as_str(),
            Some(Value::Array(types)) => types
                .iter()
                .filter_map(Value::as_str)
                .find(|ty| *ty != "null")
                .unwrap_or("null"),
            _ if node.get("properties").is_some() => "object",
            _ => "string",
        };
        let bound = |key: &str| node.get(key).and_then(Value::as_f64);
        Some(match ty {
            "object" => {
                let mut members = Map::new();
                let required = node.get("required").and_then(Value::as_array);
                for name in required.into_iter().flatten().filter_map(Value::as_str) {
                    let schema = node
                        .get("properties")
                        .and_then(|properties| properties.get(name))
                        .cloned()
                        .unwrap_or(json!({}));
                    members.insert(name.to_owned(), self.sample_of(&schema, depth + 1)?);
                }
                Value::Object(members)
            }
            "array" => {
                let count = node.get("minItems").and_then(Value::as_u64).unwrap_or(0);
                let item = node.get("items").cloned().unwrap_or(json!({}));
                let item = self.sample_of(&item, depth + 1)?;
                Value::Array(vec![item; usize::try_from(count.min(16)).unwrap_or(0)])
            }
            "integer" | "number" => {
                let low = bound("minimum").or_else(|| bound("exclusiveMinimum").map(|b| b + 1.0));
                let high = bound("maximum").or_else(|| bound("exclusiveMaximum").map(|b| b - 1.0));
                let value = low.unwrap_or(0.0).ceil();
                let value = match high {
                    Some(high) if value > high => high.floor(),
                    _ => value,
                };
                if value.abs() < 9.0e15 {
                    json!(value as i64)
                } else {
                    json!(value)
                }
            }
            "boolean" => json!(true),
            "null" => Value::Null,
            _ => {
                let mut candidates = Vec::new();
                suggested(Some(node), &mut candidates);
                if node.get("format").is_some() {
                    candidates.last().cloned().unwrap_or(json!("a"))
                } else {
                    let length = node.get("minLength").and_then(Value::as_u64).unwrap_or(1);
                    Value::String("a".repeat(usize::try_from(length.clamp(1, 64)).unwrap_or(1)))
                }
            }
        })
    }

    /// The schema node at `pointer`, following local `$ref`s a few times.
    fn node(&self, pointer: Option<&str>) -> Option<&Value> {
        let mut node = self.doc.get(pointer?)?;
        for _ in 0..4 {
            match node.get("$ref").and_then(Value::as_str) {
                Some(target) if target.starts_with('#') => {
                    node = self.doc.get(&target[1..])?;
                }
                _ => break,
            }
        }
        Some(node)
    }
}

/// Attaches a verified counterexample to every breaking receivers or senders verdict
/// of `report` that has one. For a tolerant receiver the reading side is checked in its
/// tolerant view ([`tolerant_view`]).
pub fn attach(report: &mut Report, old: Side<'_>, new: Side<'_>) {
    let tolerant = report.receiver == Receiver::Tolerant;
    let (old, new) = if tolerant {
        (old.tolerating(), new.tolerating())
    } else {
        (old, new)
    };
    report.searched = true;
    for change in &mut report.changes {
        if change.receivers == Compat::Breaking
            && let Some(witness) = find(change, Direction::Receivers, (&old, &new), tolerant)
        {
            change.witnesses.push(witness);
        }
        if change.senders == Compat::Breaking
            && let Some(witness) = find(change, Direction::Senders, (&old, &new), tolerant)
        {
            change.witnesses.push(witness);
        }
    }
}

/// The first candidate the writer accepts and the reader rejects.
fn find(
    change: &Change,
    direction: Direction,
    (old, new): (&Side<'_>, &Side<'_>),
    tolerant: bool,
) -> Option<Witness> {
    let (writer, reader) = match direction {
        Direction::Receivers => (old, new),
        Direction::Senders => (new, old),
    };
    for candidate in candidates(change, writer, reader, old, new) {
        if writer.accepts(&candidate) == Some(true)
            && reader.reads(&candidate, tolerant) == Some(false)
            && let Some(rejected) = reader.rejection(&candidate)
        {
            return Some(Witness {
                direction,
                document: candidate,
                rejected,
            });
        }
    }
    None
}

/// A schema that accepts at least what a tolerant receiver of `root` reads: every
/// `additionalProperties: false` and `unevaluatedProperties: false` dropped (unknown
/// fields are dropped), every `enum` and `const` but the events' tags dropped (unknown
/// values are kept as `Other`), every `oneOf` below the root read as `anyOf` (relaxed
/// alternatives may overlap), and the root union open to events it does not name. The
/// runtime is stricter (inside alternatives, in validated values), so a document this
/// view rejects is rejected by a tolerant receiver too: a counterexample stays a proof.
pub fn tolerant_view(root: &Value, tag: &str) -> Value {
    fn relax(value: &mut Value) {
        match value {
            Value::Object(members) => {
                for key in ["additionalProperties", "unevaluatedProperties"] {
                    if members.get(key) == Some(&Value::Bool(false)) {
                        members.remove(key);
                    }
                }
                members.remove("enum");
                members.remove("const");
                if let Some(alternatives) = members.remove("oneOf") {
                    let relaxed = json!({"anyOf": alternatives});
                    let all = members
                        .entry("allOf")
                        .or_insert_with(|| Value::Array(Vec::new()));
                    if let Value::Array(all) = all {
                        all.push(relaxed);
                    }
                }
                members.values_mut().for_each(relax);
            }
            Value::Array(items) => items.iter_mut().for_each(relax),
            _ => {}
        }
    }
    let mut view = root.clone();
    let Some(members) = view.as_object_mut() else {
        return view;
    };
    let Some(Value::Array(mut events)) = members.remove("oneOf") else {
        relax(&mut view);
        return view;
    };
    let mut names = Vec::new();
    for event in &mut events {
        let name = event
            .pointer(&format!("/properties/{}/const", escape_pointer(tag)))
            .cloned();
        relax(event);
        if let (Some(name), Some(properties)) = (
            name,
            event.get_mut("properties").and_then(Value::as_object_mut),
        ) {
            properties.insert(tag.to_owned(), json!({"const": name}));
            names.push(name);
        }
    }
    relax(&mut view);
    events.push(json!({
        "type": "object",
        "required": [tag],
        "properties": {tag: {"type": "string"}},
        "not": {"properties": {tag: {"enum": names}}},
    }));
    if let Some(members) = view.as_object_mut() {
        members.insert("oneOf".to_owned(), Value::Array(events));
    }
    view
}

/// `key` as one JSON Pointer segment.
fn escape_pointer(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// Whether the change's path is a place in the data (not `event`, a keyword or `title`).
fn data_path(change: &Change) -> Option<&str> {
    let whole = matches!(
        change.kind,
        Kind::DiscriminatorChanged
            | Kind::SchemaRenamed
            | Kind::EventAdded
            | Kind::EventRemoved
            | Kind::ReplyToChanged
            | Kind::MobileFunctionChanged
            | Kind::MobileHandlerChanged
            | Kind::OrderChanged
            | Kind::RootTypeAdded
            | Kind::RootTypeRemoved
    );
    (!whole).then_some(change.path.as_str())
}

/// One step of a data path.
#[derive(Clone, Debug, PartialEq)]
enum Step {
    Key(String),
    Items,
    Index(usize),
}

/// `message.dream.list[].x` as steps; `None` for places a document cannot be edited at
/// by path (`*`, patterns, union alternatives).
fn steps(path: &str) -> Option<Vec<Step>> {
    let mut out = Vec::new();
    if path.is_empty() {
        return Some(out);
    }
    if path.contains('|') || path.contains("~/") {
        return None;
    }
    for part in path.split('.') {
        let (name, mut rest) = match part.find('[') {
            Some(index) => (&part[..index], &part[index..]),
            None => (part, ""),
        };
        if name == "*" {
            return None;
        }
        if !name.is_empty() {
            out.push(Step::Key(name.to_owned()));
        }
        while let Some(inner) = rest.strip_prefix('[') {
            let close = inner.find(']')?;
            let index = &inner[..close];
            out.push(if index.is_empty() {
                Step::Items
            } else {
                Step::Index(index.parse().ok()?)
            });
            rest = &inner[close + 1..];
        }
    }
    Some(out)
}

/// Applies `edit` to every value at `steps` (all items for `[]`); the last step's
/// parent object gets the edit when the key is missing. Returns whether anything
/// changed.
fn edit_at(
    value: &mut Value,
    steps: &[Step],
    edit: &dyn Fn(&mut Map<String, Value>, &str),
) -> bool {
    match steps {
        [] => false,
        [Step::Key(key)] => match value {
            Value::Object(members) => {
                let before = members.clone();
                edit(members, key);
                *members != before
            }
            _ => false,
        },
        [step, rest @ ..] => match (step, value) {
            (Step::Key(key), Value::Object(members)) => members
                .get_mut(key)
                .is_some_and(|child| edit_at(child, rest, edit)),
            (Step::Items, Value::Array(items)) => {
                let mut changed = false;
                for item in items {
                    changed |= edit_at(item, rest, edit);
                }
                changed
            }
            (Step::Index(index), Value::Array(items)) => items
                .get_mut(*index)
                .is_some_and(|item| edit_at(item, rest, edit)),
            _ => false,
        },
    }
}

/// The value at `steps` (the first item for `[]`).
fn value_at<'v>(value: &'v Value, steps: &[Step]) -> Option<&'v Value> {
    let mut current = value;
    for step in steps {
        current = match (step, current) {
            (Step::Key(key), Value::Object(members)) => members.get(key)?,
            (Step::Items, Value::Array(items)) => items.first()?,
            (Step::Index(index), Value::Array(items)) => items.get(*index)?,
            _ => return None,
        };
    }
    Some(current)
}

/// Values the schema node suggests for its place: its constants, examples and default,
/// values at and across its bounds, a sample of its format, and one of each JSON type.
fn suggested(node: Option<&Value>, out: &mut Vec<Value>) {
    let Some(node) = node else {
        return;
    };
    for key in ["const", "default"] {
        if let Some(value) = node.get(key) {
            out.push(value.clone());
        }
    }
    for key in ["enum", "examples"] {
        if let Some(Value::Array(values)) = node.get(key) {
            out.extend(values.iter().cloned());
        }
    }
    let number = |key: &str| node.get(key).and_then(Value::as_f64);
    let whole = |key: &str| node.get(key).and_then(Value::as_u64);
    for (key, delta) in [
        ("minimum", -1.0),
        ("maximum", 1.0),
        ("exclusiveMinimum", 0.0),
        ("exclusiveMaximum", 0.0),
    ] {
        if let Some(bound) = number(key) {
            for value in [bound + delta, bound, bound - delta, bound + delta / 2.0] {
                if value.fract() == 0.0 && value.abs() < 9.0e15 {
                    out.push(json!(value as i64));
                } else {
                    out.push(json!(value));
                }
            }
        }
    }
    for key in ["minLength", "maxLength"] {
        if let Some(length) = whole(key).filter(|length| *length < 10_000) {
            for length in [length.saturating_sub(1), length, length + 1] {
                out.push(Value::String("a".repeat(length as usize)));
            }
        }
    }
    for key in ["minItems", "maxItems"] {
        if let Some(length) = whole(key).filter(|length| *length < 1_000) {
            let item = out.first().cloned().unwrap_or(json!("a"));
            for length in [length.saturating_sub(1), length + 1] {
                out.push(Value::Array(vec![item.clone(); length as usize]));
            }
        }
    }
    if let Some(format) = node.get("format").and_then(Value::as_str) {
        let sample = match format {
            "uuid" => "123e4567-e89b-42d3-a456-426614174000",
            "date-time" => "2024-01-31T12:00:00Z",
            "date" => "2024-01-31",
            "email" => "someone@example.com",
            "uri" | "url" => "https://example.com/x",
            "ipv4" => "192.0.2.1",
            "ipv6" => "2001:db8::1",
            _ => "x",
        };
        out.push(json!(sample));
    }
}

/// Values of every JSON type.
fn every_type() -> [Value; 9] {
    [
        json!("x"),
        json!(""),
        json!(0),
        json!(-1),
        json!(1.5),
        json!(true),
        Value::Null,
        json!({}),
        json!([]),
    ]
}

/// The candidates for `change`: the writer's examples (then the reader's), as they are
/// and edited at the change's place.
fn candidates(
    change: &Change,
    writer: &Side<'_>,
    reader: &Side<'_>,
    old: &Side<'_>,
    new: &Side<'_>,
) -> Vec<Value> {
    let event = change.event.as_deref();
    let mut bases = writer.examples(event);
    bases.extend(reader.examples(event));
    // A document made from each side's schema of the event (or root), for schemas
    // without examples.
    for side in [writer, reader] {
        let pointers: Vec<&str> = match event {
            Some(event) => side
                .schema
                .event(event)
                .map(|found| found.pointer.as_str())
                .into_iter()
                .collect(),
            None if side.schema.events.is_empty() => side
                .schema
                .roots
                .iter()
                .map(|root| root.pointer.as_str())
                .collect(),
            None => Vec::new(),
        };
        for pointer in pointers {
            if let Some(sample) = side.sample(pointer)
                && !bases.contains(&sample)
            {
                bases.push(sample);
            }
        }
    }
    if bases.is_empty() && event.is_some() {
        return Vec::new();
    }
    let mut out: Vec<Value> = bases.clone();
    let Some(steps) = data_path(change).and_then(steps) else {
        return out;
    };
    let mut values = Vec::new();
    // Values the examples hold at that place.
    for base in &bases {
        if let Some(value) = value_at(base, &steps) {
            values.push(value.clone());
        }
    }
    suggested(old.node(change.site.old.as_deref()), &mut values);
    suggested(new.node(change.site.new.as_deref()), &mut values);
    values.extend(every_type());
    let mut unique: Vec<Value> = Vec::new();
    for value in values {
        if !unique.contains(&value) {
            unique.push(value);
        }
    }
    for base in &bases {
        // The value removed.
        let mut edited = base.clone();
        if edit_at(&mut edited, &steps, &|members, key| {
            members.remove(key);
        }) {
            out.push(edited);
        }
        // The value replaced (or added).
        for value in &unique {
            let mut edited = base.clone();
            if edit_at(&mut edited, &steps, &|members, key| {
                members.insert(key.to_owned(), value.clone());
            }) {
                out.push(edited);
            }
        }
        // An undeclared key in the object at that place (`additionalProperties`).
        let mut inside = steps.clone();
        inside.push(Step::Key(crate::mutate::UNEXPECTED.to_owned()));
        for value in [json!("x"), json!(0)] {
            let mut edited = base.clone();
            if edit_at(&mut edited, &inside, &|members, key| {
                members.insert(key.to_owned(), value.clone());
            }) {
                out.push(edited);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A one-event schema without examples: `ping` with a closed message.
    fn ping(properties: Value, required: &[&str], extra: Value) -> crate::Source {
        let mut message = json!({
            "type": "object",
            "properties": properties,
            "required": required,
            "additionalProperties": false
        });
        if let (Some(message), Value::Object(extra)) = (message.as_object_mut(), extra) {
            message.extend(extra);
        }
        let schema = json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": "Events",
            "oneOf": [{
                "type": "object",
                "properties": {"event": {"const": "ping"}, "message": message},
                "required": ["event", "message"],
                "additionalProperties": false
            }, {
                "type": "object",
                "properties": {"event": {"const": "pong"}, "message": {"type": "object"}},
                "required": ["event", "message"],
                "additionalProperties": false
            }]
        });
        crate::Source::text("t.json", schema.to_string())
    }

    #[test]
    fn schemas_without_examples_get_counterexamples_too() {
        let string = || json!({"type": "string"});
        let cases = [
            // type changed
            (
                ping(json!({"a": string()}), &["a"], json!({})),
                ping(json!({"a": {"type": "integer"}}), &["a"], json!({})),
                2,
            ),
            // optional -> required
            (
                ping(json!({"a": string()}), &[], json!({})),
                ping(json!({"a": string()}), &["a"], json!({})),
                1,
            ),
            // enum value removed and added
            (
                ping(json!({"a": {"enum": ["x", "y"]}}), &["a"], json!({})),
                ping(json!({"a": {"enum": ["x", "z"]}}), &["a"], json!({})),
                2,
            ),
            // bounds tightened
            (
                ping(
                    json!({"a": {"type": "integer", "minimum": 0, "maximum": 100}}),
                    &["a"],
                    json!({}),
                ),
                ping(
                    json!({"a": {"type": "integer", "minimum": 10, "maximum": 100}}),
                    &["a"],
                    json!({}),
                ),
                1,
            ),
            // length and format
            (
                ping(json!({"a": string()}), &["a"], json!({})),
                ping(
                    json!({"a": {"type": "string", "format": "uuid", "maxLength": 36}}),
                    &["a"],
                    json!({}),
                ),
                2,
            ),
            // a field added to a closed object, required
            (
                ping(json!({}), &[], json!({})),
                ping(json!({"b": {"type": "boolean"}}), &["b"], json!({})),
                2,
            ),
            // minProperties
            (
                ping(json!({"a": string()}), &[], json!({})),
                ping(json!({"a": string()}), &[], json!({"minProperties": 1})),
                1,
            ),
        ];
        let options = crate::diff::Options {
            witnesses: true,
            ..crate::diff::Options::default()
        };
        for (index, (old, new, breaking)) in cases.iter().enumerate() {
            let report = crate::diff::diff_sources_with(old, new, &options)
                .unwrap_or_else(|err| panic!("{err}"));
            let verdicts: usize = report
                .changes
                .iter()
                .map(|change| {
                    usize::from(change.receivers == Compat::Breaking)
                        + usize::from(change.senders == Compat::Breaking)
                })
                .sum();
            let proven: usize = report
                .changes
                .iter()
                .map(|change| change.witnesses.len())
                .sum();
            assert_eq!(
                (verdicts, proven),
                (*breaking, *breaking),
                "case {index}:\n{report}"
            );
        }
        // The event removed: OLD's `pong` is unknown to NEW.
        let two = ping(json!({}), &[], json!({}));
        let crate::Source::Text { text, .. } = &two else {
            panic!("text")
        };
        let mut one: Value = serde_json::from_str(text).expect("JSON");
        if let Some(alternatives) = one["oneOf"].as_array_mut() {
            alternatives.truncate(1);
        }
        let one = crate::Source::text("t.json", one.to_string());
        let report = crate::diff::diff_sources_with(&two, &one, &options)
            .unwrap_or_else(|err| panic!("{err}"));
        let removed = &report.changes[0];
        assert_eq!(removed.kind, Kind::EventRemoved);
        assert_eq!(
            removed.witnesses[0].document,
            json!({"event": "pong", "message": {}})
        );
    }

    #[test]
    fn the_tolerant_view_reads_unknown_fields_values_and_events_only() {
        let crate::Source::Text { text, .. } = ping(
            json!({"a": {"enum": ["x"]}, "n": {"type": "integer"}}),
            &["n"],
            json!({}),
        ) else {
            panic!("text")
        };
        let root: Value = serde_json::from_str(&text).expect("JSON");
        let view = tolerant_view(&root, "event");
        let validator = Validator::new(
            "file:///v.json",
            vec![("file:///v.json".into(), view)],
            &Options::default(),
        )
        .unwrap_or_else(|err| panic!("{err}"));
        for accepted in [
            json!({"event": "ping", "message": {"n": 1, "extra": true}}),
            json!({"event": "ping", "message": {"n": 1, "a": "unknown"}}),
            json!({"event": "somethingNew", "message": {}}),
        ] {
            assert!(validator.is_valid(&accepted), "{accepted}");
        }
        for rejected in [
            json!({"event": "ping", "message": {"n": "one"}}),
            json!({"event": "ping", "message": {}}),
            json!({"event": "pong"}),
            json!({"message": {}}),
        ] {
            assert!(!validator.is_valid(&rejected), "{rejected}");
        }
    }

    #[test]
    fn paths_become_steps() {
        assert_eq!(
            steps("message.list[].x"),
            Some(vec![
                Step::Key("message".into()),
                Step::Key("list".into()),
                Step::Items,
                Step::Key("x".into())
            ])
        );
        assert_eq!(
            steps("pair[1]"),
            Some(vec![Step::Key("pair".into()), Step::Index(1)])
        );
        assert_eq!(steps(""), Some(vec![]));
        assert_eq!(steps("message.*"), None);
        assert_eq!(steps("message.value|0"), None);
    }

    #[test]
    fn edits_reach_every_item() {
        let mut doc = json!({"message": {"list": [{"x": 1}, {"x": 2}]}});
        let steps = steps("message.list[].x").expect("steps");
        assert!(edit_at(&mut doc, &steps, &|members, key| {
            members.insert(key.to_owned(), json!("s"));
        }));
        assert_eq!(doc, json!({"message": {"list": [{"x": "s"}, {"x": "s"}]}}));
        assert_eq!(value_at(&doc, &steps), Some(&json!("s")));
    }
}
