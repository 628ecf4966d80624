//! The scenario: which DES events the sandbox page sends, in which order, and how long
//! it waits for each reply. The default covers every example of the bundled DES schema;
//! a scenario file (JSON, format in docs/sandbox.md) chooses its own steps.
//!
//! Messages taken from the schema's `examples` get fresh ids: every string that is a
//! UUID is replaced by a new random (version 4) UUID, the same old id by the same new
//! one across the whole scenario, so a request never reuses the ids of an earlier run.

use std::collections::HashMap;
use std::path::Path;

use des_events::des::DesEvent;
use des_events::{EventUnion, Uuid};
use serde::Deserialize;
use serde_json::{Map, Value};

use super::verdict::{check_des, expects_reply};
use crate::cli::Bundled;

/// How long the page waits for the reply to a request, unless the step says.
pub const DEFAULT_REPLY_WAIT_MS: u64 = 5_000;
/// The longest wait a step may ask for (ten minutes).
pub const MAX_WAIT_MS: u64 = 600_000;

/// The order of the default scenario: page ready first, exit last, requests between.
const DEFAULT_ORDER: [&str; 10] = [
    "onPageReadyEvent",
    "onTelemetryEvent",
    "onIdTokenDidExpire",
    "onAccountProvisionRequested",
    "onAccountRequested",
    "onInvestmentAccountProvisionRequested",
    "onTransferConsentRequested",
    "onShare",
    "onInvestmentSellRequested",
    "onExitRequested",
];

/// One step: a DES event to send, then a wait.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    /// The DES event name.
    pub event: String,
    /// The whole envelope, as posted (`{"event":...,"message":...}`).
    pub text: String,
    /// The message object, for the protocol check.
    pub message: Value,
    /// How long to wait after sending: for the reply when one is expected.
    pub wait_ms: u64,
    /// Whether a partner event replies to this one.
    pub expects_reply: bool,
}

/// A loaded scenario, before ids are made fresh.
#[derive(Clone, Debug)]
pub struct Scenario {
    /// Where it came from: `default` or the file's path.
    pub name: String,
    steps: Vec<Draft>,
}

#[derive(Clone, Debug)]
struct Draft {
    event: String,
    message: Value,
    fresh_ids: bool,
    wait_ms: Option<u64>,
}

/// A step as written in a scenario file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileStep {
    event: String,
    #[serde(default)]
    message: Option<Value>,
    #[serde(default)]
    example: Option<usize>,
    #[serde(default)]
    wait_ms: Option<u64>,
    #[serde(default)]
    fresh_ids: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    steps: Vec<FileStep>,
}

impl Scenario {
    /// Every example of the bundled DES schema, in [`DEFAULT_ORDER`].
    pub fn default_scenario() -> Result<Scenario, String> {
        let examples = examples()?;
        let mut steps = Vec::new();
        for event in DEFAULT_ORDER {
            for message in examples.get(event).into_iter().flatten() {
                steps.push(Draft {
                    event: event.to_owned(),
                    message: message.clone(),
                    fresh_ids: true,
                    wait_ms: None,
                });
            }
        }
        Ok(Scenario {
            name: "default".to_owned(),
            steps,
        })
    }

    /// Reads a scenario file; every problem names the step and the field.
    pub fn load(path: &Path) -> Result<Scenario, String> {
        let shown = path.display();
        let text =
            std::fs::read_to_string(path).map_err(|err| format!("cannot read {shown}: {err}"))?;
        let file: File =
            serde_json::from_str(&text).map_err(|err| format!("{shown}: not a scenario: {err}"))?;
        if file.steps.is_empty() {
            return Err(format!("{shown}: `steps` is empty"));
        }
        let examples = examples()?;
        let mut steps = Vec::new();
        for (index, step) in file.steps.into_iter().enumerate() {
            let at = format!("{shown}: steps[{index}]");
            if !DesEvent::has_event(&step.event) {
                return Err(format!(
                    "{at}.event: `{}` is not a DES event (known: {})",
                    super::verdict::cut(&step.event),
                    DesEvent::EVENT_NAMES.join(", ")
                ));
            }
            if step.wait_ms.is_some_and(|ms| ms > MAX_WAIT_MS) {
                return Err(format!("{at}.wait_ms: at most {MAX_WAIT_MS}"));
            }
            let (message, from_example) = match (step.message, step.example) {
                (Some(Value::Object(message)), None) => (Value::Object(message), false),
                (Some(Value::String(word)), None) if word == "example" => {
                    (example(&examples, &step.event, 0, &at)?, true)
                }
                (None, index) => (
                    example(&examples, &step.event, index.unwrap_or(0), &at)?,
                    true,
                ),
                (Some(_), Some(_)) => {
                    return Err(format!("{at}: give `message` or `example`, not both"));
                }
                (Some(_), None) => {
                    return Err(format!(
                        "{at}.message: expected an object or the string \"example\""
                    ));
                }
            };
            let draft = Draft {
                event: step.event,
                message,
                fresh_ids: step.fresh_ids.unwrap_or(from_example),
                wait_ms: step.wait_ms,
            };
            if let Err(problem) = check_des(&envelope(&draft.event, &draft.message)) {
                return Err(format!(
                    "{at}.message: not a valid {} event: {}",
                    draft.event, problem.message
                ));
            }
            steps.push(draft);
        }
        Ok(Scenario {
            name: shown.to_string(),
            steps,
        })
    }

