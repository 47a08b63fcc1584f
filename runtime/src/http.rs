//! One HTTP exchange and the decoding of its response.

use std::time::Duration;

use serde::de::DeserializeOwned;

use crate::HttpMethod;
use crate::error::{Error, ResponseError, ServiceError, TransportError, TransportErrorKind};
use crate::signing::percent_encode;

/// A response read in full (within the size limit).
#[derive(Debug)]
pub(crate) struct RawResponse {
    pub(crate) status: u16,
    /// `x-acs-request-id`.
    pub(crate) request_id: Option<String>,
    /// `x-acs-retry-after`, milliseconds, when positive.
    pub(crate) retry_after: Option<Duration>,
    pub(crate) body: Vec<u8>,
}

/// The HTTP client this crate builds when the caller gives none.
pub(crate) fn build_client(
    connect_timeout: Duration,
    read_timeout: Duration,
) -> Result<reqwest::Client, reqwest::Error> {
    reqwest::Client::builder()
        .connect_timeout(connect_timeout)
        .read_timeout(read_timeout)
        // A signed RPC call has one right address; a redirect is reported, not followed.
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("vod-runtime-rust/", env!("CARGO_PKG_VERSION")))
        .build()
}

pub(crate) fn transport_error(error: reqwest::Error, action: &'static str, attempts: u32) -> Error {
    // A connect timeout is a connect failure: nothing reached the server.
    let kind = if error.is_connect() {
        TransportErrorKind::Connect
    } else if error.is_timeout() {
        TransportErrorKind::Timeout
    } else {
        TransportErrorKind::Other
    };
    // The URL carries the query, and with v1 the STS token: it must not reach messages.
    let error = error.without_url();
    Error::Transport(TransportError {
        kind,
        action,
        attempts,
        message: error.to_string(),
        source: Some(Box::new(error)),
    })
}

