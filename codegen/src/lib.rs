//! Generates the ApsaraVideo VOD Rust SDK from the YAML spec.
//!
//! The pipeline is the module layout: [`load`] reads the spec files, checks them against the
//! JSON Schemas in `codegen/schema/` and semantically (every problem at once, each with file,
//! line, column and a hint), and resolves them into the [`model::Api`]; `emit` turns that into
//! token streams, `format` into source text (prettyplease), and `write` onto disk, touching
//! only files that changed. [`Config`] drives it all, from the CLI or a build script.
//!
//! ```text
//! cargo run -p codegen              # regenerate generated/ from spec/
//! cargo run -p codegen -- --check   # diff and exit 1 if generated/ is stale
//! ```
//!
//! A bad spec is reported as one line per problem, `file:line:column: error: what`, followed by
//! `  hint: how to fix it`; all files are checked before giving up.
//!
//! Tests (`cargo test -p codegen`) compare against checked-in expectations: `generated/`
//! itself, the golden output `tests/specs/*/expected.rs`, the diagnostics of each bad spec in
//! `tests/bad/*/expected.txt`, and the JSON Schemas in `schema/`. `BLESS=1` rewrites them all.
#![deny(missing_docs)]

mod config;
mod diagnostics;
mod emit;
mod format;
mod load;
mod locate;
pub mod model;
mod names;
mod schema;
mod spec;
mod write;

pub use config::{Config, Error};
pub use diagnostics::{Diagnostic, Diagnostics};
pub use emit::Layout;
pub use load::load;
pub use model::Api;
pub use write::{Drift, GeneratedFile};
