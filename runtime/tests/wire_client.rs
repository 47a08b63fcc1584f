//! The client against a real HTTP server on 127.0.0.1 that verifies every signature with the
//! public signing API, and answers as each test scripts it.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use vod_runtime::credentials::Credentials;
use vod_runtime::endpoint::Endpoint;
use vod_runtime::query::{QueryWriter, ToQuery};
use vod_runtime::signing::{Algorithm, v1, v3};
use vod_runtime::{
    Action, Client, Config, Error, HttpMethod, InvalidRequest, RetryPolicy, Service,
    TransportErrorKind,
};

const SECRET: &str = "test-secret";
const TOKEN: &str = "sts/token+value==";

static SERVICE: Service = Service {
    product: "vod",
    version: "2017-03-21",
    default_region: "cn-shanghai",
    endpoint_pattern: "vod.{region}.aliyuncs.com",
    regional_endpoints: &[],
};

/// A read-only action served only in Shanghai, shaped like DescribeVodDomainCertificateInfo.
struct DescribeCertificates {
    domain_name: String,
}

#[derive(Debug, serde::Deserialize, PartialEq)]
#[serde(rename_all = "PascalCase")]
struct CertificatesResponse {
    request_id: Option<String>,
    total: Option<i64>,
}

impl ToQuery for DescribeCertificates {
    fn write_query(&self, writer: &mut QueryWriter) {
        writer.push("DomainName", self.domain_name.as_str());
    }
}

impl Action for DescribeCertificates {
    const NAME: &'static str = "DescribeVodDomainCertificateInfo";
    const METHOD: HttpMethod = HttpMethod::Post;
    const READ_ONLY: bool = true;
    const REGIONS: &'static [&'static str] = &["cn-shanghai"];
    type Response = CertificatesResponse;
}

/// A write action (GET, to cover both methods).
struct DeleteVideo;

impl ToQuery for DeleteVideo {
    fn write_query(&self, writer: &mut QueryWriter) {
        writer.push("VideoIds", "a b,c*~");
    }
}

impl Action for DeleteVideo {
    const NAME: &'static str = "DeleteVideo";
    const METHOD: HttpMethod = HttpMethod::Get;
    const READ_ONLY: bool = false;
    const REGIONS: &'static [&'static str] = &[];
    type Response = CertificatesResponse;
}

fn certificates() -> DescribeCertificates {
    DescribeCertificates {
        domain_name: "example.com 中".to_owned(),
    }
}

/// What the server saw of one request.
#[derive(Clone, Debug)]
struct Received {
    method: String,
    query: Vec<(String, String)>,
    headers: HeaderMap,
    /// `Ok(algorithm)` when the signature verified.
    verified: Result<&'static str, String>,
}

impl Received {
    fn param(&self, key: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The nonce, whichever algorithm signed.
    fn nonce(&self) -> String {
        self.header("x-acs-signature-nonce")
            .or_else(|| self.param("SignatureNonce"))
            .unwrap_or_default()
            .to_owned()
    }
}

type Script = dyn Fn(usize) -> Response + Send + Sync;

#[derive(Clone)]
struct ServerState {
    received: Arc<Mutex<Vec<Received>>>,
    script: Arc<Script>,
}

struct TestServer {
    endpoint: Endpoint,
    received: Arc<Mutex<Vec<Received>>>,
}

impl TestServer {
    /// Serves `script(n)` for the n-th request (0-based).
    async fn start(script: impl Fn(usize) -> Response + Send + Sync + 'static) -> Self {
        let received = Arc::new(Mutex::new(Vec::new()));
        let state = ServerState {
            received: received.clone(),
            script: Arc::new(script),
        };
        let app = axum::Router::new().fallback(handle).with_state(state);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await });
        TestServer {
            endpoint: Endpoint::parse(&format!("http://{address}")).unwrap(),
            received,
        }
    }

    fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }

    fn client(&self, config: Config) -> Client {
        Client::new(
            &SERVICE,
            config.endpoint(self.endpoint.clone()).retry(fast_retries()),
        )
    }
}

fn fast_retries() -> RetryPolicy {
    RetryPolicy::default()
        .with_base_delay(Duration::from_millis(1))
        .with_max_delay(Duration::from_secs(2))
}

fn long_term() -> Config {
    Config::new().credentials(Credentials::new("test-id", SECRET))
}

fn sts() -> Config {
    Config::new().credentials(Credentials::new("STS.test-id", SECRET).with_security_token(TOKEN))
}

