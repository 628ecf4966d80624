//! How long the macro's work takes on synthetic schemas of 100, 1,000 and 5,000 events,
//! to see how it grows. Two groups, so that the split is visible:
//!
//! - `model`: `generate` of a check-only request (load, model, check: every stage but
//!   the expansion);
//! - `expand`: `generate` of the macro's request (the same, then the expansion to tokens,
//!   with the conformance tests, and dropping them). `expand` less `model` is the
//!   expansion alone.
//!
//! ```sh
//! cargo bench -p des-events-codegen --bench expand
//! # one size: cargo bench -p des-events-codegen --bench expand -- /1000
//! ```
//!
//! Wall times swing with the machine's load; `examples/profile.rs` under
//! `valgrind --tool=callgrind` gives instruction counts that do not.
//!
//! criterion, like the runtime benchmarks in `des-events/benches`, so that both report
//! the same way.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use des_events_codegen::{Request, Source, generate, synthetic};

const SIZES: [usize; 3] = [100, 1_000, 5_000];

fn run(c: &mut Criterion, group: &str, request: impl Fn(&str) -> Request) {
    let mut group = c.benchmark_group(group);
    group.sample_size(10);
    for events in SIZES {
        let text = synthetic::event_union(events);
        group.throughput(Throughput::Elements(events as u64));
        group.bench_with_input(BenchmarkId::from_parameter(events), &text, |b, text| {
            b.iter(|| match generate(&request(black_box(text))) {
                Ok(generated) => black_box(generated),
                Err(err) => panic!("{err}"),
            });
        });
    }
    group.finish();
}

/// Load, model and check.
fn model(c: &mut Criterion) {
    run(c, "model", |text| {
        Request::new(Source::text("synthetic.json", text)).check_only()
    });
}

/// Load, model, check and expand.
fn expansion(c: &mut Criterion) {
    run(c, "expand", |text| {
        Request::new(Source::text("synthetic.json", text))
    });
}

criterion_group!(benches, model, expansion);
criterion_main!(benches);
