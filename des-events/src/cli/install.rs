//! `des-events completions` and `des-events man`: the files a user or a packager installs
//! next to the binary, generated from the clap definition ([`super::Cli`]) so that they
//! can never disagree with the parser: shell completion scripts (`clap_complete`) and
//! roff man pages (`clap_mangen`).
//!
//! Both render into memory first and then write: the generators panic when their writer
//! fails, and a closed stdout (`des-events man | head`) must not panic.

use std::fmt::Write as _;
use std::path::Path;

use clap::CommandFactory as _;
use clap_complete::Shell;
use clap_mangen::Man;
use des_events_core::terminal::escape;

use super::{Cli, Status, print_all, warn};

/// The command as the generated files describe it: without clap's `help` subcommand
/// (every command has `--help`), as `clap_mangen::generate_to` builds it too.
fn command() -> clap::Command {
    Cli::command().disable_help_subcommand(true)
}

/// `completions SHELL`: the completion script on stdout.
pub fn completions(shell: Shell) -> Status {
    let mut command = command();
    let name = command.get_name().to_owned();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, name, &mut script);
    print_all(&String::from_utf8_lossy(&script))
}

/// `man [--out DIR]`: the page of `des-events` on stdout, or with `out` every page
/// (`des-events.1`, `des-events-check.1`, `des-events-bridge-encode.1`, ...) written into
/// that directory (created if missing) and their paths printed.
pub fn man(out: Option<&Path>) -> Status {
    match out {
        None => {
            let mut page = Vec::new();
            match Man::new(command()).render(&mut page) {
                Ok(()) => print_all(&String::from_utf8_lossy(&page)),
                Err(err) => {
                    warn(format_args!(
                        "des-events: cannot render the man page: {err}"
                    ));
                    Status::Error
                }
            }
        }
        Some(dir) => {
            if let Err(err) = std::fs::create_dir_all(dir) {
                warn(format_args!(
                    "des-events: cannot create `{}`: {err}",
                    dir.display()
                ));
                return Status::Error;
            }
            let mut command = command();
            command.build();
            let mut written = String::new();
            match write_pages(&command, dir, &mut written) {
                Ok(()) => print_all(&written),
                Err(err) => {
                    warn(format_args!(
                        "des-events: cannot write the man pages into `{}`: {err}",
                        dir.display()
                    ));
                    Status::Error
                }
            }
        }
    }
}

/// Writes the page of `command` and of each of its visible subcommands, depth first,
/// into `dir`, and appends each file's path and a newline to `written`.
fn write_pages(command: &clap::Command, dir: &Path, written: &mut String) -> std::io::Result<()> {
    let man = Man::new(command.clone());
    let path = dir.join(man.get_filename());
    let mut page = Vec::new();
    man.render(&mut page)?;
    std::fs::write(&path, page)?;
    // The directory is the user's: printed as the other untrusted text is.
    let _ = writeln!(written, "{}", escape(path.display()));
    for sub in command.get_subcommands().filter(|sub| !sub.is_hide_set()) {
        write_pages(sub, dir, written)?;
    }
    Ok(())
}
