//! Command-line parsing and dispatch: the clap definition of every subcommand and the
//! exit-status convention shared by them (0 ok, 1 invalid input, 2 usage or I/O error),
//! and the output helpers they share ([`warn`] escapes every stderr line for the terminal
//! with `des_events_core::terminal::escape`, the one escaping function).

mod api;
mod bridge;
mod bundled;
mod check;
mod diff;
mod expand;
mod install;
mod list;
#[cfg(feature = "sandbox")]
mod sandbox;
mod settings;
mod verdict;

use std::io::{self, Write as _};
use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::builder::{PossibleValuesParser, TypedValueParser as _};
use clap::{Parser, Subcommand};
use des_events::Policy;
use des_events_core::terminal::escape;

pub use bundled::Bundled;

/// Checks, expands, lists, diffs and describes the DES application-bridge events.
#[derive(Debug, Parser)]
#[command(name = "des-events", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Validate JSON Lines of enveloped events (partner or DES, by event name).
    ///
    /// Reads each FILE, or stdin when no FILE is given or a FILE is `-`; gzip and zstd
    /// input (recognised by its first bytes) is decompressed on the fly. Blank lines are
    /// skipped but still counted for line numbers. Prints one result per line, in input
    /// order, then a tally on stderr. Lines are checked on every core (see --jobs); a
    /// progress bar shows on stderr when it is a terminal and the run is long.
    ///
    /// Lines are judged under a receiver policy (see --policy); a line accepted with
    /// warnings is valid, and its warnings are printed under it (not with
    /// --only-invalid). With --protocol, each input is also checked as one conversation
    /// (requests and their replies), and the findings are printed after the line they
    /// are about, or after the input's last line for requests never answered.
    ///
    /// Exit status: 0 when every line is valid (warnings allowed) and the protocol check,
    /// if asked, found nothing; 1 when a line is invalid or there is a protocol finding;
    /// 2 on a usage or I/O error. Input lines are never echoed, so credentials in them
    /// are never printed.
    Check {
        /// Print one JSON object per input line instead of human-readable lines (and the
        /// summary as a final {"summary": {...}} object).
        #[arg(long)]
        json: bool,
        /// At the end, print a summary: valid and invalid lines per event, and errors
        /// grouped by event, path and kind with their count and first line.
        #[arg(long)]
        summary: bool,
        /// Print only the results of invalid lines and the protocol findings (and the
        /// summary, if asked); valid lines with warnings are counted, not printed.
        #[arg(long)]
        only_invalid: bool,
        /// The receiver policy: `strict` accepts exactly the schema; `tolerant` also
        /// accepts unknown fields, enum values and events, each with a warning.
        #[arg(
            long,
            value_name = "POLICY",
            default_value = "strict",
            value_parser = PossibleValuesParser::new(Policy::ALL.map(Policy::as_str))
                .try_map(|name| name.parse::<Policy>()),
        )]
        policy: Policy,
        /// Also check the request/reply protocol over each input, in order: replies to
        /// no request, replies that do not echo their request's ids, duplicate replies,
        /// and requests never answered.
        #[arg(long)]
        protocol: bool,
        /// No progress bar and no tally line on stderr (unreadable inputs are still
        /// reported).
        #[arg(long, short)]
        quiet: bool,
        /// Threads that check lines [default: the number of cores]; 1 checks everything
        /// on one thread.
        #[arg(long, short, value_name = "N")]
        jobs: Option<NonZeroUsize>,
        /// The JSON Lines files to check (`-` is stdin).
        #[arg(value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Print the formatted Rust code that `include_schema!` generates for a schema, or
    /// write it to a file (--out).
    ///
    /// Without SCHEMA, expands the bundled partner schema (embedded in this binary). A
    /// bundled schema is expanded as `des_events` itself invokes the macro on it. Every
    /// option of the macro has a flag of the same meaning (see docs/cli.md). Schema
    /// problems, and options that do not fit the schema (a patch of a type that does not
    /// exist, a derive that cannot hold), are printed to stderr with exit status 2.
    Expand {
        /// The schema file (`-` is stdin).
        #[arg(value_name = "SCHEMA", conflicts_with = "bundled")]
        schema: Option<PathBuf>,
        /// Expand one of the bundled schemas instead of a file.
        #[arg(long, value_enum, value_name = "WHICH")]
        bundled: Option<Bundled>,
        /// Leave out the generated `#[cfg(test)]` conformance tests (`tests = false`).
        #[arg(long)]
        no_tests: bool,
        /// Add the catch-all variant that keeps unknown events (`catch_all = true`).
        #[arg(long)]
        catch_all: bool,
        /// The schema whose events reply to SCHEMA's, for reply helpers
        /// (`replies_schema = "..."`).
        #[arg(long, value_name = "FILE", requires_all = ["schema", "replies_module"])]
        replies_schema: Option<PathBuf>,
        /// The module holding the replying schema's API, e.g. `crate::partner`
        /// (`replies_module = ...`).
        #[arg(long, value_name = "PATH", requires = "replies_schema")]
        replies_module: Option<String>,
        /// Write the code to FILE instead of stdout (its folder is created if missing).
        /// The file is written only when its content changes, so an unchanged schema
        /// does not make cargo rebuild the crate that holds it.
        #[arg(long, short, value_name = "FILE")]
        out: Option<PathBuf>,
        #[command(flatten)]
        map: settings::MapArgs,
        #[command(flatten)]
        fit: settings::FitArgs,
    },
    /// List the events of both bundled schemas (partner first, then DES), their fields
    /// and their nested types.
    List {
        /// Print the catalog as one JSON document.
        #[arg(long)]
        json: bool,
    },
    /// The mobile WebView bridge (iOS/Android: no envelope, one call per event).
    #[command(subcommand)]
    Bridge(BridgeCommand),
    /// Compare two versions of a schema: every change with its receivers, senders and
    /// Rust API verdicts, then the summary.
    ///
    /// Also: a history of versions (--history), OLD from git (--against), registry
    /// modes (--mode), ignore rules (--ignore), a version check (--declared-version),
    /// counterexamples (--counterexamples), JUnit, SARIF and GitHub output (--format).
    ///
    /// Exit status: 0 when the run passes, 1 when something breaks (by default a
    /// breaking receivers or senders verdict, or a major API bump; with --mode, that
    /// mode's verdicts), an ignore rule matches nothing or a version bump is too small,
    /// 2 on a usage error or a schema that cannot be read or modelled.
    Diff(diff::DiffArgs),
    /// Print the public Rust API that `include_schema!` generates for a schema, as
    /// stable text (types, fields, variants, methods, trait impls, the handler trait).
    ///
    /// Without SCHEMA, describes the bundled partner schema. A bundled schema is described
    /// as `des_events` expands it (the DES schema with its reply helpers).
    Api {
        /// The schema file (`-` is stdin).
        #[arg(value_name = "SCHEMA", conflicts_with = "bundled")]
        schema: Option<PathBuf>,
        /// Describe one of the bundled schemas instead of a file.
        #[arg(long, value_enum, value_name = "WHICH")]
        bundled: Option<Bundled>,
        /// With the catch-all variant that keeps unknown events (`catch_all = true`).
        #[arg(long)]
        catch_all: bool,
        /// Print the typed coverage instead: the share of fields with a Rust type of
        /// their own, each field that has none, and each validated value with the
        /// reason it has no typed shape.
        #[arg(long)]
        stats: bool,
        #[command(flatten)]
        map: settings::MapArgs,
        #[command(flatten)]
        fit: settings::FitArgs,
    },
    /// Print the shell completion script for SHELL on stdout.
    ///
    /// For example `des-events completions bash >
    /// ~/.local/share/bash-completion/completions/des-events`, `des-events completions
    /// zsh > ~/.zfunc/_des-events` (with `~/.zfunc` in `fpath`), or `des-events
    /// completions fish > ~/.config/fish/completions/des-events.fish`.
    Completions {
        /// The shell.
        #[arg(value_name = "SHELL")]
        shell: clap_complete::Shell,
    },
    /// Print the man page of des-events (roff) on stdout, or write every page into DIR.
    ///
    /// The top page lists the subcommands; each subcommand's options are on a page of its
    /// own (`des-events-check.1`, ...), as git's are. Both ways: stdout is the quick look
    /// (`des-events man | man -l -`), `--out DIR` is what a package installs (e.g. into
    /// `/usr/local/share/man/man1`), one page per command so that `man des-events-check`
    /// works. The written paths are printed, one per line.
    Man {
        /// Write `des-events.1` and one page per subcommand into DIR (created if
        /// missing) instead of printing the top page.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Serve a local page that plays DES for a bank's web app (127.0.0.1 only).
    ///
    /// Embed the printed URL in the bank app's iframe in place of DES. The page sends the
    /// scenario's DES events to the app, checks every reply with the bundled schemas and
    /// the request/reply protocol, and shows a live log; `GET /report` is the session as
    /// JSON. The URL is the first line of stdout.
    ///
    /// Exit status with --ci: 0 when the scenario finished with no invalid message and no
    /// protocol violation, 1 otherwise (the report is printed on stdout), 2 on a usage
    /// error or an unreadable scenario.
    #[cfg(feature = "sandbox")]
    Sandbox {
        /// The port on 127.0.0.1 (0: any free port).
        #[arg(long, default_value_t = 8975)]
        port: u16,
        /// The origin of the bank app's page that embeds the sandbox: the only sender
        /// whose messages are read, the only frame ancestor allowed, the only target of
        /// the page's messages.
        #[arg(long, value_name = "URL", default_value = "http://localhost:3000")]
        bank_origin: String,
        /// A scenario file (JSON, see docs/sandbox.md) instead of every DES example.
        #[arg(long, value_name = "FILE")]
        scenario: Option<PathBuf>,
        /// How replies are judged: strict or tolerant.
        #[arg(long, default_value = "strict")]
        policy: sandbox::Policy,
        /// Exit when the scenario is over (or at --timeout) and print the report.
        #[arg(long)]
        ci: bool,
        /// With --ci: the longest the session may take, in seconds [default: 30 plus
        /// the scenario's waits].
        #[arg(long, value_name = "SECS", requires = "ci")]
        timeout: Option<u64>,
    },
}

