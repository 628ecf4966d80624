//! Stage 4, expand: the IR to Rust tokens. A pure function of the IR: the same schema
//! gives byte-identical tokens. Split like serde_derive: named types (`types`), their
//! deserializers (`de`), the dispatch enum (`union`) and the conformance tests (`tests`).

mod builder;
mod de;
mod json;
mod one_of;
mod replies;
mod shared;
mod tests;
mod tuple;
mod types;
mod union;

use proc_macro2::{Ident, Literal, Span, TokenStream};
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
    /// The settings, checked against the schema.
    pub fit: crate::fit::Fit,
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
    let shared = shared::Shared::new(&options.fit);
    let mut tokens: TokenStream = schema
        .types
        .iter()
        .map(|def| match options.fit.replaced.get(def.name()) {
            Some(path) => replaced(def, path),
            None => types::type_def(schema, def, &shared),
        })
        .collect();
    for def in &schema.types {
        if let crate::ir::TypeDef::Struct(def) = def
            && let Some(name) = options.fit.builders.get(&def.name)
        {
            tokens.extend(builder::builder(def, name, &shared));
        }
    }
    tokens.extend(json::documents(schema));
    if schema.events.is_empty() {
        tokens.extend(schema.roots.iter().map(root_impl));
    } else {
        tokens.extend(union::union(schema, options.catch_all, &shared));
    }
    if let Some(replies) = &options.replies {
        tokens.extend(replies::replies(schema, replies));
    }
    if options.tests {
        tokens.extend(tests::tests(schema, &shared));
    }
    tokens
}

/// A generated type the user replaced (`replace`): its name, an alias of their type.
fn replaced(def: &crate::ir::TypeDef, path: &TokenStream) -> TokenStream {
    let name = ident(def.name());
    let doc = string(&format!(
        " The schema at `{}`, read and written by your type (`replace`): it must accept \
         exactly what the schema allows.",
        def.pointer()
    ));
    quote! {
        #[doc = #doc]
        pub type #name = #path;
    }
}

/// `from_json` and `to_json` of a type that a whole document can be.
fn root_impl(root: &crate::ir::Root) -> TokenStream {
    let private = quote!(::des_events::__private);
    let name = ident(&root.name);
    let alias = root.alias.as_deref().map(|alias| {
        let doc = format!(
            " The schema's root (its `title`): the type [`{}`].",
            root.name
        );
        let alias = ident(alias);
        quote! {
            #[doc = #doc]
            pub type #alias = #name;
        }
    });
    quote! {
        #alias

        impl #name {
            /// Parses a document of this type; a document that breaks the schema is an
            /// [`Error`](::des_events::Error) with the path, line and column of the problem.
            pub fn from_json(json: &str) -> ::core::result::Result<Self, ::des_events::Error> {
                #private::from_json(json)
            }

            /// Writes the document as compact JSON.
            pub fn to_json(&self) -> ::std::string::String {
                #private::to_json(self)
            }
        }
    }
}

/// Tokens that `quote!` interpolates by moving them, for streams used once.
///
/// `quote!` interpolates a `TokenStream` by reference, copying every token at its top
/// level (one allocation per identifier and literal); a large generated body passes
/// through a few levels of templates. Interpolating a `Moved` moves its tokens instead.
/// It is emptied by the first interpolation, so each one is interpolated exactly once.
pub(crate) struct Moved(std::cell::Cell<TokenStream>);

impl Moved {
    pub(crate) fn new(tokens: TokenStream) -> Moved {
        Moved(std::cell::Cell::new(tokens))
    }
}

impl quote::ToTokens for Moved {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        tokens.extend(self.0.take());
    }
}

/// An identifier; `r#` prefixes make raw identifiers.
pub(crate) fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// A string literal: the token `Literal::string(text)` makes, written faster.
///
/// `proc_macro2` escapes a string one `char::escape_debug` at a time; the conformance
/// tests alone hold megabytes of JSON text. Here runs of characters that need no escape
/// are copied whole, every other character is escaped as `Literal::string` escapes it
/// (the same `escape_debug`, with its two exceptions: `'` as is, and `\0` as `\x00`
/// before an octal digit), and the compiler (or `proc_macro2`'s fallback) reads the
/// literal back.
pub(crate) fn string(text: &str) -> Literal {
    let bytes = text.as_bytes();
    if bytes
        .iter()
        .all(|byte| matches!(byte, b' '..=b'~') && !matches!(byte, b'"' | b'\\'))
    {
        // Nothing to escape (names, labels, paths, most documentation).
        let mut repr = String::with_capacity(text.len() + 2);
        repr.push('"');
        repr.push_str(text);
        repr.push('"');
        return repr.parse().unwrap_or_else(|_| Literal::string(text));
    }
    let mut repr = String::with_capacity(text.len() + text.len() / 8 + 2);
    repr.push('"');
    let (mut plain, mut index) = (0, 0);
    while let Some(&byte) = bytes.get(index) {
        let escape: Option<&str> = match byte {
            b'"' => Some("\\\""),
            b'\\' => Some("\\\\"),
            b' '..=b'~' => {
                index += 1;
                continue;
            }
            b'\0'
                if bytes
                    .get(index + 1)
                    .is_some_and(|next| (b'0'..=b'7').contains(next)) =>
            {
                Some("\\x00")
            }
            b'\0' => Some("\\0"),
            _ => None,
        };
        repr.push_str(&text[plain..index]);
        match escape {
            Some(escape) => {
                repr.push_str(escape);
                index += 1;
            }
            None => {
                // Another control character, or the start of a non-ASCII one.
                let Some(ch) = text[index..].chars().next() else {
                    break;
                };
                repr.extend(ch.escape_debug());
                index += ch.len_utf8();
            }
        }
        plain = index;
    }
    repr.push_str(&text[plain..]);
    repr.push('"');
    repr.parse().unwrap_or_else(|_| Literal::string(text))
}

