//! Credentials: the AccessKey pair (and STS token) requests are signed with, and where they
//! come from.
//!
//! [`DefaultChain`] looks in the official order: environment variables, the CLI profile file
//! `~/.aliyun/config.json`, then the INI file `~/.alibabacloud/credentials.ini`. Modes this
//! crate cannot use yet (RAM role, OIDC, ECS instance role, ...) are reported as
//! [`CredentialsError::UnsupportedMode`] rather than skipped, and when nothing is found the
//! error lists every place looked at.
//!
//! Secrets are held in [`Secret`], whose `Debug` prints `<redacted>`; no error message of this
//! module contains a secret. The process environment and home directory are read through
//! [`Environment`], which tests build by hand instead of mutating the real environment.

mod environment;
mod files;

use std::fmt;
use std::path::PathBuf;

pub use environment::Environment;

use crate::signing::Identity;

/// A secret string: `Debug` prints `<redacted>` and there is no `Display`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps `value`.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The secret itself, for signing.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// An AccessKey pair, with an STS security token for temporary credentials.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Credentials {
    access_key_id: String,
    access_key_secret: Secret,
    security_token: Option<Secret>,
}

impl Credentials {
    /// Long-term credentials: an AccessKey ID and secret.
    pub fn new(access_key_id: impl Into<String>, access_key_secret: impl Into<String>) -> Self {
        Credentials {
            access_key_id: access_key_id.into(),
            access_key_secret: Secret::new(access_key_secret),
            security_token: None,
        }
    }

    /// Temporary STS credentials: the pair plus its security token.
    pub fn with_security_token(mut self, security_token: impl Into<String>) -> Self {
        self.security_token = Some(Secret::new(security_token));
        self
    }

    /// The AccessKey ID (not secret).
    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }

    /// The AccessKey secret.
    pub fn access_key_secret(&self) -> &Secret {
        &self.access_key_secret
    }

    /// The STS token, if these are temporary credentials.
    pub fn security_token(&self) -> Option<&Secret> {
        self.security_token.as_ref()
    }

    /// The borrowed form [`crate::signing`] signs with.
    pub fn identity(&self) -> Identity<'_> {
        Identity {
            access_key_id: &self.access_key_id,
            access_key_secret: self.access_key_secret.expose(),
            security_token: self.security_token.as_ref().map(Secret::expose),
        }
    }
}

/// A source of credentials. The client asks once and keeps the answer.
pub trait ProvideCredentials: fmt::Debug + Send + Sync {
    /// The credentials to sign with, or why there are none.
    fn provide_credentials(&self) -> Result<Credentials, CredentialsError>;
}

impl ProvideCredentials for Credentials {
    fn provide_credentials(&self) -> Result<Credentials, CredentialsError> {
        Ok(self.clone())
    }
}

/// The official default chain: environment, CLI profile, INI profile.
#[derive(Clone, Debug)]
pub struct DefaultChain {
    environment: Environment,
}

impl DefaultChain {
    /// A chain over the real process environment and home directory.
    pub fn from_process() -> Self {
        DefaultChain::new(Environment::from_process())
    }

    /// A chain over `environment`.
    pub fn new(environment: Environment) -> Self {
        DefaultChain { environment }
    }
}

/// One link of the chain.
type Provider = fn(&Environment) -> Result<Lookup, CredentialsError>;

/// What a provider of the chain found.
enum Lookup {
    Found(Credentials),
    /// Nothing there; the text says where it looked, for the "not found" error.
    Absent(String),
}

impl ProvideCredentials for DefaultChain {
    fn provide_credentials(&self) -> Result<Credentials, CredentialsError> {
        let env = &self.environment;
        // The official order (credentials-python `provider/default.py`, credentials-go).
        let providers: [Provider; 6] = [
            environment::from_variables,
            environment::oidc_from_variables,
            files::from_cli_profile,
            files::from_ini_profile,
            environment::ecs_role_from_variables,
            environment::credentials_uri_from_variables,
        ];
        let mut tried = Vec::with_capacity(providers.len());
        for provider in providers {
            match provider(env)? {
                Lookup::Found(credentials) => return Ok(credentials),
                Lookup::Absent(place) => tried.push(place),
            }
        }
        Err(CredentialsError::NotFound { tried })
    }
}

/// Why no credentials could be had. Messages never contain secret values.
#[derive(Debug)]
#[non_exhaustive]
pub enum CredentialsError {
    /// The chain found nothing; every place it looked, in order.
    NotFound {
        /// One line per place looked at.
        tried: Vec<String>,
    },
    /// A profile or variable asks for a credential mode this crate does not implement.
    UnsupportedMode {
        /// The mode, as written (`RamRoleArn`, `ecs_ram_role`, `OIDC`, ...).
        mode: String,
        /// Where it was found.
        source: String,
    },
    /// A source exists but cannot be used (missing field, bad syntax, unknown profile).
    Invalid {
        /// The file or variable at fault.
        source: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A credentials file exists but could not be read.
    Io {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        error: std::io::Error,
    },
}

impl fmt::Display for CredentialsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CredentialsError::NotFound { tried } => {
                write!(f, "no credentials found; tried: {}", tried.join("; "))
            }
            CredentialsError::UnsupportedMode { mode, source } => write!(
                f,
                "credential mode `{mode}` (from {source}) is not supported; use an AccessKey \
                 pair or STS token, or pass credentials explicitly"
            ),
            CredentialsError::Invalid { source, reason } => write!(f, "{source}: {reason}"),
            CredentialsError::Io { path, error } => {
                write!(f, "cannot read {}: {error}", path.display())
            }
        }
    }
}

impl std::error::Error for CredentialsError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            CredentialsError::Io { error, .. } => Some(error),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_secrets() {
        let credentials =
            Credentials::new("LTAIkeyid", "s3cr3t-value").with_security_token("sts-tok");
        let shown = format!("{credentials:?}");
        assert!(shown.contains("LTAIkeyid"));
        assert!(!shown.contains("s3cr3t-value"));
        assert!(!shown.contains("sts-tok"));
        assert_eq!(format!("{:?}", Secret::new("x")), "<redacted>");
    }

    #[test]
    fn identity_borrows_all_parts() {
        let credentials = Credentials::new("id", "secret").with_security_token("token");
        let identity = credentials.identity();
        assert_eq!(identity.access_key_id, "id");
        assert_eq!(identity.access_key_secret, "secret");
        assert_eq!(identity.security_token, Some("token"));
    }
}
