//! Client settings.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::credentials::{Credentials, ProvideCredentials};
use crate::endpoint::Endpoint;
use crate::retry::RetryPolicy;
use crate::signing::Algorithm;

/// Client settings: region, endpoint, credentials, signature algorithm, timeouts, retries.
///
/// ```
/// use std::time::Duration;
/// use vod_runtime::{Config, credentials::Credentials, endpoint::Endpoint, signing::Algorithm};
///
/// let config = Config::new()
///     .region("ap-southeast-1")
///     .endpoint(Endpoint::parse("http://127.0.0.1:8080").unwrap())
///     .credentials(Credentials::new("id", "secret"))
///     .signature_algorithm(Algorithm::V1)
///     .call_timeout(Duration::from_secs(30));
/// assert_eq!(config.region_name(), Some("ap-southeast-1"));
/// ```
#[derive(Clone)]
#[non_exhaustive]
pub struct Config {
    pub(crate) region: Option<String>,
    pub(crate) endpoint: Option<Endpoint>,
    pub(crate) credentials: Option<Arc<dyn ProvideCredentials>>,
    pub(crate) algorithm: Algorithm,
    pub(crate) connect_timeout: Duration,
    pub(crate) read_timeout: Duration,
    pub(crate) call_timeout: Option<Duration>,
    pub(crate) retry: RetryPolicy,
    pub(crate) http_client: Option<reqwest::Client>,
    pub(crate) max_response_bytes: usize,
}

impl Default for Config {
    /// The service's default region and endpoint, the default credential chain over the
    /// process environment, v3 signing, 5 s connect and 10 s read timeouts (as the official
    /// SDKs), no overall deadline, 3 attempts, responses up to 10 MiB.
    fn default() -> Self {
        Config {
            region: None,
            endpoint: None,
            credentials: None,
            algorithm: Algorithm::V3,
            connect_timeout: Duration::from_secs(5),
            read_timeout: Duration::from_secs(10),
            call_timeout: None,
            retry: RetryPolicy::default(),
            http_client: None,
            max_response_bytes: 10 * 1024 * 1024,
        }
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("region", &self.region)
            .field("endpoint", &self.endpoint)
            .field("credentials", &self.credentials)
            .field("algorithm", &self.algorithm)
            .field("connect_timeout", &self.connect_timeout)
            .field("read_timeout", &self.read_timeout)
            .field("call_timeout", &self.call_timeout)
            .field("retry", &self.retry)
            .field("custom_http_client", &self.http_client.is_some())
            .field("max_response_bytes", &self.max_response_bytes)
            .finish()
    }
}

impl Config {
    /// The defaults (see [`Config::default`]).
    pub fn new() -> Self {
        Config::default()
    }

    /// Region id, e.g. `cn-shanghai`; picks the endpoint unless one is set.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Sends every request to `endpoint` instead of the region's host. The region still
    /// applies: actions not served in it are refused before sending.
    pub fn endpoint(mut self, endpoint: Endpoint) -> Self {
        self.endpoint = Some(endpoint);
        self
    }

    /// Signs with these credentials.
    pub fn credentials(self, credentials: Credentials) -> Self {
        self.credentials_provider(credentials)
    }

    /// Asks `provider` for credentials on the first call (the answer is kept).
    pub fn credentials_provider(mut self, provider: impl ProvideCredentials + 'static) -> Self {
        self.credentials = Some(Arc::new(provider));
        self
    }

    /// The signature algorithm (v3 by default).
    pub fn signature_algorithm(mut self, algorithm: Algorithm) -> Self {
        self.algorithm = algorithm;
        self
    }

    /// Connect timeout of the HTTP client this crate builds (not of one given with
    /// [`Config::http_client`]).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Read timeout of the HTTP client this crate builds: the longest silence while waiting
    /// for response bytes.
    pub fn read_timeout(mut self, timeout: Duration) -> Self {
        self.read_timeout = timeout;
        self
    }

    /// Deadline of a whole call, retries and waits included.
    pub fn call_timeout(mut self, timeout: Duration) -> Self {
        self.call_timeout = Some(timeout);
        self
    }

    /// Retry policy; [`RetryPolicy::disabled`] for a single attempt.
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Sends with this HTTP client (its own timeouts, proxies and TLS settings apply).
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http_client = Some(client);
        self
    }

    /// Largest response body read; a longer one fails the call without being buffered.
    pub fn max_response_bytes(mut self, limit: usize) -> Self {
        self.max_response_bytes = limit;
        self
    }

    /// The configured region, if any (the service default applies otherwise).
    pub fn region_name(&self) -> Option<&str> {
        self.region.as_deref()
    }
}
