//! How the generated types fit the user's code: the options that `include_schema!`, the
//! build-script [`Builder`](crate::Builder) and `des-events expand` share ([`Settings`]:
//! extra derives and attributes, per-type patches, map type, builders, schemars impls),
//! and their resolution against a checked schema ([`resolve`]).
//!
//! Resolution runs in [`generate`](crate::generate) after the schema's own checks, so
//! that the expansion only ever sees options that hold: every type a patch names exists,
//! every rename is a free identifier, every derive the engine knows is proven to hold for
//! the type it is asked on (`Eq` next to an `f64` is an error at the `f64`'s place in
//! the schema, not a rustc error deep in generated code).

mod convert;
mod traits;

use std::collections::HashMap;
use std::str::FromStr;

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use quote::quote;

use crate::diag::{Diagnostic, Diagnostics};
use crate::ir::{Schema, TypeDef};
use crate::load::Document;
use crate::name;

pub(crate) use traits::StdTrait;

/// The options of the generated code that make it fit the user's code. The same names
/// and meaning in all three ways in: `include_schema!(..., derives = [...])`,
/// [`Builder::derive`](crate::Builder) and `des-events expand --derive`.
///
/// Every value is Rust source text (a path, an attribute), read when the request is
/// generated: a typo is a diagnostic then, never a panic.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    derives: Vec<String>,
    attrs: Vec<String>,
    patches: Vec<(String, Patch)>,
    replacements: Vec<(String, String)>,
    conversions: Vec<(String, String)>,
    map_type: Option<MapType>,
    builder: bool,
    no_json_schema: bool,
}

/// Changes to one generated type, addressed by its generated name or by the JSON
/// pointer of its schema ([`Settings::patch`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Patch {
    rename: Option<String>,
    derives: Vec<String>,
    attrs: Vec<String>,
}

impl Patch {
    /// No change yet.
    pub fn new() -> Patch {
        Patch::default()
    }

    /// Gives the type this name instead of the generated one (every use follows).
    pub fn rename(mut self, name: impl Into<String>) -> Patch {
        self.rename = Some(name.into());
        self
    }

    /// Adds a derive to this type only, e.g. `"Eq"` or `"serde_with::SerializeDisplay"`.
    pub fn derive(mut self, path: impl Into<String>) -> Patch {
        self.derives.push(path.into());
        self
    }

    /// Adds an attribute to this type only, e.g. `"#[non_exhaustive]"`.
    pub fn attr(mut self, attr: impl Into<String>) -> Patch {
        self.attrs.push(attr.into());
        self
    }
}

/// The Rust map type of patterned properties (`patternProperties`) and of the other keys
/// of an open object (`additional_properties`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MapType {
    /// `std::collections::BTreeMap`: keys in sorted order.
    BTreeMap,
    /// `std::collections::HashMap`: no order (and no `Hash`/`Ord` on the struct).
    HashMap,
    /// `indexmap::IndexMap`: keys in the order the document has them. Needs the
    /// `indexmap` feature of `des-events`.
    IndexMap,
}

impl MapType {
    /// The names `map_type` accepts.
    pub const NAMES: [&'static str; 3] = ["BTreeMap", "HashMap", "IndexMap"];

    /// The name as the options spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            MapType::BTreeMap => "BTreeMap",
            MapType::HashMap => "HashMap",
            MapType::IndexMap => "IndexMap",
        }
    }
}

impl FromStr for MapType {
    type Err = String;

    fn from_str(text: &str) -> Result<MapType, String> {
        match text {
            "BTreeMap" => Ok(MapType::BTreeMap),
            "HashMap" => Ok(MapType::HashMap),
            "IndexMap" => Ok(MapType::IndexMap),
            other => Err(format!(
                "unknown map type `{other}`; expected one of {}",
                MapType::NAMES.join(", ")
            )),
        }
    }
}

impl Settings {
    /// The defaults: nothing extra; maps as the engine picks them (`BTreeMap` for typed
    /// values, `serde_json::Map` for untyped ones); no builders; schemars impls on.
    pub fn new() -> Settings {
        Settings::default()
    }

