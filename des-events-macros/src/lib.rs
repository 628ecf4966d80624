//! The `include_schema!` proc-macro. Thin by design: it parses the invocation, resolves
//! the path against the invoking crate's `CARGO_MANIFEST_DIR`, calls the engine
//! (`des-events-codegen`) and turns its diagnostics into `compile_error!`s. Use it
//! through the `des-events` crate, which re-exports it.

use std::path::PathBuf;

use proc_macro::TokenStream;
use quote::quote;
use syn::LitStr;

/// Generates the typed API of an event-union JSON Schema in the invoking module.
///
/// ```ignore
/// des_events::include_schema!("schema/partner-events.schema.json");
/// ```
///
/// The path is relative to the directory of the invoking crate's `Cargo.toml`. The
/// build re-runs the macro when the file changes. Every problem in the schema is a
/// compile error naming the file, line, column and JSON pointer.
#[proc_macro]
pub fn include_schema(input: TokenStream) -> TokenStream {
    let literal = match syn::parse::<LitStr>(input) {
        Ok(literal) => literal,
        Err(err) => {
            return syn::Error::new(err.span(), "expected the schema path as a string literal, e.g. include_schema!(\"schema/events.schema.json\")")
                .to_compile_error()
                .into();
        }
    };
    let shown = literal.value();
    let base = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_default();
    let path = base.join(&shown);
    let schema = match des_events_codegen::load_schema(&path, &shown) {
        Ok(schema) => schema,
        Err(diagnostics) => {
            let errors = diagnostics.iter().map(|diagnostic| {
                syn::Error::new(literal.span(), diagnostic.to_string()).to_compile_error()
            });
            // Still depend on the file, so that fixing it re-runs the macro.
            let track = track(&path);
            return quote!(#(#errors)* #track).into();
        }
    };
    let tokens = des_events_codegen::expand(&schema, &des_events_codegen::Options::default());
    let track = track(&path);
    quote!(#tokens #track).into()
}

/// Makes the build depend on the schema file (the stable way: `include_bytes!`).
fn track(path: &std::path::Path) -> proc_macro2::TokenStream {
    if !path.is_file() {
        return proc_macro2::TokenStream::new();
    }
    let path = path.to_string_lossy();
    quote! {
        const _: &[u8] = ::core::include_bytes!(#path);
    }
}
