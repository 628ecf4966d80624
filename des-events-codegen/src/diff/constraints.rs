//! Which way each constraint moved: string formats, lengths and patterns, integer and
//! number bounds, item counts. Also whether a value or a range passes a set of rules
//! (for the verdicts of enum <-> string and integer <-> number changes).

use std::cmp::Ordering;

use super::rules::Direction;
use crate::ir::{ArrayRules, Format, IntegerRules, NumberRules, StringRules};

/// One constraint that moved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Moved {
    /// Which way.
    pub direction: Direction,
    /// `keyword old -> new`.
    pub detail: String,
    /// The Rust type changes with it (`format: uuid` is `Uuid`, not `String`).
    pub rust_type_changes: bool,
}

fn moved(direction: Direction, detail: String) -> Moved {
    Moved {
        direction,
        detail,
        rust_type_changes: false,
    }
}

fn shown<T: ToString>(value: Option<T>) -> String {
    value.map_or_else(|| "none".to_owned(), |value| value.to_string())
}

/// A lower count (`minLength`, `minItems`): absent is 0.
fn min_count(keyword: &str, old: Option<u64>, new: Option<u64>, out: &mut Vec<Moved>) {
    let direction = match new.unwrap_or(0).cmp(&old.unwrap_or(0)) {
        Ordering::Greater => Direction::Tightened,
        Ordering::Less => Direction::Loosened,
        Ordering::Equal => return,
    };
    out.push(moved(
        direction,
        format!("{keyword} {} -> {}", shown(old), shown(new)),
    ));
}

/// An upper count (`maxLength`, `maxItems`): absent is unbounded.
fn max_count(keyword: &str, old: Option<u64>, new: Option<u64>, out: &mut Vec<Moved>) {
    let direction = match (old, new) {
        (None, None) => return,
        (None, Some(_)) => Direction::Tightened,
        (Some(_), None) => Direction::Loosened,
        (Some(old), Some(new)) => match new.cmp(&old) {
            Ordering::Less => Direction::Tightened,
            Ordering::Greater => Direction::Loosened,
            Ordering::Equal => return,
        },
    };
    out.push(moved(
        direction,
        format!("{keyword} {} -> {}", shown(old), shown(new)),
    ));
}

/// `format`, `minLength`, `maxLength`, `pattern` of a string. The credential flag is
/// not a constraint (it changes the Rust type only); unknown formats are annotations.
pub fn strings(old: &StringRules, new: &StringRules) -> Vec<Moved> {
    let mut out = Vec::new();
    if old.format != new.format {
        let direction = match (old.format, new.format) {
            (None, Some(_)) => Direction::Tightened,
            (Some(_), None) => Direction::Loosened,
            _ => Direction::Changed,
        };
        out.push(Moved {
            direction,
            detail: format!(
                "format {} -> {}",
                shown(old.format.map(Format::name)),
                shown(new.format.map(Format::name))
            ),
            rust_type_changes: (old.format == Some(Format::Uuid))
                != (new.format == Some(Format::Uuid)),
        });
    }
    min_count("minLength", old.min_length, new.min_length, &mut out);
    max_count("maxLength", old.max_length, new.max_length, &mut out);
    if old.pattern != new.pattern {
        let direction = match (&old.pattern, &new.pattern) {
            (None, Some(_)) => Direction::Tightened,
            (Some(_), None) => Direction::Loosened,
            _ => Direction::Changed,
        };
        let pattern = |pattern: &Option<String>| {
            pattern
                .as_ref()
                .map_or_else(|| "none".to_owned(), |source| format!("/{source}/"))
        };
        out.push(moved(
            direction,
            format!(
                "pattern {} -> {}",
                pattern(&old.pattern),
                pattern(&new.pattern)
            ),
        ));
    }
    out
}

/// `minItems`, `maxItems` of an array.
pub fn arrays(old: &ArrayRules, new: &ArrayRules) -> Vec<Moved> {
    let mut out = Vec::new();
    min_count("minItems", old.min_items, new.min_items, &mut out);
    max_count("maxItems", old.max_items, new.max_items, &mut out);
    flag("uniqueItems", old.unique, new.unique, &mut out);
    out
}

/// A boolean constraint (`uniqueItems`): turning it on tightens.
fn flag(keyword: &str, old: bool, new: bool, out: &mut Vec<Moved>) {
    let direction = match (old, new) {
        (false, true) => Direction::Tightened,
        (true, false) => Direction::Loosened,
        _ => return,
    };
    out.push(moved(direction, format!("{keyword} {old} -> {new}")));
}