    /// `derives = [...]`: a derive on every generated type, e.g. `"Eq"` or
    /// `"::core::hash::Hash"`. One the engine knows (the standard traits) must hold for
    /// every type, or generation fails at the place that breaks it.
    pub fn derive(mut self, path: impl Into<String>) -> Settings {
        self.derives.push(path.into());
        self
    }

    /// `attrs = [...]`: an attribute on every generated type, e.g. `"#[non_exhaustive]"`.
    pub fn attr(mut self, attr: impl Into<String>) -> Settings {
        self.attrs.push(attr.into());
        self
    }

    /// `patch = { "Target": { ... } }`: changes to one type, named by its generated name
    /// or by its schema's JSON pointer (`"#/definitions/order"` or `"/definitions/order"`).
    pub fn patch(mut self, target: impl Into<String>, patch: Patch) -> Settings {
        self.patches.push((target.into(), patch));
        self
    }

    /// `replace = { "Target": path::to::Type }`: your type stands in for a generated
    /// one (named or located as in [`Settings::patch`]); the generated name becomes an
    /// alias of it. Your type must read and write exactly the JSON the schema allows
    /// (see docs/fit.md, "Replacements"): the conformance tests run through it.
    pub fn replace(mut self, target: impl Into<String>, path: impl Into<String>) -> Settings {
        self.replacements.push((target.into(), path.into()));
        self
    }

    /// `convert = { "format": path::Type }`: strings of an asserted `format` read as
    /// `path::Type` (e.g. `"uuid"` as `uuid::Uuid`, with the `uuid` feature of
    /// `des-events`). The accepted pairs are listed in docs/fit.md ("Conversions").
    pub fn convert(mut self, format: impl Into<String>, rust: impl Into<String>) -> Settings {
        self.conversions.push((format.into(), rust.into()));
        self
    }

    /// `map_type = "..."`: the map of patterned and other properties.
    pub fn map_type(mut self, map_type: MapType) -> Settings {
        self.map_type = Some(map_type);
        self
    }

    /// `builder = true`: a validated builder per struct (`Type::builder()`), whose
    /// `build()` returns the value only if the schema accepts it.
    pub fn builder(mut self, builder: bool) -> Settings {
        self.builder = builder;
        self
    }

    /// `json_schema = false`: no `schemars::JsonSchema` impls (less code to compile).
    pub fn json_schema(mut self, json_schema: bool) -> Settings {
        self.no_json_schema = !json_schema;
        self
    }
}

/// The settings, checked against a schema: what the expansion reads.
#[derive(Clone, Debug, Default)]
pub(crate) struct Fit {
    /// Attributes after a type's own derive (`#[derive(...)]` of the extra derives it
    /// does not already have, then the extra attributes), by generated type name.
    extras: HashMap<String, TokenStream>,
    /// The map type asked for (`None`: the engine's default).
    pub map_type: Option<MapType>,
    /// The user's types that stand in for generated ones, by generated name.
    pub replaced: HashMap<String, TokenStream>,
    /// The builder struct of each struct, by struct name (empty without `builder`).
    pub builders: HashMap<String, String>,
    /// Emit the schemars impls and attributes.
    pub json_schema: bool,
    /// Some string is read as a converted type (`convert`): texts are canonical.
    pub converted: bool,
}

impl Fit {
    /// The extra attributes of the type `name` (empty when there are none).
    pub(crate) fn extras(&self, name: &str) -> TokenStream {
        self.extras.get(name).cloned().unwrap_or_default()
    }
}

