//! `des-events diff OLD NEW`: compares two versions of an event-union schema and prints
//! every change with its three verdicts (receivers, senders, Rust API), then the
//! summary. The rules live in the engine (`des_events_codegen::diff`); this module reads
//! the files, prints the report and maps it to the exit status: 0 when nothing breaks,
//! 1 when something breaks (a breaking receivers or senders verdict, or a major API
//! bump), 2 on a usage error (unreadable file, invalid JSON, a schema the engine cannot
//! model).

use std::io::Read as _;
use std::path::Path;

use des_events_codegen::{Source, diff};

use super::settings::MapArgs;
use super::{Status, print_all, warn};

/// Runs the subcommand (`map`: the `--map` pairs, for both sides).
pub fn run(old: &Path, new: &Path, json: bool, map: &MapArgs) -> Status {
    if old == Path::new("-") && new == Path::new("-") {
        warn(format_args!(
            "des-events: OLD and NEW cannot both be stdin (`-`)"
        ));
        return Status::Error;
    }
    let (Some(old), Some(new)) = (source(old), source(new)) else {
        return Status::Error;
    };
    let report = match diff::diff_sources_mapped(&old, &new, &map.pairs()) {
        Ok(report) => report,
        Err(diagnostics) => {
            warn(format_args!("{diagnostics}"));
            return Status::Error;
        }
    };
    let text = if json {
        let mut text = serde_json::to_string_pretty(&report.to_json())
            .unwrap_or_else(|err| format!("{{\"error\": \"{err}\"}}"));
        text.push('\n');
        text
    } else {
        report.to_string()
    };
    match print_all(&text) {
        Status::Ok if report.summary.breaks() => Status::Invalid,
        status => status,
    }
}

/// A schema file (`-` is stdin), read here so that an I/O problem is reported as one of
/// the command line, or `None` (reported on stderr).
fn source(path: &Path) -> Option<Source> {
    let (shown, text) = read(path)?;
    Some(Source::text(shown, text))
}

/// The text of a schema file (`-` is stdin) and the name to show for it.
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
