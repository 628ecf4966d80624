//! Token fragments that do not depend on the schema (derive lists, serde and schemars
//! container attributes, fixed signatures), made at most once per expansion and shared
//! by every item that uses them. A fragment is a `#` and a bracketed group, or a single
//! group: interpolating it copies a pointer to the group, not the group's tokens, and
//! dropping the output releases the group once.
//!
//! Groups that depend only on a small part of the IR (a rule table's body, a field's
//! serde attribute, an expected error) are kept too, by that part: schemas repeat them
//! (the same `requestId` field, the same `uuid` rules, in many messages).
//!
//! Only per expansion: in the compiler, tokens belong to one macro invocation.

use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;

use proc_macro2::{Delimiter, Group, Literal, TokenStream};
use quote::quote;

use super::de::Paths;
use crate::fit::Fit;

/// The fragments of one expansion, each made when first used.
#[derive(Default)]
pub(crate) struct Shared {
    /// `#[derive(...)]` of a struct, by (`Eq`, `Hash`, `Default`).
    struct_derives: [OnceCell<TokenStream>; 8],
    /// `#[derive(...)]` of a string enum.
    enum_derive: OnceCell<TokenStream>,
    automatically_derived: OnceCell<TokenStream>,
    allow_deprecated: OnceCell<TokenStream>,
    /// `#[serde(crate = ...)]`, and with `deny_unknown_fields`.
    serde_crate: [OnceCell<TokenStream>; 2],
    schemars_crate: OnceCell<TokenStream>,
    /// The body of a string enum's `Display` impl.
    display_body: OnceCell<TokenStream>,
    /// `(&self, __f: &mut ::core::fmt::Formatter<'_>)`.
    expecting_params: OnceCell<TokenStream>,
    /// `(__deserializer: __D)`.
    deserialize_params: OnceCell<TokenStream>,
    /// `(self, mut __map: __A)`.
    visit_map_params: OnceCell<TokenStream>,
    /// `"::core::option::Option::is_none"`.
    is_none: OnceCell<Literal>,
    /// The short paths of a deserializer's body, and the imports that define them.
    local_paths: OnceCell<(Paths, TokenStream)>,
    /// Groups by what they are made of (see [`Shared::group`]).
    groups: RefCell<HashMap<Key, Group>>,
    /// Attributes by what they are made of (see [`Shared::attribute`]).
    attributes: RefCell<HashMap<Key, TokenStream>>,
    /// The settings, checked against the schema.
    pub(crate) fit: Fit,
}