/// Checks `settings` against `schema` (loaded from `doc`) and applies its renames to
/// `schema`. `catch_all`: the dispatch enum has the catch-all variant.
pub(crate) fn resolve(
    doc: &Document,
    schema: &mut Schema,
    settings: &Settings,
    catch_all: bool,
) -> Result<Fit, Diagnostics> {
    let mut problems = Problems {
        doc,
        found: Vec::new(),
    };
    let global_derives = problems.derives(&settings.derives, "derives");
    let global_attrs = problems.attrs(&settings.attrs, "attrs");
    // Patches by the type they address (renames are applied after every check).
    let mut patched: Vec<Patched> = Vec::new();
    for (target, patch) in &settings.patches {
        let Some(name) = problems.target(schema, target, "patch") else {
            continue;
        };
        let derives = problems.derives(&patch.derives, "patch derives");
        let attrs = problems.attrs(&patch.attrs, "patch attrs");
        match patched.iter_mut().find(|held| held.name == name) {
            Some(held) => {
                held.derives.extend(derives);
                held.attrs.extend(attrs);
                if patch.rename.is_some() {
                    held.rename.clone_from(&patch.rename);
                }
            }
            None => patched.push(Patched {
                name,
                derives,
                attrs,
                rename: patch.rename.clone(),
            }),
        }
    }
    let mut replaced: HashMap<String, TokenStream> = HashMap::new();
    for (target, path) in &settings.replacements {
        let Some(name) = problems.target(schema, target, "replace") else {
            continue;
        };
        if schema.type_def(&name).is_none() || schema.roots.iter().any(|root| root.name == name) {
            problems.push(
                None,
                format!(
                    "`replace`: `{name}` is what a whole document is read as (the root), which cannot be replaced"
                ),
                Some("replace the types inside it".to_owned()),
            );
            continue;
        }
        match TokenStream::from_str(path) {
            Ok(tokens) if syn_free_type_check(&tokens) => {
                replaced.insert(name, tokens);
            }
            _ => problems.push(
                None,
                format!("`replace`: `{path}` (for `{name}`) is not a Rust type"),
                None,
            ),
        }
    }
    let mut conversions = Vec::new();
    for (format, rust) in &settings.conversions {
        match convert::find(format, rust) {
            Some(conversion) => conversions.push(conversion),
            None => problems.push(
                None,
                format!(
                    "`convert`: `\"{format}\": {}` is not a conversion des-events keeps exact",
                    rust.split_whitespace().collect::<String>()
                ),
                Some(format!("the conversions are {}", convert::listed())),
            ),
        }
    }
    let mut converted = false;
    if !conversions.is_empty() {
        schema.visit_types_mut(&mut |ty| {
            if let crate::ir::Type::String(rules) = ty
                && !rules.credential
                && let Some(conversion) = conversions
                    .iter()
                    .find(|conversion| Some(conversion.format) == rules.format)
            {
                rules.converted = Some(conversion.generated.to_owned());
                converted = true;
            }
        });
    }
    let map_type = settings.map_type;
    schema.set_unordered_maps(matches!(
        map_type,
        Some(MapType::HashMap | MapType::IndexMap)
    ));
    // Derives: every known trait asked for a type must hold for it.
    let mut asked: HashMap<&str, Vec<&Derive>> = HashMap::new();
    let mut names: Vec<&str> = schema.types.iter().map(TypeDef::name).collect();
    if !schema.events.is_empty() {
        names.push(&schema.name);
    }
    for name in &names {
        let entry = asked.entry(name).or_default();
        entry.extend(global_derives.iter());
    }
    for held in &patched {
        if let Some(entry) = asked.get_mut(held.name.as_str()) {
            entry.extend(held.derives.iter());
        }
    }
    let capabilities = traits::Capabilities {
        schema,
        map_type,
        catch_all,
        asked: &asked,
    };
    for name in &names {
        for derive in asked.get(name).into_iter().flatten() {
            let Some(known) = derive.known else { continue };
            if let Some(blocker) = capabilities.blocker(name, known) {
                let global = global_derives.iter().any(|each| each.text == derive.text);
                problems.blocked(name, derive, &blocker, global);
            }
        }
    }
    let mut extras: HashMap<String, TokenStream> = HashMap::new();
    for name in &names {
        let mut tokens = TokenStream::new();
        let mut paths: Vec<&TokenStream> = Vec::new();
        let mut seen: Vec<&str> = Vec::new();
        for derive in asked.get(name).into_iter().flatten() {
            let generated = derive
                .known
                .is_some_and(|known| capabilities.generated(name, known));
            if generated || seen.contains(&derive.text.as_str()) {
                continue;
            }
            seen.push(&derive.text);
            paths.push(&derive.path);
        }
        if !paths.is_empty() {
            tokens.extend(quote!(#[derive(#(#paths),*)]));
        }
        tokens.extend(global_attrs.iter().cloned());
        if let Some(held) = patched.iter().find(|held| held.name == *name) {
            tokens.extend(held.attrs.iter().cloned());
        }
        if !tokens.is_empty() {
            extras.insert((*name).to_owned(), tokens);
        }
    }
    // Renames: each new name is an identifier no other item of the API holds.
    let renames: Vec<(String, String)> = patched
        .iter()
        .filter_map(|held| Some((held.name.clone(), held.rename.clone()?)))
        .collect();
    for (from, to) in &renames {
        problems.rename(schema, from, to, &renames);
    }
    if !problems.found.is_empty() {
        return Err(Diagnostics(problems.found));
    }
    for (from, to) in &renames {
        if let Some(tokens) = extras.remove(from) {
            extras.insert(to.clone(), tokens);
        }
        if let Some(tokens) = replaced.remove(from) {
            replaced.insert(to.clone(), tokens);
        }
        schema.rename_type(from, to);
    }
    let mut builders = if settings.builder {
        builder_names(schema)
    } else {
        HashMap::new()
    };
    // A replaced type is the user's: no builder, no extra derives.
    for name in replaced.keys() {
        builders.remove(name);
        extras.remove(name);
    }
    Ok(Fit {
        extras,
        map_type,
        replaced,
        builders,
        json_schema: !settings.no_json_schema,
        converted,
    })
}

/// `<Struct>Builder` for every struct, numbered past any name the API already holds.
fn builder_names(schema: &Schema) -> HashMap<String, String> {
    let mut taken: Vec<String> = schema
        .types
        .iter()
        .map(|def| def.name().to_owned())
        .collect();
    taken.extend(name::reserved_types(&schema.name));
    let mut builders = HashMap::new();
    for def in &schema.types {
        if let TypeDef::Struct(def) = def {
            let wanted = name::builder_struct(&def.name);
            let chosen = name::distinct_type(&wanted, |candidate| {
                taken.iter().any(|held| held == candidate)
            });
            taken.push(chosen.clone());
            builders.insert(def.name.clone(), chosen);
        }
    }
    builders
}

/// The patches of one type, merged and read.
struct Patched {
    /// The generated name of the type.
    name: String,
    derives: Vec<Derive>,
    attrs: Vec<TokenStream>,
    rename: Option<String>,
}

/// A derive asked for: its path, its text, and the standard trait it is, if any.
#[derive(Clone, Debug)]
pub(crate) struct Derive {
    path: TokenStream,
    text: String,
    known: Option<StdTrait>,
}

/// What stops a derive: a value of the type, where it is, and what it is in Rust.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Blocker {
    /// The JSON pointer of the schema of the value.
    pub pointer: String,
    /// What the value is, e.g. "the field `total`".
    pub what: String,
    /// Its Rust type, e.g. "`f64`".
    pub rust: String,
}

/// The problems found so far, each located in the schema where it can be.
struct Problems<'a> {
    doc: &'a Document,
    found: Vec<Diagnostic>,
}