/// A raw string literal (`r#"..."#`, with as many `#` as `text` needs), for JSON
/// documents: they read as written, and are cheaper to make and to lex than escaped
/// ones. Text a raw string cannot hold (a carriage return) gets [`string`].
pub(crate) fn raw_string(text: &str) -> Literal {
    if text.contains('\r') {
        return string(text);
    }
    // The longest run of `#` after a `"`: the delimiter needs one more (JSON text
    // seldom has a `"#`: one `#` then).
    let mut hashes = usize::from(text.contains('"'));
    if text.contains("\"#") {
        let bytes = text.as_bytes();
        for (index, byte) in bytes.iter().enumerate() {
            if *byte == b'"' {
                let run = bytes[index + 1..]
                    .iter()
                    .take_while(|byte| **byte == b'#')
                    .count();
                hashes = hashes.max(run + 1);
            }
        }
    }
    let mut repr = String::with_capacity(text.len() + 2 * hashes + 3);
    repr.push('r');
    repr.extend(std::iter::repeat_n('#', hashes));
    repr.push('"');
    repr.push_str(text);
    repr.push('"');
    repr.extend(std::iter::repeat_n('#', hashes));
    repr.parse().unwrap_or_else(|_| Literal::string(text))
}

/// `#[doc = "..."]` lines from docs and extra paragraphs. A `title` that only repeats
/// the type's name (`named`) is left out.
pub(crate) fn doc_attrs(docs: &Docs, named: Option<&str>, extra: &[String]) -> TokenStream {
    let mut paragraphs: Vec<&str> = Vec::new();
    if let Some(title) = &docs.title
        && named != Some(crate::name::type_name(title).as_str())
    {
        paragraphs.push(title);
    }
    if let Some(description) = &docs.description {
        paragraphs.push(description);
    }
    paragraphs.extend(extra.iter().map(String::as_str));
    let mut lines = Vec::new();
    let mut line_text = String::new();
    for (index, paragraph) in paragraphs.iter().enumerate() {
        if index > 0 {
            lines.push(string(""));
        }
        for line in paragraph.lines() {
            line_text.clear();
            line_text.push(' ');
            line_text.push_str(line);
            lines.push(string(&line_text));
        }
    }
    quote! { #(#[doc = #lines])* }
}

#[cfg(test)]
mod unit_tests {
    use proc_macro2::Literal;

    /// `string` writes what `Literal::string` writes.
    #[test]
    fn string_literals_are_escaped_as_proc_macro2_escapes_them() {
        let mut texts: Vec<String> = vec![
            String::new(),
            "plain".into(),
            r#"{"a":"b\\c","d":"\u0000"}"#.into(),
            "it's \"quoted\"\n\r\t\\".into(),
            "\0".into(),
            "\x001".into(),
            "\08".into(),
            "a\0\x007b\0".into(),
            "é ü 日本 🎉 \u{301}e\u{301} \u{200b} \u{7f} \u{80} \u{a0} \u{ad} \u{feff} \u{10ffff}"
                .into(),
        ];
        texts.push((0..0x3000u32).filter_map(char::from_u32).collect());
        texts.push(
            (0..0x80u32)
                .filter_map(char::from_u32)
                .map(|ch| format!("{ch}0"))
                .collect(),
        );
        for text in &texts {
            assert_eq!(
                super::string(text).to_string(),
                Literal::string(text).to_string(),
                "{text:?}"
            );
        }
    }

    /// A raw string holds its text whatever it contains.
    #[test]
    fn raw_strings_hold_any_text() {
        for (text, repr) in [
            ("", r##"r"""##),
            ("plain", r##"r"plain""##),
            (r#"{"a":"b"}"#, r###"r#"{"a":"b"}"#"###),
            (r###"{"#a":"##"}"###, r####"r###"{"#a":"##"}"###"####),
            ("a\"#", "r##\"a\"#\"##"),
            ("\\n\n", "r\"\\n\n\""),
        ] {
            let literal = super::raw_string(text);
            assert_eq!(literal.to_string(), repr);
            let parsed: syn::LitStr = syn::parse_quote!(#literal);
            assert_eq!(parsed.value(), text);
        }
        assert_eq!(
            super::raw_string("a\rb").to_string(),
            Literal::string("a\rb").to_string()
        );
    }
}
