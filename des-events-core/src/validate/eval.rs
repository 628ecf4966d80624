//! Evaluating an instance against the compiled nodes.

use serde_json::Value;

use super::compile::{Check, Kind, Node, NodeId};
use super::{Validator, Violation};
use crate::Keyword;
use crate::assertion::{self, Broken};
use crate::json;
use crate::number::{BoundKind, Num};
use crate::path::{Path, Segment};

/// How many schemas may be evaluated inside one another (a guard against the stack).
const MAX_EVAL_DEPTH: usize = 384;

/// How deeply an instance may nest (a guard against the stack in value comparisons).
const MAX_INSTANCE_DEPTH: usize = 256;

/// A failure: the violation when details were asked for.
type Fail = Option<Box<Violation>>;

/// The instance location, as a chain of borrowed segments (built into a [`Path`] only
/// when a violation is reported).
struct Loc<'a> {
    parent: Option<&'a Loc<'a>>,
    segment: Option<Step<'a>>,
}

#[derive(Clone, Copy)]
enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

impl<'a> Loc<'a> {
    fn key<'b>(&'b self, key: &'b str) -> Loc<'b> {
        Loc {
            parent: Some(self),
            segment: Some(Step::Key(key)),
        }
    }

    fn index(&'a self, index: usize) -> Loc<'a> {
        Loc {
            parent: Some(self),
            segment: Some(Step::Index(index)),
        }
    }

    fn path(&self) -> Path {
        let mut segments = Vec::new();
        let mut current = Some(self);
        while let Some(loc) = current {
            match loc.segment {
                Some(Step::Key(key)) => segments.push(Segment::Key(key.to_owned())),
                Some(Step::Index(index)) => segments.push(Segment::Index(index)),
                None => {}
            }
            current = loc.parent;
        }
        segments.reverse();
        Path::new(segments)
    }
}

/// A set of small indices (members of an object, items of an array): the first 64 in a
/// word, the rest allocated only when needed.
#[derive(Default)]
struct Bits {
    low: u64,
    high: Vec<u64>,
}

impl Bits {
    fn insert(&mut self, index: usize) {
        if index < 64 {
            self.low |= 1 << index;
            return;
        }
        let word = index / 64 - 1;
        if self.high.len() <= word {
            self.high.resize(word + 1, 0);
        }
        if let Some(slot) = self.high.get_mut(word) {
            *slot |= 1 << (index % 64);
        }
    }

    fn contains(&self, index: usize) -> bool {
        if index < 64 {
            return self.low & (1 << index) != 0;
        }
        self.high
            .get(index / 64 - 1)
            .is_some_and(|word| word & (1 << (index % 64)) != 0)
    }

    fn union(&mut self, other: Bits) {
        self.low |= other.low;
        if other.high.is_empty() {
            return;
        }
        if self.high.len() < other.high.len() {
            self.high.resize(other.high.len(), 0);
        }
        for (mine, theirs) in self.high.iter_mut().zip(other.high) {
            *mine |= theirs;
        }
    }
}

/// What a successful evaluation saw of the instance (for `unevaluated*`). Properties are
/// the positions of the members in the object's iteration order (every annotation merged
/// together is about the same instance).
#[derive(Default)]
struct Ann {
    all_properties: bool,
    properties: Bits,
    all_items: bool,
    items_before: usize,
    items: Bits,
}

impl Ann {
    fn merge(&mut self, other: Ann) {
        self.all_properties |= other.all_properties;
        if !self.all_properties {
            self.properties.union(other.properties);
        }
        self.all_items |= other.all_items;
        self.items_before = self.items_before.max(other.items_before);
        if !self.all_items {
            self.items.union(other.items);
        }
    }

    fn has_property(&self, position: usize) -> bool {
        self.all_properties || self.properties.contains(position)
    }

