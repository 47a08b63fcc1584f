//! The one error type of a call, and its parts.

use std::fmt;
use std::time::Duration;

use crate::BuildError;
use crate::credentials::CredentialsError;
use crate::endpoint::EndpointError;

/// Everything that can go wrong with a call.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The request was not sent: it is invalid as built or for this client.
    InvalidRequest(InvalidRequest),
    /// No credentials to sign with.
    Credentials(CredentialsError),
    /// The request did not get an HTTP response (connect failure, timeout, broken connection).
    Transport(TransportError),
    /// The service answered with an error (`Code`, `Message`, `RequestId`, ...).
    Service(Box<ServiceError>),
    /// The service answered something that is neither the expected body nor an error body.
    Response(ResponseError),
}

impl Error {
    /// The service error, if the service answered with one.
    pub fn service_error(&self) -> Option<&ServiceError> {
        match self {
            Error::Service(error) => Some(error),
            _ => None,
        }
    }

    /// The request id of the failed call, when the service sent one.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Service(error) => error.request_id(),
            Error::Response(error) => error.request_id(),
            _ => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidRequest(error) => write!(f, "invalid request: {error}"),
            Error::Credentials(error) => write!(f, "credentials: {error}"),
            Error::Transport(error) => error.fmt(f),
            Error::Service(error) => error.fmt(f),
            Error::Response(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::InvalidRequest(error) => Some(error),
            Error::Credentials(error) => Some(error),
            Error::Transport(error) => Some(error),
            Error::Service(error) => Some(error),
            Error::Response(error) => Some(error),
        }
    }
}

impl From<BuildError> for Error {
    fn from(error: BuildError) -> Self {
        Error::InvalidRequest(InvalidRequest::Build(error))
    }
}

impl From<CredentialsError> for Error {
    fn from(error: CredentialsError) -> Self {
        Error::Credentials(error)
    }
}

/// Why a request was refused before anything was sent.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum InvalidRequest {
    /// The builder's checks failed.
    Build(BuildError),
    /// The action is not served in the client's region.
    RegionNotServed {
        /// The action.
        action: &'static str,
        /// The client's region.
        region: String,
        /// The regions that serve the action.
        serving: &'static [&'static str],
    },
    /// The region id cannot be part of a host name.
    InvalidRegion {
        /// The region as configured.
        region: String,
    },
    /// The configured endpoint does not parse.
    Endpoint(EndpointError),
}

impl fmt::Display for InvalidRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InvalidRequest::Build(error) => error.fmt(f),
            InvalidRequest::RegionNotServed {
                action,
                region,
                serving,
            } => write!(
                f,
                "{action} is not served in region {region}; it is served in: {}",
                serving.join(", ")
            ),
            InvalidRequest::InvalidRegion { region } => {
                write!(f, "region `{region}` is not a region id like `cn-shanghai`")
            }
            InvalidRequest::Endpoint(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for InvalidRequest {}

/// What kind of transport failure happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// No connection could be made (the request cannot have been applied).
    Connect,
    /// A timeout: connect, read, or the whole call's deadline.
    Timeout,
    /// The connection broke or the request could not be sent.
    Other,
}

/// A failure below HTTP, after all attempts.
#[derive(Debug)]
pub struct TransportError {
    pub(crate) kind: TransportErrorKind,
    pub(crate) action: &'static str,
    pub(crate) attempts: u32,
    pub(crate) message: String,
    pub(crate) source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl TransportError {
    /// What went wrong.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    /// Attempts made, including the failed last one.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            TransportErrorKind::Connect => "could not connect",
            TransportErrorKind::Timeout => "timed out",
            TransportErrorKind::Other => "transport failure",
        };
        write!(
            f,
            "{}: {what} after {} attempt(s): {}",
            self.action, self.attempts, self.message
        )
    }
}

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|source| source as &(dyn std::error::Error + 'static))
    }
}

/// An error answer of the service.
///
/// [`ServiceError::code`] is what a generated per-action error-code enum converts from
/// (`From<&str>`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceError {
    pub(crate) status: u16,
    pub(crate) code: String,
    pub(crate) message: String,
    pub(crate) request_id: Option<String>,
    pub(crate) host_id: Option<String>,
    pub(crate) recommend: Option<String>,
    pub(crate) retry_after: Option<Duration>,
    pub(crate) attempts: u32,
}

impl ServiceError {
    /// HTTP status.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The error code, e.g. `InvalidParameter`, `Throttling.User`.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The message.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// `RequestId`, to quote to support.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// `HostId`, the host that answered.
    pub fn host_id(&self) -> Option<&str> {
        self.host_id.as_deref()
    }

    /// `Recommend`, a troubleshooting URL.
    pub fn recommend(&self) -> Option<&str> {
        self.recommend.as_deref()
    }

    /// How long the server asked to wait before retrying (`x-acs-retry-after`).
    pub fn retry_after(&self) -> Option<Duration> {
        self.retry_after
    }

    /// Attempts made, including the one that got this answer.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }
}

impl fmt::Display for ServiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} (HTTP {}", self.code, self.message, self.status)?;
        if let Some(request_id) = &self.request_id {
            write!(f, ", request id {request_id}")?;
        }
        f.write_str(")")
    }
}

impl std::error::Error for ServiceError {}

/// A response that could not be decoded: not the expected JSON, and no error `Code` in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResponseError {
    pub(crate) status: u16,
    pub(crate) request_id: Option<String>,
    pub(crate) reason: String,
    pub(crate) snippet: String,
}

impl ResponseError {
    /// HTTP status.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// Request id from the `x-acs-request-id` header or the body, when known.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// Why it could not be decoded.
    pub fn reason(&self) -> &str {
        &self.reason
    }

    /// The start of the body (at most [`ResponseError::SNIPPET_BYTES`] bytes, lossy UTF-8).
    pub fn snippet(&self) -> &str {
        &self.snippet
    }

    /// Longest body prefix kept in [`ResponseError::snippet`].
    pub const SNIPPET_BYTES: usize = 512;
}

impl fmt::Display for ResponseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "undecodable response (HTTP {}", self.status)?;
        if let Some(request_id) = &self.request_id {
            write!(f, ", request id {request_id}")?;
        }
        write!(f, "): {}", self.reason)
    }
}

impl std::error::Error for ResponseError {}
