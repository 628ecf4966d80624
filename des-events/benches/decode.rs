//! Decode and encode throughput of the generated types, side by side in one run with the
//! baselines the issue asks for: the same shapes hand-written with plain serde derives,
//! `serde_json::Value`, and `serde::de::IgnoredAny` (the floor: scanning the JSON).
//!
//! ```sh
//! cargo bench -p des-events --bench decode
//! # longer: ... --bench decode -- --measurement-time 10 --warm-up-time 3
//! # one group: ... --bench decode -- decode/realistic/message_first
//! # on a busy machine: interleaved rounds, best pass of each contender, and the ratios
//! DES_BENCH_INTERLEAVED=20000 cargo bench -p des-events --bench decode
//! # a few passes of one contender, for a profiler (see `profile`)
//! DES_BENCH_PROFILE=generated_from_json,realistic,event_first,20 target/release/deps/decode-*
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
//! Two corpora, each written compactly as `to_json` writes it (`event` first) and again
//! with `message` first; one iteration decodes the whole corpus once:
//!
//! - `bench`: every line of `samples/messages.jsonl` plus every `examples` entry of both
//!   bundled schemas (partner and DES events mixed), 48 documents;
//! - `realistic`: 4,000 documents generated at start-up (never stored) from the same
//!   examples with varied values: fresh UUIDs (some upper-case), free text of varied
//!   length with some non-ASCII letters and a few JSON escapes, amounts, dates and
//!   telemetry payloads. Each varied value is kept only if the document stays valid,
//!   so the corpus is valid by construction and deterministic (a fixed seed).
//!
//! `generated_tolerant` reads the same corpora under `Policy::Tolerant` (valid documents:
//! the strict fast path and nothing more). The group `decode/deviant/event_first` adds
//! one unknown field to every `realistic` message and times strict (the precise error)
//! against tolerant (the value and its warning).
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
use des_events::des::DesEvent;
use des_events::partner::PartnerEvent;
use des_events::{EventUnion, Policy};

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

/// Which documents a run decodes.
#[derive(Clone, Copy)]
enum Source {
    /// The sample lines and schema examples, as they are.
    Bench,
    /// Documents generated from them with varied values.
    Realistic,
}

impl Source {
    const ALL: [Source; 2] = [Source::Bench, Source::Realistic];

    fn name(self) -> &'static str {
        match self {
            Source::Bench => "bench",
            Source::Realistic => "realistic",
        }
    }

    /// The events of both directions.
    fn events(self) -> (Vec<PartnerEvent>, Vec<DesEvent>) {
        match self {
            Source::Bench => events(),
            Source::Realistic => realistic_events(REALISTIC_DOCUMENTS),
        }
    }
}

/// How many documents the realistic corpus has.
const REALISTIC_DOCUMENTS: usize = 4000;

/// Every sample line and schema example, as JSON values.
fn documents() -> Vec<serde_json::Value> {
    let mut documents: Vec<serde_json::Value> = Vec::new();
    let samples = std::fs::read_to_string(root().join("samples/messages.jsonl"))
        .expect("samples/messages.jsonl is readable");
    documents.extend(
        samples
            .lines()
            .filter(|line| !line.trim().is_empty())
            .map(|line| serde_json::from_str(line).expect("a sample line is JSON")),
    );
    for schema in [
        "schema/partner-events.schema.json",
        "schema/des-events.schema.json",
    ] {
        let text = std::fs::read_to_string(root().join(schema)).expect("the schema is readable");
        let schema: serde_json::Value = serde_json::from_str(&text).expect("the schema is JSON");
        for branch in schema["oneOf"].as_array().expect("an event union") {
            documents.extend(branch["examples"].as_array().into_iter().flatten().cloned());
        }
    }
    documents
}

/// Every sample line and schema example, as parsed values of both directions.
fn events() -> (Vec<PartnerEvent>, Vec<DesEvent>) {
    let (mut partner, mut des) = (Vec::new(), Vec::new());
    for document in documents() {
        let document = document.to_string();
        if let Ok(event) = PartnerEvent::from_json(&document) {
            partner.push(event);
        } else {
            des.push(
                DesEvent::from_json(&document).unwrap_or_else(|err| {
                    panic!("a benchmark document is valid: {err}\n{document}")
                }),
            );
        }
    }
    (partner, des)
}

