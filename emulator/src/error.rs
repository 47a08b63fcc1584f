//! The service's error answer: an HTTP status and a `{RequestId, HostId, Code, Message,
//! Recommend}` document.

use serde_json::json;

use crate::render::{Format, render};

/// A rejection, as the service reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceError {
    /// HTTP status code.
    pub status: u16,
    /// Error code, e.g. `MissingParameter`.
    pub code: String,
    /// Human-readable message.
    pub message: String,
}

impl ServiceError {
    /// An error with `status`, `code` and `message`.
    pub fn new(status: u16, code: impl Into<String>, message: impl Into<String>) -> Self {
        ServiceError {
            status,
            code: code.into(),
            message: message.into(),
        }
    }

    /// `SignatureDoesNotMatch` (400).
    pub fn signature_mismatch(detail: impl std::fmt::Display) -> Self {
        Self::new(
            400,
            "SignatureDoesNotMatch",
            format!("Specified signature is not matched with our calculation. {detail}"),
        )
    }

    /// `InvalidAccessKeyId.NotFound` (404).
    pub fn unknown_access_key() -> Self {
        Self::new(
            404,
            "InvalidAccessKeyId.NotFound",
            "Specified access key is not found.",
        )
    }

    /// `MissingParameter` (400), naming the parameter.
    pub fn missing_parameter(name: &str) -> Self {
        Self::new(
            400,
            "MissingParameter",
            format!(
                "The input parameter \"{name}\" that is mandatory for processing this request is not supplied."
            ),
        )
    }

    /// `InvalidParameter` (400), naming the parameter and why.
    pub fn invalid_parameter(name: &str, why: impl std::fmt::Display) -> Self {
        Self::new(
            400,
            "InvalidParameter",
            format!("The specified parameter \"{name}\" is not valid: {why}."),
        )
    }

    /// The error document, in `format`.
    pub fn body(&self, request_id: &str, host: &str, format: Format) -> String {
        let document = json!({
            "RequestId": request_id,
            "HostId": host,
            "Code": self.code,
            "Message": self.message,
            "Recommend": format!("https://api.aliyun.com/troubleshoot?q={}&product=vod", self.code),
        });
        render(&document, format, "Error")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_body_carries_every_field() {
        let error = ServiceError::missing_parameter("DomainName");
        let body: serde_json::Value =
            serde_json::from_str(&error.body("RID", "127.0.0.1:1", Format::Json)).unwrap();
        assert_eq!(body["Code"], "MissingParameter");
        assert_eq!(body["RequestId"], "RID");
        assert_eq!(body["HostId"], "127.0.0.1:1");
        assert!(body["Message"].as_str().unwrap().contains("\"DomainName\""));
        assert!(
            body["Recommend"]
                .as_str()
                .unwrap()
                .contains("MissingParameter")
        );
    }

    #[test]
    fn xml_body_has_the_error_root() {
        let error = ServiceError::new(404, "InvalidDomain.NotFound", "The domain <x> is gone.");
        let body = error.body("RID", "h", Format::Xml);
        assert!(
            body.contains("<Error><Code>InvalidDomain.NotFound</Code><HostId>h</HostId>"),
            "{body}"
        );
        assert!(
            body.contains("<Message>The domain &lt;x&gt; is gone.</Message>"),
            "{body}"
        );
        assert!(body.contains("<RequestId>RID</RequestId>"), "{body}");
    }
}