/// `type: [T, "null"]` gained or lost: the Rust type changes (`T` <-> `Option<T>`).
pub fn nullable(old: bool, new: bool) -> Vec<Moved> {
    let direction = if new {
        Direction::Loosened
    } else {
        Direction::Tightened
    };
    vec![Moved {
        direction,
        detail: format!("nullable {old} -> {new}"),
        rust_type_changes: true,
    }]
}

/// `additionalProperties` gained (`true`) or lost a schema: the other keys' values are
/// now checked (tighter) or not; their Rust type changes either way.
pub fn typed_additional(typed: bool) -> Vec<Moved> {
    let direction = if typed {
        Direction::Tightened
    } else {
        Direction::Loosened
    };
    vec![Moved {
        direction,
        detail: format!(
            "additionalProperties {}",
            if typed {
                "true -> a schema"
            } else {
                "a schema -> true"
            }
        ),
        rust_type_changes: true,
    }]
}

/// `minProperties` / `maxProperties` of an object.
pub fn property_counts(
    old: (Option<u64>, Option<u64>),
    new: (Option<u64>, Option<u64>),
) -> Vec<Moved> {
    let mut out = Vec::new();
    min_count("minProperties", old.0, new.0, &mut out);
    max_count("maxProperties", old.1, new.1, &mut out);
    out
}

/// The smallest integer an integer schema accepts (`None`: unbounded).
fn int_lower(rules: &IntegerRules) -> Option<i128> {
    let inclusive = rules.minimum.map(i128::from);
    let exclusive = rules.exclusive_minimum.map(|bound| i128::from(bound) + 1);
    inclusive.max(exclusive)
}

/// The largest integer an integer schema accepts (`None`: unbounded).
fn int_upper(rules: &IntegerRules) -> Option<i128> {
    let inclusive = rules.maximum.map(i128::from);
    let exclusive = rules.exclusive_maximum.map(|bound| i128::from(bound) - 1);
    match (inclusive, exclusive) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// How the schema writes one side's bound, e.g. `minimum 0` or `exclusiveMinimum 0`.
fn bound_text<T: ToString>(pairs: [(&str, Option<T>); 2]) -> String {
    let parts: Vec<String> = pairs
        .into_iter()
        .filter_map(|(keyword, value)| {
            value.map(|value| format!("{keyword} {}", value.to_string()))
        })
        .collect();
    if parts.is_empty() {
        "none".to_owned()
    } else {
        parts.join(", ")
    }
}

/// The effective lower and upper bounds of an integer.
pub fn integers(old: &IntegerRules, new: &IntegerRules) -> Vec<Moved> {
    let mut out = Vec::new();
    // Lower: absent is -infinity, so `None < Some` is the right order.
    let lower = int_lower(new).cmp(&int_lower(old));
    if lower != Ordering::Equal {
        let text = |rules: &IntegerRules| {
            bound_text([
                ("minimum", rules.minimum),
                ("exclusiveMinimum", rules.exclusive_minimum),
            ])
        };
        let direction = if lower == Ordering::Greater {
            Direction::Tightened
        } else {
            Direction::Loosened
        };
        out.push(moved(
            direction,
            format!("lower bound {} -> {}", text(old), text(new)),
        ));
    }
    let upper = match (int_upper(old), int_upper(new)) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Greater,
        (Some(_), None) => Ordering::Less,
        (Some(old), Some(new)) => old.cmp(&new),
    };
    if upper != Ordering::Equal {
        let text = |rules: &IntegerRules| {
            bound_text([
                ("maximum", rules.maximum),
                ("exclusiveMaximum", rules.exclusive_maximum),
            ])
        };
        // `upper` compares how much tighter NEW is: Greater = NEW rejects more.
        let direction = if upper == Ordering::Greater {
            Direction::Tightened
        } else {
            Direction::Loosened
        };
        out.push(moved(
            direction,
            format!("upper bound {} -> {}", text(old), text(new)),
        ));
    }
    if old.multiple_of != new.multiple_of {
        // A new multiple that divides by the old one only accepts fewer values.
        let direction = match (old.multiple_of, new.multiple_of) {
            (None, Some(_)) => Direction::Tightened,
            (Some(_), None) => Direction::Loosened,
            (Some(old), Some(new)) if new % old == 0 => Direction::Tightened,
            (Some(old), Some(new)) if old % new == 0 => Direction::Loosened,
            _ => Direction::Changed,
        };
        out.push(moved(
            direction,
            format!(
                "multipleOf {} -> {}",
                shown(old.multiple_of),
                shown(new.multiple_of)
            ),
        ));
    }
    if old.rust_type() != new.rust_type() {
        // The bounds picked another Rust integer type: an API change on its own.
        if let Some(last) = out.last_mut() {
            last.rust_type_changes = true;
        }
    }
    out
}

