//! Generates the ApsaraVideo VOD Rust SDK from the YAML spec.
//!
//! The pipeline is the module layout: [`load`] reads the spec files, checks them against the
//! JSON Schemas in `codegen/schema/` and semantically (every problem at once, each with file,
//! line, column and a hint), and resolves them into the [`model::Api`]; `emit` turns that into
//! token streams, `format` into source text (prettyplease), and `write` onto disk, touching
//! only files that changed. [`Config`] drives it all, from the CLI or a build script.
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