    /// The steps with fresh ids, ready to send.
    pub fn steps(&self) -> Vec<Step> {
        let mut fresh = HashMap::new();
        self.steps
            .iter()
            .map(|draft| {
                let mut message = draft.message.clone();
                if draft.fresh_ids {
                    refresh(&mut message, &mut fresh);
                }
                let expects_reply = expects_reply(&draft.event);
                Step {
                    text: envelope(&draft.event, &message),
                    event: draft.event.clone(),
                    message,
                    wait_ms: draft.wait_ms.unwrap_or(if expects_reply {
                        DEFAULT_REPLY_WAIT_MS
                    } else {
                        0
                    }),
                    expects_reply,
                }
            })
            .collect()
    }
}

/// `{"event": event, "message": message}`, `event` first.
fn envelope(event: &str, message: &Value) -> String {
    let mut members = Map::new();
    members.insert("event".to_owned(), Value::String(event.to_owned()));
    members.insert("message".to_owned(), message.clone());
    Value::Object(members).to_string()
}

/// The `index`th example message of `event`.
fn example(
    examples: &HashMap<String, Vec<Value>>,
    event: &str,
    index: usize,
    at: &str,
) -> Result<Value, String> {
    let all = examples.get(event).map(Vec::as_slice).unwrap_or_default();
    all.get(index).cloned().ok_or_else(|| {
        format!(
            "{at}.example: {event} has {} example(s) in the DES schema, no index {index}",
            all.len()
        )
    })
}

/// The example messages of every event of the bundled DES schema.
fn examples() -> Result<HashMap<String, Vec<Value>>, String> {
    let schema: Value = serde_json::from_str(Bundled::Des.text())
        .map_err(|err| format!("the bundled DES schema is not JSON: {err}"))?;
    let mut examples: HashMap<String, Vec<Value>> = HashMap::new();
    for branch in schema["oneOf"].as_array().into_iter().flatten() {
        for example in branch["examples"].as_array().into_iter().flatten() {
            if let (Some(event), Some(message)) =
                (example["event"].as_str(), example.get("message"))
            {
                examples
                    .entry(event.to_owned())
                    .or_default()
                    .push(message.clone());
            }
        }
    }
    Ok(examples)
}

/// Replaces every UUID string inside `value` by a fresh one, consistently.
fn refresh(value: &mut Value, fresh: &mut HashMap<String, String>) {
    match value {
        Value::String(text) if Uuid::parse(text).is_ok() => {
            let new = fresh
                .entry(text.clone())
                .or_insert_with(|| uuid::Uuid::new_v4().to_string());
            text.clone_from(new);
        }
        Value::Array(items) => items.iter_mut().for_each(|item| refresh(item, fresh)),
        Value::Object(members) => members.values_mut().for_each(|item| refresh(item, fresh)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_covers_every_des_event_with_valid_fresh_messages() {
        let scenario = Scenario::default_scenario().unwrap_or_else(|err| panic!("{err}"));
        let steps = scenario.steps();
        let mut events: Vec<&str> = steps.iter().map(|s| s.event.as_str()).collect();
        events.dedup();
        let mut sorted = events.clone();
        sorted.sort_unstable();
        let mut all = DesEvent::EVENT_NAMES.to_vec();
        all.sort_unstable();
        assert_eq!(sorted, all);
        assert_eq!(events.first(), Some(&"onPageReadyEvent"));
        assert_eq!(events.last(), Some(&"onExitRequested"));
        for step in &steps {
            assert_eq!(check_des(&step.text), Ok(()), "{}", step.text);
            assert!(!step.text.contains("a2313192-e2dc-452e-b56c-2f23baf6eee1"));
        }
        let again = scenario.steps();
        let renew = steps.iter().position(|s| s.event == "onIdTokenDidExpire");
        let renew = renew.unwrap_or_else(|| panic!("no onIdTokenDidExpire step"));
        assert_ne!(
            steps[renew].text, again[renew].text,
            "ids are fresh on every run"
        );
    }

    #[test]
    fn files_are_checked_step_by_step() {
        let dir = std::env::temp_dir().join(format!("des-scenario-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let cases = [
            (
                r#"{"steps":[{"event":"onShare","message":{"url":"","title":"t","text":"x"}},{"event":"onIdTokenDidExpire","wait_ms":50},{"event":"onAccountRequested","example":1}]}"#,
                None,
            ),
            (r#"{"steps":[]}"#, Some("`steps` is empty")),
            (
                r#"{"steps":[{"event":"nope"}]}"#,
                Some("steps[0].event: `nope` is not a DES event"),
            ),
            (
                r#"{"steps":[{"event":"onShare","message":{}}]}"#,
                Some("steps[0].message: not a valid onShare event"),
            ),
            (
                r#"{"steps":[{"event":"onShare","example":5}]}"#,
                Some("steps[0].example: onShare has 1 example(s)"),
            ),
            (
                r#"{"steps":[{"event":"onShare","wait":1}]}"#,
                Some("unknown field `wait`"),
            ),
            (
                r#"{"steps":[{"event":"onShare","wait_ms":700000}]}"#,
                Some("steps[0].wait_ms: at most"),
            ),
        ];
        for (index, (text, expected)) in cases.into_iter().enumerate() {
            let path = dir.join(format!("{index}.json"));
            std::fs::write(&path, text).unwrap_or_else(|err| panic!("{err}"));
            match (Scenario::load(&path), expected) {
                (Ok(scenario), None) => {
                    let steps = scenario.steps();
                    assert_eq!(steps.len(), 3);
                    assert_eq!((steps[0].wait_ms, steps[0].expects_reply), (0, false));
                    assert_eq!((steps[1].wait_ms, steps[1].expects_reply), (50, true));
                    assert_eq!(steps[2].message["dream"]["name"], "Emergency fund");
                }
                (Err(err), Some(expected)) => assert!(err.contains(expected), "{err}"),
                (other, _) => panic!("case {index}: {other:?}"),
            }
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
