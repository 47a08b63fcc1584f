//! Faults queued through the control endpoint hit the next calls, then the service is healthy
//! again.

use std::time::{Duration, Instant};

use crate::common::{Harness, Sig, call, start};
use emulator::FAULTS_PATH;

const CERT: &str = "DescribeVodDomainCertificateInfo";

async fn queue(harness: &Harness, rules: &str) -> reqwest::Response {
    harness
        .http
        .post(format!("{}{FAULTS_PATH}", harness.emulator.endpoint()))
        .header("content-type", "application/json")
        .body(rules.to_owned())
        .send()
        .await
        .unwrap()
}

async fn cert_call(harness: &Harness) -> Result<reqwest::Response, reqwest::Error> {
    harness
        .request(&call(Sig::V3, CERT, &[("DomainName", "example.com")]))
        .send()
        .await
}

#[tokio::test]
async fn throttling_hits_the_next_n_calls_with_retry_after() {
    let harness = start().await;
    assert_eq!(
        queue(
            &harness,
            r#"{"kind":"throttle","count":2,"retry_after_ms":250}"#
        )
        .await
        .status(),
        200
    );
    for _ in 0..2 {
        let answer = crate::common::read(cert_call(&harness).await.unwrap()).await;
        assert_eq!(
            (answer.status, answer.code().as_str()),
            (400, "Throttling.User")
        );
        assert_eq!(answer.headers["x-acs-retry-after"], "250");
    }
    assert_eq!(cert_call(&harness).await.unwrap().status(), 200);
}

#[tokio::test]
async fn error_statuses_use_the_service_codes() {
    let harness = start().await;
    queue(
        &harness,
        r#"[{"kind":"status","status":500},{"kind":"status","status":503}]"#,
    )
    .await;
    let first = crate::common::read(cert_call(&harness).await.unwrap()).await;
    assert_eq!(
        (first.status, first.code().as_str()),
        (500, "InternalError")
    );
    let second = crate::common::read(cert_call(&harness).await.unwrap()).await;
    assert_eq!(
        (second.status, second.code().as_str()),
        (503, "ServiceUnAvailable")
    );
}

#[tokio::test]
async fn a_delay_slows_the_answer_but_keeps_it() {
    let harness = start().await;
    queue(&harness, r#"{"kind":"delay","delay_ms":300}"#).await;
    let started = Instant::now();
    let response = cert_call(&harness).await.unwrap();
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn a_dropped_connection_gets_no_response() {
    let harness = start().await;
    queue(&harness, r#"{"kind":"drop"}"#).await;
    let error = cert_call(&harness).await.unwrap_err();
    assert!(!error.is_status() && !error.is_timeout(), "{error:?}");
    assert_eq!(cert_call(&harness).await.unwrap().status(), 200);
}

#[tokio::test]
async fn malformed_and_truncated_bodies() {
    let harness = start().await;
    queue(&harness, r#"[{"kind":"malformed"},{"kind":"truncated"}]"#).await;
    let malformed = cert_call(&harness).await.unwrap();
    assert_eq!(malformed.status(), 200);
    let text = malformed.text().await.unwrap();
    assert!(
        serde_json::from_str::<serde_json::Value>(&text).is_err(),
        "{text}"
    );

    let truncated = cert_call(&harness).await.unwrap();
    assert_eq!(truncated.status(), 200);
    let announced = truncated.content_length().unwrap();
    assert!(announced > 0);
    assert!(truncated.bytes().await.is_err(), "the body must end early");
}

#[tokio::test]
async fn rules_can_target_one_action() {
    let harness = start().await;
    queue(
        &harness,
        r#"{"kind":"status","status":503,"action":"DescribeVodUserDomains"}"#,
    )
    .await;
    assert_eq!(cert_call(&harness).await.unwrap().status(), 200);
    let listed = harness
        .send(&call(Sig::V3, "DescribeVodUserDomains", &[]))
        .await;
    assert_eq!(listed.status, 503);
}

#[tokio::test]
async fn the_control_endpoint_lists_clears_and_refuses_bad_rules() {
    let harness = start().await;
    let url = format!("{}{FAULTS_PATH}", harness.emulator.endpoint());
    for bad in [
        r#"{"kind":"explode"}"#,
        r#"{"kind":"status","status":200}"#,
        "not json",
    ] {
        let response = queue(&harness, bad).await;
        assert_eq!(response.status(), 400, "{bad}");
        assert!(response.text().await.unwrap().contains("error"));
    }
    queue(&harness, r#"{"kind":"throttle","count":3}"#).await;
    let pending = crate::common::read(harness.http.get(&url).send().await.unwrap())
        .await
        .json();
    assert_eq!(
        pending,
        serde_json::json!([{"kind": "throttle", "retry_after_ms": 1000, "count": 3}])
    );
    assert_eq!(
        harness.http.delete(&url).send().await.unwrap().status(),
        204
    );
    assert_eq!(cert_call(&harness).await.unwrap().status(), 200);
}

#[tokio::test]
async fn shutdown_stops_serving() {
    let harness = start().await;
    let endpoint = harness.emulator.endpoint();
    assert_eq!(cert_call(&harness).await.unwrap().status(), 200);
    harness.emulator.shutdown().await;
    assert!(reqwest::Client::new().get(endpoint).send().await.is_err());
}