#[derive(Debug, Subcommand)]
enum BridgeCommand {
    /// Turn enveloped partner events (JSON Lines) into the JavaScript calls the app
    /// evaluates in the WebView, e.g. `updateIdToken('{...}')`, one per line.
    ///
    /// Reads each FILE, or stdin when no FILE is given or a FILE is `-`. Exit status:
    /// 0 when every line was encoded, 1 when a line is invalid or its event has no
    /// mobile function, 2 on a usage or I/O error.
    Encode {
        /// The JSON Lines files (`-` is stdin).
        #[arg(value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Turn a native handler call from DES (handler NAME and the bare message JSON) into
    /// the enveloped DES event. Exit status: 0 valid, 1 invalid, 2 usage or I/O error.
    Decode {
        /// The native handler name, e.g. `share` or `onIdTokenDidExpire`.
        #[arg(value_name = "NAME")]
        name: String,
        /// The message JSON (default: read stdin).
        #[arg(value_name = "JSON")]
        json: Option<String>,
    },
}

/// Parses the command line and runs the subcommand.
pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            // Usage errors exit 2, `--help` and `--version` exit 0 (clap's convention).
            let _ = err.print();
            return ExitCode::from(u8::try_from(err.exit_code()).unwrap_or(2));
        }
    };
    let status = match cli.command {
        Command::Check {
            json,
            summary,
            only_invalid,
            quiet,
            jobs,
            policy,
            protocol,
            files,
        } => check::run(&check::Request {
            files: &files,
            json,
            summary,
            only_invalid,
            quiet,
            jobs,
            policy,
            protocol,
        }),
        Command::Expand {
            schema,
            bundled,
            no_tests,
            catch_all,
            replies_schema,
            replies_module,
            out,
            map,
            fit,
        } => expand::run(&expand::Request {
            schema: schema.as_deref(),
            bundled,
            no_tests,
            catch_all,
            replies_schema: replies_schema.as_deref(),
            replies_module: replies_module.as_deref(),
            out: out.as_deref(),
            map: &map,
            fit: &fit,
        }),
        Command::List { json } => list::run(json),
        Command::Diff(args) => diff::run(&args),
        Command::Api {
            schema,
            bundled,
            catch_all,
            stats,
            map,
            fit,
        } => api::run(&api::Request {
            schema: schema.as_deref(),
            bundled,
            catch_all,
            stats,
            map: &map,
            fit: &fit,
        }),
        #[cfg(feature = "sandbox")]
        Command::Sandbox {
            port,
            bank_origin,
            scenario,
            policy,
            ci,
            timeout,
        } => sandbox::run(&sandbox::Request {
            port,
            bank_origin,
            scenario,
            policy,
            ci,
            timeout,
        }),
        Command::Completions { shell } => install::completions(shell),
        Command::Man { out } => install::man(out.as_deref()),
        Command::Bridge(BridgeCommand::Encode { files }) => bridge::encode(&files),
        Command::Bridge(BridgeCommand::Decode { name, json }) => {
            bridge::decode(&name, json.as_deref())
        }
    };
    ExitCode::from(status as u8)
}

