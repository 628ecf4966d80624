//! `des-events diff`: compares versions of an event-union schema and prints every change
//! with its three verdicts (receivers, senders, Rust API), then the summary. The rules,
//! modes, ignore rules, version checks, counterexamples and output forms live in the
//! engine (`des_events_codegen::diff`); this module reads the inputs (two files, a
//! history folder, or OLD from git), prints the outcome and maps it to the exit status:
//! 0 when the run passes, 1 when it fails (the mode's verdicts, an unused ignore rule, a
//! version bump too small), 2 on a usage error (unreadable file, invalid JSON, a schema
//! the engine cannot model, a bad option, no git repository).

mod git;

use std::io::Read as _;
use std::path::{Path, PathBuf};

use clap::Args;
use des_events_codegen::Source;
use des_events_codegen::diff::format::{self, Format};
use des_events_codegen::diff::gate::{Mode, Outcome};
use des_events_codegen::diff::history::{self, Entry};
use des_events_codegen::diff::ignore::{self, Ignore};
use des_events_codegen::diff::version::{self, Version};
use des_events_codegen::diff::{self, Options, Receiver};

use super::settings::MapArgs;
use super::{Status, print_all, warn};

/// The options of `des-events diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// Print the report as the one JSON object `--json` has always printed:
    /// {"changes": [...], "summary": {...}, "notes": [...]} (a history: {"reports":
    /// [...]}). `--format json` prints the full form.
    #[arg(long, conflicts_with = "format")]
    json: bool,
    /// Output form: text, json (rule IDs, pointers, positions, counterexamples, mode,
    /// ignores), junit (JUnit XML), sarif (SARIF 2.1.0), github (workflow annotations
    /// at the line of each change in NEW).
    #[arg(long, value_name = "FORMAT", value_parser = clap::builder::PossibleValuesParser::new(Format::NAMES))]
    format: Option<String>,
    /// The verdicts that decide the exit status: backward (receivers: NEW reads what OLD
    /// allowed), forward (senders: OLD reads what NEW writes), full (both); `-transitive`
    /// compares the newest version with every earlier one of a --history. Without it,
    /// receivers, senders and a major Rust API bump all count.
    #[arg(long, value_name = "MODE", value_parser = clap::builder::PossibleValuesParser::new(Mode::NAMES))]
    mode: Option<String>,
    /// Take the changes of one rule out of the report: `ID` (anywhere) or
    /// `ID@POINTER` (at that JSON pointer of OLD or NEW, or below it). Rule IDs are
    /// listed in docs/diff-rules.md. An ignore that matches nothing fails the run.
    /// Repeatable.
    #[arg(long, value_name = "ID[@POINTER]")]
    ignore: Vec<String>,
    /// Ignore rules from FILE: one `ID[@POINTER] reason...` per line (the reason is
    /// required; blank lines and `#` comments are skipped). Repeatable.
    #[arg(long, value_name = "FILE")]
    ignore_file: Vec<PathBuf>,
    /// Compare every schema version in DIR (its `*.json` files), ordered by the semver in
    /// each file name, else the `version` member or `$id` of each schema, else by file
    /// name; then no OLD or NEW. Non-transitive modes compare consecutive versions,
    /// transitive ones the newest with each earlier one.
    #[arg(long, value_name = "DIR", conflicts_with = "against")]
    history: Option<PathBuf>,
    /// Read OLD from git: `git show REF:PATH` (PATH defaults to NEW's path in the
    /// repository); then only NEW is given.
    #[arg(long, value_name = "REF[:PATH]")]
    against: Option<String>,
    /// Check that going from version OLD to NEW bumps enough for the changes (breaking:
    /// major, additive: minor, else patch; below 1.0.0 the first non-zero number is the
    /// major one).
    #[arg(long, num_args = 2, value_names = ["OLD", "NEW"], conflicts_with = "version_from_schema")]
    declared_version: Vec<String>,
    /// Like --declared-version, with each version read from its schema's `version`
    /// member or `$id`.
    #[arg(long)]
    version_from_schema: bool,
    /// The receiver policy the verdicts assume: strict (default) or tolerant (unknown
    /// fields dropped, unknown enum values and events kept as `Other`).
    #[arg(long, value_name = "POLICY", default_value = "strict", value_parser = clap::builder::PossibleValuesParser::new(["strict", "tolerant"]))]
    receiver: String,
    /// For each breaking receivers or senders verdict, print a document that proves it,
    /// checked with the validator against both schemas (for a tolerant receiver, the
    /// reading side in a tolerant view of its schema).
    #[arg(long)]
    counterexamples: bool,
    /// OLD and NEW (`-` is stdin): two files, or only NEW with --against, or none with
    /// --history.
    #[arg(value_name = "FILES", num_args = 0..=2)]
    files: Vec<PathBuf>,
    #[command(flatten)]
    map: MapArgs,
}

