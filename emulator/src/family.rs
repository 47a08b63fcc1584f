//! Stateful action families: a family owns some actions and answers them from its own data
//! instead of the spec's example. The emulator asks each family in turn; the first that
//! claims the action answers it.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::catalog::{ActionSpec, Catalog};
use crate::error::ServiceError;

/// One validated call handed to a family.
#[derive(Clone, Copy, Debug)]
pub struct Call<'a> {
    /// The action, as the spec describes it.
    pub action: &'a ActionSpec,
    /// The whole spec, for error codes.
    pub catalog: &'a Catalog,
    /// The action's own parameters, decoded.
    pub params: &'a BTreeMap<String, String>,
    /// Unix time of the call.
    pub now: i64,
}

impl Call<'_> {
    /// Parameter `name`, if sent.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params.get(name).map(String::as_str)
    }

    /// The error `code` as the spec documents it for this action.
    pub fn error(&self, code: &str) -> ServiceError {
        self.catalog.error(self.action, code)
    }
}

/// A group of actions that share state.
pub trait Family: Send + Sync {
    /// Answers `call` with the response document (without `RequestId`, which the server adds),
    /// or `None` when the action is not this family's.
    fn handle(&self, call: &Call<'_>) -> Option<Result<Value, ServiceError>>;
}
