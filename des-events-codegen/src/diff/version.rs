//! Semantic versions of schemas: read from a file name, a `version` member or an `$id`,
//! ordered by semver precedence, and the bump a set of changes requires
//! ([`required`]) checked against the bump two versions declare ([`check`]).
//!
//! Required bump: **major** when a change breaks under the chosen mode (see
//! [`super::gate::Mode`]; the default mode counts a major Rust API bump as breaking
//! too), **minor** when a change adds something (an event, field, enum value, root type
//! or reply helper, a looser constraint, an opened object), else **patch**.
//!
//! Declared bump from OLD to NEW, with Cargo's reading of 0.x versions: from 1.0.0 on,
//! the first number that grows says it (major, minor, patch). Below 1.0.0 the leftmost
//! non-zero number acts as the major one: `0.3.1 -> 0.4.0` is a major bump and
//! `0.3.1 -> 0.3.2` may carry additions (it counts as minor); `0.0.3 -> 0.0.4` is major.
//! Leaving a pre-release (`2.0.0-rc.1 -> 2.0.0`, or to anything newer) promises nothing
//! and counts as major. A NEW version not above OLD declares no bump.

use std::cmp::Ordering;
use std::fmt;

use serde_json::Value;

use super::gate::Mode;
use super::{Bump, Change, Kind, Summary};

/// A semantic version (build metadata dropped: it has no precedence).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Version {
    /// Major.
    pub major: u64,
    /// Minor.
    pub minor: u64,
    /// Patch.
    pub patch: u64,
    /// Pre-release identifiers (`rc.1` is `["rc", "1"]`).
    pub pre: Vec<String>,
}

impl Version {
    /// Parses `1.2.3`, `v1.2.3`, `1.2.3-rc.1+build`.
    pub fn parse(text: &str) -> Option<Version> {
        let text = text.strip_prefix('v').unwrap_or(text);
        let text = text.split_once('+').map_or(text, |(version, _)| version);
        let (core, pre) = match text.split_once('-') {
            Some((core, pre)) => (core, Some(pre)),
            None => (text, None),
        };
        let mut numbers = core.split('.').map(number);
        let (Some(Some(major)), Some(Some(minor)), Some(Some(patch)), None) = (
            numbers.next(),
            numbers.next(),
            numbers.next(),
            numbers.next(),
        ) else {
            return None;
        };
        let pre = match pre {
            None => Vec::new(),
            Some(pre) => {
                let ids: Vec<String> = pre.split('.').map(str::to_owned).collect();
                let valid = |id: &String| {
                    !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                };
                if !ids.iter().all(valid) {
                    return None;
                }
                ids
            }
        };
        Some(Version {
            major,
            minor,
            patch,
            pre,
        })
    }

    /// The first version written inside `text` (a file name, a URI): three dot-separated
    /// numbers, with a pre-release after `-` (trailing `json`/`schema` identifiers, a file
    /// extension, are not part of it).
    pub fn find(text: &str) -> Option<Version> {
        let bytes = text.as_bytes();
        let mut start = 0;
        while start < bytes.len() {
            let at_boundary = start == 0 || !bytes[start - 1].is_ascii_digit();
            if bytes[start].is_ascii_digit() && at_boundary {
                let rest = &text[start..];
                let end = rest
                    .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '-')))
                    .unwrap_or(rest.len());
                let mut candidate = rest[..end].trim_end_matches(['.', '-']).to_owned();
                // A file extension is not a pre-release identifier.
                while let Some(stem) = [".json", ".schema"]
                    .iter()
                    .find_map(|extension| candidate.strip_suffix(extension))
                {
                    candidate = stem.to_owned();
                }
                loop {
                    if let Some(version) = Version::parse(&candidate) {
                        return Some(version);
                    }
                    match candidate.rfind(['.', '-']) {
                        Some(cut) => candidate.truncate(cut),
                        None => break,
                    }
                }
            }
            start += 1;
        }
        None
    }

    /// The version a schema declares: its `version` member (a string), else a version
    /// inside its `$id`.
    pub fn of_schema(schema: &Value) -> Option<Version> {
        if let Some(version) = schema.get("version").and_then(Value::as_str) {
            return Version::parse(version).or_else(|| Version::find(version));
        }
        schema
            .get("$id")
            .and_then(Value::as_str)
            .and_then(Version::find)
    }
}

fn number(text: &str) -> Option<u64> {
    let leading_zero = text.len() > 1 && text.starts_with('0');
    if text.is_empty() || leading_zero || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)?;
        if !self.pre.is_empty() {
            write!(f, "-{}", self.pre.join("."))?;
        }
        Ok(())
    }
}

impl Ord for Version {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.major, self.minor, self.patch)
            .cmp(&(other.major, other.minor, other.patch))
            .then_with(|| match (self.pre.is_empty(), other.pre.is_empty()) {
                (true, true) => Ordering::Equal,
                (true, false) => Ordering::Greater,
                (false, true) => Ordering::Less,
                (false, false) => {
                    for (a, b) in self.pre.iter().zip(&other.pre) {
                        let order = match (a.parse::<u64>(), b.parse::<u64>()) {
                            (Ok(a), Ok(b)) => a.cmp(&b),
                            (Ok(_), Err(_)) => Ordering::Less,
                            (Err(_), Ok(_)) => Ordering::Greater,
                            (Err(_), Err(_)) => a.cmp(b),
                        };
                        if order != Ordering::Equal {
                            return order;
                        }
                    }
                    self.pre.len().cmp(&other.pre.len())
                }
            })
    }
}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// The bump going from `old` to `new` declares; `None` when `new` is not above `old`.
pub fn declared(old: &Version, new: &Version) -> Option<Bump> {
    if new <= old {
        return None;
    }
    if !old.pre.is_empty() {
        return Some(Bump::Major);
    }
    let grew = |a: u64, b: u64| b != a;
    Some(if old.major > 0 || new.major > 0 {
        if grew(old.major, new.major) {
            Bump::Major
        } else if grew(old.minor, new.minor) {
            Bump::Minor
        } else {
            Bump::Patch
        }
    } else if old.minor > 0 || new.minor > 0 {
        if grew(old.minor, new.minor) {
            Bump::Major
        } else {
            Bump::Minor
        }
    } else {
        Bump::Major
    })
}

