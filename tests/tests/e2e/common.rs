//! An emulator on a free loopback port, generated clients pointed at it, and its fault queue.

use std::time::Duration;

use emulator::{Emulator, FAULTS_PATH, RunningEmulator};
use vod_runtime::credentials::Credentials;
use vod_runtime::endpoint::Endpoint;
use vod_runtime::signing::Algorithm;
use vod_runtime::{Config, RetryPolicy};

pub const ID: &str = "e2e-access-key-id";
pub const SECRET: &str = "e2e-access-key-secret";

/// Both signature algorithms, for tests that run once per algorithm.
pub const ALGORITHMS: [Algorithm; 2] = [Algorithm::V3, Algorithm::V1];

pub struct Harness {
    pub emulator: RunningEmulator,
    http: reqwest::Client,
}

/// An emulator serving the workspace spec to the key pair [`ID`] / [`SECRET`].
pub async fn start() -> Harness {
    start_with(Emulator::builder().credentials(emulator::Credentials::new(ID, SECRET))).await
}

pub async fn start_with(builder: emulator::EmulatorBuilder) -> Harness {
    Harness {
        emulator: builder.start().await.unwrap(),
        http: reqwest::Client::new(),
    }
}

impl Harness {
    /// A config for this emulator: its endpoint, the test key pair, no retries.
    pub fn config(&self, algorithm: Algorithm) -> Config {
        Config::new()
            .endpoint(Endpoint::parse(&self.emulator.endpoint()).unwrap())
            .credentials(Credentials::new(ID, SECRET))
            .signature_algorithm(algorithm)
            .retry(RetryPolicy::disabled())
    }

    pub fn client(&self, algorithm: Algorithm) -> vod_sdk::Client {
        vod_sdk::Client::new(self.config(algorithm))
    }

    /// A client that retries up to `max_attempts` times with millisecond backoff.
    pub fn retrying_client(&self, max_attempts: u32) -> vod_sdk::Client {
        let retry = RetryPolicy::default()
            .with_max_attempts(max_attempts)
            .with_base_delay(Duration::from_millis(5));
        vod_sdk::Client::new(self.config(Algorithm::V3).retry(retry))
    }

    /// Queues fault rules (the emulator's JSON rule format) for the next calls.
    pub async fn queue_faults(&self, rules: serde_json::Value) {
        let response = self
            .http
            .post(self.faults_url())
            .body(rules.to_string())
            .send()
            .await
            .unwrap();
        assert!(response.status().is_success(), "{rules} refused");
    }

    /// The rules not yet used up.
    pub async fn pending_faults(&self) -> serde_json::Value {
        let text = self
            .http
            .get(self.faults_url())
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        serde_json::from_str(&text).unwrap()
    }

    fn faults_url(&self) -> String {
        format!("{}{FAULTS_PATH}", self.emulator.endpoint())
    }
}
