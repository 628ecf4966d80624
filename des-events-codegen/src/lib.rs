//! The des-events engine: a JSON Schema of event messages in, Rust tokens out.
//!
//! ```text
//! Source --load--> Document --model--> ir::Schema --check--> (same) --expand--> tokens
//!                                                    + catch-all check
//!                                                    + replies schema and its links
//! ```
//!
//! # One entry
//!
//! [`generate`] is the only way in. A [`Request`] names the schema (a [`Source`]: a
//! file, or text with the name to show, as the CLI's embedded schemas) and the options
//! of `include_schema!` (`catch_all`, `tests`, `replies`); `generate` runs every stage
//! and every cross-check on it and returns a [`Generated`] (the tokens, the checked
//! [`ir::Schema`], and the files a build must track: the schemas and every file their
//! `$ref`s read), or the [`Diagnostics`] of every problem found. A tool that only needs
//! the checked schema asks for [`Request::check_only`], which still runs every check.
//!
//! ```no_run
//! use des_events_codegen::{Request, Source, generate};
//!
//! let request = Request::new(Source::file("schema/des-events.schema.json", "des-events"))
//!     .catch_all(true)
//!     .replies(
//!         Source::file("schema/partner-events.schema.json", "partner-events"),
//!         "crate::partner".parse().expect("a module path"),
//!     );
//! match generate(&request) {
//!     // The code, and the files whose change must re-run the generation.
//!     Ok(generated) => println!("{} ({:?})", generated.tokens(), generated.tracked()),
//!     // Every problem, each with file:line:col, JSON pointer and hint.
//!     Err(diagnostics) => eprintln!("{diagnostics}"),
//! }
//! ```
//!
//! The macro, the CLI and the tests are thin clients of it: the stages themselves
//! (`load`, `model`, `check`, `expand`) are private, so no caller can skip one.
//!
//! # The stages
//!
//! Each stage is a module with one job: `load` (JSON with the position of every node),
//! `model` (the IR, every keyword accounted for), `check` (whole-schema rules such as
//! name collisions, the catch-all variant's name, the links of a replies schema) and
//! `expand` (tokens, a pure function of the IR). A module imports only from the stages
//! below it; [`name`] (every Rust name the engine gives, wire names converted and the
//! names of generated items), [`ir`] and [`diag`] are the bottom. Errors are collected
//! as [`Diagnostics`], each with file, line, column, JSON pointer and a hint. Nothing
//! here knows about `proc_macro`.
//!
//! # Features
//!
//! - `build` (off by default): [`Builder`], the build-script way in (generates the code
//!   of a schema into a file, e.g. `$OUT_DIR/events.rs`, and tells cargo which files to
//!   watch; see docs/build-script.md), and `Generated::pretty` (the generated code as
//!   formatted source). It adds `syn` and `prettyplease`.
//! - `tooling` (off by default, implies `build`): the `diff` module (two versions of a
//!   schema compared) and the `api` module (the public surface of the generated code).
//!   The `cli` feature of `des-events` turns it on; the `include_schema!` macro turns on
//!   neither, so its build graph holds only what expansion needs.

#[cfg(feature = "tooling")]
pub mod api;
#[cfg(feature = "build")]
mod build;
mod check;
pub mod coverage;
pub mod diag;
#[cfg(feature = "tooling")]
pub mod diff;
mod expand;
mod fit;
pub mod ir;
mod lint;
mod load;
mod model;
pub mod mutate;
pub mod name;
mod pipeline;
pub mod synthetic;

#[cfg(feature = "build")]
pub use build::{BuildError, Builder, write_if_changed};
pub use diag::{Diagnostic, Diagnostics};
pub use fit::{MapType, Patch, Settings};
pub use model::DRAFT_2020_12;
pub use pipeline::{Generated, Request, Source, generate};
/// The tokens of generated code, and of a module path given to [`Request::replies`].
pub use proc_macro2::TokenStream;
