//! The value keywords' verdicts and error texts: one function per keyword, called by the
//! validator ([`crate::validate`]) and by the code generated for typed fields (through
//! `des_events::__private`), so one broken keyword gives one text on both paths.
//!
//! A verdict is `Result<(), Broken>`. [`Broken`] holds the keyword and what it requires,
//! as a verb phrase ("be at least 5"), which each path frames in its own sentence:
//! the validator's message is "must be at least 5" ([`Broken::message`]), a typed
//! error's expectation "to be at least 5" ([`Broken::expected`]).
//!
//! Adding a value keyword: its requirement text and verdict go here, next to its
//! siblings; see CONTRIBUTING.md ("Adding a keyword").

use std::fmt;

use crate::Keyword;
use crate::format::Format;
use crate::number::{BoundKind, Num, is_multiple};

/// A keyword that a value breaks, and what it requires.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Broken {
    keyword: Keyword,
    requirement: String,
}

impl Broken {
    /// `keyword` requires `requirement`, a verb phrase such as "be at least 5".
    pub fn new(keyword: Keyword, requirement: impl fmt::Display) -> Broken {
        Broken {
            keyword,
            requirement: requirement.to_string(),
        }
    }

    /// The keyword.
    pub fn keyword(&self) -> Keyword {
        self.keyword
    }

    /// What the keyword requires, as a verb phrase: "be at least 5".
    pub fn requirement(&self) -> &str {
        &self.requirement
    }

    /// The validator's sentence: "must be at least 5".
    pub fn message(&self) -> String {
        format!("must {}", self.requirement)
    }

    /// What a typed error says after "expected": "to be at least 5".
    pub fn expected(&self) -> String {
        format!("to {}", self.requirement)
    }

    /// The error for `minimum`, `maximum`, `exclusiveMinimum` or `exclusiveMaximum`.
    pub fn bound(kind: BoundKind, limit: Num) -> Broken {
        let (keyword, relation) = match kind {
            BoundKind::Minimum => (Keyword::Minimum, "at least"),
            BoundKind::Maximum => (Keyword::Maximum, "at most"),
            BoundKind::ExclusiveMinimum => (Keyword::ExclusiveMinimum, "greater than"),
            BoundKind::ExclusiveMaximum => (Keyword::ExclusiveMaximum, "less than"),
        };
        Broken::new(keyword, format_args!("be {relation} {}", Limit(limit)))
    }

    /// The error for `multipleOf`.
    pub fn multiple_of(factor: Num) -> Broken {
        Broken::new(
            Keyword::MultipleOf,
            format_args!("be a multiple of {}", Limit(factor)),
        )
    }

    /// The error for `minLength`.
    pub fn min_length(min: u64) -> Broken {
        Broken::new(
            Keyword::MinLength,
            format_args!("be at least {min} characters long"),
        )
    }

    /// The error for `maxLength`.
    pub fn max_length(max: u64) -> Broken {
        Broken::new(
            Keyword::MaxLength,
            format_args!("be at most {max} characters long"),
        )
    }

    /// The error for `pattern`, showing the pattern's source.
    pub fn pattern(source: &str) -> Broken {
        Broken::new(
            Keyword::Pattern,
            format_args!("match the pattern /{source}/"),
        )
    }

    /// The error for an asserted `format`.
    pub fn format(format: Format) -> Broken {
        Broken::new(Keyword::Format, format_args!("be {}", format.describe()))
    }

    /// The error for `minItems`.
    pub fn min_items(min: u64) -> Broken {
        Broken::new(Keyword::MinItems, format_args!("have at least {min} items"))
    }

    /// The error for `maxItems`.
    pub fn max_items(max: u64) -> Broken {
        Broken::new(Keyword::MaxItems, format_args!("have at most {max} items"))
    }

    /// The error for `uniqueItems`: items `first` and `second` (0-based) are equal.
    pub fn unique_items(first: usize, second: usize) -> Broken {
        Broken::new(
            Keyword::UniqueItems,
            format_args!("have unique items, but items {first} and {second} are equal"),
        )
    }

