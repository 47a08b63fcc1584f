//! Every action of the spec through the generated client, with the reference pages' example
//! parameter values, once per signature algorithm, checking typed fields of each answer.

use std::collections::BTreeSet;

use vod_runtime::Action;
use vod_runtime::signing::Algorithm;
use vod_sdk::add_vod_domain::AddVodDomainRequest;
use vod_sdk::delete_vod_domain::DeleteVodDomainRequest;
use vod_sdk::describe_vod_domain_certificate_info::DescribeVodDomainCertificateInfoRequest;
use vod_sdk::describe_vod_user_domains::DescribeVodUserDomainsRequest;
use vod_sdk::enums::{
    CertType, CertificateStatus, DomainScope, DomainSearchType, DomainStatus, SslProtocol,
};
use vod_sdk::set_vod_domain_certificate::SetVodDomainCertificateRequest;
use vod_sdk::submit_snapshot_job::SubmitSnapshotJobRequest;

use crate::common::{self, ALGORITHMS};

/// Notes the action `request` belongs to, so the test can prove it covered the whole spec.
fn sent<A: Action>(request: A, names: &mut BTreeSet<&'static str>) -> A {
    names.insert(A::NAME);
    request
}

/// The examples, in an order that works on the emulator's seeded state: the seeded
/// `example.com` is described, given the example certificate, listed, deleted, and added back.
async fn call_every_action(algorithm: Algorithm) -> BTreeSet<&'static str> {
    let harness = common::start().await;
    let client = harness.client(algorithm);
    let mut names = BTreeSet::new();
    let describe = sent(
        DescribeVodDomainCertificateInfoRequest::builder()
            .domain_name("example.com")
            .build()
            .unwrap(),
        &mut names,
    );

    let seeded = client
        .describe_vod_domain_certificate_info(&describe)
        .await
        .unwrap();
    let [info] = seeded.cert_infos() else {
        panic!("{algorithm:?}: {seeded:?}")
    };
    assert_eq!(info.domain_name(), Some("example.com"));
    assert_eq!(info.cert_domain_name(), Some("example.com"));
    assert_eq!(info.cert_name(), Some("cert-example.com"));
    assert_eq!(info.cert_org(), Some("Let's Encrypt"));
    assert_eq!(info.cert_life(), Some("3 months"));
    assert_eq!(info.cert_type(), Some(&CertType::Cas));
    assert_eq!(info.status(), Some(&CertificateStatus::Success));
    assert_eq!(info.ssl_protocol(), Some(&SslProtocol::On));
    assert_eq!(
        info.cert_expire_time().map(|t| t.to_string()).as_deref(),
        Some("2018-06-03T13:03:39Z")
    );
    assert!(seeded.request_id().is_some_and(|id| !id.is_empty()));

    let set = sent(
        SetVodDomainCertificateRequest::builder()
            .domain_name("example.com")
            .ssl_protocol(SslProtocol::Off)
            .cert_name("cert_name")
            .ssl_pub("****")
            .ssl_pri("****")
            .build()
            .unwrap(),
        &mut names,
    );
    let answer = client.set_vod_domain_certificate(&set).await.unwrap();
    assert!(answer.request_id().is_some_and(|id| !id.is_empty()));
    let updated = client
        .describe_vod_domain_certificate_info(&describe)
        .await
        .unwrap();
    let info = &updated.cert_infos()[0];
    assert_eq!(info.cert_name(), Some("cert_name"));
    assert_eq!(info.cert_type(), Some(&CertType::Upload));
    assert_eq!(info.ssl_protocol(), Some(&SslProtocol::Off));
    assert_ne!(updated.request_id(), seeded.request_id());

    let list = sent(
        DescribeVodUserDomainsRequest::builder()
            .page_size(20)
            .page_number(1)
            .domain_name("Parameters.DomainName.example")
            .domain_status(DomainStatus::Online)
            .domain_search_type(DomainSearchType::FuzzyMatch)
            .build()
            .unwrap(),
        &mut names,
    );
    let listed = client.describe_vod_user_domains(&list).await.unwrap();
    // The example's name matches no domain of the seeded table.
    assert_eq!(listed.total_count(), Some(0), "{listed:?}");
    assert!(listed.domains().is_empty());
    assert_eq!(listed.page_number(), Some(1));
    assert_eq!(listed.page_size(), Some(20));

    let delete = sent(
        DeleteVodDomainRequest::builder()
            .domain_name("example.com")
            .build()
            .unwrap(),
        &mut names,
    );
    let answer = client.delete_vod_domain(&delete).await.unwrap();
    assert!(answer.request_id().is_some_and(|id| !id.is_empty()));

    let add = sent(
        AddVodDomainRequest::builder()
            .domain_name("example.com")
            .sources(r#"[{"content":"1.1.1.1","type":"ipaddr","priority":"20","port":80}]"#)
            .check_url("www.example.com/test.html")
            .scope(DomainScope::Domestic)
            .top_level_domain("example.com")
            .build()
            .unwrap(),
        &mut names,
    );
    let answer = client.add_vod_domain(&add).await.unwrap();
    assert!(answer.request_id().is_some_and(|id| !id.is_empty()));
    let all = DescribeVodUserDomainsRequest::builder()
        .domain_name("example.com")
        .domain_search_type(DomainSearchType::FullMatch)
        .build()
        .unwrap();
    let listed = client.describe_vod_user_domains(&all).await.unwrap();
    let [domain] = listed.domains() else {
        panic!("{algorithm:?}: {listed:?}")
    };
    assert_eq!(domain.domain_name(), Some("example.com"));
    assert_eq!(domain.sources()[0].content(), Some("1.1.1.1"));
    assert_eq!(domain.sources()[0].port(), Some(80));

    let snapshot = sent(
        SubmitSnapshotJobRequest::builder()
            .video_id("d3e680e618708*****efbf2cae7cc931")
            .specified_offset_time(0)
            .width("1280")
            .height("720")
            .count(1)
            .interval(1)
            .sprite_snapshot_config(
                "{'CellWidth': 120, 'CellHeight': 68, 'Columns': 3,'Lines': 10, 'Padding': 20, 'Margin': 50}",
            )
            .snapshot_template_id("f5b228fe693*****bf55bd87789")
            .user_data(
                r#"{"MessageCallback":{"CallbackURL":"http://test.test.com"},"Extend":{"localId":"xxx","test":"www"}}"#,
            )
            .build()
            .unwrap(),
        &mut names,
    );
    let job = client.submit_snapshot_job(&snapshot).await.unwrap();
    assert_eq!(
        job.snapshot_job().and_then(|job| job.job_id()),
        Some("ad90a501b1b94b*****72374ad005046")
    );
    // The emulator answers with a fresh request id, not the example's.
    assert!(
        job.request_id()
            .is_some_and(|id| id != "25818875-5F78-4A*****F6-D7393642CA58")
    );
    harness.emulator.shutdown().await;
    names
}

#[tokio::test]
async fn every_spec_action_answers_its_example_call_with_both_signatures() {
    let api = codegen::load(&emulator::default_spec_dir()).unwrap();
    let spec_actions: BTreeSet<&str> = api.actions.keys().map(String::as_str).collect();
    for algorithm in ALGORITHMS {
        let called = call_every_action(algorithm).await;
        assert_eq!(called, spec_actions, "{algorithm:?}: actions not exercised");
    }
}
