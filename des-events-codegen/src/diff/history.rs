//! The order of a schema history (`des-events diff --history DIR`): every version of a
//! schema in one folder, oldest first.
//!
//! Each file's version is the first semver in its file name (`events-1.2.0.json`,
//! `v2.0.0-rc.1.json`), else its `version` member, else a semver inside its `$id`.
//! When every file has one, the history is ordered by semver precedence (two files of
//! the same version are an error); when none has one, by file name (byte order: pad
//! numbers, `01-...`, `02-...`); a mix is an error that names the files without one.

use super::version::Version;

/// One file of a history: its name and text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The name shown for it (and read for a version).
    pub name: String,
    /// The file's text.
    pub text: String,
}

/// How a history was ordered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Order {
    /// By the version of each entry (in the entries' order).
    Versions(Vec<Version>),
    /// By file name.
    Names,
}

impl Order {
    /// `by version` or `by file name`.
    pub fn describe(&self) -> &'static str {
        match self {
            Order::Versions(_) => "by version",
            Order::Names => "by file name",
        }
    }
}

/// The version of one entry: file name, then `version`, then `$id`.
pub fn version_of(entry: &Entry) -> Option<Version> {
    let file = entry.name.rsplit(['/', '\\']).next().unwrap_or(&entry.name);
    Version::find(file).or_else(|| {
        serde_json::from_str::<serde_json::Value>(&entry.text)
            .ok()
            .and_then(|value| Version::of_schema(&value))
    })
}

/// Orders `entries` oldest first, or says why it cannot.
pub fn order(mut entries: Vec<Entry>) -> Result<(Vec<Entry>, Order), String> {
    let versions: Vec<Option<Version>> = entries.iter().map(version_of).collect();
    let missing: Vec<&str> = entries
        .iter()
        .zip(&versions)
        .filter(|(_, version)| version.is_none())
        .map(|(entry, _)| entry.name.as_str())
        .collect();
    if missing.len() == entries.len() {
        entries.sort_by(|a, b| a.name.cmp(&b.name));
        return Ok((entries, Order::Names));
    }
    if !missing.is_empty() {
        return Err(format!(
            "some versions have no semver (in the file name, `version` or `$id`), so the history cannot be ordered: {}",
            missing.join(", ")
        ));
    }
    let mut keyed: Vec<(Version, Entry)> = versions.into_iter().flatten().zip(entries).collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.name.cmp(&b.1.name)));
    if let Some(pair) = keyed.windows(2).find(|pair| pair[0].0 == pair[1].0) {
        return Err(format!(
            "`{}` and `{}` are both version {}",
            pair[0].1.name, pair[1].1.name, pair[0].0
        ));
    }
    let (versions, entries) = keyed.into_iter().unzip();
    Ok((entries, Order::Versions(versions)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(name: &str, text: &str) -> Entry {
        Entry {
            name: name.to_owned(),
            text: text.to_owned(),
        }
    }

    fn names(entries: &[Entry]) -> Vec<&str> {
        entries.iter().map(|entry| entry.name.as_str()).collect()
    }

    #[test]
    fn semver_in_names_orders_by_precedence_not_by_text() {
        let (entries, order) = order(vec![
            entry("dir/events-1.10.0.json", "{}"),
            entry("dir/events-1.2.0.json", "{}"),
            entry("dir/events-1.2.0-rc.1.json", "{}"),
        ])
        .expect("ordered");
        assert_eq!(
            names(&entries),
            [
                "dir/events-1.2.0-rc.1.json",
                "dir/events-1.2.0.json",
                "dir/events-1.10.0.json"
            ]
        );
        assert_eq!(order.describe(), "by version");
    }

    #[test]
    fn annotations_then_names() {
        let (entries, _) = order(vec![
            entry("b.json", r#"{"version": "2.0.0"}"#),
            entry(
                "a.json",
                r#"{"$id": "https://x.test/events/3.0.0/schema.json"}"#,
            ),
            entry("c.json", r#"{"version": "1.0.0"}"#),
        ])
        .expect("ordered");
        assert_eq!(names(&entries), ["c.json", "b.json", "a.json"]);
        let (entries, order) =
            order(vec![entry("02-b.json", "{}"), entry("01-a.json", "{}")]).expect("ordered");
        assert_eq!(names(&entries), ["01-a.json", "02-b.json"]);
        assert_eq!(order, Order::Names);
    }

    #[test]
    fn a_mix_or_a_tie_is_an_error() {
        let err =
            order(vec![entry("1.0.0.json", "{}"), entry("next.json", "{}")]).expect_err("mixed");
        assert!(err.ends_with(": next.json"), "{err}");
        let err = order(vec![
            entry("a.json", r#"{"version": "1.0.0"}"#),
            entry("b.json", r#"{"version": "1.0.0"}"#),
        ])
        .expect_err("tie");
        assert!(err.contains("both version 1.0.0"), "{err}");
    }
}
