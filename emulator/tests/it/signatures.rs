//! Both signature algorithms are accepted when right and rejected, with the service's codes,
//! when anything about them is wrong.

use crate::common::{Sig, call, start, start_with};
use emulator::Credentials;
use vod_runtime::Timestamp;

const CERT: &str = "DescribeVodDomainCertificateInfo";

#[tokio::test]
async fn v3_and_v1_calls_are_accepted_and_answer_the_example() {
    let harness = start().await;
    for sig in [Sig::V3, Sig::V1] {
        let answer = harness
            .send(&call(sig, CERT, &[("DomainName", "example.com")]))
            .await;
        assert_eq!(answer.status, 200, "{sig:?}: {}", answer.text);
        let body = answer.json();
        assert_eq!(
            body["CertInfos"]["CertInfo"][0]["DomainName"],
            "example.com"
        );
        assert_eq!(
            body["CertInfos"]["CertInfo"][0]["CertName"],
            "cert-example.com"
        );
        let header_id = answer.headers["x-acs-request-id"].to_str().unwrap();
        assert_eq!(body["RequestId"], header_id);
    }
}

#[tokio::test]
async fn get_calls_and_form_bodies_are_accepted() {
    let harness = start().await;
    let mut get = call(Sig::V1, CERT, &[("DomainName", "example.com")]);
    get.method = "GET";
    assert_eq!(harness.send(&get).await.status, 200);
    let mut form = call(Sig::V1, CERT, &[("DomainName", "example.com")]);
    form.form_body = true;
    let answer = harness.send(&form).await;
    assert_eq!(answer.status, 200, "{}", answer.text);
    assert_eq!(
        answer.json()["CertInfos"]["CertInfo"][0]["DomainName"],
        "example.com"
    );
}

#[tokio::test]
async fn xml_is_served_when_asked_for() {
    let harness = start().await;
    let spec = call(Sig::V3, CERT, &[("DomainName", "example.com")]);
    let response = harness
        .request(&spec)
        .header("accept", "application/xml")
        .send()
        .await
        .unwrap();
    let answer = crate::common::read(response).await;
    assert_eq!(answer.status, 200);
    assert!(
        answer.headers["content-type"]
            .to_str()
            .unwrap()
            .contains("xml")
    );
    assert!(
        answer
            .text
            .contains("<DescribeVodDomainCertificateInfoResponse><CertInfos><CertInfo>"),
        "{}",
        answer.text
    );
    assert!(
        answer
            .text
            .contains("<CertOrg>Let&apos;s Encrypt</CertOrg>"),
        "{}",
        answer.text
    );
}

#[tokio::test]
async fn a_wrong_secret_or_a_changed_parameter_does_not_match() {
    let harness = start().await;
    for sig in [Sig::V3, Sig::V1] {
        let mut spec = call(sig, CERT, &[("DomainName", "example.com")]);
        spec.secret = "not-the-secret";
        let answer = harness.send(&spec).await;
        assert_eq!(
            (answer.status, answer.code().as_str()),
            (400, "SignatureDoesNotMatch"),
            "{sig:?}"
        );

        // Signed for one domain, sent for another.
        let spec = call(sig, CERT, &[("DomainName", "example.com")]);
        let signed = harness.request(&spec).build().unwrap();
        let url = signed.url().as_str().replace("example.com", "example.org");
        let tampered = harness
            .http
            .post(url)
            .headers(signed.headers().clone())
            .send()
            .await
            .unwrap();
        let answer = crate::common::read(tampered).await;
        assert_eq!(answer.code(), "SignatureDoesNotMatch", "{sig:?}");
        let body = answer.json();
        for field in ["RequestId", "HostId", "Message", "Recommend"] {
            assert!(body[field].is_string(), "{field} in {body}");
        }
    }
}

#[tokio::test]
async fn an_unknown_access_key_is_not_found() {
    let harness = start().await;
    for sig in [Sig::V3, Sig::V1] {
        let mut spec = call(sig, CERT, &[("DomainName", "example.com")]);
        spec.access_key_id = "someone-else";
        let answer = harness.send(&spec).await;
        assert_eq!(
            (answer.status, answer.code().as_str()),
            (404, "InvalidAccessKeyId.NotFound")
        );
    }
}

#[tokio::test]
async fn a_nonce_is_single_use() {
    let harness = start().await;
    for sig in [Sig::V3, Sig::V1] {
        let spec = call(sig, CERT, &[("DomainName", "example.com")]);
        assert_eq!(harness.send(&spec).await.status, 200);
        let again = harness.send(&spec).await;
        assert_eq!(
            (again.status, again.code().as_str()),
            (400, "SignatureNonceUsed"),
            "{sig:?}"
        );
    }
}

#[tokio::test]
async fn a_forged_call_does_not_use_up_the_nonce() {
    let harness = start().await;
    let mut forged = call(Sig::V3, CERT, &[("DomainName", "example.com")]);
    forged.secret = "guess";
    assert_eq!(harness.send(&forged).await.code(), "SignatureDoesNotMatch");
    let mut genuine = call(Sig::V3, CERT, &[("DomainName", "example.com")]);
    genuine.nonce = forged.nonce.clone();
    assert_eq!(harness.send(&genuine).await.status, 200);
}

