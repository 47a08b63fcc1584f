//! Load check: N concurrent clients (default 200) call an in-process emulator over loopback for
//! a fixed time (default 10 s), each call signed with `ACS3-HMAC-SHA256`. Prints requests/s and
//! latency percentiles; exits non-zero if any call failed.
//!
//! `cargo run --release -p emulator --example load -- [--clients N] [--seconds S]`

use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use emulator::{Credentials, Emulator};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use vod_runtime::Timestamp;
use vod_runtime::signing::{Identity, SigningRequest, v3};

const ID: &str = "load-id";
const SECRET: &str = "load-secret";

struct Options {
    clients: usize,
    seconds: u64,
}

fn options() -> Result<Options, String> {
    let mut options = Options {
        clients: 200,
        seconds: 10,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
        let number = value
            .parse::<u64>()
            .map_err(|e| format!("{flag} {value:?}: {e}"))?;
        match flag.as_str() {
            "--clients" => options.clients = usize::try_from(number).map_err(|e| e.to_string())?,
            "--seconds" => options.seconds = number,
            _ => return Err(format!("unknown argument {flag:?}")),
        }
    }
    Ok(options)
}

/// One signed DescribeVodDomainCertificateInfo call with a fresh nonce.
fn signed_call(
    http: &reqwest::Client,
    endpoint: &str,
    host: &str,
    nonce: &str,
) -> Result<reqwest::RequestBuilder, String> {
    let params = [("DomainName".to_owned(), "example.com".to_owned())];
    let timestamp = Timestamp::now().to_string();
    let signed = v3::sign(&SigningRequest {
        method: "POST",
        host,
        action: "DescribeVodDomainCertificateInfo",
        version: "2017-03-21",
        params: &params,
        identity: Identity {
            access_key_id: ID,
            access_key_secret: SECRET,
            security_token: None,
        },
        timestamp: &timestamp,
        nonce,
    });
    let mut headers = HeaderMap::new();
    for (name, value) in signed.headers.iter().filter(|(name, _)| *name != "host") {
        let value = HeaderValue::from_str(value).map_err(|e| e.to_string())?;
        headers.insert(HeaderName::from_static(name), value);
    }
    Ok(http
        .post(format!("{endpoint}/?{}", signed.query_string))
        .headers(headers))
}

async fn client(
    http: reqwest::Client,
    endpoint: Arc<str>,
    host: Arc<str>,
    deadline: Instant,
    id: usize,
    errors: Arc<AtomicU64>,
) -> Vec<Duration> {
    let mut latencies = Vec::new();
    let mut sequence = 0u64;
    while Instant::now() < deadline {
        sequence += 1;
        let nonce = format!("{id:016x}{sequence:016x}");
        let started = Instant::now();
        let outcome = match signed_call(&http, &endpoint, &host, &nonce) {
            Ok(request) => match request.send().await {
                Ok(response) if response.status() == 200 => response
                    .bytes()
                    .await
                    .map(|_| ())
                    .map_err(|e| e.to_string()),
                Ok(response) => Err(format!("status {}", response.status())),
                Err(e) => Err(e.to_string()),
            },
            Err(e) => Err(e),
        };
        match outcome {
            Ok(()) => latencies.push(started.elapsed()),
            Err(e) => {
                if errors.fetch_add(1, Ordering::Relaxed) < 5 {
                    eprintln!("client {id}: {e}");
                }
            }
        }
    }
    latencies
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len().max(1)) - 1;
    sorted.get(index).copied().unwrap_or_default()
}

#[tokio::main]
async fn main() -> ExitCode {
    let options = match options() {
        Ok(options) => options,
        Err(e) => {
            eprintln!("load: {e}");
            return ExitCode::from(2);
        }
    };
    let running = match Emulator::builder()
        .credentials(Credentials::new(ID, SECRET))
        .start()
        .await
    {
        Ok(running) => running,
        Err(e) => {
            eprintln!("load: {e}");
            return ExitCode::FAILURE;
        }
    };
    let endpoint: Arc<str> = running.endpoint().into();
    let host: Arc<str> = running.addr().to_string().into();
    // One pooled connection per client: the pool is bounded by the client count.
    let http = match reqwest::Client::builder()
        .pool_max_idle_per_host(options.clients)
        .build()
    {
        Ok(http) => http,
        Err(e) => {
            eprintln!("load: {e}");
            return ExitCode::FAILURE;
        }
    };
    let errors = Arc::new(AtomicU64::new(0));
    let started = Instant::now();
    let deadline = started + Duration::from_secs(options.seconds);
    let tasks: Vec<_> = (0..options.clients)
        .map(|id| {
            tokio::spawn(client(
                http.clone(),
                endpoint.clone(),
                host.clone(),
                deadline,
                id,
                errors.clone(),
            ))
        })
        .collect();
    let mut latencies = Vec::new();
    for task in tasks {
        match task.await {
            Ok(list) => latencies.extend(list),
            Err(e) => {
                eprintln!("load: a client task failed: {e}");
                errors.fetch_add(1, Ordering::Relaxed);
            }
        }
    }
    let elapsed = started.elapsed();
    running.shutdown().await;
    latencies.sort_unstable();
    let errors = errors.load(Ordering::Relaxed);
    println!(
        "clients={} seconds={:.1} requests={} errors={} requests/s={:.0} p50={:.2}ms p99={:.2}ms max={:.2}ms",
        options.clients,
        elapsed.as_secs_f64(),
        latencies.len(),
        errors,
        latencies.len() as f64 / elapsed.as_secs_f64(),
        percentile(&latencies, 0.50).as_secs_f64() * 1e3,
        percentile(&latencies, 0.99).as_secs_f64() * 1e3,
        latencies.last().copied().unwrap_or_default().as_secs_f64() * 1e3,
    );
    if errors == 0 && !latencies.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
