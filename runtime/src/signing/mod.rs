//! Request signing for Alibaba Cloud RPC APIs, usable on its own.
//!
//! Two algorithms exist, chosen per client:
//!
//! - [`v3`], `ACS3-HMAC-SHA256`: the default of the current official SDKs. The signature goes
//!   in an `Authorization` header over a canonical request (method, path, query, the `host` and
//!   `x-acs-*` headers, and the payload hash).
//! - [`v1`], RPC `HMAC-SHA1` with `SignatureVersion=1.0` (the docs call it "signature method
//!   V2 for RPC"): the signature is one more query parameter, `Signature`.
//!
//! Both share [`percent_encode`]. Every step is a public function, so a server (the emulator)
//! can verify requests with the very code that signs them, and a caller can sign with a fixed
//! timestamp and nonce and read each canonical form through [`SignedRequest`]:
//!
//! ```
//! use vod_runtime::signing::{self, Identity, SigningRequest};
//!
//! let params = [("DomainName".to_owned(), "example.com".to_owned())];
//! let request = SigningRequest {
//!     method: "POST",
//!     host: "vod.cn-shanghai.aliyuncs.com",
//!     action: "DescribeVodDomainCertificateInfo",
//!     version: "2017-03-21",
//!     params: &params,
//!     identity: Identity { access_key_id: "id", access_key_secret: "secret", security_token: None },
//!     timestamp: "2026-01-02T03:04:05Z",
//!     nonce: "0123456789abcdef0123456789abcdef",
//! };
//! let signed = signing::v3::sign(&request);
//! assert_eq!(signed.query_string, "DomainName=example.com");
//! assert!(signed.canonical.starts_with("POST\n/\nDomainName=example.com\n"));
//! let auth = signing::v3::parse_authorization(signed.authorization.as_deref().unwrap()).unwrap();
//! assert_eq!(auth.credential, "id");
//! assert_eq!(auth.signature, signed.signature);
//! ```

pub mod v1;
pub mod v3;

use std::fmt;

use crate::query::QueryWriter;

/// Who signs: the access key pair and, for STS credentials, the security token.
///
/// `Debug` shows the key id only; the secret and the token are redacted.
#[derive(Clone, Copy)]
pub struct Identity<'a> {
    /// AccessKey ID.
    pub access_key_id: &'a str,
    /// AccessKey secret, the HMAC key.
    pub access_key_secret: &'a str,
    /// STS security token, for temporary credentials.
    pub security_token: Option<&'a str>,
}

impl fmt::Debug for Identity<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Identity")
            .field("access_key_id", &self.access_key_id)
            .field("access_key_secret", &"<redacted>")
            .field("security_token", &self.security_token.map(|_| "<redacted>"))
            .finish()
    }
}

/// One RPC call to sign: everything that goes into the signature.
#[derive(Clone, Copy, Debug)]
pub struct SigningRequest<'a> {
    /// HTTP method, `GET` or `POST`.
    pub method: &'a str,
    /// Host the request is sent to, without scheme (`vod.cn-shanghai.aliyuncs.com`,
    /// `127.0.0.1:8080`); v3 signs it as the `host` header.
    pub host: &'a str,
    /// Action name, e.g. `DescribeVodDomainCertificateInfo`.
    pub action: &'a str,
    /// API version, e.g. `2017-03-21`.
    pub version: &'a str,
    /// The action's own parameters, raw (not encoded), in any order.
    pub params: &'a [(String, String)],
    /// Credentials to sign with.
    pub identity: Identity<'a>,
    /// UTC time of the request, `yyyy-MM-ddTHH:mm:ssZ` (the `Display` of [`crate::Timestamp`]).
    pub timestamp: &'a str,
    /// Value used once: the official SDKs send 32 hex characters.
    pub nonce: &'a str,
}

