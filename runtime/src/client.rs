//! The client that sends actions: endpoint and region checks, credentials, signing, HTTP,
//! decoding and retries.

use std::fmt;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use tracing::Instrument as _;
use tracing::field::Empty;

use crate::credentials::{Credentials, DefaultChain, ProvideCredentials as _, Secret};
use crate::endpoint::{Endpoint, is_valid_region};
use crate::error::{InvalidRequest, TransportError, TransportErrorKind};
use crate::http::{build_client, decode, send};
use crate::signing::SigningRequest;
use crate::{Action, Config, Error, Service, Timestamp};

/// Sends actions of one [`Service`]. Cloning is cheap and clones share the connection pool
/// and the resolved credentials.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    service: &'static Service,
    config: Config,
    /// The HTTP client, or why it could not be built (reported by every call).
    http: Result<reqwest::Client, String>,
    /// Credentials from the provider, asked once.
    credentials: Mutex<Option<Credentials>>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("service", &self.inner.service.product)
            .field("config", &self.inner.config)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A client for `service` with `config`.
    pub fn new(service: &'static Service, config: Config) -> Self {
        let http = match &config.http_client {
            Some(client) => Ok(client.clone()),
            None => build_client(config.connect_timeout, config.read_timeout)
                .map_err(|error| error.to_string()),
        };
        Client {
            inner: Arc::new(Inner {
                service,
                config,
                http,
                credentials: Mutex::new(None),
            }),
        }
    }

    /// The service this client calls.
    pub fn service(&self) -> &'static Service {
        self.inner.service
    }

    /// The client's settings.
    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// The region calls are made in: the configured one, or the service's default.
    pub fn region(&self) -> &str {
        self.inner
            .config
            .region
            .as_deref()
            .unwrap_or(self.inner.service.default_region)
    }

    /// Where calls go: the configured endpoint, or the service's host for the region.
    pub fn endpoint(&self) -> Endpoint {
        self.inner
            .config
            .endpoint
            .clone()
            .unwrap_or_else(|| Endpoint::for_region(self.inner.service, self.region()))
    }

    /// Sends `request` and decodes its response, retrying as the [`crate::RetryPolicy`]
    /// allows, within the call deadline if one is set.
    pub async fn call<A: Action>(&self, request: &A) -> Result<A::Response, Error> {
        let span = tracing::debug_span!(
            "vod_call",
            action = A::NAME,
            region = self.region(),
            attempts = Empty,
            request_id = Empty
        );
        let attempts = AtomicU32::new(0);
        let call = self.call_with_retries(request, &attempts).instrument(span);
        match self.inner.config.call_timeout {
            None => call.await,
            Some(deadline) => match tokio::time::timeout(deadline, call).await {
                Ok(outcome) => outcome,
                Err(_elapsed) => Err(Error::Transport(TransportError {
                    kind: TransportErrorKind::Timeout,
                    action: A::NAME,
                    attempts: attempts.load(Ordering::Relaxed),
                    message: format!("call deadline of {deadline:?} exceeded"),
                    source: None,
                })),
            },
        }
    }

    async fn call_with_retries<A: Action>(
        &self,
        request: &A,
        attempts: &AtomicU32,
    ) -> Result<A::Response, Error> {
        let Inner {
            service, config, ..
        } = &*self.inner;
        let region = self.region();
        if !is_valid_region(region) {
            return Err(Error::InvalidRequest(InvalidRequest::InvalidRegion {
                region: region.to_owned(),
            }));
        }
        if !A::REGIONS.is_empty() && !A::REGIONS.contains(&region) {
            return Err(Error::InvalidRequest(InvalidRequest::RegionNotServed {
                action: A::NAME,
                region: region.to_owned(),
                serving: A::REGIONS,
            }));
        }
        let endpoint = self.endpoint();
        let http = self.inner.http.as_ref().map_err(|message| {
            Error::Transport(TransportError {
                kind: TransportErrorKind::Other,
                action: A::NAME,
                attempts: 0,
                message: format!("the HTTP client could not be built: {message}"),
                source: None,
            })
        })?;
        let credentials = self.credentials()?;
        let secrets: Vec<&str> = credentials
            .security_token()
            .map(Secret::expose)
            .into_iter()
            .collect();
        let query = request.to_query_writer();
        let span = tracing::Span::current();
        let mut attempt = 0;
        loop {
            attempt += 1;
            attempts.store(attempt, Ordering::Relaxed);
            span.record("attempts", attempt);
            // Each attempt is signed afresh: the server refuses a reused nonce.
            let timestamp = Timestamp::now().to_string();
            let nonce = nonce().map_err(|message| {
                Error::Transport(TransportError {
                    kind: TransportErrorKind::Other,
                    action: A::NAME,
                    attempts: attempt,
                    message,
                    source: None,
                })
            })?;
            let signed = config.algorithm.sign_query(
                &SigningRequest {
                    method: A::METHOD.as_str(),
                    host: endpoint.authority(),
                    action: A::NAME,
                    version: service.version,
                    params: &[],
                    identity: credentials.identity(),
                    timestamp: &timestamp,
                    nonce: &nonce,
                },
                &query,
            );
            let url = endpoint.url(&signed.query_string);
            let attempt_span =
                tracing::debug_span!("vod_attempt", attempt, status = Empty, request_id = Empty);
            let outcome = async {
                let response = send(
                    http,
                    A::METHOD,
                    &url,
                    &signed.headers,
                    config.max_response_bytes,
                    A::NAME,
                    attempt,
                )
                .await?;
                let current = tracing::Span::current();
                current.record("status", response.status);
                if let Some(request_id) = &response.request_id {
                    current.record("request_id", request_id.as_str());
                    span.record("request_id", request_id.as_str());
                }
                decode::<A::Response>(&response, attempt, &secrets)
            }
            .instrument(attempt_span)
            .await;
            let failure = match outcome {
                Ok(response) => return Ok(response),
                Err(failure) => failure,
            };
            if let Some(request_id) = failure.request_id() {
                span.record("request_id", request_id);
            }
            let delay = (attempt < config.retry.max_attempts())
                .then(|| {
                    config
                        .retry
                        .delay_before_retry(&failure, A::READ_ONLY, attempt - 1)
                })
                .flatten();
            let Some(delay) = delay else {
                tracing::debug!(error = %failure, "call failed");
                return Err(failure);
            };
            tracing::debug!(error = %failure, ?delay, "retrying");
            tokio::time::sleep(delay).await;
        }
    }

    /// The provider's credentials, asked for once and kept.
    fn credentials(&self) -> Result<Credentials, Error> {
        let mut cached = self
            .inner
            .credentials
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(credentials) = &*cached {
            return Ok(credentials.clone());
        }
        let credentials = match &self.inner.config.credentials {
            Some(provider) => provider.provide_credentials()?,
            None => DefaultChain::from_process().provide_credentials()?,
        };
        *cached = Some(credentials.clone());
        Ok(credentials)
    }
}

/// 128 random bits as 32 lower-case hex characters, the nonce format of the official SDKs.
fn nonce() -> Result<String, String> {
    let mut bytes = [0_u8; 16];
    getrandom::fill(&mut bytes)
        .map_err(|error| format!("the OS random number generator failed: {error}"))?;
    Ok(bytes.iter().map(|byte| format!("{byte:02x}")).collect())
}

#[cfg(test)]
mod tests {
    use super::nonce;

    #[test]
    fn nonces_are_fresh_128_bit_hex() {
        let (a, b) = (nonce().unwrap(), nonce().unwrap());
        assert_eq!(a.len(), 32);
        assert!(
            a.bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
        );
        assert_ne!(a, b);
    }
}
