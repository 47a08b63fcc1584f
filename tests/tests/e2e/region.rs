//! Actions served in one region only are refused before anything is sent.

use serde_json::json;
use vod_runtime::signing::Algorithm;
use vod_runtime::{Error, InvalidRequest};
use vod_sdk::submit_snapshot_job::SubmitSnapshotJobRequest;

use crate::common;
use crate::sdk_client::certificate_of;

#[tokio::test]
async fn a_shanghai_only_action_fails_in_another_region_without_a_request() {
    let harness = common::start().await;
    // A fault waiting for the action: still pending afterwards means no request arrived.
    let fault =
        json!({"kind": "status", "status": 500, "action": "DescribeVodDomainCertificateInfo"});
    harness.queue_faults(fault.clone()).await;
    let client = vod_sdk::Client::new(harness.config(Algorithm::V3).region("cn-beijing"));
    let error = client
        .describe_vod_domain_certificate_info(&certificate_of("example.com"))
        .await
        .unwrap_err();
    assert!(
        matches!(
            &error,
            Error::InvalidRequest(InvalidRequest::RegionNotServed { region, serving, .. })
                if region == "cn-beijing" && *serving == ["cn-shanghai"]
        ),
        "{error:?}"
    );
    let text = error.to_string();
    assert!(text.contains("cn-shanghai"), "{text}");
    assert!(text.contains("DescribeVodDomainCertificateInfo"), "{text}");
    let pending = harness.pending_faults().await;
    assert_eq!(pending.as_array().map(Vec::len), Some(1), "{pending}");

    // An action served everywhere goes out from the same client.
    let snapshot = SubmitSnapshotJobRequest::builder()
        .video_id("video-1")
        .build()
        .unwrap();
    let job = client.submit_snapshot_job(&snapshot).await.unwrap();
    assert!(job.snapshot_job().and_then(|job| job.job_id()).is_some());
}
