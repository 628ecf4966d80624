//! The independent oracle of the differential suite (`tests/suite.rs`) and of the schema
//! property test (`tests/schema_properties.rs`): the `jsonschema` crate, draft 2020-12,
//! format assertion on, patterns in its ECMA-262 mode.
//!
//! It reads a document the way `tests/differential.rs` does: text that is not JSON is
//! invalid, and so is an object that names a key twice (JSON Schema validates the JSON
//! data model, where an object cannot hold a name twice; `serde_json::Value` would keep
//! the last value and judge a document the sender did not write).
//!
//! Included with `#[path = "../differential/oracle.rs"] mod oracle;`.

use std::collections::HashSet;
use std::fmt;
use std::path::PathBuf;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

/// An oracle's verdict with its reasons.
#[derive(Clone, Debug)]
pub enum Verdict {
    Valid,
    /// Not parsed (not JSON, or a duplicated key).
    Unparsed(String),
    /// Parsed, but the schema rejects it.
    Rejected(Vec<String>),
}

impl Verdict {
    pub fn is_valid(&self) -> bool {
        matches!(self, Verdict::Valid)
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Verdict::Valid => f.write_str("valid"),
            Verdict::Unparsed(why) => write!(f, "invalid ({why})"),
            Verdict::Rejected(errors) => write!(f, "invalid ({})", errors.join("; ")),
        }
    }
}

/// Serves `$ref`s to other files from one folder: the last path segment of the URI names
/// the file (`https://example.com/schemas/260-ref-url.part.json` -> `<dir>/260-ref-url.part.json`).
/// Nothing is fetched from the network.
pub struct FolderRetriever(pub PathBuf);

impl jsonschema::Retrieve for FolderRetriever {
    fn retrieve(
        &self,
        uri: &jsonschema::Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        let text = uri.as_str();
        let text = text.split('#').next().unwrap_or_default();
        let file = text.rsplit('/').next().unwrap_or_default();
        if file.is_empty() || file.contains("..") {
            return Err(format!("no local file for {text}").into());
        }
        let path = self.0.join(file);
        let body =
            std::fs::read_to_string(&path).map_err(|err| format!("{}: {err}", path.display()))?;
        Ok(serde_json::from_str(&body)?)
    }
}

/// The validator for `schema`; `folder` serves references to other files.
pub fn validator(schema: &Value, folder: Option<PathBuf>) -> Result<jsonschema::Validator, String> {
    let mut options = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true);
    if let Some(folder) = folder {
        options = options.with_retriever(FolderRetriever(folder));
    }
    options.build(schema).map_err(|err| err.to_string())
}

/// The oracle's reading of a document: JSON without duplicated keys.
pub fn parse(text: &str) -> Result<Value, String> {
    let value: Value = serde_json::from_str(text).map_err(|err| format!("not JSON: {err}"))?;
    serde_json::from_str::<NoDuplicateKeys>(text).map_err(|err| format!("not I-JSON: {err}"))?;
    Ok(value)
}

/// The verdict of `validator` on the document `text`.
pub fn judge(validator: &jsonschema::Validator, text: &str) -> Verdict {
    let value = match parse(text) {
        Ok(value) => value,
        Err(why) => return Verdict::Unparsed(why),
    };
    if validator.is_valid(&value) {
        return Verdict::Valid;
    }
    let errors = validator
        .iter_errors(&value)
        .take(4)
        .map(|err| {
            format!(
                "{} at instance `{}` (schema `{}`)",
                err,
                err.instance_path(),
                err.schema_path()
            )
        })
        .collect();
    Verdict::Rejected(errors)
}

/// Walks a document and fails on an object that names a key twice.
struct NoDuplicateKeys;

impl<'de> Deserialize<'de> for NoDuplicateKeys {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NoDuplicateKeys)
    }
}

impl<'de> Visitor<'de> for NoDuplicateKeys {
    type Value = NoDuplicateKeys;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self, E> {
        Ok(self)
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self, E> {
        Ok(self)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self, E> {
        Ok(self)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self, E> {
        Ok(self)
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Self, E> {
        Ok(self)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self, E> {
        Ok(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self, A::Error> {
        while seq.next_element::<NoDuplicateKeys>()?.is_some() {}
        Ok(self)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self, A::Error> {
        let mut seen = HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if !seen.insert(key.clone()) {
                return Err(de::Error::custom(format_args!("duplicated key `{key}`")));
            }
            map.next_value::<NoDuplicateKeys>()?;
        }
        Ok(self)
    }
}

/// The oracle's own reading rules, checked by each including test.
pub fn self_check() {
    assert!(parse(r#"{"a":1,"b":{"a":2}}"#).is_ok());
    assert!(parse(r#"{"a":1,"a":1}"#).is_err());
    assert!(parse(r#"[{"x":{"y":1,"y":2}}]"#).is_err());
    assert!(parse(r#"{"a":1"#).is_err());
    let schema = serde_json::json!({
        "type": "object",
        "properties": {
            "id": {"type": "string", "format": "uuid"},
            "day": {"type": "string", "format": "date"},
            "n": {"type": "integer"},
            "d": {"type": "string", "pattern": "^\\d$"}
        }
    });
    let oracle = validator(&schema, None).expect("the probe schema compiles");
    let valid = |text: &str| judge(&oracle, text).is_valid();
    // Format assertion is on.
    assert!(valid(r#"{"id":"A2313192-E2DC-452E-B56C-2F23BAF6EEE1"}"#));
    assert!(!valid(r#"{"id":"{a2313192-e2dc-452e-b56c-2f23baf6eee1}"}"#));
    assert!(!valid(r#"{"day":"2023-02-29"}"#));
    // A number with a zero fractional part is an integer.
    assert!(valid(r#"{"n":250000.0}"#));
    assert!(!valid(r#"{"n":1.5}"#));
    // Patterns are ECMA-262: `\d` is ASCII only.
    assert!(valid(r#"{"d":"7"}"#));
    assert!(!valid(r#"{"d":"٧"}"#));
}