/// `count` documents made from the samples and examples by varying their values; a
/// varied value is kept only if the document stays valid for its direction.
fn realistic_events(count: usize) -> (Vec<PartnerEvent>, Vec<DesEvent>) {
    let examples = documents();
    let mut rng = Rng(0x00de_5e7e_c0de_5eed);
    let (mut partner, mut des) = (Vec::new(), Vec::new());
    for _ in 0..count {
        let index = rng.below(examples.len() as u64) as usize;
        let mut document = examples[index].clone();
        let is_partner = PartnerEvent::from_json(&document.to_string()).is_ok();
        let valid = |document: &serde_json::Value| {
            let text = document.to_string();
            if is_partner {
                PartnerEvent::from_json(&text).is_ok()
            } else {
                DesEvent::from_json(&text).is_ok()
            }
        };
        let mut leaves = Vec::new();
        leaf_pointers(&document["message"], "/message".to_owned(), &mut leaves);
        for pointer in leaves {
            let Some(slot) = document.pointer_mut(&pointer) else {
                continue;
            };
            let key = pointer.rsplit('/').next().unwrap_or_default();
            let varied = vary(key, slot, &mut rng);
            let old = std::mem::replace(slot, varied);
            if !valid(&document) {
                *document.pointer_mut(&pointer).expect("still there") = old;
            }
        }
        let text = document.to_string();
        if is_partner {
            partner.push(PartnerEvent::from_json(&text).expect("kept valid"));
        } else {
            des.push(DesEvent::from_json(&text).expect("kept valid"));
        }
    }
    (partner, des)
}

/// The JSON Pointers of the strings, numbers and telemetry payloads under `value`.
fn leaf_pointers(value: &serde_json::Value, at: String, out: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) if !at.ends_with("/payload") => {
            for (key, value) in map {
                leaf_pointers(value, format!("{at}/{key}"), out);
            }
        }
        serde_json::Value::Array(_) | serde_json::Value::Null | serde_json::Value::Bool(_) => {}
        _ => out.push(at),
    }
}

/// A varied value for member `key` in place of `old`.
fn vary(key: &str, old: &serde_json::Value, rng: &mut Rng) -> serde_json::Value {
    use serde_json::Value;
    const WORDS: [&str; 16] = [
        "save", "together", "for", "our", "summer", "trip", "the", "new", "bike", "rainy", "day",
        "fund", "wedding", "car", "house", "deposit",
    ];
    const NON_ASCII: [&str; 6] = [
        "sparmål",
        "Semester på Åland",
        "bröllop",
        "Ölands",
        "café",
        "€",
    ];
    const ESCAPES: [&str; 4] = ["\"quoted\"", "line\nbreak", "tab\there", "back\\slash"];
    match old {
        Value::Number(number) if number.is_i64() || number.is_u64() => {
            Value::from(rng.below(10_000_000))
        }
        Value::Number(_) => Value::from(rng.below(10_000_000) as f64 / 100.0 + 0.25),
        Value::Object(_) => {
            // A telemetry payload: a few keys with strings, numbers and booleans.
            let mut payload = serde_json::Map::new();
            for index in 0..rng.below(5) {
                let value = match rng.below(3) {
                    0 => Value::from(format!(
                        "{}-{}",
                        WORDS[rng.below(16) as usize],
                        rng.below(1000)
                    )),
                    1 => Value::from(rng.below(100_000)),
                    _ => Value::from(rng.below(2) == 0),
                };
                payload.insert(format!("{}{index}", WORDS[rng.below(16) as usize]), value);
            }
            Value::Object(payload)
        }
        Value::String(text) if text.len() == 36 && text.matches('-').count() == 4 => {
            let id = rng.uuid();
            Value::from(if rng.below(10) == 0 {
                id.to_uppercase()
            } else {
                id
            })
        }
        // `"type": "dream"` and `"type": "user"` name the object: kept as they are.
        Value::String(_) if key == "type" => old.clone(),
        Value::String(_) if key == "target_date" => Value::from(format!(
            "20{:02}-{:02}-{:02}",
            26 + rng.below(20),
            1 + rng.below(12),
            1 + rng.below(28)
        )),
        Value::String(_) if key == "currency" => {
            Value::from(["SEK", "EUR", "NOK", "DKK", "USD"][rng.below(5) as usize])
        }
        Value::String(_) if key == "idToken" => {
            let mut token = String::from("eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.");
            let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
            for index in 0..300 + rng.below(600) {
                if index == 250 {
                    token.push('.');
                }
                token.push(char::from(alphabet[rng.below(64) as usize]));
            }
            Value::from(token)
        }
        Value::String(text)
            if key.ends_with("Url")
                || key.ends_with("Path")
                || key == "location"
                || key == "url" =>
        {
            if text.is_empty() && rng.below(2) == 0 {
                return Value::from("");
            }
            let path = format!(
                "/{}/{}/{}",
                WORDS[rng.below(16) as usize],
                rng.uuid(),
                WORDS[rng.below(16) as usize]
            );
            Value::from(if text.starts_with('/') {
                path
            } else {
                format!(
                    "https://des.example-bank.com{path}?session={}",
                    rng.below(1 << 40)
                )
            })
        }
        Value::String(text) if text.bytes().any(|b| b.is_ascii_digit()) => {
            // An id such as `inv-acc-0042-7781`: the same shape, other digits.
            let digits = text.chars().map(|c| {
                if c.is_ascii_digit() {
                    char::from(b'0' + rng.below(10) as u8)
                } else {
                    c
                }
            });
            Value::from(digits.collect::<String>())
        }
        Value::String(_) => {
            // Free text: a few words, sometimes non-ASCII, now and then an escape.
            let mut words = Vec::new();
            for _ in 0..1 + rng.below(12) {
                words.push(match rng.below(100) {
                    0..4 => ESCAPES[rng.below(4) as usize],
                    4..20 => NON_ASCII[rng.below(6) as usize],
                    _ => WORDS[rng.below(16) as usize],
                });
            }
            Value::from(words.join(" "))
        }
        other => other.clone(),
    }
}

