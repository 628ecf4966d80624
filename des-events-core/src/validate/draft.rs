//! The drafts of JSON Schema, their keyword sets and vocabularies.

use std::fmt;

/// A JSON Schema draft (the dialect a schema resource is written in).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Draft {
    /// Draft 4 (`http://json-schema.org/draft-04/schema#`).
    Draft4,
    /// Draft 6 (`http://json-schema.org/draft-06/schema#`).
    Draft6,
    /// Draft 7 (`http://json-schema.org/draft-07/schema#`).
    Draft7,
    /// Draft 2019-09 (`https://json-schema.org/draft/2019-09/schema`).
    Draft201909,
    /// Draft 2020-12 (`https://json-schema.org/draft/2020-12/schema`).
    Draft202012,
}

impl Draft {
    /// Every supported draft, oldest first.
    pub const ALL: [Draft; 5] = [
        Draft::Draft4,
        Draft::Draft6,
        Draft::Draft7,
        Draft::Draft201909,
        Draft::Draft202012,
    ];

    /// The draft whose metaschema is `uri`: the official URI, with or without the
    /// trailing `#` (empty fragment), over `http` or `https`.
    pub fn from_uri(uri: &str) -> Option<Draft> {
        let uri = uri.strip_suffix('#').unwrap_or(uri);
        let rest = uri
            .strip_prefix("https://")
            .or_else(|| uri.strip_prefix("http://"))?;
        match rest {
            "json-schema.org/draft-04/schema" => Some(Draft::Draft4),
            "json-schema.org/draft-06/schema" => Some(Draft::Draft6),
            "json-schema.org/draft-07/schema" => Some(Draft::Draft7),
            "json-schema.org/draft/2019-09/schema" => Some(Draft::Draft201909),
            "json-schema.org/draft/2020-12/schema" => Some(Draft::Draft202012),
            _ => None,
        }
    }

    /// The official URI of the draft's metaschema.
    pub fn uri(self) -> &'static str {
        match self {
            Draft::Draft4 => "http://json-schema.org/draft-04/schema#",
            Draft::Draft6 => "http://json-schema.org/draft-06/schema#",
            Draft::Draft7 => "http://json-schema.org/draft-07/schema#",
            Draft::Draft201909 => "https://json-schema.org/draft/2019-09/schema",
            Draft::Draft202012 => "https://json-schema.org/draft/2020-12/schema",
        }
    }

    /// The keyword that names a resource (`id` in draft 4, `$id` after).
    pub(crate) fn id_keyword(self) -> &'static str {
        if self == Draft::Draft4 { "id" } else { "$id" }
    }

    /// Whether `$ref` makes its sibling keywords ignored (drafts 4 to 7).
    pub(crate) fn ref_overrides(self) -> bool {
        self <= Draft::Draft7
    }
}

impl fmt::Display for Draft {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Draft::Draft4 => "draft 4",
            Draft::Draft6 => "draft 6",
            Draft::Draft7 => "draft 7",
            Draft::Draft201909 => "draft 2019-09",
            Draft::Draft202012 => "draft 2020-12",
        })
    }
}

/// Which keyword families a schema resource may use (2019-09 and later: from the
/// `$vocabulary` of a custom metaschema; every family otherwise).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Vocabularies {
    /// Assertions on values (`type`, `minimum`, `required`, ...).
    pub validation: bool,
    /// Applicators (`allOf`, `properties`, `items`, ...).
    pub applicator: bool,
    /// `unevaluatedItems` and `unevaluatedProperties`.
    pub unevaluated: bool,
    /// `format` asserts whatever the options say (2020-12 format-assertion vocabulary).
    pub format_assertion: bool,
}

impl Vocabularies {
    /// Every vocabulary.
    pub const ALL: Vocabularies = Vocabularies {
        validation: true,
        applicator: true,
        unevaluated: true,
        format_assertion: false,
    };

    /// The vocabularies a `$vocabulary` object enables.
    pub fn from_declaration(declared: &serde_json::Map<String, serde_json::Value>) -> Self {
        let has = |suffix: &str| {
            declared.keys().any(|uri| {
                uri.strip_prefix("https://json-schema.org/draft/")
                    .and_then(|rest| rest.split_once('/'))
                    .is_some_and(|(_, vocab)| vocab == suffix)
            })
        };
        let applicator = has("vocab/applicator");
        Vocabularies {
            validation: has("vocab/validation"),
            applicator,
            // 2019-09 puts the unevaluated keywords in the applicator vocabulary.
            unevaluated: has("vocab/unevaluated") || applicator && !has_2020(declared),
            format_assertion: has("vocab/format-assertion"),
        }
    }
}

/// Whether a `$vocabulary` declares 2020-12 vocabularies.
fn has_2020(declared: &serde_json::Map<String, serde_json::Value>) -> bool {
    declared
        .keys()
        .any(|uri| uri.starts_with("https://json-schema.org/draft/2020-12/"))
}

/// Keywords whose value is one subschema, per draft.
pub(crate) fn single_schema_keywords(draft: Draft) -> &'static [&'static str] {
    match draft {
        Draft::Draft4 => &["additionalItems", "additionalProperties", "not", "items"],
        Draft::Draft6 => &[
            "additionalItems",
            "additionalProperties",
            "not",
            "items",
            "contains",
            "propertyNames",
        ],
        Draft::Draft7 => &[
            "additionalItems",
            "additionalProperties",
            "not",
            "items",
            "contains",
            "propertyNames",
            "if",
            "then",
            "else",
        ],
        Draft::Draft201909 => &[
            "additionalItems",
            "additionalProperties",
            "not",
            "items",
            "contains",
            "propertyNames",
            "if",
            "then",
            "else",
            "unevaluatedItems",
            "unevaluatedProperties",
            "contentSchema",
        ],
        Draft::Draft202012 => &[
            "additionalProperties",
            "not",
            "items",
            "contains",
            "propertyNames",
            "if",
            "then",
            "else",
            "unevaluatedItems",
            "unevaluatedProperties",
            "contentSchema",
        ],
    }
}

/// Keywords whose value is an array of subschemas, per draft.
pub(crate) fn array_schema_keywords(draft: Draft) -> &'static [&'static str] {
    match draft {
        Draft::Draft202012 => &["allOf", "anyOf", "oneOf", "prefixItems"],
        _ => &["allOf", "anyOf", "oneOf", "items"],
    }
}

/// Keywords whose value is an object of subschemas, per draft.
pub(crate) fn map_schema_keywords(draft: Draft) -> &'static [&'static str] {
    match draft {
        Draft::Draft4 | Draft::Draft6 | Draft::Draft7 => &[
            "properties",
            "patternProperties",
            "definitions",
            "dependencies",
        ],
        Draft::Draft201909 | Draft::Draft202012 => &[
            "properties",
            "patternProperties",
            "definitions",
            "$defs",
            "dependentSchemas",
            "dependencies",
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_round_trip() {
        for draft in Draft::ALL {
            assert_eq!(Draft::from_uri(draft.uri()), Some(draft));
        }
        assert_eq!(
            Draft::from_uri("https://json-schema.org/draft-07/schema"),
            Some(Draft::Draft7)
        );
        assert_eq!(
            Draft::from_uri("https://json-schema.org/draft/2020-12/schema#"),
            Some(Draft::Draft202012)
        );
        assert_eq!(
            Draft::from_uri("http://json-schema.org/draft-03/schema#"),
            None
        );
    }
}
