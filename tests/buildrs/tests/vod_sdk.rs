//! The checked-in `vod-sdk` (generated from `spec/`): limits, secrets and wire shapes the spec
//! documents, seen through the generated API.

use vod_sdk::describe_vod_domain_certificate_info::DescribeVodDomainCertificateInfoResponse;
use vod_sdk::describe_vod_user_domains::{DescribeVodUserDomainsRequest, Tag};
use vod_sdk::enums::{CertificateStatus, SslProtocol};
use vod_sdk::runtime::BuildError;
use vod_sdk::runtime::query::ToQuery;
use vod_sdk::set_vod_domain_certificate::SetVodDomainCertificateRequest;

#[test]
fn page_size_and_tag_limits_are_checked_before_sending() {
    let page = |size: i32| {
        DescribeVodUserDomainsRequest::builder()
            .page_size(size)
            .build()
    };
    assert!(page(1).is_ok() && page(50).is_ok());
    assert!(matches!(
        page(0),
        Err(BuildError::OutOfRange {
            name: "PageSize",
            ..
        })
    ));
    assert!(matches!(
        page(51),
        Err(BuildError::OutOfRange {
            name: "PageSize",
            ..
        })
    ));
    let tags = |count: usize| {
        let tags: Vec<Tag> = (0..count)
            .map(|i| Tag::builder().key(format!("k{i}")).build().unwrap())
            .collect();
        DescribeVodUserDomainsRequest::builder().tag(tags).build()
    };
    assert!(tags(20).is_ok());
    assert!(matches!(
        tags(21),
        Err(BuildError::InvalidLength {
            name: "Tag",
            len: 21,
            ..
        })
    ));
}

#[test]
fn the_private_key_is_sent_but_never_shown() {
    let request = SetVodDomainCertificateRequest::builder()
        .domain_name("example.com")
        .ssl_protocol(SslProtocol::On)
        .ssl_pri("-----BEGIN RSA PRIVATE KEY-----secret")
        .build()
        .unwrap();
    assert!(!format!("{request:?}").contains("secret"));
    assert!(format!("{request:?}").contains("example.com"));
    let pairs = request.to_query_pairs();
    assert!(pairs.contains(&(
        "SSLPri".to_owned(),
        "-----BEGIN RSA PRIVATE KEY-----secret".to_owned()
    )));
    assert!(pairs.contains(&("SSLProtocol".to_owned(), "on".to_owned())));
}

#[test]
fn wrapped_cert_infos_parse_and_serialize_back() {
    let body = r#"{"CertInfos": {"CertInfo": [{"Status": "success", "ServerCertificateStatus": "renewing"}]}, "RequestId": "r"}"#;
    let response: DescribeVodDomainCertificateInfoResponse = serde_json::from_str(body).unwrap();
    let info = &response.cert_infos()[0];
    assert_eq!(info.status(), Some(&CertificateStatus::Success));
    // A status the spec does not list yet is kept, not an error.
    assert_eq!(
        info.server_certificate_status()
            .map(CertificateStatus::as_str),
        Some("renewing")
    );
    let back = serde_json::to_value(&response).unwrap();
    assert_eq!(
        back,
        serde_json::from_str::<serde_json::Value>(body).unwrap()
    );
}