/// A small deterministic generator (SplitMix64): the corpus is the same in every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..bound`.
    fn below(&mut self, bound: u64) -> u64 {
        self.next() % bound
    }

    /// A random version-4 UUID, lower-case.
    fn uuid(&mut self) -> String {
        let (high, low) = (self.next(), self.next());
        format!(
            "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
            high >> 32,
            (high >> 16) & 0xffff,
            high & 0xfff,
            0x8000 | ((low >> 48) & 0x3fff),
            low & 0xffff_ffff_ffff
        )
    }
}

fn corpus(partner: &[PartnerEvent], des: &[DesEvent], order: Order) -> Corpus {
    Corpus {
        partner: partner.iter().map(|event| order.write(event)).collect(),
        des: des.iter().map(|event| order.write(event)).collect(),
    }
}

fn decode(c: &mut Criterion) {
    for source in Source::ALL {
        let (partner, des) = source.events();
        for order in [Order::EventFirst, Order::MessageFirst] {
            let corpus = corpus(&partner, &des, order);
            let name = format!("decode/{}/{}", source.name(), order.name());
            let mut group = c.benchmark_group(name);
            group.throughput(Throughput::Bytes(corpus.bytes()));
            for (name, pass) in DECODERS {
                group.bench_function(name, |b| b.iter(|| pass(&corpus)));
            }
            group.finish();
        }
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
    targets = decode, encode, tolerant
}

/// One pass of a contender over the corpus.
type Pass = fn(&Corpus);

/// The decode contenders, in the order of the criterion groups.
const DECODERS: [(&str, Pass); 6] = [
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
    // The tolerant policy on valid documents: the strict fast path, nothing more.
    ("generated_tolerant", |corpus| {
        for document in &corpus.partner {
            black_box(
                PartnerEvent::from_json_with(black_box(document), Policy::Tolerant)
                    .expect("valid")
                    .into_value(),
            );
        }
        for document in &corpus.des {
            black_box(
                DesEvent::from_json_with(black_box(document), Policy::Tolerant)
                    .expect("valid")
                    .into_value(),
            );
        }
    }),
];

/// The `realistic` corpus with one unknown field in every message (the deployed SDK's
/// kind of deviation): what strict rejects and tolerant reads, with a warning.
fn deviant(corpus: &Corpus) -> Corpus {
    let add = |documents: &[String]| -> Vec<String> {
        documents
            .iter()
            .map(|document| {
                let mut value: serde_json::Value =
                    serde_json::from_str(document).expect("valid JSON");
                if let Some(serde_json::Value::Object(message)) = value.get_mut("message") {
                    message.insert("sdkExtra".to_owned(), serde_json::json!("/callback"));
                }
                value.to_string()
            })
            .collect()
    };
    Corpus {
        partner: add(&corpus.partner),
        des: add(&corpus.des),
    }
}

/// Strict (the error, with its path) against tolerant (the value and its warning) on
/// the deviant corpus.
fn tolerant(c: &mut Criterion) {
    let (partner, des) = Source::Realistic.events();
    let corpus = deviant(&corpus(&partner, &des, Order::EventFirst));
    let mut group = c.benchmark_group("decode/deviant/event_first");
    group.throughput(Throughput::Bytes(corpus.bytes()));
    group.bench_function("strict_error", |b| {
        b.iter(|| {
            for document in &corpus.partner {
                black_box(PartnerEvent::from_json(black_box(document)).is_err());
            }
            for document in &corpus.des {
                black_box(DesEvent::from_json(black_box(document)).is_err());
            }
        })
    });
    group.bench_function("tolerant_with_warning", |b| {
        b.iter(|| {
            for document in &corpus.partner {
                let decoded = PartnerEvent::from_json_with(black_box(document), Policy::Tolerant);
                black_box(decoded.map(|decoded| decoded.into_parts()).is_ok());
            }
            for document in &corpus.des {
                let decoded = DesEvent::from_json_with(black_box(document), Policy::Tolerant);
                black_box(decoded.map(|decoded| decoded.into_parts()).is_ok());
            }
        })
    });
    group.finish();
}

/// `DES_BENCH_INTERLEAVED=<rounds>`: the fastest of `rounds` interleaved passes of each
/// decoder, per corpus and key order, with the ratios the issue asks about.
fn interleaved(rounds: usize) {
    for source in Source::ALL {
        let (partner, des) = source.events();
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
                "decode/{}/{} ({} documents, {} bytes, best of {rounds} rounds)",
                source.name(),
                order.name(),
                corpus.partner.len() + corpus.des.len(),
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
            println!("  generated/handwritten  {:.2} (time)", ratio(0, 2));
            println!("  generated/ignored_any  {:.2} (time)", ratio(0, 4));
            println!("  handwritten/ignored_any {:.2} (time)", ratio(2, 4));
            println!("  tolerant/strict        {:.2} (time)", ratio(5, 0));
        }
    }

    let (partner, des) = events();
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

/// `DES_BENCH_PROFILE=<decoder>,<corpus>,<order>,<passes>`: only `passes` passes of one
/// decoder over one corpus, for a profiler, e.g.
/// `DES_BENCH_PROFILE=generated_from_json,realistic,event_first,20 valgrind
/// --tool=callgrind --toggle-collect=decode::profiled target/release/deps/decode-*`.
fn profile(spec: &str) {
    let parts: Vec<&str> = spec.split(',').collect();
    let [decoder, source, order, passes] = parts[..] else {
        panic!("DES_BENCH_PROFILE=<decoder>,<corpus>,<order>,<passes>");
    };
    let (_, pass) = DECODERS
        .iter()
        .find(|(name, _)| *name == decoder)
        .expect("a decoder name");
    let source = Source::ALL
        .into_iter()
        .find(|known| known.name() == source)
        .expect("a corpus: bench or realistic");
    let order = match order {
        "event_first" => Order::EventFirst,
        "message_first" => Order::MessageFirst,
        other => panic!("unknown order {other}"),
    };
    let (partner, des) = source.events();
    let corpus = corpus(&partner, &des, order);
    profiled(*pass, &corpus, passes.parse().expect("a number of passes"));
}

/// The profiled part alone, for `valgrind --toggle-collect=decode::profiled`.
#[inline(never)]
fn profiled(pass: Pass, corpus: &Corpus, passes: usize) {
    for _ in 0..passes {
        pass(black_box(corpus));
    }
}

fn main() {
    if let Ok(spec) = std::env::var("DES_BENCH_PROFILE") {
        profile(&spec);
        return;
    }
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
