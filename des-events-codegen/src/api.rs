//! The public API that `include_schema!` generates, as stable text: what a caller's code
//! can name. It is read from the generated code itself (parsed with `syn`), so it cannot
//! drift from what the macro emits.
//!
//! One section per public item, in the order the code generates them:
//!
//! ```text
//! pub struct AccountProvisioned
//!     pub request_id: des_events::Uuid  // "requestId"
//!     impl Clone, Debug, Deserialize<'de>, Eq, Hash, JsonSchema, PartialEq, Serialize
//! ```
//!
//! A struct lists its public fields (with the wire name), an enum its variants, then
//! each lists its public associated consts and functions (signatures only) and the
//! traits it implements, derived or written out: one sorted `impl A, B, ...` line, and
//! one line per trait with type arguments (`impl From<...>`). A trait lists its
//! associated types and methods. Paths from `core`/`std` are shortened to the item name
//! (`Option<String>`), `::des_events::...` to `des_events::...`. Left out: private items,
//! the `#[cfg(test)]` conformance tests, and the hidden `__private` plumbing
//! (`EventSet`). Docs are left out too: they are not API.
//!
//! How to read a change: a removed or changed line breaks callers (major); so does an
//! added struct field, enum variant or trait method (structs and enums are exhaustive,
//! trait methods are required). Any other added line is a compatible addition (minor).

use std::fmt::Write as _;

use syn::punctuated::Punctuated;
use syn::{
    Attribute, Fields, FnArg, GenericArgument, GenericParam, ImplItem, Item, PathArguments,
    ReturnType, Signature, TraitItem, Type, TypeParamBound, Visibility,
};

use crate::diff::Bump;
use crate::expand::{self, Options};
use crate::pipeline::Generated;

/// Traits of the hidden `__private` support module: not part of the API.
const HIDDEN_TRAITS: &[&str] = &["EventSet"];

/// The public surface of the code [`crate::generate`] made (with the same options; the
/// conformance tests are never part of it). Errors only if the generated code does not
/// parse, which would be an engine bug.
pub fn surface(generated: &Generated) -> Result<String, syn::Error> {
    let schema = generated.schema();
    let options = Options {
        tests: false,
        ..generated.options().clone()
    };
    let file: syn::File = syn::parse2(expand::expand(schema, &options))?;
    let mut sections = Sections::default();
    for item in &file.items {
        sections.item(item)?;
    }
    let replies = match &options.replies {
        Some(replies) => format!(
            "replies from `{}` in `{}`",
            replies.schema.file,
            compact(&replies.module.to_string())
        ),
        None => "no replies".to_owned(),
    };
    let mut out = format!(
        "// The public API that `include_schema!` generates from `{}`\n\
         // with catch_all = {}, {replies}.\n\
         // Printed by `des-events api`: do not edit.\n",
        schema.file, options.catch_all
    );
    for section in &sections.0 {
        out.push('\n');
        out.push_str(section.header.as_deref().unwrap_or(&section.name));
        // A name that is not the one its schema wanted says why.
        if let Some(renamed) = schema
            .renamed
            .iter()
            .find(|renamed| renamed.name == section.name)
        {
            let holder = if renamed.holder.is_empty() {
                "(root)"
            } else {
                &renamed.holder
            };
            let _ = write!(
                out,
                "  // disambiguated: the schema at {} wants `{}`, held by {holder}",
                if renamed.pointer.is_empty() {
                    "(root)"
                } else {
                    &renamed.pointer
                },
                renamed.wanted
            );
        }
        out.push('\n');
        for line in section.members.iter().chain(&section.items) {
            let _ = writeln!(out, "    {line}");
        }
        // Plain traits on one sorted line; `From<...>` and the like on their own.
        let (generic, mut plain): (Vec<&String>, Vec<&String>) = section
            .traits
            .iter()
            .partition(|name| name.contains('<') && !name.ends_with("<'de>"));
        plain.sort();
        plain.dedup();
        if !plain.is_empty() {
            let names: Vec<&str> = plain.iter().map(|name| name.as_str()).collect();
            let _ = writeln!(out, "    impl {}", names.join(", "));
        }
        for name in generic {
            let _ = writeln!(out, "    impl {name}");
        }
    }
    Ok(out)
}

