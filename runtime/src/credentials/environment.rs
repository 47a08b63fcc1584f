//! The process environment as the chain sees it, and the providers that read only variables.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use super::{Credentials, CredentialsError, Lookup};

pub(super) const ACCESS_KEY_ID: &str = "ALIBABA_CLOUD_ACCESS_KEY_ID";
pub(super) const ACCESS_KEY_SECRET: &str = "ALIBABA_CLOUD_ACCESS_KEY_SECRET";
pub(super) const SECURITY_TOKEN: &str = "ALIBABA_CLOUD_SECURITY_TOKEN";
pub(super) const PROFILE: &str = "ALIBABA_CLOUD_PROFILE";
pub(super) const CREDENTIALS_FILE: &str = "ALIBABA_CLOUD_CREDENTIALS_FILE";
pub(super) const CLI_PROFILE_DISABLED: &str = "ALIBABA_CLOUD_CLI_PROFILE_DISABLED";
const ROLE_ARN: &str = "ALIBABA_CLOUD_ROLE_ARN";
const OIDC_PROVIDER_ARN: &str = "ALIBABA_CLOUD_OIDC_PROVIDER_ARN";
const OIDC_TOKEN_FILE: &str = "ALIBABA_CLOUD_OIDC_TOKEN_FILE";
const ECS_METADATA: &str = "ALIBABA_CLOUD_ECS_METADATA";
const ECS_METADATA_DISABLED: &str = "ALIBABA_CLOUD_ECS_METADATA_DISABLED";
const CREDENTIALS_URI: &str = "ALIBABA_CLOUD_CREDENTIALS_URI";

/// The environment variables and home directory the credential chain reads.
///
/// [`Environment::from_process`] snapshots the real ones (only the `ALIBABA_CLOUD_*`
/// variables); tests and embedders build one with [`Environment::empty`] and the `with_*`
/// methods, so nothing mutates the process environment.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Environment {
    vars: BTreeMap<String, String>,
    home: Option<PathBuf>,
}

impl fmt::Debug for Environment {
    // Values may be secrets (`ALIBABA_CLOUD_ACCESS_KEY_SECRET`): show names only.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Environment")
            .field("vars", &self.vars.keys().collect::<Vec<_>>())
            .field("home", &self.home)
            .finish()
    }
}

impl Environment {
    /// No variables and no home directory.
    pub fn empty() -> Self {
        Environment::default()
    }

    /// A snapshot of the process: `ALIBABA_CLOUD_*` variables with UTF-8 values, and the home
    /// directory from `HOME` (or `USERPROFILE` on Windows).
    pub fn from_process() -> Self {
        let vars = std::env::vars_os()
            .filter_map(|(name, value)| Some((name.into_string().ok()?, value.into_string().ok()?)))
            .filter(|(name, _)| name.starts_with("ALIBABA_CLOUD_"))
            .collect();
        let home = std::env::var_os("HOME")
            .or_else(|| std::env::var_os("USERPROFILE"))
            .filter(|home| !home.is_empty())
            .map(PathBuf::from);
        Environment { vars, home }
    }

    /// Sets variable `name` to `value`.
    pub fn with_var(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.vars.insert(name.into(), value.into());
        self
    }

    /// Sets the home directory the profile files are looked up under.
    pub fn with_home(mut self, home: impl Into<PathBuf>) -> Self {
        self.home = Some(home.into());
        self
    }

    /// The value of `name`; an empty value counts as unset, as in the official SDKs.
    pub fn var(&self, name: &str) -> Option<&str> {
        self.vars
            .get(name)
            .map(String::as_str)
            .filter(|value| !value.is_empty())
    }

    /// The home directory, if known.
    pub fn home(&self) -> Option<&Path> {
        self.home.as_deref()
    }

    /// True when `name` is set to `true` (any case).
    pub(super) fn is_true(&self, name: &str) -> bool {
        self.var(name)
            .is_some_and(|value| value.eq_ignore_ascii_case("true"))
    }
}

/// `ALIBABA_CLOUD_ACCESS_KEY_ID` + `_SECRET`, with `ALIBABA_CLOUD_SECURITY_TOKEN` optional.
pub(super) fn from_variables(env: &Environment) -> Result<Lookup, CredentialsError> {
    match (env.var(ACCESS_KEY_ID), env.var(ACCESS_KEY_SECRET)) {
        (Some(id), Some(secret)) => {
            let credentials = Credentials::new(id, secret);
            Ok(Lookup::Found(match env.var(SECURITY_TOKEN) {
                Some(token) => credentials.with_security_token(token),
                None => credentials,
            }))
        }
        (None, None) => Ok(Lookup::Absent(format!(
            "environment variables {ACCESS_KEY_ID} and {ACCESS_KEY_SECRET} (not set)"
        ))),
        (Some(_), None) => Err(half_set(ACCESS_KEY_ID, ACCESS_KEY_SECRET)),
        (None, Some(_)) => Err(half_set(ACCESS_KEY_SECRET, ACCESS_KEY_ID)),
    }
}

fn half_set(set: &str, missing: &str) -> CredentialsError {
    CredentialsError::Invalid {
        source: "environment".to_owned(),
        reason: format!("{set} is set but {missing} is not"),
    }
}

/// OIDC role assumption, used by the official chain when its three variables are set.
pub(super) fn oidc_from_variables(env: &Environment) -> Result<Lookup, CredentialsError> {
    let names = [ROLE_ARN, OIDC_PROVIDER_ARN, OIDC_TOKEN_FILE];
    if names.iter().all(|name| env.var(name).is_some()) {
        return Err(CredentialsError::UnsupportedMode {
            mode: "OIDC".to_owned(),
            source: format!("environment variables {}", names.join(", ")),
        });
    }
    Ok(Lookup::Absent(format!(
        "OIDC environment variables {} (not all set)",
        names.join(", ")
    )))
}

/// The ECS instance RAM role named by `ALIBABA_CLOUD_ECS_METADATA`. Without that variable
/// the instance metadata service is not probed: this crate does not call it.
pub(super) fn ecs_role_from_variables(env: &Environment) -> Result<Lookup, CredentialsError> {
    match env.var(ECS_METADATA) {
        Some(_) if !env.is_true(ECS_METADATA_DISABLED) => Err(CredentialsError::UnsupportedMode {
            mode: "EcsRamRole".to_owned(),
            source: format!("environment variable {ECS_METADATA}"),
        }),
        _ => Ok(Lookup::Absent(format!(
            "ECS instance role ({ECS_METADATA} not set; instance metadata not queried)"
        ))),
    }
}

/// A credentials URI, the official chain's last resort.
pub(super) fn credentials_uri_from_variables(
    env: &Environment,
) -> Result<Lookup, CredentialsError> {
    match env.var(CREDENTIALS_URI) {
        Some(_) => Err(CredentialsError::UnsupportedMode {
            mode: "CredentialsURI".to_owned(),
            source: format!("environment variable {CREDENTIALS_URI}"),
        }),
        None => Ok(Lookup::Absent(format!("{CREDENTIALS_URI} (not set)"))),
    }
}
