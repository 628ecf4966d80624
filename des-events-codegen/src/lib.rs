//! The des-events engine: a JSON Schema of event messages in, Rust tokens out.
//!
//! ```text
//! schema file --load--> Document --model--> ir::Schema --check--> (same) --expand--> tokens
//! ```
//!
//! Each stage is a module with one job: `load` (JSON with the position of every node),
//! `model` (the IR, every keyword accounted for), `check` (whole-schema rules such as
//! name collisions) and `expand` (tokens). Errors are collected as [`diag::Diagnostics`],
//! each with file, line, column, JSON pointer and a hint. Nothing here knows about
//! `proc_macro`, so the same engine drives the macro, the CLI and the tests.

#[cfg(feature = "tooling")]
pub mod api;
mod check;
pub mod diag;
#[cfg(feature = "tooling")]
pub mod diff;
mod expand;
pub mod ir;
mod load;
mod model;
pub mod mutate;
pub mod name;
mod pipeline;
pub mod synthetic;

pub use diag::{Diagnostic, Diagnostics};
pub use model::DRAFT_2020_12;
pub use pipeline::{Generated, Request, Source, generate};
/// The tokens of generated code, and of a module path given to [`Request::replies`].
pub use proc_macro2::TokenStream;