/// What changed between two surfaces printed by [`surface`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SurfaceDiff {
    /// The bump the change needs: major when an item is gone or changed, or a struct
    /// field, enum variant or trait member appeared; minor when anything else appeared;
    /// patch when the surfaces hold the same items.
    pub bump: Bump,
    /// The items only in the old surface, as `header :: member`.
    pub removed: Vec<String>,
    /// The items only in the new surface, as `header :: member`.
    pub added: Vec<String>,
}

/// Compares two surfaces item by item (the order of items does not matter).
pub fn compare(old: &str, new: &str) -> SurfaceDiff {
    let old_items = items(old);
    let new_items = items(new);
    let removed: Vec<String> = old_items
        .iter()
        .filter(|item| !new_items.contains(item))
        .map(|(line, _)| line.clone())
        .collect();
    let added: Vec<&(String, bool)> = new_items
        .iter()
        .filter(|item| !old_items.contains(item))
        .collect();
    let bump = if !removed.is_empty() || added.iter().any(|(_, exhaustive)| *exhaustive) {
        Bump::Major
    } else if !added.is_empty() {
        Bump::Minor
    } else {
        Bump::Patch
    };
    SurfaceDiff {
        bump,
        removed,
        added: added.into_iter().map(|(line, _)| line.clone()).collect(),
    }
}

/// Every item of a surface as `(header :: member, exhaustive)`; each trait of an
/// `impl A, B` line is its own item. Exhaustive items (struct fields, enum variants,
/// trait members) break callers when they appear.
fn items(surface: &str) -> std::collections::BTreeSet<(String, bool)> {
    let mut out = std::collections::BTreeSet::new();
    let mut header = "";
    for line in surface.lines() {
        if line.trim().is_empty() || line.starts_with("//") {
            continue;
        }
        let Some(member) = line.strip_prefix("    ") else {
            header = line;
            out.insert((header.to_owned(), false));
            continue;
        };
        if let Some(traits) = member.strip_prefix("impl ") {
            for name in traits.split(", ") {
                out.insert((format!("{header} :: impl {name}"), false));
            }
            continue;
        }
        let inherent = member.starts_with("pub fn ") || member.starts_with("pub const ");
        let exhaustive = if header.starts_with("pub struct ") || header.starts_with("pub enum ") {
            !inherent
        } else {
            header.starts_with("pub trait ")
        };
        out.insert((format!("{header} :: {member}"), exhaustive));
    }
    out
}

/// One public type or trait and what belongs to it.
#[derive(Default)]
struct Section {
    name: String,
    /// `pub struct Name`; `None` until the item itself is seen.
    header: Option<String>,
    /// Fields, variants, trait items.
    members: Vec<String>,
    /// Inherent consts and functions.
    items: Vec<String>,
    /// The traits it implements, derived or written out.
    traits: Vec<String>,
}

#[derive(Default)]
struct Sections(Vec<Section>);

impl Sections {
    fn get(&mut self, name: &str) -> &mut Section {
        let index = match self.0.iter().position(|section| section.name == name) {
            Some(index) => index,
            None => {
                self.0.push(Section {
                    name: name.to_owned(),
                    ..Section::default()
                });
                self.0.len() - 1
            }
        };
        &mut self.0[index]
    }