async fn handle(State(state): State<ServerState>, request: Request) -> Response {
    let method = request.method().as_str().to_owned();
    let query = decode_query(request.uri().query().unwrap_or(""));
    let headers = request.headers().clone();
    let verified = verify(&method, &query, &headers);
    let index = {
        let mut received = state.received.lock().unwrap();
        received.push(Received {
            method,
            query,
            headers,
            verified,
        });
        received.len() - 1
    };
    let mut response = (state.script)(index);
    // A script delays its answer with this header, slept here without blocking the runtime.
    if let Some(delay) = response.headers_mut().remove(DELAY_HEADER) {
        let ms: u64 = delay.to_str().unwrap().parse().unwrap();
        tokio::time::sleep(Duration::from_millis(ms)).await;
    }
    response
}

const DELAY_HEADER: &str = "x-test-delay-ms";

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut index = 0;
    while index < bytes.len() {
        match (bytes[index], text.get(index + 1..index + 3)) {
            (b'%', Some(hex)) if u8::from_str_radix(hex, 16).is_ok() => {
                out.push(u8::from_str_radix(hex, 16).unwrap());
                index += 3;
            }
            (byte, _) => {
                out.push(byte);
                index += 1;
            }
        }
    }
    String::from_utf8(out).unwrap()
}

fn decode_query(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}

/// Verifies the request as a server would, with the public signing functions only.
fn verify(
    method: &str,
    query: &[(String, String)],
    headers: &HeaderMap,
) -> Result<&'static str, String> {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    if let Some(authorization) = header("authorization") {
        let parsed = v3::parse_authorization(authorization).map_err(|e| e.to_string())?;
        if parsed.algorithm != v3::ALGORITHM {
            return Err(format!("algorithm {}", parsed.algorithm));
        }
        for required in [
            "host",
            "x-acs-action",
            "x-acs-date",
            "x-acs-signature-nonce",
        ] {
            if !parsed.signed_headers.contains(&required) {
                return Err(format!("{required} not signed"));
            }
        }
        let signed: Vec<(&str, &str)> = parsed
            .signed_headers
            .iter()
            .map(|name| (*name, header(name).unwrap_or("")))
            .collect();
        let payload_hash = header("x-acs-content-sha256").unwrap_or("");
        if payload_hash != v3::sha256_hex(b"") {
            return Err("payload hash".to_owned());
        }
        let canonical = v3::canonical_request(method, "/", query, &signed, payload_hash);
        let expected = v3::signature(SECRET, &v3::string_to_sign(&canonical));
        return if expected == parsed.signature {
            Ok("v3")
        } else {
            Err("v3 signature mismatch".to_owned())
        };
    }
    let signature = query
        .iter()
        .find(|(k, _)| k == "Signature")
        .map(|(_, v)| v.clone())
        .ok_or("no Signature")?;
    let rest: Vec<(&str, &str)> = query
        .iter()
        .filter(|(k, _)| k != "Signature")
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let expected = v1::signature(SECRET, &v1::string_to_sign(method, &rest));
    if expected == signature {
        Ok("v1")
    } else {
        Err("v1 signature mismatch".to_owned())
    }
}

fn json(status: u16, body: &str) -> Response {
    Response::builder()
        .status(StatusCode::from_u16(status).unwrap())
        .header("content-type", "application/json")
        .header("x-acs-request-id", "REQ-HEADER")
        .body(Body::from(body.to_owned()))
        .unwrap()
}

const OK_BODY: &str = r#"{"RequestId":"REQ-1","Total":2,"NewField":{"Nested":[1,2]}}"#;

#[tokio::test]
async fn v3_request_verifies_and_decodes_with_unknown_fields() {
    let server = TestServer::start(|_| json(200, OK_BODY)).await;
    let response = server
        .client(long_term())
        .call(&certificates())
        .await
        .unwrap();
    assert_eq!(
        response,
        CertificatesResponse {
            request_id: Some("REQ-1".to_owned()),
            total: Some(2)
        }
    );
    let [received] = server.received().try_into().unwrap();
    assert_eq!(received.verified, Ok("v3"));
    assert_eq!(received.method, "POST");
    assert_eq!(received.param("DomainName"), Some("example.com 中"));
    assert_eq!(
        received.header("x-acs-action"),
        Some("DescribeVodDomainCertificateInfo")
    );
    assert_eq!(received.header("x-acs-version"), Some("2017-03-21"));
    assert_eq!(received.header("accept"), Some("application/json"));
    assert_eq!(received.nonce().len(), 32);
    let date = received.header("x-acs-date").unwrap();
    assert!(date.parse::<vod_runtime::Timestamp>().is_ok(), "{date}");
    assert_eq!(received.header("x-acs-security-token"), None);
}

