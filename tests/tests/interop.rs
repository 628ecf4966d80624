//! The recorded interop fixture: what the deployed web SDK (v1.5.0) sends in each flow
//! (`tests/interop/web-sdk-1.5.0.jsonl`, written from the recorded facts with realistic
//! ids), judged under both receiver policies. The expected verdicts, warnings and
//! protocol findings are in `tests/interop/web-sdk-1.5.0.expected.json`; they show which
//! deviations are tolerated (extra fields, the legacy `error`) and which are the
//! integrator's bugs (replies without `requestId`, a reply without `message`).

use std::path::PathBuf;

use des_events::des::DesEvent;
use des_events::partner::PartnerEvent;
use des_events::{Decoded, Error, EventUnion, Policy};
use serde_json::{Value, json};

fn folder() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("interop")
}

fn read(name: &str) -> String {
    let path = folder().join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("{}: {err}", path.display()))
}

/// The fixture's lines and the expectations.
pub fn fixture() -> (Vec<String>, Value) {
    let lines = read("web-sdk-1.5.0.jsonl")
        .lines()
        .map(str::to_owned)
        .collect();
    let expected = serde_json::from_str(&read("web-sdk-1.5.0.expected.json"))
        .unwrap_or_else(|err| panic!("expected.json: {err}"));
    (lines, expected)
}

/// `"valid"`, or `{"error": kind, "pointer": ...}`; with the warnings `[[kind, pointer]]`.
fn verdict<T: EventUnion>(result: Result<Decoded<T>, Error>) -> (Value, Value) {
    match result {
        Ok(decoded) => {
            let warnings = decoded
                .warnings()
                .iter()
                .map(|warning| json!([warning.kind().as_str(), warning.pointer()]))
                .collect();
            (json!("valid"), Value::Array(warnings))
        }
        Err(Error::Invalid(invalid)) => {
            let kind = match invalid.problem {
                des_events::Problem::MissingField { .. } => "missing_field",
                des_events::Problem::UnknownField { .. } => "unknown_field",
                des_events::Problem::WrongType { .. } => "wrong_type",
                des_events::Problem::Constraint { .. } => "constraint",
                _ => "invalid",
            };
            (
                json!({"error": kind, "pointer": invalid.pointer()}),
                json!([]),
            )
        }
        Err(other) => (json!({"error": other.to_string()}), json!([])),
    }
}

fn judge(line: &str, from: &str, policy: Policy) -> (Value, Value) {
    match from {
        "partner" => verdict(PartnerEvent::from_json_with(line, policy)),
        _ => verdict(DesEvent::from_json_with(line, policy)),
    }
}

#[test]
fn every_flow_of_the_deployed_sdk_gets_its_expected_verdict_under_both_policies() {
    let (lines, expected) = fixture();
    let rows = expected["lines"].as_array().expect("lines");
    assert_eq!(rows.len(), lines.len(), "one expectation per line");
    let mut strict_rejected = 0;
    let mut tolerant_rejected = 0;
    for (row, line) in rows.iter().zip(&lines) {
        let from = row["from"].as_str().expect("from");
        let number = &row["line"];
        let event: Value = serde_json::from_str(line).expect("JSON");
        assert_eq!(event["event"], row["event"], "line {number}");
        let (strict, strict_warnings) = judge(line, from, Policy::Strict);
        let (tolerant, warnings) = judge(line, from, Policy::Tolerant);
        assert_eq!(strict, row["strict"], "strict, line {number}: {line}");
        assert_eq!(tolerant, row["tolerant"], "tolerant, line {number}: {line}");
        assert_eq!(warnings, row["warnings"], "warnings, line {number}: {line}");
        // Strict warns only of declared legacy values.
        for warning in strict_warnings.as_array().into_iter().flatten() {
            assert_eq!(warning[0], "legacy_value", "line {number}");
        }
        // The plain strict reader agrees with the strict policy.
        let plain = match from {
            "partner" => PartnerEvent::from_json(line).is_ok(),
            _ => DesEvent::from_json(line).is_ok(),
        };
        assert_eq!(plain, strict == "valid", "line {number}");
        strict_rejected += usize::from(strict != "valid");
        tolerant_rejected += usize::from(tolerant != "valid");
    }
    // Strict rejects 5 of the 9 partner messages, tolerant 4: those 4 are the
    // integrator's bugs (no `requestId`, no `message`); the fifth was harmless.
    assert_eq!((strict_rejected, tolerant_rejected), (5, 4));
}
