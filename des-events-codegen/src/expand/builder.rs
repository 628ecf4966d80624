//! `builder = true`: a builder per struct, with one typed setter per field, whose
//! `build()` reads the collected fields back through the struct's generated
//! `Deserialize` (the runtime's `Building`). A builder therefore never makes a value the
//! schema rejects, and its error is the one a read of the same document gives. Structs
//! with one to three required fields also get `new(...)`, the same check in one call.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::shared::Shared;
use super::types::{additional_type, field_value_type, map_type, rust_type};
use super::{ident, string};
use crate::ir::{Additional, StructDef};
use crate::name::ADDITIONAL_FIELD;

/// The most required fields a struct's `new(...)` takes (more read better as a builder).
const NEW_MAX_ARGUMENTS: usize = 3;

/// The method that finishes a builder.
const BUILD: &str = "build";

/// The builder `builder` of the struct `def`.
pub(crate) fn builder(def: &StructDef, builder: &str, shared: &Shared) -> TokenStream {
    let name = ident(&def.name);
    let builder = ident(builder);
    // `(builder field and setter, its type, how `build` writes it)`.
    let mut slots: Vec<(Ident, Ident, TokenStream, TokenStream)> = Vec::new();
    for field in &def.fields {
        let slot = ident(&field.rust_name);
        let setter = setter_name(&field.rust_name);
        let wire = string(&field.wire_name);
        slots.push((
            slot.clone(),
            setter,
            field_value_type(field),
            quote!(__building.field(#wire, self.#slot.as_ref());),
        ));
    }
    let mut maps: Vec<(String, TokenStream)> = def
        .patterns
        .iter()
        .map(|map| (map.rust_name.clone(), map_type(shared, &rust_type(&map.ty))))
        .collect();
    if def.additional == Additional::Open {
        maps.push((ADDITIONAL_FIELD.to_owned(), additional_type(def, shared)));
    }
    for (field, ty) in maps {
        let slot = ident(&field);
        let label = string(&field);
        slots.push((
            slot.clone(),
            setter_name(&field),
            ty,
            quote!(__building.entries(#label, self.#slot.as_ref());),
        ));
    }
    let fields = slots
        .iter()
        .map(|(slot, _, ty, _)| quote!(#slot: ::core::option::Option<#ty>,));
    let setters = slots.iter().map(|(slot, setter, ty, _)| {
        let doc = string(&format!(" Sets `{slot}` (checked by [`Self::build`])."));
        quote! {
            #[doc = #doc]
            pub fn #setter(mut self, value: impl ::core::convert::Into<#ty>) -> Self {
                self.#slot = ::core::option::Option::Some(value.into());
                self
            }
        }
    });
    let writes = slots.iter().map(|(_, _, _, write)| write);
    let builder_doc = string(&format!(
        " A builder of [`{}`]: set the fields, then [`{builder}::build`] checks the whole \
         value against the schema, exactly as a read of the same JSON would.",
        def.name
    ));
    let build = ident(BUILD);
    let new = new_fn(def, &builder);
    quote! {
        #[doc = #builder_doc]
        #[derive(::core::clone::Clone, ::core::fmt::Debug, ::core::default::Default)]
        #[must_use]
        pub struct #builder {
            #(#fields)*
        }

        // Setters are named after the fields (`is_active`, `to_address`...).
        #[allow(clippy::wrong_self_convention)]
        impl #builder {
            #(#setters)*

            /// The value, if the schema accepts it; else the error a read of the same JSON
            /// gives (a required field not set, a value out of its bounds...).
            pub fn #build(self) -> ::core::result::Result<#name, ::des_events::Error> {
                let mut __building = ::des_events::__private::Building::new();
                #(#writes)*
                __building.build()
            }
        }

        impl #name {
            /// A builder of this type, with no field set.
            pub fn builder() -> #builder {
                <#builder as ::core::default::Default>::default()
            }

            #new
        }
    }
}

/// The setter of a builder field: the field's name, unless it is the finishing method's.
fn setter_name(field: &str) -> Ident {
    if field == BUILD {
        ident(&format!("set_{field}"))
    } else {
        ident(field)
    }
}

/// `new(...)` of a struct with one to [`NEW_MAX_ARGUMENTS`] required fields.
fn new_fn(def: &StructDef, builder: &Ident) -> TokenStream {
    let required: Vec<_> = def.fields.iter().filter(|field| field.required).collect();
    if required.is_empty() || required.len() > NEW_MAX_ARGUMENTS {
        return TokenStream::new();
    }
    let arguments: Vec<Ident> = required
        .iter()
        .map(|field| ident(&field.rust_name))
        .collect();
    let setters: Vec<Ident> = required
        .iter()
        .map(|field| setter_name(&field.rust_name))
        .collect();
    let types = required.iter().map(|field| field_value_type(field));
    quote! {
        /// The value with its required fields (the others absent), if the schema accepts
        /// it: [`Self::builder`] in one call.
        pub fn new(#(#arguments: impl ::core::convert::Into<#types>),*) -> ::core::result::Result<Self, ::des_events::Error> {
            <#builder as ::core::default::Default>::default()#(.#setters(#arguments))*.build()
        }
    }
}
