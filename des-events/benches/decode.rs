//! Decode and encode throughput of the generated types, side by side in one run with the
//! baselines the issue asks for: the same shapes hand-written with plain serde derives,
//! `serde_json::Value`, and `serde::de::IgnoredAny` (the floor: scanning the JSON).
//!
//! ```sh
//! CARGO_TARGET_DIR=/work/target-perf cargo bench -p des-events --bench decode
//! # shorter: ... --bench decode -- --measurement-time 3 --warm-up-time 1
//! # one group: ... --bench decode -- decode/message_first
//! ```
//!
//! Why criterion (0.8) and not divan: criterion's `Throughput::Bytes` turns every result
//! into MiB/s over the same corpus, so decoders that read the same bytes compare
//! directly; its benchmark groups print the contenders of one key order next to each
//! other; and it runs on stable with `harness = false` and no extra tooling. Divan's
//! `BytesCount` would do as well, but its per-function layout makes a side-by-side table
//! per key order more work to read. The default features (rayon, plotters) are off: they
//! only draw HTML reports, and the dev-dependency is compiled by every `cargo test`.
//!
//! The corpus is every line of `samples/messages.jsonl` plus every `examples` entry of
//! both bundled schemas (partner and DES events mixed), written compactly as `to_json`
//! writes them (`event` first) and again with `message` first. One iteration decodes the
//! whole corpus once.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use des_events::EventUnion;
use des_events::des::DesEvent;
use des_events::partner::PartnerEvent;

mod handwritten;

/// Where `event` stands in the envelope.
#[derive(Clone, Copy)]
enum Order {
    EventFirst,
    MessageFirst,
}

impl Order {
    fn name(self) -> &'static str {
        match self {
            Order::EventFirst => "event_first",
            Order::MessageFirst => "message_first",
        }
    }

    /// The envelope of `event` in this key order.
    fn write<T: EventUnion>(self, event: &T) -> String {
        match self {
            Order::EventFirst => event.to_json(),
            Order::MessageFirst => format!(
                "{{\"message\":{},\"event\":{}}}",
                event.message_json(),
                serde_json::to_string(event.event_name()).expect("a string serializes")
            ),
        }
    }
}

/// The documents of both directions, in one key order.
struct Corpus {
    partner: Vec<String>,
    des: Vec<String>,
}

impl Corpus {
    fn bytes(&self) -> u64 {
        self.partner
            .iter()
            .chain(&self.des)
            .map(|d| d.len() as u64)
            .sum()
    }
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("des-events lives inside the workspace")
        .to_path_buf()
}

/// Every sample line and schema example, as parsed values of both directions.
fn events() -> (Vec<PartnerEvent>, Vec<DesEvent>) {
    let mut documents: Vec<String> = Vec::new();
    let samples = std::fs::read_to_string(root().join("samples/messages.jsonl"))
        .expect("samples/messages.jsonl is readable");
    documents.extend(
        samples
            .lines()
            .filter(|line| !line.trim().is_empty())
            .map(str::to_owned),
    );
    for schema in [
        "schema/partner-events.schema.json",
        "schema/des-events.schema.json",
    ] {
        let text = std::fs::read_to_string(root().join(schema)).expect("the schema is readable");
        let schema: serde_json::Value = serde_json::from_str(&text).expect("the schema is JSON");
        for branch in schema["oneOf"].as_array().expect("an event union") {
            for example in branch["examples"].as_array().into_iter().flatten() {
                documents.push(example.to_string());
            }
        }
    }
    let (mut partner, mut des) = (Vec::new(), Vec::new());
    for document in &documents {
        if let Ok(event) = PartnerEvent::from_json(document) {
            partner.push(event);
        } else {
            des.push(
                DesEvent::from_json(document).unwrap_or_else(|err| {
                    panic!("a benchmark document is valid: {err}\n{document}")
                }),
            );
        }
    }
    (partner, des)
}

fn corpus(partner: &[PartnerEvent], des: &[DesEvent], order: Order) -> Corpus {
    Corpus {
        partner: partner.iter().map(|event| order.write(event)).collect(),
        des: des.iter().map(|event| order.write(event)).collect(),
    }
}

