//! How long `generate` takes on schemas of the shape of large real-world ones
//! (`des_events_codegen::synthetic::definitions`: hundreds of definitions that share
//! property names, nested objects, enums, patterns, `$ref` chains, `oneOf`/`anyOf` of
//! objects, colliding titles, validator-checked keywords), at 10 KB, 100 KB, 1 MB and
//! 4 MB, to see that the time grows linearly with the size (issue 23).
//!
//! - `generation/check`: a check-only request (load, model, check);
//! - `generation/expand`: the macro's request (the same, then the expansion with the
//!   conformance tests, and dropping the tokens).
//!
//! ```sh
//! cargo bench -p des-events-codegen --bench generation
//! # one size: cargo bench -p des-events-codegen --bench generation -- /1000KB
//! ```
//!
//! Throughput is in bytes of schema text, so criterion's "thrpt" column is the speed
//! (it stays about the same across sizes when generation is linear). Wall times swing
//! with the machine's load; `examples/profile.rs` (`profile 2000 large` under
//! `valgrind --tool=callgrind`) gives instruction counts that do not.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use des_events_codegen::{Request, Source, generate, synthetic};

/// Target sizes of the schema text, in KB (1,000 bytes).
const SIZES: [usize; 4] = [10, 100, 1_000, 4_000];

fn run(c: &mut Criterion, group: &str, request: impl Fn(&str) -> Request) {
    let mut group = c.benchmark_group(group);
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    for kilobytes in SIZES {
        let text = synthetic::definitions(kilobytes * 1_000);
        group.throughput(Throughput::Bytes(text.len() as u64));
        let id = BenchmarkId::from_parameter(format!("{kilobytes}KB"));
        group.bench_with_input(id, &text, |b, text| {
            b.iter(|| match generate(&request(black_box(text))) {
                Ok(generated) => black_box(generated),
                Err(err) => panic!("{err}"),
            });
        });
    }
    group.finish();
}

/// Load, model and check.
fn check(c: &mut Criterion) {
    run(c, "generation/check", |text| {
        Request::new(Source::text("large.json", text)).check_only()
    });
}

/// Load, model, check and expand.
fn expansion(c: &mut Criterion) {
    run(c, "generation/expand", |text| {
        Request::new(Source::text("large.json", text))
    });
}

criterion_group!(benches, check, expansion);
criterion_main!(benches);
