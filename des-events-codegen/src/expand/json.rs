//! Schemas without a typed shape: a newtype around `serde_json::Value`, checked by the
//! validator of `des-events-core` while deserializing, and the embedded documents that
//! validator reads.

use proc_macro2::TokenStream;
use quote::quote;

use super::de::{Paths, seed};
use super::shared::Shared;
use super::types::rust_type;
use super::{doc_attrs, ident, string};
use crate::ir::{JsonDef, NewtypeDef, Schema, StructDef};
use crate::name::DOCUMENTS_STATIC;

/// The schema documents, as JSON text, for every validator of the expansion (nothing
/// when no type needs one).
pub(crate) fn documents(schema: &Schema) -> TokenStream {
    if schema.documents.is_empty() {
        return TokenStream::new();
    }
    let name = ident(DOCUMENTS_STATIC);
    let entries = schema.documents.iter().map(|(uri, value)| {
        let uri = string(uri);
        let text = string(&value.to_string());
        quote!((#uri, #text))
    });
    quote! {
        /// The schema documents that the validators of this module's JSON value types
        /// read (their URI, their JSON text).
        #[doc(hidden)]
        static #name: &[(&str, &str)] = &[#(#entries),*];
    }
}

/// The newtype of a [`JsonDef`].
pub(crate) fn json_def(def: &JsonDef, shared: &Shared) -> TokenStream {
    let private = quote!(::des_events::__private);
    let name = ident(&def.name);
    let documents = ident(DOCUMENTS_STATIC);
    let entry = string(&def.entry);
    let docs = doc_attrs(
        &def.docs,
        Some(&def.name),
        &[
            "A JSON value, checked against its schema by the JSON Schema validator when it \
             is read (the schema has no typed Rust shape: "
                .to_owned()
                + &def.reason
                + ").",
        ],
    );
    // The schema itself when it stands alone; with references, a description only.
    let schema = match &def.schema {
        Some(value) => schema_literal(value),
        None => quote! {
            #private::schemars::json_schema!({
                "description": "A JSON value that des-events checks with its JSON Schema validator."
            })
        },
    };
    let serialize = transparent_serialize(&name);
    let extras = shared.item_attrs(&def.name);
    let schema_impl = shared.schema_impl(&name, &def.name, quote!(_), || schema);
    quote! {
        #docs
        #[derive(::core::clone::Clone, ::core::fmt::Debug, ::core::cmp::PartialEq, ::core::cmp::Eq)]
        #extras
        pub struct #name(::des_events::serde_json::Value);

        impl #name {
            /// The validator of this type's schema.
            fn validator() -> &'static #private::JsonValidator {
                static VALIDATOR: #private::JsonValidator = #private::JsonValidator::new(#entry, #documents);
                &VALIDATOR
            }

            /// Checks `value` against the schema.
            pub fn new(value: ::des_events::serde_json::Value) -> ::core::result::Result<Self, ::des_events::Error> {
                let text = value.to_string();
                #private::from_json(&text)
            }

            /// The JSON value.
            pub fn as_value(&self) -> &::des_events::serde_json::Value {
                &self.0
            }

            /// The JSON value, taken out.
            pub fn into_value(self) -> ::des_events::serde_json::Value {
                self.0
            }
        }

        #serialize

        #[automatically_derived]
        impl<'de> #private::serde::Deserialize<'de> for #name {
            fn deserialize<__D>(__deserializer: __D) -> ::core::result::Result<Self, __D::Error>
            where
                __D: #private::serde::Deserializer<'de>,
            {
                #private::json_value(__deserializer, Self::validator()).map(#name)
            }
        }

        #schema_impl
    }
}

