//! The obvious alternative to `des-events check`, kept as the benchmark's baseline: read
//! each line of the files named on the command line (or stdin), parse it to a
//! `serde_json::Value`, and validate it with the `jsonschema` crate (draft 2020-12,
//! formats on) against both bundled schemas, partner first. Prints one line per
//! non-blank input line (`FILE:N: ok` or `FILE:N: invalid`) through a buffered stdout,
//! and the counts on stderr. Single-threaded, as a 30-line program would be.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::process::ExitCode;

const PARTNER: &str = include_str!("../../../des-events/schema/partner-events.schema.json");
const DES: &str = include_str!("../../../des-events/schema/des-events.schema.json");

fn validator(text: &str) -> Result<jsonschema::Validator, String> {
    let schema: serde_json::Value = serde_json::from_str(text).map_err(|err| err.to_string())?;
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .build(&schema)
        .map_err(|err| err.to_string())
}

fn main() -> ExitCode {
    match run() {
        Ok(0) => ExitCode::SUCCESS,
        Ok(_) => ExitCode::from(1),
        Err(err) => {
            eprintln!("jsonschema-check: {err}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<usize, String> {
    let validators = [validator(PARTNER)?, validator(DES)?];
    let files: Vec<String> = std::env::args().skip(1).collect();
    let files = if files.is_empty() {
        vec!["-".to_owned()]
    } else {
        files
    };
    let mut out = BufWriter::with_capacity(1 << 16, io::stdout().lock());
    let (mut valid, mut invalid) = (0usize, 0usize);
    for file in &files {
        let input: Box<dyn BufRead> = if file == "-" {
            Box::new(io::stdin().lock())
        } else {
            let opened = File::open(file).map_err(|err| format!("{file}: {err}"))?;
            Box::new(BufReader::with_capacity(1 << 16, opened))
        };
        for (index, line) in input.lines().enumerate() {
            let line = line.map_err(|err| format!("{file}: {err}"))?;
            if line.trim().is_empty() {
                continue;
            }
            let ok = serde_json::from_str::<serde_json::Value>(&line)
                .is_ok_and(|value| validators.iter().any(|v| v.is_valid(&value)));
            let verdict = if ok { "ok" } else { "invalid" };
            writeln!(out, "{file}:{}: {verdict}", index + 1).map_err(|err| err.to_string())?;
            if ok { valid += 1 } else { invalid += 1 }
        }
    }
    out.flush().map_err(|err| err.to_string())?;
    eprintln!(
        "{} lines: {valid} valid, {invalid} invalid",
        valid + invalid
    );
    Ok(invalid)
}
