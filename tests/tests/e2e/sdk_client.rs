//! The generated client through the stateful domain family (moved here from the emulator's
//! tests, which must not depend on the generated crate), a json-style list, and typed error
//! codes.

use vod_runtime::signing::Algorithm;
use vod_sdk::add_vod_domain::AddVodDomainRequest;
use vod_sdk::delete_vod_domain::DeleteVodDomainRequest;
use vod_sdk::describe_vod_domain_certificate_info::{
    DescribeVodDomainCertificateInfoErrorCode, DescribeVodDomainCertificateInfoRequest,
};
use vod_sdk::describe_vod_user_domains::{DescribeVodUserDomainsRequest, Tag};
use vod_sdk::enums::{CertType, DomainSearchType, SourceType, SslProtocol};
use vod_sdk::set_vod_domain_certificate::SetVodDomainCertificateRequest;
use vod_sdk::submit_snapshot_job::SubmitSnapshotJobRequest;

use crate::common::{self, ALGORITHMS};

pub fn certificate_of(domain: &str) -> DescribeVodDomainCertificateInfoRequest {
    DescribeVodDomainCertificateInfoRequest::builder()
        .domain_name(domain)
        .build()
        .unwrap()
}

#[tokio::test]
async fn the_seeded_example_decodes_into_typed_fields() {
    let harness = common::start().await;
    let answer = harness
        .client(Algorithm::V3)
        .describe_vod_domain_certificate_info(&certificate_of("example.com"))
        .await
        .unwrap();
    let info = &answer.cert_infos()[0];
    assert_eq!(info.domain_name(), Some("example.com"));
    assert_eq!(info.cert_type(), Some(&CertType::Cas));
    assert_eq!(info.ssl_protocol(), Some(&SslProtocol::On));
    assert_eq!(
        info.cert_expire_time().map(|t| t.to_string()).as_deref(),
        Some("2018-06-03T13:03:39Z")
    );
    assert!(answer.request_id().is_some());
}

#[tokio::test]
async fn the_domain_family_round_trips_through_the_generated_client() {
    let harness = common::start().await;
    for (algorithm, domain) in ALGORITHMS
        .into_iter()
        .zip(["v3.sdk.example.net", "v1.sdk.example.net"])
    {
        let client = harness.client(algorithm);
        let add = AddVodDomainRequest::builder()
            .domain_name(domain)
            .sources(r#"[{"content":"10.0.0.1","type":"ipaddr","priority":"20","port":443}]"#)
            .build()
            .unwrap();
        client.add_vod_domain(&add).await.unwrap();

        let tag = Tag::builder().key("env").value("test").build().unwrap();
        let list = DescribeVodUserDomainsRequest::builder()
            .domain_name(domain)
            .domain_search_type(DomainSearchType::FullMatch)
            .tag(vec![tag])
            .build()
            .unwrap();
        let listed = client.describe_vod_user_domains(&list).await.unwrap();
        assert_eq!(listed.total_count(), Some(1), "{algorithm:?}");
        let found = &listed.domains()[0];
        assert_eq!(found.domain_name(), Some(domain));
        assert_eq!(found.sources()[0].r#type(), Some(&SourceType::Ipaddr));
        assert_eq!(found.sources()[0].content(), Some("10.0.0.1"));
        assert_eq!(found.sources()[0].port(), Some(443));
        assert!(found.gmt_created().is_some());

        let set = SetVodDomainCertificateRequest::builder()
            .domain_name(domain)
            .ssl_protocol(SslProtocol::On)
            .cert_name("sdk-cert")
            .ssl_pub("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----")
            .ssl_pri("-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----")
            .build()
            .unwrap();
        // The private key is a secret: it never shows in the request's Debug.
        assert!(!format!("{set:?}").contains("MIIE"));
        client.set_vod_domain_certificate(&set).await.unwrap();
        let info = client
            .describe_vod_domain_certificate_info(&certificate_of(domain))
            .await
            .unwrap();
        assert_eq!(info.cert_infos()[0].domain_name(), Some(domain));
        assert_eq!(info.cert_infos()[0].cert_name(), Some("sdk-cert"));
        assert_eq!(info.cert_infos()[0].cert_type(), Some(&CertType::Upload));
        assert_eq!(info.cert_infos()[0].ssl_protocol(), Some(&SslProtocol::On));

        let delete = DeleteVodDomainRequest::builder()
            .domain_name(domain)
            .build()
            .unwrap();
        client.delete_vod_domain(&delete).await.unwrap();
        let error = client
            .describe_vod_domain_certificate_info(&certificate_of(domain))
            .await
            .unwrap_err();
        let service = error.service_error().unwrap_or_else(|| panic!("{error:?}"));
        let code = DescribeVodDomainCertificateInfoErrorCode::from(service.code());
        assert!(
            matches!(
                code,
                DescribeVodDomainCertificateInfoErrorCode::InvalidDomainNotFound
            ),
            "{code:?}"
        );
        assert_eq!(service.status(), 404);
        assert_eq!(code.http_status(), Some(404));
        let request_id = service.request_id().unwrap_or_else(|| panic!("{error:?}"));
        assert!(!request_id.is_empty());
        assert_eq!(error.request_id(), Some(request_id));
        // The deleted domain is gone from the listing too.
        let listed = client.describe_vod_user_domains(&list).await.unwrap();
        assert_eq!(listed.total_count(), Some(0), "{algorithm:?}");
    }
}

#[tokio::test]
async fn a_json_style_list_passes_validation() {
    let harness = common::start().await;
    let request = SubmitSnapshotJobRequest::builder()
        .video_id("video-1")
        .specified_offset_times(vec![1000, 2000, 3000])
        .build()
        .unwrap();
    let answer = harness
        .client(Algorithm::V3)
        .submit_snapshot_job(&request)
        .await
        .unwrap();
    assert!(answer.snapshot_job().and_then(|job| job.job_id()).is_some());
}
