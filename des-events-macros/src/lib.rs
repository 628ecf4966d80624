//! The `include_schema!` proc-macro. Thin by design: it parses the invocation into a
//! [`Request`] (paths resolved against the invoking crate's `CARGO_MANIFEST_DIR`), calls
//! the engine's one entry ([`des_events_codegen::generate`], which runs every stage and
//! check), turns its diagnostics into `compile_error!`s, and makes the build depend on
//! every file the engine read. Use it through the `des-events` crate, which re-exports it.

use std::path::{Path, PathBuf};

use des_events_codegen::diag::FILE_NOT_FOUND;
use des_events_codegen::{MapType, Patch, Request, Settings, Source, generate};
use proc_macro::TokenStream;
use quote::{ToTokens, quote};
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Attribute, Ident, LitBool, LitStr, Token, braced, bracketed};

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
/// // Fit the types into your code (see docs/fit.md):
/// des_events::include_schema!(
///     "schema/order.schema.json",
///     derives = [Eq, Hash],                  // on every generated type
///     attrs = [#[non_exhaustive]],           // on every generated type
///     patch = {
///         "Order": { rename = "PurchaseOrder", derives = [PartialOrd] },
///         "#/definitions/address": { attrs = [#[doc(alias = "postal")]] },
///     },
///     replace = { "Money": crate::money::Money }, // your type instead
///     convert = { "uuid": uuid::Uuid },      // a format as a crate's type
///     map_type = "IndexMap",                 // or "BTreeMap", "HashMap"
///     builder = true,                        // validated builders
///     json_schema = false,                   // no schemars impls
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
    settings: Settings,
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
            settings: Settings::new(),
        };
        if input.is_empty() {
            return Ok(invocation);
        }
        input.parse::<Token![,]>()?;
        while !input.is_empty() {
            let key: Ident = input.parse()?;
            input.parse::<Token![=]>()?;
            // The settings are built by value: take them, give them back changed.
            let settings = std::mem::take(&mut invocation.settings);
            let mut changed = settings.clone();
            match key.to_string().as_str() {
                "catch_all" => invocation.catch_all = input.parse::<LitBool>()?.value,
                "tests" => invocation.tests = input.parse::<LitBool>()?.value,
                "replies_schema" => invocation.replies_schema = Some(input.parse()?),
                "replies_module" => invocation.replies_module = Some(input.parse()?),
                "map" => invocation.maps = maps(&input.parse()?)?,
                "derives" => changed = derives(input)?.into_iter().fold(settings, Settings::derive),
                "attrs" => changed = attrs(input)?.into_iter().fold(settings, Settings::attr),
                "patch" => changed = patches(input, settings)?,
                "replace" => {
                    changed = type_table(input)?
                        .into_iter()
                        .fold(settings, |settings, (target, ty)| {
                            settings.replace(target, ty)
                        });
                }
                "convert" => {
                    changed = type_table(input)?
                        .into_iter()
                        .fold(settings, |settings, (format, ty)| {
                            settings.convert(format, ty)
                        });
                }
                "map_type" => {
                    let value = if input.peek(LitStr) {
                        input.parse::<LitStr>()?
                    } else {
                        let ident: Ident = input.parse()?;
                        LitStr::new(&ident.to_string(), ident.span())
                    };
                    let map_type: MapType = value
                        .value()
                        .parse()
                        .map_err(|err: String| syn::Error::new(value.span(), err))?;
                    changed = settings.map_type(map_type);
                }
                "builder" => changed = settings.builder(input.parse::<LitBool>()?.value),
                "json_schema" => changed = settings.json_schema(input.parse::<LitBool>()?.value),
                other => {
                    return Err(syn::Error::new(
                        key.span(),
                        format!(
                            "unknown option `{other}`; the options are catch_all = bool, tests = bool, replies_schema = \"path\", replies_module = path::to::module, map = [(\"uri prefix\", \"folder\"), ...], derives = [Path, ...], attrs = [#[...], ...], patch = {{ \"Type\": {{ rename = \"...\", derives = [...], attrs = [...] }} }}, replace = {{ \"Type\": path::to::Type }}, convert = {{ \"format\": path::to::Type }}, map_type = \"BTreeMap\" | \"HashMap\" | \"IndexMap\", builder = bool, json_schema = bool"
                        ),
                    ));
                }
            }
            invocation.settings = changed;
            if input.is_empty() {
                break;
            }
            input.parse::<Token![,]>()?;
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

/// `[Path, ...]`: derive macros, as text for the engine.
fn derives(input: ParseStream<'_>) -> syn::Result<Vec<String>> {
    let content;
    bracketed!(content in input);
    let paths = Punctuated::<syn::Path, Token![,]>::parse_terminated(&content)?;
    Ok(paths
        .iter()
        .map(|path| path.to_token_stream().to_string())
        .collect())
}

/// `[#[...], ...]`: outer attributes (commas between them optional), as text.
fn attrs(input: ParseStream<'_>) -> syn::Result<Vec<String>> {
    let content;
    bracketed!(content in input);
    let mut attrs = Vec::new();
    while !content.is_empty() {
        for attr in content.call(Attribute::parse_outer)? {
            attrs.push(attr.to_token_stream().to_string());
        }
        if content.peek(Token![,]) {
            content.parse::<Token![,]>()?;
        } else if !content.is_empty() {
            return Err(content.error("expected `#[...]`"));
        }
    }
    Ok(attrs)
}

/// `{ "key": path::to::Type, ... }` (`replace`, `convert`), as text for the engine.
fn type_table(input: ParseStream<'_>) -> syn::Result<Vec<(String, String)>> {
    let content;
    braced!(content in input);
    let mut entries = Vec::new();
    while !content.is_empty() {
        let key: LitStr = content.parse()?;
        content.parse::<Token![:]>()?;
        let ty: syn::Type = content.parse()?;
        entries.push((key.value(), ty.to_token_stream().to_string()));
        if !content.is_empty() {
            content.parse::<Token![,]>()?;
        }
    }
    Ok(entries)
}

/// `{ "Target": { rename = "...", derives = [...], attrs = [...] }, ... }`.
fn patches(input: ParseStream<'_>, mut settings: Settings) -> syn::Result<Settings> {
    let content;
    braced!(content in input);
    while !content.is_empty() {
        let target: LitStr = content.parse()?;
        content.parse::<Token![:]>()?;
        let body;
        braced!(body in content);
        let mut patch = Patch::new();
        while !body.is_empty() {
            let key: Ident = body.parse()?;
            body.parse::<Token![=]>()?;
            match key.to_string().as_str() {
                "rename" => patch = patch.rename(body.parse::<LitStr>()?.value()),
                "derives" => patch = derives(&body)?.into_iter().fold(patch, Patch::derive),
                "attrs" => patch = attrs(&body)?.into_iter().fold(patch, Patch::attr),
                other => {
                    return Err(syn::Error::new(
                        key.span(),
                        format!(
                            "unknown patch option `{other}`; a patch takes rename = \"Name\", derives = [...], attrs = [...]"
                        ),
                    ));
                }
            }
            if !body.is_empty() {
                body.parse::<Token![,]>()?;
            }
        }
        settings = settings.patch(target.value(), patch);
        if !content.is_empty() {
            content.parse::<Token![,]>()?;
        }
    }
    Ok(settings)
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
        .tests(invocation.tests)
        .settings(invocation.settings.clone());
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