/// The exit statuses of every subcommand.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// Everything was fine.
    Ok = 0,
    /// The input was read, and some of it is invalid.
    Invalid = 1,
    /// A usage error, an unreadable file or a broken schema.
    Error = 2,
}

/// Reports a failed write to stdout. A closed pipe (`des-events ... | head`) is not
/// worth a message; anything else is.
pub fn write_failed(err: &io::Error) -> Status {
    if err.kind() != io::ErrorKind::BrokenPipe {
        warn(format_args!("des-events: cannot write to stdout: {err}"));
    }
    Status::Error
}

/// Writes a message to stderr, ending it with a newline. Unlike `eprintln!`, never
/// panics when stderr is closed.
///
/// Everything on stderr is for people, and much of it quotes text from outside (a file
/// name, an event name from a log, a key or a title from a schema), so each line of the
/// message is escaped for the terminal ([`escape`]); the message's own line breaks (a
/// schema diagnostic and its hint) are kept.
pub fn warn(message: std::fmt::Arguments<'_>) {
    let message = message.to_string();
    let _ = writeln!(io::stderr().lock(), "{}", EscapedLines(&message));
}

/// Writes human-readable text made elsewhere (which may quote a schema's keys) to stdout,
/// each line escaped for the terminal as [`warn`] does, mapping a failure to
/// [`Status::Error`].
pub fn print_escaped(text: &str) -> Status {
    print_all(&EscapedLines(text).to_string())
}

/// Text whose lines are each [`escape`]d, its line breaks kept.
struct EscapedLines<'a>(&'a str);

impl std::fmt::Display for EscapedLines<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (index, line) in self.0.split('\n').enumerate() {
            if index > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{}", escape(line))?;
        }
        Ok(())
    }
}

/// Writes `text` to stdout as is, mapping a failure to [`Status::Error`].
pub fn print_all(text: &str) -> Status {
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Status::Ok,
        Err(err) => write_failed(&err),
    }
}
