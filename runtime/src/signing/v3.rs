//! Signature v3: `ACS3-HMAC-SHA256`.
//!
//! 1. Canonical request ([`canonical_request`]):
//!    `METHOD\nPATH\nCANONICAL_QUERY\nCANONICAL_HEADERS\nSIGNED_HEADERS\nPAYLOAD_HASH`, where
//!    each canonical header is `name:trimmed value\n` (so an empty line precedes the signed
//!    header list) and the signed headers are the sorted names joined with `;`.
//! 2. String to sign: `ACS3-HMAC-SHA256\n` + hex(SHA-256(canonical request))
//!    ([`string_to_sign`]).
//! 3. Signature: hex(HMAC-SHA256(secret, string to sign)), no `&` on the key ([`signature`]).
//! 4. `Authorization: ACS3-HMAC-SHA256 Credential=<id>,SignedHeaders=<list>,Signature=<hex>`
//!    ([`authorization_header`], parsed back by [`parse_authorization`]).
//!
//! RPC parameters stay in the query string and the body is empty. With STS credentials the
//! signed headers `x-acs-accesskey-id` and `x-acs-security-token` are added, as the official
//! SDK does.

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

use sha2::{Digest as _, Sha256};

use super::{SignedRequest, SigningRequest, canonical_query, hmac, push_hex_lower, request_params};

/// The algorithm name, first word of the `Authorization` header and of the string to sign.
pub const ALGORITHM: &str = "ACS3-HMAC-SHA256";

/// Hex SHA-256 of an empty payload, the `x-acs-content-sha256` of every RPC call.
pub const EMPTY_PAYLOAD_SHA256: &str =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// Lower-case hex SHA-256 of `bytes` (the payload hash for a non-empty body).
pub fn sha256_hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(64);
    push_hex_lower(&Sha256::digest(bytes), &mut out);
    out
}

/// The canonical query string: pairs sorted by raw key, `enc(key)=enc(value)` joined by `&`.
pub fn canonical_query_string<K: AsRef<str>, V: AsRef<str>>(pairs: &[(K, V)]) -> String {
    canonical_query(pairs.iter().map(|(k, v)| (k.as_ref(), v.as_ref())))
}

/// The canonical request.
///
/// `query` holds the raw (decoded) query pairs; `headers` the signed headers only, as
/// (name, value): names are lower-cased, values trimmed, repeated names joined with `,`.
/// `payload_hash` is the hex SHA-256 of the body ([`EMPTY_PAYLOAD_SHA256`] for RPC calls).
pub fn canonical_request<QK, QV, HK, HV>(
    method: &str,
    path: &str,
    query: &[(QK, QV)],
    headers: &[(HK, HV)],
    payload_hash: &str,
) -> String
where
    QK: AsRef<str>,
    QV: AsRef<str>,
    HK: AsRef<str>,
    HV: AsRef<str>,
{
    canonical_request_with_query(
        method,
        path,
        &canonical_query_string(query),
        headers,
        payload_hash,
    )
}