/// What a kept group is made of: its kind and a text naming its inputs.
#[derive(PartialEq, Eq, Hash)]
pub(crate) struct Key(pub &'static str, pub String);

impl Shared {
    /// The fragments of an expansion under `fit`.
    pub(crate) fn new(fit: &Fit) -> Shared {
        Shared {
            fit: fit.clone(),
            ..Shared::default()
        }
    }

    /// `#[derive(...)]` of a struct: the standard traits, `Eq`, `Hash` and `Default`
    /// where its fields allow them, serde's `Serialize` and schemars' `JsonSchema`.
    pub(crate) fn struct_derive(&self, eq: bool, hash: bool, default: bool) -> &TokenStream {
        let index = usize::from(eq) | usize::from(hash) << 1 | usize::from(default) << 2;
        self.struct_derives[index].get_or_init(|| {
            let default = default.then(|| quote!(::core::default::Default,));
            derive(eq, hash, default.unwrap_or_default(), self.fit.json_schema)
        })
    }

    /// `#[derive(...)]` of a string enum (an ordered, hashable value; not `Copy`, as the
    /// variant of unknown values holds the value).
    pub(crate) fn enum_derive(&self) -> &TokenStream {
        self.enum_derive.get_or_init(|| {
            derive(
                true,
                true,
                quote!(::core::cmp::PartialOrd, ::core::cmp::Ord,),
                self.fit.json_schema,
            )
        })
    }

    /// `make()` when the schemars impls are asked for (`json_schema`, on by default);
    /// nothing otherwise.
    pub(crate) fn json_schema(&self, make: impl FnOnce() -> TokenStream) -> TokenStream {
        if self.fit.json_schema {
            make()
        } else {
            TokenStream::new()
        }
    }

    /// The attributes after a named type's own derive: the lints that names and docs
    /// taken from a schema may trip in a generated file (`des-events expand`, a build
    /// script: the macro's output is not linted), then the type's extra derives and
    /// attributes from the settings.
    ///
    /// - `large_enum_variant`: a union holds its alternatives by value, as the schema
    ///   nests them;
    /// - `enum_variant_names`: variants are named after the schema's values;
    /// - `doc_lazy_continuation`, and rustdoc's `invalid_html_tags`, `bare_urls` and
    ///   `broken_intra_doc_links`: docs are the schema's `description` as written (a
    ///   `<name>` or a `[link]` in it is text, not markup for rustdoc).
    pub(crate) fn item_attrs(&self, name: &str) -> TokenStream {
        let mut tokens = quote! {
            #[allow(
                clippy::large_enum_variant,
                clippy::enum_variant_names,
                clippy::doc_lazy_continuation,
                rustdoc::invalid_html_tags,
                rustdoc::bare_urls,
                rustdoc::broken_intra_doc_links
            )]
        };
        tokens.extend(self.fit.extras(name));
        tokens
    }

    /// `impl JsonSchema for #name`, named `title`, whose `json_schema` takes its generator
    /// as `generator` (`_` or `__generator`) and returns `body()`; nothing with
    /// `json_schema = false`.
    pub(crate) fn schema_impl(
        &self,
        name: &proc_macro2::Ident,
        title: &str,
        generator: TokenStream,
        body: impl FnOnce() -> TokenStream,
    ) -> TokenStream {
        self.json_schema(|| {
            let body = body();
            quote! {
                #[automatically_derived]
                impl ::des_events::__private::schemars::JsonSchema for #name {
                    fn schema_name() -> ::std::borrow::Cow<'static, str> {
                        ::std::borrow::Cow::Borrowed(#title)
                    }

                    fn json_schema(#generator: &mut ::des_events::__private::schemars::SchemaGenerator) -> ::des_events::__private::schemars::Schema {
                        #body
                    }
                }
            }
        })
    }

    /// `#[automatically_derived]`.
    pub(crate) fn automatically_derived(&self) -> &TokenStream {
        self.automatically_derived
            .get_or_init(|| quote!(#[automatically_derived]))
    }

    /// `#[allow(deprecated)]`.
    pub(crate) fn allow_deprecated(&self) -> &TokenStream {
        self.allow_deprecated
            .get_or_init(|| quote!(#[allow(deprecated)]))
    }

    /// `#[serde(crate = "...")]`, with `deny_unknown_fields` for a closed struct.
    pub(crate) fn serde_crate(&self, deny_unknown_fields: bool) -> &TokenStream {
        self.serde_crate[usize::from(deny_unknown_fields)].get_or_init(|| {
            let deny = deny_unknown_fields.then(|| quote!(, deny_unknown_fields));
            quote!(#[serde(crate = "::des_events::__private::serde" #deny)])
        })
    }

    /// `#[schemars(crate = "...")]` (nothing without the schemars impls).
    pub(crate) fn schemars_crate(&self) -> &TokenStream {
        self.schemars_crate.get_or_init(|| {
            self.json_schema(|| quote!(#[schemars(crate = "::des_events::__private::schemars")]))
        })
    }

    /// The body of `impl Display` for a string enum (it writes `as_str`).
    pub(crate) fn display_body(&self) -> &TokenStream {
        self.display_body.get_or_init(|| {
            quote!({
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    f.write_str(self.as_str())
                }
            })
        })
    }

    /// The parameters of `Visitor::expecting`.
    pub(crate) fn expecting_params(&self) -> &TokenStream {
        self.expecting_params
            .get_or_init(|| quote!((&self, __f: &mut ::core::fmt::Formatter<'_>)))
    }

    /// The parameters of `Deserialize::deserialize`.
    pub(crate) fn deserialize_params(&self) -> &TokenStream {
        self.deserialize_params
            .get_or_init(|| quote!((__deserializer: __D)))
    }

    /// The parameters of `Visitor::visit_map`.
    pub(crate) fn visit_map_params(&self) -> &TokenStream {
        self.visit_map_params
            .get_or_init(|| quote!((self, mut __map: __A)))
    }

    /// The group `delimiter` around `make()`, made once per `key`: `key` must name
    /// everything `make` reads.
    pub(crate) fn group(
        &self,
        key: Key,
        delimiter: Delimiter,
        make: impl FnOnce() -> TokenStream,
    ) -> Group {
        if let Some(group) = self.groups.borrow().get(&key) {
            return group.clone();
        }
        let group = Group::new(delimiter, make());
        self.groups.borrow_mut().insert(key, group.clone());
        group
    }

    /// An attribute (`#` and a bracketed group) or nothing, made once per `key`: `key`
    /// must name everything `make` reads.
    pub(crate) fn attribute(&self, key: Key, make: impl FnOnce() -> TokenStream) -> TokenStream {
        if let Some(tokens) = self.attributes.borrow().get(&key) {
            return tokens.clone();
        }
        let tokens = make();
        self.attributes.borrow_mut().insert(key, tokens.clone());
        tokens
    }

    /// [`Paths::local`] and [`Paths::imports`].
    pub(crate) fn local_paths(&self) -> &(Paths, TokenStream) {
        self.local_paths
            .get_or_init(|| (Paths::local(), Paths::imports()))
    }

    /// The path serde calls to skip an absent optional field.
    pub(crate) fn is_none(&self) -> &Literal {
        self.is_none
            .get_or_init(|| super::string("::core::option::Option::is_none"))
    }
}

fn derive(eq: bool, hash: bool, extra: TokenStream, json_schema: bool) -> TokenStream {
    let eq = eq.then(|| quote!(::core::cmp::Eq,));
    let hash = hash.then(|| quote!(::core::hash::Hash,));
    let json_schema = json_schema.then(|| quote!(, ::des_events::__private::schemars::JsonSchema));
    quote! {
        #[derive(
            ::core::clone::Clone,
            ::core::fmt::Debug,
            ::core::cmp::PartialEq,
            #eq
            #hash
            #extra
            ::des_events::__private::serde::Serialize
            #json_schema
        )]
    }
}
