//! JSON Schema value semantics, in one place: the crate that both the des-events engine
//! (schema checks at compile time, `diff`) and the runtime (checks while decoding) depend
//! on, so that the two can never disagree.
//!
//! - [`format`](mod@format): the catalogue of asserted `format`s and their checks;
//! - [`pattern`]: ECMA-262 regular expressions (`pattern`), compiled with the `u` flag;
//! - [`json`]: JSON value equality (`1` equals `1.0`), JSON Schema types, exact `multipleOf`;
//! - [`path`]: the location of a value in a document, rendered readably and as an
//!   RFC 6901 JSON Pointer;
//! - [`keyword`]: the keyword catalogue (validation keywords, annotations);
//! - [`ident`]: JavaScript identifiers (the mobile bridge's function names);
//! - [`terminal`]: untrusted text escaped for a terminal (control and bidi characters),
//!   for every human-readable output of the tools;
//! - [`validate`]: a JSON Schema validator (drafts 4 to 2020-12), the one home of
//!   validation semantics for subschemas that have no typed Rust shape.
//!
//! Nothing here depends on serde's data model or on code generation: plain functions on
//! plain values.

pub mod assertion;
pub mod format;
pub mod ident;
pub mod json;
pub mod keyword;
pub mod number;
pub mod path;
pub mod pattern;
pub mod terminal;
pub mod validate;

pub use format::Format;
pub use keyword::Keyword;
pub use path::{Path, Segment};
pub use pattern::Pattern;
