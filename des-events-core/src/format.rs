//! The string formats that are asserted (`format` is an assertion in des-events, not an
//! annotation): each check follows the RFC the JSON Schema specification names.
//!
//! `uri` and `uri-reference` are parsed by `fluent-uri`, which implements the RFC 3986
//! grammar exactly: the `URI` and `URI-reference` rules, ASCII only, strict
//! percent-encoding, a port of digits only, an `IP-literal` of an `IPv6address` (at most 7
//! groups around `::`, a dotted quad without leading zeros) or an `IPvFuture`, and no colon
//! in the first segment of a relative path. It forbids unsafe code, needs neither `std`
//! nor `alloc` for parsing, and is the parser the `jsonschema` crate itself relies on. The
//! `url` crate is not used: it implements the WHATWG URL standard, which repairs input
//! RFC 3986 rejects (backslashes, spaces, bare non-ASCII).
//!
//! `email` and `hostname` are written out here: no crate implements RFC 5321 `Mailbox`.
//! `email_address` follows the RFC 5322 `addr-spec` with RFC 6531/6532 extensions, so it
//! accepts display names (`Joe <joe@example.com>`), non-ASCII text and tabs in quoted
//! strings, and rejects the empty quoted local part (`""@example.com`) and a quoted space
//! (`"\ "@example.com`), all of which RFC 5321 decides the other way.
//!
//! `iri` and `iri-reference` are parsed by `fluent-uri` too: its `Iri` and `IriRef` types
//! implement the RFC 3987 `IRI` and `IRI-reference` rules (RFC 3986 with `ucschar` and,
//! in queries, `iprivate` allowed unencoded). `regex` compiles the text as the crate's
//! `pattern` keyword does (ECMA-262 with the `u` flag, through `regress`), so a schema's
//! `pattern` and a value of `format: regex` are judged alike. `duration`, `json-pointer`,
//! `relative-json-pointer` and `uri-template` follow their ABNF in the `grammar` module;
//! `idn-hostname` and `idn-email` are in the `idn` module, which says which crates do the
//! IDNA work and why.

mod grammar;
mod idn;

use std::net::{Ipv4Addr, Ipv6Addr};
use std::str::FromStr;

/// Defines [`Format`] and its catalogue from one table: the variant, the keyword value,
/// what a valid value looks like, and a value that is not valid (for generated tests).
macro_rules! formats {
    ($($(#[$doc:meta])* $variant:ident = $name:literal, $describe:literal, $invalid:literal;)*) => {
        /// The formats that des-events asserts (`format` is an assertion here, not an
        /// annotation).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Format {
            $($(#[$doc])* $variant,)*
        }

        impl Format {
            /// Every asserted format, in catalogue order.
            pub const ALL: &'static [Format] = &[$(Format::$variant,)*];

            /// The keyword value, e.g. `date-time`.
            pub const fn name(self) -> &'static str {
                match self {
                    $(Format::$variant => $name,)*
                }
            }

            /// The Rust name of the variant, e.g. `DateTime` (for generated code).
            pub const fn variant(self) -> &'static str {
                match self {
                    $(Format::$variant => stringify!($variant),)*
                }
            }

            /// What a value of this format looks like, for error messages.
            pub const fn describe(self) -> &'static str {
                match self {
                    $(Format::$variant => $describe,)*
                }
            }

            /// A string that is not of this format (generated conformance tests use it).
            pub const fn invalid_example(self) -> &'static str {
                match self {
                    $(Format::$variant => $invalid,)*
                }
            }
        }
    };
}

formats! {
    /// RFC 4122 hyphenated text form, any case.
    Uuid = "uuid", "a hyphenated UUID (8-4-4-4-12 hexadecimal digits)",
        "{a2313192-e2dc-452e-b56c-2f23baf6eee1}";
    /// RFC 3339 `full-date`.
    Date = "date", "an RFC 3339 full-date (YYYY-MM-DD)", "2026-02-30";
    /// RFC 3339 `date-time`.
    DateTime = "date-time", "an RFC 3339 date-time (YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM))",
        "2026-02-30T10:00:00Z";
    /// RFC 3339 `full-time`.
    Time = "time", "an RFC 3339 full-time (HH:MM:SS[.frac](Z|+HH:MM))", "24:00:00Z";
    /// RFC 2673 dotted-quad IPv4 address.
    Ipv4 = "ipv4", "an IPv4 address (dotted quad)", "256.0.0.1";
    /// RFC 4291 IPv6 address.
    Ipv6 = "ipv6", "an IPv6 address", "12345::";
    /// RFC 5321 §4.1.2 `Mailbox`.
    Email = "email", "an RFC 5321 mailbox (local-part@domain or local-part@[address literal])",
        "no-at-sign.example";
    /// RFC 1123 §2.1 host name.
    Hostname = "hostname",
        "an RFC 1123 host name (dot-separated labels of letters, digits and hyphens)",
        "-bad-.example";
    /// RFC 3986 `URI`: a scheme is required.
    Uri = "uri", "an RFC 3986 URI with a scheme (such as https://example.com/path)",
        "//no-scheme/path";
    /// RFC 3986 `URI-reference`: a URI or a relative reference.
    UriReference = "uri-reference", "an RFC 3986 URI reference (a URI or a relative reference)",
        "\\\\WINDOWS\\share";
    /// RFC 3339 Appendix A `duration`.
    Duration = "duration",
        "an RFC 3339 duration (such as P1Y2M3DT4H5M6S, PT36H or P2W)", "P1D2H";
    /// RFC 6531 `Mailbox`: RFC 5321 with UTF-8 in the local part and an IDNA2008 domain.
    IdnEmail = "idn-email",
        "an RFC 6531 mailbox (local-part@domain; both may hold non-ASCII characters)",
        "user\u{ff20}example.com";
    /// IDNA2008 (RFC 5890) internationalized host name.
    IdnHostname = "idn-hostname",
        "an IDNA2008 host name (dot-separated U-labels, A-labels or letter-digit-hyphen labels)",
        "xn--X";
    /// RFC 3987 `IRI`: a scheme is required.
    Iri = "iri", "an RFC 3987 IRI with a scheme (such as https://example.com/r\u{e9}sum\u{e9})",
        "/no-scheme";
    /// RFC 3987 `IRI-reference`: an IRI or a relative reference.
    IriReference = "iri-reference",
        "an RFC 3987 IRI reference (an IRI or a relative reference)", "#frag\\ment";
    /// RFC 6570 URI Template (level 4).
    UriTemplate = "uri-template",
        "an RFC 6570 URI template (literals and {expressions}, such as /users{/id}{?q*})",
        "{unclosed";
    /// RFC 6901 JSON Pointer.
    JsonPointer = "json-pointer",
        "an RFC 6901 JSON Pointer (empty, or /-separated tokens with ~0 and ~1 escapes)",
        "no/leading-slash";
    /// Relative JSON Pointer (draft-bhutton-relative-json-pointer-00).
    RelativeJsonPointer = "relative-json-pointer",
        "a Relative JSON Pointer (a non-negative integer, then # or a JSON Pointer)", "/a";
    /// ECMA-262 regular expression (with the `u` flag, as `pattern` is compiled).
    Regex = "regex", "an ECMA-262 regular expression", "(unclosed";
}