/// A signed request: what to send, and the intermediate forms for inspection and debugging.
#[derive(Clone, PartialEq, Eq)]
pub struct SignedRequest {
    /// Encoded query string to put after `?` (all parameters; for v1 it ends with `Signature`).
    pub query_string: String,
    /// Headers to send, lower-case names (v1: none, everything is in the query).
    pub headers: Vec<(&'static str, String)>,
    /// v3: the canonical request; v1: the canonicalized query string.
    pub canonical: String,
    /// The string the HMAC is computed over.
    pub string_to_sign: String,
    /// The signature: lower-case hex for v3, base64 for v1.
    pub signature: String,
    /// v3 only: the `Authorization` header value.
    pub authorization: Option<String>,
}

impl fmt::Debug for SignedRequest {
    // The query and headers carry the STS token when there is one, so only the
    // canonical forms' lengths and the (non-secret) signature are shown.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SignedRequest")
            .field("query_string_len", &self.query_string.len())
            .field(
                "header_names",
                &self.headers.iter().map(|(n, _)| *n).collect::<Vec<_>>(),
            )
            .field("signature", &self.signature)
            .finish_non_exhaustive()
    }
}

/// The signature algorithm a client uses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Algorithm {
    /// `ACS3-HMAC-SHA256`, the official SDKs' default ([`v3`]).
    #[default]
    V3,
    /// RPC `HMAC-SHA1`, `SignatureVersion=1.0` ([`v1`]).
    V1,
}

impl Algorithm {
    /// Signs `request` with this algorithm.
    pub fn sign(self, request: &SigningRequest<'_>) -> SignedRequest {
        match self {
            Algorithm::V3 => v3::sign(request),
            Algorithm::V1 => v1::sign(request),
        }
    }

    /// Signs `request` with the pairs of `query` as parameters besides `request.params`: how
    /// the client signs a serialized request without copying its pairs into owned strings.
    pub fn sign_query(self, request: &SigningRequest<'_>, query: &QueryWriter) -> SignedRequest {
        let params = request_params(request).chain(query.pairs());
        match self {
            Algorithm::V3 => v3::sign_params(request, params),
            Algorithm::V1 => v1::sign_params(request, params),
        }
    }
}

/// `request.params` borrowed as `(&str, &str)`.
fn request_params<'p>(
    request: &SigningRequest<'p>,
) -> impl Iterator<Item = (&'p str, &'p str)> + use<'p> {
    request
        .params
        .iter()
        .map(|(key, value)| (key.as_str(), value.as_str()))
}

/// Percent-encodes `input` as both algorithms require: the UTF-8 bytes outside the unreserved
/// set `A-Z a-z 0-9 - _ . ~` become `%XX` with upper-case hex (so space is `%20`, `*` is
/// `%2A`, `~` stays literal).
///
/// ```
/// assert_eq!(vod_runtime::signing::percent_encode("a b*~/中"), "a%20b%2A~%2F%E4%B8%AD");
/// ```
pub fn percent_encode(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + input.len() / 2);
    percent_encode_into(input, &mut out);
    out
}

/// [`percent_encode`] appending to `out`, to build canonical strings without temporaries.
pub fn percent_encode_into(input: &str, out: &mut String) {
    let mut bytes = Vec::with_capacity(input.len() * 3);
    encode_bytes(input.as_bytes(), &mut bytes);
    out.push_str(&ascii_to_string(bytes));
}

/// The percent-encoding of `input` appended to `out`: ASCII only.
fn encode_bytes(input: &[u8], out: &mut Vec<u8>) {
    encode_with(&ENCODED, 3, input, out);
}

/// The percent-encoding of the percent-encoding of `input` appended to `out`, in one pass:
/// v1 signs its canonical query encoded a second time.
fn encode_bytes_twice(input: &[u8], out: &mut Vec<u8>) {
    encode_with(&ENCODED_TWICE, 5, input, out);
}

