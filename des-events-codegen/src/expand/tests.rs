//! The conformance tests emitted into the invoking crate (`#[cfg(test)]`): every example
//! parses to its event and round-trips in both key orders, and every mutant of it is
//! rejected with the expected error.

use proc_macro2::TokenStream;
use quote::quote;

use super::{ident, raw_string, string};
use crate::ir::Schema;
use crate::mutate::{self, Expectation};
use crate::name;

pub(crate) fn tests(schema: &Schema) -> TokenStream {
    let private = quote!(::des_events::__private);
    let enum_name = ident(&schema.name);
    let module = ident(&name::conformance_module(&schema.name));
    let mut mutants: std::collections::HashMap<String, Vec<mutate::Mutant>> =
        std::collections::HashMap::new();
    for mutant in mutate::mutants(schema) {
        mutants
            .entry(mutant.event.clone())
            .or_default()
            .push(mutant);
    }
    let mut tests = Vec::new();
    for event in &schema.events {
        for (index, example) in event.examples.iter().enumerate() {
            let test = ident(&name::example_test(&event.method, index));
            let json = raw_string(&example.to_string());
            let wire = string(&event.wire_name);
            tests.push(quote! {
                #[test]
                fn #test() {
                    #private::conformance::example::<super::#enum_name>(#json, #wire);
                }
            });
        }
        let Some(own) = mutants.get(&event.wire_name) else {
            continue;
        };
        let test = ident(&name::mutants_test(&event.method));
        let rows = own.iter().map(|mutant| {
            let label = string(&mutant.label);
            let text = raw_string(&mutant.text);
            let expect = expectation(&mutant.expect);
            quote!((#label, #text, #expect))
        });
        tests.push(quote! {
            #[test]
            fn #test() {
                use ::des_events::__private::Expect as E;
                #private::conformance::reject_all::<super::#enum_name>(&[#(#rows),*]);
            }
        });
    }
    quote! {
        #[cfg(test)]
        #[allow(non_snake_case)]
        mod #module {
            #(#tests)*
        }
    }
}

fn expectation(expect: &Expectation) -> TokenStream {
    let path = quote!(E);
    match expect {
        Expectation::Syntax => quote!(#path::Syntax),
        Expectation::UnknownEvent(name) => {
            let name = string(name);
            quote!(#path::UnknownEvent(#name))
        }
        Expectation::MissingField(at) => {
            let at = string(at);
            quote!(#path::MissingField(#at))
        }
        Expectation::UnknownField(at) => {
            let at = string(at);
            quote!(#path::UnknownField(#at))
        }
        Expectation::WrongType(at) => {
            let at = string(at);
            quote!(#path::WrongType(#at))
        }
        Expectation::Constraint(keyword, at) => {
            let keyword = keyword_tokens(*keyword);
            let at = string(at);
            quote!(#path::Constraint(#keyword, #at))
        }
    }
}

/// The runtime's `Keyword` variant for `keyword`.
pub(super) fn keyword_tokens(keyword: des_events_core::Keyword) -> TokenStream {
    let variant = proc_macro2::Ident::new(keyword.variant(), proc_macro2::Span::call_site());
    quote!(::des_events::__private::Keyword::#variant)
}
