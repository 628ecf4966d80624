//! `des-events check`: reads JSON Lines from files or stdin (gzip and zstd too), judges
//! every non-blank line and reports one result per line (human-readable or JSON), then
//! a one-line tally on stderr and, with `--summary`, a table of counts and error groups.
//!
//! The input is cut into blocks of whole lines ([`input`]); each block is judged and its
//! output written into a buffer ([`render`]); the buffers are written to stdout in input
//! order. With more than one job, blocks are judged on worker threads ([`pipeline`]);
//! with `--jobs 1` everything happens on the calling thread.

mod input;
mod pipeline;
mod progress;
mod render;
mod summary;

use std::io::{self, Write};
use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::AtomicU64;

use super::{Status, warn, write_failed};
use input::{Input, Item, Reader};
use progress::Progress;
use render::{Layout, Options};
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
}

/// Runs the subcommand.
pub fn run(request: &Request<'_>) -> Status {
    let inputs = Input::all(request.files);
    let options = Options {
        json: request.json,
        only_invalid: request.only_invalid,
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
    };
    let result = if jobs == 1 {
        serial(&inputs, &layout, consumed, &mut sink)
    } else {
        pipeline::run(inputs, layout, jobs, consumed, &mut sink)
    };
    sink.progress.finish();
    let finished = result.and_then(|()| {
        if request.summary {
            let report = sink.tally.report(&sink.shown);
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
        warn(format_args!("{}", tally.line()));
    }
    if tally.unreadable > 0 {
        Status::Error
    } else if tally.invalid > 0 {
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
    while let Some(item) = reader.next_item(std::mem::take(&mut buffer)) {
        match item {
            Item::Lines(block) => {
                out.clear();
                let tally = layout.check(&block, &mut out);
                sink.lines(&out, tally)?;
                buffer = block.bytes;
            }
            Item::Failed { input, error } => sink.failed(input, &error),
        }
    }
    Ok(())
}

/// Where results go, in input order: stdout, the totals and the progress bar.
struct Sink<'a> {
    out: io::StdoutLock<'a>,
    tally: Tally,
    progress: Progress,
    shown: Vec<String>,
}

impl Sink<'_> {
    /// Writes the results of a block and counts its lines.
    fn lines(&mut self, results: &[u8], tally: Tally) -> io::Result<()> {
        let out = &mut self.out;
        if !results.is_empty() {
            self.progress.suspend(|| out.write_all(results))?;
        }
        let lines = tally.valid + tally.invalid + tally.blank;
        self.tally.merge(tally);
        self.progress.advance(lines);
        Ok(())
    }

    /// Reports an input that could not be read (to the end).
    fn failed(&mut self, input: usize, error: &io::Error) {
        let shown = self.shown.get(input).map_or("", String::as_str);
        self.progress.suspend(|| {
            warn(format_args!("des-events: cannot read `{shown}`: {error}"));
        });
        self.tally.unreadable += 1;
    }
}