/// [`canonical_request`] with the canonical query string already built.
fn canonical_request_with_query<HK: AsRef<str>, HV: AsRef<str>>(
    method: &str,
    path: &str,
    canonical_query: &str,
    headers: &[(HK, HV)],
    payload_hash: &str,
) -> String {
    let mut lowered: Vec<(Cow<'_, str>, &str)> = headers
        .iter()
        .map(|(name, value)| {
            let name = name.as_ref();
            let name = if name.bytes().any(|b| b.is_ascii_uppercase()) {
                Cow::Owned(name.to_ascii_lowercase())
            } else {
                Cow::Borrowed(name)
            };
            (name, value.as_ref())
        })
        .collect();
    lowered.sort_by(|a, b| a.0.cmp(&b.0));
    let sorted: Vec<(&str, &str)> = lowered
        .iter()
        .map(|(name, value)| (name.as_ref(), *value))
        .collect();
    write_canonical_request(method, path, canonical_query, &sorted, payload_hash).0
}

/// The canonical request over headers already lower-case and sorted by name, and where its
/// signed header list lies in it.
fn write_canonical_request(
    method: &str,
    path: &str,
    canonical_query: &str,
    sorted_headers: &[(&str, &str)],
    payload_hash: &str,
) -> (String, Range<usize>) {
    let path = if path.is_empty() { "/" } else { path };
    let headers_len: usize = sorted_headers
        .iter()
        .map(|(name, value)| 2 * name.len() + value.len() + 3)
        .sum();
    let mut out = String::with_capacity(
        method.len() + path.len() + canonical_query.len() + payload_hash.len() + headers_len + 5,
    );
    out.push_str(method);
    out.push('\n');
    out.push_str(path);
    out.push('\n');
    out.push_str(canonical_query);
    out.push('\n');
    let mut previous: Option<&str> = None;
    for &(name, value) in sorted_headers {
        if previous == Some(name) {
            // Same header again: its values join on one line.
            out.pop();
            out.push(',');
        } else {
            out.push_str(name);
            out.push(':');
        }
        out.push_str(value.trim());
        out.push('\n');
        previous = Some(name);
    }
    out.push('\n');
    let signed_start = out.len();
    let mut previous: Option<&str> = None;
    for &(name, _) in sorted_headers {
        if previous != Some(name) {
            if previous.is_some() {
                out.push(';');
            }
            out.push_str(name);
        }
        previous = Some(name);
    }
    let signed_headers = signed_start..out.len();
    out.push('\n');
    out.push_str(payload_hash);
    (out, signed_headers)
}

/// `ACS3-HMAC-SHA256\n` + hex SHA-256 of the canonical request.
pub fn string_to_sign(canonical_request: &str) -> String {
    let mut out = String::with_capacity(ALGORITHM.len() + 1 + 64);
    out.push_str(ALGORITHM);
    out.push('\n');
    push_hex_lower(&Sha256::digest(canonical_request.as_bytes()), &mut out);
    out
}

/// Lower-case hex HMAC-SHA256 of `string_to_sign` keyed by the secret itself.
pub fn signature(access_key_secret: &str, string_to_sign: &str) -> String {
    let mac = hmac::<Sha256>(access_key_secret.as_bytes(), string_to_sign.as_bytes());
    let mut out = String::with_capacity(64);
    push_hex_lower(mac.as_ref(), &mut out);
    out
}

/// The `Authorization` header value; `signed_headers` is the `;`-joined sorted name list.
pub fn authorization_header(access_key_id: &str, signed_headers: &str, signature: &str) -> String {
    const CREDENTIAL: &str = " Credential=";
    const SIGNED_HEADERS: &str = ",SignedHeaders=";
    const SIGNATURE: &str = ",Signature=";
    let pieces = [
        ALGORITHM,
        CREDENTIAL,
        access_key_id,
        SIGNED_HEADERS,
        signed_headers,
        SIGNATURE,
        signature,
    ];
    // `concat` sizes the string once; `format!` would grow it piece by piece.
    pieces.concat()
}

/// The parts of an `Authorization` header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Authorization<'a> {
    /// Algorithm, e.g. `ACS3-HMAC-SHA256`.
    pub algorithm: &'a str,
    /// The AccessKey ID.
    pub credential: &'a str,
    /// Signed header names, in header order.
    pub signed_headers: Vec<&'a str>,
    /// Hex signature.
    pub signature: &'a str,
}

/// Why an `Authorization` header does not parse.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum AuthorizationError {
    /// No space between the algorithm and the fields.
    MissingAlgorithm,
    /// A field other than `Credential`, `SignedHeaders`, `Signature`, or one without `=`.
    UnknownField(String),
    /// A field that appears twice.
    DuplicateField(&'static str),
    /// A required field is absent.
    MissingField(&'static str),
}

impl fmt::Display for AuthorizationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AuthorizationError::MissingAlgorithm => {
                f.write_str("Authorization header has no `<algorithm> <fields>` form")
            }
            AuthorizationError::UnknownField(field) => {
                write!(f, "Authorization header has an unknown field `{field}`")
            }
            AuthorizationError::DuplicateField(name) => {
                write!(f, "Authorization header repeats `{name}`")
            }
            AuthorizationError::MissingField(name) => {
                write!(f, "Authorization header lacks `{name}`")
            }
        }
    }
}

impl std::error::Error for AuthorizationError {}

/// Parses `ACS3-HMAC-SHA256 Credential=..,SignedHeaders=a;b,Signature=..` (spaces after the
/// commas are tolerated).
///
/// ```
/// let header = "ACS3-HMAC-SHA256 Credential=id,SignedHeaders=host;x-acs-date,Signature=ab";
/// let parsed = vod_runtime::signing::v3::parse_authorization(header).unwrap();
/// assert_eq!(parsed.signed_headers, ["host", "x-acs-date"]);
/// ```
pub fn parse_authorization(header: &str) -> Result<Authorization<'_>, AuthorizationError> {
    let (algorithm, fields) = header
        .trim()
        .split_once(' ')
        .ok_or(AuthorizationError::MissingAlgorithm)?;
    let (mut credential, mut signed_headers, mut signature) = (None, None, None);
    for field in fields.split(',') {
        let field = field.trim();
        let (name, value) = field
            .split_once('=')
            .ok_or_else(|| AuthorizationError::UnknownField(field.to_owned()))?;
        let (slot, name) = match name {
            "Credential" => (&mut credential, "Credential"),
            "SignedHeaders" => (&mut signed_headers, "SignedHeaders"),
            "Signature" => (&mut signature, "Signature"),
            _ => return Err(AuthorizationError::UnknownField(name.to_owned())),
        };
        if slot.replace(value).is_some() {
            return Err(AuthorizationError::DuplicateField(name));
        }
    }
    Ok(Authorization {
        algorithm,
        credential: credential.ok_or(AuthorizationError::MissingField("Credential"))?,
        signed_headers: signed_headers
            .ok_or(AuthorizationError::MissingField("SignedHeaders"))?
            .split(';')
            .filter(|name| !name.is_empty())
            .collect(),
        signature: signature.ok_or(AuthorizationError::MissingField("Signature"))?,
    })
}

