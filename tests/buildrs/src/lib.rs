//! SDKs generated at build time by `codegen` from specs: [`mini`] from this crate's `spec/`,
//! [`edge`] from codegen's golden spec of edge cases.
#![deny(missing_docs)]

/// Generated from `tests/buildrs/spec`: two tiny actions and one enum.
pub mod mini {
    include!(concat!(env!("OUT_DIR"), "/mini_sdk.rs"));
}

/// Generated from `codegen/tests/specs/edge/spec`.
pub mod edge {
    include!(concat!(env!("OUT_DIR"), "/edge_sdk.rs"));
}
