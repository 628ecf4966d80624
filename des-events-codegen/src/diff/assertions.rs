//! Which way the keywords that a validator checks next to a typed shape moved (`not`,
//! `if`/`then`/`else`, `dependentRequired`, `contains`...): the cases whose direction
//! holds for every value of the other keywords, and `None` (undecided) for the rest.
//!
//! A keyword added can only reject more documents when every keyword of this family is
//! an assertion on its own: `not`, `then`, `else`, `dependentSchemas`, `propertyNames`,
//! `contains`... all only ever fail a document. Two exceptions make the answer
//! "undecided":
//! - `unevaluatedProperties`/`unevaluatedItems` read what the other keywords evaluated:
//!   next to them, adding `then: {"properties": {"x": {}}}` *accepts* more (`x` becomes
//!   evaluated). Any change beside them is undecided; adding or removing them alone is not.
//! - `minContains` defaults to 1: adding `minContains: 0` accepts arrays with no match.

use serde_json::Value;

use super::constraints::Moved;
use super::rules::Direction;

/// Keywords that, added, can only reject more documents (removed, accept more).
const ASSERTIONS: &[&str] = &[
    "not",
    "if",
    "then",
    "else",
    "dependentRequired",
    "dependentSchemas",
    "dependencies",
    "propertyNames",
    "unevaluatedProperties",
    "unevaluatedItems",
    "contains",
    "maxContains",
];

/// Keywords that read the annotations of the others.
const UNEVALUATED: &[&str] = &["unevaluatedProperties", "unevaluatedItems"];

/// How the checked keywords moved from `old` to `new` (keyword and value pairs as the
/// schemas write them); `None` when some change has no direction that holds in general.
pub fn moves(old: &[&(String, Value)], new: &[&(String, Value)]) -> Option<Vec<Moved>> {
    let get = |list: &[&(String, Value)], key: &str| {
        list.iter()
            .find(|(name, _)| name == key)
            .map(|(_, value)| value.clone())
    };
    let mut keys: Vec<&str> = old.iter().chain(new).map(|(key, _)| key.as_str()).collect();
    keys.sort_unstable();
    keys.dedup();
    let changed: Vec<&str> = keys
        .into_iter()
        .filter(|key| get(old, key) != get(new, key))
        .collect();
    let beside_unevaluated = keys_present(old, UNEVALUATED) || keys_present(new, UNEVALUATED);
    if beside_unevaluated && changed.iter().any(|key| !UNEVALUATED.contains(key)) {
        return None;
    }
    let mut out = Vec::new();
    for key in changed {
        let (before, after) = (get(old, key), get(new, key));
        let direction = match (&before, &after) {
            (None, Some(value)) => added(key, value)?,
            (Some(value), None) => match added(key, value)? {
                Direction::Tightened => Direction::Loosened,
                Direction::Loosened => Direction::Tightened,
                Direction::Changed => Direction::Changed,
            },
            (Some(before), Some(after)) => changed_value(key, before, after)?,
            (None, None) => continue,
        };
        let shown =
            |value: &Option<Value>| value.as_ref().map_or("none".to_owned(), Value::to_string);
        out.push(Moved {
            direction,
            detail: format!("{key} {} -> {}", shown(&before), shown(&after)),
            rust_type_changes: false,
        });
    }
    Some(out)
}

fn keys_present(list: &[&(String, Value)], keys: &[&str]) -> bool {
    list.iter().any(|(key, _)| keys.contains(&key.as_str()))
}

/// The direction of adding `key: value`.
fn added(key: &str, value: &Value) -> Option<Direction> {
    if ASSERTIONS.contains(&key) {
        return Some(Direction::Tightened);
    }
    match (key, value.as_u64()) {
        // The default is 1: 0 accepts more, 1 is the same, more rejects more.
        ("minContains", Some(0)) => Some(Direction::Loosened),
        ("minContains", Some(_)) => Some(Direction::Tightened),
        _ => None,
    }
}

/// The direction of `key` going from `before` to `after`.
fn changed_value(key: &str, before: &Value, after: &Value) -> Option<Direction> {
    let by_order = |tighter_when_larger: bool| {
        let (before, after) = (before.as_u64()?, after.as_u64()?);
        Some(if (after > before) == tighter_when_larger {
            Direction::Tightened
        } else {
            Direction::Loosened
        })
    };
    match key {
        "minContains" => by_order(true),
        "maxContains" => by_order(false),
        "dependentRequired" => required_lists(before, after),
        _ => None,
    }
}

