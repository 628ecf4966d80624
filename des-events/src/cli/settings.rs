//! The options of `include_schema!` that `expand` and `api` share on the command line:
//! the fit options (`--derive`, `--attr`, `--rename`, `--patch-derive`, `--patch-attr`,
//! `--map-type`, `--builder`, `--no-json-schema`, read into a
//! `des_events_codegen::Settings`) and `--map PREFIX=DIR` (which `diff` takes too).
//!
//! The values are text for the engine, which reads and checks them against the schema:
//! a derive that cannot hold or a patch of a type that does not exist is a diagnostic
//! with the list of names, exactly as the macro reports it.

use std::path::PathBuf;

use clap::Args;
use clap::builder::{PossibleValuesParser, TypedValueParser as _};
use des_events_codegen::{MapType, Patch, Request, Settings};

/// `derives`, `attrs`, `patch`, `map_type`, `builder`, `json_schema`.
#[derive(Debug, Args)]
#[command(next_help_heading = "Fit the generated types (the options of include_schema!)")]
pub struct FitArgs {
    /// Derive PATH on every generated type (`derives = [...]`), e.g. `--derive Hash` or
    /// `--derive ::core::hash::Hash`. Repeatable.
    #[arg(long = "derive", value_name = "PATH")]
    derives: Vec<String>,
    /// Put ATTR on every generated type (`attrs = [...]`), e.g. `--attr
    /// '#[non_exhaustive]'` (the `#[...]` may be left out). Repeatable.
    #[arg(long = "attr", value_name = "ATTR")]
    attrs: Vec<String>,
    /// Rename the generated type TYPE to NAME (`patch = { "TYPE": { rename = "NAME" } }`).
    /// TYPE is a generated name or a JSON pointer such as `#/$defs/address`. Repeatable.
    #[arg(long = "rename", value_name = "TYPE=NAME", value_parser = pair)]
    renames: Vec<(String, String)>,
    /// Derive PATH on the type TYPE only (`patch = { "TYPE": { derives = [PATH] } }`).
    /// Repeatable.
    #[arg(long = "patch-derive", value_name = "TYPE=PATH", value_parser = pair)]
    patch_derives: Vec<(String, String)>,
    /// Put ATTR on the type TYPE only (`patch = { "TYPE": { attrs = [ATTR] } }`), e.g.
    /// `--patch-attr 'Order=#[doc(alias = "purchase")]'`. Repeatable.
    #[arg(long = "patch-attr", value_name = "TYPE=ATTR", value_parser = pair)]
    patch_attrs: Vec<(String, String)>,
    /// Use your type PATH instead of the generated type TYPE (`replace = { "TYPE": PATH }`).
    /// Repeatable.
    #[arg(long = "replace", value_name = "TYPE=PATH", value_parser = pair)]
    replacements: Vec<(String, String)>,
    /// Read strings of FORMAT as TYPE (`convert = { "FORMAT": TYPE }`), e.g. `--convert
    /// uuid=uuid::Uuid`; docs/fit.md lists the pairs. Repeatable.
    #[arg(long = "convert", value_name = "FORMAT=TYPE", value_parser = pair)]
    conversions: Vec<(String, String)>,
    /// The map of patterned and other properties (`map_type = "..."`); `IndexMap` needs
    /// the `indexmap` feature of `des-events` in the crate that uses the code.
    #[arg(
        long,
        value_name = "MAP",
        value_parser = PossibleValuesParser::new(MapType::NAMES)
            .try_map(|name| name.parse::<MapType>()),
    )]
    map_type: Option<MapType>,
    /// A validated builder per struct, and `new(...)` (`builder = true`).
    #[arg(long)]
    builder: bool,
    /// No `schemars::JsonSchema` impls (`json_schema = false`).
    #[arg(long)]
    no_json_schema: bool,
}

impl FitArgs {
    /// The engine's settings, in the order the flags name them (renames, then the derives
    /// and attributes of each type; the engine merges the patches of one type).
    pub fn settings(&self) -> Settings {
        let mut settings = Settings::new()
            .builder(self.builder)
            .json_schema(!self.no_json_schema);
        for derive in &self.derives {
            settings = settings.derive(derive.clone());
        }
        for attr in &self.attrs {
            settings = settings.attr(attr.clone());
        }
        for (target, name) in &self.renames {
            settings = settings.patch(target.clone(), Patch::new().rename(name.clone()));
        }
        for (target, derive) in &self.patch_derives {
            settings = settings.patch(target.clone(), Patch::new().derive(derive.clone()));
        }
        for (target, attr) in &self.patch_attrs {
            settings = settings.patch(target.clone(), Patch::new().attr(attr.clone()));
        }
        for (target, path) in &self.replacements {
            settings = settings.replace(target.clone(), path.clone());
        }
        for (format, rust) in &self.conversions {
            settings = settings.convert(format.clone(), rust.clone());
        }
        if let Some(map_type) = self.map_type {
            settings = settings.map_type(map_type);
        }
        settings
    }
}

/// `map = [("prefix", "folder"), ...]`.
#[derive(Debug, Args)]
pub struct MapArgs {
    /// Read a `$ref` to a URI that starts with PREFIX from the file at the rest of the
    /// URI under DIR (`map = [("PREFIX", "DIR")]`), e.g. `--map
    /// https://example.com/schemas/=vendor/schemas`. Split at the first `=`; DIR is
    /// relative to the current directory. Nothing is ever fetched. Repeatable.
    #[arg(long = "map", value_name = "PREFIX=DIR", value_parser = pair)]
    maps: Vec<(String, String)>,
}

impl MapArgs {
    /// The pairs, for [`des_events_codegen::diff::diff_sources_mapped`].
    pub fn pairs(&self) -> Vec<(String, PathBuf)> {
        self.maps
            .iter()
            .map(|(prefix, dir)| (prefix.clone(), PathBuf::from(dir)))
            .collect()
    }

    /// `request` with every map.
    pub fn apply(&self, request: Request) -> Request {
        self.pairs()
            .into_iter()
            .fold(request, |request, (prefix, dir)| request.map(prefix, dir))
    }
}

/// `KEY=VALUE`, split at the first `=`; both sides non-empty.
fn pair(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((key, value)) if !key.is_empty() && !value.is_empty() => {
            Ok((key.to_owned(), value.to_owned()))
        }
        _ => Err(format!(
            "expected KEY=VALUE (e.g. `Order=PurchaseOrder`), got `{text}`"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::pair;

    #[test]
    fn pairs_split_at_the_first_equals_sign() {
        assert_eq!(
            pair("Order=#[doc(alias = \"x\")]"),
            Ok(("Order".to_owned(), "#[doc(alias = \"x\")]".to_owned()))
        );
        for bad in ["Order", "=X", "Order=", ""] {
            assert!(pair(bad).is_err(), "{bad}");
        }
    }
}
