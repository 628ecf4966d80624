//! The `des-events` command-line tool: checks JSON Lines logs of bridge messages, prints
//! the code the schema macro generates, lists both event catalogs, prints its own shell
//! completions and man pages and (with the `sandbox` feature) serves a local page that
//! plays DES for a bank's web app. The logic lives in the `cli` modules; this file only
//! hands over the exit status.

mod cli;

fn main() -> std::process::ExitCode {
    cli::run()
}
