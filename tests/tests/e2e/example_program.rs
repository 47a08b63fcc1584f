//! `generated/examples/describe_domain_certificate.rs` as a real process against the emulator.
//!
//! The test asks cargo to build the example (`cargo build -p vod-sdk --example ...`, the cargo
//! that runs the tests, same target dir) and takes the executable's path from cargo's JSON
//! messages: cargo decides freshness, so the test never runs a stale binary and works when
//! only `-p vod-e2e` is tested. `cargo test` holds no build lock while tests run, and the
//! build is a no-op once the example is up to date (the first run after a change of the
//! example, the SDK or the runtime takes a few seconds more).

use std::io::ErrorKind;
use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::{Mutex, PoisonError};

use crate::common::{self, ID, SECRET};

const EXAMPLE: &str = "describe_domain_certificate";

/// Builds the example (a no-op when it is fresh) and returns its executable's path.
fn build_example() -> PathBuf {
    let output = Command::new(env!("CARGO"))
        .args(["build", "--quiet", "--message-format=json", "-p", "vod-sdk"])
        .args(["--example", EXAMPLE])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "building the example failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .find(|message| {
            message["reason"] == "compiler-artifact" && message["target"]["name"] == EXAMPLE
        })
        .and_then(|message| message["executable"].as_str().map(PathBuf::from))
        .unwrap_or_else(|| panic!("cargo reported no executable for {EXAMPLE}"))
}

/// Runs the example with only the test key pair in its environment and an empty HOME, so no
/// developer profile is ever read.
fn run_blocking(args: &[String], with_credentials: bool) -> Output {
    // The path of the last build; the first test to need it builds.
    static BINARY: Mutex<Option<PathBuf>> = Mutex::new(None);
    let home = tempfile::tempdir().unwrap();
    let mut attempts = 0;
    loop {
        attempts += 1;
        let binary = BINARY
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get_or_insert_with(build_example)
            .clone();
        let mut command = Command::new(binary);
        command.args(args).env_clear().env("HOME", home.path());
        if with_credentials {
            command
                .env("ALIBABA_CLOUD_ACCESS_KEY_ID", ID)
                .env("ALIBABA_CLOUD_ACCESS_KEY_SECRET", SECRET);
        }
        match command.output() {
            // Another build in the shared target dir (other packages, other features) can
            // replace the executable cargo links under the example's name; building again
            // links it back.
            Err(error) if error.kind() == ErrorKind::NotFound && attempts < 3 => {
                *BINARY.lock().unwrap_or_else(PoisonError::into_inner) = None;
            }
            outcome => return outcome.unwrap(),
        }
    }
}

async fn run(args: &[&str], with_credentials: bool) -> Output {
    let args: Vec<String> = args.iter().map(|arg| (*arg).to_owned()).collect();
    // Off the runtime's workers, which serve the emulator while the child runs.
    tokio::task::spawn_blocking(move || run_blocking(&args, with_credentials))
        .await
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn prints_the_certificate_as_wire_json_and_exits_0() {
    let harness = common::start().await;
    let endpoint = harness.emulator.endpoint();
    for signature in ["v3", "v1"] {
        let output = run(
            &[
                "--domain-name",
                "example.com",
                "--endpoint",
                &endpoint,
                "--region",
                "cn-shanghai",
                "--signature",
                signature,
            ],
            true,
        )
        .await;
        let stderr = text(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "{signature}: {stderr}");
        let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        let info = &json["CertInfos"]["CertInfo"][0];
        assert_eq!(info["DomainName"], "example.com", "{json}");
        assert_eq!(info["CertType"], "cas");
        assert_eq!(info["SSLProtocol"], "on");
        assert_eq!(info["CertExpireTime"], "2018-06-03T13:03:39Z");
        assert!(json["RequestId"].as_str().is_some_and(|id| !id.is_empty()));
        assert!(stderr.is_empty(), "{stderr}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_service_error_prints_code_status_and_request_id_and_exits_1() {
    let harness = common::start().await;
    let endpoint = harness.emulator.endpoint();
    let output = run(
        &[
            "--domain-name",
            "unknown.example.net",
            "--endpoint",
            &endpoint,
        ],
        true,
    )
    .await;
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(output.stdout.is_empty());
    assert!(stderr.contains("InvalidDomain.NotFound"), "{stderr}");
    assert!(stderr.contains("HTTP status 404"), "{stderr}");
    let request_id = stderr
        .split("request id ")
        .nth(1)
        .and_then(|rest| rest.split(':').next())
        .unwrap_or_default();
    // The emulator's ids are upper-case UUIDs.
    assert_eq!(request_id.len(), 36, "{stderr}");
    assert!(
        request_id
            .bytes()
            .all(|b| b == b'-' || b.is_ascii_hexdigit()),
        "{stderr}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_arguments_print_a_usage_line_and_exit_2() {
    for args in [
        &[][..],
        &["--domain-name"][..],
        &["--domain-name", "example.com", "--signature", "v2"][..],
        &[
            "--domain-name",
            "example.com",
            "--endpoint",
            "ftp://127.0.0.1",
        ][..],
        &["--domain-name", "example.com", "--verbose"][..],
    ] {
        let output = run(args, true).await;
        let stderr = text(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(output.stdout.is_empty());
        let lines: Vec<&str> = stderr.lines().collect();
        assert_eq!(lines.len(), 2, "{args:?}: {stderr}");
        assert!(lines[0].starts_with("error: "), "{stderr}");
        assert!(lines[1].starts_with("usage: "), "{stderr}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn other_failures_print_one_line_and_exit_2() {
    let harness = common::start().await;
    let endpoint = harness.emulator.endpoint();
    let certificate = ["--domain-name", "example.com", "--endpoint", &endpoint];
    let another_region = [&certificate[..], &["--region", "cn-beijing"]].concat();
    for (args, with_credentials, reason) in [
        // Empty environment and HOME: the chain finds nothing.
        (&certificate[..], false, "ALIBABA_CLOUD_ACCESS_KEY_ID"),
        (&another_region[..], true, "cn-shanghai"),
    ] {
        let output = run(args, with_credentials).await;
        let stderr = text(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(output.stdout.is_empty());
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.contains(reason), "{stderr}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn help_prints_the_usage_and_exits_0() {
    let output = run(&["--help"], false).await;
    assert_eq!(output.status.code(), Some(0));
    assert!(text(&output.stdout).starts_with("usage: describe_domain_certificate --domain-name"));
    assert!(output.stderr.is_empty());
}
