//! `check` on several threads, with output in input order and bounded memory.
//!
//! A reader thread cuts the inputs into blocks of whole lines ([`Reader`]), `jobs`
//! worker threads judge blocks and render their results into byte buffers, and the
//! calling thread writes the buffers in sequence order. Blocks are numbered as they are
//! read; a result that arrives early waits in a small reorder map.
//!
//! Memory is bounded by a fixed set of buffer pairs (input block, output) that circulate:
//! the reader takes a free pair before reading a block, and the writer hands the pair
//! back once the block's results are written. So at most [`in_flight`] blocks exist at
//! any time, whatever the size of the input and however unevenly the workers progress
//! (a block of slow invalid lines holds back the writer, not the memory). The buffers
//! are reused, so a run allocates no new block buffer after its first few blocks.
//!
//! Plain `std::thread` and `std::sync::mpsc` channels: the pipeline has three fixed
//! stages and needs ordering and back-pressure, which channels give directly, while a
//! work-stealing pool (rayon) would add a dependency and still need this ordering layer.
//! The threads are detached: when stdout fails (a closed pipe), the writer returns at
//! once and the process exits, even if the reader is blocked on a slow input.

use std::collections::BTreeMap;
use std::io;
use std::sync::atomic::AtomicU64;
use std::sync::mpsc::{self, Receiver, SyncSender};
use std::sync::{Arc, Mutex};

use super::Sink;
use super::input::{Input, Item, Reader};
use super::render::{Layout, Observation};
use super::summary::Tally;

/// How many blocks may be in flight (read, being judged, or waiting to be written):
/// two per worker keeps every worker busy while the writer catches up, plus two for the
/// reader and the writer.
fn in_flight(jobs: usize) -> usize {
    2 * jobs + 2
}

/// One block's buffers: the lines, then the results.
#[derive(Default)]
struct Buffers {
    lines: Vec<u8>,
    results: Vec<u8>,
}

/// A numbered item on its way from the reader to the writer.
struct Job {
    sequence: u64,
    item: Item,
    results: Vec<u8>,
    /// Set by the worker for a block of lines.
    tally: Option<Tally>,
    /// The lines for the protocol check (with `--protocol`).
    observations: Vec<Observation>,
}

/// Checks every input with `jobs` worker threads; returns when all results are written,
/// or at the first failed write.
pub fn run(
    inputs: Vec<Input>,
    layout: Layout,
    jobs: usize,
    consumed: Arc<AtomicU64>,
    sink: &mut Sink<'_>,
) -> io::Result<()> {
    let slots = in_flight(jobs);
    let (free_tx, free_rx) = mpsc::sync_channel::<Buffers>(slots);
    for _ in 0..slots {
        // The channel has room for every pair; it cannot be full or closed here.
        let _ = free_tx.send(Buffers::default());
    }
    let (work_tx, work_rx) = mpsc::sync_channel::<Job>(slots);
    let (done_tx, done_rx) = mpsc::channel::<Job>();

    std::thread::spawn(move || read(&inputs, consumed, &free_rx, &work_tx));
    let work_rx = Arc::new(Mutex::new(work_rx));
    let layout = Arc::new(layout);
    for _ in 0..jobs {
        let work_rx = Arc::clone(&work_rx);
        let done_tx = done_tx.clone();
        let layout = Arc::clone(&layout);
        std::thread::spawn(move || judge(&layout, &work_rx, &done_tx));
    }
    drop(done_tx);

    let mut waiting: BTreeMap<u64, Job> = BTreeMap::new();
    let mut next = 0;
    // Ends when the reader and every worker are done (all senders dropped).
    for job in done_rx {
        waiting.insert(job.sequence, job);
        while let Some(job) = waiting.remove(&next) {
            next += 1;
            let lines = match job.item {
                Item::Lines(block) => {
                    let tally = job.tally.unwrap_or_default();
                    sink.lines(block.input, &job.results, tally, &job.observations)?;
                    block.bytes
                }
                Item::Failed { input, error } => {
                    sink.failed(input, &error)?;
                    Vec::new()
                }
            };
            // The reader may have finished and dropped its end: nothing left to do then.
            let _ = free_tx.send(Buffers {
                lines,
                results: job.results,
            });
        }
    }
    if waiting.is_empty() {
        Ok(())
    } else {
        // Only if a worker thread died, which would be a bug.
        Err(io::Error::other(
            "a worker thread stopped early; the output is incomplete",
        ))
    }
}

/// The reader thread: numbers the items and hands them to the workers, one free buffer
/// pair each.
fn read(
    inputs: &[Input],
    consumed: Arc<AtomicU64>,
    free: &Receiver<Buffers>,
    work: &SyncSender<Job>,
) {
    let mut reader = Reader::new(inputs, consumed);
    let mut sequence = 0;
    // A closed channel means the writer stopped: stop reading.
    while let Ok(buffers) = free.recv() {
        let Some(item) = reader.next_item(buffers.lines) else {
            return;
        };
        let job = Job {
            sequence,
            item,
            results: buffers.results,
            tally: None,
            observations: Vec::new(),
        };
        if work.send(job).is_err() {
            return;
        }
        sequence += 1;
    }
}

/// A worker thread: judges blocks until the reader is done.
fn judge(layout: &Layout, work: &Mutex<Receiver<Job>>, done: &mpsc::Sender<Job>) {
    loop {
        // The lock is held only while waiting for a job; a poisoned lock still guards a
        // usable receiver.
        let job = match work.lock() {
            Ok(receiver) => receiver.recv(),
            Err(poisoned) => poisoned.into_inner().recv(),
        };
        let Ok(mut job) = job else {
            return;
        };
        if let Item::Lines(block) = &job.item {
            job.results.clear();
            job.tally = Some(layout.check(block, &mut job.results, &mut job.observations));
        }
        if done.send(job).is_err() {
            return;
        }
    }
}
