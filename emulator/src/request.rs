//! One incoming RPC call, decoded: method, path, headers, query pairs and form-body pairs.

use std::collections::BTreeMap;

use axum::http::HeaderMap;
use axum::http::header::{ACCEPT, CONTENT_TYPE, HOST};
use bytes::Bytes;

use crate::render::Format;

/// An RPC request as the checks see it. Parameters may arrive in the query string or in an
/// `application/x-www-form-urlencoded` body; both are decoded (`+` is a space, as the official
/// Python SDK encodes it).
#[derive(Clone, Debug)]
pub struct RpcRequest {
    /// HTTP method, as sent.
    pub method: String,
    /// Request path, `/` for RPC.
    pub path: String,
    /// Request headers.
    pub headers: HeaderMap,
    /// Decoded query pairs, in wire order.
    pub query: Vec<(String, String)>,
    /// Decoded form-body pairs, in wire order (empty unless the body is a form).
    pub form: Vec<(String, String)>,
    /// The raw body.
    pub body: Bytes,
}

/// Parameters every call may carry that are not the action's own.
const COMMON_PARAMETERS: &[&str] = &[
    "AccessKeyId",
    "Action",
    "Format",
    "RegionId",
    "SecurityToken",
    "Signature",
    "SignatureMethod",
    "SignatureNonce",
    "SignatureType",
    "SignatureVersion",
    "Timestamp",
    "Version",
];

impl RpcRequest {
    /// Decodes the parts of an HTTP request.
    pub fn new(
        method: &str,
        path: &str,
        query: Option<&str>,
        headers: HeaderMap,
        body: Bytes,
    ) -> Self {
        let is_form = headers
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| {
                v.trim_start()
                    .starts_with("application/x-www-form-urlencoded")
            });
        let decode = |bytes: &[u8]| -> Vec<(String, String)> {
            form_urlencoded::parse(bytes)
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect()
        };
        RpcRequest {
            method: method.to_owned(),
            path: path.to_owned(),
            query: decode(query.unwrap_or_default().as_bytes()),
            form: if is_form { decode(&body) } else { Vec::new() },
            headers,
            body,
        }
    }

    /// The first value of parameter `name`, from the query string, else from the form body.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .chain(&self.form)
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The value of header `name`, when it is valid text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// Every value of header `name`, joined with `,` as the v3 canonical form wants.
    pub fn header_joined(&self, name: &str) -> Option<String> {
        let values: Vec<&str> = self
            .headers
            .get_all(name)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .map(str::trim)
            .collect();
        (!values.is_empty()).then(|| values.join(","))
    }

    /// True when the call is signed with `ACS3-HMAC-SHA256` (an `Authorization` header);
    /// otherwise it is an RPC v1 call with a `Signature` parameter.
    pub fn is_v3(&self) -> bool {
        self.headers.contains_key("authorization")
    }

    /// Action name: the `x-acs-action` header (v3) or the `Action` parameter.
    pub fn action(&self) -> Option<&str> {
        self.header("x-acs-action").or_else(|| self.param("Action"))
    }

    /// API version: the `x-acs-version` header (v3) or the `Version` parameter.
    pub fn version(&self) -> Option<&str> {
        self.header("x-acs-version")
            .or_else(|| self.param("Version"))
    }

    /// The `Host` header, which the service echoes as `HostId`.
    pub fn host(&self) -> &str {
        self.header(HOST.as_str()).unwrap_or_default()
    }

    /// Response format: the `Format` parameter when given (v1; the service defaults to XML),
    /// else the `Accept` header (v3; JSON unless XML is asked for).
    pub fn format(&self) -> Format {
        match self.param("Format") {
            Some(format) if format.eq_ignore_ascii_case("json") => Format::Json,
            Some(_) => Format::Xml,
            None if !self.is_v3() => Format::Xml,
            None => match self.header(ACCEPT.as_str()) {
                Some(accept) if accept.contains("xml") && !accept.contains("json") => Format::Xml,
                _ => Format::Json,
            },
        }
    }

    /// The action's own parameters (common ones removed); a name sent twice keeps its first
    /// value, query before form.
    pub fn action_params(&self) -> BTreeMap<String, String> {
        let mut params = BTreeMap::new();
        for (k, v) in self.query.iter().chain(&self.form) {
            if !COMMON_PARAMETERS.contains(&k.as_str()) {
                params.entry(k.clone()).or_insert_with(|| v.clone());
            }
        }
        params
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn form_headers() -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(
            CONTENT_TYPE,
            HeaderValue::from_static("application/x-www-form-urlencoded; charset=utf-8"),
        );
        headers
    }

    #[test]
    fn parameters_come_from_query_then_form() {
        let body = Bytes::from_static(b"DomainName=a+b.com&PageSize=5&Action=Ignored");
        let request = RpcRequest::new(
            "POST",
            "/",
            Some("Action=X&Format=json"),
            form_headers(),
            body,
        );
        assert_eq!(request.param("Action"), Some("X"));
        assert_eq!(request.param("DomainName"), Some("a b.com"));
        assert_eq!(request.format(), Format::Json);
        let params = request.action_params();
        assert_eq!(
            params.keys().collect::<Vec<_>>(),
            ["DomainName", "PageSize"]
        );
    }

    #[test]
    fn a_body_that_is_not_a_form_carries_no_parameters() {
        let body = Bytes::from_static(b"DomainName=x");
        let request = RpcRequest::new("POST", "/", None, HeaderMap::new(), body);
        assert_eq!(request.param("DomainName"), None);
        // v1 without Format answers XML, as the service does.
        assert_eq!(request.format(), Format::Xml);
    }
}
