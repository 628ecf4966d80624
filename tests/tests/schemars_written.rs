//! A schema written by `schemars::schema_for!` for ordinary Rust types compiles through
//! `include_schema!`, and the generated types agree with serde on the documents serde
//! writes for those types (and with the `jsonschema` oracle on every document).
//!
//! The schema file is checked in (the macro reads files) as an insta binary snapshot,
//! `tests/tests/snapshots/schemars_written__written.snap.json`, and must stay what
//! `schema_for!` writes today: `INSTA_UPDATE=always cargo test -p des-events-tests
//! --test schemars_written` (or `cargo insta review`) rewrites it.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

#[path = "../differential/oracle.rs"]
#[allow(dead_code)]
mod oracle;

/// A unit-only enum (strings).
#[derive(Serialize, Deserialize, JsonSchema, Clone, Debug, PartialEq)]
#[serde(rename_all = "snake_case")]
enum Level {
    Low,
    High,
}

/// Internally tagged: a flat tagged union.
#[derive(Serialize, Deserialize, JsonSchema, Clone, Debug, PartialEq)]
#[serde(tag = "type")]
enum Shape {
    Circle { radius: f64 },
    Square { side: u32 },
}

/// Externally tagged, with a unit, a newtype and a struct variant.
#[derive(Serialize, Deserialize, JsonSchema, Clone, Debug, PartialEq)]
enum Action {
    Stop,
    Move(i16),
    Jump { height: u8 },
}

/// Untagged.
#[derive(Serialize, Deserialize, JsonSchema, Clone, Debug, PartialEq)]
#[serde(untagged)]
enum Either {
    Number(i64),
    Text(String),
}

/// Adjacently tagged: an envelope.
#[derive(Serialize, Deserialize, JsonSchema, Clone, Debug, PartialEq)]
#[serde(tag = "kind", content = "data")]
enum Envelope {
    Ping(Ping),
    Pong(Ping),
}

#[derive(Serialize, Deserialize, JsonSchema, Clone, Debug, PartialEq)]
struct Ping {
    id: u64,
}

/// Integers of every width, options, maps, vectors and the enums above.
#[derive(Serialize, Deserialize, JsonSchema, Clone, Debug, PartialEq)]
struct Root {
    tiny: i8,
    small: u8,
    short: i16,
    word: u16,
    int: i32,
    uint: u32,
    long: i64,
    ulong: u64,
    ratio: f64,
    flag: bool,
    name: String,
    nickname: Option<String>,
    tags: Vec<String>,
    scores: BTreeMap<String, i32>,
    level: Level,
    shapes: Vec<Shape>,
    action: Action,
    either: Either,
    envelope: Envelope,
    nested: Option<Box<Root>>,
}

#[allow(dead_code)]
mod generated {
    des_events::include_schema!("tests/snapshots/schemars_written__written.snap.json");
}

/// The schema file: the data file of the binary snapshot `written`, stored as insta
/// names it (`<test file>__<snapshot>.snap.<extension>`).
const SCHEMA_FILE: &str = "tests/snapshots/schemars_written__written.snap.json";

fn schema_path() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(SCHEMA_FILE)
}

#[test]
fn the_checked_in_schema_is_what_schemars_writes() {
    let written = serde_json::to_string_pretty(&schemars::schema_for!(Root))
        .expect("a schema is JSON")
        + "\n";
    insta::assert_binary_snapshot!("written.json", written.into_bytes());
}

fn sample(depth: usize) -> Root {
    Root {
        tiny: -128,
        small: 255,
        short: -32768,
        word: 65535,
        int: i32::MIN,
        uint: u32::MAX,
        long: i64::MIN,
        ulong: u64::MAX,
        ratio: 0.25,
        flag: true,
        name: "Ada".to_owned(),
        nickname: (depth == 0).then(|| "ada".to_owned()),
        tags: vec!["a".to_owned(), "b".to_owned()],
        scores: BTreeMap::from([("x".to_owned(), -3), ("y".to_owned(), 7)]),
        level: if depth == 0 { Level::High } else { Level::Low },
        shapes: vec![Shape::Circle { radius: 1.5 }, Shape::Square { side: 2 }],
        action: match depth {
            0 => Action::Jump { height: 3 },
            1 => Action::Move(-4),
            _ => Action::Stop,
        },
        either: if depth == 0 {
            Either::Number(42)
        } else {
            Either::Text("forty-two".to_owned())
        },
        envelope: if depth == 0 {
            Envelope::Ping(Ping { id: 1 })
        } else {
            Envelope::Pong(Ping { id: u64::MAX })
        },
        nested: (depth < 2).then(|| Box::new(sample(depth + 1))),
    }
}

#[test]
fn documents_serde_writes_are_read_and_written_back() {
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path()).expect("the schema file"))
            .expect("JSON");
    let oracle = oracle::validator(&schema, None).expect("the oracle compiles the schema");
    for depth in 0..3 {
        let value = sample(depth);
        let text = serde_json::to_string(&value).expect("serde writes it");
        let read = match generated::Root::from_json(&text) {
            Ok(read) => read,
            Err(err) => panic!("rejected what serde wrote: {err}\n{text}"),
        };
        assert!(
            oracle::judge(&oracle, &text).is_valid(),
            "the oracle rejects {text}"
        );
        let back: Value = serde_json::from_str(&read.to_json()).expect("JSON");
        let original: Value = serde_json::from_str(&text).expect("JSON");
        assert!(
            des_events_core::json::equal(&back, &original),
            "round trip differs:\n{back}\n{original}"
        );
        // serde reads what the generated types write.
        let again: Root = serde_json::from_value(back).expect("serde reads it back");
        assert_eq!(again, value);
    }
}

#[test]
fn documents_serde_cannot_read_are_rejected_like_the_oracle_does() {
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path()).expect("the schema file"))
            .expect("JSON");
    let oracle = oracle::validator(&schema, None).expect("the oracle compiles the schema");
    let base = serde_json::to_value(sample(2)).expect("serde writes it");
    let broken = [
        ("small", json!(256)),
        ("tiny", json!(-129)),
        ("word", json!(-1)),
        ("level", json!("medium")),
        ("shapes", json!([{"type": "triangle"}])),
        ("action", json!({"Jump": {"height": 300}})),
        ("either", json!(true)),
        ("envelope", json!({"kind": "Ping", "data": {"id": -1}})),
        ("name", json!(null)),
        ("scores", json!({"x": 1.5})),
    ];
    for (field, value) in broken {
        let mut document = base.clone();
        document[field] = value;
        let text = document.to_string();
        assert!(
            serde_json::from_str::<Root>(&text).is_err(),
            "serde reads {field}: {text}"
        );
        assert!(
            !oracle::judge(&oracle, &text).is_valid(),
            "the oracle accepts {field}: {text}"
        );
        assert!(
            generated::Root::from_json(&text).is_err(),
            "the generated type accepts {field}: {text}"
        );
    }
    // The documented deviation: schemars bounds `u32` below only, so the schema allows
    // 2^32, which the generated `u32` (`format: uint32`) cannot hold; the oracle accepts.
    let mut document = base.clone();
    document["uint"] = json!(4294967296_u64);
    let text = document.to_string();
    assert!(oracle::judge(&oracle, &text).is_valid(), "{text}");
    let err = generated::Root::from_json(&text).expect_err("u32 cannot hold 2^32");
    assert!(
        err.to_string().contains("outside the range of `u32`"),
        "{err}"
    );
}
