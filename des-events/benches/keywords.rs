//! Decoding schemas with validation-only keywords, next to the `jsonschema` crate
//! validating the same documents. Parsing is included for both: ours is
//! `<Type>::from_json(text)`, theirs `serde_json::from_str::<Value>(text)` then
//! `is_valid`. `cargo bench -p des-events --bench keywords`.
//!
//! - `keywords`: `patternProperties`, `unevaluatedProperties` and `if`/`then`, a typed
//!   struct that the validator checks whole first;
//! - `patterns`: one `patternProperties` pattern on a closed object, a typed map routed
//!   in the same read (no validator pass).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

mod generated {
    des_events::include_schema!("benches/schemas/keywords.schema.json", tests = false);
}

mod patterns {
    des_events::include_schema!("benches/schemas/patterns.schema.json", tests = false);
}

/// 1,000 documents, about nine in ten valid, with varied values.
fn corpus() -> Vec<String> {
    let mut out = Vec::new();
    for index in 0..1000u32 {
        let kind = if index % 3 == 0 {
            "humidity"
        } else {
            "temperature"
        };
        let unit = match index % 10 {
            0 => String::new(),               // temperature without unit: invalid
            1 => r#","unit":"K""#.to_owned(), // not C or F for a temperature: invalid
            _ if kind == "temperature" => r#","unit":"C""#.to_owned(),
            _ => String::new(),
        };
        let labels: String = (0..index % 4)
            .map(|label| {
                format!(
                    r#","label_{}":"room {index}""#,
                    ["a", "b", "c"][label as usize % 3]
                )
            })
            .collect();
        let extra = if index % 25 == 7 { r#","other":1"# } else { "" }; // unevaluated: invalid
        out.push(format!(
            r#"{{"sensor":"s-{index}","kind":"{kind}","value":{}.{}{unit}{labels}{extra}}}"#,
            index % 40,
            index % 7
        ));
    }
    out
}

/// Benches `ours` (true when the generated type accepts the text) against `jsonschema`
/// with `schema_text` on the corpus, as the group `name`.
fn compare(c: &mut Criterion, name: &str, schema_text: &str, ours: fn(&str) -> bool) {
    let mut documents = corpus();
    // `DES_BENCH_VALID_ONLY=1`: only the documents both accept (the fast path alone).
    if std::env::var_os("DES_BENCH_VALID_ONLY").is_some() {
        documents.retain(|text| ours(text));
    }
    let bytes: usize = documents.iter().map(String::len).sum();
    let schema: serde_json::Value =
        serde_json::from_str(schema_text).expect("the bench schema is JSON");
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("jsonschema compiles the bench schema");
    // Both must agree on every document, or the comparison means nothing.
    for text in &documents {
        let value: serde_json::Value = serde_json::from_str(text).expect("JSON");
        assert_eq!(ours(text), validator.is_valid(&value), "{name}: {text}");
    }
    let mut group = c.benchmark_group(name);
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("generated_from_json", |b| {
        b.iter(|| {
            documents
                .iter()
                .filter(|text| ours(black_box(text)))
                .count()
        })
    });
    group.bench_function("jsonschema_value", |b| {
        b.iter(|| {
            documents
                .iter()
                .filter(|text| {
                    serde_json::from_str::<serde_json::Value>(black_box(text))
                        .is_ok_and(|value| validator.is_valid(&value))
                })
                .count()
        })
    });
    group.finish();
}

fn keywords(c: &mut Criterion) {
    compare(
        c,
        "keywords",
        include_str!("schemas/keywords.schema.json"),
        |text| generated::Reading::from_json(text).is_ok(),
    );
    compare(
        c,
        "patterns",
        include_str!("schemas/patterns.schema.json"),
        |text| patterns::LabelledReading::from_json(text).is_ok(),
    );
}

criterion_group!(benches, keywords);
criterion_main!(benches);