impl Problems<'_> {
    fn push(&mut self, pointer: Option<&str>, message: String, hint: Option<String>) {
        self.found.push(Diagnostic {
            file: self.doc.file.clone(),
            pos: pointer.and_then(|pointer| self.doc.pos(pointer)),
            pointer: pointer.map(str::to_owned),
            message,
            hint,
        });
    }

    /// Each text as a derive path.
    fn derives(&mut self, texts: &[String], option: &str) -> Vec<Derive> {
        let mut derives = Vec::new();
        for text in texts {
            match parse_path(text) {
                Some((path, last)) => {
                    let known = StdTrait::named(&path, &last);
                    if matches!(last.as_str(), "Serialize" | "Deserialize" | "JsonSchema") {
                        self.push(
                            None,
                            format!(
                                "`{option} = [{}]`: every generated type implements `{last}` itself",
                                compact(&path)
                            ),
                            Some(
                                "the generated `Deserialize` checks the schema and `Serialize` writes what it reads; leave it out".to_owned(),
                            ),
                        );
                        continue;
                    }
                    derives.push(Derive {
                        text: compact(&path),
                        path,
                        known,
                    });
                }
                None => self.push(
                    None,
                    format!("`{option}`: `{text}` is not a path to a derive macro"),
                    Some(
                        "write a path such as `Eq`, `::core::hash::Hash` or `strum::Display`"
                            .to_owned(),
                    ),
                ),
            }
        }
        derives
    }

    /// Each text as an outer attribute (`#[...]`, or what goes between the brackets).
    fn attrs(&mut self, texts: &[String], option: &str) -> Vec<TokenStream> {
        let mut attrs = Vec::new();
        for text in texts {
            match parse_attr(text) {
                Ok(attr) => attrs.push(attr),
                Err(reason) => self.push(None, format!("`{option}`: `{text}` {reason}"), None),
            }
        }
        attrs
    }

    /// The generated name of the type `target` addresses (a name or a JSON pointer).
    fn target(&mut self, schema: &Schema, target: &str, option: &str) -> Option<String> {
        let pointer = target.strip_prefix('#').unwrap_or(target);
        let by_pointer = (pointer.is_empty() || pointer.starts_with('/'))
            .then(|| {
                schema
                    .types
                    .iter()
                    .find(|def| def.pointer() == pointer)
                    .map(|def| def.name().to_owned())
            })
            .flatten();
        let by_name = schema
            .type_def(target)
            .map(|def| def.name().to_owned())
            .or_else(|| {
                (!schema.events.is_empty() && target == schema.name).then(|| target.to_owned())
            });
        if let Some(found) = by_name.or(by_pointer) {
            return Some(found);
        }
        let mut listed: Vec<&str> = schema.types.iter().map(TypeDef::name).collect();
        if !schema.events.is_empty() {
            listed.push(&schema.name);
        }
        listed.sort_unstable();
        const SHOWN: usize = 60;
        let more = listed.len().saturating_sub(SHOWN);
        let mut names = listed
            .iter()
            .take(SHOWN)
            .map(|name| format!("`{name}`"))
            .collect::<Vec<_>>()
            .join(", ");
        if more > 0 {
            names.push_str(&format!(
                " and {more} more (`des-events api` lists them all)"
            ));
        }
        self.push(
            None,
            format!("`{option}`: no generated type is named or located `{target}`"),
            Some(format!("the generated types are {names}")),
        );
        None
    }

    /// A derive that cannot hold for `name`.
    fn blocked(&mut self, name: &str, derive: &Derive, blocker: &Blocker, global: bool) {
        let trait_name = derive.known.map_or("", StdTrait::as_str);
        let option = if global { "derives" } else { "patch derives" };
        let hint = if global {
            format!(
                "derive it only where it holds: `patch = {{ \"<Type>\": {{ derives = [{}] }} }}`",
                derive.text
            )
        } else {
            format!("remove `{}` from the patch of `{name}`", derive.text)
        };
        self.push(
            Some(&blocker.pointer),
            format!(
                "`{option} = [{}]` cannot hold for `{name}`: {} is {}, which is not `{trait_name}`",
                derive.text, blocker.what, blocker.rust
            ),
            Some(hint),
        );
    }

    /// A rename of `from` to `to` that must be an identifier no other item holds.
    fn rename(&mut self, schema: &Schema, from: &str, to: &str, renames: &[(String, String)]) {
        let pointer = schema.type_def(from).map(|def| def.pointer().to_owned());
        if !is_type_ident(to) {
            self.push(
                pointer.as_deref(),
                format!("`patch`: `{to}` (the new name of `{from}`) is not a Rust identifier"),
                None,
            );
            return;
        }
        let reserved = name::reserved_types(&schema.name);
        // What `to` collides with: a type that keeps its name, another rename's target,
        // or a name the API reserves.
        let kept = schema
            .types
            .iter()
            .map(TypeDef::name)
            .any(|held| held == to && !renames.iter().any(|(renamed, _)| renamed == held));
        let twice = renames.iter().filter(|(_, target)| target == to).count() > 1;
        let reserved_hit = reserved.iter().any(|held| held == to) && from != schema.name;
        if kept || twice || reserved_hit {
            self.push(
                pointer.as_deref(),
                format!("`patch`: cannot rename `{from}` to `{to}`: another item of the generated API is named `{to}`"),
                Some("choose a name that `des-events api` does not list".to_owned()),
            );
        }
    }
}

