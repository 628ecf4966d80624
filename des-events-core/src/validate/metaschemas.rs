//! The official metaschemas of the supported drafts (and the 2019-09 and 2020-12
//! vocabulary metaschemas), built in so that `$schema` and `$ref`s to them resolve
//! without fetching anything. The files are the ones published at json-schema.org, see
//! `metaschemas/README.md`.

/// `(URI without fragment, JSON text)` of every built-in metaschema.
const METASCHEMAS: &[(&str, &str)] = &[
    (
        "https://json-schema.org/draft/2019-09/meta/applicator",
        include_str!("../../metaschemas/draft201909-applicator.json"),
    ),
    (
        "https://json-schema.org/draft/2019-09/meta/content",
        include_str!("../../metaschemas/draft201909-content.json"),
    ),
    (
        "https://json-schema.org/draft/2019-09/meta/core",
        include_str!("../../metaschemas/draft201909-core.json"),
    ),
    (
        "https://json-schema.org/draft/2019-09/meta/format",
        include_str!("../../metaschemas/draft201909-format.json"),
    ),
    (
        "https://json-schema.org/draft/2019-09/meta/meta-data",
        include_str!("../../metaschemas/draft201909-meta-data.json"),
    ),
    (
        "https://json-schema.org/draft/2019-09/meta/validation",
        include_str!("../../metaschemas/draft201909-validation.json"),
    ),
    (
        "https://json-schema.org/draft/2019-09/schema",
        include_str!("../../metaschemas/draft201909.json"),
    ),
    (
        "https://json-schema.org/draft/2020-12/meta/applicator",
        include_str!("../../metaschemas/draft202012-applicator.json"),
    ),
    (
        "https://json-schema.org/draft/2020-12/meta/content",
        include_str!("../../metaschemas/draft202012-content.json"),
    ),
    (
        "https://json-schema.org/draft/2020-12/meta/core",
        include_str!("../../metaschemas/draft202012-core.json"),
    ),
    (
        "https://json-schema.org/draft/2020-12/meta/format-annotation",
        include_str!("../../metaschemas/draft202012-format-annotation.json"),
    ),
    (
        "https://json-schema.org/draft/2020-12/meta/format-assertion",
        include_str!("../../metaschemas/draft202012-format-assertion.json"),
    ),
    (
        "https://json-schema.org/draft/2020-12/meta/meta-data",
        include_str!("../../metaschemas/draft202012-meta-data.json"),
    ),
    (
        "https://json-schema.org/draft/2020-12/meta/unevaluated",
        include_str!("../../metaschemas/draft202012-unevaluated.json"),
    ),
    (
        "https://json-schema.org/draft/2020-12/meta/validation",
        include_str!("../../metaschemas/draft202012-validation.json"),
    ),
    (
        "https://json-schema.org/draft/2020-12/schema",
        include_str!("../../metaschemas/draft202012.json"),
    ),
    (
        "http://json-schema.org/draft-04/schema",
        include_str!("../../metaschemas/draft4.json"),
    ),
    (
        "http://json-schema.org/draft-06/schema",
        include_str!("../../metaschemas/draft6.json"),
    ),
    (
        "http://json-schema.org/draft-07/schema",
        include_str!("../../metaschemas/draft7.json"),
    ),
];

/// The built-in metaschema at `uri` (without fragment, `http` or `https`): its URI as
/// the catalogue spells it, and its text.
pub fn text(uri: &str) -> Option<(&'static str, &'static str)> {
    let strip = |uri: &str| -> String {
        uri.strip_prefix("https://")
            .or_else(|| uri.strip_prefix("http://"))
            .unwrap_or(uri)
            .trim_end_matches('#')
            .to_owned()
    };
    let wanted = strip(uri);
    METASCHEMAS
        .iter()
        .find(|(known, _)| strip(known) == wanted)
        .copied()
}

/// The built-in metaschema at `uri` (without fragment; `http` and `https` are the same
/// here, as the drafts' own references mix them).
pub(crate) fn find(uri: &str) -> Option<(&'static str, serde_json::Value)> {
    let strip = |uri: &str| -> String {
        uri.strip_prefix("https://")
            .or_else(|| uri.strip_prefix("http://"))
            .unwrap_or(uri)
            .to_owned()
    };
    let wanted = strip(uri);
    METASCHEMAS
        .iter()
        .find(|(known, _)| strip(known) == wanted)
        .and_then(|(known, text)| Some((*known, serde_json::from_str(text).ok()?)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_metaschema_parses_and_names_itself() {
        for (uri, text) in METASCHEMAS {
            let value: serde_json::Value = serde_json::from_str(text).expect("JSON");
            let id = value
                .get("$id")
                .or_else(|| value.get("id"))
                .and_then(|id| id.as_str())
                .expect("an id");
            assert_eq!(id.trim_end_matches('#'), *uri);
            assert!(find(uri).is_some());
        }
    }
}
