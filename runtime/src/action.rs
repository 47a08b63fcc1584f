//! The contract between a request type and the client that sends it.

use crate::query::ToQuery;

/// HTTP method an action is sent with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HttpMethod {
    /// `GET`.
    Get,
    /// `POST`.
    Post,
}

impl HttpMethod {
    /// The method as it appears on the wire and in the string to sign.
    pub const fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Post => "POST",
        }
    }
}

/// Product-level facts shared by every action of one API (one per generated crate).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Service {
    /// Product code, `vod`.
    pub product: &'static str,
    /// API version, `2017-03-21`.
    pub version: &'static str,
    /// Region used when the caller names none, `cn-shanghai`.
    pub default_region: &'static str,
    /// Host for a region without an entry in `regional_endpoints`; `{region}` is replaced.
    pub endpoint_pattern: &'static str,
    /// Region to host overrides, sorted by region.
    pub regional_endpoints: &'static [(&'static str, &'static str)],
}

/// One API action: a request type that knows its wire name, how to send it, and what answers.
///
/// Generated request types implement it; a hand-written request struct can too, to call an
/// action the spec does not cover yet: derive [`RpcQuery`](crate::RpcQuery) for the query
/// parameters, a serde `Deserialize` for the response, and implement this trait.
///
/// ```no_run
/// use vod_runtime::{Action, Client, Config, HttpMethod, RpcQuery};
///
/// /// `GetVideoPlayAuth`, written by hand.
/// #[derive(RpcQuery)]
/// struct GetVideoPlayAuth {
///     #[rpc(name = "VideoId")]
///     video_id: String,
///     #[rpc(name = "AuthInfoTimeout")]
///     auth_info_timeout: Option<i64>,
/// }
///
/// #[derive(serde::Deserialize)]
/// struct GetVideoPlayAuthResponse {
///     #[serde(rename = "PlayAuth")]
///     play_auth: Option<String>,
///     #[serde(rename = "RequestId")]
///     request_id: Option<String>,
/// }
///
/// impl Action for GetVideoPlayAuth {
///     const NAME: &'static str = "GetVideoPlayAuth";
///     const METHOD: HttpMethod = HttpMethod::Post;
///     const READ_ONLY: bool = true;
///     const REGIONS: &'static [&'static str] = &[];
///     type Response = GetVideoPlayAuthResponse;
/// }
///
/// # async fn run(service: &'static vod_runtime::Service) -> Result<(), vod_runtime::Error> {
/// // With the generated SDK: `vod_sdk::Client::runtime()`, or `Client::new(&vod_sdk::SERVICE, ..)`.
/// let client = Client::new(service, Config::default());
/// let request = GetVideoPlayAuth { video_id: "5aed81b7****".into(), auth_info_timeout: Some(3000) };
/// let response = client.call(&request).await?;
/// println!("{:?} ({:?})", response.play_auth, response.request_id);
/// # Ok(())
/// # }
/// ```
pub trait Action: ToQuery + Send + Sync {
    /// Wire name of the action, the `Action` parameter.
    const NAME: &'static str;
    /// HTTP method the client sends it with.
    const METHOD: HttpMethod;
    /// True when the action changes nothing on the server, so any failure may be retried.
    const READ_ONLY: bool;
    /// Regions that serve the action; empty means every region.
    const REGIONS: &'static [&'static str];
    /// Response body type.
    type Response: serde::de::DeserializeOwned + Send;
}
