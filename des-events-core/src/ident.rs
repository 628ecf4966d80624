//! JavaScript identifiers: what a mobile-bridge function or handler name must be.

/// Whether `name` is a plain ASCII JavaScript identifier (`[A-Za-z_$][A-Za-z0-9_$]*`).
///
/// The engine refuses other `x-des-mobile-function` / `x-des-mobile-handler` values, the
/// runtime checks again before it writes a call, and [`crate::path`] writes such keys
/// without quotes.
pub fn is_js_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers() {
        assert!(is_js_identifier("updateIdToken"));
        assert!(is_js_identifier("_x$1"));
        assert!(!is_js_identifier("1x"));
        assert!(!is_js_identifier(""));
        assert!(!is_js_identifier("a-b"));
        assert!(!is_js_identifier("é"));
        assert!(!is_js_identifier("a.b"));
    }
}
