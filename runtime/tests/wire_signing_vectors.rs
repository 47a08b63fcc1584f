//! The published signing examples, byte for byte: canonical forms, string to sign, signature.

use proptest::prelude::*;
use vod_runtime::signing::{self, Identity, SigningRequest, v1, v3};

/// ECS "Request signatures" page: DescribeRegions, GET, Format=XML.
#[test]
fn v1_ecs_describe_regions() {
    let pairs = [
        ("Version", "2014-05-26"),
        ("Timestamp", "2016-02-23T12:46:24Z"),
        ("SignatureVersion", "1.0"),
        ("SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"),
        ("SignatureMethod", "HMAC-SHA1"),
        ("Format", "XML"),
        ("Action", "DescribeRegions"),
        ("AccessKeyId", "testid"),
    ];
    assert_eq!(
        v1::canonical_query_string(&pairs),
        "AccessKeyId=testid&Action=DescribeRegions&Format=XML&SignatureMethod=HMAC-SHA1\
         &SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf&SignatureVersion=1.0\
         &Timestamp=2016-02-23T12%3A46%3A24Z&Version=2014-05-26"
    );
    let string_to_sign = v1::string_to_sign("GET", &pairs);
    assert_eq!(
        string_to_sign,
        "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML\
         %26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf\
         %26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z\
         %26Version%3D2014-05-26"
    );
    assert_eq!(
        v1::signature("testsecret", &string_to_sign),
        "OLeaidS1JvxuMvnyHOwuJ+uX5qY="
    );
}

fn v1_request<'a>(
    identity: Identity<'a>,
    action: &'a str,
    version: &'a str,
    params: &'a [(String, String)],
    timestamp: &'a str,
    nonce: &'a str,
) -> SigningRequest<'a> {
    SigningRequest {
        method: "GET",
        host: "example.aliyuncs.com",
        action,
        version,
        params,
        identity,
        timestamp,
        nonce,
    }
}

/// VOD "签名机制" page: GetVideoPlayAuth through the full signer, down to the final URL.
#[test]
fn v1_vod_get_video_play_auth() {
    let params = [(
        "VideoId".to_owned(),
        "5aed81b74ba84920be578cdfe004af4b".to_owned(),
    )];
    let identity = Identity {
        access_key_id: "testAccessKeyId",
        access_key_secret: "testAccessKeySecret",
        security_token: None,
    };
    let signed = v1::sign(&v1_request(
        identity,
        "GetVideoPlayAuth",
        "2017-03-21",
        &params,
        "2017-10-10T12:02:54Z",
        "8f8a035d-6496-4268-afd4-67c22837e38d",
    ));
    assert_eq!(
        signed.string_to_sign,
        "GET&%2F&AccessKeyId%3DtestAccessKeyId%26Action%3DGetVideoPlayAuth%26Format%3DJSON\
         %26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D8f8a035d-6496-4268-afd4-67c22837e38d\
         %26SignatureVersion%3D1.0%26Timestamp%3D2017-10-10T12%253A02%253A54Z\
         %26Version%3D2017-03-21%26VideoId%3D5aed81b74ba84920be578cdfe004af4b"
    );
    assert_eq!(signed.signature, "Ibgh7y8Vp47LBuAsf5Xhi1SvDss=");
    assert_eq!(
        signed.query_string,
        "AccessKeyId=testAccessKeyId&Action=GetVideoPlayAuth&Format=JSON\
         &SignatureMethod=HMAC-SHA1&SignatureNonce=8f8a035d-6496-4268-afd4-67c22837e38d\
         &SignatureVersion=1.0&Timestamp=2017-10-10T12%3A02%3A54Z&Version=2017-03-21\
         &VideoId=5aed81b74ba84920be578cdfe004af4b&Signature=Ibgh7y8Vp47LBuAsf5Xhi1SvDss%3D"
    );
    assert!(signed.headers.is_empty());
    assert_eq!(signed.authorization, None);
}

