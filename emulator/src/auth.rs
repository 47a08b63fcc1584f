//! Who may call: the access key, the STS token, the timestamp window, nonce replay and both
//! signatures, verified with the SDK's own signing code (`vod_runtime::signing`).

use std::collections::{HashSet, VecDeque};
use std::fmt;
use std::sync::Mutex;

use vod_runtime::Timestamp;
use vod_runtime::signing::{v1, v3};

use crate::error::ServiceError;
use crate::request::RpcRequest;

/// How far a request's timestamp may be from the emulator's clock, either way.
pub const TIMESTAMP_WINDOW_SECONDS: i64 = 15 * 60;

/// Most nonces remembered; past it the oldest are forgotten first, so memory stays bounded
/// under sustained load (a replay older than a million calls gets through).
const NONCE_CAPACITY: usize = 1_000_000;

/// The one access key the emulator accepts.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    /// AccessKey ID.
    pub access_key_id: String,
    /// AccessKey secret.
    pub access_key_secret: String,
    /// STS token every call must carry, when set.
    pub security_token: Option<String>,
}

impl Credentials {
    /// A long-term key pair (no STS token).
    pub fn new(access_key_id: impl Into<String>, access_key_secret: impl Into<String>) -> Self {
        Credentials {
            access_key_id: access_key_id.into(),
            access_key_secret: access_key_secret.into(),
            security_token: None,
        }
    }

    /// The same key with an STS token calls must carry.
    pub fn with_security_token(mut self, token: impl Into<String>) -> Self {
        self.security_token = Some(token.into());
        self
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("access_key_secret", &"<redacted>")
            .field(
                "security_token",
                &self.security_token.as_ref().map(|_| "<redacted>"),
            )
            .finish()
    }
}

/// Verifies calls against one [`Credentials`] and remembers the nonces it has seen.
#[derive(Debug)]
pub struct Authenticator {
    credentials: Credentials,
    nonces: Mutex<NonceLog>,
}

#[derive(Debug, Default)]
struct NonceLog {
    seen: HashSet<String>,
    order: VecDeque<(i64, String)>,
}

/// The signature-related fields of a call, whichever algorithm carried them.
struct Signed<'a> {
    access_key_id: &'a str,
    security_token: Option<&'a str>,
    timestamp: &'a str,
    nonce: &'a str,
}

impl Authenticator {
    /// An authenticator for `credentials`.
    pub fn new(credentials: Credentials) -> Self {
        Authenticator {
            credentials,
            nonces: Mutex::new(NonceLog::default()),
        }
    }

    /// Accepts `request` at Unix time `now`, or says why not, in the order the gateway
    /// checks: access key, token, timestamp, signature, then nonce (a forged call must not
    /// use up a nonce).
    pub fn verify(&self, request: &RpcRequest, now: i64) -> Result<(), ServiceError> {
        let (signed, expected, given) = if request.is_v3() {
            self.check_v3(request)?
        } else {
            self.check_v1(request)?
        };
        if signed.access_key_id != self.credentials.access_key_id {
            return Err(ServiceError::unknown_access_key());
        }
        if signed.security_token != self.credentials.security_token.as_deref() {
            return Err(ServiceError::new(
                400,
                "InvalidSecurityToken.MismatchWithAccessKey",
                "Specified security token does not match the access key.",
            ));
        }
        let timestamp = signed.timestamp.parse::<Timestamp>().map_err(|_| {
            ServiceError::new(
                400,
                "InvalidTimeStamp.Format",
                format!(
                    "Specified time stamp or date value {:?} is not well formatted.",
                    signed.timestamp
                ),
            )
        })?;
        if (now - timestamp.unix_seconds()).abs() > TIMESTAMP_WINDOW_SECONDS {
            return Err(ServiceError::new(
                400,
                "InvalidTimeStamp.Expired",
                format!(
                    "Specified time stamp or date value is expired: {}.",
                    signed.timestamp
                ),
            ));
        }
        if !constant_time_eq(expected.as_bytes(), given.as_bytes()) {
            return Err(ServiceError::signature_mismatch(
                "Please check your AccessKey secret and the signing code.",
            ));
        }
        self.remember_nonce(signed.nonce, now)
    }

