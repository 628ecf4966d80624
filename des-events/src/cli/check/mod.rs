//! `des-events check`: reads JSON Lines from files or stdin (gzip and zstd too), judges
//! every non-blank line under a receiver policy and reports one result per line
//! (human-readable or JSON), then a one-line tally on stderr and, with `--summary`, a
//! table of counts and of error, warning and protocol groups.
//!
//! The input is cut into blocks of whole lines ([`input`]); each block is judged and its
//! output written into a buffer ([`render`]); the buffers are written to stdout in input
//! order. With more than one job, blocks are judged on worker threads ([`pipeline`]);
//! with `--jobs 1` everything happens on the calling thread. With `--protocol`, the
//! writer also runs the conversation of each input ([`protocol`]), in input order, and
//! writes its findings after the lines they are about.

mod input;
mod pipeline;
mod progress;
mod protocol;
mod render;
mod summary;

use std::io::{self, Write};
use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::AtomicU64;

use des_events::Policy;
use des_events::protocol::Finding;

use super::{Status, warn, write_failed};
use input::{Input, Item, Reader};
use progress::Progress;
use protocol::Protocol;
use render::{Layout, Observation, Options};
use summary::Tally;

/// What the command line asked of `check`.
#[derive(Debug)]
pub struct Request<'a> {
    /// The inputs; none means stdin, and `-` is stdin.
    pub files: &'a [PathBuf],
    /// One JSON object per line (and a JSON summary).
    pub json: bool,
    /// Print the summary table (or object) at the end.
    pub summary: bool,
    /// Print only the results of invalid lines.
    pub only_invalid: bool,
    /// No progress bar and no tally line on stderr.
    pub quiet: bool,
    /// Threads that judge lines; `None` is every core.
    pub jobs: Option<NonZeroUsize>,
    /// The receiver policy lines are judged under.
    pub policy: Policy,
    /// Also run the request/reply check over each input.
    pub protocol: bool,
}

/// Runs the subcommand.
pub fn run(request: &Request<'_>) -> Status {
    let inputs = Input::all(request.files);
    let options = Options {
        json: request.json,
        only_invalid: request.only_invalid,
        policy: request.policy,
        protocol: request.protocol,
    };
    let layout = Layout::new(options, inputs.iter().map(|i| i.shown.clone()).collect());
    let total = inputs.iter().map(Input::size).sum::<Option<u64>>();
    let consumed = Arc::new(AtomicU64::new(0));
    let jobs = request
        .jobs
        .or_else(|| std::thread::available_parallelism().ok())
        .map_or(1, NonZeroUsize::get);
    let mut sink = Sink {
        out: io::stdout().lock(),
        tally: Tally::default(),
        progress: Progress::new(request.quiet, total, Arc::clone(&consumed)),
        shown: layout.shown().to_vec(),
        json: request.json,
        protocol: request.protocol.then(Protocol::default),
        scratch: Vec::new(),
    };
    let result = if jobs == 1 {
        serial(&inputs, &layout, consumed, &mut sink)
    } else {
        pipeline::run(inputs, layout, jobs, consumed, &mut sink)
    };
    let finished = result.and_then(|()| sink.finish());
    sink.progress.finish();
    let finished = finished.and_then(|()| {
        if request.summary {
            let report = sink.tally.report(&sink.shown, request.protocol);
            let text = if request.json {
                report.json()
            } else {
                report.table()
            };
            sink.out.write_all(text.as_bytes())?;
        }
        sink.out.flush()
    });
    if let Err(err) = finished {
        return write_failed(&err);
    }
    let tally = &sink.tally;
    if !request.quiet {
        warn(format_args!("{}", tally.line(request.protocol)));
    }
    if tally.unreadable > 0 {
        Status::Error
    } else if tally.invalid > 0 || tally.findings > 0 {
        Status::Invalid
    } else {
        Status::Ok
    }
}

