//! Formats whose grammar is small enough to follow rule by rule: RFC 3339 `duration`,
//! RFC 6901 JSON Pointers, Relative JSON Pointers and RFC 6570 URI Templates.

/// RFC 3339 Appendix A `duration = "P" (dur-date / dur-time / dur-week)`.
///
/// `dur-date = (dur-day / dur-month / dur-year) [dur-time]`, where a year may be followed
/// by a month and a month by a day, and `dur-time = "T" (dur-hour / dur-minute /
/// dur-second)`, where an hour may be followed by a minute and a minute by a second: the
/// designators present form one unbroken run of `Y M D` (then one of `H M S` after `T`).
/// `dur-week` stands alone. Every number is `1*DIGIT` (ASCII, no sign, no fraction).
pub(super) fn is_duration(text: &str) -> bool {
    let Some(rest) = text.strip_prefix('P') else {
        return false;
    };
    let (date, time) = match rest.split_once('T') {
        Some((date, time)) => (date, Some(time)),
        None => (rest, None),
    };
    let Some(date) = designators(date) else {
        return false;
    };
    if date == "W" {
        return time.is_none();
    }
    let date_ok = date.is_empty() || "YMD".contains(date.as_str());
    match time {
        None => !date.is_empty() && date_ok,
        Some(time) => {
            date_ok
                && designators(time).is_some_and(|time| !time.is_empty() && "HMS".contains(&*time))
        }
    }
}

/// The designators of `text` when it is a sequence of `1*DIGIT designator` (a designator
/// being an ASCII letter), in order; `None` when it is not.
fn designators(text: &str) -> Option<String> {
    let mut found = String::new();
    let mut rest = text;
    while !rest.is_empty() {
        let count = rest.bytes().take_while(u8::is_ascii_digit).count();
        let designator = rest[count..].chars().next()?;
        if count == 0 || !designator.is_ascii_alphabetic() {
            return None;
        }
        found.push(designator);
        rest = &rest[count + 1..];
    }
    Some(found)
}

/// RFC 6901 §3 `json-pointer = *( "/" reference-token )`: empty or starting with `/`, and
/// every `~` is the start of `~0` or `~1`. Any other character is `unescaped`.
pub(super) fn is_json_pointer(text: &str) -> bool {
    (text.is_empty() || text.starts_with('/')) && escapes_ok(text)
}

/// Whether every `~` in `text` is followed by `0` or `1`.
fn escapes_ok(text: &str) -> bool {
    let mut bytes = text.bytes();
    while let Some(byte) = bytes.next() {
        if byte == b'~' && !matches!(bytes.next(), Some(b'0' | b'1')) {
            return false;
        }
    }
    true
}

/// Relative JSON Pointer, as draft 2020-12 names it (draft-bhutton-relative-json-pointer-00
/// §3): `non-negative-integer [index-manipulation] ( "#" / json-pointer )`, with
/// `non-negative-integer = %x30 / %x31-39 *%x30-39` (no leading zero) and
/// `index-manipulation = ( "+" / "-" ) positive-integer`. Earlier drafts name a version
/// without the index manipulation; every test of their suites agrees with this grammar.
pub(super) fn is_relative_json_pointer(text: &str) -> bool {
    let Some(mut rest) = integer(text, true) else {
        return false;
    };
    if let Some(after) = rest.strip_prefix(['+', '-']) {
        let Some(after) = integer(after, false) else {
            return false;
        };
        rest = after;
    }
    rest == "#" || is_json_pointer(rest)
}

/// What follows the decimal integer at the start of `text` (ASCII digits, no leading zero;
/// `0` itself only when `zero` allows it).
fn integer(text: &str, zero: bool) -> Option<&str> {
    let count = text.bytes().take_while(u8::is_ascii_digit).count();
    let digits = &text[..count];
    let ok = match digits.as_bytes() {
        [] => false,
        [b'0'] => zero,
        [b'0', ..] => false,
        _ => true,
    };
    ok.then_some(&text[count..])
}

