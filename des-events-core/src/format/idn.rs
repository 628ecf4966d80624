//! Internationalized host names (IDNA2008, RFC 5890 to 5893) and mailboxes (RFC 6531).
//!
//! The `idna` crate (the implementation behind the `url` crate, kept by the same
//! maintainers) does the UTS #46 processing: mapping (so `。` separates labels and text
//! that is not in NFC is normalized, as the JSON Schema Test Suite expects), Punycode
//! decoding and re-encoding of `xn--` labels (RFC 3492, refusing a label that is not in
//! its canonical form or that decodes to ASCII only), the STD3 ASCII rules, the hyphen
//! rules (no leading or trailing hyphen, no `--` in positions 3 and 4), the CONTEXTJ
//! rules for ZERO WIDTH (NON-)JOINER (RFC 5892 Appendix A.1 and A.2), the RFC 5893 Bidi
//! rule and the DNS lengths (labels of at most 63 octets, at most 253 in all, in the ASCII
//! form). Its `idna_adapter` back end is pinned to the 1.1 series, which reads Unicode
//! data from small crates (`idna_mapping`, `unicode-bidi`, `unicode-normalization`,
//! `unicode-joining-type`) instead of pulling ICU4X into every build of the runtime.
//!
//! UTS #46 accepts some code points that IDNA2008 disallows (those its mapping table marks
//! `NV8`), so the labels it returns are checked again here against RFC 5892: a code point
//! is PVALID when its general category is one of `Ll Lo Lm Nd Mn Mc` (§2.1; `Lu` and `Lt`
//! are never stable under NFKC case folding, §2.2), or one of the §2.6 exceptions; the
//! other exceptions are DISALLOWED or CONTEXTO, and old Hangul jamo are DISALLOWED
//! (§2.9). The CONTEXTO rules of Appendix A.3 to A.9 are written out here; their `Script`
//! property comes from `unicode-script` and the general category from
//! `unicode-general-category`.

use idna::uts46::{AsciiDenyList, DnsLength, Hyphens, Uts46};
use unicode_general_category::{GeneralCategory, get_general_category};
use unicode_script::{Script, UnicodeScript};

/// The ASCII (A-label) form of an IDNA2008 host name, or `None` when `text` is not one.
pub(super) fn idn_hostname_ascii(text: &str) -> Option<String> {
    let uts46 = Uts46::new();
    let ascii = uts46
        .to_ascii(
            text.as_bytes(),
            AsciiDenyList::STD3,
            Hyphens::Check,
            DnsLength::Verify,
        )
        .ok()?;
    let (unicode, checked) =
        uts46.to_unicode(ascii.as_bytes(), AsciiDenyList::STD3, Hyphens::Check);
    (checked.is_ok() && unicode.split('.').all(is_idna2008_label)).then(|| ascii.into_owned())
}

/// An IDNA2008 host name: U-labels, A-labels and NR-LDH labels separated by dots (or by
/// `。`, `．`, `｡`, which UTS #46 maps to dots).
pub(super) fn is_idn_hostname(text: &str) -> bool {
    idn_hostname_ascii(text).is_some()
}