/// Whether `tokens` can be a type: not empty, and none of the punctuation that ends or
/// separates items (the compiler checks the rest where the alias is written).
fn syn_free_type_check(tokens: &TokenStream) -> bool {
    !tokens.is_empty()
        && tokens.clone().into_iter().all(|token| match token {
            TokenTree::Punct(punct) => !matches!(punct.as_char(), ';' | '=' | '#' | '{' | '}'),
            TokenTree::Group(group) => group.delimiter() != Delimiter::Brace,
            _ => true,
        })
}

/// A path as written in Rust (`serde::Deserialize`, not `serde :: Deserialize`).
fn compact(path: &TokenStream) -> String {
    path.to_string().replace(" :: ", "::").replace(":: ", "::")
}

/// `text` as a path to a derive macro (`Eq`, `::core::cmp::Eq`, `strum::Display`), and
/// its last segment.
fn parse_path(text: &str) -> Option<(TokenStream, String)> {
    let tokens = TokenStream::from_str(text).ok()?;
    let mut last = None;
    // Alternating: an optional leading `::`, then ident (`::` ident)*.
    let mut expect_ident = true;
    let mut colons = 0;
    for token in tokens.clone() {
        match token {
            TokenTree::Punct(punct) if punct.as_char() == ':' => {
                colons += 1;
                if colons == 2 {
                    if !expect_ident && last.is_none() {
                        return None;
                    }
                    expect_ident = true;
                    colons = 0;
                }
            }
            TokenTree::Ident(ident) if expect_ident && colons == 0 => {
                last = Some(ident.to_string());
                expect_ident = false;
            }
            _ => return None,
        }
    }
    if expect_ident || colons != 0 {
        return None;
    }
    Some((tokens, last?))
}