/// A number bound: its value and whether it is exclusive.
type Bound = (f64, bool);

/// The stricter of the inclusive and the exclusive lower bound.
fn num_lower(rules: &NumberRules) -> Option<Bound> {
    let candidates = [
        rules.minimum.map(|value| (value, false)),
        rules.exclusive_minimum.map(|value| (value, true)),
    ];
    candidates
        .into_iter()
        .flatten()
        .max_by(|a, b| lower_strictness(*a, *b))
}

/// The stricter of the inclusive and the exclusive upper bound.
fn num_upper(rules: &NumberRules) -> Option<Bound> {
    let candidates = [
        rules.maximum.map(|value| (value, false)),
        rules.exclusive_maximum.map(|value| (value, true)),
    ];
    candidates
        .into_iter()
        .flatten()
        .max_by(|a, b| upper_strictness(*a, *b))
}

/// Greater = `a` rejects more than `b`, as lower bounds.
fn lower_strictness(a: Bound, b: Bound) -> Ordering {
    a.0.total_cmp(&b.0).then(a.1.cmp(&b.1))
}

/// Greater = `a` rejects more than `b`, as upper bounds.
fn upper_strictness(a: Bound, b: Bound) -> Ordering {
    b.0.total_cmp(&a.0).then(a.1.cmp(&b.1))
}

/// Greater = NEW rejects more; an absent bound rejects nothing.
fn optional_strictness(
    old: Option<Bound>,
    new: Option<Bound>,
    strictness: fn(Bound, Bound) -> Ordering,
) -> Ordering {
    match (old, new) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Greater,
        (Some(_), None) => Ordering::Less,
        (Some(old), Some(new)) => strictness(new, old),
    }
}

/// The effective lower and upper bounds of a number.
pub fn numbers(old: &NumberRules, new: &NumberRules) -> Vec<Moved> {
    let lower = |rules: &NumberRules| {
        bound_text([
            ("minimum", rules.minimum),
            ("exclusiveMinimum", rules.exclusive_minimum),
        ])
    };
    let upper = |rules: &NumberRules| {
        bound_text([
            ("maximum", rules.maximum),
            ("exclusiveMaximum", rules.exclusive_maximum),
        ])
    };
    let sides = [
        (
            "lower",
            optional_strictness(num_lower(old), num_lower(new), lower_strictness),
            lower(old),
            lower(new),
        ),
        (
            "upper",
            optional_strictness(num_upper(old), num_upper(new), upper_strictness),
            upper(old),
            upper(new),
        ),
    ];
    let mut out = Vec::new();
    for (side, strictness, old_text, new_text) in sides {
        let direction = match strictness {
            Ordering::Greater => Direction::Tightened,
            Ordering::Less => Direction::Loosened,
            Ordering::Equal => continue,
        };
        out.push(moved(
            direction,
            format!("{side} bound {old_text} -> {new_text}"),
        ));
    }
    if old.multiple_of != new.multiple_of {
        let direction = match (old.multiple_of, new.multiple_of) {
            (None, Some(_)) => Direction::Tightened,
            (Some(_), None) => Direction::Loosened,
            _ => Direction::Changed,
        };
        out.push(moved(
            direction,
            format!(
                "multipleOf {} -> {}",
                shown(old.multiple_of),
                shown(new.multiple_of)
            ),
        ));
    }
    out
}

/// Whether every integer `ints` accepts is a number `numbers` accepts.
pub fn integers_within_numbers(ints: &IntegerRules, numbers: &NumberRules) -> bool {
    let low_ok = match (num_lower(numbers), int_lower(ints)) {
        (None, _) => true,
        (Some(_), None) => false,
        (Some((bound, exclusive)), Some(low)) => {
            let low = low as f64;
            if exclusive { low > bound } else { low >= bound }
        }
    };
    let high_ok = match (num_upper(numbers), int_upper(ints)) {
        (None, _) => true,
        (Some(_), None) => false,
        (Some((bound, exclusive)), Some(high)) => {
            let high = high as f64;
            if exclusive {
                high < bound
            } else {
                high <= bound
            }
        }
    };
    low_ok && high_ok
}