/// Whether every code point of a (mapped, Unicode) label is allowed by RFC 5892.
fn is_idna2008_label(label: &str) -> bool {
    let chars: Vec<char> = label.chars().collect();
    chars.iter().enumerate().all(|(index, &c)| {
        let before = index.checked_sub(1).and_then(|i| chars.get(i)).copied();
        let after = chars.get(index + 1).copied();
        match c {
            // STD3 already restricted ASCII to letters, digits and hyphens.
            '\0'..='\u{7f}' => true,
            // §2.6 exceptions: PVALID.
            '\u{df}' | '\u{3c2}' | '\u{6fd}' | '\u{6fe}' | '\u{f0b}' | '\u{3007}' => true,
            // §2.6 exceptions: DISALLOWED.
            '\u{640}'
            | '\u{7fa}'
            | '\u{302e}'
            | '\u{302f}'
            | '\u{3031}'..='\u{3035}'
            | '\u{303b}' => false,
            // CONTEXTJ: UTS #46 CheckJoiners applied Appendix A.1 and A.2.
            '\u{200c}' | '\u{200d}' => true,
            // Appendix A.3 MIDDLE DOT: between two `l`.
            '\u{b7}' => before == Some('l') && after == Some('l'),
            // A.4 GREEK LOWER NUMERAL SIGN (KERAIA): followed by Greek.
            '\u{375}' => after.is_some_and(|next| next.script() == Script::Greek),
            // A.5, A.6 HEBREW PUNCTUATION GERESH and GERSHAYIM: preceded by Hebrew.
            '\u{5f3}' | '\u{5f4}' => before.is_some_and(|prev| prev.script() == Script::Hebrew),
            // A.7 KATAKANA MIDDLE DOT: with Hiragana, Katakana or Han in the label.
            '\u{30fb}' => chars.iter().any(|other| {
                matches!(
                    other.script(),
                    Script::Hiragana | Script::Katakana | Script::Han
                )
            }),
            // A.8, A.9: Arabic-Indic and Extended Arabic-Indic digits do not mix.
            '\u{660}'..='\u{669}' => !chars.iter().any(|d| ('\u{6f0}'..='\u{6f9}').contains(d)),
            '\u{6f0}'..='\u{6f9}' => !chars.iter().any(|d| ('\u{660}'..='\u{669}').contains(d)),
            // §2.9 OldHangulJamo (Hangul_Syllable_Type L, V and T).
            '\u{1100}'..='\u{11ff}' | '\u{a960}'..='\u{a97f}' | '\u{d7b0}'..='\u{d7ff}' => false,
            _ => matches!(
                get_general_category(c),
                GeneralCategory::LowercaseLetter
                    | GeneralCategory::OtherLetter
                    | GeneralCategory::ModifierLetter
                    | GeneralCategory::DecimalNumber
                    | GeneralCategory::NonspacingMark
                    | GeneralCategory::SpacingMark
            ),
        }
    })
}

/// Whether an ASCII `hostname` label that starts with `xn--` (any case) is a valid A-label:
/// Punycode that decodes to a U-label IDNA2008 allows and re-encodes to the same text.
pub(super) fn is_a_label(label: &str) -> bool {
    is_idn_hostname(label)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_rules() {
        for valid in [
            "l\u{b7}l",
            "\u{3b1}\u{375}\u{3b2}",
            "\u{5d0}\u{5f3}\u{5d1}",
            "\u{30fb}\u{3041}",
            "\u{30fb}\u{4e08}",
            "\u{628}\u{660}\u{628}",
            "\u{df}\u{3c2}\u{f0b}\u{3007}",
            "\u{915}\u{94d}\u{200d}\u{937}",
            "\u{c2e4}\u{b840}.\u{d14c}\u{c2a4}\u{d2b8}",
            // NFC composes the jamo into the syllable U+AC00, which is PVALID.
            "\u{1100}\u{1161}",
            "xn--ihqwcrb4cv8a8dqg056pqjye",
            "a\u{3002}b",
            "cafe\u{301}.com",
            "Example.COM",
        ] {
            assert!(is_idn_hostname(valid), "{valid}");
        }
        for invalid in [
            "a\u{b7}l",
            "\u{3b1}\u{375}S",
            "A\u{5f3}\u{5d1}",
            "def\u{30fb}abc",
            "\u{628}\u{660}\u{6f0}",
            "\u{640}\u{7fa}",
            "\u{3031}",
            "\u{1100}a",
            "\u{2192}",
            "a\u{2192}b",
            "\u{915}\u{200d}\u{937}",
            "xn--X",
            "xn--example-",
            "xn---9uc",
            "ab--cd",
            "a_b",
            "",
            "a..b",
            "example.",
        ] {
            assert!(!is_idn_hostname(invalid), "{invalid}");
        }
    }

    #[test]
    fn ascii_form() {
        assert_eq!(
            idn_hostname_ascii("\u{c2e4}\u{b840}.\u{d14c}\u{c2a4}\u{d2b8}").as_deref(),
            Some("xn--9n2bp8q.xn--9t4b11yi5a")
        );
        assert_eq!(idn_hostname_ascii("A.b").as_deref(), Some("a.b"));
    }
}
