//! RPC signature v1: `SignatureMethod=HMAC-SHA1`, `SignatureVersion=1.0`.
//!
//! 1. Canonicalized query string: every parameter except `Signature`, sorted by raw key,
//!    `enc(key)=enc(value)` joined with `&` ([`canonical_query_string`]).
//! 2. String to sign: `METHOD&%2F&enc(canonicalized query string)` ([`string_to_sign`]).
//! 3. Signature: `base64(HMAC-SHA1(secret + "&", string to sign))` ([`signature`]), sent as the
//!    query parameter `Signature`.
//!
//! An STS token travels as the signed query parameter `SecurityToken`.

use base64::Engine as _;

use super::{
    SignedRequest, SigningRequest, ascii_to_string, canonical_query, encode_bytes,
    encode_bytes_twice, encoded_capacity, hmac, percent_encode_into, request_params, sorted_pairs,
    write_canonical_query,
};

/// `SignatureMethod` value.
pub const SIGNATURE_METHOD: &str = "HMAC-SHA1";
/// `SignatureVersion` value.
pub const SIGNATURE_VERSION: &str = "1.0";

/// Between the method and the encoded query in the string to sign: `&`, the encoded path `/`,
/// `&`.
const STS_SEPARATOR: &str = "&%2F&";

/// The canonicalized query string of `pairs` (which must not include `Signature`).
pub fn canonical_query_string<K: AsRef<str>, V: AsRef<str>>(pairs: &[(K, V)]) -> String {
    canonical_query(pairs.iter().map(|(k, v)| (k.as_ref(), v.as_ref())))
}

/// The string to sign for an HTTP `method` and every parameter but `Signature`.
///
/// ```
/// let sts = vod_runtime::signing::v1::string_to_sign("GET", &[("B", "2:3"), ("A", "1")]);
/// assert_eq!(sts, "GET&%2F&A%3D1%26B%3D2%253A3");
/// ```
pub fn string_to_sign<K: AsRef<str>, V: AsRef<str>>(method: &str, pairs: &[(K, V)]) -> String {
    string_to_sign_from_canonical(method, &canonical_query_string(pairs))
}

/// The string to sign from an already canonicalized query string.
pub fn string_to_sign_from_canonical(method: &str, canonical_query_string: &str) -> String {
    let mut out =
        Vec::with_capacity(method.len() + STS_SEPARATOR.len() + canonical_query_string.len() * 3);
    out.extend_from_slice(method.as_bytes());
    out.extend_from_slice(STS_SEPARATOR.as_bytes());
    encode_bytes(canonical_query_string.as_bytes(), &mut out);
    ascii_to_string(out)
}

/// `base64(HMAC-SHA1(access_key_secret + "&", string_to_sign))`.
///
/// ```
/// let sts = "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26";
/// assert_eq!(vod_runtime::signing::v1::signature("testsecret", sts), "OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
/// ```
pub fn signature(access_key_secret: &str, string_to_sign: &str) -> String {
    let mut key = String::with_capacity(access_key_secret.len() + 1);
    key.push_str(access_key_secret);
    key.push('&');
    let mac = hmac::<sha1::Sha1>(key.as_bytes(), string_to_sign.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.as_ref())
}

/// Signs `request`: adds the common parameters (`Action`, `Format=JSON`, `Version`,
/// `AccessKeyId`, `SignatureMethod`, `SignatureVersion`, `SignatureNonce`, `Timestamp`, and
/// `SecurityToken` with STS credentials), signs, and appends `Signature` to the query string.
pub fn sign(request: &SigningRequest<'_>) -> SignedRequest {
    sign_params(request, request_params(request))
}

/// [`sign`] over `params` in place of `request.params`.
pub(super) fn sign_params<'p>(
    request: &SigningRequest<'p>,
    params: impl Iterator<Item = (&'p str, &'p str)>,
) -> SignedRequest {
    let identity = &request.identity;
    let common = [
        ("AccessKeyId", identity.access_key_id),
        ("Action", request.action),
        ("Format", "JSON"),
        ("SignatureMethod", SIGNATURE_METHOD),
        ("SignatureNonce", request.nonce),
        ("SignatureVersion", SIGNATURE_VERSION),
        ("Timestamp", request.timestamp),
        ("Version", request.version),
    ];
    let token = identity
        .security_token
        .map(|token| ("SecurityToken", token));
    let sorted = sorted_pairs(common.into_iter().chain(token).chain(params));
    let canonical = write_canonical_query(&sorted);
    // Encoded from the raw pairs in one pass rather than by re-encoding `canonical`: most keys
    // and values need no escape and take the plain-copy path.
    let mut string_to_sign = Vec::with_capacity(
        request.method.len() + STS_SEPARATOR.len() + encoded_capacity(&sorted, 5),
    );
    string_to_sign.extend_from_slice(request.method.as_bytes());
    string_to_sign.extend_from_slice(STS_SEPARATOR.as_bytes());
    for (index, (key, value)) in sorted.iter().enumerate() {
        if index > 0 {
            string_to_sign.extend_from_slice(b"%26");
        }
        encode_bytes_twice(key.as_bytes(), &mut string_to_sign);
        string_to_sign.extend_from_slice(b"%3D");
        encode_bytes_twice(value.as_bytes(), &mut string_to_sign);
    }
    let string_to_sign = ascii_to_string(string_to_sign);
    let signature = signature(identity.access_key_secret, &string_to_sign);
    let mut query_string = String::with_capacity(canonical.len() + 12 + signature.len() * 3 / 2);
    query_string.push_str(&canonical);
    query_string.push_str("&Signature=");
    percent_encode_into(&signature, &mut query_string);
    SignedRequest {
        query_string,
        headers: Vec::new(),
        canonical,
        string_to_sign,
        signature,
        authorization: None,
    }
}
