//! Naming: wire names to Rust names, and the names of the items the engine generates,
//! in one place. Every other module (model, check, expand, api, diff) takes a name from
//! here rather than spelling it out, so that what the checks reserve is what expansion
//! emits and what the tooling reports.
//!
//! Rules (also in docs/schemas.md, "Naming rules"):
//! - types and variants are UpperCamelCase of the wire name, splitting words at `_`, `-`,
//!   spaces, other punctuation, and lower-to-upper case changes (`onIdTokenDidExpire` ->
//!   `OnIdTokenDidExpire`, `target_amount` -> `TargetAmount`);
//! - fields and handler methods are snake_case (`requestId` -> `request_id`); a Rust
//!   keyword becomes a raw identifier (`type` -> `r#type`);
//! - a name that would start with a digit, or is empty, gets a `_` (fields) or `V` (types)
//!   prefix;
//! - letters and digits of any script that Rust accepts in identifiers are kept
//!   (`名前` -> `名前`, `café` -> `Café`); any other character separates words
//!   (`area_m²` -> `AreaM`), and a name with no letter or digit at all is spelled by its
//!   code points (`+` -> `u002b`); the empty name is `Empty` / `empty`;
//! - two properties whose fields would have one name (`fooBar` and `foo_bar`), or a
//!   property named like a generated field (`additional_properties`), are told apart
//!   in schema order: the first keeps the name, the next get `_2`, `_3`...;
//! - two schemas that want one type name: see [`type_name_candidates`].

/// Whether `ch` can be part of a word of a generated name: a letter or digit that Rust
/// accepts inside an identifier (any script: `名前`, `café` stay as they are).
fn is_word_char(ch: char) -> bool {
    ch.is_ascii_alphanumeric() || (ch.is_alphanumeric() && unicode_ident::is_xid_continue(ch))
}

/// Calls `each` with every word of a wire name, in order: the runs of letters and
/// digits, split at lower-to-upper case changes (as written, not lowercased). A name
/// without any letter or digit (`+`, `²`, `$`) is spelled by its characters' code
/// points instead (`u002b`), so that it still reads as itself and stays distinct.
fn words(name: &str, mut each: impl FnMut(&str)) {
    if !name.chars().any(is_word_char) {
        for ch in name.chars() {
            each(&format!("u{:04x}", u32::from(ch)));
        }
        return;
    }
    let mut start: Option<usize> = None;
    let mut previous: Option<char> = None;
    let mut chars = name.char_indices().peekable();
    while let Some((index, ch)) = chars.next() {
        if !is_word_char(ch) {
            if let Some(start) = start.take() {
                each(&name[start..index]);
            }
            previous = None;
            continue;
        }
        let boundary = match previous {
            Some(prev) => {
                (prev.is_lowercase() || prev.is_ascii_digit()) && ch.is_uppercase()
                    // "HTTPServer" -> "HTTP", "Server"
                    || prev.is_uppercase()
                        && ch.is_uppercase()
                        && chars.peek().is_some_and(|(_, next)| next.is_lowercase())
            }
            None => false,
        };
        if boundary && let Some(start) = start.take() {
            each(&name[start..index]);
        }
        start.get_or_insert(index);
        previous = Some(ch);
    }
    if let Some(start) = start {
        each(&name[start..]);
    }
}

/// Whether `name` may start an identifier as it is (else it gets a prefix).
fn starts_identifier(name: &str) -> bool {
    name.chars()
        .next()
        .is_some_and(|first| first == '_' || unicode_ident::is_xid_start(first))
}

/// `UpperCamelCase`, for types and variants.
pub fn type_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 1);
    words(name, |word| {
        for (index, ch) in word.chars().enumerate() {
            if index == 0 {
                out.extend(ch.to_uppercase());
            } else {
                out.extend(ch.to_lowercase());
            }
        }
    });
    if out.is_empty() {
        return "Empty".to_owned();
    }
    if !starts_identifier(&out) {
        out.insert(0, 'V');
    }
    if matches!(out.as_str(), "Self") {
        out.push('_');
    }
    out
}

/// `snake_case`, for fields and methods; keywords become raw identifiers.
pub fn field_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    words(name, |word| {
        if !out.is_empty() {
            out.push('_');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    });
    if out.is_empty() {
        return "empty".to_owned();
    }
    if !starts_identifier(&out) {
        out.insert(0, '_');
    }
    if matches!(out.as_str(), "self" | "super" | "crate" | "_") {
        out.push('_');
    } else if is_keyword(&out) {
        out.insert_str(0, "r#");
    }
    out
}

