//! Stage 4, expand: the IR to Rust tokens. A pure function of the IR: the same schema
//! gives byte-identical tokens. Split like serde_derive: named types (`types`), their
//! deserializers (`de`), the dispatch enum (`union`) and the conformance tests (`tests`).

mod de;
mod one_of;
mod replies;
mod tests;
mod tuple;
mod types;
mod union;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::ir::{Docs, Schema};

/// Options of one expansion (the macro's `key = value` arguments), set by the pipeline
/// from its request once every check passed.
#[derive(Clone, Debug)]
pub(crate) struct Options {
    /// Emit the `#[cfg(test)]` conformance tests.
    pub tests: bool,
    /// Give the dispatch enum a catch-all variant ([`crate::name::CATCH_ALL_VARIANT`])
    /// that keeps unknown events instead of rejecting them.
    pub catch_all: bool,
    /// Generate reply helpers: the events of another schema that answer this one's.
    pub replies: Option<Replies>,
}

/// The schema whose events reply to this one's, and the Rust module that holds its API.
#[derive(Clone, Debug)]
pub(crate) struct Replies {
    /// The replying schema (the pipeline checked its links to this one).
    pub schema: Schema,
    /// The path of the module where that schema was expanded, e.g. `crate::partner`.
    pub module: TokenStream,
}

/// Expands a checked schema.
pub(crate) fn expand(schema: &Schema, options: &Options) -> TokenStream {
    let types = schema.types.iter().map(|def| types::type_def(schema, def));
    let union = union::union(schema, options.catch_all);
    let replies = options
        .replies
        .as_ref()
        .map(|replies| replies::replies(schema, replies));
    let tests = if options.tests {
        tests::tests(schema)
    } else {
        TokenStream::new()
    };
    quote! {
        #(#types)*
        #union
        #replies
        #tests
    }
}

/// An identifier; `r#` prefixes make raw identifiers.
pub(crate) fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// `#[doc = "..."]` lines from docs and extra paragraphs. A `title` that only repeats
/// the type's name (`named`) is left out.
pub(crate) fn doc_attrs(docs: &Docs, named: Option<&str>, extra: &[String]) -> TokenStream {
    let mut paragraphs: Vec<String> = Vec::new();
    if let Some(title) = &docs.title
        && named != Some(crate::name::type_name(title).as_str())
    {
        paragraphs.push(title.clone());
    }
    if let Some(description) = &docs.description {
        paragraphs.push(description.clone());
    }
    paragraphs.extend(extra.iter().cloned());
    let mut lines = Vec::new();
    for (index, paragraph) in paragraphs.iter().enumerate() {
        if index > 0 {
            lines.push(String::new());
        }
        lines.extend(paragraph.lines().map(|line| format!(" {line}")));
    }
    quote! { #(#[doc = #lines])* }
}
