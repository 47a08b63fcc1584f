//! The two profile files of the chain: the CLI's `~/.aliyun/config.json` and the SDKs'
//! `~/.alibabacloud/credentials.ini`.
//!
//! A missing file, or a file without the wanted profile, lets the chain go on; a profile that
//! exists but cannot be used stops it with an error, so a typo never falls through silently to
//! other credentials.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::environment::{CLI_PROFILE_DISABLED, CREDENTIALS_FILE, PROFILE};
use super::{Credentials, CredentialsError, Environment, Lookup};

/// Reads `path`; `Ok(None)` when it does not exist.
fn read_optional(path: &Path) -> Result<Option<String>, CredentialsError> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(CredentialsError::Io {
            path: path.to_owned(),
            error,
        }),
    }
}

/// The profile `mode: AK | StsToken` of the Alibaba Cloud CLI's `config.json`.
pub(super) fn from_cli_profile(env: &Environment) -> Result<Lookup, CredentialsError> {
    const RELATIVE: &str = ".aliyun/config.json";
    if env.is_true(CLI_PROFILE_DISABLED) {
        return Ok(Lookup::Absent(format!(
            "CLI profile ~/{RELATIVE} (disabled by {CLI_PROFILE_DISABLED})"
        )));
    }
    let Some(home) = env.home() else {
        return Ok(Lookup::Absent(format!(
            "CLI profile ~/{RELATIVE} (home directory unknown)"
        )));
    };
    let path = home.join(RELATIVE);
    let Some(text) = read_optional(&path)? else {
        return Ok(Lookup::Absent(format!(
            "CLI profile {} (no such file)",
            path.display()
        )));
    };
    let invalid = |reason: String| CredentialsError::Invalid {
        source: path.display().to_string(),
        reason,
    };
    // serde_json's syntax errors carry positions only, never the text around them.
    let config: serde_json::Value = serde_json::from_str(&text).map_err(|error| {
        invalid(format!(
            "not valid JSON (line {}, column {})",
            error.line(),
            error.column()
        ))
    })?;
    let name = match env.var(PROFILE) {
        Some(name) => name,
        None => config
            .get("current")
            .and_then(serde_json::Value::as_str)
            .filter(|name| !name.is_empty())
            .ok_or_else(|| invalid(format!("no `current` profile and {PROFILE} is not set")))?,
    };
    let profile = config
        .get("profiles")
        .and_then(serde_json::Value::as_array)
        .and_then(|profiles| {
            profiles.iter().find(|profile| {
                profile.get("name").and_then(serde_json::Value::as_str) == Some(name)
            })
        });
    let Some(profile) = profile else {
        return Ok(Lookup::Absent(format!(
            "CLI profile {} (no profile `{name}`)",
            path.display()
        )));
    };
    let source = format!("profile `{name}` of {}", path.display());
    let field = |key: &str| {
        profile
            .get(key)
            .and_then(serde_json::Value::as_str)
            .filter(|value| !value.is_empty())
            .ok_or_else(|| CredentialsError::Invalid {
                source: source.clone(),
                reason: format!("`{key}` is missing or empty"),
            })
    };
    let mode = field("mode")?;
    let key_pair = || {
        Ok::<_, CredentialsError>(Credentials::new(
            field("access_key_id")?,
            field("access_key_secret")?,
        ))
    };
    match mode {
        "AK" => Ok(Lookup::Found(key_pair()?)),
        "StsToken" => Ok(Lookup::Found(
            key_pair()?.with_security_token(field("sts_token")?),
        )),
        other => Err(CredentialsError::UnsupportedMode {
            mode: other.to_owned(),
            source,
        }),
    }
}

/// The section `type = access_key | sts` of the SDKs' `credentials.ini`.
pub(super) fn from_ini_profile(env: &Environment) -> Result<Lookup, CredentialsError> {
    const RELATIVE: &str = ".alibabacloud/credentials.ini";
    let (path, explicit): (PathBuf, bool) = match env.var(CREDENTIALS_FILE) {
        Some(path) => (PathBuf::from(path), true),
        None => match env.home() {
            Some(home) => (home.join(RELATIVE), false),
            None => {
                return Ok(Lookup::Absent(format!(
                    "credentials file ~/{RELATIVE} (home directory unknown)"
                )));
            }
        },
    };
    let Some(text) = read_optional(&path)? else {
        if explicit {
            return Err(CredentialsError::Invalid {
                source: format!("{CREDENTIALS_FILE}={}", path.display()),
                reason: "no such file".to_owned(),
            });
        }
        return Ok(Lookup::Absent(format!(
            "credentials file {} (no such file)",
            path.display()
        )));
    };
    let sections = parse_ini(&text).map_err(|line| CredentialsError::Invalid {
        source: path.display().to_string(),
        reason: format!("line {line} is neither `[section]` nor `key = value`"),
    })?;
    let name = env.var(PROFILE).unwrap_or("default");
    let Some(section) = sections.get(name) else {
        return Ok(Lookup::Absent(format!(
            "credentials file {} (no section `[{name}]`)",
            path.display()
        )));
    };
    let source = format!("section `[{name}]` of {}", path.display());
    let field = |key: &str| {
        section
            .get(key)
            .map(String::as_str)
            .filter(|value| !value.is_empty())
            .ok_or_else(|| CredentialsError::Invalid {
                source: source.clone(),
                reason: format!("`{key}` is missing or empty"),
            })
    };
    let key_pair = || {
        Ok::<_, CredentialsError>(Credentials::new(
            field("access_key_id")?,
            field("access_key_secret")?,
        ))
    };
    match field("type")? {
        "access_key" => Ok(Lookup::Found(key_pair()?)),
        "sts" => Ok(Lookup::Found(
            key_pair()?.with_security_token(field("security_token")?),
        )),
        other => Err(CredentialsError::UnsupportedMode {
            mode: other.to_owned(),
            source,
        }),
    }
}

/// Sections of an INI text, each a map of trimmed keys to trimmed values. `#` and `;` start
/// comment lines. The error is the 1-based number of the first malformed line.
fn parse_ini(text: &str) -> Result<BTreeMap<&str, BTreeMap<&str, String>>, usize> {
    let mut sections: BTreeMap<&str, BTreeMap<&str, String>> = BTreeMap::new();
    let mut current: Option<&str> = None;
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if let Some(name) = line
            .strip_prefix('[')
            .and_then(|rest| rest.strip_suffix(']'))
        {
            let name = name.trim();
            sections.entry(name).or_default();
            current = Some(name);
            continue;
        }
        let (Some(section), Some((key, value))) = (current, line.split_once('=')) else {
            return Err(index + 1);
        };
        let value = value.trim();
        // Quoted values are accepted, as the official INI readers allow.
        let value = value
            .strip_prefix('"')
            .and_then(|inner| inner.strip_suffix('"'))
            .unwrap_or(value);
        sections
            .entry(section)
            .or_default()
            .insert(key.trim(), value.to_owned());
    }
    Ok(sections)
}

#[cfg(test)]
mod tests {
    use super::parse_ini;

    #[test]
    fn ini_sections_comments_and_quotes() {
        let sections =
            parse_ini("# top\n[default]\ntype = access_key\n; c\nkey=\"v=1\"\n\n[b]\nx=y\n")
                .unwrap();
        assert_eq!(sections["default"]["type"], "access_key");
        assert_eq!(sections["default"]["key"], "v=1");
        assert_eq!(sections["b"]["x"], "y");
        assert_eq!(parse_ini("[a]\nnot a pair\n"), Err(2));
        assert_eq!(parse_ini("k = v\n"), Err(1));
    }
}
