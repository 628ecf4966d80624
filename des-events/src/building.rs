//! What the builders of `builder = true` run: a builder collects the fields it was given
//! as JSON, and `build()` reads that object back through the generated `Deserialize`.
//!
//! So a builder can never produce a value the schema rejects, and its error is exactly
//! the one a read of the same document gives (which field, which keyword, what was
//! expected): the reader is the one implementation of the schema, a builder does not
//! restate it.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::error::{Error, Problem, member};

/// The object a builder has collected so far.
#[derive(Debug, Default)]
pub struct Building {
    object: Map<String, Value>,
    /// The first field whose value could not be written as JSON (a `Serialize` of the
    /// user's that failed), with the reason.
    failed: Option<(String, String)>,
}

impl Building {
    /// An empty object.
    pub fn new() -> Building {
        Building::default()
    }

    /// Sets the property `wire` to `value` (if it was given).
    pub fn field<T: Serialize>(&mut self, wire: &str, value: Option<&T>) {
        let Some(value) = value else { return };
        match serde_json::to_value(value) {
            Ok(json) => {
                self.object.insert(wire.to_owned(), json);
            }
            Err(err) => self.fail(wire, &err),
        }
    }

    /// Sets every entry of a map of properties (`additional_properties`, patterned
    /// properties), if it was given.
    pub fn entries<T: Serialize>(&mut self, field: &str, map: Option<&T>) {
        let Some(map) = map else { return };
        match serde_json::to_value(map) {
            Ok(Value::Object(entries)) => {
                for (key, value) in entries {
                    self.object.entry(key).or_insert(value);
                }
            }
            Ok(_) => self.fail(field, &"the map did not write a JSON object"),
            Err(err) => self.fail(field, &err),
        }
    }

    /// Keeps the first failure.
    fn fail(&mut self, field: &str, reason: &dyn std::fmt::Display) {
        if self.failed.is_none() {
            self.failed = Some((field.to_owned(), reason.to_string()));
        }
    }

    /// Reads the collected object as a `T`: the value, or the error a read of it gives.
    pub fn build<T: DeserializeOwned>(self) -> Result<T, Error> {
        if let Some((field, message)) = self.failed {
            return Err(Error::invalid(
                None,
                member(&field),
                Problem::Other { message },
                (1, 1),
            ));
        }
        crate::validated::from_json(&Value::Object(self.object).to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::Building;

    #[test]
    fn a_built_value_is_what_a_read_of_its_fields_gives() {
        let mut building = Building::new();
        building.field("a", Some(&1));
        building.field::<u8>("b", None);
        building.entries("extra", Some(&serde_json::json!({"c": true, "a": 2})));
        let built: serde_json::Value = building.build().expect("any JSON reads as a value");
        // The field set by name wins over a map entry of the same key.
        assert_eq!(built, serde_json::json!({"a": 1, "c": true}));
    }

    #[test]
    fn a_map_that_is_not_an_object_is_an_error_at_its_field() {
        let mut building = Building::new();
        building.entries("extra", Some(&[1, 2]));
        let err = building
            .build::<serde_json::Value>()
            .expect_err("a list is no map of properties");
        assert!(err.to_string().contains("extra"), "{err}");
    }
}
