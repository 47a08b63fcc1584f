//! The SDK runtime's own client (`vod_runtime::Client`) against the emulator: both signature
//! algorithms, typed service errors, and the retry policy meeting injected faults.

use std::time::Duration;

use emulator::FAULTS_PATH;
use vod_runtime::credentials::Credentials;
use vod_runtime::endpoint::Endpoint;
use vod_runtime::signing::Algorithm;
use vod_runtime::{Action, Client, Config, Error, HttpMethod, RetryPolicy, RpcQuery, Service};

use crate::common::{self, Harness};

static SERVICE: Service = Service {
    product: "vod",
    version: "2017-03-21",
    default_region: "cn-shanghai",
    endpoint_pattern: "vod.{region}.aliyuncs.com",
    regional_endpoints: &[],
};

/// Hand-written, as a caller would for an action the generated crate lacks.
#[derive(RpcQuery)]
struct DescribeCertificate {
    #[rpc(name = "DomainName")]
    domain_name: String,
}

#[derive(Debug, serde::Deserialize)]
#[serde(rename_all = "PascalCase")]
struct CertificateResponse {
    request_id: Option<String>,
    cert_infos: Option<CertInfos>,
}

#[derive(Debug, serde::Deserialize)]
#[serde(rename_all = "PascalCase")]
struct CertInfos {
    cert_info: Vec<CertInfo>,
}

#[derive(Debug, serde::Deserialize)]
#[serde(rename_all = "PascalCase")]
struct CertInfo {
    domain_name: Option<String>,
    cert_name: Option<String>,
}

impl Action for DescribeCertificate {
    const NAME: &'static str = "DescribeVodDomainCertificateInfo";
    const METHOD: HttpMethod = HttpMethod::Post;
    const READ_ONLY: bool = true;
    const REGIONS: &'static [&'static str] = &["cn-shanghai"];
    type Response = CertificateResponse;
}

fn client(harness: &Harness, algorithm: Algorithm, retry: RetryPolicy) -> Client {
    let config = Config::new()
        .endpoint(Endpoint::parse(&harness.emulator.endpoint()).unwrap())
        .credentials(Credentials::new(common::ID, common::SECRET))
        .signature_algorithm(algorithm)
        .retry(retry.with_base_delay(Duration::from_millis(10)));
    Client::new(&SERVICE, config)
}

fn example() -> DescribeCertificate {
    DescribeCertificate {
        domain_name: "example.com".to_owned(),
    }
}

async fn queue(harness: &Harness, rules: &str) {
    let url = format!("{}{FAULTS_PATH}", harness.emulator.endpoint());
    let response = harness
        .http
        .post(url)
        .body(rules.to_owned())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
}

async fn pending_faults(harness: &Harness) -> serde_json::Value {
    let url = format!("{}{FAULTS_PATH}", harness.emulator.endpoint());
    common::read(harness.http.get(url).send().await.unwrap())
        .await
        .json()
}

#[tokio::test]
async fn both_algorithms_get_the_decoded_example() {
    let harness = common::start().await;
    for algorithm in [Algorithm::V3, Algorithm::V1] {
        let answer = client(&harness, algorithm, RetryPolicy::disabled())
            .call(&example())
            .await
            .unwrap();
        let infos = answer.cert_infos.unwrap().cert_info;
        assert_eq!(
            infos[0].domain_name.as_deref(),
            Some("example.com"),
            "{algorithm:?}"
        );
        assert_eq!(infos[0].cert_name.as_deref(), Some("cert-example.com"));
        assert!(answer.request_id.is_some());
    }
}

#[tokio::test]
async fn service_errors_arrive_typed() {
    let harness = common::start().await;
    let request = DescribeCertificate {
        domain_name: "unknown.example.net".to_owned(),
    };
    let error = client(&harness, Algorithm::V3, RetryPolicy::disabled())
        .call(&request)
        .await
        .unwrap_err();
    let service = error.service_error().unwrap_or_else(|| panic!("{error:?}"));
    assert_eq!(
        (service.status(), service.code()),
        (404, "InvalidDomain.NotFound")
    );
    assert!(service.request_id().is_some());
    assert_eq!(service.host_id(), Some(harness.host().as_str()));
}

#[tokio::test]
async fn throttling_and_server_errors_are_retried_to_success() {
    let harness = common::start().await;
    queue(
        &harness,
        r#"[{"kind":"throttle","retry_after_ms":20},{"kind":"status","status":503}]"#,
    )
    .await;
    let answer = client(&harness, Algorithm::V3, RetryPolicy::default())
        .call(&example())
        .await
        .unwrap();
    assert!(answer.cert_infos.is_some());
    assert_eq!(pending_faults(&harness).await, serde_json::json!([]));
}

#[tokio::test]
async fn without_retries_faults_surface_as_errors() {
    let harness = common::start().await;
    let client = client(&harness, Algorithm::V3, RetryPolicy::disabled());
    queue(&harness, r#"{"kind":"throttle","retry_after_ms":1500}"#).await;
    let error = client.call(&example()).await.unwrap_err();
    let service = error.service_error().unwrap_or_else(|| panic!("{error:?}"));
    assert_eq!(service.code(), "Throttling.User");
    assert_eq!(service.retry_after(), Some(Duration::from_millis(1500)));

    queue(&harness, r#"{"kind":"drop"}"#).await;
    let error = client.call(&example()).await.unwrap_err();
    assert!(matches!(error, Error::Transport(_)), "{error:?}");

    for broken in ["malformed", "truncated"] {
        queue(&harness, &format!(r#"{{"kind":"{broken}"}}"#)).await;
        let error = client.call(&example()).await.unwrap_err();
        assert!(
            matches!(error, Error::Transport(_) | Error::Response(_)),
            "{broken}: {error:?}"
        );
    }
    assert!(client.call(&example()).await.is_ok());
}