    fn item(&mut self, item: &Item) -> syn::Result<()> {
        match item {
            Item::Type(item) if is_pub(&item.vis) => {
                let section = self.get(&item.ident.to_string());
                section.header = Some(format!("pub type {} = {}", item.ident, ty(&item.ty)));
            }
            Item::Struct(item) if is_pub(&item.vis) => {
                let section = self.get(&item.ident.to_string());
                section.header = Some(format!("pub struct {}", item.ident));
                section.traits.extend(derives(&item.attrs)?);
                if let Fields::Unnamed(fields) = &item.fields {
                    let types: Vec<String> = fields
                        .unnamed
                        .iter()
                        .filter(|field| is_pub(&field.vis))
                        .map(|field| format!("pub {}", ty(&field.ty)))
                        .collect();
                    if !types.is_empty() {
                        section.header =
                            Some(format!("pub struct {}({})", item.ident, types.join(", ")));
                    }
                }
                if let Fields::Named(fields) = &item.fields {
                    for field in fields.named.iter().filter(|field| is_pub(&field.vis)) {
                        let name = field.ident.as_ref().map(ToString::to_string);
                        let line = format!(
                            "pub {}: {}{}",
                            name.unwrap_or_default(),
                            ty(&field.ty),
                            wire_comment(&field.attrs)?
                        );
                        section.members.push(line);
                    }
                }
            }
            Item::Enum(item) if is_pub(&item.vis) => {
                let section = self.get(&item.ident.to_string());
                section.header = Some(format!("pub enum {}", item.ident));
                section.traits.extend(derives(&item.attrs)?);
                for variant in &item.variants {
                    let payload = match &variant.fields {
                        Fields::Unnamed(fields) => {
                            let types: Vec<String> =
                                fields.unnamed.iter().map(|field| ty(&field.ty)).collect();
                            format!("({})", types.join(", "))
                        }
                        Fields::Named(fields) => {
                            let named: Vec<String> = fields
                                .named
                                .iter()
                                .map(|field| {
                                    let name = field.ident.as_ref().map(ToString::to_string);
                                    format!("{}: {}", name.unwrap_or_default(), ty(&field.ty))
                                })
                                .collect();
                            format!(" {{ {} }}", named.join(", "))
                        }
                        Fields::Unit => String::new(),
                    };
                    section.members.push(format!(
                        "{}{payload}{}",
                        variant.ident,
                        wire_comment(&variant.attrs)?
                    ));
                }
            }
            Item::Trait(item) if is_pub(&item.vis) => {
                let section = self.get(&item.ident.to_string());
                section.header = Some(format!("pub trait {}", item.ident));
                for member in &item.items {
                    match member {
                        TraitItem::Type(member) => {
                            section.members.push(format!("type {}", member.ident));
                        }
                        TraitItem::Fn(member) => section.members.push(signature(&member.sig)),
                        TraitItem::Const(member) => section.members.push(format!(
                            "const {}: {}",
                            member.ident,
                            ty(&member.ty)
                        )),
                        _ => {}
                    }
                }
            }
            Item::Impl(item) => {
                let Some(owner) = type_name(&item.self_ty) else {
                    return Ok(());
                };
                match &item.trait_ {
                    Some((_, path, _)) => {
                        let last = path
                            .segments
                            .last()
                            .map(|segment| segment.ident.to_string());
                        if last.is_some_and(|name| HIDDEN_TRAITS.contains(&name.as_str())) {
                            return Ok(());
                        }
                        let name = path
                            .segments
                            .last()
                            .map(|segment| {
                                format!("{}{}", segment.ident, arguments(&segment.arguments))
                            })
                            .unwrap_or_default();
                        self.get(&owner).traits.push(name);
                    }
                    None => {
                        let section = self.get(&owner);
                        for member in &item.items {
                            match member {
                                ImplItem::Const(member) if is_pub(&member.vis) => {
                                    section.items.push(format!(
                                        "pub const {}: {}",
                                        member.ident,
                                        ty(&member.ty)
                                    ))
                                }
                                ImplItem::Fn(member) if is_pub(&member.vis) => {
                                    section
                                        .items
                                        .push(format!("pub {}", signature(&member.sig)));
                                }
                                _ => {}
                            }
                        }
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }
}

fn is_pub(vis: &Visibility) -> bool {
    matches!(vis, Visibility::Public(_))
}

/// The trait of every `#[derive(...)]` entry.
fn derives(attrs: &[Attribute]) -> syn::Result<Vec<String>> {
    let mut out = Vec::new();
    for attr in attrs.iter().filter(|attr| attr.path().is_ident("derive")) {
        let paths =
            attr.parse_args_with(Punctuated::<syn::Path, syn::Token![,]>::parse_terminated)?;
        for path in paths {
            if let Some(last) = path.segments.last() {
                out.push(last.ident.to_string());
            }
        }
    }
    Ok(out)
}

/// `  // "wireName"` from `#[serde(rename = "...")]`; `flatten` and `untagged` say so.
fn wire_comment(attrs: &[Attribute]) -> syn::Result<String> {
    let mut notes = Vec::new();
    for attr in attrs.iter().filter(|attr| attr.path().is_ident("serde")) {
        attr.parse_nested_meta(|meta| {
            if meta.input.peek(syn::Token![=]) {
                let value: syn::Lit = meta.value()?.parse()?;
                if meta.path.is_ident("rename")
                    && let syn::Lit::Str(wire) = value
                {
                    notes.push(format!("{:?}", wire.value()));
                }
            } else if meta.path.is_ident("flatten") {
                // The pattern itself is schema, not API (`diff` compares it).
                notes.push(if is_pattern_map(attrs) {
                    "the keys matching its pattern (flattened)".to_owned()
                } else {
                    "the unknown keys (flattened)".to_owned()
                });
            } else if meta.path.is_ident("untagged") {
                notes.push("anything else, kept as received".to_owned());
            }
            Ok(())
        })?;
    }
    Ok(if notes.is_empty() {
        String::new()
    } else {
        format!("  // {}", notes.join(", "))
    })
}

/// Whether a flattened field holds the keys of a `patternProperties` pattern (its
/// generated doc line says so).
fn is_pattern_map(attrs: &[Attribute]) -> bool {
    attrs.iter().any(|attr| {
        let syn::Meta::NameValue(meta) = &attr.meta else {
            return false;
        };
        matches!(&meta.value, syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(text), .. })
            if text.value().trim_start().starts_with(crate::name::PATTERN_DOC_PREFIX))
    })
}

/// The name of an `impl`'s self type.
fn type_name(self_ty: &Type) -> Option<String> {
    match self_ty {
        Type::Path(path) => path
            .path
            .segments
            .last()
            .map(|segment| segment.ident.to_string()),
        _ => None,
    }
}

/// A function signature: `fn name<G: Bound>(&self, arg: Type) -> Type`.
fn signature(sig: &Signature) -> String {
    let mut out = String::new();
    if sig.constness.is_some() {
        out.push_str("const ");
    }
    let _ = write!(out, "fn {}", sig.ident);
    let params: Vec<String> = sig
        .generics
        .params
        .iter()
        .map(|param| match param {
            GenericParam::Type(param) => {
                let bounds: Vec<String> = param.bounds.iter().map(bound).collect();
                if bounds.is_empty() {
                    param.ident.to_string()
                } else {
                    format!("{}: {}", param.ident, bounds.join(" + "))
                }
            }
            GenericParam::Lifetime(param) => param.lifetime.to_string(),
            GenericParam::Const(param) => format!("const {}: {}", param.ident, ty(&param.ty)),
        })
        .collect();
    if !params.is_empty() {
        let _ = write!(out, "<{}>", params.join(", "));
    }
    let inputs: Vec<String> = sig
        .inputs
        .iter()
        .map(|input| match input {
            FnArg::Receiver(receiver) => {
                let mut text = String::new();
                if let Some((_, lifetime)) = &receiver.reference {
                    text.push('&');
                    if let Some(lifetime) = lifetime {
                        let _ = write!(text, "{lifetime} ");
                    }
                }
                if receiver.mutability.is_some() {
                    text.push_str("mut ");
                }
                text.push_str("self");
                text
            }
            FnArg::Typed(arg) => {
                let pattern = quote::ToTokens::to_token_stream(&arg.pat).to_string();
                format!("{pattern}: {}", ty(&arg.ty))
            }
        })
        .collect();
    let _ = write!(out, "({})", inputs.join(", "));
    if let ReturnType::Type(_, output) = &sig.output {
        let _ = write!(out, " -> {}", ty(output));
    }
    if let Some(clause) = &sig.generics.where_clause {
        let _ = write!(
            out,
            " {}",
            compact(&quote::ToTokens::to_token_stream(clause).to_string())
        );
    }
    out
}

fn bound(bound: &TypeParamBound) -> String {
    match bound {
        TypeParamBound::Trait(bound) => {
            let maybe = match bound.modifier {
                syn::TraitBoundModifier::Maybe(_) => "?",
                syn::TraitBoundModifier::None => "",
            };
            format!("{maybe}{}", path(&bound.path))
        }
        TypeParamBound::Lifetime(lifetime) => lifetime.to_string(),
        other => compact(&quote::ToTokens::to_token_stream(other).to_string()),
    }
}

/// A type as a reader writes it, with `core`/`std` paths shortened.
fn ty(ty: &Type) -> String {
    match ty {
        Type::Path(type_path) if type_path.qself.is_none() => path(&type_path.path),
        Type::Reference(reference) => {
            let mut text = "&".to_owned();
            if let Some(lifetime) = &reference.lifetime {
                let _ = write!(text, "{lifetime} ");
            }
            if reference.mutability.is_some() {
                text.push_str("mut ");
            }
            text + &self::ty(&reference.elem)
        }
        Type::Slice(slice) => format!("[{}]", self::ty(&slice.elem)),
        Type::Array(array) => format!(
            "[{}; {}]",
            self::ty(&array.elem),
            compact(&quote::ToTokens::to_token_stream(&array.len).to_string())
        ),
        Type::Tuple(tuple) => {
            let items: Vec<String> = tuple.elems.iter().map(self::ty).collect();
            format!("({})", items.join(", "))
        }
        Type::Paren(inner) => self::ty(&inner.elem),
        Type::Group(inner) => self::ty(&inner.elem),
        other => compact(&quote::ToTokens::to_token_stream(other).to_string()),
    }
}

/// A path: `::core::option::Option<T>` -> `Option<T>`, `::des_events::Uuid` ->
/// `des_events::Uuid`, anything else as written.
fn path(path: &syn::Path) -> String {
    let segments: Vec<String> = path
        .segments
        .iter()
        .map(|segment| format!("{}{}", segment.ident, arguments(&segment.arguments)))
        .collect();
    let first = path
        .segments
        .first()
        .map(|segment| segment.ident.to_string());
    let prelude = path.leading_colon.is_some()
        && first
            .as_deref()
            .is_some_and(|first| ["core", "std", "alloc"].contains(&first));
    if prelude {
        return segments.last().cloned().unwrap_or_default();
    }
    let joined = segments.join("::");
    if path.leading_colon.is_some() && first.as_deref() != Some("des_events") {
        format!("::{joined}")
    } else {
        joined
    }
}

fn arguments(arguments: &PathArguments) -> String {
    match arguments {
        PathArguments::None => String::new(),
        PathArguments::AngleBracketed(args) => {
            let args: Vec<String> = args
                .args
                .iter()
                .map(|arg| match arg {
                    GenericArgument::Type(arg) => ty(arg),
                    GenericArgument::Lifetime(lifetime) => lifetime.to_string(),
                    GenericArgument::AssocType(assoc) => {
                        format!("{} = {}", assoc.ident, ty(&assoc.ty))
                    }
                    other => compact(&quote::ToTokens::to_token_stream(other).to_string()),
                })
                .collect();
            format!("<{}>", args.join(", "))
        }
        PathArguments::Parenthesized(args) => {
            let inputs: Vec<String> = args.inputs.iter().map(ty).collect();
            let output = match &args.output {
                ReturnType::Default => String::new(),
                ReturnType::Type(_, output) => format!(" -> {}", ty(output)),
            };
            format!("({}){output}", inputs.join(", "))
        }
    }
}

/// Token text without the spaces `TokenStream::to_string` puts around punctuation.
fn compact(tokens: &str) -> String {
    tokens
        .replace(" :: ", "::")
        .replace(":: ", "::")
        .replace(" ::", "::")
        .replace(" < ", "<")
        .replace(" >", ">")
        .replace("& ", "&")
        .replace(" ,", ",")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Request, Source, generate};

    fn request(text: &str) -> Request {
        Request::new(Source::text("shop.json", text))
    }

    fn api(request: Request) -> String {
        let generated = generate(&request).unwrap_or_else(|err| panic!("{err}"));
        surface(&generated).expect("parses")
    }

    const SHOP: &str = r#"{
      "title": "ShopEvent",
      "oneOf": [
        {
          "type": "object",
          "properties": {
            "event": {"const": "itemAdded"},
            "message": {
              "type": "object",
              "properties": {
                "requestId": {"type": "string", "format": "uuid"},
                "kind": {"enum": ["gift-card", "physical"]},
                "note": {"type": "string"},
                "token": {"type": "string", "x-des-credential": true},
                "tags": {"type": "array", "items": {"type": "string"}},
                "extra": {"type": "object"}
              },
              "required": ["requestId", "kind", "token", "tags", "extra"],
              "additionalProperties": false
            }
          },
          "required": ["event", "message"],
          "additionalProperties": false
        },
        {
          "type": "object",
          "properties": {
            "event": {"const": "cartCleared"},
            "message": {"type": "object", "properties": {"amount": {"type": "number"}}}
          },
          "required": ["event", "message"],
          "additionalProperties": false
        }
      ]
    }"#;