/// Sends one request and reads its body, refusing bodies over `limit` bytes without
/// buffering them.
pub(crate) async fn send(
    client: &reqwest::Client,
    method: HttpMethod,
    url: &str,
    headers: &[(&'static str, String)],
    limit: usize,
    action: &'static str,
    attempts: u32,
) -> Result<RawResponse, Error> {
    let method = match method {
        HttpMethod::Get => reqwest::Method::GET,
        HttpMethod::Post => reqwest::Method::POST,
    };
    let mut request = client
        .request(method, url)
        .header("accept", "application/json");
    for (name, value) in headers {
        request = request.header(*name, value.as_str());
    }
    let mut response = request
        .send()
        .await
        .map_err(|error| transport_error(error, action, attempts))?;
    let status = response.status().as_u16();
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned)
    };
    let request_id = header("x-acs-request-id");
    let retry_after = header("x-acs-retry-after")
        .and_then(|ms| ms.trim().parse::<u64>().ok())
        .filter(|&ms| ms > 0)
        .map(Duration::from_millis);
    let too_large = |body: &[u8], request_id: Option<String>| {
        Error::Response(ResponseError {
            status,
            request_id,
            reason: format!("body larger than the {limit}-byte limit"),
            snippet: snippet(body),
        })
    };
    if response
        .content_length()
        .is_some_and(|length| length > limit as u64)
    {
        return Err(too_large(&[], request_id));
    }
    let mut body = Vec::new();
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|error| transport_error(error, action, attempts))?
    {
        if body.len() + chunk.len() > limit {
            return Err(too_large(&body, request_id));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(RawResponse {
        status,
        request_id,
        retry_after,
        body,
    })
}

/// Decodes a response: a 2xx body into `T`, an error body into [`ServiceError`], anything
/// else into [`ResponseError`]. `secrets` (the STS token) are cut from any text kept from
/// the body, in case the server echoes them. Never panics, whatever the bytes.
pub(crate) fn decode<T: DeserializeOwned>(
    response: &RawResponse,
    attempts: u32,
    secrets: &[&str],
) -> Result<T, Error> {
    let undecodable = |reason: String, body_request_id: Option<String>| {
        Error::Response(ResponseError {
            status: response.status,
            request_id: response.request_id.clone().or(body_request_id),
            reason,
            snippet: scrub(&snippet(&response.body), secrets),
        })
    };
    if (200..300).contains(&response.status) {
        return serde_json::from_slice(&response.body).map_err(|error| {
            let reason = if response.body.is_empty() {
                "empty body".to_owned()
            } else {
                format!("body does not match the expected shape: {error}")
            };
            undecodable(
                reason,
                body_field(&response.body, &["RequestId", "requestId"]),
            )
        });
    }
    let body: Option<serde_json::Value> = serde_json::from_slice(&response.body).ok();
    let field = |names: &[&str]| body.as_ref().and_then(|body| text_field(body, names));
    let Some(code) = field(&["Code", "code"]) else {
        let reason = match (response.status, &body) {
            (300..400, _) => "redirect (not followed)".to_owned(),
            (_, Some(_)) => format!(
                "HTTP {} with a JSON body that has no `Code`",
                response.status
            ),
            (_, None) if response.body.is_empty() => {
                format!("HTTP {} with an empty body", response.status)
            }
            (_, None) => format!("HTTP {} with a body that is not JSON", response.status),
        };
        return Err(undecodable(reason, field(&["RequestId", "requestId"])));
    };
    Err(Error::Service(Box::new(ServiceError {
        status: response.status,
        code,
        message: scrub(&field(&["Message", "message"]).unwrap_or_default(), secrets),
        request_id: field(&["RequestId", "requestId"]).or_else(|| response.request_id.clone()),
        host_id: field(&["HostId", "hostId"]),
        recommend: field(&["Recommend", "recommend"]),
        retry_after: response.retry_after,
        attempts,
    })))
}

/// The first of `names` present in a JSON object, as text (numbers are written out).
fn text_field(body: &serde_json::Value, names: &[&str]) -> Option<String> {
    names.iter().find_map(|name| match body.get(name)? {
        serde_json::Value::String(text) => Some(text.clone()),
        serde_json::Value::Number(number) => Some(number.to_string()),
        _ => None,
    })
}

fn body_field(body: &[u8], names: &[&str]) -> Option<String> {
    let body: serde_json::Value = serde_json::from_slice(body).ok()?;
    text_field(&body, names)
}

fn snippet(body: &[u8]) -> String {
    let end = body.len().min(ResponseError::SNIPPET_BYTES);
    String::from_utf8_lossy(&body[..end]).into_owned()
}

/// `text` with every occurrence of each secret, raw or percent-encoded, replaced.
fn scrub(text: &str, secrets: &[&str]) -> String {
    let mut out = text.to_owned();
    for secret in secrets.iter().filter(|secret| !secret.is_empty()) {
        for form in [(*secret).to_owned(), percent_encode(secret)] {
            if out.contains(&form) {
                out = out.replace(&form, "<redacted>");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn raw(status: u16, body: &[u8]) -> RawResponse {
        RawResponse {
            status,
            request_id: None,
            retry_after: None,
            body: body.to_vec(),
        }
    }

    #[derive(Debug, serde::Deserialize, PartialEq)]
    #[serde(rename_all = "PascalCase")]
    struct Body {
        request_id: Option<String>,
        total: Option<i64>,
    }

    #[test]
    fn error_body_fields_in_either_case() {
        let body = br#"{"code":"Throttling.User","message":"slow down","requestId":"R1","HostId":"h","Recommend":"u"}"#;
        let Err(Error::Service(error)) = decode::<Body>(&raw(400, body), 2, &[]) else {
            panic!("expected a service error");
        };
        assert_eq!(
            (
                error.code(),
                error.message(),
                error.request_id(),
                error.host_id(),
                error.recommend()
            ),
            (
                "Throttling.User",
                "slow down",
                Some("R1"),
                Some("h"),
                Some("u")
            )
        );
        assert_eq!((error.status(), error.attempts()), (400, 2));
    }

    #[test]
    fn success_with_unknown_fields_decodes() {
        let body = br#"{"RequestId":"R","Total":3,"Extra":{"x":[1]}}"#;
        assert_eq!(
            decode::<Body>(&raw(200, body), 1, &[]).unwrap(),
            Body {
                request_id: Some("R".to_owned()),
                total: Some(3)
            }
        );
    }

    #[test]
    fn wrong_shape_keeps_request_id_and_snippet() {
        let Err(Error::Response(error)) =
            decode::<Body>(&raw(200, br#"{"RequestId":"R9","Total":"x"}"#), 1, &[])
        else {
            panic!("expected an undecodable response");
        };
        assert_eq!(error.request_id(), Some("R9"));
        assert!(error.snippet().starts_with("{\"RequestId\""));
    }

    #[test]
    fn echoed_security_token_is_scrubbed() {
        let body = br#"{"Code":"SignatureDoesNotMatch","Message":"string to sign: SecurityToken%3Dtok%2Fen"}"#;
        let Err(Error::Service(error)) = decode::<Body>(&raw(400, body), 1, &["tok/en"]) else {
            panic!("expected a service error");
        };
        assert!(!error.message().contains("tok"), "{}", error.message());
    }

    proptest! {
        #[test]
        fn decoding_arbitrary_bytes_never_panics(status in 100u16..600, body in proptest::collection::vec(any::<u8>(), 0..2048)) {
            let response = raw(status, &body);
            match decode::<Body>(&response, 1, &["secret"]) {
                Ok(_) => prop_assert!((200..300).contains(&status)),
                Err(Error::Response(error)) => prop_assert!(error.snippet().len() <= ResponseError::SNIPPET_BYTES * 3),
                Err(Error::Service(error)) => prop_assert!(!(200..300).contains(&error.status())),
                Err(other) => prop_assert!(false, "unexpected {other:?}"),
            }
        }
    }
}
