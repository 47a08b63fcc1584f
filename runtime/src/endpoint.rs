//! Where requests go: an explicit endpoint, or the service's host for the region.

use std::fmt;
use std::str::FromStr;

use crate::Service;

/// URL scheme of an endpoint.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scheme {
    /// Plain HTTP (local emulators, proxies).
    Http,
    /// HTTPS, the default.
    Https,
}

impl Scheme {
    /// `http` or `https`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Scheme::Http => "http",
            Scheme::Https => "https",
        }
    }
}

/// A scheme and an authority (`host` or `host:port`); requests go to its path `/`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Endpoint {
    scheme: Scheme,
    authority: String,
}

impl Endpoint {
    /// `https://<host>`.
    pub fn https(host: impl Into<String>) -> Self {
        Endpoint {
            scheme: Scheme::Https,
            authority: host.into(),
        }
    }

    /// Parses `https://host[:port][/]`, `http://host[:port][/]`, or a bare `host[:port]`
    /// (HTTPS). Paths other than `/`, queries, fragments and user info are refused, since
    /// RPC calls always go to `/`.
    ///
    /// ```
    /// use vod_runtime::endpoint::{Endpoint, Scheme};
    /// let local = Endpoint::parse("http://127.0.0.1:8080/").unwrap();
    /// assert_eq!((local.scheme(), local.authority()), (Scheme::Http, "127.0.0.1:8080"));
    /// assert_eq!(Endpoint::parse("vod.aliyuncs.com").unwrap().to_string(), "https://vod.aliyuncs.com");
    /// assert!(Endpoint::parse("https://vod.aliyuncs.com/path").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<Self, EndpointError> {
        let error = |reason: &'static str| EndpointError {
            endpoint: text.to_owned(),
            reason,
        };
        let (scheme, rest) = match text.split_once("://") {
            Some((scheme, rest)) if scheme.eq_ignore_ascii_case("https") => (Scheme::Https, rest),
            Some((scheme, rest)) if scheme.eq_ignore_ascii_case("http") => (Scheme::Http, rest),
            Some(_) => return Err(error("the scheme must be http or https")),
            None => (Scheme::Https, text),
        };
        let authority = rest.strip_suffix('/').unwrap_or(rest);
        if authority.is_empty() {
            return Err(error("the host is empty"));
        }
        if authority.contains(['/', '?', '#']) {
            return Err(error(
                "only a host and port are allowed, the path is always `/`",
            ));
        }
        if authority.contains('@') {
            return Err(error("user info is not allowed"));
        }
        if !authority.bytes().all(|b| {
            b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b':' | b'[' | b']' | b'_')
        }) {
            return Err(error("the host has characters outside [A-Za-z0-9.-_:[]]"));
        }
        Ok(Endpoint {
            scheme,
            authority: authority.to_owned(),
        })
    }

    /// The service's endpoint for `region`: its regional override if any, otherwise its
    /// pattern with `{region}` replaced; always HTTPS.
    pub fn for_region(service: &Service, region: &str) -> Self {
        let host = service
            .regional_endpoints
            .iter()
            .find(|(name, _)| *name == region)
            .map_or_else(
                || service.endpoint_pattern.replace("{region}", region),
                |(_, host)| (*host).to_owned(),
            );
        Endpoint::https(host)
    }

    /// The scheme.
    pub fn scheme(&self) -> Scheme {
        self.scheme
    }

    /// `host` or `host:port`, also the value of the `host` header.
    pub fn authority(&self) -> &str {
        &self.authority
    }

    /// The request URL for an encoded query string.
    pub(crate) fn url(&self, query_string: &str) -> String {
        format!(
            "{}://{}/?{query_string}",
            self.scheme.as_str(),
            self.authority
        )
    }
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}://{}", self.scheme.as_str(), self.authority)
    }
}

impl FromStr for Endpoint {
    type Err = EndpointError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Endpoint::parse(text)
    }
}

/// An endpoint that does not parse.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EndpointError {
    endpoint: String,
    reason: &'static str,
}

impl fmt::Display for EndpointError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid endpoint `{}`: {}", self.endpoint, self.reason)
    }
}

impl std::error::Error for EndpointError {}

/// True for a region id usable in a host name (`cn-shanghai`, `ap-southeast-1`).
pub(crate) fn is_valid_region(region: &str) -> bool {
    !region.is_empty()
        && region
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    const SERVICE: Service = Service {
        product: "vod",
        version: "2017-03-21",
        default_region: "cn-shanghai",
        endpoint_pattern: "vod.{region}.aliyuncs.com",
        regional_endpoints: &[("cn-hangzhou", "vod.cn-shanghai.aliyuncs.com")],
    };

    #[test]
    fn regional_override_then_pattern() {
        assert_eq!(
            Endpoint::for_region(&SERVICE, "cn-hangzhou").to_string(),
            "https://vod.cn-shanghai.aliyuncs.com"
        );
        assert_eq!(
            Endpoint::for_region(&SERVICE, "ap-southeast-1").to_string(),
            "https://vod.ap-southeast-1.aliyuncs.com"
        );
    }

    #[test]
    fn parse_refuses_what_rpc_cannot_use() {
        assert!(Endpoint::parse("ftp://x").is_err());
        assert!(Endpoint::parse("http://").is_err());
        assert!(Endpoint::parse("http://a/b").is_err());
        assert!(Endpoint::parse("http://u@a").is_err());
        assert!(Endpoint::parse("http://a b").is_err());
        let parsed: Endpoint = "HTTP://[::1]:9000".parse().unwrap();
        assert_eq!(parsed.url("A=1"), "http://[::1]:9000/?A=1");
    }

    #[test]
    fn region_ids() {
        assert!(is_valid_region("cn-shanghai"));
        assert!(!is_valid_region(""));
        assert!(!is_valid_region("cn/evil"));
        assert!(!is_valid_region("CN"));
    }
}
