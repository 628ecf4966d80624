//! The conformance tests emitted into the invoking crate (`#[cfg(test)]`): every example
//! parses to its event and round-trips in both key orders, and every mutant of it is
//! rejected with the expected error.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::ident;
use crate::ir::Schema;
use crate::mutate::{self, Expectation};
use crate::name;

pub(crate) fn tests(schema: &Schema) -> TokenStream {
    let private = quote!(::des_events::__private);
    let enum_name = ident(&schema.name);
    let module = format_ident!(
        "__des_events_conformance_{}",
        name::field_name(&schema.name).trim_start_matches("r#")
    );
    let mutants = mutate::mutants(schema);
    let mut tests = Vec::new();
    for event in &schema.events {
        let base = event.method.trim_start_matches("r#");
        for (index, example) in event.examples.iter().enumerate() {
            let test = format_ident!("example_{}_{}", base, index);
            let json = example.to_string();
            let wire = &event.wire_name;
            tests.push(quote! {
                #[test]
                fn #test() {
                    #private::conformance::example::<super::#enum_name>(#json, #wire);
                }
            });
        }
        let prefix = format!("{}#", event.wire_name);
        let own: Vec<_> = mutants
            .iter()
            .filter(|mutant| mutant.label.starts_with(&prefix))
            .collect();
        if own.is_empty() {
            continue;
        }
        let test = format_ident!("mutants_of_{}", base);
        let checks = own.iter().map(|mutant| {
            let label = &mutant.label;
            let text = &mutant.text;
            let expect = expectation(&mutant.expect);
            quote!(#private::conformance::reject::<super::#enum_name>(#label, #text, #expect);)
        });
        tests.push(quote! {
            #[test]
            fn #test() {
                #(#checks)*
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
    let path = quote!(::des_events::__private::Expect);
    match expect {
        Expectation::Syntax => quote!(#path::Syntax),
        Expectation::UnknownEvent(name) => quote!(#path::UnknownEvent(#name)),
        Expectation::MissingField(at) => quote!(#path::MissingField(#at)),
        Expectation::UnknownField(at) => quote!(#path::UnknownField(#at)),
        Expectation::WrongType(at) => quote!(#path::WrongType(#at)),
        Expectation::Constraint(keyword, at) => quote!(#path::Constraint(#keyword, #at)),
    }
}