/// The newtype of a [`NewtypeDef`]: the wrapped type's own checks, read and written as
/// that type. With a check (`not`, `if`... on a scalar or array schema), the validator
/// judges the whole value first, then the wrapped type is read from the checked value.
pub(crate) fn newtype_def(schema: &Schema, def: &NewtypeDef, shared: &Shared) -> TokenStream {
    let private = quote!(::des_events::__private);
    let name = ident(&def.name);
    let checked_doc = def.check.as_ref().map(|_| {
        let keywords: Vec<String> = def
            .checked
            .iter()
            .map(|(key, _)| format!("`{key}`"))
            .collect();
        format!(
            "Checked as a whole by the JSON Schema validator when it is read (keywords that \
             shape no Rust type: {}), then read as the wrapped type. A value built in Rust \
             is not checked.",
            keywords.join(", ")
        )
    });
    let docs = doc_attrs(&def.docs, Some(&def.name), checked_doc.as_slice());
    let eq = schema.is_eq(&def.ty);
    let hash = eq && schema.is_hash(&def.ty);
    let eq = eq.then(|| quote!(::core::cmp::Eq,));
    let hash = hash.then(|| quote!(::core::hash::Hash,));
    let rust = rust_type(&def.ty);
    let (seed, statics) = seed(&def.ty, "root", &Paths::qualified(), shared);
    // The schema itself when it stands alone (with a check: checked keywords included);
    // with references, the wrapped type's description plus what it cannot say itself:
    // an array's counts, and the checked keywords when none of them refers elsewhere
    // (one that does cannot be restated alone: then none is, as for structs).
    let description = match &def.schema {
        Some(value) => schema_literal(value),
        None => {
            let mut extra = serde_json::Map::new();
            if let crate::ir::Type::Array(_, rules) = &def.ty {
                if let Some(min) = rules.min_items {
                    extra.insert("minItems".to_owned(), min.into());
                }
                if let Some(max) = rules.max_items {
                    extra.insert("maxItems".to_owned(), max.into());
                }
                if rules.unique {
                    extra.insert("uniqueItems".to_owned(), true.into());
                }
            }
            if !def
                .checked
                .iter()
                .any(|(_, value)| StructDef::refers(value))
            {
                extra.extend(def.checked.iter().cloned());
            }
            if extra.is_empty() {
                quote!(__generator.subschema_for::<#rust>())
            } else {
                let text = string(&serde_json::Value::Object(extra).to_string());
                quote! {
                    let mut __schema = __generator.subschema_for::<#rust>();
                    if let (::core::option::Option::Some(__object), #private::serde_json::Value::Object(__extra)) =
                        (__schema.as_object_mut(), #private::json_literal(#text))
                    {
                        __object.extend(__extra);
                    }
                    __schema
                }
            }
        }
    };
    let serialize = transparent_serialize(&name);
    let body = match &def.check {
        None => quote! {
            #statics
            #private::serde::de::DeserializeSeed::deserialize(#seed, __deserializer).map(#name)
        },
        // As a struct with a check does (`expand::de`): the validator reads the value
        // strictly (duplicate keys rejected) and locates its violations inside it; the
        // typed read of a value it accepted fails only for an integer beyond its Rust
        // type, with the rules' own message.
        Some(entry) => {
            let entry = string(entry);
            let documents = ident(DOCUMENTS_STATIC);
            quote! {
                static VALIDATOR: #private::JsonValidator = #private::JsonValidator::new(#entry, #documents);
                #statics
                let __value = #private::json_value(__deserializer, &VALIDATOR)?;
                #private::serde::de::DeserializeSeed::deserialize(#seed, __value)
                    .map(#name)
                    .map_err(<__D::Error as #private::serde::de::Error>::custom)
            }
        }
    };
    let extras = shared.item_attrs(&def.name);
    let schema_impl = shared.schema_impl(&name, &def.name, quote!(__generator), || {
        quote! {
            let _ = &__generator;
            #description
        }
    });
    quote! {
        #docs
        #[derive(::core::clone::Clone, ::core::fmt::Debug, ::core::cmp::PartialEq, #eq #hash)]
        #extras
        pub struct #name(pub #rust);

        #serialize

        #[automatically_derived]
        impl<'de> #private::serde::Deserialize<'de> for #name {
            fn deserialize<__D>(__deserializer: __D) -> ::core::result::Result<Self, __D::Error>
            where
                __D: #private::serde::Deserializer<'de>,
            {
                #body
            }
        }

        #schema_impl
    }
}

/// `Serialize` of a newtype, written as the value it holds.
fn transparent_serialize(name: &proc_macro2::Ident) -> TokenStream {
    let private = quote!(::des_events::__private);
    quote! {
        #[automatically_derived]
        impl #private::serde::Serialize for #name {
            fn serialize<__S>(&self, __serializer: __S) -> ::core::result::Result<__S::Ok, __S::Error>
            where
                __S: #private::serde::Serializer,
            {
                #private::serde::Serialize::serialize(&self.0, __serializer)
            }
        }
    }
}

/// A schemars `Schema` built from a schema's JSON text.
fn schema_literal(value: &serde_json::Value) -> TokenStream {
    let private = quote!(::des_events::__private);
    let text = string(&value.to_string());
    quote! {
        #private::schemars::Schema::try_from(#private::json_literal(#text))
            .unwrap_or_else(|_| #private::schemars::Schema::from(true))
    }
}