#[tokio::test]
async fn v1_request_verifies_with_common_parameters() {
    let server = TestServer::start(|_| json(200, OK_BODY)).await;
    let client = server.client(long_term().signature_algorithm(Algorithm::V1));
    client.call(&DeleteVideo).await.unwrap();
    let [received] = server.received().try_into().unwrap();
    assert_eq!(received.verified, Ok("v1"));
    assert_eq!(received.method, "GET");
    for (key, value) in [
        ("Action", "DeleteVideo"),
        ("Format", "JSON"),
        ("Version", "2017-03-21"),
        ("AccessKeyId", "test-id"),
        ("SignatureMethod", "HMAC-SHA1"),
        ("SignatureVersion", "1.0"),
        ("VideoIds", "a b,c*~"),
    ] {
        assert_eq!(received.param(key), Some(value), "{key}");
    }
    assert!(received.param("Timestamp").is_some());
    assert_eq!(received.nonce().len(), 32);
    assert_eq!(received.header("authorization"), None);
}

#[tokio::test]
async fn sts_token_travels_signed_in_both_algorithms() {
    let server = TestServer::start(|_| json(200, OK_BODY)).await;
    server.client(sts()).call(&certificates()).await.unwrap();
    server
        .client(sts().signature_algorithm(Algorithm::V1))
        .call(&certificates())
        .await
        .unwrap();
    let [v3_request, v1_request] = server.received().try_into().unwrap();
    assert_eq!(v3_request.verified, Ok("v3"));
    assert_eq!(v3_request.header("x-acs-security-token"), Some(TOKEN));
    assert_eq!(v3_request.header("x-acs-accesskey-id"), Some("STS.test-id"));
    let signed = v3::parse_authorization(v3_request.header("authorization").unwrap())
        .unwrap()
        .signed_headers
        .join(";");
    assert!(signed.contains("x-acs-security-token"), "{signed}");
    assert_eq!(v1_request.verified, Ok("v1"));
    assert_eq!(v1_request.param("SecurityToken"), Some(TOKEN));
}

fn throttled(retry_after_ms: &str) -> Response {
    Response::builder()
        .status(StatusCode::BAD_REQUEST)
        .header("x-acs-retry-after", retry_after_ms)
        .body(Body::from(
            r#"{"Code":"Throttling.User","Message":"Request was denied due to user flow control.","RequestId":"REQ-T"}"#,
        ))
        .unwrap()
}

#[tokio::test]
async fn throttling_is_retried_after_the_servers_delay_and_resigned() {
    let server = TestServer::start(|n| {
        if n < 2 {
            throttled("150")
        } else {
            json(200, OK_BODY)
        }
    })
    .await;
    let started = Instant::now();
    // A write action: throttled requests were not applied, so they are retried too.
    let response = server.client(long_term()).call(&DeleteVideo).await.unwrap();
    assert_eq!(response.total, Some(2));
    assert!(
        started.elapsed() >= Duration::from_millis(300),
        "{:?}",
        started.elapsed()
    );
    let received = server.received();
    assert_eq!(received.len(), 3);
    assert!(received.iter().all(|r| r.verified == Ok("v3")));
    let mut nonces: Vec<String> = received.iter().map(Received::nonce).collect();
    nonces.dedup();
    assert_eq!(nonces.len(), 3, "every attempt has a fresh nonce");
}

#[tokio::test]
async fn throttling_gives_up_after_max_attempts_with_the_service_error() {
    let server = TestServer::start(|_| throttled("1")).await;
    let error = server
        .client(long_term())
        .call(&certificates())
        .await
        .unwrap_err();
    let service = error.service_error().unwrap();
    assert_eq!(service.code(), "Throttling.User");
    assert_eq!(service.retry_after(), Some(Duration::from_millis(1)));
    assert_eq!(service.attempts(), 3);
    assert_eq!(error.request_id(), Some("REQ-T"));
    assert_eq!(server.received().len(), 3);
}

