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
}