#[tokio::test]
async fn timestamps_outside_fifteen_minutes_are_expired() {
    let harness = start().await;
    let now = Timestamp::now().unix_seconds();
    for (offset, expired) in [(-16 * 60, true), (16 * 60, true), (-14 * 60, false)] {
        for sig in [Sig::V3, Sig::V1] {
            let mut spec = call(sig, CERT, &[("DomainName", "example.com")]);
            spec.timestamp = Timestamp::from_unix_seconds(now + offset).to_string();
            let answer = harness.send(&spec).await;
            if expired {
                assert_eq!(
                    (answer.status, answer.code().as_str()),
                    (400, "InvalidTimeStamp.Expired")
                );
            } else {
                assert_eq!(answer.status, 200, "{offset}: {}", answer.text);
            }
        }
    }
}

#[tokio::test]
async fn the_sts_token_must_come_with_the_key() {
    let harness = start_with(
        Credentials::new(crate::common::ID, crate::common::SECRET).with_security_token("sts-token"),
    )
    .await;
    for sig in [Sig::V3, Sig::V1] {
        let without = harness
            .send(&call(sig, CERT, &[("DomainName", "example.com")]))
            .await;
        assert_eq!(
            without.code(),
            "InvalidSecurityToken.MismatchWithAccessKey",
            "{sig:?}"
        );
        let mut wrong = call(sig, CERT, &[("DomainName", "example.com")]);
        wrong.token = Some("other-token");
        assert_eq!(
            harness.send(&wrong).await.code(),
            "InvalidSecurityToken.MismatchWithAccessKey"
        );
        let mut right = call(sig, CERT, &[("DomainName", "example.com")]);
        right.token = Some("sts-token");
        let answer = harness.send(&right).await;
        assert_eq!(answer.status, 200, "{sig:?}: {}", answer.text);
    }
}

#[tokio::test]
async fn unsigned_x_acs_headers_are_refused() {
    let harness = start().await;
    let spec = call(Sig::V3, CERT, &[("DomainName", "example.com")]);
    let response = harness
        .request(&spec)
        .header("x-acs-extra", "1")
        .send()
        .await
        .unwrap();
    let answer = crate::common::read(response).await;
    assert_eq!(answer.code(), "SignatureDoesNotMatch");
    assert!(
        answer.json()["Message"]
            .as_str()
            .unwrap()
            .contains("x-acs-extra")
    );
}

#[tokio::test]
async fn a_malformed_authorization_header_is_incomplete() {
    let harness = start().await;
    let spec = call(Sig::V3, CERT, &[("DomainName", "example.com")]);
    let mut request = harness.request(&spec).build().unwrap();
    // Replaced, not appended: the call carries only the broken header.
    request.headers_mut().insert(
        "authorization",
        "ACS3-HMAC-SHA256 Credential=x".parse().unwrap(),
    );
    let response = harness.http.execute(request).await.unwrap();
    let answer = crate::common::read(response).await;
    assert_eq!(
        (answer.status, answer.code().as_str()),
        (400, "IncompleteSignature")
    );
}

/// v3 with the parameters in a form body, as an SDK may send a POST: the body is covered by
/// `x-acs-content-sha256`, and changing it afterwards breaks the signature.
#[tokio::test]
async fn v3_form_bodies_are_hashed_into_the_signature() {
    use vod_runtime::signing::v3;

    let harness = start().await;
    let host = harness.host();
    let body = "DomainName=example.com";
    let signed_request = |body: &str, sent_body: &str| {
        let hash = v3::sha256_hex(body.as_bytes());
        let nonce = crate::common::fresh_nonce();
        let date = Timestamp::now().to_string();
        let headers = [
            ("content-type", "application/x-www-form-urlencoded"),
            ("host", host.as_str()),
            ("x-acs-action", CERT),
            ("x-acs-content-sha256", hash.as_str()),
            ("x-acs-date", date.as_str()),
            ("x-acs-signature-nonce", nonce.as_str()),
            ("x-acs-version", crate::common::VERSION),
        ];
        let no_query: [(&str, &str); 0] = [];
        let canonical = v3::canonical_request("POST", "/", &no_query, &headers, &hash);
        let signature = v3::signature(crate::common::SECRET, &v3::string_to_sign(&canonical));
        let names = headers
            .iter()
            .map(|(n, _)| *n)
            .collect::<Vec<_>>()
            .join(";");
        let mut request = harness
            .http
            .post(format!("{}/", harness.emulator.endpoint()))
            .header(
                "authorization",
                v3::authorization_header(crate::common::ID, &names, &signature),
            )
            .body(sent_body.to_owned());
        for (name, value) in headers.iter().filter(|(n, _)| *n != "host") {
            request = request.header(*name, *value);
        }
        request
    };
    let answer = crate::common::read(signed_request(body, body).send().await.unwrap()).await;
    assert_eq!(answer.status, 200, "{}", answer.text);
    assert_eq!(
        answer.json()["CertInfos"]["CertInfo"][0]["DomainName"],
        "example.com"
    );

    let swapped = "DomainName=example.org";
    let answer = crate::common::read(signed_request(body, swapped).send().await.unwrap()).await;
    assert_eq!(answer.code(), "SignatureDoesNotMatch");
    assert!(
        answer.json()["Message"]
            .as_str()
            .unwrap()
            .contains("x-acs-content-sha256")
    );
}
