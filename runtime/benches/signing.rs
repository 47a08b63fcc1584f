//! Sign + serialize costs of two VOD-shaped requests with both algorithms, against the bare
//! HMAC/SHA work over the same strings (the floor any implementation pays).
//!
//! The bare work hashes exactly the bytes the signer does (v3: SHA-256 of `canonical`, then
//! HMAC-SHA256 of `string_to_sign`, key set-up included; v1: HMAC-SHA1 of `string_to_sign`).
//!
//! `scripts/bench_python_signing.sh` times the official Python SDK on the same requests;
//! `runtime/benches/callgrind.sh` counts instructions per iteration, which stays repeatable on
//! a loaded machine.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use hmac::{KeyInit as _, Mac as _};
use sha2::Digest as _;
use vod_runtime::RpcQuery;
use vod_runtime::query::{QueryWriter, ToQuery};
use vod_runtime::signing::{Algorithm, Identity, SignedRequest, SigningRequest};

/// DescribeVodDomainCertificateInfo's parameters.
#[derive(RpcQuery)]
struct DescribeVodDomainCertificateInfo {
    #[rpc(name = "DomainName")]
    domain_name: String,
}

#[derive(RpcQuery)]
struct Tag {
    #[rpc(name = "Key")]
    key: String,
    #[rpc(name = "Value")]
    value: String,
}

/// DescribeVodUserDomains's parameters, with 10 tags.
#[derive(RpcQuery)]
struct DescribeVodUserDomains {
    #[rpc(name = "PageSize")]
    page_size: Option<i32>,
    #[rpc(name = "PageNumber")]
    page_number: Option<i32>,
    #[rpc(name = "DomainName")]
    domain_name: Option<String>,
    #[rpc(name = "DomainStatus")]
    domain_status: Option<String>,
    #[rpc(name = "DomainSearchType")]
    domain_search_type: Option<String>,
    #[rpc(name = "Tag", style = "repeat_list")]
    tag: Vec<Tag>,
}

macro_rules! secret {
    () => {
        "ExampleAccessKeySecretValue012"
    };
}

const IDENTITY: Identity<'static> = Identity {
    access_key_id: "LTAI5tExampleAccessKeyId",
    access_key_secret: secret!(),
    security_token: None,
};

/// The v1 HMAC key: the secret and `&`.
const V1_KEY: &str = concat!(secret!(), "&");

fn user_domains() -> DescribeVodUserDomains {
    DescribeVodUserDomains {
        page_size: Some(50),
        page_number: Some(1),
        domain_name: Some("example.com".to_owned()),
        domain_status: Some("online".to_owned()),
        domain_search_type: Some("fuzzy_match".to_owned()),
        tag: (1..=10)
            .map(|n| Tag {
                key: format!("team {n}"),
                value: format!("video/编码-{n}"),
            })
            .collect(),
    }
}

/// Signs already serialized parameters (fixed time and nonce), as the client does.
fn sign(algorithm: Algorithm, action: &str, query: &QueryWriter) -> SignedRequest {
    let request = SigningRequest {
        method: "POST",
        host: "vod.cn-shanghai.aliyuncs.com",
        action,
        version: "2017-03-21",
        params: &[],
        identity: IDENTITY,
        timestamp: "2026-12-04T10:00:00Z",
        nonce: "3156853299f313e23d1673dc12e1703d",
    };
    algorithm.sign_query(&request, query)
}

/// The digest work alone: v3 hashes the canonical request then MACs the string to sign; v1
/// MACs the string to sign.
fn bare_crypto(algorithm: Algorithm, signed: &SignedRequest) -> usize {
    match algorithm {
        Algorithm::V3 => {
            let hash = sha2::Sha256::digest(signed.canonical.as_bytes());
            let secret = IDENTITY.access_key_secret.as_bytes();
            let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(secret).unwrap();
            mac.update(signed.string_to_sign.as_bytes());
            usize::from(hash[0]) + mac.finalize().into_bytes().len()
        }
        _ => {
            let mut mac = hmac::Hmac::<sha1::Sha1>::new_from_slice(V1_KEY.as_bytes()).unwrap();
            mac.update(signed.string_to_sign.as_bytes());
            mac.finalize().into_bytes().len()
        }
    }
}

fn benches(c: &mut Criterion) {
    let certificate = DescribeVodDomainCertificateInfo {
        domain_name: "example.com".to_owned(),
    };
    let domains = user_domains();
    let cases: [(&str, &str, &dyn ToQuery); 2] = [
        (
            "certificate_info",
            "DescribeVodDomainCertificateInfo",
            &certificate,
        ),
        ("user_domains_10_tags", "DescribeVodUserDomains", &domains),
    ];
    let mut group = c.benchmark_group("query");
    for (case, _, request) in cases {
        group.bench_function(format!("serialize/{case}"), |b| {
            b.iter(|| black_box(request).to_query_writer())
        });
        // The owned pairs of `to_query_pairs`, which the client no longer builds.
        group.bench_function(format!("serialize_pairs/{case}"), |b| {
            b.iter(|| black_box(request).to_query_pairs())
        });
    }
    group.finish();
    for (algorithm, name) in [(Algorithm::V3, "v3"), (Algorithm::V1, "v1")] {
        let mut group = c.benchmark_group(name);
        for (case, action, request) in cases {
            // What the client does per attempt: serialize, then sign.
            group.bench_function(format!("sign_serialize/{case}"), |b| {
                b.iter(|| sign(algorithm, action, &black_box(request).to_query_writer()))
            });
            let query = request.to_query_writer();
            group.bench_function(format!("sign/{case}"), |b| {
                b.iter(|| sign(algorithm, action, black_box(&query)))
            });
            let signed = sign(algorithm, action, &query);
            group.bench_function(format!("bare_hmac_sha/{case}"), |b| {
                b.iter(|| bare_crypto(algorithm, black_box(&signed)))
            });
        }
        group.finish();
    }
}

criterion_group!(signing, benches);
criterion_main!(signing);
