//! The retry policy meeting the emulator's injected faults, and enum values the SDK does not
//! know surviving as `Unknown`.

use std::path::Path;
use std::time::{Duration, Instant};

use emulator::Emulator;
use serde_json::json;
use vod_runtime::signing::Algorithm;
use vod_sdk::add_vod_domain::{AddVodDomainErrorCode, AddVodDomainRequest};
use vod_sdk::describe_vod_user_domains::DescribeVodUserDomainsRequest;
use vod_sdk::enums::{DomainSearchType, SourceType};
use vod_sdk::errors::CommonErrorCode;

use crate::common::{self, ID, SECRET};
use crate::sdk_client::certificate_of;

fn add(domain: &str, source_type: &str) -> AddVodDomainRequest {
    AddVodDomainRequest::builder()
        .domain_name(domain)
        .sources(format!(
            r#"[{{"content":"10.0.0.2","type":"{source_type}","priority":"20","port":80}}]"#
        ))
        .build()
        .unwrap()
}

fn listing(domain: &str) -> DescribeVodUserDomainsRequest {
    DescribeVodUserDomainsRequest::builder()
        .domain_name(domain)
        .domain_search_type(DomainSearchType::FullMatch)
        .build()
        .unwrap()
}

#[tokio::test]
async fn throttling_waits_the_servers_retry_after_then_succeeds() {
    let harness = common::start().await;
    harness
        .queue_faults(json!({"kind": "throttle", "count": 2, "retry_after_ms": 40}))
        .await;
    let started = Instant::now();
    let answer = harness
        .retrying_client(3)
        .describe_vod_domain_certificate_info(&certificate_of("example.com"))
        .await
        .unwrap();
    assert_eq!(answer.cert_infos()[0].domain_name(), Some("example.com"));
    // Two throttled attempts, each followed by the 40 ms the server asked for.
    assert!(
        started.elapsed() >= Duration::from_millis(80),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(harness.pending_faults().await, json!([]));
}

#[tokio::test]
async fn throttling_beyond_the_attempts_reports_the_wait_asked_for() {
    let harness = common::start().await;
    harness
        .queue_faults(json!({"kind": "throttle", "count": 3, "retry_after_ms": 10}))
        .await;
    let error = harness
        .retrying_client(2)
        .describe_vod_domain_certificate_info(&certificate_of("example.com"))
        .await
        .unwrap_err();
    let service = error.service_error().unwrap_or_else(|| panic!("{error:?}"));
    assert_eq!((service.code(), service.status()), ("Throttling.User", 400));
    assert_eq!(service.retry_after(), Some(Duration::from_millis(10)));
    assert_eq!(service.attempts(), 2);
    assert!(service.request_id().is_some());
    // Two attempts used two of the three throttles.
    assert_eq!(harness.pending_faults().await[0]["count"], 1);
}

#[tokio::test]
async fn a_503_on_a_read_only_action_is_retried() {
    let harness = common::start().await;
    harness
        .queue_faults(json!({
            "kind": "status", "status": 503, "action": "DescribeVodDomainCertificateInfo"
        }))
        .await;
    let answer = harness
        .retrying_client(3)
        .describe_vod_domain_certificate_info(&certificate_of("example.com"))
        .await
        .unwrap();
    assert_eq!(answer.cert_infos()[0].cert_name(), Some("cert-example.com"));
    assert_eq!(harness.pending_faults().await, json!([]));
}

#[tokio::test]
async fn a_500_on_a_write_action_is_not_retried() {
    let harness = common::start().await;
    harness
        .queue_faults(json!({"kind": "status", "status": 500, "action": "AddVodDomain"}))
        .await;
    let client = harness.retrying_client(3);
    let request = add("write.example.net", "ipaddr");
    let error = client.add_vod_domain(&request).await.unwrap_err();
    let service = error.service_error().unwrap_or_else(|| panic!("{error:?}"));
    let code = AddVodDomainErrorCode::from(service.code());
    assert!(
        matches!(
            code,
            AddVodDomainErrorCode::Common(CommonErrorCode::InternalError)
        ),
        "{code:?}"
    );
    // The status the spec documents for the code is the one that came back.
    assert_eq!(code.http_status(), Some(service.status()));
    assert_eq!(service.status(), 500);
    // One attempt: a retry would have met no fault and succeeded.
    assert_eq!(service.attempts(), 1);
    let listed = client
        .describe_vod_user_domains(&listing("write.example.net"))
        .await
        .unwrap();
    assert_eq!(listed.total_count(), Some(0));
    // The caller, who knows the write was not applied, may send it again.
    client.add_vod_domain(&request).await.unwrap();
}

/// A copy of the workspace spec whose `SourceType` has a value the generated SDK lacks: the
/// emulator then accepts and returns it, as the live service would after adding a source type.
fn spec_with_a_new_source_type(dir: &Path) {
    let spec = emulator::default_spec_dir();
    std::fs::create_dir(dir.join("actions")).unwrap();
    for entry in std::fs::read_dir(spec.join("actions")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.join("actions").join(path.file_name().unwrap())).unwrap();
    }
    for file in ["product.yaml", "errors.yaml"] {
        std::fs::copy(spec.join(file), dir.join(file)).unwrap();
    }
    let enums = std::fs::read_to_string(spec.join("enums.yaml")).unwrap();
    let oss = "      - value: oss\n        description: OSS Bucket为源站。\n";
    assert!(enums.contains(oss), "SourceType's last value moved");
    let enums = enums.replace(oss, &format!("{oss}      - value: edge-cache\n"));
    std::fs::write(dir.join("enums.yaml"), enums).unwrap();
}

#[tokio::test]
async fn an_enum_value_the_sdk_does_not_know_survives_as_unknown() {
    let spec = tempfile::tempdir().unwrap();
    spec_with_a_new_source_type(spec.path());
    let harness = common::start_with(
        Emulator::builder()
            .credentials(emulator::Credentials::new(ID, SECRET))
            .spec(spec.path()),
    )
    .await;
    let client = harness.client(Algorithm::V3);
    client
        .add_vod_domain(&add("edge.example.net", "edge-cache"))
        .await
        .unwrap();
    let listed = client
        .describe_vod_user_domains(&listing("edge.example.net"))
        .await
        .unwrap();
    let source_type = listed.domains()[0].sources()[0].r#type().unwrap();
    assert!(
        matches!(source_type, SourceType::Unknown(_)),
        "{source_type:?}"
    );
    assert_eq!(source_type.as_str(), "edge-cache");
    // Serializing gives the wire value back unchanged.
    let json = serde_json::to_value(&listed).unwrap();
    assert_eq!(
        json["Domains"]["PageData"][0]["Sources"]["Source"][0]["Type"],
        "edge-cache"
    );
}