/// `dependentRequired`: more names required for a key, or a new key, rejects more.
fn required_lists(before: &Value, after: &Value) -> Option<Direction> {
    let (Value::Object(before), Value::Object(after)) = (before, after) else {
        return None;
    };
    let includes = |big: &serde_json::Map<String, Value>,
                    small: &serde_json::Map<String, Value>| {
        small.iter().all(|(key, names)| {
            let (Some(Value::Array(names)), Some(Value::Array(more))) = (Some(names), big.get(key))
            else {
                return matches!(names, Value::Array(names) if names.is_empty());
            };
            names.iter().all(|name| more.contains(name))
        })
    };
    if includes(after, before) {
        Some(Direction::Tightened)
    } else if includes(before, after) {
        Some(Direction::Loosened)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn run(old: &[(&str, Value)], new: &[(&str, Value)]) -> Option<Vec<(Direction, String)>> {
        let own = |list: &[(&str, Value)]| -> Vec<(String, Value)> {
            list.iter()
                .map(|(key, value)| ((*key).to_owned(), value.clone()))
                .collect()
        };
        let (old, new) = (own(old), own(new));
        let old: Vec<&(String, Value)> = old.iter().collect();
        let new: Vec<&(String, Value)> = new.iter().collect();
        moves(&old, &new).map(|moves| {
            moves
                .into_iter()
                .map(|moved| (moved.direction, moved.detail))
                .collect()
        })
    }

    #[test]
    fn assertions_added_tighten_and_removed_loosen() {
        let not = ("not", json!({"required": ["a"]}));
        assert_eq!(
            run(&[], std::slice::from_ref(&not)),
            Some(vec![(
                Direction::Tightened,
                r#"not none -> {"required":["a"]}"#.to_owned()
            )])
        );
        assert_eq!(
            run(std::slice::from_ref(&not), &[]).map(|moves| moves[0].0),
            Some(Direction::Loosened)
        );
        // Rewritten: no direction in general.
        assert_eq!(run(&[not], &[("not", json!({"required": ["b"]}))]), None);
    }

    #[test]
    fn counts_and_dependent_lists_move_by_order_and_inclusion() {
        let tight = run(&[("minContains", json!(1))], &[("minContains", json!(2))]);
        assert_eq!(tight.map(|moves| moves[0].0), Some(Direction::Tightened));
        let loose = run(&[("maxContains", json!(1))], &[("maxContains", json!(2))]);
        assert_eq!(loose.map(|moves| moves[0].0), Some(Direction::Loosened));
        // `minContains: 0` accepts arrays without a match (the default is 1).
        let zero = run(&[], &[("minContains", json!(0))]);
        assert_eq!(zero.map(|moves| moves[0].0), Some(Direction::Loosened));
        let more = run(
            &[("dependentRequired", json!({"a": ["b"]}))],
            &[("dependentRequired", json!({"a": ["b", "c"], "d": ["a"]}))],
        );
        assert_eq!(more.map(|moves| moves[0].0), Some(Direction::Tightened));
        let fewer = run(
            &[("dependentRequired", json!({"a": ["b", "c"]}))],
            &[("dependentRequired", json!({"a": ["c"]}))],
        );
        assert_eq!(fewer.map(|moves| moves[0].0), Some(Direction::Loosened));
        let swapped = run(
            &[("dependentRequired", json!({"a": ["b"]}))],
            &[("dependentRequired", json!({"b": ["a"]}))],
        );
        assert_eq!(swapped, None);
    }

    #[test]
    fn changes_beside_unevaluated_keywords_are_undecided() {
        let closed = ("unevaluatedProperties", json!(false));
        // `then` evaluates `x`: next to `unevaluatedProperties` it accepts more.
        let then = ("then", json!({"properties": {"x": {}}}));
        assert_eq!(
            run(std::slice::from_ref(&closed), &[closed.clone(), then]),
            None
        );
        // Adding or removing the unevaluated keyword alone has a direction.
        assert_eq!(
            run(&[], std::slice::from_ref(&closed)).map(|moves| moves[0].0),
            Some(Direction::Tightened)
        );
    }
}