    fn has_item(&self, index: usize) -> bool {
        self.all_items || index < self.items_before || self.items.contains(index)
    }
}

/// The state of one validation.
struct Ctx<'v> {
    validator: &'v Validator,
    /// Whether to build violations (off while probing `anyOf`, `not`, ...).
    detail: bool,
    /// Whether annotations are needed (some schema uses `unevaluated*`).
    collect: bool,
    /// Whether the dynamic scope is kept (only dynamic references read it).
    scoped: bool,
    /// The dynamic scope: the schema resources entered, outermost first.
    scope: Vec<usize>,
    /// The references being followed: (target, instance address), to stop cycles.
    active: Vec<(NodeId, usize)>,
    depth: usize,
}

/// Validates `instance`; the error holds the first violation when `detail` is set.
pub(crate) fn run(validator: &Validator, instance: &Value, detail: bool) -> Result<(), Fail> {
    let root = Loc {
        parent: None,
        segment: None,
    };
    if too_deep(instance) {
        return Err(detail.then(|| {
            Box::new(
                Violation {
                    path: Path::root(),
                    keyword: "depth".to_owned(),
                    schema_pointer: validator
                        .nodes
                        .get(validator.entry)
                        .map(|node| node.location.clone())
                        .unwrap_or_default(),
                    message: String::new(),
                    requirement: format!("not nest deeper than {MAX_INSTANCE_DEPTH} levels"),
                }
                .framed(),
            )
        }));
    }
    let mut ctx = Ctx {
        validator,
        detail,
        collect: validator.collect,
        scoped: validator.scoped,
        scope: Vec::new(),
        active: Vec::new(),
        depth: 0,
    };
    ctx.node(validator.entry, instance, &root).map(|_| ())
}

/// Whether `value` nests deeper than [`MAX_INSTANCE_DEPTH`] (the recursion stops there).
fn too_deep(value: &Value) -> bool {
    deeper_than(value, MAX_INSTANCE_DEPTH)
}

/// Whether `value` holds a value (of any type) more than `budget` levels inside it.
fn deeper_than(value: &Value, budget: usize) -> bool {
    match value {
        Value::Array(items) => items
            .iter()
            .any(|item| budget == 0 || deeper_than(item, budget - 1)),
        Value::Object(map) => map
            .values()
            .any(|item| budget == 0 || deeper_than(item, budget - 1)),
        _ => false,
    }
}

impl<'v> Ctx<'v> {
    fn fail(
        &self,
        node: &Node,
        keyword: &str,
        loc: &Loc<'_>,
        requirement: impl FnOnce() -> String,
    ) -> Fail {
        self.detail.then(|| {
            let schema_pointer = if keyword == "false" {
                node.location.clone()
            } else {
                let mut pointer = node.location.clone();
                crate::path::push_token(&mut pointer, keyword);
                pointer
            };
            Box::new(
                Violation {
                    path: loc.path(),
                    keyword: keyword.to_owned(),
                    schema_pointer,
                    message: String::new(),
                    requirement: requirement(),
                }
                .framed(),
            )
        })
    }

    /// The validator's side of a verdict of [`assertion`]: the keyword as the schema
    /// spelled it (`maximum` with draft 4's boolean `exclusiveMaximum`), the text of the
    /// shared constructor.
    fn judge(
        &self,
        node: &Node,
        keyword: &str,
        loc: &Loc<'_>,
        verdict: Result<(), Broken>,
    ) -> Result<(), Fail> {
        verdict.map_err(|broken| self.fail(node, keyword, loc, || broken.requirement().to_owned()))
    }

    /// Evaluates `instance` against a subschema without building violations.
    fn probe(&mut self, id: NodeId, instance: &Value, loc: &Loc<'_>) -> Option<Ann> {
        let detail = std::mem::replace(&mut self.detail, false);
        let result = self.node(id, instance, loc);
        self.detail = detail;
        result.ok()
    }

