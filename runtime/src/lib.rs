//! Runtime of the ApsaraVideo VOD SDK.
//!
//! Generated code (the `vod-sdk` crate) depends on this crate only: it holds the traits the
//! generated types implement ([`Action`], [`query::ToQuery`]), the query writer, the open-enum
//! support type [`UnknownValue`], the [`Timestamp`] type, request validation ([`BuildError`]),
//! and everything that talks to the network: signing, credentials, endpoints, HTTP, retries and
//! errors. Nothing here is generated.
#![deny(missing_docs)]

mod action;
mod build;
mod client;
mod config;
pub mod credentials;
pub mod endpoint;
mod error;
mod http;
mod open_enum;
pub mod query;
mod retry;
mod serde_support;
pub mod signing;
mod timestamp;

pub use action::{Action, HttpMethod, Service};
pub use build::BuildError;
pub use client::Client;
pub use config::Config;
pub use error::{
    Error, InvalidRequest, ResponseError, ServiceError, TransportError, TransportErrorKind,
};
pub use open_enum::UnknownValue;
pub use retry::RetryPolicy;
pub use timestamp::{ParseTimestampError, Timestamp};
/// `#[derive(RpcQuery)]`: see [`query`] for the attributes and the wire format.
pub use vod_macros::RpcQuery;

/// Limit checks generated `build()` methods call.
#[doc(hidden)]
pub use build::check as __check;

/// Serde helpers generated response types call (wrapped lists, lenient numbers).
#[doc(hidden)]
pub mod __private {
    pub use crate::serde_support::*;
}
