//! The two bundled schemas, embedded in the binary so that it works from any directory.

use clap::ValueEnum;
use des_events_codegen::{Diagnostics, Generated, Request, Source, generate, ir};

use super::warn;

/// The path of a bundled schema in this crate (`des-events/schema/`, which the
/// repository's top-level `schema/` links to), so it ships in the package.
macro_rules! bundled_path {
    ($file:literal) => {
        concat!(env!("CARGO_MANIFEST_DIR"), "/schema/", $file)
    };
}

/// One of the bundled schemas.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Bundled {
    /// `schema/partner-events.schema.json`: Bank App -> DES.
    Partner,
    /// `schema/des-events.schema.json`: DES -> Bank App.
    Des,
}

impl Bundled {
    /// Both, partner first.
    pub const ALL: [Bundled; 2] = [Bundled::Partner, Bundled::Des];

    /// The name shown in diagnostics and in the generated banner: the path relative to
    /// the repository root, the same whether the text is embedded or read from disk.
    pub fn shown(self) -> &'static str {
        match self {
            Bundled::Partner => "schema/partner-events.schema.json",
            Bundled::Des => "schema/des-events.schema.json",
        }
    }

    /// The schema text as it was when this binary was built.
    pub fn text(self) -> &'static str {
        match self {
            Bundled::Partner => include_str!(bundled_path!("partner-events.schema.json")),
            Bundled::Des => include_str!(bundled_path!("des-events.schema.json")),
        }
    }

    /// The direction label used in every output: `partner` or `des`.
    pub fn direction(self) -> &'static str {
        match self {
            Bundled::Partner => "partner",
            Bundled::Des => "des",
        }
    }

    /// Who sends the events to whom.
    pub fn flow(self) -> &'static str {
        match self {
            Bundled::Partner => "Bank App -> DES",
            Bundled::Des => "DES -> Bank App",
        }
    }

    /// The embedded text, named as [`Bundled::shown`].
    pub fn source(self) -> Source {
        Source::text(self.shown(), self.text())
    }

    /// The checked IR of the embedded text.
    pub fn schema(self) -> Result<ir::Schema, Diagnostics> {
        generate(&Request::new(self.source()).check_only()).map(Generated::into_schema)
    }

    /// The request `des_events` gives the macro for this schema: with reply helpers
    /// built from the bundled schema its events reply to. `None`: the module path is
    /// not one (reported on stderr; a bug of this table).
    pub fn request(self) -> Option<Request> {
        let request = Request::new(self.source());
        match self.replies() {
            Some((replies, module)) => {
                let Ok(module) = module.parse() else {
                    warn(format_args!("des-events: `{module}` is not a module path"));
                    return None;
                };
                Some(request.replies(replies.source(), module))
            }
            None => Some(request),
        }
    }

    /// How `des_events` itself invokes `include_schema!` on this schema: the bundled
    /// schema its events reply to, and the module that holds that schema's API.
    pub fn replies(self) -> Option<(Bundled, &'static str)> {
        match self {
            Bundled::Partner => None,
            Bundled::Des => Some((Bundled::Partner, "crate::partner")),
        }
    }
}
