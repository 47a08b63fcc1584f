//! Generates the ApsaraVideo VOD Rust SDK from the YAML spec.
//!
//! The pipeline is the module layout: [`load`] reads the spec files, checks them against the
//! JSON Schemas in `codegen/schema/` and semantically (every problem at once, located), and
//! resolves them into the [`model::Api`]; the emitter turns that into token streams, which are
//! formatted with prettyplease and written only where they changed.
#![deny(missing_docs)]

mod diagnostics;
mod load;
mod locate;
pub mod model;
mod names;
mod schema;
mod spec;

pub use diagnostics::{Diagnostic, Diagnostics};
pub use load::load;
pub use model::Api;
