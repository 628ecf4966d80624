//! Ignore rules: `ID[@pointer]` takes the changes of one rule (at one place of the
//! schema, or anywhere) out of a report and out of its summary. Rules come from the
//! command line (`--ignore`) or from a file (`--ignore-file`: one `ID[@pointer] reason`
//! per line, the reason required); a rule that matches nothing is reported, so a stale
//! exception does not outlive the change it excused.

use std::fmt;

use super::{Kind, Report, Summary};

/// One ignore rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ignore {
    /// The rule it silences.
    pub kind: Kind,
    /// Only changes at this JSON pointer of either schema, or below it; `None`: anywhere.
    pub pointer: Option<String>,
    /// Why (required in an ignore file).
    pub reason: Option<String>,
    /// Where the rule was written: `--ignore`, or `FILE:LINE`.
    pub origin: String,
}

impl fmt::Display for Ignore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.kind.id())?;
        if let Some(pointer) = &self.pointer {
            write!(f, "@{pointer}")?;
        }
        Ok(())
    }
}

/// A rule that cannot be read, with where it was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadIgnore {
    /// `--ignore`, or `FILE:LINE`.
    pub origin: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for BadIgnore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.origin, self.message)
    }
}

/// Reads `ID[@pointer]` (the pointer may be written as a URI fragment, `#/...`).
pub fn parse(rule: &str, origin: &str) -> Result<Ignore, BadIgnore> {
    let bad = |message: String| BadIgnore {
        origin: origin.to_owned(),
        message,
    };
    let (id, pointer) = match rule.split_once('@') {
        Some((id, pointer)) => (id, Some(pointer)),
        None => (rule, None),
    };
    let kind = Kind::from_id(id).ok_or_else(|| {
        bad(format!(
            "unknown rule ID `{id}` (the IDs are listed in docs/diff-rules.md, e.g. `event-added`)"
        ))
    })?;
    let pointer = match pointer {
        None => None,
        Some(pointer) => {
            let pointer = pointer.strip_prefix('#').unwrap_or(pointer);
            if !(pointer.is_empty() || pointer.starts_with('/')) {
                return Err(bad(format!(
                    "`{pointer}` is not a JSON pointer: it starts with `/` (e.g. `/oneOf/0/properties/message`)"
                )));
            }
            Some(pointer.to_owned())
        }
    };
    Ok(Ignore {
        kind,
        pointer,
        reason: None,
        origin: origin.to_owned(),
    })
}

/// Reads an ignore file: one `ID[@pointer] reason...` per line; blank lines and lines
/// starting with `#` are skipped. Every bad line is reported.
pub fn parse_file(file: &str, text: &str) -> Result<Vec<Ignore>, Vec<BadIgnore>> {
    let mut rules = Vec::new();
    let mut bad = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let origin = format!("{file}:{}", index + 1);
        let (rule, reason) = match line.split_once(char::is_whitespace) {
            Some((rule, reason)) => (rule, reason.trim()),
            None => (line, ""),
        };
        if reason.is_empty() {
            bad.push(BadIgnore {
                origin,
                message: format!("`{rule}` has no reason: write why after the rule"),
            });
            continue;
        }
        match parse(rule, &origin) {
            Ok(mut ignore) => {
                ignore.reason = Some(reason.to_owned());
                rules.push(ignore);
            }
            Err(err) => bad.push(err),
        }
    }
    if bad.is_empty() { Ok(rules) } else { Err(bad) }
}

/// Whether `ignore` matches the change.
fn matches(ignore: &Ignore, change: &super::Change) -> bool {
    ignore.kind == change.kind
        && ignore
            .pointer
            .as_deref()
            .is_none_or(|pointer| change.site.within(pointer))
}

/// Moves the changes an ignore matches from `report.changes` to `report.ignored` (with
/// the first matching rule's index) and recomputes the summary. Returns, per rule,
/// whether it matched something.
pub fn apply(report: &mut Report, ignores: &[Ignore]) -> Vec<bool> {
    let mut used = vec![false; ignores.len()];
    let mut kept = Vec::new();
    for change in std::mem::take(&mut report.changes) {
        match ignores.iter().position(|ignore| matches(ignore, &change)) {
            Some(index) => {
                if let Some(flag) = used.get_mut(index) {
                    *flag = true;
                }
                report.ignored.push((change, index));
            }
            None => kept.push(change),
        }
    }
    report.changes = kept;
    report.summary = Summary::of(&report.changes);
    used
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_read_id_and_pointer() {
        let rule = parse("event-added@#/oneOf/3", "--ignore").expect("valid");
        assert_eq!(rule.kind, Kind::EventAdded);
        assert_eq!(rule.pointer.as_deref(), Some("/oneOf/3"));
        assert_eq!(rule.to_string(), "event-added@/oneOf/3");
        let rule = parse("type_changed", "--ignore").expect("snake_case is accepted");
        assert_eq!((rule.kind, rule.pointer), (Kind::TypeChanged, None));
        let err = parse("no-such-rule", "--ignore").expect_err("unknown");
        assert!(
            err.to_string().contains("unknown rule ID `no-such-rule`"),
            "{err}"
        );
        let err = parse("event-added@oneOf", "--ignore").expect_err("not a pointer");
        assert!(err.message.contains("not a JSON pointer"), "{err}");
    }

    #[test]
    fn files_need_a_reason_per_rule() {
        let text = "# vetted exceptions\n\nevent-added  the peer ignores unknown events\nenum-value-added@/oneOf/1\nbogus because\n";
        let err = parse_file("ignores.txt", text).expect_err("two bad lines");
        let shown: Vec<String> = err.iter().map(ToString::to_string).collect();
        assert_eq!(shown.len(), 2, "{shown:?}");
        assert!(shown[0].starts_with("ignores.txt:4: `enum-value-added@/oneOf/1` has no reason"));
        assert!(shown[1].starts_with("ignores.txt:5: unknown rule ID `bogus`"));
        let rules = parse_file(
            "ignores.txt",
            "event-added the peer ignores unknown events\n",
        )
        .expect("valid");
        assert_eq!(
            rules[0].reason.as_deref(),
            Some("the peer ignores unknown events")
        );
        assert_eq!(rules[0].origin, "ignores.txt:1");
    }
}