    fn node(&mut self, id: NodeId, instance: &Value, loc: &Loc<'_>) -> Result<Ann, Fail> {
        let validator = self.validator;
        let Some(node) = validator.nodes.get(id) else {
            return Err(None);
        };
        if self.depth >= MAX_EVAL_DEPTH {
            return Err(self.fail(node, "$ref", loc, || {
                format!("be checkable within {MAX_EVAL_DEPTH} levels of nested schemas")
            }));
        }
        let entered = self.scoped && self.scope.last() != Some(&node.resource);
        if entered {
            self.scope.push(node.resource);
        }
        self.depth += 1;
        let result = match &node.kind {
            Kind::True => Ok(Ann::default()),
            Kind::False => Err(self.fail(node, "false", loc, || {
                "not be here (the schema is `false`)".to_owned()
            })),
            Kind::Checks(checks) => {
                let mut ann = Ann::default();
                let mut result = Ok(());
                for check in checks {
                    if !applies(check) {
                        // An assertion: nothing to annotate.
                        if let Err(fail) = self.assertion(node, check, instance, loc) {
                            result = Err(fail);
                            break;
                        }
                        continue;
                    }
                    match self.check(node, check, instance, loc, &ann) {
                        Ok(found) => ann.merge(found),
                        Err(fail) => {
                            result = Err(fail);
                            break;
                        }
                    }
                }
                result.map(|()| ann)
            }
        };
        self.depth -= 1;
        if entered {
            self.scope.pop();
        }
        result
    }

    /// Follows a reference, refusing a cycle that does not move in the instance.
    fn follow(
        &mut self,
        node: &Node,
        keyword: &str,
        target: NodeId,
        instance: &Value,
        loc: &Loc<'_>,
    ) -> Result<Ann, Fail> {
        let key = (target, instance as *const Value as usize);
        if self.active.contains(&key) {
            return Err(self.fail(node, keyword, loc, || {
                "be checkable, but the schema refers to itself without going deeper into the value"
                    .to_owned()
            }));
        }
        self.active.push(key);
        let result = self.node(target, instance, loc);
        self.active.pop();
        result
    }

    fn check(
        &mut self,
        node: &Node,
        check: &Check,
        instance: &Value,
        loc: &Loc<'_>,
        seen: &Ann,
    ) -> Result<Ann, Fail> {
        match check {
            Check::Ref(_) | Check::RecursiveRef { .. } | Check::DynamicRef { .. } => {
                self.reference(node, check, instance, loc, seen)
            }
            Check::DependentSchemas { .. }
            | Check::AllOf(_)
            | Check::AnyOf(_)
            | Check::OneOf(_)
            | Check::Not(_)
            | Check::If { .. } => self.combinator(node, check, instance, loc, seen),
            Check::Items { .. } | Check::Contains { .. } | Check::UnevaluatedItems(_) => {
                self.array(node, check, instance, loc, seen)
            }
            Check::Properties { .. }
            | Check::PropertyNames(_)
            | Check::UnevaluatedProperties(_) => self.object(node, check, instance, loc, seen),
            _ => self
                .assertion(node, check, instance, loc)
                .map(|()| Ann::default()),
        }
    }

    /// `$ref`, `$recursiveRef`, `$dynamicRef`.
    #[inline(never)]
    fn reference(
        &mut self,
        node: &Node,
        check: &Check,
        instance: &Value,
        loc: &Loc<'_>,
        _seen: &Ann,
    ) -> Result<Ann, Fail> {
        let validator = self.validator;
        let keyword = check.keyword().name();
        let ok = Ok(Ann::default());
        match check {
            Check::Ref(target) => self.follow(node, keyword, *target, instance, loc),
            Check::RecursiveRef { target, dynamic } => {
                let mut target = *target;
                if *dynamic {
                    for resource in self.scope.iter().rev() {
                        match validator.recursive_anchors.get(*resource) {
                            Some(Some(root)) => target = *root,
                            _ => break,
                        }
                    }
                }
                self.follow(node, keyword, target, instance, loc)
            }
            Check::DynamicRef { target, anchor } => {
                let mut target = *target;
                if let Some(name) = anchor {
                    let found = self.scope.iter().find_map(|resource| {
                        validator
                            .dynamic_anchors
                            .get(*resource)?
                            .iter()
                            .find(|(anchor, _)| anchor == name)
                            .map(|(_, node)| *node)
                    });
                    if let Some(found) = found {
                        target = found;
                    }
                }
                self.follow(node, keyword, target, instance, loc)
            }
            _ => ok,
        }
    }

