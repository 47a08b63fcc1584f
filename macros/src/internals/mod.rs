//! Parsing of the derive input into a checked model, with every error collected.

pub mod ast;
pub mod attr;
pub mod ctxt;
mod symbol;

pub use ctxt::Ctxt;