/// Whether `value` passes a string schema's format, lengths and pattern, judged by the
/// same code the runtime uses (`des-events-core`).
pub fn string_accepts(rules: &StringRules, value: &str) -> bool {
    let length = des_events_core::json::string_length(value);
    let format_ok = rules.format.is_none_or(|format| format.is_valid(value));
    let pattern_ok = match &rules.pattern {
        None => true,
        // A pattern the engine accepted compiles; be conservative otherwise.
        Some(source) => des_events_core::pattern::is_match(source, value).unwrap_or(false),
    };
    format_ok
        && pattern_ok
        && rules.min_length.is_none_or(|min| length >= min)
        && rules.max_length.is_none_or(|max| length <= max)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn directions(moves: &[Moved]) -> Vec<Direction> {
        moves.iter().map(|moved| moved.direction).collect()
    }

    #[test]
    fn string_lengths_and_patterns() {
        let old = StringRules {
            min_length: Some(1),
            max_length: Some(10),
            ..StringRules::default()
        };
        let new = StringRules {
            min_length: Some(2),
            max_length: None,
            pattern: Some("^a".to_owned()),
            ..StringRules::default()
        };
        let moves = strings(&old, &new);
        assert_eq!(
            directions(&moves),
            [
                Direction::Tightened,
                Direction::Loosened,
                Direction::Tightened
            ]
        );
        assert_eq!(moves[0].detail, "minLength 1 -> 2");
        assert_eq!(moves[1].detail, "maxLength 10 -> none");
        assert_eq!(moves[2].detail, "pattern none -> /^a/");
        // minLength 0 is no minimum at all.
        let zero = StringRules {
            min_length: Some(0),
            ..StringRules::default()
        };
        assert!(strings(&StringRules::default(), &zero).is_empty());
        let other = StringRules {
            pattern: Some("^b".to_owned()),
            ..StringRules::default()
        };
        let replaced = strings(&new, &other);
        assert!(replaced.iter().any(|m| m.direction == Direction::Changed));
    }

    #[test]
    fn formats_and_the_uuid_rust_type() {
        let plain = StringRules::default();
        let uuid = StringRules {
            format: Some(Format::Uuid),
            ..StringRules::default()
        };
        let date = StringRules {
            format: Some(Format::Date),
            ..StringRules::default()
        };
        let added = strings(&plain, &uuid);
        assert_eq!(directions(&added), [Direction::Tightened]);
        assert!(added[0].rust_type_changes);
        let removed = strings(&date, &plain);
        assert_eq!(directions(&removed), [Direction::Loosened]);
        assert!(!removed[0].rust_type_changes);
        let swapped = strings(&uuid, &date);
        assert_eq!(directions(&swapped), [Direction::Changed]);
        assert!(swapped[0].rust_type_changes);
        assert_eq!(swapped[0].detail, "format uuid -> date");
    }

    #[test]
    fn integer_bounds_are_effective_bounds() {
        let old = IntegerRules {
            minimum: Some(1),
            maximum: Some(10),
            ..IntegerRules::default()
        };
        // exclusiveMinimum 0 is minimum 1: no change.
        let same = IntegerRules {
            exclusive_minimum: Some(0),
            maximum: Some(10),
            ..IntegerRules::default()
        };
        assert!(integers(&old, &same).is_empty());
        let narrower = IntegerRules {
            minimum: Some(2),
            maximum: Some(20),
            ..IntegerRules::default()
        };
        let moves = integers(&old, &narrower);
        assert_eq!(
            directions(&moves),
            [Direction::Tightened, Direction::Loosened]
        );
        assert_eq!(moves[0].detail, "lower bound minimum 1 -> minimum 2");
        assert_eq!(moves[1].detail, "upper bound maximum 10 -> maximum 20");
        let unbounded = IntegerRules::default();
        assert_eq!(
            directions(&integers(&old, &unbounded)),
            [Direction::Loosened, Direction::Loosened]
        );
    }

    #[test]
    fn number_bounds_compare_exclusive_ones() {
        let old = NumberRules {
            minimum: Some(0.0),
            ..NumberRules::default()
        };
        let exclusive = NumberRules {
            exclusive_minimum: Some(0.0),
            ..NumberRules::default()
        };
        let moves = numbers(&old, &exclusive);
        assert_eq!(directions(&moves), [Direction::Tightened]);
        assert_eq!(
            moves[0].detail,
            "lower bound minimum 0 -> exclusiveMinimum 0"
        );
        assert_eq!(
            directions(&numbers(&exclusive, &old)),
            [Direction::Loosened]
        );
        let capped = NumberRules {
            maximum: Some(5.0),
            exclusive_maximum: Some(5.0),
            ..NumberRules::default()
        };
        let lower_cap = NumberRules {
            exclusive_maximum: Some(5.0),
            ..NumberRules::default()
        };
        // The stricter of the two upper bounds is the exclusive one: no change.
        assert!(numbers(&capped, &lower_cap).is_empty());
        assert_eq!(
            directions(&numbers(&NumberRules::default(), &lower_cap)),
            [Direction::Tightened]
        );
    }

    #[test]
    fn item_counts() {
        let old = ArrayRules {
            min_items: None,
            max_items: Some(3),
            unique: false,
        };
        let new = ArrayRules {
            min_items: Some(1),
            max_items: Some(2),
            unique: false,
        };
        assert_eq!(
            directions(&arrays(&old, &new)),
            [Direction::Tightened, Direction::Tightened]
        );
        assert_eq!(
            directions(&arrays(&new, &old)),
            [Direction::Loosened, Direction::Loosened]
        );
    }

    #[test]
    fn integer_ranges_within_number_bounds() {
        let ints = IntegerRules {
            minimum: Some(0),
            maximum: Some(10),
            ..IntegerRules::default()
        };
        assert!(integers_within_numbers(&ints, &NumberRules::default()));
        let wide = NumberRules {
            minimum: Some(0.0),
            exclusive_maximum: Some(10.5),
            ..NumberRules::default()
        };
        assert!(integers_within_numbers(&ints, &wide));
        let narrow = NumberRules {
            exclusive_minimum: Some(0.0),
            ..NumberRules::default()
        };
        assert!(!integers_within_numbers(&ints, &narrow));
    }

    #[test]
    fn string_values() {
        let rules = StringRules {
            min_length: Some(3),
            max_length: Some(9),
            pattern: Some("^[a-z]+$".to_owned()),
            ..StringRules::default()
        };
        assert!(string_accepts(&rules, "failed"));
        assert!(!string_accepts(&rules, "no"));
        assert!(!string_accepts(&rules, "cancelled!"));
        assert!(!string_accepts(&rules, "Failed"));
        let uuid = StringRules {
            format: Some(Format::Uuid),
            ..StringRules::default()
        };
        assert!(string_accepts(
            &uuid,
            "A2313192-e2dc-452e-b56c-2f23baf6eee1"
        ));
        assert!(!string_accepts(&uuid, "a2313192e2dc452eb56c2f23baf6eee1"));
        let date = StringRules {
            format: Some(Format::Date),
            ..StringRules::default()
        };
        assert!(string_accepts(&date, "2024-02-29"));
        assert!(!string_accepts(&date, "2023-02-29"));
        assert!(!string_accepts(&date, "2024-13-01"));
    }

    /// `diff` judges patterns as the runtime does: ECMA-262 with the `u` flag (it used
    /// to compile without it, so `\p{Lu}` meant the letter `p`).
    #[test]
    fn patterns_need_the_unicode_flag() {
        let upper = StringRules {
            pattern: Some("^\\p{Lu}+$".to_owned()),
            ..StringRules::default()
        };
        assert!(string_accepts(&upper, "ÄB"));
        assert!(!string_accepts(&upper, "ab"));
        assert!(!string_accepts(&upper, "p{Lu}"));
        let one = StringRules {
            pattern: Some("^.$".to_owned()),
            ..StringRules::default()
        };
        assert!(string_accepts(&one, "😀"));
    }

    /// Every asserted format is judged, exactly as the runtime does.
    #[test]
    fn every_format_is_judged() {
        for format in Format::ALL {
            let rules = StringRules {
                format: Some(*format),
                ..StringRules::default()
            };
            assert!(
                !string_accepts(&rules, format.invalid_example()),
                "{format:?}"
            );
        }
        let time = StringRules {
            format: Some(Format::DateTime),
            ..StringRules::default()
        };
        assert!(string_accepts(&time, "2026-02-28T10:00:00Z"));
    }
}
