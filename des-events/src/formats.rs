//! The string formats that are asserted (`format` is an assertion in des-events, not an
//! annotation): each check follows the RFC the JSON Schema specification names.

use std::net::{Ipv4Addr, Ipv6Addr};
use std::str::FromStr;

/// Formats that are asserted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// RFC 4122 hyphenated.
    Uuid,
    /// RFC 3339 `full-date`.
    Date,
    /// RFC 3339 `date-time`.
    DateTime,
    /// RFC 3339 `full-time`.
    Time,
    /// RFC 2673 dotted-quad IPv4 address.
    Ipv4,
    /// RFC 4291 IPv6 address.
    Ipv6,
}

impl Format {
    /// What a value of this format looks like, for error messages.
    pub(crate) fn describe(self) -> &'static str {
        match self {
            Format::Uuid => "a hyphenated UUID (8-4-4-4-12 hexadecimal digits)",
            Format::Date => "an RFC 3339 full-date (YYYY-MM-DD)",
            Format::DateTime => "an RFC 3339 date-time (YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM))",
            Format::Time => "an RFC 3339 full-time (HH:MM:SS[.frac](Z|+HH:MM))",
            Format::Ipv4 => "an IPv4 address (dotted quad)",
            Format::Ipv6 => "an IPv6 address",
        }
    }
}

/// Whether `text` has the format.
pub fn format_ok(format: Format, text: &str) -> bool {
    match format {
        Format::Uuid => is_uuid(text),
        Format::Date => is_date(text),
        Format::DateTime => is_date_time(text),
        Format::Time => is_time(text),
        // The standard library follows RFC 6943 §3.1.1 for IPv4 (no leading zeros, no
        // shorthand) and RFC 4291 for IPv6 (no zone identifier).
        Format::Ipv4 => Ipv4Addr::from_str(text).is_ok(),
        Format::Ipv6 => Ipv6Addr::from_str(text).is_ok(),
    }
}

fn is_uuid(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 36
        && bytes.iter().enumerate().all(|(index, byte)| match index {
            8 | 13 | 18 | 23 => *byte == b'-',
            _ => byte.is_ascii_hexdigit(),
        })
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