    /// v1: the fields travel as parameters; returns them with the expected and sent signature.
    fn check_v1<'r>(
        &self,
        request: &'r RpcRequest,
    ) -> Result<(Signed<'r>, String, &'r str), ServiceError> {
        let required = |name: &str| {
            request
                .param(name)
                .ok_or_else(|| ServiceError::missing_parameter(name))
        };
        let given = required("Signature")?;
        let signed = Signed {
            access_key_id: required("AccessKeyId")?,
            security_token: request.param("SecurityToken"),
            timestamp: required("Timestamp")?,
            nonce: required("SignatureNonce")?,
        };
        let method = required("SignatureMethod")?;
        if method != v1::SIGNATURE_METHOD {
            return Err(ServiceError::invalid_parameter(
                "SignatureMethod",
                format!("{method:?} is not HMAC-SHA1"),
            ));
        }
        let version = required("SignatureVersion")?;
        if version != v1::SIGNATURE_VERSION {
            return Err(ServiceError::invalid_parameter(
                "SignatureVersion",
                format!("{version:?} is not 1.0"),
            ));
        }
        let pairs: Vec<(&str, &str)> = request
            .query
            .iter()
            .chain(&request.form)
            .filter(|(k, _)| k != "Signature")
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let string_to_sign = v1::string_to_sign(&request.method, &pairs);
        let expected = v1::signature(&self.credentials.access_key_secret, &string_to_sign);
        Ok((signed, expected, given))
    }

    /// v3: the fields travel as headers; the canonical request covers the signed headers, the
    /// query and the hash of the body actually received.
    fn check_v3<'r>(
        &self,
        request: &'r RpcRequest,
    ) -> Result<(Signed<'r>, String, &'r str), ServiceError> {
        let incomplete = |why: String| ServiceError::new(400, "IncompleteSignature", why);
        let header = request.header("authorization").unwrap_or_default();
        let authorization =
            v3::parse_authorization(header).map_err(|e| incomplete(e.to_string()))?;
        if authorization.algorithm != v3::ALGORITHM {
            return Err(incomplete(format!(
                "unsupported algorithm {:?}",
                authorization.algorithm
            )));
        }
        let required = |name: &str| {
            request
                .header(name)
                .ok_or_else(|| ServiceError::missing_parameter(name))
        };
        let signed = Signed {
            access_key_id: authorization.credential,
            security_token: request.header("x-acs-security-token"),
            timestamp: required("x-acs-date")?,
            nonce: required("x-acs-signature-nonce")?,
        };
        required("x-acs-action")?;
        required("x-acs-version")?;
        // The service requires `host` and every `x-acs-*` header to be signed.
        let must_sign = request
            .headers
            .keys()
            .map(|name| name.as_str())
            .filter(|name| name.starts_with("x-acs-"))
            .chain(["host"]);
        for name in must_sign {
            if !authorization.signed_headers.contains(&name) {
                return Err(ServiceError::signature_mismatch(format!(
                    "Header {name} must be signed."
                )));
            }
        }
        let mut headers = Vec::with_capacity(authorization.signed_headers.len());
        for name in &authorization.signed_headers {
            let value = request.header_joined(name).ok_or_else(|| {
                ServiceError::signature_mismatch(format!(
                    "Signed header {name} is not in the request."
                ))
            })?;
            headers.push((*name, value));
        }
        let payload_hash = v3::sha256_hex(&request.body);
        if request
            .header("x-acs-content-sha256")
            .is_some_and(|sent| sent != payload_hash)
        {
            return Err(ServiceError::signature_mismatch(
                "x-acs-content-sha256 is not the hash of the body.",
            ));
        }
        let canonical = v3::canonical_request(
            &request.method,
            &request.path,
            &request.query,
            &headers,
            &payload_hash,
        );
        let expected = v3::signature(
            &self.credentials.access_key_secret,
            &v3::string_to_sign(&canonical),
        );
        Ok((signed, expected, authorization.signature))
    }

    fn remember_nonce(&self, nonce: &str, now: i64) -> Result<(), ServiceError> {
        // A poisoned lock only means another request panicked mid-insert; the set is still usable.
        let mut log = self
            .nonces
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        // Nonces older than twice the window can never come back with a valid timestamp.
        while log
            .order
            .front()
            .is_some_and(|(seen_at, _)| now - seen_at > 2 * TIMESTAMP_WINDOW_SECONDS)
            || log.order.len() >= NONCE_CAPACITY
        {
            if let Some((_, old)) = log.order.pop_front() {
                log.seen.remove(&old);
            }
        }
        if !log.seen.insert(nonce.to_owned()) {
            return Err(ServiceError::new(
                400,
                "SignatureNonceUsed",
                "Specified signature nonce was used already.",
            ));
        }
        log.order.push_back((now, nonce.to_owned()));
        Ok(())
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_debug_hides_secrets() {
        let text = format!(
            "{:?}",
            Credentials::new("id", "s3cret").with_security_token("t0ken")
        );
        assert!(text.contains("id"));
        assert!(!text.contains("s3cret") && !text.contains("t0ken"));
    }

    #[test]
    fn nonces_are_single_use_until_they_age_out() {
        let auth = Authenticator::new(Credentials::new("id", "secret"));
        assert!(auth.remember_nonce("n1", 1000).is_ok());
        assert_eq!(
            auth.remember_nonce("n1", 1001).unwrap_err().code,
            "SignatureNonceUsed"
        );
        assert!(
            auth.remember_nonce("n1", 1001 + 2 * TIMESTAMP_WINDOW_SECONDS)
                .is_ok()
        );
    }
}
