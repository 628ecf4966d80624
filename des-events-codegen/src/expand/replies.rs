//! Reply helpers: for each event of another schema that answers one of this schema's
//! events (`x-des-reply-to`), a method on the request's message that builds the reply
//! and copies the correlation fields (`x-des-echo`, such as `requestId`) from the
//! request, so that a reply cannot carry another request's id.

use proc_macro2::TokenStream;
use quote::quote;

use super::types::rust_type_in;
use super::{Replies, ident};
use crate::ir::{Additional, Schema};
use crate::name;

pub(crate) fn replies(schema: &Schema, replies: &Replies) -> TokenStream {
    let module = &replies.module;
    let reply_enum = ident(&replies.schema.name);
    let mut impls = Vec::new();
    let mut done: Vec<(String, String)> = Vec::new();
    for reply in &replies.schema.events {
        let Some(request) = reply
            .reply_to
            .as_deref()
            .and_then(|wire| schema.event(wire))
        else {
            continue;
        };
        let Some(reply_def) = replies.schema.struct_def(&reply.message) else {
            continue;
        };
        let method_name = name::reply_helper(&reply.method);
        if done.contains(&(request.message.clone(), method_name.clone())) {
            continue;
        }
        done.push((request.message.clone(), method_name.clone()));
        let method = ident(&method_name);
        let request_type = ident(&request.message);
        let variant = ident(&reply.variant);
        let message = ident(&reply.message);
        let mut params = Vec::new();
        let mut inits = Vec::new();
        let mut copied = Vec::new();
        for field in &reply_def.fields {
            let name = ident(&field.rust_name);
            if field.echo {
                copied.push(format!("`{}`", field.wire_name));
                inits.push(quote!(#name: ::core::clone::Clone::clone(&self.#name)));
            } else {
                let ty = rust_type_in(&field.ty, Some(module));
                let ty = if field.required {
                    ty
                } else {
                    quote!(::core::option::Option<#ty>)
                };
                params.push(quote!(#name: #ty));
                inits.push(quote!(#name));
            }
        }
        let extra = (reply_def.additional == Additional::Open).then(|| {
            let extra = ident(name::ADDITIONAL_FIELD);
            quote!(#extra: ::core::default::Default::default(),)
        });
        let patterns = reply_def.patterns.iter().map(|map| {
            let field = ident(&map.rust_name);
            quote!(#field: ::core::default::Default::default(),)
        });
        let extra = quote!(#(#patterns)* #extra);
        let copies = if copied.is_empty() {
            String::new()
        } else {
            format!(", copying {} from this request", copied.join(" and "))
        };
        let doc = format!(
            " Builds the `{}` reply to this `{}`{copies}.",
            reply.wire_name, request.wire_name
        );
        impls.push(quote! {
            impl #request_type {
                #[doc = #doc]
                #[allow(clippy::too_many_arguments, deprecated)]
                pub fn #method(&self, #(#params),*) -> #module::#reply_enum {
                    #module::#reply_enum::#variant(#module::#message {
                        #(#inits,)*
                        #extra
                    })
                }
            }
        });
    }
    quote!(#(#impls)*)
}