/// Appends `input` translated byte by byte through `table`, whose entries hold the output
/// bytes and, in their last byte, how many of them count (at most `width`).
fn encode_with<const N: usize>(
    table: &[[u8; N]; 256],
    width: usize,
    input: &[u8],
    out: &mut Vec<u8>,
) {
    // Keys and most values need no escape: one scan, one copy. Otherwise the clean prefix
    // is copied as it is and only the rest goes through the table.
    let clean = input
        .iter()
        .position(|&byte| !is_unreserved(byte))
        .unwrap_or(input.len());
    let (clean, rest) = input.split_at(clean);
    out.extend_from_slice(clean);
    if rest.is_empty() {
        return;
    }
    // Room for whole entries at the worst case, so the loop only stores. It is branch-free:
    // escapes are rare but unpredictable (CJK text, spaces), and mispredictions cost more than
    // always storing a whole entry; its unused tail is overwritten by the next byte or cut off.
    let start = out.len();
    out.resize(start + rest.len() * width + (N - width), 0);
    let buffer = &mut out[start..];
    let mut written = 0;
    for &byte in rest {
        let entry = &table[usize::from(byte)];
        buffer[written..written + N].copy_from_slice(entry);
        written += usize::from(entry[N - 1]);
    }
    out.truncate(start + written);
}

/// Bytes this module wrote (ASCII, or UTF-8 copied from `&str` inputs) as a `String`.
fn ascii_to_string(bytes: Vec<u8>) -> String {
    // Only `&str` contents and ASCII are ever written, so the lossy branch is never taken; it
    // stands in for a panic.
    String::from_utf8(bytes)
        .unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned())
}

const HEX_UPPER: &[u8; 16] = b"0123456789ABCDEF";

/// The encoding of every byte: up to three output bytes, then their count (the byte itself
/// and 1 when unreserved, `%XX` with upper-case hex and 3 otherwise).
const ENCODED: [[u8; 4]; 256] = {
    let mut table = [[0_u8; 4]; 256];
    let mut byte = 0;
    while byte < 256 {
        table[byte] = if is_unreserved(byte as u8) {
            [byte as u8, 0, 0, 1]
        } else {
            [b'%', HEX_UPPER[byte >> 4], HEX_UPPER[byte & 0x0f], 3]
        };
        byte += 1;
    }
    table
};

/// The encoding of the encoding of every byte: the byte itself (count 1) when unreserved,
/// else `%25XX` (count 5), since encoding `%XX` again only escapes the `%`.
const ENCODED_TWICE: [[u8; 8]; 256] = {
    let mut table = [[0_u8; 8]; 256];
    let mut byte = 0;
    while byte < 256 {
        table[byte] = if is_unreserved(byte as u8) {
            [byte as u8, 0, 0, 0, 0, 0, 0, 1]
        } else {
            let (high, low) = (HEX_UPPER[byte >> 4], HEX_UPPER[byte & 0x0f]);
            [b'%', b'2', b'5', high, low, 0, 0, 5]
        };
        byte += 1;
    }
    table
};

/// True for the bytes [`percent_encode`] leaves as they are.
pub const fn is_unreserved(byte: u8) -> bool {
    UNRESERVED[byte as usize]
}

/// Membership table of the unreserved set, indexed by byte (a lookup beats the comparisons).
const UNRESERVED: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        let b = byte as u8;
        table[byte] = b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~');
        byte += 1;
    }
    table
};

/// `pairs` sorted by raw key (byte order; stable, so repeated keys keep their order): the
/// order of the canonical query string of both algorithms.
fn sorted_pairs<'p>(
    pairs: impl IntoIterator<Item = (&'p str, &'p str)>,
) -> Vec<(&'p str, &'p str)> {
    // A key's first eight bytes as a big-endian integer (zero-padded) order keys the way
    // their bytes do whenever they differ, so most comparisons are one integer compare rather
    // than a `memcmp` call; equal prefixes fall back to the whole keys.
    let mut sorted: Vec<(u64, &str, &str)> = pairs
        .into_iter()
        .map(|(key, value)| (key_prefix(key), key, value))
        .collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)));
    sorted
        .into_iter()
        .map(|(_, key, value)| (key, value))
        .collect()
}

