//! Decoding a schema that uses `patternProperties`, `unevaluatedProperties` and
//! `if`/`then` (a typed struct checked whole by the validator), next to the `jsonschema`
//! crate validating the same documents. Parsing is included for both: ours is
//! `Reading::from_json(text)`, theirs `serde_json::from_str::<Value>(text)` then
//! `is_valid`. `cargo bench -p des-events --bench keywords`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

mod generated {
    des_events::include_schema!("benches/schemas/keywords.schema.json", tests = false);
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

fn keywords(c: &mut Criterion) {
    let mut documents = corpus();
    // `DES_BENCH_VALID_ONLY=1`: only the documents both accept (the fast path alone).
    if std::env::var_os("DES_BENCH_VALID_ONLY").is_some() {
        documents.retain(|text| generated::Reading::from_json(text).is_ok());
    }
    let bytes: usize = documents.iter().map(String::len).sum();
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("schemas/keywords.schema.json"))
            .expect("the bench schema is JSON");
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("jsonschema compiles the bench schema");
    // Both must agree on every document, or the comparison means nothing.
    for text in &documents {
        let ours = generated::Reading::from_json(text).is_ok();
        let value: serde_json::Value = serde_json::from_str(text).expect("JSON");
        assert_eq!(ours, validator.is_valid(&value), "{text}");
    }
    let mut group = c.benchmark_group("keywords");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("generated_from_json", |b| {
        b.iter(|| {
            documents
                .iter()
                .filter(|text| generated::Reading::from_json(black_box(text)).is_ok())
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

criterion_group!(benches, keywords);
criterion_main!(benches);