/// Formats that JSON Schema defines but des-events does not assert. A schema that uses
/// one is refused (rather than silently left unchecked); any other unknown format is an
/// annotation. Every format of JSON Schema 2020-12 is asserted now, so the list is empty;
/// it stays for the crates that consult it, and for formats later drafts may add.
pub const UNASSERTED: &[&str] = &[];

impl Format {
    /// The asserted format called `name`, if any.
    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL
            .iter()
            .copied()
            .find(|format| format.name() == name)
    }

    /// Whether `text` has this format.
    pub fn is_valid(self, text: &str) -> bool {
        format_ok(self, text)
    }
}

/// Whether `text` has the format.
pub(crate) fn format_ok(format: Format, text: &str) -> bool {
    match format {
        Format::Uuid => is_uuid(text),
        Format::Date => is_date(text),
        Format::DateTime => is_date_time(text),
        Format::Time => is_time(text),
        // The standard library follows RFC 6943 §3.1.1 for IPv4 (no leading zeros, no
        // shorthand) and RFC 4291 for IPv6 (no zone identifier).
        Format::Ipv4 => Ipv4Addr::from_str(text).is_ok(),
        Format::Ipv6 => Ipv6Addr::from_str(text).is_ok(),
        Format::Email => is_mailbox(text),
        Format::Hostname => is_hostname(text),
        Format::Uri => fluent_uri::Uri::parse(text).is_ok(),
        Format::UriReference => fluent_uri::UriRef::parse(text).is_ok(),
        Format::Duration => grammar::is_duration(text),
        Format::IdnEmail => is_idn_mailbox(text),
        Format::IdnHostname => idn::is_idn_hostname(text),
        Format::Iri => fluent_uri::Iri::parse(text).is_ok(),
        Format::IriReference => fluent_uri::IriRef::parse(text).is_ok(),
        Format::UriTemplate => grammar::is_uri_template(text),
        Format::JsonPointer => grammar::is_json_pointer(text),
        Format::RelativeJsonPointer => grammar::is_relative_json_pointer(text),
        Format::Regex => crate::pattern::is_regex(text),
    }
}

fn is_uuid(text: &str) -> bool {
    const HEX: [bool; 256] = {
        let mut table = [false; 256];
        let mut index = 0;
        while index < 256 {
            table[index] = (index as u8).is_ascii_hexdigit();
            index += 1;
        }
        table
    };
    let b = text.as_bytes();
    b.len() == 36
        && b[8] == b'-'
        && b[13] == b'-'
        && b[18] == b'-'
        && b[23] == b'-'
        && [0..8, 9..13, 14..18, 19..23, 24..36]
            .into_iter()
            .all(|range| b[range].iter().all(|&byte| HEX[byte as usize]))
}

/// `count` ASCII digits at the start of `text`, as a number.
fn digits(text: &str, count: usize) -> Option<u32> {
    let part = text.get(..count)?;
    if part.bytes().all(|b| b.is_ascii_digit()) {
        part.parse().ok()
    } else {
        None
    }
}