    /// The in-place applicators (`allOf`, `anyOf`, `oneOf`, `not`, `if`, `dependentSchemas`).
    #[inline(never)]
    fn combinator(
        &mut self,
        node: &Node,
        check: &Check,
        instance: &Value,
        loc: &Loc<'_>,
        _seen: &Ann,
    ) -> Result<Ann, Fail> {
        let keyword = check.keyword().name();
        let ok = Ok(Ann::default());
        match check {
            Check::DependentSchemas { entries, .. } => match instance {
                Value::Object(map) => {
                    let mut ann = Ann::default();
                    for (trigger, schema) in entries {
                        if map.contains_key(trigger) {
                            ann.merge(self.node(*schema, instance, loc)?);
                        }
                    }
                    Ok(ann)
                }
                _ => ok,
            },
            Check::AllOf(schemas) => {
                let mut ann = Ann::default();
                for schema in schemas {
                    ann.merge(self.node(*schema, instance, loc)?);
                }
                Ok(ann)
            }
            Check::AnyOf(schemas) => {
                let mut found: Option<Ann> = None;
                for schema in schemas {
                    if let Some(ann) = self.probe(*schema, instance, loc) {
                        match &mut found {
                            Some(all) => all.merge(ann),
                            None => found = Some(ann),
                        }
                        if !self.collect {
                            break;
                        }
                    }
                }
                found.ok_or_else(|| {
                    self.fail(node, keyword, loc, || {
                        "match at least one of the schemas of `anyOf`".to_owned()
                    })
                })
            }
            Check::OneOf(schemas) => {
                let mut found: Option<(usize, Ann)> = None;
                for (index, schema) in schemas.iter().enumerate() {
                    if let Some(ann) = self.probe(*schema, instance, loc) {
                        if let Some((first, _)) = found {
                            return Err(self.fail(node, keyword, loc, || {
                                format!("match exactly one of the schemas of `oneOf`, but matches {first} and {index}")
                            }));
                        }
                        found = Some((index, ann));
                    }
                }
                match found {
                    Some((_, ann)) => Ok(ann),
                    None => Err(self.fail(node, keyword, loc, || {
                        "match exactly one of the schemas of `oneOf`, but matches none".to_owned()
                    })),
                }
            }
            Check::Not(schema) => match self.probe(*schema, instance, loc) {
                Some(_) => Err(self.fail(node, keyword, loc, || {
                    "not match the schema of `not`".to_owned()
                })),
                None => ok,
            },
            Check::If {
                condition,
                then,
                otherwise,
            } => match self.probe(*condition, instance, loc) {
                Some(mut ann) => {
                    if let Some(then) = then {
                        ann.merge(self.node(*then, instance, loc)?);
                    }
                    Ok(ann)
                }
                None => match otherwise {
                    Some(otherwise) => self.node(*otherwise, instance, loc),
                    None => ok,
                },
            },
            _ => ok,
        }
    }