/// `text` as an outer attribute: `#[...]`, or its inside. Attributes of serde and
/// schemars are refused: they would make `Serialize` or the derived schema disagree with
/// the generated `Deserialize`, which implements the schema.
fn parse_attr(text: &str) -> Result<TokenStream, &'static str> {
    let tokens = TokenStream::from_str(text).map_err(|_| "is not Rust tokens")?;
    let mut iter = tokens.clone().into_iter();
    let inner = match (iter.next(), iter.next(), iter.next()) {
        (Some(TokenTree::Punct(hash)), Some(TokenTree::Group(group)), None)
            if hash.as_char() == '#' && group.delimiter() == Delimiter::Bracket =>
        {
            group.stream()
        }
        (Some(TokenTree::Punct(hash)), ..) if hash.as_char() == '#' => {
            return Err("is not one attribute `#[...]`");
        }
        _ => tokens,
    };
    let head = match inner.clone().into_iter().next() {
        Some(TokenTree::Ident(ident)) => ident.to_string(),
        _ => return Err("is not an attribute: expected `#[name...]`"),
    };
    match head.as_str() {
        "serde" | "schemars" => Err(
            "would change what the generated code writes or describes, which must stay what the schema says",
        ),
        "derive" => Err("is a derive: list the derive in `derives` instead"),
        _ => Ok(quote!(#[#inner])),
    }
}

/// Whether `text` can name a type: an identifier (not raw, not `_`), not a keyword.
fn is_type_ident(text: &str) -> bool {
    let mut chars = text.chars();
    chars
        .next()
        .is_some_and(|first| first == '_' || unicode_ident::is_xid_start(first))
        && chars.all(unicode_ident::is_xid_continue)
        && text != "_"
        && text != "Self"
        && !name::is_keyword(text)
}

#[cfg(test)]
mod tests {
    use super::{MapType, Patch, Settings, parse_attr, parse_path};
    use crate::{Request, Source, generate};

    const ORDER: &str = r##"{
        "title": "Order",
        "type": "object",
        "properties": {
            "total": { "type": "number" },
            "lines": { "type": "array", "items": { "$ref": "#/$defs/line" } }
        },
        "$defs": { "line": { "type": "object", "properties": { "sku": { "type": "string" } }, "additionalProperties": false } },
        "patternProperties": { "^x-": { "type": "string" } }
    }"##;

    fn expanded(settings: Settings) -> Result<String, String> {
        let request = Request::new(Source::text("order.json", ORDER))
            .tests(false)
            .settings(settings);
        generate(&request)
            .map(|generated| generated.tokens().to_string())
            .map_err(|problems| problems.to_string())
    }

    #[test]
    fn json_schema_false_leaves_no_trace_of_schemars() {
        let with = expanded(Settings::new()).expect("generates");
        assert!(with.contains("schemars"));
        let without = expanded(Settings::new().json_schema(false)).expect("generates");
        assert!(!without.contains("schemars"), "{without}");
    }

    #[test]
    fn derives_are_added_once_and_only_where_they_hold() {
        // `Line` is `Eq` already (the engine derives it): not derived twice.
        let code = expanded(Settings::new().patch("Line", Patch::new().derive("Eq").derive("Ord")))
            .expect("generates");
        assert!(code.contains("# [derive (Ord)]"), "{code}");
        assert!(!code.contains("# [derive (Eq"), "{code}");
        // `Order` holds an `f64`: the error is at `total`.
        let err = expanded(Settings::new().derive("Eq")).expect_err("f64 is not Eq");
        assert!(
            err.contains("/properties/total") && err.contains("`f64`"),
            "{err}"
        );
        // With `HashMap`, a struct with a map of patterned properties is not `Hash`.
        let err = expanded(
            Settings::new()
                .map_type(MapType::HashMap)
                .patch("Line", Patch::new())
                .derive("Hash"),
        )
        .expect_err("f64 and HashMap are not Hash");
        assert!(err.contains("Hash"), "{err}");
    }

    #[test]
    fn renames_follow_every_use() {
        let code =
            expanded(Settings::new().patch("#/$defs/line", Patch::new().rename("OrderLine")))
                .expect("generates");
        assert!(code.contains("pub struct OrderLine"), "{code}");
        assert!(
            code.contains(":: std :: vec :: Vec < OrderLine >"),
            "{code}"
        );
        assert!(!code.contains("< Line >"), "{code}");
    }

    #[test]
    fn derive_paths_are_read() {
        for (text, last) in [
            ("Eq", "Eq"),
            ("::core::hash::Hash", "Hash"),
            ("strum :: Display", "Display"),
        ] {
            assert_eq!(
                parse_path(text).map(|(_, found)| found).as_deref(),
                Some(last)
            );
        }
        for text in ["", "Eq Hash", "::", "a::", "Vec<u8>", "#[x]", "a:b", "1"] {
            assert!(parse_path(text).is_none(), "{text}");
        }
    }

    #[test]
    fn attributes_are_read_with_or_without_brackets() {
        let shown = |text: &str| parse_attr(text).map(|tokens| tokens.to_string());
        assert_eq!(
            shown("#[non_exhaustive]"),
            Ok("# [non_exhaustive]".to_owned())
        );
        assert_eq!(shown("non_exhaustive"), Ok("# [non_exhaustive]".to_owned()));
        assert_eq!(
            shown("cfg_attr(test, derive(Default))"),
            Ok("# [cfg_attr (test , derive (Default))]".to_owned())
        );
        assert!(shown("#[serde(rename_all = \"camelCase\")]").is_err());
        assert!(shown("derive(Eq)").is_err());
        assert!(shown("#[a] #[b]").is_err());
        assert!(shown("\"text\"").is_err());
    }
}
