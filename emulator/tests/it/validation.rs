//! After the signature: the API version, the action name and the parameters, against the spec.

use crate::common::{Sig, call, start};

#[tokio::test]
async fn an_unknown_version_or_action_is_refused() {
    let harness = start().await;
    for sig in [Sig::V3, Sig::V1] {
        let mut spec = call(
            sig,
            "DescribeVodDomainCertificateInfo",
            &[("DomainName", "example.com")],
        );
        spec.version = "2014-05-26";
        let answer = harness.send(&spec).await;
        assert_eq!(
            (answer.status, answer.code().as_str()),
            (400, "InvalidVersion"),
            "{sig:?}"
        );

        let answer = harness.send(&call(sig, "DescribeNothingAtAll", &[])).await;
        assert_eq!(
            (answer.status, answer.code().as_str()),
            (404, "InvalidAction.NotFound"),
            "{sig:?}"
        );
    }
}

#[tokio::test]
async fn a_missing_required_parameter_is_named() {
    let harness = start().await;
    for sig in [Sig::V3, Sig::V1] {
        let answer = harness
            .send(&call(sig, "DescribeVodDomainCertificateInfo", &[]))
            .await;
        assert_eq!(
            (answer.status, answer.code().as_str()),
            (400, "MissingParameter")
        );
        assert!(
            answer.json()["Message"]
                .as_str()
                .unwrap()
                .contains("DomainName"),
            "{}",
            answer.text
        );
    }
}

#[tokio::test]
async fn types_enums_and_limits_are_checked() {
    let harness = start().await;
    let cases: &[(&str, &str)] = &[
        ("PageSize", "51"),
        ("PageSize", "0"),
        ("PageSize", "twenty"),
        ("DomainStatus", "sleeping"),
        ("DomainSearchType", "regex"),
    ];
    for (name, value) in cases {
        let answer = harness
            .send(&call(Sig::V3, "DescribeVodUserDomains", &[(name, value)]))
            .await;
        assert_eq!(
            (answer.status, answer.code().as_str()),
            (400, "InvalidParameter"),
            "{name}={value}"
        );
        assert!(answer.json()["Message"].as_str().unwrap().contains(name));
    }
    let answer = harness
        .send(&call(
            Sig::V3,
            "DescribeVodUserDomains",
            &[("PageSize", "50")],
        ))
        .await;
    assert_eq!(answer.status, 200, "{}", answer.text);
}

#[tokio::test]
async fn repeat_lists_are_checked_item_by_item() {
    let harness = start().await;
    let gap = [("Tag.1.Key", "a"), ("Tag.3.Key", "b")];
    let answer = harness
        .send(&call(Sig::V1, "DescribeVodUserDomains", &gap))
        .await;
    assert_eq!(answer.code(), "MissingParameter");
    assert!(answer.json()["Message"].as_str().unwrap().contains("Tag.2"));
    let ok = [("Tag.1.Key", "a"), ("Tag.1.Value", "x"), ("Tag.2.Key", "b")];
    assert_eq!(
        harness
            .send(&call(Sig::V1, "DescribeVodUserDomains", &ok))
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn stateless_actions_answer_their_example_with_a_fresh_request_id() {
    let harness = start().await;
    let answer = harness
        .send(&call(
            Sig::V3,
            "SubmitSnapshotJob",
            &[("VideoId", "abc"), ("SpecifiedOffsetTimes", "[1000,2000]")],
        ))
        .await;
    assert_eq!(answer.status, 200, "{}", answer.text);
    let body = answer.json();
    assert!(body.as_object().unwrap().len() > 1, "{body}");
    assert_eq!(
        body["RequestId"],
        answer.headers["x-acs-request-id"].to_str().unwrap()
    );
}
