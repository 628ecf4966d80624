//! Deserializers for generated structs: read a JSON object only (never an array, unlike
//! serde's derive), check every constraint while reading, reject unknown keys of closed
//! objects, reject `null` where the schema does not allow it, and tell absent from present.

use proc_macro2::{Delimiter, Group, Ident, Literal, Span, TokenStream};
use quote::{format_ident, quote};

use super::shared::{Key, Shared};
use super::types::{field_type, rust_type};
use super::{Moved, ident};
use crate::ir::{Additional, Format, StructDef, Type};
use crate::name::ADDITIONAL_FIELD;

/// How generated code names `des_events::__private` and `Option`'s variants: fully
/// qualified (in item position, where nothing may be imported), or through the aliases
/// a function body imports ([`Paths::imports`]), which keep long bodies short.
pub(crate) struct Paths {
    /// Which of the two this is (a part of the key of the groups made with it).
    pub kind: &'static str,
    /// `des_events::__private`.
    pub private: TokenStream,
    /// `Option::None`.
    pub none: TokenStream,
    /// `Option::Some`.
    pub some: TokenStream,
}

impl Paths {
    /// Fully qualified paths.
    pub(crate) fn qualified() -> Paths {
        Paths {
            kind: "qualified",
            private: quote!(::des_events::__private),
            none: quote!(::core::option::Option::None),
            some: quote!(::core::option::Option::Some),
        }
    }

    /// The aliases of [`Paths::imports`].
    pub(crate) fn local() -> Paths {
        Paths {
            kind: "local",
            private: quote!(__p),
            none: quote!(__None),
            some: quote!(__Some),
        }
    }

    /// The imports that make [`Paths::local`] valid in a function body. Every name is
    /// reserved-looking (`__`), so none can clash with a type of the schema.
    pub(crate) fn imports() -> TokenStream {
        // A body without slots or absent bounds has no `__None` (a struct with no
        // property): the import is allowed to go unused, in a generated file too.
        quote! {
            #[allow(unused_imports)]
            use ::core::option::Option::{None as __None, Some as __Some};
            use ::des_events::__private as __p;
        }
    }
}

/// The seed expression that reads `ty`, plus the `static` rule items it refers to.
pub(crate) fn seed(
    ty: &Type,
    id: &str,
    paths: &Paths,
    shared: &Shared,
) -> (TokenStream, TokenStream) {
    seed_parts(ty, id, paths, shared, Parts::Both)
}

/// Which of a seed's expression and rule tables to make.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Parts {
    Both,
    Expression,
    Tables,
}