    /// The applicators to items.
    #[inline(never)]
    fn array(
        &mut self,
        node: &Node,
        check: &Check,
        instance: &Value,
        loc: &Loc<'_>,
        seen: &Ann,
    ) -> Result<Ann, Fail> {
        let ok = Ok(Ann::default());
        match check {
            Check::Items { prefix, rest, .. } => match instance {
                Value::Array(items) => {
                    for (index, (schema, item)) in prefix.iter().zip(items).enumerate() {
                        self.node(*schema, item, &loc.index(index))?;
                    }
                    if let Some(rest) = rest {
                        for (index, item) in items.iter().enumerate().skip(prefix.len()) {
                            self.node(*rest, item, &loc.index(index))?;
                        }
                    }
                    Ok(Ann {
                        all_items: rest.is_some(),
                        items_before: prefix.len().min(items.len()),
                        ..Ann::default()
                    })
                }
                _ => ok,
            },
            Check::Contains {
                schema,
                min,
                max,
                annotates,
            } => match instance {
                Value::Array(items) => {
                    let mut ann = Ann::default();
                    let mut count = 0u64;
                    let exhaustive = max.is_some() || (*annotates && self.collect);
                    for (index, item) in items.iter().enumerate() {
                        if self.probe(*schema, item, &loc.index(index)).is_some() {
                            count += 1;
                            if *annotates && self.collect {
                                ann.items.insert(index);
                            }
                            if !exhaustive && count >= *min {
                                break;
                            }
                        }
                    }
                    if count < *min {
                        let keyword = if *min == 1 { "contains" } else { "minContains" };
                        return Err(self.fail(node, keyword, loc, || match min {
                            1 => "contain an item that matches `contains`".to_owned(),
                            min => {
                                format!("contain at least {min} items that match `contains`")
                            }
                        }));
                    }
                    if let Some(max) = max
                        && count > *max
                    {
                        return Err(self.fail(node, "maxContains", loc, || {
                            format!("contain at most {max} items that match `contains`")
                        }));
                    }
                    Ok(ann)
                }
                _ => ok,
            },
            Check::UnevaluatedItems(schema) => match instance {
                Value::Array(items) => {
                    for (index, item) in items.iter().enumerate() {
                        if !seen.has_item(index) {
                            self.node(*schema, item, &loc.index(index))?;
                        }
                    }
                    Ok(Ann {
                        all_items: true,
                        ..Ann::default()
                    })
                }
                _ => ok,
            },
            _ => ok,
        }
    }

    /// The applicators to properties.
    #[inline(never)]
    fn object(
        &mut self,
        _node: &Node,
        check: &Check,
        instance: &Value,
        loc: &Loc<'_>,
        seen: &Ann,
    ) -> Result<Ann, Fail> {
        let ok = Ok(Ann::default());
        match check {
            Check::Properties {
                named,
                patterns,
                additional,
            } => match instance {
                Value::Object(map) => {
                    let mut ann = Ann {
                        all_properties: additional.is_some(),
                        ..Ann::default()
                    };
                    for (position, (key, value)) in map.iter().enumerate() {
                        let here = loc.key(key);
                        let mut matched = false;
                        if let Some(schema) = lookup(named, key) {
                            matched = true;
                            self.node(schema, value, &here)?;
                        }
                        for (regex, schema) in patterns {
                            if regex.is_match(key) {
                                matched = true;
                                self.node(*schema, value, &here)?;
                            }
                        }
                        if matched {
                            if self.collect && additional.is_none() {
                                ann.properties.insert(position);
                            }
                        } else if let Some(additional) = additional {
                            self.node(*additional, value, &here)?;
                        }
                    }
                    Ok(ann)
                }
                _ => ok,
            },
            Check::PropertyNames(schema) => match instance {
                Value::Object(map) => {
                    for key in map.keys() {
                        let name = Value::String(key.clone());
                        self.node(*schema, &name, &loc.key(key))?;
                    }
                    ok
                }
                _ => ok,
            },
            Check::UnevaluatedProperties(schema) => match instance {
                Value::Object(map) => {
                    for (position, (key, value)) in map.iter().enumerate() {
                        if !seen.has_property(position) {
                            self.node(*schema, value, &loc.key(key))?;
                        }
                    }
                    Ok(Ann {
                        all_properties: true,
                        ..Ann::default()
                    })
                }
                _ => ok,
            },
            _ => ok,
        }
    }

