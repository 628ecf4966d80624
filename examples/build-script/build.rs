//! Generates the API of `schema/shop-events.schema.json` into `$OUT_DIR/events.rs`, which
//! `src/lib.rs` includes. Cargo re-runs this script when the schema changes (the Builder
//! prints `cargo:rerun-if-changed` for it), and the file is rewritten only when the code
//! changes.

use std::path::PathBuf;

use des_events_codegen::{BuildError, Builder, Patch};

fn main() -> Result<(), BuildError> {
    // Cargo always sets OUT_DIR for a build script.
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default()).join("events.rs");
    Builder::new("schema/shop-events.schema.json")
        // On every generated type (the engine proves it holds, or says where it breaks).
        .derive("Eq")
        // On one type: the dispatch enum cannot be `Hash` (its catch-all variant is not).
        .patch("OrderPlaced", Patch::new().derive("Hash"))
        // `OrderPlaced::builder()...build()`: only values the schema accepts.
        .builder(true)
        .write(out)
}