/// RPC V2 page: ECS DescribeDedicatedHosts, Format=JSON, with a business parameter.
#[test]
fn v1_ecs_describe_dedicated_hosts() {
    let params = [("RegionId".to_owned(), "cn-beijing".to_owned())];
    let identity = Identity {
        access_key_id: "testid",
        access_key_secret: "testsecret",
        security_token: None,
    };
    let signed = v1::sign(&v1_request(
        identity,
        "DescribeDedicatedHosts",
        "2014-05-26",
        &params,
        "2023-03-13T08:34:30Z",
        "edb2b34af0af9a6d14deaf7c1a5315eb",
    ));
    assert_eq!(
        signed.canonical,
        "AccessKeyId=testid&Action=DescribeDedicatedHosts&Format=JSON&RegionId=cn-beijing\
         &SignatureMethod=HMAC-SHA1&SignatureNonce=edb2b34af0af9a6d14deaf7c1a5315eb\
         &SignatureVersion=1.0&Timestamp=2023-03-13T08%3A34%3A30Z&Version=2014-05-26"
    );
    assert_eq!(
        signed.string_to_sign,
        format!("GET&%2F&{}", signing::percent_encode(&signed.canonical))
    );
    assert_eq!(signed.signature, "9NaGiOspFP5UPcwX8Iwt2YJXXuk=");
}

/// With an STS token, v1 signs it as the query parameter `SecurityToken`.
#[test]
fn v1_signs_security_token_as_query_parameter() {
    let identity = Identity {
        access_key_id: "STS.id",
        access_key_secret: "secret",
        security_token: Some("tok/en+"),
    };
    let signed = v1::sign(&v1_request(
        identity,
        "A",
        "2017-03-21",
        &[],
        "2026-01-01T00:00:00Z",
        "n",
    ));
    assert!(signed.canonical.contains("&SecurityToken=tok%2Fen%2B&"));
    let pairs: Vec<(&str, &str)> = signed
        .canonical
        .split('&')
        .map(|pair| pair.split_once('=').unwrap())
        .map(|(k, v)| (k, if k == "SecurityToken" { "tok/en+" } else { v }))
        .map(|(k, v)| {
            (
                k,
                if k == "Timestamp" {
                    "2026-01-01T00:00:00Z"
                } else {
                    v
                },
            )
        })
        .collect();
    assert_eq!(
        v1::signature("secret", &v1::string_to_sign("GET", &pairs)),
        signed.signature
    );
}

fn run_instances_request<'a>(
    identity: Identity<'a>,
    params: &'a [(String, String)],
) -> SigningRequest<'a> {
    SigningRequest {
        method: "POST",
        host: "ecs.cn-shanghai.aliyuncs.com",
        action: "RunInstances",
        version: "2014-05-26",
        params,
        identity,
        timestamp: "2023-10-26T10:22:32Z",
        nonce: "3156853299f313e23d1673dc12e1703d",
    }
}

fn run_instances_params() -> [(String, String); 2] {
    [
        ("RegionId".to_owned(), "cn-shanghai".to_owned()),
        (
            "ImageId".to_owned(),
            "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd".to_owned(),
        ),
    ]
}

