//! The client that sends actions. (Contract stub: the HTTP, signing, credentials, endpoints,
//! retries and typed errors land with the wire work; the signatures below are the contract
//! generated code relies on.)

use crate::{Action, Service};

/// Client settings: region, endpoint, credentials, signature, timeouts and retries.
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct Config {}

/// Sends actions of one [`Service`].
#[derive(Clone, Debug)]
pub struct Client {
    service: &'static Service,
    #[allow(dead_code)]
    config: Config,
}

/// Everything that can go wrong with a call.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// Not sent: the stub has no transport.
    Unsupported(String),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Unsupported(s) => f.write_str(s),
        }
    }
}

impl std::error::Error for Error {}

impl Client {
    /// A client for `service` with `config`.
    pub fn new(service: &'static Service, config: Config) -> Self {
        Client { service, config }
    }

    /// The service this client calls.
    pub fn service(&self) -> &'static Service {
        self.service
    }

    /// Sends `request` and decodes its response.
    pub async fn call<A: Action>(&self, request: &A) -> Result<A::Response, Error> {
        let pairs = request.to_query_pairs();
        Err(Error::Unsupported(format!(
            "{} with {} parameters: no transport yet",
            A::NAME,
            pairs.len()
        )))
    }
}
