//! Decode and encode throughput of the generated types, side by side in one run with the
//! baselines the issue asks for: the same shapes hand-written with plain serde derives,
//! `serde_json::Value`, and `serde::de::IgnoredAny` (the floor: scanning the JSON).
//!
//! ```sh
//! cargo bench -p des-events --bench decode
//! # longer: ... --bench decode -- --measurement-time 10 --warm-up-time 3
//! # one group: ... --bench decode -- decode/message_first
//! # on a busy machine: interleaved rounds, best pass of each contender, and the ratios
//! DES_BENCH_INTERLEAVED=20000 cargo bench -p des-events --bench decode
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
//!
//! Criterion times each contender in its own few seconds, so on a shared machine whose
//! load changes from second to second its ratios can be off by 2x. With
//! `DES_BENCH_INTERLEAVED=<rounds>` the binary instead times one pass of every contender
//! in turn, round after round, and prints each one's fastest pass and the ratios: the
//! minimum over thousands of interleaved rounds is what the code costs when nothing
//! else runs, and it is stable to a few percent even under load.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group};
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

        for (name, pass) in DECODERS {
            group.bench_function(name, |b| b.iter(|| pass(&corpus)));
        }
        group.finish();
    }
}

/// The corpus decoded into the hand-written types.
fn handwritten_events(
    written: &Corpus,
) -> (
    Vec<handwritten::partner::PartnerEvent>,
    Vec<handwritten::des::DesEvent>,
) {
    fn decode<T: serde::de::DeserializeOwned>(documents: &[String]) -> Vec<T> {
        let parse = |document: &String| serde_json::from_str(document).expect("valid");
        documents.iter().map(parse).collect()
    }
    (decode(&written.partner), decode(&written.des))
}

fn encode(c: &mut Criterion) {
    let (partner, des) = events();
    let written = corpus(&partner, &des, Order::EventFirst);
    let (hand_partner, hand_des) = handwritten_events(&written);
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

/// One pass of a contender over the corpus.
type Pass = fn(&Corpus);

/// The decode contenders, in the order of the criterion groups.
const DECODERS: [(&str, Pass); 5] = [
    ("generated_from_json", |corpus| {
        for document in &corpus.partner {
            black_box(PartnerEvent::from_json(black_box(document)).expect("valid"));
        }
        for document in &corpus.des {
            black_box(DesEvent::from_json(black_box(document)).expect("valid"));
        }
    }),
    ("generated_serde_json", |corpus| {
        for document in &corpus.partner {
            black_box(serde_json::from_str::<PartnerEvent>(black_box(document)).expect("valid"));
        }
        for document in &corpus.des {
            black_box(serde_json::from_str::<DesEvent>(black_box(document)).expect("valid"));
        }
    }),
    ("handwritten_serde", |corpus| {
        for document in &corpus.partner {
            black_box(
                serde_json::from_str::<handwritten::partner::PartnerEvent>(black_box(document))
                    .expect("valid"),
            );
        }
        for document in &corpus.des {
            black_box(
                serde_json::from_str::<handwritten::des::DesEvent>(black_box(document))
                    .expect("valid"),
            );
        }
    }),
    ("serde_json_value", |corpus| {
        for document in corpus.partner.iter().chain(&corpus.des) {
            black_box(
                serde_json::from_str::<serde_json::Value>(black_box(document)).expect("valid"),
            );
        }
    }),
    ("ignored_any_floor", |corpus| {
        for document in corpus.partner.iter().chain(&corpus.des) {
            black_box(
                serde_json::from_str::<serde::de::IgnoredAny>(black_box(document)).expect("valid"),
            );
        }
    }),
];

/// `DES_BENCH_INTERLEAVED=<rounds>`: the fastest of `rounds` interleaved passes of each
/// decoder, per key order, with the ratios the issue asks about.
fn interleaved(rounds: usize) {
    let (partner, des) = events();
    for order in [Order::EventFirst, Order::MessageFirst] {
        let corpus = corpus(&partner, &des, order);
        let mut best = [Duration::MAX; DECODERS.len()];
        for _ in 0..rounds {
            for ((_, pass), best) in DECODERS.iter().zip(&mut best) {
                let start = std::time::Instant::now();
                pass(&corpus);
                *best = (*best).min(start.elapsed());
            }
        }
        println!(
            "decode/{} ({} bytes, best of {rounds} rounds)",
            order.name(),
            corpus.bytes()
        );
        let mib_per_s = |time: Duration| corpus.bytes() as f64 / time.as_secs_f64() / 1048576.0;
        for ((name, _), time) in DECODERS.iter().zip(&best) {
            println!(
                "  {name:<22} {:>9.2} µs {:>7.0} MiB/s",
                time.as_secs_f64() * 1e6,
                mib_per_s(*time)
            );
        }
        let ratio = |a: usize, b: usize| best[a].as_secs_f64() / best[b].as_secs_f64();
        println!("  generated/handwritten  {:.2}", ratio(0, 2));
        println!("  generated/ignored_any  {:.2}", ratio(0, 4));
        println!("  handwritten/ignored_any {:.2}", ratio(2, 4));
    }

    let (hand_partner, hand_des) = handwritten_events(&corpus(&partner, &des, Order::EventFirst));
    let mut best = [Duration::MAX; 2];
    for _ in 0..rounds {
        let start = std::time::Instant::now();
        for event in &partner {
            black_box(black_box(event).to_json());
        }
        for event in &des {
            black_box(black_box(event).to_json());
        }
        best[0] = best[0].min(start.elapsed());
        let start = std::time::Instant::now();
        for event in &hand_partner {
            black_box(serde_json::to_string(black_box(event)).expect("serializes"));
        }
        for event in &hand_des {
            black_box(serde_json::to_string(black_box(event)).expect("serializes"));
        }
        best[1] = best[1].min(start.elapsed());
    }
    println!("encode/event_first (best of {rounds} rounds)");
    println!(
        "  generated_to_json      {:>9.2} µs",
        best[0].as_secs_f64() * 1e6
    );
    println!(
        "  handwritten_serde      {:>9.2} µs",
        best[1].as_secs_f64() * 1e6
    );
    println!(
        "  generated/handwritten  {:.2}",
        best[0].as_secs_f64() / best[1].as_secs_f64()
    );
}

fn main() {
    if let Ok(rounds) = std::env::var("DES_BENCH_INTERLEAVED") {
        interleaved(
            rounds
                .parse()
                .expect("DES_BENCH_INTERLEAVED is a number of rounds"),
        );
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
