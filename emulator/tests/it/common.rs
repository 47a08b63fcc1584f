//! Starts an emulator on a free loopback port and signs calls to it with the SDK's signing code.

use std::sync::atomic::{AtomicU64, Ordering};

use emulator::{Credentials, Emulator, RunningEmulator};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use vod_runtime::Timestamp;
use vod_runtime::signing::{Identity, SigningRequest, v1, v3};

pub const ID: &str = "test-access-key-id";
pub const SECRET: &str = "test-access-key-secret";
pub const VERSION: &str = "2017-03-21";

pub struct Harness {
    pub emulator: RunningEmulator,
    pub http: reqwest::Client,
}

/// How a test call is signed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sig {
    V3,
    V1,
}

/// Everything a test may vary about a call.
pub struct CallSpec<'a> {
    pub sig: Sig,
    pub method: &'a str,
    pub action: &'a str,
    pub version: &'a str,
    pub params: Vec<(String, String)>,
    pub access_key_id: &'a str,
    pub secret: &'a str,
    pub token: Option<&'a str>,
    pub timestamp: String,
    pub nonce: String,
    /// v1 only: send the signed parameters as a form body instead of the query string.
    pub form_body: bool,
}

static NONCES: AtomicU64 = AtomicU64::new(0);

/// A nonce never used before in this test binary.
pub fn fresh_nonce() -> String {
    format!(
        "{:032x}",
        (u128::from(std::process::id()) << 64) | u128::from(NONCES.fetch_add(1, Ordering::Relaxed))
    )
}

pub fn call<'a>(sig: Sig, action: &'a str, params: &[(&str, &str)]) -> CallSpec<'a> {
    CallSpec {
        sig,
        method: "POST",
        action,
        version: VERSION,
        params: params
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        access_key_id: ID,
        secret: SECRET,
        token: None,
        timestamp: Timestamp::now().to_string(),
        nonce: fresh_nonce(),
        form_body: false,
    }
}

pub async fn start() -> Harness {
    start_with(Credentials::new(ID, SECRET)).await
}

pub async fn start_with(credentials: Credentials) -> Harness {
    let emulator = Emulator::builder()
        .credentials(credentials)
        .start()
        .await
        .unwrap();
    Harness {
        emulator,
        http: reqwest::Client::new(),
    }
}

/// A response, read whole.
pub struct Answer {
    pub status: u16,
    pub headers: HeaderMap,
    pub text: String,
}

impl Answer {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.text).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text))
    }

    pub fn code(&self) -> String {
        self.json()["Code"].as_str().unwrap_or_default().to_owned()
    }
}

impl Harness {
    pub fn host(&self) -> String {
        self.emulator.addr().to_string()
    }

    /// Builds the signed request for `spec` without sending it.
    pub fn request(&self, spec: &CallSpec<'_>) -> reqwest::RequestBuilder {
        let host = self.host();
        let signing = SigningRequest {
            method: spec.method,
            host: &host,
            action: spec.action,
            version: spec.version,
            params: &spec.params,
            identity: Identity {
                access_key_id: spec.access_key_id,
                access_key_secret: spec.secret,
                security_token: spec.token,
            },
            timestamp: &spec.timestamp,
            nonce: &spec.nonce,
        };
        let signed = match spec.sig {
            Sig::V3 => v3::sign(&signing),
            Sig::V1 => v1::sign(&signing),
        };
        let method = reqwest::Method::from_bytes(spec.method.as_bytes()).unwrap();
        let mut headers = HeaderMap::new();
        for (name, value) in &signed.headers {
            // reqwest sets `host` itself, to the same value.
            if *name != "host" {
                headers.insert(
                    HeaderName::from_static(name),
                    HeaderValue::from_str(value).unwrap(),
                );
            }
        }
        let base = self.emulator.endpoint();
        if spec.form_body {
            self.http
                .request(method, format!("{base}/"))
                .headers(headers)
                .header("content-type", "application/x-www-form-urlencoded")
                .body(signed.query_string)
        } else {
            self.http
                .request(method, format!("{base}/?{}", signed.query_string))
                .headers(headers)
        }
    }

    pub async fn send(&self, spec: &CallSpec<'_>) -> Answer {
        read(self.request(spec).send().await.unwrap()).await
    }
}

pub async fn read(response: reqwest::Response) -> Answer {
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let text = response.text().await.unwrap();
    Answer {
        status,
        headers,
        text,
    }
}