/// A usage problem, already reported on stderr.
struct Reported;

/// Runs the subcommand.
pub fn run(args: &DiffArgs) -> Status {
    match outcome(args) {
        Ok((outcome, format)) => match print_all(&format::render(format, &outcome)) {
            Status::Ok if !outcome.passes() => Status::Invalid,
            status => status,
        },
        Err(Reported) => Status::Error,
    }
}

fn usage(message: std::fmt::Arguments<'_>) -> Reported {
    warn(format_args!("des-events: {message}"));
    Reported
}

/// Reads the inputs, compares them and applies the options.
fn outcome(args: &DiffArgs) -> Result<(Outcome, Format), Reported> {
    let format = match (args.json, args.format.as_deref()) {
        (true, _) => Format::LegacyJson,
        (false, Some(name)) => Format::parse(name).unwrap_or_default(),
        (false, None) => Format::Text,
    };
    let mode = args
        .mode
        .as_deref()
        .and_then(Mode::parse)
        .unwrap_or_default();
    let ignores = ignores(args)?;
    let options = Options {
        receiver: Receiver::parse(&args.receiver).unwrap_or_default(),
        maps: args.map.pairs(),
        witnesses: args.counterexamples,
    };
    let (versions, order) = inputs(args)?;
    let mut reports = Vec::new();
    for (older, newer) in mode.pairs(versions.len()) {
        let (Some(old), Some(new)) = (versions.get(older), versions.get(newer)) else {
            continue;
        };
        let old_source = Source::text(old.name.clone(), old.text.clone());
        let new_source = Source::text(new.name.clone(), new.text.clone());
        match diff::diff_sources_with(&old_source, &new_source, &options) {
            Ok(report) => reports.push(report),
            Err(diagnostics) => {
                warn(format_args!("{diagnostics}"));
                return Err(Reported);
            }
        }
    }
    let mut outcome = Outcome::new(mode, reports, ignores);
    outcome.order = order;
    outcome.version = version_check(args, &versions, &outcome)?;
    Ok((outcome, format))
}

/// The ignore rules of `--ignore` and `--ignore-file`.
fn ignores(args: &DiffArgs) -> Result<Vec<Ignore>, Reported> {
    let mut rules = Vec::new();
    let mut bad = false;
    for rule in &args.ignore {
        match ignore::parse(rule, "--ignore") {
            Ok(rule) => rules.push(rule),
            Err(err) => {
                warn(format_args!("des-events: {err}"));
                bad = true;
            }
        }
    }
    for file in &args.ignore_file {
        let (shown, text) = read(file).ok_or(Reported)?;
        match ignore::parse_file(&shown, &text) {
            Ok(found) => rules.extend(found),
            Err(errors) => {
                for err in errors {
                    warn(format_args!("des-events: {err}"));
                }
                bad = true;
            }
        }
    }
    if bad { Err(Reported) } else { Ok(rules) }
}