/// Signs `request` with an empty body: returns the encoded query string and the headers to
/// send, all signed but `authorization` itself: `host`, `x-acs-action`, `x-acs-version`,
/// `x-acs-date`, `x-acs-signature-nonce`, `x-acs-content-sha256` and the STS pair when present,
/// in name order, then `authorization`.
pub fn sign(request: &SigningRequest<'_>) -> SignedRequest {
    sign_params(request, request_params(request))
}

/// [`sign`] over `params` in place of `request.params`.
pub(super) fn sign_params<'p>(
    request: &SigningRequest<'p>,
    params: impl Iterator<Item = (&'p str, &'p str)>,
) -> SignedRequest {
    let identity = &request.identity;
    let (sts_id, sts_token) = match identity.security_token {
        Some(token) => (
            Some(("x-acs-accesskey-id", identity.access_key_id)),
            Some(("x-acs-security-token", token)),
        ),
        None => (None, None),
    };
    // The signed headers, listed in name order so the canonical request needs no sort; the STS
    // pair slots in where its names sort.
    let listed = [
        Some(("host", request.host)),
        sts_id,
        Some(("x-acs-action", request.action)),
        Some(("x-acs-content-sha256", EMPTY_PAYLOAD_SHA256)),
        Some(("x-acs-date", request.timestamp)),
        sts_token,
        Some(("x-acs-signature-nonce", request.nonce)),
        Some(("x-acs-version", request.version)),
    ];
    let mut present = [("", ""); 8];
    let mut count = 0;
    for (slot, header) in present.iter_mut().zip(listed.into_iter().flatten()) {
        *slot = header;
        count += 1;
    }
    let sorted = &present[..count];
    // The wire query is the canonical one, so a server that decodes and re-canonicalizes it
    // gets the same bytes.
    let query_string = canonical_query(params);
    let (canonical, signed_headers) = write_canonical_request(
        request.method,
        "/",
        &query_string,
        sorted,
        EMPTY_PAYLOAD_SHA256,
    );
    let string_to_sign = string_to_sign(&canonical);
    let signature = signature(identity.access_key_secret, &string_to_sign);
    let authorization = authorization_header(
        identity.access_key_id,
        &canonical[signed_headers],
        &signature,
    );
    let mut headers: Vec<(&'static str, String)> = Vec::with_capacity(sorted.len() + 1);
    headers.extend(sorted.iter().map(|&(name, value)| (name, value.to_owned())));
    headers.push(("authorization", authorization.clone()));
    SignedRequest {
        query_string,
        headers,
        canonical,
        string_to_sign,
        signature,
        authorization: Some(authorization),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_headers_join_and_names_lowercase() {
        let canonical = canonical_request(
            "GET",
            "",
            &[("b", "2"), ("a", "1")],
            &[("X-Acs-B", " two "), ("host", "h"), ("x-acs-b", "three")],
            "hash",
        );
        assert_eq!(
            canonical,
            "GET\n/\na=1&b=2\nhost:h\nx-acs-b:two,three\n\nhost;x-acs-b\nhash"
        );
    }

    #[test]
    fn parse_rejects_malformed_headers() {
        assert_eq!(
            parse_authorization("ACS3-HMAC-SHA256"),
            Err(AuthorizationError::MissingAlgorithm)
        );
        assert_eq!(
            parse_authorization("A Credential=a,SignedHeaders=h"),
            Err(AuthorizationError::MissingField("Signature"))
        );
        assert_eq!(
            parse_authorization("A Credential=a,Credential=b,SignedHeaders=h,Signature=s"),
            Err(AuthorizationError::DuplicateField("Credential"))
        );
        assert_eq!(
            parse_authorization("A Credential=a,Extra=1"),
            Err(AuthorizationError::UnknownField("Extra".to_owned()))
        );
        let parsed = parse_authorization("A Credential=a, SignedHeaders=h;x, Signature=s").unwrap();
        assert_eq!(parsed.signed_headers, ["h", "x"]);
    }
}