/// The first of `Wanted`, `Wanted2`, `Wanted3`... that `taken` does not hold: the
/// variant of an enum value whose name another value of the enum already has after
/// conversion (`c` and `c++` are `C` and `C2`; `GLACIER` and `Glacier`).
pub fn distinct_type(wanted: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(wanted) {
        return wanted.to_owned();
    }
    (2..)
        .map(|number: u64| format!("{wanted}{number}"))
        .find(|candidate| !taken(candidate))
        .unwrap_or_else(|| wanted.to_owned())
}

/// The first of `wanted`, `wanted_2`, `wanted_3`... (for a raw identifier, `r#type`,
/// `type_2`...) that `taken` does not hold: the Rust field of a property whose name
/// another property (or a generated field) already has after conversion.
pub fn distinct_field(wanted: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(wanted) {
        return wanted.to_owned();
    }
    (2..)
        .map(|number: u64| format!("{}_{number}", unraw(wanted)))
        .find(|candidate| !taken(candidate))
        .unwrap_or_else(|| wanted.to_owned())
}

/// Rust keywords (strict and reserved, all editions) that need `r#`.
pub(crate) fn is_keyword(word: &str) -> bool {
    matches!(
        word,
        "as" | "break"
            | "const"
            | "continue"
            | "else"
            | "enum"
            | "extern"
            | "false"
            | "fn"
            | "for"
            | "if"
            | "impl"
            | "in"
            | "let"
            | "loop"
            | "match"
            | "mod"
            | "move"
            | "mut"
            | "pub"
            | "ref"
            | "return"
            | "static"
            | "struct"
            | "trait"
            | "true"
            | "type"
            | "unsafe"
            | "use"
            | "where"
            | "while"
            | "async"
            | "await"
            | "dyn"
            | "abstract"
            | "become"
            | "box"
            | "do"
            | "final"
            | "macro"
            | "override"
            | "priv"
            | "typeof"
            | "unsized"
            | "virtual"
            | "yield"
            | "try"
            | "gen"
    )
}

/// Keywords whose name says nothing about what a subschema is (`properties`, `items`,
/// `$defs`...): left out of the names made from a schema's location.
const STRUCTURAL: &[&str] = &[
    "properties",
    "patternProperties",
    "additionalProperties",
    "items",
    "prefixItems",
    "additionalItems",
    "contains",
    "definitions",
    "$defs",
    "allOf",
    "anyOf",
    "oneOf",
    "not",
    "if",
    "then",
    "else",
    "dependentSchemas",
    "dependencies",
    "propertyNames",
    "unevaluatedProperties",
    "unevaluatedItems",
];

/// The type names a subschema may take, best first, when the one it wants is taken:
/// `preferred` (its `title`, or the name its place suggests), then `suggested` (the
/// parent type and property, e.g. `FirmOrderManufactureDate`), then names made of the
/// last one, two, three... words of its location (`/definitions/firm/properties/state`
/// gives `State`, `FirmState`), each also followed by `preferred` when that is a
/// `title`, then `preferred` numbered from 2. The list depends only on the subschema
/// itself, so which name a type gets changes only when another type that wants the
/// same name comes before it.
pub fn type_name_candidates(
    pointer: &str,
    preferred: &str,
    suggested: &str,
) -> impl Iterator<Item = String> + use<> {
    let words: Vec<String> = pointer
        .split('/')
        .skip(1)
        .map(|segment| segment.replace("~1", "/").replace("~0", "~"))
        .filter(|segment| !STRUCTURAL.contains(&segment.as_str()))
        .collect();
    let titled = preferred != suggested;
    // Made only when asked for: most names are free at the first candidate.
    let located = (1..=words.len()).flat_map({
        let preferred = preferred.to_owned();
        move |length| {
            let base = type_name(&words[words.len() - length..].join("_"));
            let titled =
                (titled && !base.ends_with(&preferred)).then(|| format!("{base}{preferred}"));
            titled.into_iter().chain(std::iter::once(base))
        }
    });
    let preferred = preferred.to_owned();
    let numbered = (2..).map({
        let preferred = preferred.clone();
        move |number: u64| format!("{preferred}{number}")
    });
    std::iter::once(preferred)
        .chain(titled.then(|| suggested.to_owned()))
        .chain(located)
        .chain(numbered)
}

