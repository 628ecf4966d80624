//! Deserializers for generated structs: read a JSON object only (never an array, unlike
//! serde's derive), check every constraint while reading, reject unknown keys of closed
//! objects, reject `null` where the schema does not allow it, and tell absent from present.

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{format_ident, quote};

use super::ident;
use super::types::{field_type, rust_type};
use crate::ir::{Additional, Format, StructDef, Type};
use crate::name::ADDITIONAL_FIELD;

/// The seed expression that reads `ty`, plus the `static` rule items it refers to.
pub(crate) fn seed(ty: &Type, id: &str) -> (TokenStream, TokenStream) {
    let private = quote!(::des_events::__private);
    let opt_u64 = |value: Option<u64>| match value {
        Some(value) => quote!(::core::option::Option::Some(#value)),
        None => quote!(::core::option::Option::None),
    };
    let opt_f64 = |value: Option<f64>| match value {
        Some(value) => {
            let value = Literal::f64_suffixed(value);
            quote!(::core::option::Option::Some(#value))
        }
        None => quote!(::core::option::Option::None),
    };
    let rules_name = format_ident!("__RULES_{}", id);
    let plain = |ty: &Type| {
        let rust = rust_type(ty);
        (
            quote!(#private::PlainSeed::<#rust>::NEW),
            TokenStream::new(),
        )
    };
    match ty {
        Type::String(rules) => {
            // `Uuid` checks its own format; the other formats are checked by the rules.
            let format = rules
                .format
                .filter(|format| *format != Format::Uuid)
                .map(|format| Ident::new(format.variant(), Span::call_site()));
            let checked = format.is_some()
                || rules.min_length.is_some()
                || rules.max_length.is_some()
                || rules.pattern.is_some();
            if !checked {
                return plain(ty);
            }
            let rust = rust_type(ty);
            let (min, max) = (opt_u64(rules.min_length), opt_u64(rules.max_length));
            let pattern = match &rules.pattern {
                Some(source) => {
                    quote!(::core::option::Option::Some(#private::Pattern::new(#source)))
                }
                None => quote!(::core::option::Option::None),
            };
            let credential = rules.credential;
            let format = match format {
                Some(variant) => quote!(::core::option::Option::Some(#private::Format::#variant)),
                None => quote!(::core::option::Option::None),
            };
            (
                quote!(#private::StrSeed::<#rust>::new(&#rules_name)),
                quote! {
                    static #rules_name: #private::StrRules = #private::StrRules {
                        format: #format,
                        min_length: #min,
                        max_length: #max,
                        pattern: #pattern,
                        credential: #credential,
                    };
                },
            )
        }
        Type::Integer(rules) => {
            let opt_i64 = |value: Option<i64>| match value {
                Some(value) => quote!(::core::option::Option::Some(#value)),
                None => quote!(::core::option::Option::None),
            };
            let (min, max) = (opt_i64(rules.minimum), opt_i64(rules.maximum));
            let (xmin, xmax) = (
                opt_i64(rules.exclusive_minimum),
                opt_i64(rules.exclusive_maximum),
            );
            let multiple = opt_i64(rules.multiple_of);
            let rust = rust_type(ty);
            (
                quote!(#private::IntSeed::<#rust>::new(&#rules_name)),
                quote! {
                    static #rules_name: #private::IntRules = #private::IntRules {
                        minimum: #min,
                        maximum: #max,
                        exclusive_minimum: #xmin,
                        exclusive_maximum: #xmax,
                        multiple_of: #multiple,
                    };
                },
            )
        }
        Type::Number(rules) => {
            if rules.is_empty() {
                return (
                    quote!(#private::NumSeed(&#private::NumRules::NONE)),
                    TokenStream::new(),
                );
            }
            let (min, max) = (opt_f64(rules.minimum), opt_f64(rules.maximum));
            let (xmin, xmax) = (
                opt_f64(rules.exclusive_minimum),
                opt_f64(rules.exclusive_maximum),
            );
            let multiple = opt_f64(rules.multiple_of);
            (
                quote!(#private::NumSeed(&#rules_name)),
                quote! {
                    static #rules_name: #private::NumRules = #private::NumRules {
                        minimum: #min,
                        maximum: #max,
                        exclusive_minimum: #xmin,
                        exclusive_maximum: #xmax,
                        multiple_of: #multiple,
                    };
                },
            )
        }
        Type::Array(item, rules) => {
            let (item_seed, item_statics) = seed(item, &format!("{id}_item"));
            let (min, max) = (opt_u64(rules.min_items), opt_u64(rules.max_items));
            let unique = rules.unique;
            (
                quote!(#private::VecSeed(#item_seed, &#rules_name)),
                quote! {
                    #item_statics
                    static #rules_name: #private::ArrayRules = #private::ArrayRules {
                        min_items: #min,
                        max_items: #max,
                        unique: #unique,
                    };
                },
            )
        }
        Type::Map => (quote!(#private::MapSeed), TokenStream::new()),
        Type::Boolean | Type::Named(_) => plain(ty),
    }
}

/// `impl Deserialize` for a struct.
pub(crate) fn struct_de(def: &StructDef) -> TokenStream {
    let private = quote!(::des_events::__private);
    let name = ident(&def.name);
    let expecting = format!("an object ({})", def.name);
    let wires: Vec<&String> = def.fields.iter().map(|field| &field.wire_name).collect();
    let slots: Vec<_> = (0..def.fields.len())
        .map(|index| format_ident!("__field{}", index))
        .collect();
    let mut statics = Vec::new();
    let mut reads = Vec::new();
    for (index, field) in def.fields.iter().enumerate() {
        let (seed, rules) = if field.boxed {
            let ty = field_type(field);
            (quote!(__p::PlainSeed::<#ty>::NEW), TokenStream::new())
        } else {
            seed(&field.ty, &index.to_string())
        };
        let seed = if field.nullable {
            quote!(__p::NullableSeed(#seed))
        } else {
            seed
        };
        statics.push(rules);
        let slot = &slots[index];
        let wire = &field.wire_name;
        reads.push(quote!(#wire => __p::put(&mut #slot, #wire, &mut __map, #seed)?,));
    }
    let types = def.fields.iter().map(|field| {
        let ty = field_type(field);
        if field.nullable {
            quote!(::core::option::Option<#ty>)
        } else {
            ty
        }
    });
    let counted = def.min_properties.is_some() || def.max_properties.is_some();
    let (count_init, count_key, count_check) = if counted {
        let opt = |value: Option<u64>| match value {
            Some(value) => quote!(::core::option::Option::Some(#value)),
            None => quote!(::core::option::Option::None),
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
    let finish = def.fields.iter().zip(&slots).map(|(field, slot)| {
        let rust_name = ident(&field.rust_name);
        let wire = &field.wire_name;
        if field.required {
            quote!(#rust_name: __p::required(#slot, #wire)?,)
        } else {
            quote!(#rust_name: #slot,)
        }
    });
    let (extra_init, unknown, extra_field) = match def.additional {
        Additional::Closed => (
            TokenStream::new(),
            quote!(__other => return ::core::result::Result::Err(__p::unknown_field(__other, &[#(#wires),*])),),
            TokenStream::new(),
        ),
        Additional::Open => {
            let extra = ident(ADDITIONAL_FIELD);
            match &def.additional_type {
                None => (
                    quote!(let mut #extra = __p::serde_json::Map::new();),
                    quote!(__other => __p::put_extra(&mut #extra, __other, &mut __map)?,),
                    quote!(#extra,),
                ),
                Some(ty) => {
                    let (seed, rules) = seed(ty, "extra");
                    statics.push(rules);
                    (
                        quote!(let mut #extra = ::std::collections::BTreeMap::new();),
                        quote!(__other => __p::put_typed_extra(&mut #extra, __other, &mut __map, #seed)?,),
                        quote!(#extra,),
                    )
                }
            }
        }
    };
    quote! {
        #[automatically_derived]
        #[allow(deprecated)]
        impl<'de> #private::serde::Deserialize<'de> for #name {
            fn deserialize<__D>(__deserializer: __D) -> ::core::result::Result<Self, __D::Error>
            where
                __D: #private::serde::Deserializer<'de>,
            {
                use #private as __p;

                struct __Visitor;

                impl<'de> __p::serde::de::Visitor<'de> for __Visitor {
                    type Value = #name;

                    fn expecting(&self, __f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        __f.write_str(#expecting)
                    }

                    fn visit_map<__A>(self, mut __map: __A) -> ::core::result::Result<#name, __A::Error>
                    where
                        __A: __p::serde::de::MapAccess<'de>,
                    {
                        #(#statics)*
                        #(let mut #slots: ::core::option::Option<#types> = ::core::option::Option::None;)*
                        #extra_init
                        #count_init
                        while let ::core::option::Option::Some(__key) = __map.next_key::<__p::Key<'de>>()? {
                            #count_key
                            match __key.as_str() {
                                #(#reads)*
                                #unknown
                            }
                        }
                        #count_check
                        ::core::result::Result::Ok(#name { #(#finish)* #extra_field })
                    }
                }

                __deserializer.deserialize_map(__Visitor)
            }
        }
    }
}