    #[test]
    fn lists_types_fields_variants_methods_and_traits() {
        let api = api(request(SHOP));
        for line in [
            "pub struct ItemAdded\n",
            "    pub request_id: des_events::Uuid  // \"requestId\"\n",
            "    pub kind: ItemAddedKind  // \"kind\"\n",
            "    pub note: Option<String>  // \"note\"\n",
            "    pub token: des_events::Credential  // \"token\"\n",
            "    pub tags: Vec<String>  // \"tags\"\n",
            "    pub extra: des_events::serde_json::Map<String, des_events::serde_json::Value>  // \"extra\"\n",
            // A free-form object inside: `Eq` but no `Hash`.
            "    impl Clone, Debug, Deserialize<'de>, Eq, JsonSchema, PartialEq, Serialize\n",
            "pub enum ItemAddedKind\n",
            "    GiftCard  // \"gift-card\"\n",
            "    pub const ALL: &'static [Self]\n",
            "    pub fn as_str(&self) -> &str\n",
            "    pub const fn is_known(&self) -> bool\n",
            "    impl Clone, Debug, Deserialize<'de>, Display, Eq, Hash, JsonSchema, Ord, PartialEq, PartialOrd, Serialize\n",
            "pub struct CartCleared\n",
            "    pub additional_properties: des_events::serde_json::Map<String, des_events::serde_json::Value>  // the unknown keys (flattened)\n",
            "    impl Clone, Debug, Default, Deserialize<'de>, JsonSchema, PartialEq, Serialize\n",
            "pub enum ShopEvent\n",
            "    ItemAdded(ItemAdded)  // \"itemAdded\"\n",
            "    pub const EVENT_NAMES: &'static [&'static str]\n",
            "    pub fn from_json(json: &str) -> Result<Self, des_events::Error>\n",
            "    pub fn event_name(&self) -> &str\n",
            "    pub fn from_json_with(json: &str, policy: des_events::Policy) -> Result<des_events::Decoded<Self>, des_events::Error>\n",
            "    fn other(&mut self, event: des_events::UnknownEvent) -> Self::Output\n",
            "    pub fn dispatch<__H: ShopEventHandler + ?Sized>(self, handler: &mut __H) -> __H::Output\n",
            "    impl From<ItemAdded>\n",
            "    impl Clone, Debug, Deserialize<'de>, EventUnion, JsonSchema, PartialEq, Serialize\n",
            "pub trait ShopEventHandler\n",
            "    type Output\n",
            "    fn item_added(&mut self, message: ItemAdded) -> Self::Output\n",
        ] {
            assert!(api.contains(line), "missing {line:?} in\n{api}");
        }
        // A number inside: no `Eq`; the hidden plumbing and the tests are not API.
        let cart = api.split("pub struct CartCleared").nth(1).expect("section");
        let cart = cart.split("\n\n").next().expect("section");
        assert!(!cart.contains(" Eq,"), "{cart}");
        assert!(!api.contains("EventSet"), "{api}");
        assert!(!api.contains("conformance"), "{api}");
    }