    /// The error for `minProperties`.
    pub fn min_properties(min: u64) -> Broken {
        Broken::new(
            Keyword::MinProperties,
            format_args!("have at least {min} properties"),
        )
    }

    /// The error for `maxProperties`.
    pub fn max_properties(max: u64) -> Broken {
        Broken::new(
            Keyword::MaxProperties,
            format_args!("have at most {max} properties"),
        )
    }
}

/// A schema's number in an error text, by value: `0` whether the schema wrote `0` or
/// `0.0` (the typed path holds bounds as `f64` and cannot know which it was).
struct Limit(Num);

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.as_integer() {
            Some(integer) => fmt::Display::fmt(&integer, f),
            None => fmt::Display::fmt(&self.0, f),
        }
    }
}

/// How many values an `enum` error lists before it only counts the rest.
const SHOWN_VALUES: usize = 8;

/// A value's JSON text in an error, cut after 40 characters (an `enum` may list large
/// objects).
fn short(text: &str) -> String {
    const MAX: usize = 40;
    match text.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

impl Broken {
    /// The error for `enum` (`keyword` [`Keyword::Enum`]) or `const`
    /// ([`Keyword::Const`]): the allowed `values` as JSON texts, the first few listed.
    pub fn values<T: fmt::Display>(keyword: Keyword, values: &[T]) -> Broken {
        let listed = values
            .iter()
            .take(SHOWN_VALUES)
            .map(|value| short(&value.to_string()))
            .collect::<Vec<_>>()
            .join(", ");
        let requirement = match values.len() {
            1 => format!("be {listed}"),
            count if count <= SHOWN_VALUES => format!("be one of {listed}"),
            count => format!("be one of {listed}, … ({count} values)"),
        };
        Broken::new(keyword, requirement)
    }
}

impl fmt::Display for Broken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}`: must {}", self.keyword, self.requirement)
    }
}

/// Checks one bound.
pub fn bound(kind: BoundKind, value: Num, limit: Num) -> Result<(), Broken> {
    if kind.holds(value, limit) {
        Ok(())
    } else {
        Err(Broken::bound(kind, limit))
    }
}

/// Checks `multipleOf`.
pub fn multiple_of(value: Num, factor: Num) -> Result<(), Broken> {
    if is_multiple(value, factor) {
        Ok(())
    } else {
        Err(Broken::multiple_of(factor))
    }
}

/// The numeric keywords of one schema, checked in the validator's order (the order
/// of its compiled checks), so both paths report the same keyword when a value breaks
/// several: `multipleOf`, `maximum`, `exclusiveMaximum`, `minimum`, `exclusiveMinimum`.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct NumberRules {
    /// `minimum`.
    pub minimum: Option<Num>,
    /// `maximum`.
    pub maximum: Option<Num>,
    /// `exclusiveMinimum`.
    pub exclusive_minimum: Option<Num>,
    /// `exclusiveMaximum`.
    pub exclusive_maximum: Option<Num>,
    /// `multipleOf`.
    pub multiple_of: Option<Num>,
}

impl NumberRules {
    /// Checks every keyword on `value`; the first broken one is the error.
    pub fn check(&self, value: Num) -> Result<(), Broken> {
        if let Some(factor) = self.multiple_of {
            multiple_of(value, factor)?;
        }
        let bounds = [
            (BoundKind::Maximum, self.maximum),
            (BoundKind::ExclusiveMaximum, self.exclusive_maximum),
            (BoundKind::Minimum, self.minimum),
            (BoundKind::ExclusiveMinimum, self.exclusive_minimum),
        ];
        for (kind, limit) in bounds {
            if let Some(limit) = limit {
                bound(kind, value, limit)?;
            }
        }
        Ok(())
    }
}

/// Checks a count against a lower and an upper limit; the lower one is reported first.
fn within(
    count: u64,
    (min, too_few): (Option<u64>, fn(u64) -> Broken),
    (max, too_many): (Option<u64>, fn(u64) -> Broken),
) -> Result<(), Broken> {
    if let Some(min) = min.filter(|min| count < *min) {
        return Err(too_few(min));
    }
    if let Some(max) = max.filter(|max| count > *max) {
        return Err(too_many(max));
    }
    Ok(())
}

/// Checks `minLength` and `maxLength` on a string of `length` code points.
pub fn length(length: u64, min: Option<u64>, max: Option<u64>) -> Result<(), Broken> {
    within(length, (min, Broken::min_length), (max, Broken::max_length))
}

/// Checks `minItems` and `maxItems` on an array of `count` items (`maxItems` first: a
/// streaming reader knows it is broken before the array ends).
pub fn item_count(count: u64, min: Option<u64>, max: Option<u64>) -> Result<(), Broken> {
    if let Some(max) = max.filter(|max| count > *max) {
        return Err(Broken::max_items(max));
    }
    within(count, (min, Broken::min_items), (None, Broken::max_items))
}

/// Checks `uniqueItems` with JSON Schema's `equal`. The pair reported is the one a
/// streaming reader meets first: the first item equal to an earlier one, and the first
/// earlier item it equals (0-based).
pub fn unique_items<T>(items: &[T], equal: impl Fn(&T, &T) -> bool) -> Result<(), Broken> {
    for (second, item) in items.iter().enumerate() {
        if let Some(first) = items[..second].iter().position(|seen| equal(seen, item)) {
            return Err(Broken::unique_items(first, second));
        }
    }
    Ok(())
}

/// Checks `minProperties` and `maxProperties` on an object of `count` members.
pub fn property_count(count: u64, min: Option<u64>, max: Option<u64>) -> Result<(), Broken> {
    within(
        count,
        (min, Broken::min_properties),
        (max, Broken::max_properties),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_text_framed_two_ways() {
        let broken = Broken::bound(BoundKind::Minimum, Num::Int(5));
        assert_eq!(broken.keyword(), Keyword::Minimum);
        assert_eq!(broken.message(), "must be at least 5");
        assert_eq!(broken.expected(), "to be at least 5");
        assert_eq!(
            Broken::min_length(3).message(),
            "must be at least 3 characters long"
        );
    }

    #[test]
    fn the_first_broken_keyword_is_reported() {
        let rules = NumberRules {
            minimum: Some(Num::Int(10)),
            multiple_of: Some(Num::Int(3)),
            ..NumberRules::default()
        };
        assert_eq!(
            rules.check(Num::Int(9)).map_err(|b| b.keyword()),
            Err(Keyword::Minimum)
        );
        assert_eq!(
            rules.check(Num::Int(7)).map_err(|b| b.keyword()),
            Err(Keyword::MultipleOf)
        );
        assert_eq!(rules.check(Num::Int(9_007_199_254_740_993)), Ok(()));
        assert!(rules.check(Num::Int(9_007_199_254_740_995)).is_err());
    }

    #[test]
    fn values_are_listed_as_json() {
        assert_eq!(
            Broken::values(Keyword::Const, &["\"v1\""]).message(),
            "must be \"v1\""
        );
        assert_eq!(
            Broken::values(Keyword::Enum, &[1, 2]).message(),
            "must be one of 1, 2"
        );
        let long = format!("\"{}\"", "x".repeat(50));
        assert_eq!(
            Broken::values(Keyword::Const, &[long]).requirement(),
            format!("be \"{}…", "x".repeat(39))
        );
        let many: Vec<u32> = (0..10).collect();
        assert_eq!(
            Broken::values(Keyword::Enum, &many).requirement(),
            "be one of 0, 1, 2, 3, 4, 5, 6, 7, … (10 values)"
        );
    }

    #[test]
    fn counts() {
        assert_eq!(length(2, Some(3), None), Err(Broken::min_length(3)));
        assert_eq!(length(3, Some(3), Some(3)), Ok(()));
        assert_eq!(item_count(4, Some(1), Some(3)), Err(Broken::max_items(3)));
        assert_eq!(
            property_count(0, Some(1), None),
            Err(Broken::min_properties(1))
        );
    }
}
