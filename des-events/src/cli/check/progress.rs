//! The progress bar of a long `check`: lines, bytes, rate, and the ETA when the total
//! size is known, drawn on stderr by indicatif. Only when stderr is a terminal and
//! `--quiet` is not given, and only once a run has lasted [`DELAY`], so that a short
//! run prints nothing more than before.

use std::io::IsTerminal as _;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long a run goes on before its bar appears.
const DELAY: Duration = Duration::from_millis(500);

/// Names a delay in milliseconds that replaces [`DELAY`] (the tests set it to 0).
const DELAY_VARIABLE: &str = "DES_EVENTS_PROGRESS_DELAY_MS";

/// The bar, once shown.
pub struct Progress {
    enabled: bool,
    delay: Duration,
    started: Instant,
    /// The raw input size, when every input is a regular file.
    total: Option<u64>,
    /// Raw bytes read so far.
    consumed: Arc<AtomicU64>,
    lines: u64,
    bar: Option<ProgressBar>,
}

impl Progress {
    /// A progress bar that may show up; `quiet` or a stderr that is not a terminal keeps
    /// it away.
    pub fn new(quiet: bool, total: Option<u64>, consumed: Arc<AtomicU64>) -> Self {
        let delay = std::env::var(DELAY_VARIABLE)
            .ok()
            .and_then(|text| text.parse().ok())
            .map_or(DELAY, Duration::from_millis);
        Progress {
            enabled: !quiet && std::io::stderr().is_terminal(),
            delay,
            started: Instant::now(),
            total,
            consumed,
            lines: 0,
            bar: None,
        }
    }

    /// Counts `lines` more lines checked and redraws (indicatif limits the rate).
    pub fn advance(&mut self, lines: usize) {
        self.lines += lines as u64;
        if !self.enabled {
            return;
        }
        if self.bar.is_none() && self.started.elapsed() >= self.delay {
            self.bar = Some(self.start());
        }
        if let Some(bar) = &self.bar {
            bar.set_position(self.consumed.load(Ordering::Relaxed));
            bar.set_message(format!("{} lines", self.lines));
        }
    }

    fn start(&self) -> ProgressBar {
        let (bar, template) = match self.total {
            Some(total) => (
                ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr()),
                "{elapsed_precise} [{wide_bar}] {bytes}/{total_bytes} {bytes_per_sec} ETA {eta} {msg}",
            ),
            None => (
                ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()),
                "{spinner} {elapsed_precise} {bytes} {bytes_per_sec} {msg}",
            ),
        };
        if let Ok(style) = ProgressStyle::with_template(template) {
            bar.set_style(style.progress_chars("=> "));
        }
        bar
    }

    /// Runs `write` with the bar hidden, so that output to the same terminal does not
    /// tear it.
    pub fn suspend<T>(&self, write: impl FnOnce() -> T) -> T {
        match &self.bar {
            Some(bar) => bar.suspend(write),
            None => write(),
        }
    }

    /// Removes the bar.
    pub fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}
