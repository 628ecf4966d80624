//! The keyword catalogue: the validation keywords a value can break (typed, so errors
//! are matched, never parsed), and the lists of keywords the engine accepts where.

use std::fmt;

/// Defines [`Keyword`] from one table of `Variant = "keyword"`.
macro_rules! keywords {
    ($($(#[$doc:meta])* $variant:ident = $name:literal,)*) => {
        /// A validation keyword that a value broke.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Keyword {
            $($(#[$doc])* $variant,)*
        }

        impl Keyword {
            /// Every keyword, in catalogue order.
            pub const ALL: &'static [Keyword] = &[$(Keyword::$variant,)*];

            /// The keyword as the schema spells it, e.g. `maxLength`.
            pub const fn name(self) -> &'static str {
                match self {
                    $(Keyword::$variant => $name,)*
                }
            }

            /// The Rust name of the variant, e.g. `MaxLength` (for generated code).
            pub const fn variant(self) -> &'static str {
                match self {
                    $(Keyword::$variant => stringify!($variant),)*
                }
            }
        }
    };
}

keywords! {
    /// `format` (asserted).
    Format = "format",
    /// `minLength`, in code points.
    MinLength = "minLength",
    /// `maxLength`, in code points.
    MaxLength = "maxLength",
    /// `pattern` (ECMA-262, unanchored).
    Pattern = "pattern",
    /// `minimum`.
    Minimum = "minimum",
    /// `maximum`.
    Maximum = "maximum",
    /// `exclusiveMinimum`.
    ExclusiveMinimum = "exclusiveMinimum",
    /// `exclusiveMaximum`.
    ExclusiveMaximum = "exclusiveMaximum",
    /// `multipleOf`.
    MultipleOf = "multipleOf",
    /// `minItems`.
    MinItems = "minItems",
    /// `maxItems`.
    MaxItems = "maxItems",
    /// `uniqueItems`.
    UniqueItems = "uniqueItems",
    /// `items` (e.g. `false` after `prefixItems`: no further item allowed).
    Items = "items",
    /// `minProperties`.
    MinProperties = "minProperties",
    /// `maxProperties`.
    MaxProperties = "maxProperties",
    /// `enum`.
    Enum = "enum",
    /// `const`.
    Const = "const",
    /// `oneOf`: exactly one alternative must match.
    OneOf = "oneOf",
    /// `anyOf`: at least one alternative must match.
    AnyOf = "anyOf",
    /// `type`.
    Type = "type",
    /// `required`.
    Required = "required",
    /// `properties`.
    Properties = "properties",
    /// `patternProperties`.
    PatternProperties = "patternProperties",
    /// `additionalProperties`.
    AdditionalProperties = "additionalProperties",
    /// `propertyNames`.
    PropertyNames = "propertyNames",
    /// `dependentRequired`.
    DependentRequired = "dependentRequired",
    /// `dependentSchemas`.
    DependentSchemas = "dependentSchemas",
    /// `dependencies` (drafts 4 to 7).
    Dependencies = "dependencies",
    /// `unevaluatedProperties`.
    UnevaluatedProperties = "unevaluatedProperties",
    /// `prefixItems`.
    PrefixItems = "prefixItems",
    /// `additionalItems` (drafts 4 to 2019-09).
    AdditionalItems = "additionalItems",
    /// `unevaluatedItems`.
    UnevaluatedItems = "unevaluatedItems",
    /// `contains`.
    Contains = "contains",
    /// `minContains`.
    MinContains = "minContains",
    /// `maxContains`.
    MaxContains = "maxContains",
    /// `allOf`: every schema must match.
    AllOf = "allOf",
    /// `not`: the schema must not match.
    Not = "not",
    /// `if`.
    If = "if",
    /// `then` (the `if` schema matched).
    Then = "then",
    /// `else` (the `if` schema did not match).
    Else = "else",
    /// `$ref`.
    Ref = "$ref",
    /// `$dynamicRef` (2020-12).
    DynamicRef = "$dynamicRef",
    /// `$recursiveRef` (2019-09).
    RecursiveRef = "$recursiveRef",
    /// The schema `false`, which no value matches.
    False = "false",
}

impl Keyword {
    /// The error for a schema whose value of this keyword has the wrong shape, e.g.
    /// "`uniqueItems` must be a boolean": one text for the validator's compiler and the
    /// engine's model, which both read schemas.
    pub fn must_be(self, what: &str) -> String {
        format!("`{}` must be {what}", self.name())
    }

    /// The keyword spelled `name`, if it is in the catalogue.
    pub fn from_name(name: &str) -> Option<Keyword> {
        Keyword::ALL
            .iter()
            .copied()
            .find(|keyword| keyword.name() == name)
    }
}

impl fmt::Display for Keyword {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// `keyword == "format"` compares the spelling.
impl PartialEq<str> for Keyword {
    fn eq(&self, other: &str) -> bool {
        self.name() == other
    }
}

impl PartialEq<&str> for Keyword {
    fn eq(&self, other: &&str) -> bool {
        self.name() == *other
    }
}

/// Keywords that only annotate: accepted anywhere, never change validation.
pub const ANNOTATIONS: &[&str] = &[
    "$comment",
    "$anchor",
    "title",
    "description",
    "examples",
    "deprecated",
    "readOnly",
    "writeOnly",
];

/// The keywords of `number` and `integer` schemas.
pub const NUMERIC: &[&str] = &[
    "type",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
];

/// Keywords that shape which values are valid without being in the typed catalogue of
/// broken keywords: they refer elsewhere or steer dynamic references.
const OTHER_ASSERTING: &[&str] = &["$dynamicAnchor", "$recursiveAnchor"];

/// Whether some JSON Schema draft gives `name` a meaning for validation (an assertion,
/// an applicator or a reference). Anything else (`default`, `$id`, `$schema`, content
/// keywords, a vendor's `x-...`, a typo, a keyword of another draft such as draft-03's
/// boolean `required`...) never changes which values are valid, and JSON Schema says to
/// ignore what it does not know, so the engine does too.
pub fn asserts(name: &str) -> bool {
    Keyword::from_name(name).is_some_and(|keyword| keyword != Keyword::False)
        || OTHER_ASSERTING.contains(&name)
}

/// The JSON types of the instances `name` constrains, when it constrains only some
/// (`None`: every type, e.g. `enum`, `not`, `allOf`). `"number"` includes integers. On a
/// schema whose `type` is one other type, such a keyword can never fail.
pub fn instance_types(name: &str) -> Option<&'static [&'static str]> {
    const STRING: &[&str] = &["string"];
    const NUMBER: &[&str] = &["number", "integer"];
    const ARRAY: &[&str] = &["array"];
    const OBJECT: &[&str] = &["object"];
    Some(match name {
        "format" | "minLength" | "maxLength" | "pattern" => STRING,
        "minimum" | "maximum" | "exclusiveMinimum" | "exclusiveMaximum" | "multipleOf" => NUMBER,
        "items" | "prefixItems" | "additionalItems" | "unevaluatedItems" | "contains"
        | "minContains" | "maxContains" | "minItems" | "maxItems" | "uniqueItems" => ARRAY,
        "properties"
        | "patternProperties"
        | "additionalProperties"
        | "unevaluatedProperties"
        | "propertyNames"
        | "required"
        | "dependentRequired"
        | "dependentSchemas"
        | "dependencies"
        | "minProperties"
        | "maxProperties" => OBJECT,
        _ => return None,
    })
}

/// Whether `keyword` can fail on a schema whose `type` is the single type `ty`.
pub fn applies_to(keyword: &str, ty: &str) -> bool {
    instance_types(keyword).is_none_or(|types| types.contains(&ty))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_round_trips() {
        for keyword in Keyword::ALL {
            assert_eq!(Keyword::from_name(keyword.name()), Some(*keyword));
            assert!(*keyword == keyword.name());
        }
        assert_eq!(Keyword::from_name("nope"), None);
        assert_eq!(Keyword::MaxLength.variant(), "MaxLength");
    }

    #[test]
    fn unknown_and_inapplicable_keywords() {
        assert!(asserts("minLength") && asserts("$dynamicAnchor") && asserts("$ref"));
        for ignored in [
            "default",
            "$id",
            "id",
            "x-taplo-info",
            "contentMediaType",
            "false",
        ] {
            assert!(!asserts(ignored), "{ignored}");
        }
        assert!(!applies_to("minLength", "object") && applies_to("minLength", "string"));
        assert!(applies_to("multipleOf", "integer") && !applies_to("required", "string"));
        assert!(applies_to("enum", "object") && applies_to("not", "string"));
    }
}