/// The first eight bytes of `key`, zero-padded, as a big-endian integer.
fn key_prefix(key: &str) -> u64 {
    let mut prefix = [0; 8];
    let len = key.len().min(8);
    prefix[..len].copy_from_slice(&key.as_bytes()[..len]);
    u64::from_be_bytes(prefix)
}

/// Room for the encoding of sorted `pairs` joined as a query: keys are wire names and seldom
/// need escapes, values get their worst case. One allocation in the usual case, without a
/// counting pass; a key that does need escapes just grows the buffer.
fn encoded_capacity(pairs: &[(&str, &str)], escape_width: usize) -> usize {
    pairs
        .iter()
        .map(|(key, value)| key.len() + value.len() * escape_width + 2 * escape_width)
        .sum()
}

/// Writes sorted `pairs` as `enc(key)=enc(value)` joined with `&`: the canonical query string
/// of both algorithms.
fn write_canonical_query(sorted: &[(&str, &str)]) -> String {
    let mut out = Vec::with_capacity(encoded_capacity(sorted, 3));
    for (index, (key, value)) in sorted.iter().enumerate() {
        if index > 0 {
            out.push(b'&');
        }
        encode_bytes(key.as_bytes(), &mut out);
        out.push(b'=');
        encode_bytes(value.as_bytes(), &mut out);
    }
    ascii_to_string(out)
}

/// Sorts `pairs` and writes their canonical query string ([`write_canonical_query`]).
fn canonical_query<'p>(pairs: impl IntoIterator<Item = (&'p str, &'p str)>) -> String {
    write_canonical_query(&sorted_pairs(pairs))
}

/// Appends the lower-case hex of `bytes` to `out`.
fn push_hex_lower(bytes: &[u8], out: &mut String) {
    const HEX_LOWER: &[u8; 16] = b"0123456789abcdef";
    // Through a stack buffer, one `push_str` per 64 bytes (a whole digest), rather than a
    // `push` per character.
    for chunk in bytes.chunks(64) {
        let mut hex = [0; 128];
        for (pair, &byte) in hex.chunks_exact_mut(2).zip(chunk) {
            pair[0] = HEX_LOWER[usize::from(byte >> 4)];
            pair[1] = HEX_LOWER[usize::from(byte & 0x0f)];
        }
        // Only hex digits were written, so this is never the empty fallback.
        out.push_str(std::str::from_utf8(&hex[..2 * chunk.len()]).unwrap_or_default());
    }
}