/// [`seed`], making only `parts` (the other is empty).
fn seed_parts(
    ty: &Type,
    id: &str,
    paths: &Paths,
    shared: &Shared,
    parts: Parts,
) -> (TokenStream, TokenStream) {
    let (expression, tables) = (parts != Parts::Tables, parts != Parts::Expression);
    let Paths {
        kind,
        private,
        none,
        some,
    } = paths;
    // The body of a rule table depends only on the rules (schemas repeat them).
    let table = |rules: &dyn std::fmt::Debug, make: &dyn Fn() -> TokenStream| {
        shared.group(
            Key("rules", format!("{kind} {rules:?}")),
            Delimiter::Brace,
            make,
        )
    };
    // The seed expression and the `static` item of a rule table called `name`.
    let made = |expr: &dyn Fn(&Ident) -> TokenStream, item: &dyn Fn(&Ident) -> TokenStream| {
        // Upper case, as a `static` is named (`alt0` -> `__RULES_ALT0`).
        let name = format_ident!("__RULES_{}", id.to_uppercase());
        (
            if expression {
                expr(&name)
            } else {
                TokenStream::new()
            },
            if tables {
                item(&name)
            } else {
                TokenStream::new()
            },
        )
    };
    let opt_u64 = |value: Option<u64>| match value {
        Some(value) => quote!(#some(#value)),
        None => none.clone(),
    };
    let opt_i64 = |value: Option<i64>| match value {
        Some(value) => quote!(#some(#value)),
        None => none.clone(),
    };
    let opt_f64 = |value: Option<f64>| match value {
        Some(value) => {
            let value = Literal::f64_suffixed(value);
            quote!(#some(#value))
        }
        None => none.clone(),
    };
    let plain = |ty: &Type| {
        if !expression {
            return (TokenStream::new(), TokenStream::new());
        }
        let rust = rust_type(ty);
        (
            quote!(#private::PlainSeed::<#rust>::NEW),
            TokenStream::new(),
        )
    };
    match ty {
        Type::String(rules) => {
            // `Uuid` checks its own format; the other formats are checked by the rules (and
            // a converted format by the rules, then by its type).
            let format = rules
                .format
                .filter(|format| *format != Format::Uuid || rules.converted.is_some())
                .map(|format| Ident::new(format.variant(), Span::call_site()));
            let checked = format.is_some()
                || rules.min_length.is_some()
                || rules.max_length.is_some()
                || rules.pattern.is_some();
            if !checked {
                return plain(ty);
            }
            let body = || {
                table(rules, &|| {
                    let (min, max) = (opt_u64(rules.min_length), opt_u64(rules.max_length));
                    let pattern = match &rules.pattern {
                        Some(source) => {
                            let source = super::string(source);
                            quote!(#some(#private::Pattern::new(#source)))
                        }
                        None => none.clone(),
                    };
                    let credential = rules.credential;
                    let format = match &format {
                        Some(variant) => quote!(#some(#private::Format::#variant)),
                        None => none.clone(),
                    };
                    quote! {
                        format: #format,
                        min_length: #min,
                        max_length: #max,
                        pattern: #pattern,
                        credential: #credential,
                    }
                })
            };
            made(
                &|name| {
                    let rust = rust_type(ty);
                    if rules.converted.is_some() {
                        quote!(#private::ConvertSeed::<#rust>::new(&#name))
                    } else {
                        quote!(#private::StrSeed::<#rust>::new(&#name))
                    }
                },
                &|name| {
                    let body = body();
                    quote!(static #name: #private::StrRules = #private::StrRules #body;)
                },
            )
        }
        Type::Integer(rules) => {
            let body = || {
                table(rules, &|| {
                    let (min, max) = (opt_i64(rules.minimum), opt_i64(rules.maximum));
                    let (xmin, xmax) = (
                        opt_i64(rules.exclusive_minimum),
                        opt_i64(rules.exclusive_maximum),
                    );
                    let multiple = opt_i64(rules.multiple_of);
                    quote! {
                        minimum: #min,
                        maximum: #max,
                        exclusive_minimum: #xmin,
                        exclusive_maximum: #xmax,
                        multiple_of: #multiple,
                    }
                })
            };
            made(
                &|name| {
                    let rust = rust_type(ty);
                    quote!(#private::IntSeed::<#rust>::new(&#name))
                },
                &|name| {
                    let body = body();
                    quote!(static #name: #private::IntRules = #private::IntRules #body;)
                },
            )
        }
        Type::Number(rules) => {
            if rules.is_empty() {
                let expr = expression.then(|| quote!(#private::NumSeed(&#private::NumRules::NONE)));
                return (expr.unwrap_or_default(), TokenStream::new());
            }
            let body = || {
                table(rules, &|| {
                    let (min, max) = (opt_f64(rules.minimum), opt_f64(rules.maximum));
                    let (xmin, xmax) = (
                        opt_f64(rules.exclusive_minimum),
                        opt_f64(rules.exclusive_maximum),
                    );
                    let multiple = opt_f64(rules.multiple_of);
                    quote! {
                        minimum: #min,
                        maximum: #max,
                        exclusive_minimum: #xmin,
                        exclusive_maximum: #xmax,
                        multiple_of: #multiple,
                    }
                })
            };
            made(&|name| quote!(#private::NumSeed(&#name)), &|name| {
                let body = body();
                quote!(static #name: #private::NumRules = #private::NumRules #body;)
            })
        }
        Type::Array(item, rules) => {
            let (item_seed, item_statics) =
                seed_parts(item, &format!("{id}_item"), paths, shared, parts);
            let body = || {
                table(rules, &|| {
                    let (min, max) = (opt_u64(rules.min_items), opt_u64(rules.max_items));
                    let unique = rules.unique;
                    quote! {
                        min_items: #min,
                        max_items: #max,
                        unique: #unique,
                    }
                })
            };
            let (item_seed, item_statics) = (Moved::new(item_seed), Moved::new(item_statics));
            made(
                &|name| quote!(#private::VecSeed(#item_seed, &#name)),
                &|name| {
                    let body = body();
                    quote! {
                        #item_statics
                        static #name: #private::ArrayRules = #private::ArrayRules #body;
                    }
                },
            )
        }
        Type::Map => {
            let expr = expression.then(|| quote!(#private::MapSeed));
            (expr.unwrap_or_default(), TokenStream::new())
        }
        Type::Any => {
            let expr = expression.then(|| quote!(#private::AnySeed));
            (expr.unwrap_or_default(), TokenStream::new())
        }
        Type::Boolean | Type::Named(_) => plain(ty),
    }
}

/// The match arm for the keys that no property of `def` names, given `unknown` (what
/// `additionalProperties` does with such a key): with `patternProperties`, a key goes to the typed map
/// of the first pattern it matches, else to `unknown`'s body. Also returns the maps'
/// `let` statements and their struct-literal fields; the patterns' statics go to
/// `statics`.
fn pattern_routes(
    def: &StructDef,
    unknown: TokenStream,
    paths: &Paths,
    shared: &Shared,
    statics: &mut TokenStream,
) -> (TokenStream, TokenStream, TokenStream) {
    if def.patterns.is_empty() {
        return (quote!(#unknown;), TokenStream::new(), TokenStream::new());
    }
    let mut init = TokenStream::new();
    let mut fields = TokenStream::new();
    let mut route = quote!({ #unknown; });
    for (index, map) in def.patterns.iter().enumerate().rev() {
        let field = ident(&map.rust_name);
        let pattern = format_ident!("__PATTERN_{}", index);
        let source = super::string(&map.pattern);
        let (seed, rules) = seed(&map.ty, &format!("pattern{index}"), paths, shared);
        statics.extend(rules);
        statics.extend(quote!(static #pattern: __p::Pattern = __p::Pattern::new(#source);));
        // The map type is the field's (`map_type`).
        init.extend(quote!(let mut #field = ::core::default::Default::default();));
        fields.extend(quote!(#field,));
        route = quote! {
            if #pattern.is_match(__other) == __Some(true) {
                __p::put_typed_extra(&mut #field, __other, &mut __map, #seed)?;
            } else #route
        };
    }
    (route, init, fields)
}

/// `impl Deserialize` for a struct. The body imports short names ([`Paths::local`]):
/// a message struct has one slot, one match arm and often one rule table per field.
/// `type_keys` are the texts of the fields' types (`{:?}`).
pub(crate) fn struct_de(def: &StructDef, type_keys: &[String], shared: &Shared) -> TokenStream {
    let (paths, imports) = shared.local_paths();
    let Paths { none, .. } = paths;
    let name = ident(&def.name);
    let expecting = super::string(&format!("an object ({})", def.name));
    let wires: Vec<Literal> = def
        .fields
        .iter()
        .map(|field| super::string(&field.wire_name))
        .collect();
    let slots: Vec<_> = (0..def.fields.len())
        .map(|index| format_ident!("__field{}", index))
        .collect();
    let mut statics = TokenStream::new();
    let mut reads = TokenStream::new();
    let fields = def.fields.iter().zip(&slots).zip(&wires).zip(type_keys);
    for (index, (((field, slot), wire), type_key)) in fields.enumerate() {
        let id = index.to_string();
        if !field.boxed {
            statics.extend(seed_parts(&field.ty, &id, paths, shared, Parts::Tables).1);
        }
        // The arguments depend on the slot, the field and its type only: messages
        // repeat fields (a `requestId` first in every message).
        let key = format!(
            "{index} {} {} {} {type_key}",
            field.wire_name, field.boxed, field.nullable
        );
        let arguments = shared.group(Key("put", key), Delimiter::Parenthesis, || {
            let seed = if field.boxed {
                let ty = field_type(field);
                quote!(__p::PlainSeed::<#ty>::NEW)
            } else {
                seed_parts(&field.ty, &id, paths, shared, Parts::Expression).0
            };
            let seed = if field.nullable {
                quote!(__p::NullableSeed(#seed))
            } else {
                seed
            };
            quote!(&mut #slot, #wire, &mut __map, #seed)
        });
        reads.extend(quote!(#wire => __p::put #arguments ?,));
    }
    let counted = def.min_properties.is_some() || def.max_properties.is_some();
    let (count_init, count_key, count_check) = if counted {
        let opt = |value: Option<u64>| match value {
            Some(value) => quote!(__Some(#value)),
            None => none.clone(),
        };
        let (min, max) = (opt(def.min_properties), opt(def.max_properties));
        (
            quote!(let mut __count: u64 = 0;),
            quote!(__count += 1;),
            quote!(__p::property_count(__count, #min, #max)?;),
        )
    } else {
        (TokenStream::new(), TokenStream::new(), TokenStream::new())
    };
    let mut finish = TokenStream::new();
    for ((field, slot), wire) in def.fields.iter().zip(&slots).zip(&wires) {
        let rust_name = ident(&field.rust_name);
        finish.extend(if field.required {
            quote!(#rust_name: __p::required(#slot, #wire)?,)
        } else {
            quote!(#rust_name: #slot,)
        });
    }
    let (mut extra_init, unknown, extra_field) = match def.additional {
        Additional::Closed => (
            TokenStream::new(),
            quote!(__p::unknown_key(__other, &[#(#wires),*], &mut __map)?),
            TokenStream::new(),
        ),
        Additional::Open => {
            let extra = ident(ADDITIONAL_FIELD);
            match &def.additional_type {
                None => (
                    quote!(let mut #extra = ::core::default::Default::default();),
                    quote!(__p::put_extra(&mut #extra, __other, &mut __map)?),
                    quote!(#extra,),
                ),
                Some(ty) => {
                    let (seed, rules) = seed(ty, "extra", paths, shared);
                    statics.extend(rules);
                    (
                        quote!(let mut #extra = ::core::default::Default::default();),
                        quote!(__p::put_typed_extra(&mut #extra, __other, &mut __map, #seed)?),
                        quote!(#extra,),
                    )
                }
            }
        }
    };
    // Keys no property names: the map of the first pattern they match, else what
    // `additionalProperties` says.
    let (unknown, pattern_init, pattern_fields) =
        pattern_routes(def, unknown, paths, shared, &mut statics);
    extra_init.extend(pattern_init);
    let mut finish_patterns = pattern_fields;
    finish_patterns.extend(extra_field);
    let extra_field = finish_patterns;
    // The big groups are made of the streams built above, not copied from them. With no
    // property, the key goes straight to the other keys' route (a `match` of one arm is
    // what clippy flags in a generated file).
    let no_fields = def.fields.is_empty();
    let reads = if no_fields {
        quote!({ let __other = __key.as_str(); #unknown })
    } else {
        reads.extend(quote!(__other => { #unknown }));
        let reads = Group::new(Delimiter::Brace, reads);
        quote!(match __key.as_str() #reads)
    };
    finish.extend(extra_field);
    let finish = Group::new(Delimiter::Brace, finish);
    let mut body = statics;
    body.extend(quote! {
        #(let mut #slots = __None;)*
        #extra_init
        #count_init
        while let __Some(__key) = __map.next_key::<__p::Key<'de>>()? {
            #count_key
            #reads
        }
        #count_check
        ::core::result::Result::Ok(#name #finish)
    });
    let body = Group::new(Delimiter::Brace, body);
    let automatically_derived = shared.automatically_derived();
    let allow_deprecated = shared.allow_deprecated();
    let deserialize_params = shared.deserialize_params();
    let expecting_params = shared.expecting_params();
    let visit_map_params = shared.visit_map_params();
    let typed = quote! {
        #imports

        struct __Visitor;

        impl<'de> __p::serde::de::Visitor<'de> for __Visitor {
            type Value = #name;

            fn expecting #expecting_params -> ::core::fmt::Result {
                __f.write_str(#expecting)
            }

            fn visit_map<__A> #visit_map_params -> ::core::result::Result<#name, __A::Error>
            where
                __A: __p::serde::de::MapAccess<'de>,
            #body
        }

        __deserializer.deserialize_map(__Visitor)
    };
    let Some(entry) = &def.check else {
        return quote! {
            #automatically_derived
            #allow_deprecated
            impl<'de> ::des_events::__private::serde::Deserialize<'de> for #name {
                fn deserialize<__D> #deserialize_params -> ::core::result::Result<Self, __D::Error>
                where
                    __D: ::des_events::__private::serde::Deserializer<'de>,
                {
                    #typed
                }
            }
        };
    };
    // Keywords that shape no Rust type: the validator checks the whole object first (it
    // judges every keyword, so reading the fields of a valid object cannot fail but for
    // an integer beyond its Rust type), then the fields are read from the checked value.
    let entry = super::string(entry);
    let documents = super::ident(crate::name::DOCUMENTS_STATIC);
    quote! {
        #allow_deprecated
        impl #name {
            fn __des_typed<'de, __D> #deserialize_params -> ::core::result::Result<Self, __D::Error>
            where
                __D: ::des_events::__private::serde::Deserializer<'de>,
            {
                #typed
            }
        }

        #automatically_derived
        #allow_deprecated
        impl<'de> ::des_events::__private::serde::Deserialize<'de> for #name {
            fn deserialize<__D> #deserialize_params -> ::core::result::Result<Self, __D::Error>
            where
                __D: ::des_events::__private::serde::Deserializer<'de>,
            {
                static VALIDATOR: ::des_events::__private::JsonValidator =
                    ::des_events::__private::JsonValidator::new(#entry, #documents);
                let __value = ::des_events::__private::json_value(__deserializer, &VALIDATOR)?;
                Self::__des_typed(__value)
                    .map_err(<__D::Error as ::des_events::__private::serde::de::Error>::custom)
            }
        }
    }
}