/// Whether a change adds something a reader may start to use.
fn adds(change: &Change) -> bool {
    change.api == Bump::Minor
        || matches!(
            change.kind,
            Kind::EventAdded
                | Kind::OptionalFieldAdded
                | Kind::RequiredFieldAdded
                | Kind::EnumValueAdded
                | Kind::RootTypeAdded
                | Kind::ConstraintLoosened
                | Kind::AdditionalPropertiesOpened
                | Kind::FieldNowOptional
        )
}

/// The bump `changes` require under `mode`.
pub fn required(changes: &[Change], mode: Mode) -> Bump {
    if changes
        .iter()
        .any(|change| mode.fails(&Summary::of(std::slice::from_ref(change))))
    {
        Bump::Major
    } else if changes.iter().any(adds) {
        Bump::Minor
    } else {
        Bump::Patch
    }
}

/// The versions of a comparison and whether they bump enough.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VersionCheck {
    /// OLD's version.
    pub old: Version,
    /// NEW's version.
    pub new: Version,
    /// What the versions declare (`None`: NEW is not above OLD).
    pub declared: Option<Bump>,
    /// What the changes require.
    pub required: Bump,
    /// Whether there are changes at all (equal versions are fine without).
    pub changed: bool,
}

impl VersionCheck {
    /// The declared bump covers the required one (equal versions with no change are fine).
    pub fn ok(&self) -> bool {
        match self.declared {
            Some(declared) => declared >= self.required,
            None => self.old == self.new && !self.changed,
        }
    }

    /// One line, e.g. `version 1.2.0 -> 1.3.0 declares minor; the changes need major`.
    pub fn describe(&self) -> String {
        let declares = match self.declared {
            Some(bump) => format!("declares {}", bump.as_str()),
            None if self.old == self.new => "is unchanged".to_owned(),
            None => "goes backwards".to_owned(),
        };
        format!(
            "version {} -> {} {declares}; the changes need {}: {}",
            self.old,
            self.new,
            self.required.as_str(),
            if self.ok() { "ok" } else { "not enough" }
        )
    }
}

/// Checks `old -> new` against `changes` under `mode`.
pub fn check(old: Version, new: Version, changes: &[Change], mode: Mode) -> VersionCheck {
    VersionCheck {
        declared: declared(&old, &new),
        required: required(changes, mode),
        changed: !changes.is_empty(),
        old,
        new,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(text: &str) -> Version {
        Version::parse(text).unwrap_or_else(|| panic!("{text} parses"))
    }

    #[test]
    fn parses_and_orders_by_precedence() {
        assert_eq!(v("v1.2.3").to_string(), "1.2.3");
        assert_eq!(v("1.2.3-rc.1+build.5").to_string(), "1.2.3-rc.1");
        assert_eq!(Version::parse("1.2"), None);
        assert_eq!(Version::parse("01.2.3"), None);
        let mut versions = [
            v("1.0.0"),
            v("1.0.0-rc.1"),
            v("1.0.0-alpha"),
            v("0.9.10"),
            v("1.0.0-alpha.1"),
            v("0.9.9"),
            v("1.0.0-rc.10"),
        ];
        versions.sort();
        let shown: Vec<String> = versions.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "0.9.9",
                "0.9.10",
                "1.0.0-alpha",
                "1.0.0-alpha.1",
                "1.0.0-rc.1",
                "1.0.0-rc.10",
                "1.0.0"
            ]
        );
    }

    #[test]
    fn finds_versions_in_names_and_ids() {
        let found = |text: &str| Version::find(text).map(|v| v.to_string());
        assert_eq!(found("events-1.2.0.schema.json").as_deref(), Some("1.2.0"));
        assert_eq!(found("v2.0.0-rc.1.json").as_deref(), Some("2.0.0-rc.1"));
        assert_eq!(
            found("https://example.com/events/3.1.4/schema.json").as_deref(),
            Some("3.1.4")
        );
        assert_eq!(found("events-2024.json"), None);
        let schema = serde_json::json!({"$id": "https://x.test/e/1.0.0", "version": "1.1.0"});
        assert_eq!(Version::of_schema(&schema), Some(v("1.1.0")));
    }

    #[test]
    fn declared_bumps_with_cargo_s_zero_rules() {
        let bump = |old: &str, new: &str| declared(&v(old), &v(new));
        assert_eq!(bump("1.2.3", "2.0.0"), Some(Bump::Major));
        assert_eq!(bump("1.2.3", "1.3.0"), Some(Bump::Minor));
        assert_eq!(bump("1.2.3", "1.2.4"), Some(Bump::Patch));
        assert_eq!(bump("0.3.1", "0.4.0"), Some(Bump::Major));
        assert_eq!(bump("0.3.1", "0.3.2"), Some(Bump::Minor));
        assert_eq!(bump("0.0.3", "0.0.4"), Some(Bump::Major));
        assert_eq!(bump("2.0.0-rc.1", "2.0.0"), Some(Bump::Major));
        assert_eq!(bump("1.2.3", "1.2.3"), None);
        assert_eq!(bump("1.2.3", "1.2.0"), None);
    }
}