/// The catch-all variant of the dispatch enum (`catch_all = true`).
pub const CATCH_ALL_VARIANT: &str = "Other";

/// The variant of a generated enum that keeps an unknown value (a tolerant read): `Other`,
/// unless a value of the enum takes that name, then the first free of `OtherValue`,
/// `UnknownValue`, `Other2`, `Other3`, ...
pub fn unknown_variant<'a>(variants: impl Iterator<Item = &'a str> + Clone) -> String {
    let taken = |name: &str| variants.clone().any(|variant| variant == name);
    ["Other", "OtherValue", "UnknownValue"]
        .into_iter()
        .map(str::to_owned)
        .chain((2..).map(|number| format!("Other{number}")))
        .find(|name| !taken(name))
        .unwrap_or_default()
}

/// The handler method of the catch-all variant.
pub const CATCH_ALL_METHOD: &str = "other";

/// The field of an open object that holds its unknown keys.
pub const ADDITIONAL_FIELD: &str = "additional_properties";

/// How the doc line of a `patternProperties` map field starts (`api` reads the pattern
/// back from it).
pub const PATTERN_DOC_PREFIX: &str = "The properties whose names match `";

/// The field that holds the keys matching the first `patternProperties` pattern.
pub const PATTERN_FIELD: &str = "pattern_properties";

/// The field that holds the keys matching the `index`-th (from 0) `patternProperties`
/// pattern: `pattern_properties`, then `pattern_properties_2`, `pattern_properties_3`...
/// (a pattern added after the others leaves their names as they were).
pub fn pattern_field(index: usize) -> String {
    match index {
        0 => PATTERN_FIELD.to_owned(),
        _ => format!("{PATTERN_FIELD}_{}", index + 1),
    }
}

/// The type name suggested for the values of the `index`-th pattern of `owner`.
pub fn pattern_value_type(owner: &str, index: usize) -> String {
    match index {
        0 => format!("{owner}Pattern"),
        _ => format!("{owner}Pattern{}", index + 1),
    }
}

/// The static that holds the schema documents of the validated JSON value types.
pub const DOCUMENTS_STATIC: &str = "__DES_EVENTS_SCHEMA_DOCUMENTS";

/// The variant of an event in the dispatch enum: UpperCamelCase of its wire name.
pub fn event_variant(wire_name: &str) -> String {
    type_name(wire_name)
}

/// The handler method of an event: snake_case of its wire name.
pub fn handler_method(wire_name: &str) -> String {
    field_name(wire_name)
}

/// The handler trait of a dispatch enum: `<Enum>Handler`.
pub fn handler_trait(dispatch_enum: &str) -> String {
    format!("{dispatch_enum}Handler")
}

/// The type names the generated API of a schema takes besides its own types: the
/// dispatch enum and its handler trait.
pub fn reserved_types(dispatch_enum: &str) -> [String; 2] {
    [dispatch_enum.to_owned(), handler_trait(dispatch_enum)]
}

/// The builder of a struct (`builder = true`): `<Struct>Builder`.
pub fn builder_struct(name: &str) -> String {
    format!("{name}Builder")
}

/// The struct an open-envelope variant holds (the content field and the other keys):
/// `<Variant>Envelope`.
pub fn envelope_struct(variant: &str) -> String {
    format!("{variant}Envelope")
}

/// The dispatch enum's method that returns a variant's tag value, and the associated
/// const listing every tag value: `event_name` / `EVENT_NAMES` for the `event` tag (the
/// classic names), `tag` / `TAGS` for any other tag.
pub fn tag_accessors(tag: &str) -> (&'static str, &'static str) {
    if tag == "event" {
        ("event_name", "EVENT_NAMES")
    } else {
        ("tag", "TAGS")
    }
}

/// The accessor of a field with a `default`: `<field>_or_default`.
pub fn default_accessor(field: &str) -> String {
    format!("{}_or_default", unraw(field))
}

/// The helper on a request's message that builds a reply: `reply_<reply's handler
/// method>`.
pub fn reply_helper(reply_method: &str) -> String {
    format!("reply_{}", unraw(reply_method))
}

/// The hidden function that returns a field's own schema: `__des_schema_<field>`.
pub fn exact_schema_fn(field: &str) -> String {
    format!("__des_schema_{}", unraw(field))
}