fn decode(c: &mut Criterion) {
    let (partner, des) = events();
    for order in [Order::EventFirst, Order::MessageFirst] {
        let corpus = corpus(&partner, &des, order);
        let mut group = c.benchmark_group(format!("decode/{}", order.name()));
        group.throughput(Throughput::Bytes(corpus.bytes()));

        group.bench_function("generated_from_json", |b| {
            b.iter(|| {
                for document in &corpus.partner {
                    black_box(PartnerEvent::from_json(black_box(document)).expect("valid"));
                }
                for document in &corpus.des {
                    black_box(DesEvent::from_json(black_box(document)).expect("valid"));
                }
            })
        });
        group.bench_function("generated_serde_json", |b| {
            b.iter(|| {
                for document in &corpus.partner {
                    black_box(
                        serde_json::from_str::<PartnerEvent>(black_box(document)).expect("valid"),
                    );
                }
                for document in &corpus.des {
                    black_box(
                        serde_json::from_str::<DesEvent>(black_box(document)).expect("valid"),
                    );
                }
            })
        });
        group.bench_function("handwritten_serde", |b| {
            b.iter(|| {
                for document in &corpus.partner {
                    black_box(
                        serde_json::from_str::<handwritten::partner::PartnerEvent>(black_box(
                            document,
                        ))
                        .expect("valid"),
                    );
                }
                for document in &corpus.des {
                    black_box(
                        serde_json::from_str::<handwritten::des::DesEvent>(black_box(document))
                            .expect("valid"),
                    );
                }
            })
        });
        group.bench_function("serde_json_value", |b| {
            b.iter(|| {
                for document in corpus.partner.iter().chain(&corpus.des) {
                    black_box(
                        serde_json::from_str::<serde_json::Value>(black_box(document))
                            .expect("valid"),
                    );
                }
            })
        });
        group.bench_function("ignored_any_floor", |b| {
            b.iter(|| {
                for document in corpus.partner.iter().chain(&corpus.des) {
                    black_box(
                        serde_json::from_str::<serde::de::IgnoredAny>(black_box(document))
                            .expect("valid"),
                    );
                }
            })
        });
        group.finish();
    }
}

fn encode(c: &mut Criterion) {
    let (partner, des) = events();
    let written = corpus(&partner, &des, Order::EventFirst);
    let hand_partner: Vec<handwritten::partner::PartnerEvent> = written
        .partner
        .iter()
        .map(|document| serde_json::from_str(document).expect("valid"))
        .collect();
    let hand_des: Vec<handwritten::des::DesEvent> = written
        .des
        .iter()
        .map(|document| serde_json::from_str(document).expect("valid"))
        .collect();
    // Both write the same bytes: the hand-written field order follows the schema's.
    for (event, hand) in partner.iter().zip(&hand_partner) {
        assert_eq!(
            event.to_json(),
            serde_json::to_string(hand).expect("serializes")
        );
    }
    for (event, hand) in des.iter().zip(&hand_des) {
        assert_eq!(
            event.to_json(),
            serde_json::to_string(hand).expect("serializes")
        );
    }

    let mut group = c.benchmark_group("encode/event_first");
    group.throughput(Throughput::Bytes(written.bytes()));
    group.bench_function("generated_to_json", |b| {
        b.iter(|| {
            for event in &partner {
                black_box(black_box(event).to_json());
            }
            for event in &des {
                black_box(black_box(event).to_json());
            }
        })
    });
    group.bench_function("handwritten_serde", |b| {
        b.iter(|| {
            for event in &hand_partner {
                black_box(serde_json::to_string(black_box(event)).expect("serializes"));
            }
            for event in &hand_des {
                black_box(serde_json::to_string(black_box(event)).expect("serializes"));
            }
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    // Short by default so that a full run takes about a minute on a small machine;
    // `-- --measurement-time 10` on the command line overrides it.
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = decode, encode
}
criterion_main!(benches);
