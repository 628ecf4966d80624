//! The conformance tests emitted into the invoking crate (`#[cfg(test)]`): every example
//! parses to its event and round-trips in both key orders, and every mutant of it is
//! rejected with the expected error.

use proc_macro2::{Delimiter, Group, Punct, Spacing, TokenStream, TokenTree};
use quote::{TokenStreamExt as _, quote};

use super::shared::{Key, Shared};
use super::{Moved, ident, raw_string, string};
use crate::ir::Schema;
use crate::mutate::{self, Expectation};
use crate::name;

pub(crate) fn tests(schema: &Schema, shared: &Shared) -> TokenStream {
    let private = quote!(::des_events::__private);
    let enum_name = ident(&schema.name);
    let module = ident(&name::conformance_module(&schema.name));
    let mut tests = TokenStream::new();
    for event in &schema.events {
        let wire = string(&event.wire_name);
        for (index, example) in event.examples.iter().enumerate() {
            let test = ident(&name::example_test(&event.method, index));
            let json = raw_string(&example.to_string());
            // Converted formats write their canonical texts (see `canonical_example`).
            tests.extend(if shared.fit.converted {
                quote! {
                    #[test]
                    fn #test() {
                        #private::conformance::canonical_example::<super::#enum_name>(#json, #wire);
                    }
                }
            } else {
                quote! {
                    #[test]
                    fn #test() {
                        #private::conformance::example::<super::#enum_name>(#json, #wire);
                    }
                }
            });
        }
        let mutants = mutate::event_mutants(schema, event);
        if mutants.is_empty() {
            continue;
        }
        let test = ident(&name::mutants_test(&event.method));
        let mut rows = TokenStream::new();
        for (index, mutant) in mutants.iter().enumerate() {
            if index > 0 {
                rows.append(Punct::new(',', Spacing::Alone));
            }
            // `(label, text, expectation)`, the literals moved in rather than copied.
            let mut row = TokenStream::new();
            row.extend([
                TokenTree::Literal(string(&mutant.label)),
                TokenTree::Punct(Punct::new(',', Spacing::Alone)),
                TokenTree::Literal(raw_string(&mutant.text)),
                TokenTree::Punct(Punct::new(',', Spacing::Alone)),
            ]);
            row.extend(expectation(&mutant.expect, shared));
            rows.append(Group::new(Delimiter::Parenthesis, row));
        }
        let rows = Group::new(Delimiter::Bracket, rows);
        tests.extend(quote! {
            #[test]
            fn #test() {
                use ::des_events::__private::Expect as E;
                #private::conformance::reject_all::<super::#enum_name>(&#rows);
            }
        });
    }
    for root in &schema.roots {
        let name = ident(&root.name);
        let label = string(&root.name);
        for (index, example) in root.examples.iter().enumerate() {
            let test = ident(&name::example_test(
                &name::handler_method(&root.name),
                index,
            ));
            let json = raw_string(&example.to_string());
            let check = if shared.fit.converted {
                quote!(canonical_example)
            } else {
                quote!(root_example)
            };
            tests.extend(quote! {
                #[test]
                fn #test() {
                    #private::conformance::#check::<super::#name>(#json, #label);
                }
            });
        }
    }
    if tests.is_empty() {
        return TokenStream::new();
    }
    let tests = Group::new(Delimiter::Brace, tests);
    quote! {
        #[cfg(test)]
        #[allow(non_snake_case)]
        mod #module #tests
    }
}

fn expectation(expect: &Expectation, shared: &Shared) -> TokenStream {
    match expect {
        Expectation::Syntax => quote!(E::Syntax),
        Expectation::UnknownEvent(name) => {
            let name = string(name);
            quote!(E::UnknownEvent(#name))
        }
        Expectation::MissingField(at) => {
            let at = string(at);
            quote!(E::MissingField(#at))
        }
        Expectation::UnknownField(at) => {
            let at = string(at);
            quote!(E::UnknownField(#at))
        }
        Expectation::WrongType(at) => {
            let at = string(at);
            quote!(E::WrongType(#at))
        }
        Expectation::Constraint(keyword, at) => {
            // The same rule is broken at the same place in many events' messages.
            let key = Key("constraint", format!("{keyword:?} {at}"));
            let arguments = shared.group(key, Delimiter::Parenthesis, || {
                let keyword = Moved::new(keyword_tokens(*keyword));
                let at = string(at);
                quote!(#keyword, #at)
            });
            quote!(E::Constraint #arguments)
        }
    }
}

/// The runtime's `Keyword` variant for `keyword`.
pub(super) fn keyword_tokens(keyword: des_events_core::Keyword) -> TokenStream {
    let variant = proc_macro2::Ident::new(keyword.variant(), proc_macro2::Span::call_site());
    quote!(::des_events::__private::Keyword::#variant)
}