/// Checks every input on this thread.
fn serial(
    inputs: &[Input],
    layout: &Layout,
    consumed: Arc<AtomicU64>,
    sink: &mut Sink<'_>,
) -> io::Result<()> {
    let mut reader = Reader::new(inputs, consumed);
    let mut buffer = Vec::new();
    let mut out = Vec::new();
    let mut observations = Vec::new();
    while let Some(item) = reader.next_item(std::mem::take(&mut buffer)) {
        match item {
            Item::Lines(block) => {
                out.clear();
                observations.clear();
                let tally = layout.check(&block, &mut out, &mut observations);
                sink.lines(block.input, &out, tally, &observations)?;
                buffer = block.bytes;
            }
            Item::Failed { input, error } => sink.failed(input, &error)?,
        }
    }
    Ok(())
}

/// Where results go, in input order: stdout, the totals, the progress bar and, with
/// `--protocol`, the conversation of the input being written.
struct Sink<'a> {
    out: io::StdoutLock<'a>,
    tally: Tally,
    progress: Progress,
    shown: Vec<String>,
    /// Findings as JSON.
    json: bool,
    /// `Some` with `--protocol`.
    protocol: Option<Protocol>,
    /// A block's results with its findings in between, reused.
    scratch: Vec<u8>,
}

impl Sink<'_> {
    /// Writes the results of a block of input `input` (with `--protocol`, observing its
    /// `observations` and writing each finding after its line) and counts its lines.
    fn lines(
        &mut self,
        input: usize,
        results: &[u8],
        tally: Tally,
        observations: &[Observation],
    ) -> io::Result<()> {
        let lines = tally.valid + tally.invalid + tally.blank;
        self.tally.merge(tally);
        let results = match self.protocol.as_mut() {
            None => results,
            Some(protocol) => {
                let out = &mut self.scratch;
                out.clear();
                if let Some((previous, findings)) = protocol.switch(input) {
                    self.tally
                        .findings(&self.shown, self.json, previous, &findings, out);
                }
                let mut written = 0;
                for observation in observations {
                    let end = observation.end.clamp(written, results.len());
                    out.extend_from_slice(&results[written..end]);
                    written = end;
                    let findings = protocol.observe(observation);
                    self.tally
                        .findings(&self.shown, self.json, input, &findings, out);
                }
                out.extend_from_slice(&results[written..]);
                &self.scratch
            }
        };
        let out = &mut self.out;
        if !results.is_empty() {
            self.progress.suspend(|| out.write_all(results))?;
        }
        self.progress.advance(lines);
        Ok(())
    }

    /// Reports an input that could not be read (to the end), and the findings at the
    /// end of what was read of it.
    fn failed(&mut self, input: usize, error: &io::Error) -> io::Result<()> {
        let shown = self.shown.get(input).map_or("", String::as_str);
        self.progress.suspend(|| {
            warn(format_args!("des-events: cannot read `{shown}`: {error}"));
        });
        self.tally.unreadable += 1;
        let ended = self.protocol.as_mut().and_then(|p| p.finish_input(input));
        self.ended(ended)
    }

    /// Writes the findings at the end of the last input (with `--protocol`).
    fn finish(&mut self) -> io::Result<()> {
        let ended = self.protocol.as_mut().and_then(Protocol::finish);
        self.ended(ended)
    }

    /// Writes and counts the end-of-input findings of an input.
    fn ended(&mut self, ended: Option<(usize, Vec<Finding>)>) -> io::Result<()> {
        let Some((input, findings)) = ended else {
            return Ok(());
        };
        let mut out = std::mem::take(&mut self.scratch);
        out.clear();
        self.tally
            .findings(&self.shown, self.json, input, &findings, &mut out);
        let result = if out.is_empty() {
            Ok(())
        } else {
            let stdout = &mut self.out;
            self.progress.suspend(|| stdout.write_all(&out))
        };
        self.scratch = out;
        result
    }
}

impl Tally {
    /// Writes `findings` about input `input` to `out` and counts them.
    fn findings(
        &mut self,
        shown: &[String],
        json: bool,
        input: usize,
        findings: &[Finding],
        out: &mut Vec<u8>,
    ) {
        let file = shown.get(input).map_or("", String::as_str);
        for finding in findings {
            render::finding(json, file, finding, out);
            self.finding(finding, input);
        }
    }
}
