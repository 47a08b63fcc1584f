//! The domain family keeps state: what one call writes, the next reads.

use crate::common::{Harness, Sig, call, start};

const SOURCES: &str = r#"[{"content":"1.1.1.1","type":"ipaddr","priority":"20","port":80}]"#;

async fn send(harness: &Harness, action: &str, params: &[(&str, &str)]) -> crate::common::Answer {
    harness.send(&call(Sig::V3, action, params)).await
}

#[tokio::test]
async fn add_describe_certify_and_delete_a_domain() {
    let harness = start().await;
    let added = send(
        &harness,
        "AddVodDomain",
        &[("DomainName", "media.example.net"), ("Sources", SOURCES)],
    )
    .await;
    assert_eq!(added.status, 200, "{}", added.text);

    let twice = send(
        &harness,
        "AddVodDomain",
        &[("DomainName", "media.example.net"), ("Sources", SOURCES)],
    )
    .await;
    assert_eq!(
        (twice.status, twice.code().as_str()),
        (400, "DomainAlreadyExist")
    );

    let listed = send(
        &harness,
        "DescribeVodUserDomains",
        &[("DomainName", "media"), ("DomainSearchType", "pre_match")],
    )
    .await;
    let body = listed.json();
    assert_eq!(body["TotalCount"], 1, "{body}");
    let domain = &body["Domains"]["PageData"][0];
    assert_eq!(domain["DomainName"], "media.example.net");
    assert_eq!(domain["SslProtocol"], "off");
    assert_eq!(domain["Sources"]["Source"][0]["Content"], "1.1.1.1");
    assert_eq!(domain["Sources"]["Source"][0]["Port"], 80);

    let before = send(
        &harness,
        "DescribeVodDomainCertificateInfo",
        &[("DomainName", "media.example.net")],
    )
    .await;
    assert_eq!(
        before.json()["CertInfos"]["CertInfo"],
        serde_json::json!([])
    );

    let set = send(
        &harness,
        "SetVodDomainCertificate",
        &[
            ("DomainName", "media.example.net"),
            ("SSLProtocol", "on"),
            ("CertName", "my-cert"),
            ("SSLPub", "PEM"),
            ("SSLPri", "KEY"),
        ],
    )
    .await;
    assert_eq!(set.status, 200, "{}", set.text);
    let after = send(
        &harness,
        "DescribeVodDomainCertificateInfo",
        &[("DomainName", "media.example.net")],
    )
    .await;
    let info = &after.json()["CertInfos"]["CertInfo"][0];
    assert_eq!(info["CertName"], "my-cert");
    assert_eq!(info["SSLProtocol"], "on");
    assert_eq!(info["DomainName"], "media.example.net");
    let listed = send(
        &harness,
        "DescribeVodUserDomains",
        &[
            ("DomainName", "media.example.net"),
            ("DomainSearchType", "full_match"),
        ],
    )
    .await;
    assert_eq!(listed.json()["Domains"]["PageData"][0]["SslProtocol"], "on");

    let deleted = send(
        &harness,
        "DeleteVodDomain",
        &[("DomainName", "media.example.net")],
    )
    .await;
    assert_eq!(deleted.status, 200, "{}", deleted.text);
    for (action, params) in [
        (
            "DescribeVodDomainCertificateInfo",
            &[("DomainName", "media.example.net")][..],
        ),
        (
            "DeleteVodDomain",
            &[("DomainName", "media.example.net")][..],
        ),
        (
            "SetVodDomainCertificate",
            &[("DomainName", "media.example.net"), ("SSLProtocol", "off")][..],
        ),
    ] {
        let gone = send(&harness, action, params).await;
        assert_eq!(
            (gone.status, gone.code().as_str()),
            (404, "InvalidDomain.NotFound"),
            "{action}"
        );
    }
}

#[tokio::test]
async fn the_example_domain_is_seeded_and_listed() {
    let harness = start().await;
    let listed = send(&harness, "DescribeVodUserDomains", &[]).await;
    let body = listed.json();
    assert_eq!(body["TotalCount"], 1, "{body}");
    assert_eq!(body["Domains"]["PageData"][0]["DomainName"], "example.com");
    assert_eq!(body["PageSize"], 20);
    assert_eq!(body["PageNumber"], 1);
}

#[tokio::test]
async fn pages_split_the_domain_list() {
    let harness = start().await;
    for name in ["a.example.net", "b.example.net", "c.example.net"] {
        let added = send(
            &harness,
            "AddVodDomain",
            &[("DomainName", name), ("Sources", SOURCES)],
        )
        .await;
        assert_eq!(added.status, 200, "{}", added.text);
    }
    let page = |n: &'static str| {
        let params = [
            ("DomainName", ".example.net"),
            ("DomainSearchType", "suf_match"),
            ("PageSize", "2"),
            ("PageNumber", n),
        ];
        let harness = &harness;
        async move {
            send(harness, "DescribeVodUserDomains", &params)
                .await
                .json()
        }
    };
    let first = page("1").await;
    let second = page("2").await;
    assert_eq!(first["TotalCount"], 3);
    let names = |body: &serde_json::Value| -> Vec<String> {
        body["Domains"]["PageData"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["DomainName"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(names(&first), ["a.example.net", "b.example.net"]);
    assert_eq!(names(&second), ["c.example.net"]);
}

#[tokio::test]
async fn sources_are_checked_against_their_documented_fields() {
    let harness = start().await;
    let add = |sources: &'static str| {
        let harness = &harness;
        async move {
            send(
                harness,
                "AddVodDomain",
                &[("DomainName", "x.example.net"), ("Sources", sources)],
            )
            .await
        }
    };
    for sources in [
        "not json",
        r#"[{"content":"1.1.1.1"}]"#,
        r#"[{"type":"ftp","content":"1.1.1.1"}]"#,
        r#"[{"type":"ipaddr","content":"1.1.1.1","port":"eighty"}]"#,
    ] {
        let answer = add(sources).await;
        assert_eq!(
            (answer.status, answer.code().as_str()),
            (400, "InvalidParameter"),
            "{sources}"
        );
        assert!(
            answer.json()["Message"]
                .as_str()
                .unwrap()
                .contains("Sources")
        );
    }
    // Well-formed, but the address is not an IP address as the type says.
    let answer = add(r#"[{"type":"ipaddr","content":"origin.example.net"}]"#).await;
    assert_eq!(
        (answer.status, answer.code().as_str()),
        (400, "InvalidSources.Malformed")
    );
    let answer = add(r#"[{"type":"domain","content":"origin.example.net"}]"#).await;
    assert_eq!(answer.status, 200, "{}", answer.text);
}
