//! Scalar schemas: strings (formats, lengths, patterns, credentials), numbers and
//! integers (exact bounds, `multipleOf`).

use super::*;

use des_events_core::keyword::NUMERIC as NUMERIC_KEYWORDS;
use des_events_core::{format, pattern};

impl Modeler<'_> {
    pub(super) fn string_type(
        &mut self,
        pointer: &str,
        object: &Map<String, Value>,
    ) -> Option<Type> {
        self.only(
            pointer,
            object,
            &[
                "type",
                "format",
                "minLength",
                "maxLength",
                "pattern",
                "x-des-credential",
                "x-des-echo",
            ],
            "a string schema",
        );
        let mut rules = StringRules::default();
        if let Some(format) = object.get("format") {
            match format.as_str() {
                Some(name) if Format::from_name(name).is_some() => {
                    rules.format = Format::from_name(name);
                }
                Some(known) if format::UNASSERTED.contains(&known) => {
                    let asserted: Vec<&str> =
                        Format::ALL.iter().map(|format| format.name()).collect();
                    self.error(
                        &join(pointer, "format"),
                        format!("format `{known}` is not asserted by des-events yet"),
                        Some(&format!(
                            "asserted formats: {}; remove the keyword or use `pattern`",
                            asserted.join(", ")
                        )),
                    )
                }
                Some(other) => rules.annotation_format = Some(other.to_owned()),
                None => self.error(&join(pointer, "format"), "`format` must be a string", None),
            }
        }
        rules.min_length = self.count(pointer, object, "minLength");
        rules.max_length = self.count(pointer, object, "maxLength");
        if let Some(pattern) = object.get("pattern") {
            match pattern.as_str() {
                // The `u` flag: JSON Schema patterns have Unicode semantics (`\p{Lu}`).
                Some(source) => match pattern::compile(source) {
                    Ok(_) => rules.pattern = Some(source.to_owned()),
                    Err(err) => self.error(
                        &join(pointer, "pattern"),
                        format!("invalid ECMA-262 regular expression: {err}"),
                        Some("JSON Schema patterns use ECMA-262 (JavaScript) syntax, unanchored"),
                    ),
                },
                None => self.error(
                    &join(pointer, "pattern"),
                    "`pattern` must be a string",
                    None,
                ),
            }
        }
        match object.get("x-des-credential") {
            None | Some(Value::Bool(false)) => {}
            Some(Value::Bool(true)) => rules.credential = true,
            Some(_) => self.hard_error(
                &join(pointer, "x-des-credential"),
                "`x-des-credential` must be a boolean",
                None,
            ),
        }
        if rules.credential && rules.format.is_some() {
            self.hard_error(
                pointer,
                "a credential cannot also have an asserted `format`",
                None,
            );
        }
        Some(Type::String(rules))
    }

    pub(super) fn count(
        &mut self,
        pointer: &str,
        object: &Map<String, Value>,
        keyword: &str,
    ) -> Option<u64> {
        let value = object.get(keyword)?;
        match value.as_u64() {
            Some(count) => Some(count),
            None => {
                self.error(
                    &join(pointer, keyword),
                    format!("`{keyword}` must be a non-negative integer"),
                    None,
                );
                None
            }
        }
    }

    pub(super) fn number_type(
        &mut self,
        pointer: &str,
        object: &Map<String, Value>,
    ) -> Option<NumberRules> {
        // `format` annotates numbers (`float`, `double` from OpenAPI and schemars).
        let mut allowed = NUMERIC_KEYWORDS.to_vec();
        allowed.push("format");
        self.only(pointer, object, &allowed, "a number schema");
        let multiple_of = match object.get("multipleOf") {
            None => None,
            Some(value) => match value
                .as_f64()
                .filter(|multiple| *multiple > 0.0 && multiple.is_finite())
            {
                Some(multiple) => Some(multiple),
                None => {
                    self.error(
                        &join(pointer, "multipleOf"),
                        "`multipleOf` must be a positive number",
                        None,
                    );
                    return None;
                }
            },
        };
        let mut bound = |keyword: &str| -> Option<f64> {
            let value = object.get(keyword)?;
            // A bound written as an integer that f64 cannot hold exactly would be
            // checked against a rounded value.
            let exact_integer = match (value.as_i64(), value.as_u64()) {
                (Some(int), _) => (int as f64) as i128 == i128::from(int),
                (_, Some(int)) => (int as f64) as i128 == i128::from(int),
                _ => true,
            };
            if !exact_integer {
                self.error(
                    &join(pointer, keyword),
                    format!("`{keyword}` is not exactly representable as f64, which `number` fields use"),
                    Some("use `\"type\": \"integer\"` for whole numbers of that size, or a bound within 2^53"),
                );
                return None;
            }
            match value.as_f64() {
                Some(number) => Some(number),
                None => {
                    self.error(
                        &join(pointer, keyword),
                        format!("`{keyword}` must be a number"),
                        None,
                    );
                    None
                }
            }
        };
        Some(NumberRules {
            minimum: bound("minimum"),
            maximum: bound("maximum"),
            exclusive_minimum: bound("exclusiveMinimum"),
            exclusive_maximum: bound("exclusiveMaximum"),
            multiple_of,
        })
    }

    pub(super) fn integer_type(
        &mut self,
        pointer: &str,
        object: &Map<String, Value>,
    ) -> Option<IntegerRules> {
        let mut allowed = NUMERIC_KEYWORDS.to_vec();
        allowed.push("format");
        self.only(pointer, object, &allowed, "an integer schema");
        // `format` annotates integers; the widths of OpenAPI and schemars choose the
        // Rust type, any other format stays an annotation.
        let format_range = match object.get("format").and_then(Value::as_str) {
            Some("int8") => Some((i128::from(i8::MIN), i128::from(i8::MAX))),
            Some("int16") => Some((i128::from(i16::MIN), i128::from(i16::MAX))),
            Some("int32") => Some((i128::from(i32::MIN), i128::from(i32::MAX))),
            Some("int64") => Some((i128::from(i64::MIN), i128::from(i64::MAX))),
            Some("uint8") => Some((0, i128::from(u8::MAX))),
            Some("uint16") => Some((0, i128::from(u16::MAX))),
            Some("uint32") => Some((0, i128::from(u32::MAX))),
            Some("uint64" | "uint") => Some((0, i128::from(u64::MAX))),
            _ => None,
        };
        let multiple_of = match object.get("multipleOf") {
            None => None,
            Some(value) => {
                let whole = value.as_i64().or_else(|| {
                    value
                        .as_f64()
                        .filter(|f| f.fract() == 0.0 && f.abs() < 9.0e15)
                        .map(|f| f as i64)
                });
                match whole.filter(|m| *m > 0) {
                    Some(multiple) => Some(multiple),
                    None => {
                        self.error(
                        &join(pointer, "multipleOf"),
                        "`multipleOf` of an integer must be a positive integer here",
                        Some("a fractional `multipleOf` cannot be checked exactly by des-events yet"),
                    );
                        return None;
                    }
                }
            }
        };
        let mut ok = true;
        let mut bound = |keyword: &str| -> Option<i64> {
            let value = object.get(keyword)?;
            let exact = value.as_i64().or_else(|| {
                value
                    .as_f64()
                    .filter(|f| f.fract() == 0.0 && *f >= -(2f64.powi(63)) && *f < 2f64.powi(63))
                    .map(|f| f as i64)
            });
            if exact.is_none() {
                ok = false;
                self.error(
                    &join(pointer, keyword),
                    format!("`{keyword}` of an integer must be an integer within the 64-bit range"),
                    Some("des-events maps `integer` to i64 and checks its bounds exactly"),
                );
            }
            exact
        };
        let rules = IntegerRules {
            minimum: bound("minimum"),
            maximum: bound("maximum"),
            exclusive_minimum: bound("exclusiveMinimum"),
            exclusive_maximum: bound("exclusiveMaximum"),
            multiple_of,
            format_range,
        };
        if !ok {
            return None;
        }
        Some(rules)
    }
}
