//! The client's tracing: a span per call and per attempt with action, attempt, status and
//! request id, and no secret anywhere in the output.

use std::io;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Body;
use axum::response::Response;
use tracing_subscriber::fmt::format::FmtSpan;
use vod_runtime::credentials::Credentials;
use vod_runtime::endpoint::Endpoint;
use vod_runtime::query::{QueryWriter, ToQuery};
use vod_runtime::signing::Algorithm;
use vod_runtime::{Action, Client, Config, HttpMethod, RetryPolicy, Service};

const SECRET: &str = "trace-secret-value";
const TOKEN: &str = "trace-token-value";

static SERVICE: Service = Service {
    product: "vod",
    version: "2017-03-21",
    default_region: "cn-shanghai",
    endpoint_pattern: "vod.{region}.aliyuncs.com",
    regional_endpoints: &[],
};

struct GetVideoInfo;

impl ToQuery for GetVideoInfo {
    fn write_query(&self, writer: &mut QueryWriter) {
        writer.push("VideoId", "v-1");
    }
}

#[derive(Debug, serde::Deserialize)]
struct Empty {}

impl Action for GetVideoInfo {
    const NAME: &'static str = "GetVideoInfo";
    const METHOD: HttpMethod = HttpMethod::Post;
    const READ_ONLY: bool = true;
    const REGIONS: &'static [&'static str] = &[];
    type Response = Empty;
}

#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl io::Write for Capture {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn spans_carry_attempts_status_and_request_id_but_no_secrets() {
    let served = Arc::new(Mutex::new(0));
    let app = axum::Router::new().fallback(move || {
        let served = served.clone();
        async move {
            let mut count = served.lock().unwrap();
            *count += 1;
            let (status, body) = if *count == 1 {
                (400, r#"{"Code":"Throttling","Message":"slow down"}"#)
            } else {
                (200, "{}")
            };
            Response::builder()
                .status(status)
                .header("x-acs-request-id", format!("REQ-{count}"))
                .body(Body::from(body))
                .unwrap()
        }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });

    let capture = Capture::default();
    let writer = capture.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::DEBUG)
        .with_span_events(FmtSpan::CLOSE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let client = Client::new(
        &SERVICE,
        Config::new()
            .credentials(Credentials::new("trace-id", SECRET).with_security_token(TOKEN))
            .signature_algorithm(Algorithm::V1)
            .endpoint(Endpoint::parse(&format!("http://{address}")).unwrap())
            .retry(RetryPolicy::default().with_base_delay(Duration::from_millis(1))),
    );
    client.call(&GetVideoInfo).await.unwrap();

    let output = String::from_utf8(capture.0.lock().unwrap().clone()).unwrap();
    for expected in [
        "vod_call{action=\"GetVideoInfo\" region=\"cn-shanghai\"",
        "vod_attempt{attempt=1 status=400 request_id=\"REQ-1\"}",
        "vod_attempt{attempt=2 status=200 request_id=\"REQ-2\"}",
        "retrying",
        "attempts=2",
    ] {
        assert!(
            output.contains(expected),
            "{expected} missing from:\n{output}"
        );
    }
    for secret in [SECRET, TOKEN, "Signature="] {
        assert!(!output.contains(secret), "{secret} leaked into:\n{output}");
    }
}