    /// The checks that do not apply subschemas (kept apart so that the recursive path
    /// through [`Ctx::check`] uses little stack).
    #[inline(never)]
    fn assertion(
        &self,
        node: &Node,
        check: &Check,
        instance: &Value,
        loc: &Loc<'_>,
    ) -> Result<(), Fail> {
        let keyword = check.keyword().name();
        let ok = Ok(());
        match check {
            Check::Type(types) => {
                if types.iter().any(|ty| json::is_of_type(instance, ty)) {
                    ok
                } else {
                    Err(self.fail(node, keyword, loc, || match types.as_slice() {
                        [one] => format!("be of type {one}"),
                        many => format!("be of one of the types {}", many.join(", ")),
                    }))
                }
            }
            Check::Enum(values) => {
                if values.iter().any(|value| json::equal(value, instance)) {
                    ok
                } else {
                    self.judge(
                        node,
                        keyword,
                        loc,
                        Err(Broken::values(Keyword::Enum, values)),
                    )
                }
            }
            Check::Const(value) => {
                if json::equal(value, instance) {
                    ok
                } else {
                    let broken = Broken::values(Keyword::Const, std::slice::from_ref(value));
                    self.judge(node, keyword, loc, Err(broken))
                }
            }
            Check::MultipleOf(factor) => match instance {
                Value::Number(number) => self.judge(
                    node,
                    keyword,
                    loc,
                    assertion::multiple_of(Num::of(number), Num::of(factor)),
                ),
                _ => ok,
            },
            Check::Maximum {
                limit, exclusive, ..
            } => match instance {
                Value::Number(number) => {
                    let kind = match exclusive {
                        true => BoundKind::ExclusiveMaximum,
                        false => BoundKind::Maximum,
                    };
                    let verdict = assertion::bound(kind, Num::of(number), Num::of(limit));
                    self.judge(node, keyword, loc, verdict)
                }
                _ => ok,
            },
            Check::Minimum {
                limit, exclusive, ..
            } => match instance {
                Value::Number(number) => {
                    let kind = match exclusive {
                        true => BoundKind::ExclusiveMinimum,
                        false => BoundKind::Minimum,
                    };
                    let verdict = assertion::bound(kind, Num::of(number), Num::of(limit));
                    self.judge(node, keyword, loc, verdict)
                }
                _ => ok,
            },
            Check::MaxLength(max) => match instance {
                Value::String(text) => {
                    let verdict = assertion::length(json::string_length(text), None, Some(*max));
                    self.judge(node, keyword, loc, verdict)
                }
                _ => ok,
            },
            Check::MinLength(min) => match instance {
                Value::String(text) => {
                    let verdict = assertion::length(json::string_length(text), Some(*min), None);
                    self.judge(node, keyword, loc, verdict)
                }
                _ => ok,
            },
            Check::Pattern(regex) => match instance {
                Value::String(text) if !regex.is_match(text) => {
                    let broken = Broken::pattern(regex.source());
                    self.judge(node, keyword, loc, Err(broken))
                }
                _ => ok,
            },
            Check::Format(format) => match instance {
                Value::String(text) if !format.is_valid(text) => {
                    self.judge(node, keyword, loc, Err(Broken::format(*format)))
                }
                _ => ok,
            },
            Check::MaxItems(max) => match instance {
                Value::Array(items) => {
                    let verdict = assertion::item_count(items.len() as u64, None, Some(*max));
                    self.judge(node, keyword, loc, verdict)
                }
                _ => ok,
            },
            Check::MinItems(min) => match instance {
                Value::Array(items) => {
                    let verdict = assertion::item_count(items.len() as u64, Some(*min), None);
                    self.judge(node, keyword, loc, verdict)
                }
                _ => ok,
            },
            Check::UniqueItems => match instance {
                Value::Array(items) => {
                    let verdict = assertion::unique_items(items, json::equal);
                    self.judge(node, keyword, loc, verdict)
                }
                _ => ok,
            },
            Check::MaxProperties(max) => match instance {
                Value::Object(map) => {
                    let verdict = assertion::property_count(map.len() as u64, None, Some(*max));
                    self.judge(node, keyword, loc, verdict)
                }
                _ => ok,
            },
            Check::MinProperties(min) => match instance {
                Value::Object(map) => {
                    let verdict = assertion::property_count(map.len() as u64, Some(*min), None);
                    self.judge(node, keyword, loc, verdict)
                }
                _ => ok,
            },
            Check::Required(names) => match instance {
                Value::Object(map) => match names.iter().find(|name| !map.contains_key(*name)) {
                    Some(name) => Err(self.fail(node, keyword, loc, || {
                        format!("have the property {}", quoted(name))
                    })),
                    None => ok,
                },
                _ => ok,
            },
            Check::DependentRequired { entries, .. } => match instance {
                Value::Object(map) => {
                    for (trigger, names) in entries {
                        if !map.contains_key(trigger) {
                            continue;
                        }
                        if let Some(name) = names.iter().find(|name| !map.contains_key(*name)) {
                            return Err(self.fail(node, keyword, loc, || {
                                format!(
                                    "have the property {} because it has {}",
                                    quoted(name),
                                    quoted(trigger)
                                )
                            }));
                        }
                    }
                    ok
                }
                _ => ok,
            },
            _ => ok,
        }
    }
}

