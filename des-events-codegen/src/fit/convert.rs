//! `convert`: the strings of an asserted `format` read as the type of a well-kept crate
//! (`uuid::Uuid` for `uuid`, `chrono::DateTime<FixedOffset>` for `date-time`...) instead
//! of the engine's own (`des_events::Uuid`, `String`).
//!
//! Only the pairs of [`CONVERSIONS`] are accepted, because each one is known to stay
//! exact: the generated reader checks the format on the text first (so nothing the schema
//! rejects gets in), the type then parses the text (a text the format allows but the type
//! refuses is reported as the format's violation), and the type's `Serialize` writes a
//! text the format allows. The text may change on the way: the docs list how
//! (docs/fit.md, "Conversions").

use super::traits::Leaf;
use crate::ir::Format;

/// One accepted conversion.
pub(crate) struct Conversion {
    /// The format, as the schema writes it.
    pub format: Format,
    /// The type as the user writes it (no spaces, no leading `::`).
    pub written: &'static str,
    /// The type as generated code writes it (through the `des-events` re-export, so
    /// the user's crate needs no dependency of its own to compile the code).
    pub generated: &'static str,
    /// The `des-events` feature that provides it (`None`: the standard library).
    pub feature: Option<&'static str>,
    /// Its standard traits.
    pub leaf: Leaf,
}

/// `Copy`, `Eq`, `Ord`, `Hash`; no `Default`.
const VALUE: Leaf = Leaf {
    copy: true,
    eq: true,
    ord: true,
    partial_ord: true,
    hash: true,
    default: false,
};

/// The accepted conversions.
pub(crate) const CONVERSIONS: &[Conversion] = &[
    Conversion {
        format: Format::Uuid,
        written: "uuid::Uuid",
        generated: "::des_events::__private::uuid::Uuid",
        feature: Some("uuid"),
        leaf: Leaf {
            default: true,
            ..VALUE
        },
    },
    Conversion {
        format: Format::DateTime,
        written: "chrono::DateTime<chrono::FixedOffset>",
        generated: "::des_events::__private::chrono::DateTime<::des_events::__private::chrono::FixedOffset>",
        feature: Some("chrono"),
        leaf: VALUE,
    },
    Conversion {
        format: Format::Date,
        written: "chrono::NaiveDate",
        generated: "::des_events::__private::chrono::NaiveDate",
        feature: Some("chrono"),
        leaf: VALUE,
    },
    Conversion {
        format: Format::Uri,
        written: "url::Url",
        generated: "::des_events::__private::url::Url",
        feature: Some("url"),
        leaf: Leaf {
            copy: false,
            ..VALUE
        },
    },
    Conversion {
        format: Format::Ipv4,
        written: "std::net::Ipv4Addr",
        generated: "::std::net::Ipv4Addr",
        feature: None,
        leaf: VALUE,
    },
    Conversion {
        format: Format::Ipv6,
        written: "std::net::Ipv6Addr",
        generated: "::std::net::Ipv6Addr",
        feature: None,
        leaf: VALUE,
    },
];

/// The conversion of `format` to the type written `rust` (spaces and a leading `::`
/// do not matter), if it is one of [`CONVERSIONS`].
pub(crate) fn find(format: &str, rust: &str) -> Option<&'static Conversion> {
    let written: String = rust.chars().filter(|ch| !ch.is_whitespace()).collect();
    let written = written.strip_prefix("::").unwrap_or(&written);
    // `des_events::uuid::Uuid` is the same type as `uuid::Uuid` (the re-export).
    let written = written
        .replace("<::", "<")
        .replace("des_events::", "")
        .replace("core::net::", "std::net::");
    CONVERSIONS
        .iter()
        .find(|conversion| conversion.format.name() == format && conversion.written == written)
}

/// The conversion generated code writes as `generated`.
pub(crate) fn by_generated(generated: &str) -> Option<&'static Conversion> {
    CONVERSIONS
        .iter()
        .find(|conversion| conversion.generated == generated)
}

/// The accepted pairs, for an error message.
pub(crate) fn listed() -> String {
    CONVERSIONS
        .iter()
        .map(|conversion| {
            let feature = conversion
                .feature
                .map(|feature| format!(" (feature `{feature}`)"))
                .unwrap_or_default();
            format!(
                "\"{}\": {}{feature}",
                conversion.format.name(),
                conversion.written
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::{CONVERSIONS, find};

    #[test]
    fn every_conversion_is_found_as_written_and_parses_as_tokens() {
        for conversion in CONVERSIONS {
            let found = find(conversion.format.name(), conversion.written);
            assert!(found.is_some_and(|found| found.generated == conversion.generated));
            assert!(
                conversion
                    .generated
                    .parse::<proc_macro2::TokenStream>()
                    .is_ok()
            );
        }
        assert!(
            find(
                "date-time",
                " :: chrono :: DateTime < :: chrono :: FixedOffset >"
            )
            .is_some()
        );
        assert!(find("date", "chrono::DateTime<chrono::FixedOffset>").is_none());
        assert!(find("uuid", "String").is_none());
    }
}
