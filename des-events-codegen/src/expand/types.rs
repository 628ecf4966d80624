//! Named types: structs for objects, enums for string sets, with their derives and the
//! schemars attributes that make `schemars::schema_for!` describe the same documents.

use proc_macro2::{Delimiter, Group, Ident, Literal, TokenStream};
use quote::quote;

use super::shared::{Key, Shared};
use super::{Moved, de, doc_attrs, ident, string};
use crate::fit::MapType;
use crate::ir::{
    Additional, EnumDef, Field, Format, Schema, StringRules, StructDef, Type, TypeDef,
};
use crate::name::{self, ADDITIONAL_FIELD};

/// The Rust type of a value.
pub(crate) fn rust_type(ty: &Type) -> TokenStream {
    rust_type_in(ty, None)
}

/// The Rust type of a value whose named types live in `module` (or here).
pub(crate) fn rust_type_in(ty: &Type, module: Option<&TokenStream>) -> TokenStream {
    match ty {
        Type::String(rules) if rules.credential => quote!(::des_events::Credential),
        // The table of conversions holds paths only: they always parse.
        Type::String(StringRules {
            converted: Some(rust),
            ..
        }) => rust
            .parse()
            .unwrap_or_else(|_| quote!(::std::string::String)),
        Type::String(rules) if rules.format == Some(Format::Uuid) => quote!(::des_events::Uuid),
        Type::String(_) => quote!(::std::string::String),
        Type::Integer(rules) => {
            let narrow = ident(rules.rust_type());
            quote!(#narrow)
        }
        Type::Number(_) => quote!(f64),
        Type::Boolean => quote!(bool),
        Type::Map => {
            quote!(::des_events::serde_json::Map<::std::string::String, ::des_events::serde_json::Value>)
        }
        Type::Any => quote!(::des_events::serde_json::Value),
        Type::Array(item, _) => {
            let item = rust_type_in(item, module);
            quote!(::std::vec::Vec<#item>)
        }
        Type::Named(name) => {
            let name = ident(name);
            match module {
                Some(module) => quote!(#module::#name),
                None => quote!(#name),
            }
        }
    }
}

pub(crate) fn type_def(schema: &Schema, def: &TypeDef, shared: &Shared) -> TokenStream {
    match def {
        TypeDef::Struct(inner) => struct_def(schema, def, inner, shared),
        TypeDef::Enum(def) => enum_def(def, shared),
        TypeDef::Union(def) => super::one_of::union_def(schema, def, shared),
        TypeDef::Tuple(def) => super::tuple::tuple_def(schema, def, shared),
        TypeDef::Json(def) => super::json::json_def(def, shared),
        TypeDef::Newtype(def) => super::json::newtype_def(schema, def, shared),
    }
}

/// A struct (`whole` is `def` as a `TypeDef`).
fn struct_def(schema: &Schema, whole: &TypeDef, def: &StructDef, shared: &Shared) -> TokenStream {
    let name = ident(&def.name);
    let derive = shared.struct_derive(
        schema.def_is(whole, false),
        schema.def_is(whole, true),
        def.fields.iter().all(|field| !field.required),
    );
    let docs = doc_attrs(&def.docs, Some(&def.name), &[]);
    let serde_crate = shared.serde_crate(def.additional == Additional::Closed);
    // The text of each field's type: a part of the keys of the shared fragments.
    let type_keys: Vec<String> = def
        .fields
        .iter()
        .map(|field| format!("{:?}", field.ty))
        .collect();
    let mut fields: TokenStream = def
        .fields
        .iter()
        .zip(&type_keys)
        .map(|(each, type_key)| field(def, each, type_key, shared))
        .collect();
    let exact_schemas = exact_schema_fns(def, shared);
    for map in &def.patterns {
        let field = ident(&map.rust_name);
        let value = rust_type(&map.ty);
        let doc = string(&format!(
            " {}{}` (and that no property above names).",
            name::PATTERN_DOC_PREFIX,
            map.pattern
        ));
        // schemars would state a flattened map as `additionalProperties`: the struct
        // states `patternProperties` itself (below).
        let skip = shared.json_schema(|| quote!(#[schemars(skip)]));
        let map = map_type(shared, &value);
        fields.extend(quote! {
            #[doc = #doc]
            #[serde(flatten)]
            #skip
            pub #field: #map,
        });
    }
    if def.additional == Additional::Open {
        let extra = ident(ADDITIONAL_FIELD);
        let map = additional_type(def, shared);
        fields.extend(quote! {
            /// Properties not named by the schema (the object is open).
            #[serde(flatten)]
            pub #extra: #map,
        });
    }
    let fields = Group::new(Delimiter::Brace, fields);
    let deserialize = Moved::new(de::struct_de(def, &type_keys, shared));
    let defaults = Moved::new(defaults(schema, def));
    let mut counts: Vec<TokenStream> = [
        ("minProperties", def.min_properties),
        ("maxProperties", def.max_properties),
    ]
    .into_iter()
    .filter_map(|(keyword, count)| count.map(|count| quote!(, extend(#keyword = #count))))
    .collect();
    // The flattened map of typed other keys loses its value rules in schemars: state
    // the property's own `additionalProperties` schema instead.
    if let Some(schema) = def
        .additional_schema
        .as_ref()
        .filter(|_| def.additional_type.is_some())
    {
        let tokens = json_value(schema);
        counts.push(quote!(, extend("additionalProperties" = #tokens)));
    }
    // The keywords the validator checks on the whole object (`not`, `if`...), so that
    // schemars describes the same objects (not when they refer elsewhere, nor
    // `unevaluatedProperties`, which the flattened map's `additionalProperties` would
    // make a no-op in the derived schema).
    if def.checks_describable() {
        for (key, value) in &def.checked {
            if key == "patternProperties" {
                continue;
            }
            let tokens = json_value(value);
            counts.push(quote!(, extend(#key = #tokens)));
        }
    }
    // The typed maps' keys, always stated (a value schema that refers elsewhere is
    // stated as `true`: schemars then accepts more than the struct, never less).
    if !def.patterns.is_empty() {
        let described: serde_json::Map<String, serde_json::Value> = def
            .patterns
            .iter()
            .map(|map| {
                let schema = map.schema.clone().unwrap_or(serde_json::Value::Bool(true));
                (map.pattern.clone(), schema)
            })
            .collect();
        let tokens = json_value(&serde_json::Value::Object(described));
        counts.push(quote!(, extend("patternProperties" = #tokens)));
    }
    let extras = shared.item_attrs(&def.name);
    let schemars_crate = if counts.is_empty() || !shared.fit.json_schema {
        shared.schemars_crate().clone()
    } else {
        quote!(#[schemars(crate = "::des_events::__private::schemars" #(#counts)*)])
    };
    quote! {
        #docs
        #derive
        #extras
        #serde_crate
        #schemars_crate
        pub struct #name #fields
        #deserialize
        #defaults
        #exact_schemas
    }
}

/// `value` for schemars' `extend(key = value)`: read from its JSON text, not written as
/// `json!` tokens, whose integer literals are `i32` (a bound of 2^63 - 1 became -1).
fn json_value(value: &serde_json::Value) -> TokenStream {
    let text = string(&value.to_string());
    quote!(::des_events::__private::json_literal(#text))
}

/// Whether schemars attributes cannot describe `field` exactly: `null` next to a type,
/// or rules on array items (schemars' `inner(...)` has no `extend`, and no deeper level).
fn needs_exact_schema(field: &Field) -> bool {
    let item_rules = |ty: &Type| match ty {
        Type::Array(item, _) => {
            !matches!(**item, Type::Boolean | Type::Map | Type::Named(_))
                || matches!(&**item, Type::String(rules) if *rules != Default::default())
        }
        _ => false,
    };
    field.schema.is_some() && (field.nullable || item_rules(&field.ty))
}

/// The name of the function that returns `field`'s schema.
fn exact_schema_fn(field: &Field) -> Ident {
    ident(&name::exact_schema_fn(&field.rust_name))
}

/// For fields that need it, a hidden function returning the property's own schema (the
/// deserializer implements exactly that schema), used through `schema_with`.
fn exact_schema_fns(def: &StructDef, shared: &Shared) -> TokenStream {
    let schemas: Vec<(Ident, &serde_json::Value)> = def
        .fields
        .iter()
        .filter(|field| needs_exact_schema(field))
        .filter_map(|field| Some((exact_schema_fn(field), field.schema.as_ref()?)))
        .collect();
    if schemas.is_empty() || !shared.fit.json_schema {
        return TokenStream::new();
    }
    // The functions depend on their names and schemas only (messages repeat fields).
    let key = schemas
        .iter()
        .map(|(name, schema)| format!("{name} {schema}\n"))
        .collect();
    let body = shared.group(Key("exact schemas", key), Delimiter::Brace, || {
        let fns = schemas.iter().map(|(name, schema)| {
            let text = string(&schema.to_string());
            quote! {
                #[doc(hidden)]
                pub fn #name(
                    _: &mut ::des_events::__private::schemars::SchemaGenerator,
                ) -> ::des_events::__private::schemars::Schema {
                    ::des_events::__private::schemars::Schema::try_from(::des_events::__private::json_literal(#text))
                        .unwrap_or_else(|_| ::des_events::__private::schemars::json_schema!(true))
                }
            }
        });
        quote!(#(#fns)*)
    });
    let name = ident(&def.name);
    quote!(impl #name #body)
}

/// A field of a struct; `type_key` is the text of its type (`{:?}`).
fn field(def: &StructDef, field: &Field, type_key: &str, shared: &Shared) -> TokenStream {
    let name = ident(&field.rust_name);
    let mut extra_docs = Vec::new();
    if field.credential {
        extra_docs.push("A credential: its `Debug` is redacted; never log it.".to_owned());
    }
    if let Type::String(rules) = &field.ty
        && let Some(format) = &rules.annotation_format
    {
        extra_docs.push(format!("Format `{format}` (documented, not checked)."));
    }
    match (field.required, field.nullable) {
        (true, true) => extra_docs.push("Required, and may be `null` (`None`).".to_owned()),
        (false, true) => extra_docs.push(
            "Optional, and may be `null`: `None` when absent, `Some(None)` when `null`.".to_owned(),
        ),
        _ => {}
    }
    if field.read_only {
        extra_docs.push("Read-only (`readOnly`): set by the sender's side of the API.".to_owned());
    }
    if field.write_only {
        extra_docs.push("Write-only (`writeOnly`): not returned by the other side.".to_owned());
    }
    if let Some(default) = &field.default {
        let accessor = name::default_accessor(&field.rust_name);
        extra_docs.push(format!(
            "Default when absent: `{default}` (see `{accessor}`)."
        ));
    }
    let docs = doc_attrs(&field.docs, None, &extra_docs);
    let deprecated = field.deprecated.then(|| quote!(#[deprecated]));
    let ty = field_value_type(field);
    let exact = (needs_exact_schema(field) && shared.fit.json_schema).then(|| {
        let path = string(&format!("{}::{}", def.name, exact_schema_fn(field)));
        quote!(#[schemars(schema_with = #path)])
    });
    // Messages repeat fields and types: their attributes are made once.
    let schema_attrs = match &exact {
        Some(exact) => exact.clone(),
        None if !shared.fit.json_schema => TokenStream::new(),
        None => shared.attribute(Key("schemars rules", type_key.to_owned()), || {
            schemars_rules(&field.ty, false)
        }),
    };
    let serde = shared.attribute(
        Key("serde", format!("{} {}", field.required, field.wire_name)),
        || {
            let wire = string(&field.wire_name);
            if field.required {
                quote!(#[serde(rename = #wire)])
            } else {
                let is_none = shared.is_none();
                quote!(#[serde(rename = #wire, default, skip_serializing_if = #is_none)])
            }
        },
    );
    if field.required {
        // schemars takes an `Option` field as optional: say that this one is required.
        let required =
            (field.nullable && shared.fit.json_schema).then(|| quote!(#[schemars(required)]));
        quote! {
            #docs
            #deprecated
            #serde
            #required
            #schema_attrs
            pub #name: #ty,
        }
    } else {
        let with = (exact.is_none() && shared.fit.json_schema).then(|| {
            let key = format!("{} {} {type_key}", field.boxed, field.nullable);
            shared.attribute(Key("with", key), || {
                let with = string(&ty.to_string());
                quote!(#[schemars(with = #with)])
            })
        });
        quote! {
            #docs
            #deprecated
            #serde
            #with
            #schema_attrs
            pub #name: ::core::option::Option<#ty>,
        }
    }
}

/// The Rust type of a field's value: its type, boxed when it closes a recursion.
pub(crate) fn field_type(field: &Field) -> TokenStream {
    let ty = rust_type(&field.ty);
    if field.boxed {
        quote!(::std::boxed::Box<#ty>)
    } else {
        ty
    }
}

/// The Rust type of a present field's value: [`field_type`], in an `Option` when the
/// value may be `null`.
pub(crate) fn field_value_type(field: &Field) -> TokenStream {
    let inner = field_type(field);
    if field.nullable {
        quote!(::core::option::Option<#inner>)
    } else {
        inner
    }
}

/// The Rust type of an open object's other keys.
pub(crate) fn additional_type(def: &StructDef, shared: &Shared) -> TokenStream {
    match (&def.additional_type, shared.fit.map_type) {
        (Some(ty), _) => map_type(shared, &rust_type(ty)),
        (None, Some(_)) => map_type(shared, &rust_type(&Type::Any)),
        (None, None) => rust_type(&Type::Map),
    }
}

/// The map from property names to `value`s (`map_type`, `BTreeMap` by default).
pub(crate) fn map_type(shared: &Shared, value: &TokenStream) -> TokenStream {
    let map = match shared.fit.map_type {
        Some(MapType::BTreeMap) | None => quote!(::std::collections::BTreeMap),
        Some(MapType::HashMap) => quote!(::std::collections::HashMap),
        Some(MapType::IndexMap) => quote!(::des_events::__private::indexmap::IndexMap),
    };
    quote!(#map<::std::string::String, #value>)
}

/// `<field>_or_default()` accessors for fields with a `default`.
fn defaults(schema: &Schema, def: &StructDef) -> TokenStream {
    let accessors: Vec<TokenStream> = def
        .fields
        .iter()
        .filter_map(|field| {
            let default = field.default.as_ref()?;
            let name = ident(&field.rust_name);
            let accessor = ident(&name::default_accessor(&field.rust_name));
            let ty = rust_type(&field.ty);
            let value = match (&field.ty, default) {
                (Type::String(rules), serde_json::Value::String(text)) if rules.converted.is_none() => {
                    quote!(::std::string::String::from(#text))
                }
                (Type::Integer(_), serde_json::Value::Number(number)) => {
                    let value = Literal::i64_unsuffixed(number.as_i64()?);
                    quote!(#value)
                }
                (Type::Number(_), serde_json::Value::Number(number)) => {
                    let value = Literal::f64_suffixed(number.as_f64()?);
                    quote!(#value)
                }
                (Type::Boolean, serde_json::Value::Bool(flag)) => quote!(#flag),
                (Type::Named(enum_name), serde_json::Value::String(text)) => {
                    let Some(TypeDef::Enum(values)) = schema.type_def(enum_name) else {
                        return None;
                    };
                    let (_, variant) = values.variants.iter().find(|(wire, _)| wire == text)?;
                    let variant = ident(variant);
                    quote!(#ty::#variant)
                }
                _ => return None,
            };
            let present = if field.nullable {
                quote!(::core::option::Option::Some(::core::option::Option::Some(value)) => ::core::clone::Clone::clone(value),)
            } else {
                quote!(::core::option::Option::Some(value) => ::core::clone::Clone::clone(value),)
            };
            let doc = format!(" `{}`, or its schema `default` (`{default}`) when absent or `null`.", field.wire_name);
            Some(quote! {
                #[doc = #doc]
                #[allow(deprecated)]
                pub fn #accessor(&self) -> #ty {
                    match &self.#name {
                        #present
                        _ => #value,
                    }
                }
            })
        })
        .collect();
    if accessors.is_empty() {
        return TokenStream::new();
    }
    let name = ident(&def.name);
    quote! {
        impl #name {
            #(#accessors)*
        }
    }
}

/// `#[schemars(...)]` for the constraints of `ty` (`inner(...)` for array items).
fn schemars_rules(ty: &Type, inner: bool) -> TokenStream {
    let mut parts: Vec<TokenStream> = Vec::new();
    match ty {
        Type::String(rules) => {
            let length = bounds(rules.min_length, rules.max_length);
            if let Some(length) = length {
                parts.push(quote!(length(#length)));
            }
            if let Some(pattern) = &rules.pattern {
                parts.push(quote!(regex(pattern = #pattern)));
            }
            if let Some(format) = rules
                .format
                .filter(|format| *format != Format::Uuid && !inner)
            {
                let format = format.name();
                parts.push(quote!(extend("format" = #format)));
            }
        }
        Type::Integer(rules) => {
            let mut range = Vec::new();
            if let Some(min) = rules.minimum {
                range.push(quote!(min = #min));
            }
            if let Some(max) = rules.maximum {
                range.push(quote!(max = #max));
            }
            if !range.is_empty() {
                parts.push(quote!(range(#(#range),*)));
            }
            if let Some(bound) = rules.exclusive_minimum.filter(|_| !inner) {
                parts.push(quote!(extend("exclusiveMinimum" = #bound)));
            }
            if let Some(bound) = rules.exclusive_maximum.filter(|_| !inner) {
                parts.push(quote!(extend("exclusiveMaximum" = #bound)));
            }
            if let Some(multiple) = rules.multiple_of.filter(|_| !inner) {
                parts.push(quote!(extend("multipleOf" = #multiple)));
            }
        }
        Type::Number(rules) => {
            let lit = |value: f64| Literal::f64_unsuffixed(value);
            let mut range = Vec::new();
            if let Some(min) = rules.minimum {
                let min = lit(min);
                range.push(quote!(min = #min));
            }
            if let Some(max) = rules.maximum {
                let max = lit(max);
                range.push(quote!(max = #max));
            }
            if !range.is_empty() {
                parts.push(quote!(range(#(#range),*)));
            }
            if let Some(bound) = rules.exclusive_minimum.filter(|_| !inner) {
                let bound = lit(bound);
                parts.push(quote!(extend("exclusiveMinimum" = #bound)));
            }
            if let Some(bound) = rules.exclusive_maximum.filter(|_| !inner) {
                let bound = lit(bound);
                parts.push(quote!(extend("exclusiveMaximum" = #bound)));
            }
            if let Some(multiple) = rules.multiple_of.filter(|_| !inner) {
                let multiple = lit(multiple);
                parts.push(quote!(extend("multipleOf" = #multiple)));
            }
        }
        Type::Array(item, rules) => {
            if let Some(length) = bounds(rules.min_items, rules.max_items) {
                parts.push(quote!(length(#length)));
            }
            if rules.unique && !inner {
                parts.push(quote!(extend("uniqueItems" = true)));
            }
            if !inner {
                let item_rules = schemars_rules(item, true);
                if !item_rules.is_empty() {
                    parts.push(quote!(inner(#item_rules)));
                }
            }
        }
        _ => {}
    }
    if parts.is_empty() {
        TokenStream::new()
    } else if inner {
        quote!(#(#parts),*)
    } else {
        quote!(#[schemars(#(#parts),*)])
    }
}

fn bounds(min: Option<u64>, max: Option<u64>) -> Option<TokenStream> {
    let min = min.map(|min| quote!(min = #min));
    let max = max.map(|max| quote!(max = #max));
    match (min, max) {
        (None, None) => None,
        (Some(min), None) => Some(min),
        (None, Some(max)) => Some(max),
        (Some(min), Some(max)) => Some(quote!(#min, #max)),
    }
}

fn enum_def(def: &EnumDef, shared: &Shared) -> TokenStream {
    if def.json_values {
        return value_enum_def(def, shared);
    }
    let name = ident(&def.name);
    let docs = doc_attrs(&def.docs, Some(&def.name), &[]);
    let derive = shared.enum_derive();
    let serde_crate = shared.serde_crate(false);
    let schemars_crate = shared.schemars_crate();
    let automatically_derived = shared.automatically_derived();
    let display_body = shared.display_body();
    let wires = || -> Vec<Literal> { def.variants.iter().map(|(wire, _)| string(wire)).collect() };
    let variants = || -> Vec<Ident> {
        def.variants
            .iter()
            .map(|(_, variant)| ident(variant))
            .collect()
    };
    let other = ident(&def.other);
    let legacy = legacy_table(def);
    let declared = declared(def);
    // The bodies depend on the values only: enums of the same values share them.
    let values = format!("{:?} {:?} {}", def.variants, def.legacy, def.other);
    let skip = shared.json_schema(|| quote!(#[schemars(skip)]));
    let extras = shared.item_attrs(&def.name);
    let variants_body = shared.group(Key("enum", values.clone()), Delimiter::Brace, || {
        let (wires, variants) = (wires(), variants());
        let variant_docs = def
            .variants
            .iter()
            .map(|(wire, _)| string(&format!(" `\"{wire}\"`")));
        quote! {
            #(
                #[doc = #variant_docs]
                #[serde(rename = #wires)]
                #variants,
            )*
            /// A value outside the schema's `enum`, kept by a tolerant read (see
            /// `des_events::Policy`). Only a read makes one; it is written back as received.
            #[serde(untagged)]
            #skip
            #other(::des_events::UnknownValue),
        }
    });
    let impl_body = shared.group(Key("enum impl", values.clone()), Delimiter::Brace, || {
        let (wires, variants) = (wires(), variants());
        quote! {
            /// Every value of the schema, in schema order (legacy values aside).
            pub const ALL: &'static [Self] = &[#(Self::#variants),*];

            /// The value on the wire (an unknown value as received).
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#variants => #wires,)*
                    Self::#other(value) => value.as_str().unwrap_or_default(),
                }
            }

            /// Whether this is a value of the schema (not one kept by a tolerant read).
            pub const fn is_known(&self) -> bool {
                !::core::matches!(self, Self::#other(_))
            }
        }
    });
    let wire_list = shared.group(Key("enum wires", values), Delimiter::Bracket, || {
        let wires = wires();
        quote!(#(#wires),*)
    });
    let expecting = string(&format!("one of the {} values", def.name));
    quote! {
        #docs
        #derive
        #extras
        #serde_crate
        #schemars_crate
        pub enum #name #variants_body

        impl #name #impl_body

        #automatically_derived
        impl ::core::fmt::Display for #name #display_body

        #automatically_derived
        impl<'de> ::des_events::__private::serde::Deserialize<'de> for #name {
            fn deserialize<__D>(deserializer: __D) -> ::core::result::Result<Self, __D::Error>
            where
                __D: ::des_events::__private::serde::Deserializer<'de>,
            {
                match ::des_events::__private::str_enum(deserializer, &#wire_list, #legacy, #declared)? {
                    ::core::result::Result::Ok(index) => Self::ALL.get(index).cloned().ok_or_else(|| {
                        <__D::Error as ::des_events::__private::serde::de::Error>::custom(#expecting)
                    }),
                    ::core::result::Result::Err(value) => ::core::result::Result::Ok(Self::#other(value)),
                }
            }
        }
    }
}

/// How the enum was declared (`des_events::__private::Declared`), for its errors.
fn declared(def: &EnumDef) -> TokenStream {
    let variant = match (def.constant, def.typed) {
        (false, false) => quote!(Enum),
        (false, true) => quote!(TypedEnum),
        (true, false) => quote!(Const),
        (true, true) => quote!(TypedConst),
    };
    quote!(::des_events::__private::Declared::#variant)
}

/// The `&[(legacy value, index)]` table of an enum's `x-des-legacy` values.
fn legacy_table(def: &EnumDef) -> TokenStream {
    let pairs = def.legacy.iter().map(|(wire, index)| {
        let wire = string(wire);
        quote!((#wire, #index))
    });
    quote!(&[#(#pairs),*])
}

/// An enum whose values are not all strings: unit variants, written and read as the
/// schema's JSON values (compared as JSON Schema compares them: `1` equals `1.0`).
fn value_enum_def(def: &EnumDef, shared: &Shared) -> TokenStream {
    let name = ident(&def.name);
    let title = &def.name;
    let docs = doc_attrs(&def.docs, Some(&def.name), &[]);
    let texts: Vec<&String> = def.variants.iter().map(|(text, _)| text).collect();
    let variants: Vec<_> = def
        .variants
        .iter()
        .map(|(_, variant)| ident(variant))
        .collect();
    let other = ident(&def.other);
    let legacy = legacy_table(def);
    let declared = declared(def);
    let variant_docs = texts.iter().map(|text| format!(" `{text}`"));
    let expecting = format!("one of the {} values", def.name);
    let extras = shared.item_attrs(&def.name);
    let schema_impl = shared.schema_impl(&name, title, quote!(_), || {
        quote! {
            let values: ::std::vec::Vec<::des_events::serde_json::Value> =
                Self::ALL.iter().map(|value| value.to_value()).collect();
            ::des_events::__private::schemars::json_schema!({ "enum": values })
        }
    });
    quote! {
        #docs
        #[derive(
            ::core::clone::Clone,
            ::core::fmt::Debug,
            ::core::cmp::PartialEq,
            ::core::cmp::Eq,
            ::core::hash::Hash,
            ::core::cmp::PartialOrd,
            ::core::cmp::Ord
        )]
        #extras
        pub enum #name {
            #(
                #[doc = #variant_docs]
                #variants,
            )*
            /// A value outside the schema's `enum`, kept by a tolerant read (see
            /// `des_events::Policy`). Only a read makes one; it is written back as received.
            #other(::des_events::UnknownValue),
        }

        impl #name {
            /// Every value of the schema, in schema order.
            pub const ALL: &'static [Self] = &[#(Self::#variants),*];

            /// The value.
            pub fn to_value(&self) -> ::des_events::serde_json::Value {
                match self {
                    #(Self::#variants => ::des_events::__private::json_literal(#texts),)*
                    Self::#other(value) => ::core::clone::Clone::clone(value.value()),
                }
            }

            /// Whether this is a value of the schema (not one kept by a tolerant read).
            pub const fn is_known(&self) -> bool {
                !::core::matches!(self, Self::#other(_))
            }
        }

        #[automatically_derived]
        impl ::des_events::__private::serde::Serialize for #name {
            fn serialize<__S>(&self, serializer: __S) -> ::core::result::Result<__S::Ok, __S::Error>
            where
                __S: ::des_events::__private::serde::Serializer,
            {
                ::des_events::__private::serde::Serialize::serialize(&self.to_value(), serializer)
            }
        }

        #[automatically_derived]
        impl<'de> ::des_events::__private::serde::Deserialize<'de> for #name {
            fn deserialize<__D>(deserializer: __D) -> ::core::result::Result<Self, __D::Error>
            where
                __D: ::des_events::__private::serde::Deserializer<'de>,
            {
                match ::des_events::__private::value_enum(deserializer, &[#(#texts),*], #legacy, #declared)? {
                    ::core::result::Result::Ok(index) => Self::ALL.get(index).cloned().ok_or_else(|| {
                        <__D::Error as ::des_events::__private::serde::de::Error>::custom(#expecting)
                    }),
                    ::core::result::Result::Err(value) => ::core::result::Result::Ok(Self::#other(value)),
                }
            }
        }

        #schema_impl
    }
}