/// Whether `check` applies subschemas or annotates (else it is an assertion).
fn applies(check: &Check) -> bool {
    matches!(
        check,
        Check::Ref(_)
            | Check::RecursiveRef { .. }
            | Check::DynamicRef { .. }
            | Check::DependentSchemas { .. }
            | Check::AllOf(_)
            | Check::AnyOf(_)
            | Check::OneOf(_)
            | Check::Not(_)
            | Check::If { .. }
            | Check::Items { .. }
            | Check::Contains { .. }
            | Check::UnevaluatedItems(_)
            | Check::Properties { .. }
            | Check::PropertyNames(_)
            | Check::UnevaluatedProperties(_)
    )
}

/// The schema of the property `key` among `named` (sorted by name, names unique).
fn lookup(named: &[(String, NodeId)], key: &str) -> Option<NodeId> {
    if named.len() <= 8 {
        // A few names: comparing lengths first skips most comparisons of bytes.
        return named
            .iter()
            .find(|(name, _)| name.len() == key.len() && name.as_bytes() == key.as_bytes())
            .map(|(_, schema)| *schema);
    }
    named
        .binary_search_by(|(name, _)| name.as_str().cmp(key))
        .ok()
        .and_then(|found| named.get(found))
        .map(|(_, schema)| *schema)
}

/// A property name for a message: JSON-quoted, shortened when long.
fn quoted(name: &str) -> String {
    const MAX: usize = 64;
    if name.chars().count() > MAX {
        let short: String = name.chars().take(MAX).collect();
        format!("{}…", Value::String(short))
    } else {
        Value::String(name.to_owned()).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bits_hold_positions_past_the_first_word() {
        let mut a = Bits::default();
        a.insert(3);
        a.insert(64);
        let mut b = Bits::default();
        b.insert(200);
        a.union(b);
        for index in [3, 64, 200] {
            assert!(a.contains(index), "{index}");
        }
        for index in [0, 63, 65, 128, 199, 201, 1000] {
            assert!(!a.contains(index), "{index}");
        }
    }

    #[test]
    fn depth_counts_every_value() {
        let nested = |levels: usize, leaf: Value| {
            (0..levels).fold(leaf, |inner, _| Value::Array(vec![inner]))
        };
        // A scalar at depth 256 is fine, at 257 too deep; an empty array counts too.
        assert!(!too_deep(&nested(256, Value::Null)));
        assert!(too_deep(&nested(257, Value::Null)));
        assert!(!too_deep(&nested(256, Value::Array(Vec::new()))));
        assert!(too_deep(&nested(257, Value::Array(Vec::new()))));
        assert!(!too_deep(&nested(
            256,
            Value::Object(serde_json::Map::new())
        )));
    }
}