/// RFC 6570 §2 `URI-Template = *( literals / expression )`, level 4.
///
/// `literals` are the characters RFC 6570 §2.1 lists (ASCII but controls, space and
/// `"%<>\^`{|}`, then RFC 3987 `ucschar` and `iprivate`) and `pct-encoded` triplets. The
/// apostrophe is a literal too: the ABNF's `%x28-3B` leaves it out, but it is an RFC 3986
/// `sub-delims` character that reserved expansion passes through, and the JSON Schema
/// Test Suite expects it to be valid. An expression is `"{" [ operator ] variable-list
/// "}"` (§2.2 to §2.4); the operators reserved for future extensions (`= , ! @ |`) are
/// part of the grammar and so accepted.
pub(super) fn is_uri_template(text: &str) -> bool {
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        rest = match c {
            '{' => {
                let Some((expression, after)) = rest[1..].split_once('}') else {
                    return false;
                };
                if !is_expression(expression) {
                    return false;
                }
                after
            }
            '%' => match pct_encoded(rest) {
                Some(after) => after,
                None => return false,
            },
            c if is_template_literal(c) => &rest[c.len_utf8()..],
            _ => return false,
        };
    }
    true
}

/// What follows the `pct-encoded` triplet (`%` and two hexadecimal digits) that starts
/// `text`.
fn pct_encoded(text: &str) -> Option<&str> {
    match text.as_bytes() {
        [b'%', high, low, ..] if high.is_ascii_hexdigit() && low.is_ascii_hexdigit() => {
            Some(&text[3..])
        }
        _ => None,
    }
}

/// One character of RFC 6570 `literals` (but `pct-encoded`).
fn is_template_literal(c: char) -> bool {
    matches!(
        c,
        '!' | '#' | '$' | '&' | '\'' | '('..=';' | '=' | '?'..='[' | ']' | '_' | 'a'..='z' | '~'
    ) || is_ucschar(c)
        || is_iprivate(c)
}

/// RFC 3987 `ucschar`.
pub(super) fn is_ucschar(c: char) -> bool {
    let code = u32::from(c);
    match code {
        0xA0..=0xD7FF | 0xF900..=0xFDCF | 0xFDF0..=0xFFEF | 0xE1000..=0xEFFFD => true,
        0x10000..=0xDFFFF => code & 0xFFFF <= 0xFFFD,
        _ => false,
    }
}

/// RFC 3987 `iprivate`.
pub(super) fn is_iprivate(c: char) -> bool {
    matches!(u32::from(c), 0xE000..=0xF8FF | 0xF0000..=0xFFFFD | 0x100000..=0x10FFFD)
}

/// The inside of an `expression`: `[ operator ] variable-list`.
fn is_expression(text: &str) -> bool {
    let list = text
        .strip_prefix(|c| "+#./;?&=,!@|".contains(c))
        .unwrap_or(text);
    list.split(',').all(is_varspec)
}

