//! `prefixItems` with `items: false`: a tuple struct, read from and written as a JSON
//! array of exactly its length, each position checked with its own rules.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::de::seed;
use super::shared::Shared;
use super::types::rust_type;
use super::{doc_attrs, ident};
use crate::ir::{Schema, TupleDef};

pub(crate) fn tuple_def(schema: &Schema, def: &TupleDef, shared: &Shared) -> TokenStream {
    let private = quote!(::des_events::__private);
    let name = ident(&def.name);
    let title = &def.name;
    let count = def.items.len();
    let docs = doc_attrs(
        &def.docs,
        Some(&def.name),
        &[format!("A JSON array of exactly {count} items.")],
    );
    let eq = def.items.iter().all(|ty| schema.is_eq(ty));
    let hash = eq && def.items.iter().all(|ty| schema.is_hash(ty));
    let eq = eq.then(|| quote!(::core::cmp::Eq,));
    let hash = hash.then(|| quote!(::core::hash::Hash,));
    let types: Vec<TokenStream> = def.items.iter().map(rust_type).collect();
    let positions: Vec<Literal> = (0..count).map(Literal::usize_unsuffixed).collect();
    let mut statics = Vec::new();
    let mut reads = Vec::new();
    for (index, ty) in def.items.iter().enumerate() {
        let (seed, rules) = seed(
            ty,
            &format!("item{index}"),
            &super::de::Paths::qualified(),
            shared,
        );
        statics.push(rules);
        let min = count as u64;
        reads.push(quote! {
            match __seq.next_element_seed(#seed)? {
                ::core::option::Option::Some(value) => value,
                ::core::option::Option::None => {
                    return ::core::result::Result::Err(#private::too_few_items(#min, #index));
                }
            }
        });
    }
    let schemas = def.item_schemas.iter().zip(&def.items).map(|(text, ty)| match text {
        Some(text) => {
            let text = text.to_string();
            quote!(#private::json_literal(#text))
        }
        None => {
            let rust = rust_type(ty);
            quote!(#private::serde_json::to_value(__generator.subschema_for::<#rust>()).unwrap_or_default())
        }
    });
    let expecting = format!("an array of {count} items ({title})");
    let extras = shared.item_attrs(&def.name);
    let schema_impl = shared.schema_impl(&name, title, quote!(__generator), || {
        quote! {
            let items: ::std::vec::Vec<#private::serde_json::Value> = ::std::vec![#(#schemas),*];
            #private::schemars::json_schema!({
                "type": "array",
                "prefixItems": items,
                "items": false,
                "minItems": #count
            })
        }
    });
    quote! {
        #docs
        #[derive(::core::clone::Clone, ::core::fmt::Debug, ::core::cmp::PartialEq, #eq #hash)]
        #extras
        pub struct #name(#(pub #types),*);

        #[automatically_derived]
        impl #private::serde::Serialize for #name {
            fn serialize<__S>(&self, __serializer: __S) -> ::core::result::Result<__S::Ok, __S::Error>
            where
                __S: #private::serde::Serializer,
            {
                use #private::serde::ser::SerializeTuple as _;
                let mut __tuple = __serializer.serialize_tuple(#count)?;
                #(__tuple.serialize_element(&self.#positions)?;)*
                __tuple.end()
            }
        }

        #[automatically_derived]
        impl<'de> #private::serde::Deserialize<'de> for #name {
            fn deserialize<__D>(__deserializer: __D) -> ::core::result::Result<Self, __D::Error>
            where
                __D: #private::serde::Deserializer<'de>,
            {
                struct __Visitor;

                impl<'de> #private::serde::de::Visitor<'de> for __Visitor {
                    type Value = #name;

                    fn expecting(&self, __f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        __f.write_str(#expecting)
                    }

                    fn visit_seq<__A>(self, mut __seq: __A) -> ::core::result::Result<#name, __A::Error>
                    where
                        __A: #private::serde::de::SeqAccess<'de>,
                    {
                        #(#statics)*
                        let __value = #name(#(#reads),*);
                        if __seq.next_element::<#private::serde::de::IgnoredAny>()?.is_some() {
                            return ::core::result::Result::Err(#private::violation(#private::Keyword::Items, #expecting, "more items"));
                        }
                        ::core::result::Result::Ok(__value)
                    }
                }

                __deserializer.deserialize_seq(__Visitor)
            }
        }

        #schema_impl
    }
}