fn is_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return false;
    }
    let (Some(year), Some(month), Some(day)) = (
        digits(text, 4),
        digits(&text[5..], 2),
        digits(&text[8..], 2),
    ) else {
        return false;
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// `full-time = partial-time time-offset` (RFC 3339 §5.6). A leap second (`:60`) is
/// valid only when the time is 23:59 UTC, once the offset is applied.
fn is_time(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.len() < 9 || bytes[2] != b':' || bytes[5] != b':' {
        return false;
    }
    let (Some(hour), Some(minute), Some(second)) = (
        digits(text, 2),
        digits(&text[3..], 2),
        digits(&text[6..], 2),
    ) else {
        return false;
    };
    if hour > 23 || minute > 59 || second > 60 {
        return false;
    }
    let mut rest = &text[8..];
    if let Some(fraction) = rest.strip_prefix('.') {
        let count = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if count == 0 {
            return false;
        }
        rest = &fraction[count..];
    }
    // Minutes east of UTC.
    let offset: i64 = match rest.as_bytes().first() {
        Some(b'Z' | b'z') if rest.len() == 1 => 0,
        Some(sign @ (b'+' | b'-')) if rest.len() == 6 && rest.as_bytes()[3] == b':' => {
            let (Some(hours), Some(minutes)) = (digits(&rest[1..], 2), digits(&rest[4..], 2))
            else {
                return false;
            };
            if hours > 23 || minutes > 59 {
                return false;
            }
            let minutes = i64::from(hours * 60 + minutes);
            if *sign == b'+' { minutes } else { -minutes }
        }
        _ => return false,
    };
    if second == 60 {
        let utc = (i64::from(hour * 60 + minute) - offset).rem_euclid(24 * 60);
        return utc == 23 * 60 + 59;
    }
    true
}

/// `date-time = full-date "T" full-time`; `T` and `Z` may be lower case.
fn is_date_time(text: &str) -> bool {
    match (text.get(..10), text.get(10..11), text.get(11..)) {
        (Some(date), Some("T" | "t"), Some(time)) => is_date(date) && is_time(time),
        _ => false,
    }
}

/// RFC 1123 §2.1: the RFC 952 host name grammar with a digit allowed first. Labels of
/// letters, digits and hyphens that neither start nor end with a hyphen, at most 63
/// octets each (RFC 1035 §2.3.4), at most 253 in all (the 255-octet limit of RFC 1035
/// §3.1 counts the wire form, which is two octets longer); no empty label, so no trailing
/// dot. A label that starts with `xn--` (in any case) claims to be an IDNA2008 A-label
/// (RFC 5890 §2.3.2.1), so it must be one: Punycode for a U-label IDNA2008 allows.
fn is_hostname(text: &str) -> bool {
    text.len() <= 253
        && text.split('.').all(|label| {
            let a_label = label
                .get(..4)
                .is_some_and(|prefix| prefix.eq_ignore_ascii_case("xn--"));
            is_host_label(label) && (!a_label || idn::is_a_label(label))
        })
}

/// `<let-dig> [ *<let-dig-hyp> <let-dig> ]`, at most 63 octets.
fn is_host_label(label: &str) -> bool {
    let bytes = label.as_bytes();
    let let_dig = |byte: Option<&u8>| byte.is_some_and(u8::is_ascii_alphanumeric);
    bytes.len() <= 63
        && let_dig(bytes.first())
        && let_dig(bytes.last())
        && bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || *b == b'-')
}

/// RFC 5321 §4.1.2 `Mailbox = Local-part "@" ( Domain / address-literal )`, within the
/// §4.5.3.1 size limits: a local part of at most 64 octets, and at most 254 in all (a
/// path, `"<" Mailbox ">"`, is at most 256). `Domain` is the RFC 1123 host name grammar.
fn is_mailbox(text: &str) -> bool {
    // Neither a domain nor an accepted address literal holds an `@` (a quoted local part
    // may), so the last one separates the parts.
    let Some((local, domain)) = text.rsplit_once('@') else {
        return false;
    };
    text.len() <= 254
        && local.len() <= 64
        && (is_dot_string(local, false) || is_quoted_string(local, false))
        && match domain.strip_prefix('[') {
            Some(literal) => literal.strip_suffix(']').is_some_and(is_address_literal),
            None => is_hostname(domain),
        }
}

/// RFC 6531 §3.3 `Mailbox`: RFC 5321's, with `UTF8-non-ascii` (any non-ASCII character,
/// RFC 6532 §3.1) allowed in `atext` and `qtextSMTP`, and a domain that is an IDNA2008
/// host name (`sub-domain =/ U-label`). The RFC 5321 size limits count octets: at most 64
/// in the local part and 254 in all, with the domain in its ASCII form (RFC 6531 §3.3
/// keeps the limits of RFC 5321 for the A-label form).
fn is_idn_mailbox(text: &str) -> bool {
    let Some((local, domain)) = text.rsplit_once('@') else {
        return false;
    };
    let domain_len = match domain.strip_prefix('[') {
        Some(literal) if literal.strip_suffix(']').is_some_and(is_address_literal) => domain.len(),
        Some(_) => return false,
        None => match idn::idn_hostname_ascii(domain) {
            Some(ascii) => ascii.len(),
            None => return false,
        },
    };
    local.len() <= 64
        && local.len() + 1 + domain_len <= 254
        && (is_dot_string(local, true) || is_quoted_string(local, true))
}

/// `Dot-string = Atom *("." Atom)`, `Atom = 1*atext` (RFC 5322 §3.2.3 `atext`, and any
/// non-ASCII character when `utf8`, RFC 6531 §3.3).
fn is_dot_string(text: &str, utf8: bool) -> bool {
    text.split('.').all(|atom| {
        !atom.is_empty()
            && atom.chars().all(|c| {
                c.is_ascii_alphanumeric()
                    || "!#$%&'*+-/=?^_`{|}~".contains(c)
                    || utf8 && !c.is_ascii()
            })
    })
}

/// `Quoted-string = DQUOTE *QcontentSMTP DQUOTE`: `qtextSMTP` is printable ASCII and
/// space but `"` and `\` (and any non-ASCII character when `utf8`, RFC 6531 §3.3);
/// `quoted-pairSMTP` is `\` then printable ASCII or space.
fn is_quoted_string(text: &str, utf8: bool) -> bool {
    let Some(inner) = text
        .strip_prefix('"')
        .and_then(|rest| rest.strip_suffix('"'))
    else {
        return false;
    };
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if !matches!(chars.next(), Some(' '..='~')) {
                    return false;
                }
            }
            ' ' | '!' | '#'..='[' | ']'..='~' => {}
            _ if utf8 && !c.is_ascii() => {}
            _ => return false,
        }
    }
    true
}

/// The text between the brackets of an `address-literal`: an `IPv4-address-literal` or
/// an `IPv6-address-literal` (the tag is case-insensitive, RFC 5234 §2.3). The only
/// `Standardized-tag` registered with IANA is `IPv6`, so no `General-address-literal`
/// is valid.
fn is_address_literal(literal: &str) -> bool {
    match literal.get(..5) {
        Some(tag) if tag.eq_ignore_ascii_case("IPv6:") => is_smtp_ipv6(&literal[5..]),
        _ => is_snum_quad(literal),
    }
}