#[tokio::test]
async fn server_error_retried_only_for_read_only_actions() {
    let body = r#"{"Code":"InternalError","Message":"The request processing has failed due to some unknown error.","RequestId":"REQ-500","HostId":"vod.cn-shanghai.aliyuncs.com","Recommend":"https://api.aliyun.com/troubleshoot?q=InternalError"}"#;
    let write = TestServer::start(move |_| json(500, body)).await;
    let error = write
        .client(long_term())
        .call(&DeleteVideo)
        .await
        .unwrap_err();
    assert_eq!(write.received().len(), 1, "a write is not retried on 500");
    let Error::Service(service) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(service.status(), 500);
    assert_eq!(service.code(), "InternalError");
    assert_eq!(service.request_id(), Some("REQ-500"));
    assert_eq!(service.host_id(), Some("vod.cn-shanghai.aliyuncs.com"));
    assert!(
        service
            .recommend()
            .unwrap()
            .starts_with("https://api.aliyun.com/")
    );
    assert!(error.to_string().contains("InternalError"));

    let read = TestServer::start(move |n| {
        if n == 0 {
            json(503, r#"{"Code":"ServiceUnAvailable","Message":"m"}"#)
        } else {
            json(200, OK_BODY)
        }
    })
    .await;
    read.client(long_term())
        .call(&certificates())
        .await
        .unwrap();
    assert_eq!(read.received().len(), 2);
}

#[tokio::test]
async fn disabled_retries_make_one_attempt() {
    let server = TestServer::start(|_| throttled("1")).await;
    let client = Client::new(
        &SERVICE,
        long_term()
            .endpoint(server.endpoint.clone())
            .retry(RetryPolicy::disabled()),
    );
    assert!(client.call(&certificates()).await.is_err());
    assert_eq!(server.received().len(), 1);
}

fn undecodable(error: Error) -> vod_runtime::ResponseError {
    match error {
        Error::Response(error) => error,
        other => panic!("expected an undecodable response, got {other:?}"),
    }
}

#[tokio::test]
async fn malformed_json_keeps_status_request_id_and_snippet() {
    let server = TestServer::start(|_| json(200, r#"{"RequestId":"REQ-1","Total":"#)).await;
    let error = undecodable(
        server
            .client(long_term())
            .call(&certificates())
            .await
            .unwrap_err(),
    );
    assert_eq!(error.status(), 200);
    assert_eq!(error.request_id(), Some("REQ-HEADER"));
    assert_eq!(error.snippet(), r#"{"RequestId":"REQ-1","Total":"#);
}

#[tokio::test]
async fn html_error_page_and_empty_body_are_undecodable_responses() {
    let html = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    let server = TestServer::start(move |n| {
        let (status, body) = if n < 3 { (502, html) } else { (200, "") };
        Response::builder()
            .status(status)
            .header("content-type", "text/html")
            .body(Body::from(body))
            .unwrap()
    })
    .await;
    let client = server.client(long_term());
    let error = undecodable(client.call(&certificates()).await.unwrap_err());
    assert_eq!(error.status(), 502);
    assert!(error.reason().contains("not JSON"), "{}", error.reason());
    assert!(error.snippet().contains("502 Bad Gateway"));
    assert_eq!(
        server.received().len(),
        3,
        "a gateway error is retried for a read"
    );

    let error = undecodable(client.call(&certificates()).await.unwrap_err());
    assert_eq!((error.status(), error.reason()), (200, "empty body"));
}

#[tokio::test]
async fn timeout_is_a_transport_error() {
    let server = TestServer::start(|_| {
        let mut response = json(200, OK_BODY);
        response
            .headers_mut()
            .insert(DELAY_HEADER, "600".parse().unwrap());
        response
    })
    .await;
    let client = Client::new(
        &SERVICE,
        long_term()
            .endpoint(server.endpoint.clone())
            .read_timeout(Duration::from_millis(150))
            .retry(RetryPolicy::disabled()),
    );
    let started = Instant::now();
    let error = client.call(&certificates()).await.unwrap_err();
    let Error::Transport(transport) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(transport.kind(), TransportErrorKind::Timeout);
    assert!(started.elapsed() < Duration::from_millis(550));

    let deadline = Client::new(
        &SERVICE,
        long_term()
            .endpoint(server.endpoint.clone())
            .call_timeout(Duration::from_millis(100)),
    );
    let error = deadline.call(&certificates()).await.unwrap_err();
    assert!(error.to_string().contains("deadline"), "{error}");
}

#[tokio::test]
async fn connect_failure_is_retried_and_reported() {
    // Bind then drop, so nothing listens on the port.
    let address = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let client = Client::new(
        &SERVICE,
        long_term()
            .endpoint(Endpoint::parse(&format!("http://{address}")).unwrap())
            .retry(fast_retries()),
    );
    let error = client.call(&DeleteVideo).await.unwrap_err();
    let Error::Transport(transport) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(transport.kind(), TransportErrorKind::Connect);
    assert_eq!(
        transport.attempts(),
        3,
        "a connect failure is retried even for a write"
    );
}

#[tokio::test]
async fn action_outside_its_regions_fails_before_the_network() {
    let server = TestServer::start(|_| json(200, OK_BODY)).await;
    let error = server
        .client(long_term().region("ap-southeast-1"))
        .call(&certificates())
        .await
        .unwrap_err();
    let Error::InvalidRequest(InvalidRequest::RegionNotServed {
        serving, region, ..
    }) = &error
    else {
        panic!("{error:?}")
    };
    assert_eq!(
        (region.as_str(), *serving),
        ("ap-southeast-1", &["cn-shanghai"][..])
    );
    assert!(error.to_string().contains("cn-shanghai"));
    assert!(server.received().is_empty());
    // An action without region limits goes anywhere.
    server
        .client(long_term().region("ap-southeast-1"))
        .call(&DeleteVideo)
        .await
        .unwrap();
    assert_eq!(server.received().len(), 1);
}

#[tokio::test]
async fn secrets_stay_out_of_errors_and_debug() {
    let server = TestServer::start(|_| {
        json(400, &format!(r#"{{"Code":"SignatureDoesNotMatch","Message":"server string to sign is: SecurityToken={TOKEN}"}}"#))
    })
    .await;
    let client = server.client(sts());
    let error = client.call(&certificates()).await.unwrap_err();
    for shown in [
        format!("{error}"),
        format!("{error:?}"),
        format!("{client:?}"),
    ] {
        assert!(!shown.contains(TOKEN), "{shown}");
        assert!(!shown.contains(SECRET), "{shown}");
    }
}

#[tokio::test]
async fn transport_errors_do_not_show_the_signed_url() {
    let address = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let client = Client::new(
        &SERVICE,
        sts()
            .signature_algorithm(Algorithm::V1)
            .endpoint(Endpoint::parse(&format!("http://{address}")).unwrap())
            .retry(RetryPolicy::disabled()),
    );
    let error = client.call(&certificates()).await.unwrap_err();
    let encoded_token = vod_runtime::signing::percent_encode(TOKEN);
    let mut shown = vec![format!("{error}"), format!("{error:?}")];
    let mut source = std::error::Error::source(&error);
    while let Some(cause) = source {
        shown.push(cause.to_string());
        source = cause.source();
    }
    for text in shown {
        assert!(!text.contains(&encoded_token), "{text}");
        assert!(!text.contains("Signature="), "{text}");
    }
}

/// A raw HTTP/1.1 server streaming a chunked body of `total` bytes, with no content length.
async fn chunked_server(total: usize) -> Endpoint {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut request = [0_u8; 8192];
        let _ = socket.read(&mut request).await;
        let _ = socket
            .write_all(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n")
            .await;
        let chunk = vec![b' '; 1 << 20];
        let mut sent = 0;
        while sent < total {
            let header = format!("{:x}\r\n", chunk.len());
            if socket.write_all(header.as_bytes()).await.is_err()
                || socket.write_all(&chunk).await.is_err()
                || socket.write_all(b"\r\n").await.is_err()
            {
                return;
            }
            sent += chunk.len();
        }
        let _ = socket.write_all(b"0\r\n\r\n").await;
    });
    Endpoint::parse(&format!("http://{address}")).unwrap()
}

#[tokio::test]
async fn huge_bodies_are_cut_at_the_limit() {
    // Declared length over the limit: refused before reading.
    let server = TestServer::start(|_| json(200, &" ".repeat(11 << 20))).await;
    let error = undecodable(
        server
            .client(long_term())
            .call(&certificates())
            .await
            .unwrap_err(),
    );
    assert!(error.reason().contains("limit"), "{}", error.reason());

    // Streamed without a length: reading stops at the limit, not at the end of 256 MiB.
    let client = Client::new(
        &SERVICE,
        long_term()
            .endpoint(chunked_server(256 << 20).await)
            .retry(RetryPolicy::disabled())
            .max_response_bytes(2 << 20),
    );
    let started = Instant::now();
    let error = undecodable(client.call(&certificates()).await.unwrap_err());
    assert!(
        error.reason().contains("2097152-byte limit"),
        "{}",
        error.reason()
    );
    assert!(error.snippet().len() <= vod_runtime::ResponseError::SNIPPET_BYTES);
    assert!(started.elapsed() < Duration::from_secs(5));
}