/// The versions to compare, oldest first, and how a history was ordered.
fn inputs(args: &DiffArgs) -> Result<(Vec<Entry>, Option<String>), Reported> {
    let files = &args.files;
    if let Some(dir) = &args.history {
        if !files.is_empty() {
            return Err(usage(format_args!(
                "--history DIR compares the files in DIR: give no OLD or NEW"
            )));
        }
        let entries = history_entries(dir)?;
        if entries.len() < 2 {
            return Err(usage(format_args!(
                "--history `{}` holds {} schema file(s) (`*.json`); a history needs two",
                dir.display(),
                entries.len()
            )));
        }
        let (entries, order) = history::order(entries).map_err(|err| {
            usage(format_args!(
                "cannot order the history `{}`: {err}",
                dir.display()
            ))
        })?;
        return Ok((entries, Some(order.describe().to_owned())));
    }
    if let Some(spec) = &args.against {
        let [new] = files.as_slice() else {
            return Err(usage(format_args!(
                "--against REF reads OLD from git: give only NEW"
            )));
        };
        if new == Path::new("-") {
            return Err(usage(format_args!(
                "--against needs NEW as a file in the repository, not stdin"
            )));
        }
        let old = git::show(spec, new).map_err(|err| usage(format_args!("{err}")))?;
        let (shown, text) = read(new).ok_or(Reported)?;
        return Ok((vec![old, Entry { name: shown, text }], None));
    }
    let [old, new] = files.as_slice() else {
        return Err(usage(format_args!(
            "diff needs OLD and NEW (or --against REF NEW, or --history DIR)"
        )));
    };
    if old == Path::new("-") && new == Path::new("-") {
        return Err(usage(format_args!(
            "OLD and NEW cannot both be stdin (`-`)"
        )));
    }
    let (Some((old_name, old_text)), Some((new_name, new_text))) = (read(old), read(new)) else {
        return Err(Reported);
    };
    Ok((
        vec![
            Entry {
                name: old_name,
                text: old_text,
            },
            Entry {
                name: new_name,
                text: new_text,
            },
        ],
        None,
    ))
}

/// The `*.json` files of a history folder.
fn history_entries(dir: &Path) -> Result<Vec<Entry>, Reported> {
    let listing = std::fs::read_dir(dir).map_err(|err| {
        usage(format_args!(
            "cannot read the history folder `{}`: {err}",
            dir.display()
        ))
    })?;
    let mut paths: Vec<PathBuf> = listing
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.is_file() && path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    paths.sort();
    let mut entries = Vec::new();
    for path in paths {
        let (name, text) = read(&path).ok_or(Reported)?;
        entries.push(Entry { name, text });
    }
    Ok(entries)
}

/// The version check of `--declared-version` or `--version-from-schema`, on the last
/// comparison (OLD and NEW, or the two newest versions of a history).
fn version_check(
    args: &DiffArgs,
    versions: &[Entry],
    outcome: &Outcome,
) -> Result<Option<version::VersionCheck>, Reported> {
    let pair = match (args.declared_version.as_slice(), args.version_from_schema) {
        ([old, new], _) => {
            let parse = |text: &str| {
                Version::parse(text).ok_or_else(|| {
                    usage(format_args!(
                        "--declared-version: `{text}` is not a semantic version (MAJOR.MINOR.PATCH)"
                    ))
                })
            };
            (parse(old)?, parse(new)?)
        }
        (_, true) => {
            let n = versions.len();
            let of = |entry: Option<&Entry>| {
                let entry = entry?;
                serde_json::from_str::<serde_json::Value>(&entry.text)
                    .ok()
                    .and_then(|value| Version::of_schema(&value))
                    .ok_or_else(|| entry.name.clone())
                    .ok()
            };
            let old = n.checked_sub(2).and_then(|index| versions.get(index));
            let new = n.checked_sub(1).and_then(|index| versions.get(index));
            match (of(old), of(new)) {
                (Some(old), Some(new)) => (old, new),
                _ => {
                    return Err(usage(format_args!(
                        "--version-from-schema: both schemas need a semver in `version` or `$id`"
                    )));
                }
            }
        }
        _ => return Ok(None),
    };
    let Some(last) = outcome.reports.last() else {
        return Ok(None);
    };
    let mut changes = last.changes.clone();
    // Ignored changes do not need a bump.
    changes.retain(|change| !last.ignored.iter().any(|(ignored, _)| ignored == change));
    Ok(Some(version::check(pair.0, pair.1, &changes, outcome.mode)))
}

/// A schema file (`-` is stdin), or `None` (reported on stderr).
pub fn read(path: &Path) -> Option<(String, String)> {
    let stdin = path == Path::new("-");
    let shown = if stdin {
        "<stdin>".to_owned()
    } else {
        path.display().to_string()
    };
    let read = if stdin {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text).map(|_| text)
    } else {
        std::fs::read_to_string(path)
    };
    match read {
        Ok(text) => Some((shown, text)),
        Err(err) => {
            warn(format_args!(
                "des-events: cannot read schema `{shown}`: {err}"
            ));
            None
        }
    }
}
