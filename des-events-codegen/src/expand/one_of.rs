//! `oneOf` / `anyOf` below the root: an enum with one variant per alternative, read by
//! trying every alternative on the buffered value (`oneOf`: exactly one must match;
//! `anyOf`: the first that matches wins) and written as the alternative's own value.

use proc_macro2::TokenStream;
use quote::quote;

use super::de::seed;
use super::shared::Shared;
use super::types::rust_type;
use des_events_core::Keyword;

use super::{doc_attrs, ident};
use crate::ir::{Schema, UnionDef};

pub(crate) fn union_def(schema: &Schema, def: &UnionDef, shared: &Shared) -> TokenStream {
    let private = quote!(::des_events::__private);
    let name = ident(&def.name);
    let title = &def.name;
    let keyword = if def.exclusive { "oneOf" } else { "anyOf" };
    let keyword_variant = super::tests::keyword_tokens(if def.exclusive {
        Keyword::OneOf
    } else {
        Keyword::AnyOf
    });
    let docs = doc_attrs(
        &def.docs,
        Some(&def.name),
        &[format!(
            "`{keyword}`: {}.",
            if def.exclusive {
                "a value matches exactly one alternative"
            } else {
                "a value is read as the first alternative it matches"
            }
        )],
    );
    let eq = def
        .alternatives
        .iter()
        .filter_map(|alternative| alternative.ty.as_ref())
        .all(|ty| schema.is_eq(ty));
    let hash = eq
        && def
            .alternatives
            .iter()
            .filter_map(|alternative| alternative.ty.as_ref())
            .all(|ty| schema.is_hash(ty));
    let eq = eq.then(|| quote!(::core::cmp::Eq,));
    let hash = hash.then(|| quote!(::core::hash::Hash,));
    let mut variants = Vec::new();
    let mut serialize = Vec::new();
    let mut statics = Vec::new();
    let mut attempts = Vec::new();
    let mut schemas = Vec::new();
    for (index, alternative) in def.alternatives.iter().enumerate() {
        let variant = ident(&alternative.variant);
        let text = alternative.schema.as_ref().map(ToString::to_string);
        match &alternative.ty {
            None => {
                variants.push(quote!(#[doc = " `null`"] #variant,));
                serialize.push(quote!(Self::#variant => __serializer.serialize_unit(),));
                attempts.push(
                    quote!(|__value| #private::null_alternative(__value).map(|()| Self::#variant)),
                );
                schemas.push(quote!(#private::json_literal("{\"type\":\"null\"}")));
            }
            Some(ty) => {
                let rust = rust_type(ty);
                let (seed, rules) = seed(
                    ty,
                    &format!("alt{index}"),
                    &super::de::Paths::qualified(),
                    shared,
                );
                statics.push(rules);
                if alternative.boxed {
                    variants.push(quote!(#variant(::std::boxed::Box<#rust>),));
                    attempts.push(quote!(|__value| #private::serde::de::DeserializeSeed::deserialize(#seed, __value).map(|value| Self::#variant(::std::boxed::Box::new(value)))));
                } else {
                    variants.push(quote!(#variant(#rust),));
                    attempts.push(quote!(|__value| #private::serde::de::DeserializeSeed::deserialize(#seed, __value).map(Self::#variant)));
                }
                serialize.push(quote!(Self::#variant(value) => #private::serde::Serialize::serialize(value, __serializer),));
                schemas.push(match text {
                    Some(text) => quote!(#private::json_literal(#text)),
                    None => quote!(#private::serde_json::to_value(__generator.subschema_for::<#rust>()).unwrap_or_default()),
                });
            }
        }
    }
    let extras = shared.item_attrs(&def.name);
    let schema_impl = shared.schema_impl(&name, title, quote!(__generator), || {
        quote! {
            let alternatives: ::std::vec::Vec<#private::serde_json::Value> = ::std::vec![#(#schemas),*];
            #private::schemars::json_schema!({ #keyword: alternatives })
        }
    });
    quote! {
        #docs
        #[derive(::core::clone::Clone, ::core::fmt::Debug, ::core::cmp::PartialEq, #eq #hash)]
        #extras
        pub enum #name {
            #(#variants)*
        }

        #[automatically_derived]
        impl #private::serde::Serialize for #name {
            fn serialize<__S>(&self, __serializer: __S) -> ::core::result::Result<__S::Ok, __S::Error>
            where
                __S: #private::serde::Serializer,
            {
                match self {
                    #(#serialize)*
                }
            }
        }

        #[automatically_derived]
        impl<'de> #private::serde::Deserialize<'de> for #name {
            fn deserialize<__D>(__deserializer: __D) -> ::core::result::Result<Self, __D::Error>
            where
                __D: #private::serde::Deserializer<'de>,
            {
                #(#statics)*
                #private::union(__deserializer, #keyword_variant, &[#(#attempts),*])
            }
        }

        #schema_impl
    }
}