/// HMAC of `message` under `key`, with the digest `D`.
fn hmac<D: hmac::EagerHash>(key: &[u8], message: &[u8]) -> impl AsRef<[u8]> {
    use hmac::{KeyInit as _, Mac as _};
    // HMAC takes keys of any length (longer ones are hashed), so this never fails.
    let mut mac = hmac::Hmac::<D>::new_from_slice(key).expect("HMAC accepts keys of any length");
    mac.update(message);
    mac.finalize().into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_reserved_and_utf8_bytes() {
        assert_eq!(percent_encode("AZaz09-_.~"), "AZaz09-_.~");
        assert_eq!(percent_encode(" *+/=&:%"), "%20%2A%2B%2F%3D%26%3A%25");
        assert_eq!(percent_encode("中"), "%E4%B8%AD");
        assert_eq!(percent_encode(""), "");
    }

    #[test]
    fn encoding_twice_in_one_pass_matches_encoding_twice() {
        let every_byte: Vec<u8> = (0..=255).collect();
        let inputs = [
            &every_byte[..],
            b"",
            b"plain-Key_1.~",
            "a b*=&%中".as_bytes(),
        ];
        for input in inputs {
            let (mut once, mut again, mut twice) = (Vec::new(), Vec::new(), Vec::new());
            encode_bytes(input, &mut once);
            encode_bytes(&once, &mut again);
            encode_bytes_twice(input, &mut twice);
            assert_eq!(twice, again, "{input:?}");
        }
    }

    #[test]
    fn sorting_by_prefix_keeps_byte_order_and_repeated_keys_in_place() {
        let keys = [
            "",
            "A",
            "Ab",
            "Ab\0",
            "Ab\0\0",
            "AbcdefgH",
            "AbcdefgHi",
            "AbcdefgHa",
            "Abcdefgh",
            "Tag.10.Key",
            "Tag.1.Value",
            "Tag.1.Key",
            "Tag.2.Key",
            "a",
            "\u{7f}",
            "中",
        ];
        let pairs: Vec<(&str, &str)> = keys
            .iter()
            .enumerate()
            .flat_map(|(index, key)| [(*key, ["first", "second"][index % 2]), (*key, "again")])
            .rev()
            .collect();
        let mut expected = pairs.clone();
        expected.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
        assert_eq!(sorted_pairs(pairs.clone()), expected);
        // Repeated keys really are in the input, so stability is what is being checked.
        assert!(
            expected
                .windows(2)
                .any(|w| w[0].0 == w[1].0 && w[0].1 != w[1].1)
        );
    }

    #[test]
    fn hex_is_lower_case_across_chunks() {
        let bytes: Vec<u8> = (0..=255).collect();
        let mut out = String::from("x");
        push_hex_lower(&bytes, &mut out);
        let expected: String = bytes.iter().map(|byte| format!("{byte:02x}")).collect();
        assert_eq!(out, format!("x{expected}"));
    }

    #[test]
    fn canonical_query_sorts_by_raw_key() {
        let pairs = [
            ("Tag.2.Key", "b"),
            ("Tag.10.Key", "c"),
            ("Tag.1.Key", "a b"),
        ];
        assert_eq!(
            canonical_query(pairs),
            "Tag.1.Key=a%20b&Tag.10.Key=c&Tag.2.Key=b"
        );
    }

    #[test]
    fn identity_debug_redacts_secrets() {
        let identity = Identity {
            access_key_id: "LTAIid",
            access_key_secret: "topsecret",
            security_token: Some("tokenvalue"),
        };
        let shown = format!("{identity:?}");
        assert!(shown.contains("LTAIid"));
        assert!(!shown.contains("topsecret"));
        assert!(!shown.contains("tokenvalue"));
    }

    #[test]
    fn signing_a_writer_matches_signing_its_owned_pairs() {
        let mut query = QueryWriter::new();
        query.push("Tag.2.Key", "b c");
        query.push("Tag.10.Key", "中");
        query.push("Action", "shadowed?");
        let extra = [("PageSize".to_owned(), "5".to_owned())];
        let owned: Vec<(String, String)> = extra
            .iter()
            .cloned()
            .chain(query.clone().into_pairs())
            .collect();
        let request = |params| SigningRequest {
            method: "GET",
            host: "vod.cn-shanghai.aliyuncs.com",
            action: "DescribeVodUserDomains",
            version: "2017-03-21",
            params,
            identity: Identity {
                access_key_id: "id",
                access_key_secret: "secret",
                security_token: Some("token"),
            },
            timestamp: "2026-01-02T03:04:05Z",
            nonce: "0123456789abcdef0123456789abcdef",
        };
        for algorithm in [Algorithm::V3, Algorithm::V1] {
            let from_writer = algorithm.sign_query(&request(&extra), &query);
            assert!(from_writer.canonical.contains("Tag.10.Key"));
            assert!(from_writer.canonical.contains("PageSize"));
            assert!(
                from_writer == algorithm.sign(&request(&owned)),
                "{algorithm:?}"
            );
        }
    }
}
