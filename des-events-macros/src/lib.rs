//! The `include_schema!` proc-macro. Thin by design: it parses the invocation into a
//! [`Request`] (paths resolved against the invoking crate's `CARGO_MANIFEST_DIR`), calls
//! the engine's one entry ([`des_events_codegen::generate`], which runs every stage and
//! check), turns its diagnostics into `compile_error!`s, and makes the build depend on
//! every file the engine read. Use it through the `des-events` crate, which re-exports it.

use std::path::{Path, PathBuf};

use des_events_codegen::diag::FILE_NOT_FOUND;
use des_events_codegen::{Request, Source, generate};
use proc_macro::TokenStream;
use quote::{ToTokens, quote};
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Ident, LitBool, LitStr, Token};

/// Generates the typed API of an event-union JSON Schema in the invoking module.
///
/// ```ignore
/// des_events::include_schema!("schema/partner-events.schema.json");
/// des_events::include_schema!(
///     "schema/des-events.schema.json",
///     catch_all = true,                                     // keep unknown events
///     replies_schema = "schema/partner-events.schema.json", // reply helpers...
///     replies_module = crate::partner,                      // ...whose types live here
/// );
/// // `$ref`s to URIs under a prefix read the vendored files of a folder:
/// des_events::include_schema!(
///     "schema/order.schema.json",
///     map = [("https://example.com/schemas/", "schema/vendor")],
/// );
/// ```
///
/// Paths are relative to the directory of the invoking crate's `Cargo.toml`. The build
/// re-runs the macro when a schema file changes. Every problem in a schema is a compile
/// error naming the file, line, column and JSON pointer.
#[proc_macro]
pub fn include_schema(input: TokenStream) -> TokenStream {
    let invocation = match syn::parse::<Invocation>(input) {
        Ok(invocation) => invocation,
        Err(err) => return err.to_compile_error().into(),
    };
    expand(&invocation).into()
}

/// The parsed arguments.
struct Invocation {
    path: LitStr,
    catch_all: bool,
    tests: bool,
    replies_schema: Option<LitStr>,
    replies_module: Option<syn::Path>,
    maps: Vec<(LitStr, LitStr)>,
}

impl Parse for Invocation {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let path: LitStr = input.parse().map_err(|err| {
            syn::Error::new(
                err.span(),
                "expected the schema path as a string literal, e.g. include_schema!(\"schema/events.schema.json\")",
            )
        })?;
        let mut invocation = Invocation {
            path,
            catch_all: false,
            tests: true,
            replies_schema: None,
            replies_module: None,
            maps: Vec::new(),
        };
        if input.is_empty() {
            return Ok(invocation);
        }
        input.parse::<Token![,]>()?;
        let options =
            Punctuated::<(Ident, syn::Expr), Token![,]>::parse_terminated_with(input, |input| {
                let key: Ident = input.parse()?;
                input.parse::<Token![=]>()?;
                let value: syn::Expr = input.parse()?;
                Ok((key, value))
            })?;
        for (key, value) in options {
            let tokens = value.to_token_stream();
            match key.to_string().as_str() {
                "catch_all" => invocation.catch_all = syn::parse2::<LitBool>(tokens)?.value,
                "tests" => invocation.tests = syn::parse2::<LitBool>(tokens)?.value,
                "replies_schema" => invocation.replies_schema = Some(syn::parse2(tokens)?),
                "replies_module" => invocation.replies_module = Some(syn::parse2(tokens)?),
                "map" => invocation.maps = maps(&value)?,
                other => {
                    return Err(syn::Error::new(
                        key.span(),
                        format!(
                            "unknown option `{other}`; the options are catch_all = bool, tests = bool, replies_schema = \"path\", replies_module = path::to::module, map = [(\"uri prefix\", \"folder\"), ...]"
                        ),
                    ));
                }
            }
        }
        if invocation.replies_schema.is_some() != invocation.replies_module.is_some() {
            return Err(syn::Error::new(
                invocation.path.span(),
                "`replies_schema` and `replies_module` go together",
            ));
        }
        Ok(invocation)
    }
}

/// `[("prefix", "folder"), ...]`.
fn maps(value: &syn::Expr) -> syn::Result<Vec<(LitStr, LitStr)>> {
    let expected = || {
        syn::Error::new_spanned(
            value,
            "expected `map = [(\"uri prefix\", \"folder\"), ...]`",
        )
    };
    let syn::Expr::Array(array) = value else {
        return Err(expected());
    };
    let literal = |expr: &syn::Expr| match expr {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(text),
            ..
        }) => Some(text.clone()),
        _ => None,
    };
    array
        .elems
        .iter()
        .map(|element| match element {
            syn::Expr::Tuple(tuple) if tuple.elems.len() == 2 => {
                match (literal(&tuple.elems[0]), literal(&tuple.elems[1])) {
                    (Some(prefix), Some(folder)) => Ok((prefix, folder)),
                    _ => Err(expected()),
                }
            }
            _ => Err(expected()),
        })
        .collect()
}

fn expand(invocation: &Invocation) -> proc_macro2::TokenStream {
    let base = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_default();
    let source = |path: &LitStr| {
        let shown = path.value();
        Source::file(base.join(&shown), shown)
    };
    let mut request = Request::new(source(&invocation.path))
        .catch_all(invocation.catch_all)
        .tests(invocation.tests);
    for (prefix, folder) in &invocation.maps {
        request = request.map(prefix.value(), base.join(folder.value()));
    }
    if let (Some(schema), Some(module)) = (&invocation.replies_schema, &invocation.replies_module) {
        request = request.replies(source(schema), module.to_token_stream());
    }
    match generate(&request) {
        Ok(generated) => {
            let tokens = generated.tokens();
            let tracked = generated.tracked().iter().map(|path| track(path));
            // Stable Rust has no warning API for proc-macros: a use of a deprecated
            // constant is a warning the compiler shows at the invocation, with our text.
            let warnings = generated.warnings().iter().map(|diagnostic| {
                let note = diagnostic.to_string();
                quote! {
                    const _: () = {
                        #[deprecated(note = #note)]
                        #[allow(non_upper_case_globals)]
                        const des_events_schema_warning: () = ();
                        des_events_schema_warning
                    };
                }
            });
            quote!(#tokens #(#tracked)* #(#warnings)*)
        }
        Err(problems) => {
            // Still depend on the files, so that fixing them re-runs the macro.
            let tracked = request.files().map(track);
            let errors = problems.0.into_iter().map(|mut diagnostic| {
                if diagnostic.message == FILE_NOT_FOUND && diagnostic.hint.is_none() {
                    diagnostic.hint = Some(
                        "paths are relative to the directory of the invoking crate's Cargo.toml"
                            .to_owned(),
                    );
                }
                // A problem of the replies schema is underlined at that argument.
                let span = match &invocation.replies_schema {
                    Some(replies) if replies.value() == diagnostic.file => replies.span(),
                    _ => invocation.path.span(),
                };
                syn::Error::new(span, diagnostic.to_string()).to_compile_error()
            });
            quote!(#(#errors)* #(#tracked)*)
        }
    }
}

/// Makes the build depend on a schema file (the stable way: `include_bytes!`).
fn track(path: &Path) -> proc_macro2::TokenStream {
    if !path.is_file() {
        return proc_macro2::TokenStream::new();
    }
    let path = path.to_string_lossy();
    quote! {
        const _: &[u8] = ::core::include_bytes!(#path);
    }
}