/// `varspec = varname [ modifier-level4 ]`, `modifier-level4 = prefix / explode`,
/// `prefix = ":" max-length` (`%x31-39 0*3DIGIT`), `explode = "*"`.
fn is_varspec(text: &str) -> bool {
    let name = if let Some(name) = text.strip_suffix('*') {
        name
    } else if let Some((name, length)) = text.split_once(':') {
        let bytes = length.as_bytes();
        if !(1..=4).contains(&bytes.len())
            || bytes[0] == b'0'
            || !bytes.iter().all(u8::is_ascii_digit)
        {
            return false;
        }
        name
    } else {
        text
    };
    // `varname = varchar *( ["."] varchar )`: dot-separated runs of `varchar`.
    name.split('.').all(|part| {
        let mut rest = part;
        while let Some(c) = rest.chars().next() {
            rest = if c == '%' {
                match pct_encoded(rest) {
                    Some(after) => after,
                    None => return false,
                }
            } else if c.is_ascii_alphanumeric() || c == '_' {
                &rest[1..]
            } else {
                return false;
            };
        }
        !part.is_empty()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duration() {
        for valid in [
            "P4DT12H30M5S",
            "P4Y",
            "PT0S",
            "P0D",
            "P1M",
            "PT1M",
            "PT36H",
            "P1DT12H",
            "P2W",
            "P1Y2M3DT4H5M6S",
            "P1Y2M",
            "P1M2D",
            "PT1M2S",
            "P01D",
            "P1YT1H",
            "P1MT1S",
            "P999999999999999999999999999999D",
        ] {
            assert!(is_duration(valid), "{valid}");
        }
        for invalid in [
            "",
            "P",
            "PT",
            "P1YT",
            "PT1D",
            "4DT12H30M5S",
            "P2D1Y",
            "P1D2H",
            "P2S",
            "P1Y2W",
            "P1",
            "PT0.5S",
            "PT0,5S",
            " P1D",
            "P1D ",
            "P1Y2D",
            "PT1H2S",
            "-P1D",
            "P-1D",
            "P1D2T3H",
            "P1e2D",
            "P1WT1H",
            "P0Y1W",
            "p1D",
            "P1d",
            "PT1H1H",
            "P1Y1Y",
            "P২Y",
            "P1DT",
            "PTT1H",
            "P1DT1HT1M",
        ] {
            assert!(!is_duration(invalid), "{invalid}");
        }
    }

    #[test]
    fn json_pointers() {
        for valid in ["", "/", "/foo//bar/", "/~0~1", "/a b", "/é", "/-", "/~1.1"] {
            assert!(is_json_pointer(valid), "{valid}");
        }
        for invalid in ["#", "#/", "a", "0", "/~", "/~2", "/~~", "/~0~", "/a~"] {
            assert!(!is_json_pointer(invalid), "{invalid}");
        }
        for valid in [
            "0",
            "1",
            "0#",
            "120/foo/bar",
            "0//",
            "0+1/a",
            "3-2#",
            "1-10",
        ] {
            assert!(is_relative_json_pointer(valid), "{valid}");
        }
        for invalid in [
            "", "/foo", "-1/foo", "+1/foo", "01/a", "01#", "0##", "1#/a", "0/~2", "1\n", "١/foo",
            "0+0/a", "0+01", "0+", "0-#", "1 ",
        ] {
            assert!(!is_relative_json_pointer(invalid), "{invalid}");
        }
    }

    #[test]
    fn uri_templates() {
        for valid in [
            "",
            "http://example.com/dictionary/{term:1}/{term}",
            "a%41b",
            "a😀b",
            "{+var}",
            "{#var}",
            "{.var}",
            "{/var}",
            "{;var}",
            "{?x,y}",
            "{&var*}",
            "{a.b}",
            "{%41}",
            "{v:9999}",
            "a'b",
            "{=var}",
            "/{a_b.c1:3,d*}?x=1&y=[2]",
            "\u{E000}",
        ] {
            assert!(is_uri_template(valid), "{valid}");
        }
        for invalid in [
            "{}",
            "{a,,b}",
            "{v:0}",
            "{v:10000}",
            "{v:01}",
            "foo}bar",
            "{term",
            "{a..b}",
            "{.a}b}",
            "{a.}",
            "{.}",
            "a b",
            "a\u{7f}b",
            "{a,}",
            "{var=def}",
            "{,+var}",
            "{++var}",
            "{v:1*}",
            "{v*:1}",
            "%4",
            "%zz",
            "{%4}",
            "a<b",
            "a\"b",
            "a\\b",
            "a^b",
            "a`b",
            "a|b",
            "{{a}}",
            "\u{FDD0}",
            "\u{1FFFE}",
        ] {
            assert!(!is_uri_template(invalid), "{invalid}");
        }
    }
}
