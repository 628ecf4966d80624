//! How long the macro's work takes (`generate`: load, model, check, expand to tokens)
//! on synthetic schemas of 100, 1,000 and 5,000 events, to see how it grows.
//!
//! ```sh
//! cargo bench -p des-events-codegen --bench expand
//! # quicker: cargo bench -p des-events-codegen --bench expand -- --sample-size 10
//! ```
//!
//! criterion, like the runtime benchmarks in `des-events/benches`, so that both report
//! the same way. Expansion includes the conformance tests (the macro's default).

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use des_events_codegen::{Request, Source, generate, synthetic};

fn expansion(c: &mut Criterion) {
    let mut group = c.benchmark_group("expand");
    group.sample_size(10);
    for events in [100usize, 1_000, 5_000] {
        let text = synthetic::event_union(events);
        group.throughput(Throughput::Elements(events as u64));
        group.bench_with_input(BenchmarkId::from_parameter(events), &text, |b, text| {
            b.iter(|| {
                let request =
                    Request::new(Source::text("synthetic.json", black_box(text).as_str()));
                match generate(&request) {
                    Ok(generated) => black_box(generated),
                    Err(err) => panic!("{err}"),
                }
            });
        });
    }
    group.finish();
}

criterion_group!(benches, expansion);
criterion_main!(benches);