/// `Snum 3("." Snum)`, `Snum = 1*3DIGIT` worth 0 to 255 (leading zeros are allowed).
fn is_snum_quad(text: &str) -> bool {
    let mut count = 0;
    text.split('.').all(|snum| {
        count += 1;
        (1..=3).contains(&snum.len())
            && snum.bytes().all(|b| b.is_ascii_digit())
            && snum.parse::<u16>().is_ok_and(|value| value <= 255)
    }) && count == 4
}

/// RFC 5321 `IPv6-addr`: eight groups, or at most six around a `::` (which stands for at
/// least two groups); with a trailing dotted quad, six groups, or at most four around
/// a `::`.
fn is_smtp_ipv6(text: &str) -> bool {
    let (hex, full, compressed) = match text.rfind(':') {
        Some(colon) if text[colon + 1..].contains('.') => {
            if !is_snum_quad(&text[colon + 1..]) {
                return false;
            }
            // The colon before the quad separates it from a group, unless it ends a `::`.
            let head = &text[..=colon];
            let hex = if head.ends_with("::") {
                head
            } else {
                &text[..colon]
            };
            (hex, 6, 4)
        }
        _ => (text, 8, 6),
    };
    match hex.split_once("::") {
        Some((left, right)) => matches!(
            (hex_groups(left), hex_groups(right)),
            (Some(left), Some(right)) if left + right <= compressed
        ),
        None => hex_groups(hex) == Some(full),
    }
}