    #[test]
    fn catch_all_adds_the_other_variant_and_handler_method() {
        let api = api(request(SHOP).catch_all(true));
        assert!(
            api.contains(
                "    Other(des_events::UnknownEvent)  // anything else, kept as received\n"
            ),
            "{api}"
        );
        assert!(
            api.contains(
                "    fn other(&mut self, event: des_events::UnknownEvent) -> Self::Output\n"
            ),
            "{api}"
        );
        assert!(api.contains("with catch_all = true, no replies."), "{api}");
    }

    #[test]
    fn reply_helpers_are_listed_on_the_request() {
        let requests = request(
            r#"{"title": "Asks", "oneOf": [{"type": "object", "properties": {"event": {"const": "ask"},
               "message": {"type": "object", "properties": {"requestId": {"type": "string"}}, "required": ["requestId"], "additionalProperties": false}},
               "required": ["event", "message"], "additionalProperties": false}]}"#,
        );
        let replies = Source::text(
            "shop.json",
            r#"{"title": "Answers", "oneOf": [{"type": "object", "properties": {"event": {"const": "answer"},
               "message": {"type": "object", "properties": {"requestId": {"type": "string", "x-des-echo": true}, "text": {"type": "string"}}, "required": ["requestId", "text"], "additionalProperties": false}},
               "required": ["event", "message"], "additionalProperties": false, "x-des-reply-to": "ask"}]}"#,
        );
        let api = api(requests.replies(replies, "crate::answers".parse().expect("a path")));
        assert!(
            api.contains(
                "pub struct Ask\n    pub request_id: String  // \"requestId\"\n    pub fn reply_answer(&self, text: String) -> crate::answers::Answers\n"
            ),
            "{api}"
        );
        assert!(
            api.contains("with catch_all = false, replies from `shop.json` in `crate::answers`."),
            "{api}"
        );
    }

    #[test]
    fn comparing_surfaces_gives_the_bump() {
        let old = "// banner\n\npub struct A\n    pub a: String  // \"a\"\n    pub fn f(&self)\n    impl Clone, Eq\n\npub trait H\n    type Output\n";
        let same = "// other banner\n\npub trait H\n    type Output\n\npub struct A\n    impl Clone, Eq\n    pub fn f(&self)\n    pub a: String  // \"a\"\n";
        assert_eq!(compare(old, same).bump, Bump::Patch);
        let grown = old.replace(
            "    impl Clone, Eq",
            "    pub fn g(&self)\n    impl Clone, Eq, Hash\n    impl From<B>",
        );
        let diff = compare(old, &grown);
        assert_eq!(diff.bump, Bump::Minor);
        assert_eq!(
            diff.added,
            [
                "pub struct A :: impl From<B>",
                "pub struct A :: impl Hash",
                "pub struct A :: pub fn g(&self)"
            ]
        );
        let field = old.replace("    pub fn f", "    pub b: bool  // \"b\"\n    pub fn f");
        assert_eq!(compare(old, &field).bump, Bump::Major);
        let method = format!("{old}    fn on_b(&mut self) -> Self::Output\n");
        assert_eq!(compare(old, &method).bump, Bump::Major);
        let lost = old.replace("impl Clone, Eq", "impl Clone");
        let diff = compare(old, &lost);
        assert_eq!(diff.bump, Bump::Major);
        assert_eq!(diff.removed, ["pub struct A :: impl Eq"]);
    }

    #[test]
    fn the_surface_is_deterministic() {
        assert_eq!(api(request(SHOP)), api(request(SHOP)));
    }
}
