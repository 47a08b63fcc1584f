//! A local ApsaraVideo VOD emulator driven by the spec.
//!
//! It speaks the RPC protocol the way the service does: it verifies both signatures
//! (`ACS3-HMAC-SHA256` in the `Authorization` header, and RPC `HMAC-SHA1` with
//! `SignatureVersion=1.0` in the query) with the SDK's own signing code, the access key, the
//! STS token, the 15-minute timestamp window and nonce replay; then the API version, the action
//! and every parameter against the spec (presence, type, enum values, limits). Parameters may
//! come in the query string or in a form body. Failures answer the service's error document
//! with the documented code and status; successes answer the spec's example, in JSON or XML as
//! the call asks, except for the stateful domain family (see [`family`]).
//!
//! ```no_run
//! # async fn run() -> Result<(), emulator::StartError> {
//! use emulator::{Credentials, Emulator};
//!
//! let running = Emulator::builder()
//!     .credentials(Credentials::new("test-id", "test-secret"))
//!     .start()
//!     .await?;
//! println!("listening on {}", running.endpoint());
//! running.shutdown().await;
//! # Ok(())
//! # }
//! ```
//!
//! Faults (throttling, error statuses, delays, dropped connections, broken bodies) are queued
//! through the control endpoint [`FAULTS_PATH`]; see [`faults`].
#![deny(missing_docs)]

mod auth;
pub mod catalog;
mod domains;
pub mod error;
pub mod family;
pub mod faults;
pub mod render;
pub mod request;
mod server;

pub use auth::{Credentials, TIMESTAMP_WINDOW_SECONDS};
pub use server::{
    Emulator, EmulatorBuilder, FAULTS_PATH, RunningEmulator, StartError, default_spec_dir,
};
