//! URI references (RFC 3986, through `fluent-uri`) and JSON Pointer fragments (RFC 6901).

use fluent_uri::resolve::{ResolveError, Resolver};
use fluent_uri::{Uri, UriRef};

/// `uri` without its fragment, and the fragment (empty when there is none).
pub(crate) fn split_fragment(uri: &str) -> (&str, &str) {
    uri.split_once('#').unwrap_or((uri, ""))
}

/// `uri` without an empty fragment (`x#` and `x` name the same resource).
pub(crate) fn strip_empty_fragment(uri: &str) -> &str {
    uri.strip_suffix('#').unwrap_or(uri)
}

/// Resolves `reference` against the absolute `base` (whose fragment is ignored).
pub(crate) fn resolve(base: &str, reference: &str) -> Result<String, String> {
    let (base, _) = split_fragment(base);
    if let Some(fragment) = reference.strip_prefix('#') {
        // Same-document reference: only the fragment changes, whatever it contains.
        return Ok(format!("{base}#{fragment}"));
    }
    let parsed = UriRef::parse(reference)
        .map_err(|error| format!("`{reference}` is not an RFC 3986 URI reference: {error}"))?;
    if parsed.has_scheme() {
        return Ok(reference.to_owned());
    }
    let base_uri = Uri::parse(base)
        .map_err(|error| format!("the base URI `{base}` is not an absolute URI: {error}"))?;
    match Resolver::with_base(base_uri).resolve(&parsed) {
        Ok(resolved) => Ok(resolved.as_str().to_owned()),
        Err(ResolveError::InvalidReferenceAgainstOpaqueBase) => Err(format!(
            "the relative reference `{reference}` cannot be resolved against the base `{base}`, which has no hierarchical path"
        )),
        Err(error) => Err(format!("`{reference}` against `{base}`: {error}")),
    }
}

/// Whether `uri` is absolute (has a scheme).
pub(crate) fn is_absolute(uri: &str) -> bool {
    Uri::parse(uri).is_ok()
}

/// The tokens of a URI fragment that is a JSON Pointer (`/a/b~1c/%25`), percent-decoded
/// and unescaped; `None` when it is not a pointer.
pub(crate) fn fragment_pointer_tokens(fragment: &str) -> Option<Vec<String>> {
    let decoded = percent_decode(fragment)?;
    pointer_tokens(&decoded)
}

/// The unescaped tokens of an RFC 6901 JSON Pointer.
pub(crate) fn pointer_tokens(pointer: &str) -> Option<Vec<String>> {
    if pointer.is_empty() {
        return Some(Vec::new());
    }
    let rest = pointer.strip_prefix('/')?;
    rest.split('/').map(unescape_token).collect()
}

/// `~1` to `/`, `~0` to `~`; any other `~` is an error.
fn unescape_token(token: &str) -> Option<String> {
    let mut out = String::with_capacity(token.len());
    let mut chars = token.chars();
    while let Some(c) = chars.next() {
        if c == '~' {
            match chars.next() {
                Some('0') => out.push('~'),
                Some('1') => out.push('/'),
                _ => return None,
            }
        } else {
            out.push(c);
        }
    }
    Some(out)
}

/// Decodes `%XX` escapes; `None` on a bad escape or bytes that are not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Appends `token` to an RFC 6901 pointer.
pub(crate) fn push_token(pointer: &mut String, token: &str) {
    crate::path::push_token(pointer, token);
}

/// The value at the tokens below `root`.
pub(crate) fn lookup<'v>(
    root: &'v serde_json::Value,
    tokens: &[String],
) -> Option<&'v serde_json::Value> {
    tokens.iter().try_fold(root, |value, token| match value {
        serde_json::Value::Object(map) => map.get(token),
        serde_json::Value::Array(items) => {
            if token.len() > 1 && token.starts_with('0') {
                return None;
            }
            items.get(token.parse::<usize>().ok()?)
        }
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolution() {
        assert_eq!(
            resolve("http://x.org/a/b.json", "c.json").as_deref(),
            Ok("http://x.org/a/c.json")
        );
        assert_eq!(resolve("urn:x:y", "#/a").as_deref(), Ok("urn:x:y#/a"));
        assert_eq!(resolve("urn:x:y", "urn:z").as_deref(), Ok("urn:z"));
        assert!(resolve("urn:x:y", "rel.json").is_err());
    }

    #[test]
    fn pointers() {
        assert_eq!(
            fragment_pointer_tokens("/a~1b/c%25d/~0"),
            Some(vec!["a/b".to_owned(), "c%d".to_owned(), "~".to_owned()])
        );
        assert_eq!(fragment_pointer_tokens("foo"), None);
        assert_eq!(fragment_pointer_tokens(""), Some(vec![]));
    }
}