/// How many `IPv6-hex` (1 to 4 hexadecimal digits) `text` holds, separated by single
/// colons; 0 for the empty string.
fn hex_groups(text: &str) -> Option<usize> {
    if text.is_empty() {
        return Some(0);
    }
    let mut count = 0;
    for group in text.split(':') {
        if !(1..=4).contains(&group.len()) || !group.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        count += 1;
    }
    Some(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue() {
        for format in Format::ALL {
            assert_eq!(Format::from_name(format.name()), Some(*format));
            assert!(!format.is_valid(format.invalid_example()), "{format:?}");
            assert!(!UNASSERTED.contains(&format.name()));
        }
        assert_eq!(Format::from_name("duration"), Some(Format::Duration));
        assert_eq!(Format::from_name("date-time-ish"), None);
        assert!(UNASSERTED.is_empty());
        assert_eq!(Format::DateTime.variant(), "DateTime");
    }

    #[test]
    fn uuid_form() {
        assert!(is_uuid("a2313192-e2dc-452e-b56c-2f23baf6eee1"));
        assert!(is_uuid("A2313192-E2DC-452E-B56C-2F23BAF6EEE1"));
        assert!(!is_uuid("{a2313192-e2dc-452e-b56c-2f23baf6eee1}"));
        assert!(!is_uuid("urn:uuid:a2313192-e2dc-452e-b56c-2f23baf6eee1"));
        assert!(!is_uuid("a2313192e2dc452eb56c2f23baf6eee1"));
        assert!(!is_uuid("a2313192-e2dc-452e-b56c-2f23baf6eeeg"));
        assert!(!is_uuid(""));
    }

    #[test]
    fn date_form() {
        assert!(is_date("2026-06-30"));
        assert!(is_date("2024-02-29"));
        assert!(!is_date("2023-02-29"));
        assert!(!is_date("1900-02-29"));
        assert!(is_date("2000-02-29"));
        assert!(!is_date("2026-13-01"));
        assert!(!is_date("2026-00-10"));
        assert!(!is_date("2026-6-30"));
        assert!(!is_date("2026-06-31"));
        assert!(!is_date("+026-06-30"));
        assert!(!is_date("2026-06-3é"));
    }

    #[test]
    fn time_and_date_time_forms() {
        for valid in [
            "08:30:06Z",
            "08:30:06.283185Z",
            "08:30:06+01:30",
            "23:59:60Z",
            "01:29:60+01:30",
            "15:59:60-08:00",
            "08:30:06z",
        ] {
            assert!(is_time(valid), "{valid}");
        }
        for invalid in [
            "08:30:06",
            "8:30:06Z",
            "24:00:00Z",
            "08:60:00Z",
            "22:59:60Z",
            "23:59:60+01:00",
            "08:30:06.Z",
            "08:30:06+1:30",
            "08:30:06+24:00",
            "08:30:06 Z",
            "08:30:06Z ",
            "０8:30:06Z",
        ] {
            assert!(!is_time(invalid), "{invalid}");
        }
        assert!(is_date_time("1963-06-19T08:30:06.283185Z"));
        assert!(is_date_time("1963-06-19t08:30:06z"));
        assert!(is_date_time("1998-12-31T23:59:60Z"));
        assert!(!is_date_time("1998-12-31T23:59:60+01:00"));
        assert!(!is_date_time("1963-06-19 08:30:06Z"));
        assert!(!is_date_time("1963-06-19T08:30:06"));
        assert!(!is_date_time("2023-02-29T08:30:06Z"));
    }

    #[test]
    fn ip_forms() {
        assert!(format_ok(Format::Ipv4, "192.168.0.1"));
        assert!(!format_ok(Format::Ipv4, "192.168.00.1"));
        assert!(!format_ok(Format::Ipv4, "256.0.0.1"));
        assert!(format_ok(Format::Ipv6, "::1"));
        assert!(format_ok(Format::Ipv6, "2001:db8::ff00:42:8329"));
        assert!(!format_ok(Format::Ipv6, "12345::"));
        assert!(!format_ok(Format::Ipv6, "fe80::1%eth0"));
    }

    /// Runs a table of `(text, valid)` cases and reports every miss at once.
    fn check(format: Format, cases: &[(&str, bool)]) {
        let misses: Vec<String> = cases
            .iter()
            .filter(|(text, valid)| format_ok(format, text) != *valid)
            .map(|(text, valid)| {
                let verdict = if *valid { "valid" } else { "invalid" };
                format!("{text:?} should be {verdict}")
            })
            .collect();
        assert!(misses.is_empty(), "{format:?}: {misses:#?}");
    }

    /// JSON-Schema-Test-Suite, `tests/draft2020-12/optional/format/email.json`.
    const SUITE_EMAIL: &[(&str, bool)] = &[
        ("joe.bloggs@example.com", true),
        ("2962", false),
        ("te~st@example.com", true),
        ("~test@example.com", true),
        ("test~@example.com", true),
        (r#""joe bloggs"@example.com"#, true),
        (r#""joe..bloggs"@example.com"#, true),
        (r#""joe@bloggs"@example.com"#, true),
        ("joe.bloggs@[127.0.0.1]", true),
        ("joe.bloggs@[IPv6:::1]", true),
        (".test@example.com", false),
        ("test.@example.com", false),
        ("te.s.t@example.com", true),
        ("te..st@example.com", false),
        ("joe.bloggs@invalid=domain.com", false),
        ("joe.bloggs@[127.0.0.300]", false),
        ("user1@oceania.org, user2@oceania.org", false),
        (
            r#""Winston Smith" <winston.smith@recdep.minitrue> (Records Department)"#,
            false,
        ),
        ("@example.com", false),
        ("joe.bloggs@", false),
        ("joe bloggs@example.com", false),
        ("test@iana.org", true),
        ("test@nominet.org.uk", true),
        ("test@about.museum", true),
        ("a@iana.org", true),
        ("test@e.com", true),
        ("test@iana.a", true),
        ("test.test@iana.org", true),
        ("!#$%&'*+/=?^_{|}~@iana.org", true),
        ("123@iana.org", true),
        ("test@123.com", true),
        ("test@iana.123", true),
        ("test@255.255.255.255", true),
        (
            "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghiklm@iana.org",
            true,
        ),
        (
            "test@abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghikl.com",
            true,
        ),
        ("test@mason-dixon.com", true),
        ("test@c--n.com", true),
        ("test@iana.co-uk", true),
        (
            "a@a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z.a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z.a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z.a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v",
            true,
        ),
        ("test@xn--hxajbheg2az3al.xn--jxalpdlp", true),
        ("xn--test@iana.org", true),
        ("", false),
        ("test", false),
        ("test..iana.org", false),
        ("test_exa-mple.com", false),
        ("test@", false),
        ("test@[1.2.3.4", false),
        ("@", false),
        ("@io", false),
        ("@iana.org", false),
        (".test@iana.org", false),
        ("test.@iana.org", false),
        (r"test\@test@iana.org", false),
        (r#"test"@iana.org"#, false),
        (r#"test"text"@iana.org"#, false),
        ("((comment)test@iana.org", false),
        ("test(comment)test@iana.org", false),
        ("(test@iana.org", false),
        (r"(comment\)test@iana.org", false),
        ("\u{7f}@iana.org", false),
        ("\rtest@iana.org", false),
        ("\ntest@iana.org", false),
        ("\u{7}@iana.org", false),
        ("\r\ntest@iana.org", false),
        (" \r\ntest@iana.org", false),
        (r#""test"@iana.org"#, true),
        (r#"""@iana.org"#, true),
        (r#""\a"@iana.org"#, true),
        (r#""\""@iana.org"#, true),
        (r#""\\"@iana.org"#, true),
        (r#""test\ test"@iana.org"#, true),
        (r#""a@b"@iana.org"#, true),
        (r#""@"@iana.org"#, true),
        (r#""a@b@c"@iana.org"#, true),
        (r#"""""@iana.org"#, false),
        (r#""\"@iana.org"#, false),
        (r#""test@iana.org"#, false),
        (r#""test"test@iana.org"#, false),
        (r#""test""test"@iana.org"#, false),
        ("\"test\u{0}\"@iana.org", false),
        (r#""test\"@iana.org"#, false),
        ("\"\rtest\"@iana.org", false),
        ("\"\n\"@iana.org", false),
        ("test@-iana.org", false),
        ("test@iana-.com", false),
        ("test@.iana.org", false),
        ("test@iana.org.", false),
        ("test@iana..com", false),
        ("test@a[255.255.255.255]", false),
        ("test@iana.org\n", false),
        ("test@iana.org-", false),
        ("test@(iana.org", false),
        ("test@\u{7f}.org", false),
        ("test@iana.org\r", false),
        ("test@\u{7}.org", false),
        ("test@io", true),
        ("test@org", true),
        ("test@test.com", true),
        ("test@nic.no", true),
        ("test@[255.255.255.255]", true),
        ("test@[IPv6:1111:2222:3333:4444:5555:6666:7777:8888]", true),
        ("test@[IPv6:1111:2222:3333:4444:5555::8888]", true),
        ("test@[IPv6:::3333:4444:5555:6666:7777:8888]", true),
        ("test@[IPv6:::]", true),
        (
            "test@[IPv6:1111:2222:3333:4444:5555:6666:255.255.255.255]",
            true,
        ),
        ("test@[IPv6:1111:2222:3333:4444::255.255.255.255]", true),
        ("test@[0.0.0.0]", true),
        ("test@[RFC-5322-domain-literal]", false),
        ("test@[RFC-5322-[domain-literal]", false),
        (r"test@[RFC-5322-domain-literal\]", false),
        (r"test@[RFC-5322-domain-literal\", false),
        (
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.com",
            true,
        ),
        ("a\u{0}b@iana.org", false),
        ("a\tb@iana.org", false),
        ("a@b\tc.com", false),
        ("aé@iana.org", false),
        ("a@é.org", false),
        ("a b@iana.org", false),
        ("a@iana.org ", false),
        (" a@iana.org", false),
        ("a@b", true),
        ("a_b@iana.org", true),
        ("a,b@iana.org", false),
        ("a;b@iana.org", false),
        ("a:b@iana.org", false),
        ("a@b(c).org", false),
        ("[1.2.3.4]@iana.org", false),
        ("a@[256.0.0.0]", false),
        ("a@[1.2.3]", false),
        ("a@[1111:2222:3333:4444:5555:6666:7777:8888]", false),
        ("a@[ipv6:::]", true),
        ("a@[ipv6:::1]", true),
        ("a@[]", false),
        ("a@[ 1.2.3.4]", false),
        (
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@iana.org",
            true,
        ),
        ("a@b@c.org", false),
        (r#""a.b"@iana.org"#, true),
        (r#"".test"@iana.org"#, true),
        (r#"" "@iana.org"#, true),
        ("a@[extn:test]", false),
        (
            "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghiklm@abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghikl.abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghikl.abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghi",
            true,
        ),
        (r"test@iana.org(comment\)", false),
        (r"test@iana.org(comment\", false),
        ("test@iana.org(\r)", false),
        ("(\r)test@iana.org", false),
        ("(\n)test@iana.org", false),
        ("\r\n \r\ntest@iana.org", false),
        (" \r\n \r\ntest@iana.org", false),
        (" \r\n\r\ntest@iana.org", false),
        (" \r\n\r\n test@iana.org", false),
        ("test@iana.org\r\n", false),
        ("test@iana.org\r\n \r\n", false),
        ("test@iana.org \r\n", false),
        ("test@iana.org \r\n \r\n", false),
        ("test@iana.org \r\n\r\n", false),
        ("test@iana.org \r\n\r\n ", false),
        (r#""test\©"@iana.org"#, false),
        ("a＠iana.org", false),
        ("a\u{1f}b@iana.org", false),
        ("a\u{1}b@iana.org", false),
        (".@iana.org", false),
        ("..@iana.org", false),
        ("a@[1.2.3.4.5]", false),
        (r#"a."b"@iana.org"#, false),
        (r#""a".b@iana.org"#, false),
        (".@-iana.org", false),
        ("test@-iana..org", false),
        ("`test`@iana.org", true),
    ];

    /// RFC 5321 rules the suite does not reach.
    const MORE_EMAIL: &[(&str, bool)] = &[
        // §4.1.3: `Snum = 1*3DIGIT`, so leading zeros are allowed in an address literal.
        ("a@[127.000.000.001]", true),
        ("a@[1.2.3.0004]", false),
        // §4.1.3 `IPv6-comp`: `::` stands for at least two groups, at most 6 others.
        ("a@[IPv6:1:2:3:4:5:6::]", true),
        ("a@[IPv6:1:2:3:4:5:6:7::]", false),
        ("a@[IPv6:::2:3:4:5:6:7]", true),
        ("a@[IPv6:1::3:4:5:6:7:8]", false),
        ("a@[IPv6:1:2:3:4:5:6:7:8:9]", false),
        ("a@[IPv6:1:2:3:4:5:6:7]", false),
        ("a@[IPv6:12345::]", false),
        ("a@[IPv6:1::2::3]", false),
        ("a@[IPv6::::]", false),
        ("a@[IPv6:fe80::1%eth0]", false),
        // `IPv6v4-full` has 6 groups; `IPv6v4-comp` at most 4 around the `::`.
        ("a@[IPv6:1:2:3:4:5:6:1.2.3.4]", true),
        ("a@[IPv6:1:2:3:4:5:1.2.3.4]", false),
        ("a@[IPv6:1:2:3:4::1.2.3.4]", true),
        ("a@[IPv6:1:2:3:4:5::1.2.3.4]", false),
        ("a@[IPv6:::1.2.3.4]", true),
        ("a@[IPv6::1.2.3.4]", false),
        ("a@[IPv6:::ffff:001.002.003.004]", true),
        // Only `IPv6` is a registered `Standardized-tag`.
        ("a@[IPv4:1.2.3.4]", false),
        ("a@[IPv6:]", false),
        // `qtextSMTP` has no tab; `quoted-pairSMTP` takes a space.
        ("\"a\tb\"@iana.org", false),
        (r#""a\ b"@iana.org"#, true),
        (r#""a\	b"@iana.org"#, false),
        // `Domain` is LDH syntax: the IDNA rule for `--` is not part of it, but an `xn--`
        // label must be an A-label.
        ("a@ab--cd.org", true),
        ("a@xn--X.org", false),
        ("a@xn--9n2bp8q.xn--9t4b11yi5a", true),
        ("A@IANA.ORG", true),
        // RFC 5322 forms that are not a `Mailbox`.
        ("Joe <joe@iana.org>", false),
        ("<joe@iana.org>", false),
        ("mailto:joe@iana.org", false),
        // §4.5.3.1: local part ≤ 64 octets (quotes included), mailbox ≤ 254.
        (
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@iana.org",
            false,
        ),
        (
            r#""aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"@iana.org"#,
            false,
        ),
        (
            "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghiklm@abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghikl.abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghikl.abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghij",
            false,
        ),
        (
            "a@abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijkl.com",
            false,
        ),
    ];

    /// JSON-Schema-Test-Suite, `tests/draft2020-12/optional/format/hostname.json`.
    const SUITE_HOSTNAME: &[(&str, bool)] = &[
        ("www.example.com", true),
        ("xn--4gbwdl.xn--wgbh1c", true),
        ("-a-host-name-that-starts-with--", false),
        ("not_a_valid_host_name", false),
        (
            "a-vvvvvvvvvvvvvvvveeeeeeeeeeeeeeeerrrrrrrrrrrrrrrryyyyyyyyyyyyyyyy-long-host-name-component",
            false,
        ),
        ("-hostname", false),
        ("hostname-", false),
        ("_hostname", false),
        ("hostname_", false),
        ("host_name", false),
        (
            "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijk.com",
            true,
        ),
        (
            "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijkl.com",
            false,
        ),
        ("host-name", true),
        ("1host", true),
        ("", false),
    ];

    /// RFC 1123 rules the suite does not reach.
    const MORE_HOSTNAME: &[(&str, bool)] = &[
        ("hostname", true),
        ("h0stn4me", true),
        ("hostnam3", true),
        ("Example.COM", true),
        ("a.b-c.d", true),
        (".", false),
        ("a..b", false),
        (".example.com", false),
        ("example.com.", false),
        ("exa mple.com", false),
        ("héllo.com", false),
        ("a-.com", false),
        ("a.-b.com", false),
        // §2.1's remark that `#.#.#.#` is never a host name is a DISCUSSION note; the
        // grammar allows all-digit labels.
        ("1.2.3.4", true),
        ("123", true),
        // LDH labels: `--` in positions 3 and 4 is an IDNA (RFC 5890/5891) rule, not an
        // RFC 1123 one; but a label that starts with `xn--` claims to be an A-label, and
        // must be a valid one.
        ("ab--cd.com", true),
        ("xn--X", false),
        ("xn--", false),
        ("XN--9N2BP8Q.example", true),
        ("xn--ihqwcrb4cv8a8dqg056pqjye", true),
        ("xn--example-", false),
        ("xn--hello-txk", false),
        // 253 octets in all (63 + 1 + 63 + 1 + 63 + 1 + 61), then one more.
        (
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            true,
        ),
        (
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            false,
        ),
    ];

    /// JSON-Schema-Test-Suite, `tests/draft2020-12/optional/format/uri.json`.
    const SUITE_URI: &[(&str, bool)] = &[
        ("http://foo.bar/?baz=qux#quux", true),
        ("http://foo.com/blah_(wikipedia)_blah#cite-1", true),
        ("http://foo.bar/?q=Test%20URL-encoded%20stuff", true),
        ("http://xn--nw2a.xn--j6w193g/", true),
        ("http://-.~_!$&'()*+,;=:%40:80%2f::::::@example.com", true),
        ("http://223.255.255.254", true),
        ("ftp://ftp.is.co.za/rfc/rfc1808.txt", true),
        ("http://www.ietf.org/rfc/rfc2396.txt", true),
        ("ldap://[2001:db8::7]/c=GB?objectClass?one", true),
        ("mailto:John.Doe@example.com", true),
        ("news:comp.infosystems.www.servers.unix", true),
        ("tel:+1-816-555-1212", true),
        ("urn:oasis:names:specification:docbook:dtd:xml:4.1.2", true),
        ("//foo.bar/?baz=qux#quux", false),
        ("/abc", false),
        (r"\\WINDOWS\fileshare", false),
        ("abc", false),
        ("http:// shouldfail.com", false),
        (":// should fail", false),
        ("bar,baz:foo", false),
        ("https://[@example.org/test.txt", false),
        ("https://example.org/foobar®.txt", false),
        (r"https://example.org/foobar\.txt", false),
        (r#"https://example.org/foobar".txt"#, false),
        ("https://example.org/foobar<>.txt", false),
        ("https://example.org/foobar{}.txt", false),
        ("https://example.org/foobar^.txt", false),
        ("https://example.org/foobar`.txt", false),
        ("https://example.org/foo bar.txt", false),
        ("https://example.org/foobar|.txt", false),
        ("http://087.10.0.1/", true),
        ("http://999.999.999.999/", true),
        ("http://example.com/%6G", false),
        ("http://example.com/%A", false),
        ("http://example.com/%", false),
        ("1http://example.com", false),
        ("ht_tp://example.com", false),
        ("http://example.com:abc/path", false),
        ("http://a.com:8:0", false),
        ("http://a.com::", false),
        ("http://a.com:", true),
        ("http://a.com:999999999", true),
        ("http://:80", true),
        ("http://@a.com", true),
        ("http://user@", true),
        ("http://!$&'()*+,;=.com", true),
        ("http://example.com.", true),
        ("http://exa~mple.com/", true),
        ("http://under_score.com/", true),
    ];

    /// RFC 3986 rules the suite does not reach.
    const MORE_URI: &[(&str, bool)] = &[
        ("a:", true),
        ("a+b.c-d:x", true),
        ("HTTP://EXAMPLE.COM", true),
        ("urn:isbn:0451450523", true),
        ("file:///etc/hosts", true),
        ("x:/a//b", true),
        ("http://example.com/?q=a?b/c", true),
        ("http://example.com/#frag#more", false),
        ("http://a:b@c:d@e", false),
        // §3.2.2 `IPv6address`: `::` may stand for a single group; 8 groups leave none.
        ("http://[1:2:3:4:5:6:7::]/", true),
        ("http://[1:2:3:4:5:6:7:8::]/", false),
        ("http://[::ffff:1.2.3.4]/", true),
        ("http://[::ffff:1.2.3.04]/", false),
        ("http://[v1.x]/", true),
        ("http://[v.x]/", false),
        ("http://[::1]x/", false),
        // RFC 6874 zone identifiers are not RFC 3986.
        ("http://[fe80::1%25eth0]/", false),
        ("http://example.com/\u{0}", false),
    ];

    /// JSON-Schema-Test-Suite, `tests/draft2020-12/optional/format/uri-reference.json`.
    const SUITE_URI_REFERENCE: &[(&str, bool)] = &[
        ("http://foo.bar/?baz=qux#quux", true),
        ("//foo.bar/?baz=qux#quux", true),
        ("/abc", true),
        (r"\\WINDOWS\fileshare", false),
        ("abc", true),
        ("#fragment", true),
        (r"#frag\ment", false),
        ("/foobar®.txt", false),
        (r"https://example.org/foobar\.txt", false),
        ("http://087.10.0.1/", true),
        ("http://999.999.999.999/", true),
        ("", true),
        ("?query=1", true),
        ("//", true),
        ("/%zz", false),
        ("/a\"b", false),
        ("/[::1]", false),
        ("//example.com:abc/p", false),
        ("//a@b@example.com/", false),
        ("//[::ffff:192.168.0.01]/p", false),
        ("1:b", false),
        ("./this:that", true),
        ("/p\n", false),
        ("//[V1.fe]/p", true),
    ];

    /// RFC 3986 §4.2 rules the suite does not reach.
    const MORE_URI_REFERENCE: &[(&str, bool)] = &[
        ("this:that", true),
        ("a/b:c", true),
        ("../a/b", true),
        ("%41", true),
        ("%4", false),
        ("a b", false),
        ("?#", true),
        ("#", true),
        ("//[::1]:80/p", true),
        ("foo#a#b", false),
        ("http://[@example.org/", false),
    ];

    #[test]
    fn email_form() {
        check(Format::Email, SUITE_EMAIL);
        check(Format::Email, MORE_EMAIL);
    }

    #[test]
    fn hostname_form() {
        check(Format::Hostname, SUITE_HOSTNAME);
        check(Format::Hostname, MORE_HOSTNAME);
    }

    #[test]
    fn uri_form() {
        check(Format::Uri, SUITE_URI);
        check(Format::Uri, MORE_URI);
        // Every URI is a URI reference.
        for (text, valid) in SUITE_URI.iter().chain(MORE_URI) {
            if *valid {
                assert!(format_ok(Format::UriReference, text), "{text:?}");
            }
        }
    }

    /// JSON-Schema-Test-Suite, `tests/draft2020-12/optional/format/idn-email.json`, and
    /// RFC 6531 rules it does not reach.
    const IDN_EMAIL: &[(&str, bool)] = &[
        (
            "\u{c2e4}\u{b840}@\u{c2e4}\u{b840}.\u{d14c}\u{c2a4}\u{d2b8}",
            true,
        ),
        ("2962", false),
        ("joe.bloggs@example.com", true),
        (
            "\u{3b4}\u{3bf}\u{3ba}\u{3b9}\u{3bc}\u{3ae}@example.com",
            true,
        ),
        (
            "\"\u{3b4}\u{3bf}\u{3ba}\u{3b9}\u{3bc}\u{3ae}\"@example.com",
            true,
        ),
        ("user@cafe\u{301}.com", true),
        ("cafe\u{301}@example.com", true),
        ("\u{85}@example.com", true),
        ("\u{ffff}@example.com", true),
        ("user\u{ff20}example.com", false),
        ("\u{1d54f}@example.com", true),
        ("a@[127.0.0.1]", true),
        ("a@[IPv6:::1]", true),
        ("a@[127.0.0.1", false),
        ("a@\u{3b4}\u{2192}.com", false),
        ("a@xn--X.com", false),
        (".\u{e9}@example.com", false),
        ("\u{e9}.@example.com", false),
        ("a b@example.com", false),
        ("\"a\\\u{e9}\"@example.com", false),
        ("a@-example.com", false),
        ("@example.com", false),
        ("a@", false),
        // 64 octets in the local part (32 two-octet characters), then 66.
        (
            "\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}@example.com",
            true,
        ),
        (
            "\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}@example.com",
            false,
        ),
    ];

    #[test]
    fn idn_email_form() {
        check(Format::IdnEmail, IDN_EMAIL);
        // Every RFC 5321 mailbox of the suite is an RFC 6531 one.
        for (text, valid) in SUITE_EMAIL {
            if *valid {
                assert!(format_ok(Format::IdnEmail, text), "{text:?}");
            }
        }
    }

    /// JSON-Schema-Test-Suite, `tests/draft2020-12/optional/format/iri.json` and
    /// `iri-reference.json`, and RFC 3987 rules they do not reach.
    #[test]
    fn iri_forms() {
        check(
            Format::Iri,
            &[
                (
                    "http://\u{192}\u{f8}\u{f8}.\u{df}\u{e5}r/?\u{2202}\u{e9}=\u{3c0}#\u{3c0}",
                    true,
                ),
                ("http://[2001:db8::1]", true),
                ("http://2001:0db8:85a3:0000:0000:8a2e:0370:7334", false),
                ("/abc", false),
                ("\u{e2}\u{3c0}\u{3c0}", false),
                ("http://[::ffff:192.168.0.01]", false),
                ("http://\u{192}\u{f8}\u{f8}.\u{df}\u{e5}r/\n", false),
                ("urn:example:resource", true),
                ("http://example.com/\u{10300}", true),
                ("http://example.com/?q=\u{f0000}", true),
                // `iprivate` only in the query.
                ("http://example.com/\u{e000}", false),
                ("http://example.com/a b", false),
                ("http://example.com/%zz", false),
            ],
        );
        check(
            Format::IriReference,
            &[
                ("//\u{192}\u{f8}\u{f8}.\u{df}\u{e5}r/?\u{2202}", true),
                ("/\u{e2}\u{3c0}\u{3c0}", true),
                ("\u{e2}\u{3c0}\u{3c0}", true),
                ("#\u{192}r\u{e4}gm\u{ea}nt", true),
                ("#\u{192}r\u{e4}g\\m\u{ea}nt", false),
                ("\\\\WINDOWS\\fil\u{eb}", false),
                ("", true),
                ("\u{fdd0}", false),
            ],
        );
    }

    #[test]
    fn regex_form() {
        check(
            Format::Regex,
            &[
                ("([abc])+\\s+$", true),
                ("^(abc]", false),
                ("\\a", false),
                ("(?P<name>x)", false),
                ("(?i)abc", false),
                ("(?<n>a)\\k<n>", true),
                ("(?<=a+)b", true),
                ("[^]", true),
                ("\\p{Letter}", true),
                ("", true),
            ],
        );
    }

    #[test]
    fn uri_reference_form() {
        check(Format::UriReference, SUITE_URI_REFERENCE);
        check(Format::UriReference, MORE_URI_REFERENCE);
    }
}