/// V3 doc fixed-parameter example: RunInstances.
#[test]
fn v3_run_instances() {
    let params = run_instances_params();
    let identity = Identity {
        access_key_id: "YourAccessKeyId",
        access_key_secret: "YourAccessKeySecret",
        security_token: None,
    };
    let signed = v3::sign(&run_instances_request(identity, &params));
    let expected_canonical = "POST\n/\n\
        ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai\n\
        host:ecs.cn-shanghai.aliyuncs.com\n\
        x-acs-action:RunInstances\n\
        x-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n\
        x-acs-date:2023-10-26T10:22:32Z\n\
        x-acs-signature-nonce:3156853299f313e23d1673dc12e1703d\n\
        x-acs-version:2014-05-26\n\
        \n\
        host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version\n\
        e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    assert_eq!(signed.canonical, expected_canonical);
    assert_eq!(
        v3::sha256_hex(signed.canonical.as_bytes()),
        "7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259"
    );
    assert_eq!(
        signed.string_to_sign,
        "ACS3-HMAC-SHA256\n7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259"
    );
    assert_eq!(
        signed.signature,
        "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0"
    );
    let authorization = "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,\
        SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,\
        Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0";
    assert_eq!(signed.authorization.as_deref(), Some(authorization));
    assert_eq!(
        signed.query_string,
        "ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai"
    );
    assert!(
        signed
            .headers
            .contains(&("authorization", authorization.to_owned()))
    );

    // The verifier's path: the header parsed back and each step recomputed from parts.
    let parsed = v3::parse_authorization(authorization).unwrap();
    assert_eq!(parsed.algorithm, v3::ALGORITHM);
    assert_eq!(parsed.credential, "YourAccessKeyId");
    let signed_headers: Vec<(&str, &str)> = signed
        .headers
        .iter()
        .filter(|(name, _)| parsed.signed_headers.contains(name))
        .map(|(name, value)| (*name, value.as_str()))
        .collect();
    assert_eq!(signed_headers.len(), parsed.signed_headers.len());
    let canonical = v3::canonical_request(
        "POST",
        "/",
        &params,
        &signed_headers,
        v3::EMPTY_PAYLOAD_SHA256,
    );
    assert_eq!(canonical, expected_canonical);
    assert_eq!(
        v3::signature("YourAccessKeySecret", &v3::string_to_sign(&canonical)),
        parsed.signature
    );
}

/// With an STS token, v3 signs `x-acs-accesskey-id` and `x-acs-security-token`.
#[test]
fn v3_signs_security_token_headers() {
    let params = run_instances_params();
    let identity = Identity {
        access_key_id: "STS.id",
        access_key_secret: "secret",
        security_token: Some("the-token"),
    };
    let signed = v3::sign(&run_instances_request(identity, &params));
    assert!(signed.canonical.contains("\nx-acs-accesskey-id:STS.id\n"));
    assert!(
        signed
            .canonical
            .contains("\nx-acs-security-token:the-token\n")
    );
    let parsed = v3::parse_authorization(signed.authorization.as_deref().unwrap()).unwrap();
    assert_eq!(
        parsed.signed_headers,
        [
            "host",
            "x-acs-accesskey-id",
            "x-acs-action",
            "x-acs-content-sha256",
            "x-acs-date",
            "x-acs-security-token",
            "x-acs-signature-nonce",
            "x-acs-version"
        ]
    );
    assert!(
        signed
            .headers
            .contains(&("x-acs-security-token", "the-token".to_owned()))
    );
}

fn percent_decode(encoded: &str) -> Option<String> {
    let bytes = encoded.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%' {
            let hex = encoded.get(index + 1..index + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            index += 3;
        } else {
            out.push(bytes[index]);
            index += 1;
        }
    }
    String::from_utf8(out).ok()
}

proptest! {
    #[test]
    fn percent_encoding_round_trips(input in any::<String>()) {
        let encoded = signing::percent_encode(&input);
        let decoded = percent_decode(&encoded);
        prop_assert_eq!(decoded.as_deref(), Some(input.as_str()));
    }

    #[test]
    fn percent_encoding_emits_only_unreserved_and_upper_hex(input in "\\PC*") {
        let encoded = signing::percent_encode(&input);
        let bytes = encoded.as_bytes();
        let mut index = 0;
        while index < bytes.len() {
            if bytes[index] == b'%' {
                prop_assert!(index + 2 < bytes.len(), "truncated escape");
                let hex = &encoded[index + 1..index + 3];
                prop_assert!(hex.bytes().all(|b| b.is_ascii_digit() || (b'A'..=b'F').contains(&b)), "bad escape {}", hex);
                index += 3;
            } else {
                prop_assert!(signing::is_unreserved(bytes[index]), "raw byte {:?}", bytes[index]);
                index += 1;
            }
        }
    }
}
