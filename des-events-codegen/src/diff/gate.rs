//! Compatibility modes, in a schema registry's words, and the outcome of a run: one or
//! more reports (a pair of files, or a history), the ignore rules that matched nothing,
//! the version check, and whether the run passes.
//!
//! | mode | fails when | registry term | our term |
//! |---|---|---|---|
//! | (default) | receivers or senders not compatible, or a major Rust API bump | - | all three verdicts |
//! | `backward` | receivers not compatible | BACKWARD: consumers on NEW read data written with OLD | receivers |
//! | `forward` | senders not compatible | FORWARD: consumers on OLD read data written with NEW | senders |
//! | `full` | either | FULL | receivers and senders |
//! | `*-transitive` | the same, NEW against every earlier version | `*_TRANSITIVE` | |
//!
//! Non-transitive modes compare each version with the one before it; transitive ones
//! compare the newest with every earlier one. With two files both are one comparison.
//! `unknown` verdicts fail every mode (`diff` does not guess).

use super::ignore::Ignore;
use super::version::VersionCheck;
use super::{Bump, Compat, Report, Summary};

/// Which verdicts gate the run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Direction {
    /// Receivers, senders and the Rust API (the behaviour without `--mode`).
    #[default]
    All,
    /// Receivers: NEW reads what OLD allowed.
    Backward,
    /// Senders: OLD reads what NEW writes.
    Forward,
    /// Receivers and senders.
    Full,
}

/// A mode: the verdicts that gate, and whether every earlier version counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Mode {
    /// The verdicts that gate.
    pub direction: Direction,
    /// Compare the newest version with every earlier one (else each with the previous).
    pub transitive: bool,
}

impl Mode {
    /// The modes `--mode` takes.
    pub const NAMES: [&'static str; 6] = [
        "backward",
        "forward",
        "full",
        "backward-transitive",
        "forward-transitive",
        "full-transitive",
    ];

    /// The mode called `name` (one of [`Mode::NAMES`]).
    pub fn parse(name: &str) -> Option<Mode> {
        let (base, transitive) = match name.strip_suffix("-transitive") {
            Some(base) => (base, true),
            None => (name, false),
        };
        let direction = match base {
            "backward" => Direction::Backward,
            "forward" => Direction::Forward,
            "full" => Direction::Full,
            _ => return None,
        };
        Some(Mode {
            direction,
            transitive,
        })
    }

    /// The mode's name (`default` without `--mode`).
    pub fn name(self) -> String {
        let base = match self.direction {
            Direction::All => return "default".to_owned(),
            Direction::Backward => "backward",
            Direction::Forward => "forward",
            Direction::Full => "full",
        };
        if self.transitive {
            format!("{base}-transitive")
        } else {
            base.to_owned()
        }
    }

    /// Whether a report with this summary fails the mode.
    pub fn fails(self, summary: &Summary) -> bool {
        let receivers = summary.receivers != Compat::Compatible;
        let senders = summary.senders != Compat::Compatible;
        match self.direction {
            Direction::All => receivers || senders || summary.semver == Bump::Major,
            Direction::Backward => receivers,
            Direction::Forward => senders,
            Direction::Full => receivers || senders,
        }
    }

    /// The comparisons of `versions` versions, oldest first: `(older, newer)` indices.
    pub fn pairs(self, versions: usize) -> Vec<(usize, usize)> {
        let Some(newest) = versions.checked_sub(1) else {
            return Vec::new();
        };
        if self.transitive {
            (0..newest).map(|older| (older, newest)).collect()
        } else {
            (0..newest).map(|older| (older, older + 1)).collect()
        }
    }
}

/// Everything one run found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// The mode.
    pub mode: Mode,
    /// One report per comparison.
    pub reports: Vec<Report>,
    /// Every ignore rule given.
    pub ignores: Vec<Ignore>,
    /// The indices in `ignores` of the rules that matched no change.
    pub unused: Vec<usize>,
    /// The version check, when versions were given or found.
    pub version: Option<VersionCheck>,
    /// How the history was ordered, when there was one.
    pub order: Option<String>,
}

impl Outcome {
    /// Runs the ignore rules over `reports` and collects the unused ones.
    pub fn new(mode: Mode, mut reports: Vec<Report>, ignores: Vec<Ignore>) -> Outcome {
        let mut used = vec![false; ignores.len()];
        for report in &mut reports {
            for (index, hit) in super::ignore::apply(report, &ignores)
                .into_iter()
                .enumerate()
            {
                if hit && let Some(flag) = used.get_mut(index) {
                    *flag = true;
                }
            }
        }
        let unused = used
            .iter()
            .enumerate()
            .filter(|(_, hit)| !**hit)
            .map(|(index, _)| index)
            .collect();
        Outcome {
            mode,
            reports,
            ignores,
            unused,
            version: None,
            order: None,
        }
    }

    /// Whether a report fails the mode.
    pub fn report_fails(&self, report: &Report) -> bool {
        self.mode.fails(&report.summary)
    }

    /// The run passes: no report fails the mode, every ignore rule matched something,
    /// and the version check (if any) is satisfied.
    pub fn passes(&self) -> bool {
        !self.reports.iter().any(|report| self.report_fails(report))
            && self.unused.is_empty()
            && self.version.as_ref().is_none_or(VersionCheck::ok)
    }

    /// The ignore rules that matched nothing.
    pub fn unused_ignores(&self) -> impl Iterator<Item = &Ignore> {
        self.unused
            .iter()
            .filter_map(|index| self.ignores.get(*index))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for name in Mode::NAMES {
            let mode = Mode::parse(name).unwrap_or_else(|| panic!("{name}"));
            assert_eq!(mode.name(), name);
        }
        assert_eq!(Mode::parse("sideways"), None);
        assert_eq!(Mode::default().name(), "default");
    }

    #[test]
    fn pairs_are_consecutive_or_against_the_newest() {
        let plain = Mode::parse("backward").expect("mode");
        let transitive = Mode::parse("backward-transitive").expect("mode");
        assert_eq!(plain.pairs(4), [(0, 1), (1, 2), (2, 3)]);
        assert_eq!(transitive.pairs(4), [(0, 3), (1, 3), (2, 3)]);
        assert_eq!(transitive.pairs(2), [(0, 1)]);
        assert!(plain.pairs(1).is_empty() && plain.pairs(0).is_empty());
    }

    #[test]
    fn each_mode_reads_its_verdicts() {
        let summary = |receivers, senders, semver| Summary {
            receivers,
            senders,
            semver,
        };
        let forward_only = summary(Compat::Compatible, Compat::Breaking, Bump::Major);
        let fails = |name: &str, summary: &Summary| Mode::parse(name).expect("mode").fails(summary);
        assert!(!fails("backward", &forward_only));
        assert!(fails("forward", &forward_only));
        assert!(fails("full", &forward_only));
        let api_only = summary(Compat::Compatible, Compat::Compatible, Bump::Major);
        assert!(Mode::default().fails(&api_only));
        assert!(!fails("full", &api_only));
        let unknown = summary(Compat::Unknown, Compat::Compatible, Bump::Patch);
        assert!(fails("backward-transitive", &unknown));
    }
}