/// The `#[cfg(test)]` module of the conformance tests of a dispatch enum.
pub fn conformance_module(dispatch_enum: &str) -> String {
    format!(
        "__des_events_conformance_{}",
        unraw(&field_name(dispatch_enum))
    )
}

/// The conformance test of the `index`-th example of an event.
pub fn example_test(handler_method: &str, index: usize) -> String {
    format!("example_{}_{index}", unraw(handler_method))
}

/// The conformance test that every mutant of an event's examples is rejected.
pub fn mutants_test(handler_method: &str) -> String {
    format!("mutants_of_{}", unraw(handler_method))
}

/// `name` without its raw-identifier prefix, to build a longer name from it.
fn unraw(name: &str) -> &str {
    name.strip_prefix("r#").unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_names() {
        assert_eq!(type_name("onIdTokenDidExpire"), "OnIdTokenDidExpire");
        assert_eq!(type_name("target_amount"), "TargetAmount");
        assert_eq!(type_name("UserClicked"), "UserClicked");
        assert_eq!(type_name("HTTPServer"), "HttpServer");
        assert_eq!(type_name("on-share now"), "OnShareNow");
        assert_eq!(type_name("3d"), "V3d");
        assert_eq!(type_name(""), "Empty");
        assert_eq!(type_name("self"), "Self_");
        assert_eq!(type_name("area_m²"), "AreaM");
        assert_eq!(type_name("café"), "Café");
        assert_eq!(type_name("名前"), "名前");
        assert_eq!(field_name("名前"), "名前");
        assert_eq!(field_name("²"), "u00b2");
        assert_eq!(field_name("a²"), "a");
        assert_eq!(field_name(""), "empty");
        assert_eq!(type_name("+"), "U002b");
        assert_eq!(distinct_field("a", |name| name == "a"), "a_2");
        assert_eq!(distinct_field("r#type", |name| name == "r#type"), "type_2");
        assert_eq!(distinct_field("b", |_| false), "b");
    }

    #[test]
    fn field_names() {
        assert_eq!(field_name("requestId"), "request_id");
        assert_eq!(field_name("target_amount"), "target_amount");
        assert_eq!(field_name("externalId"), "external_id");
        assert_eq!(field_name("type"), "r#type");
        assert_eq!(field_name("self"), "self_");
        assert_eq!(field_name("2fa"), "_2fa");
        assert_eq!(field_name("idToken"), "id_token");
    }

    #[test]
    fn collision_candidates() {
        let first: Vec<String> =
            type_name_candidates("/definitions/firm/properties/state", "State", "FirmState")
                .take(4)
                .collect();
        assert_eq!(first, ["State", "FirmState", "State", "FirmState"]);
        let titled: Vec<String> = type_name_candidates(
            "/definitions/order/properties/manufactureDate",
            "Date",
            "OrderManufactureDate",
        )
        .take(5)
        .collect();
        assert_eq!(
            titled,
            [
                "Date",
                "OrderManufactureDate",
                "ManufactureDate",
                "OrderManufactureDate",
                "Date2"
            ]
        );
        let other: Vec<String> = type_name_candidates("/$defs/a/properties/b", "Title", "AB")
            .take(4)
            .collect();
        assert_eq!(other, ["Title", "AB", "BTitle", "B"]);
        assert_eq!(
            type_name_candidates("", "Root", "Root").nth(1).as_deref(),
            Some("Root2")
        );
    }

    #[test]
    fn generated_item_names() {
        assert_eq!(handler_trait("DesEvent"), "DesEventHandler");
        assert_eq!(reserved_types("E"), ["E", "EHandler"]);
        assert_eq!(event_variant("onIdTokenDidExpire"), "OnIdTokenDidExpire");
        assert_eq!(
            handler_method("onIdTokenDidExpire"),
            "on_id_token_did_expire"
        );
        assert_eq!(default_accessor("r#type"), "type_or_default");
        assert_eq!(reply_helper("update_token"), "reply_update_token");
        assert_eq!(reply_helper("r#type"), "reply_type");
        assert_eq!(exact_schema_fn("r#type"), "__des_schema_type");
        assert_eq!(
            conformance_module("DesEvent"),
            "__des_events_conformance_des_event"
        );
        assert_eq!(example_test("r#type", 2), "example_type_2");
        assert_eq!(mutants_test("ping"), "mutants_of_ping");
    }
}
