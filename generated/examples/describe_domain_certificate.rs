//! Prints the certificate of a VOD accelerated domain (`DescribeVodDomainCertificateInfo`).
//!
//! ```text
//! cargo run -p vod-sdk --example describe_domain_certificate -- --domain-name NAME \
//!     [--endpoint URL] [--region REGION] [--signature v3|v1]
//! ```
//!
//! Credentials come from the default chain: `ALIBABA_CLOUD_ACCESS_KEY_ID` /
//! `ALIBABA_CLOUD_ACCESS_KEY_SECRET` (and `ALIBABA_CLOUD_SECURITY_TOKEN`), then the CLI profile
//! `~/.aliyun/config.json`, then `~/.alibabacloud/credentials.ini`.
//!
//! - Exit 0: the response, as the API's JSON (wire names), on stdout (`--help`: the usage).
//! - Exit 1: the service refused; its code, HTTP status and request id on stderr.
//! - Exit 2: anything else (bad arguments, no credentials, no connection); one line on stderr.
//!
//! Against the local emulator (`cargo run -p emulator -- --addr 127.0.0.1:0 ...`), pass the
//! address it prints as `--endpoint http://127.0.0.1:PORT`.

use std::process::ExitCode;

use vod_sdk::describe_vod_domain_certificate_info::DescribeVodDomainCertificateInfoRequest;
use vod_sdk::runtime::credentials::DefaultChain;
use vod_sdk::runtime::endpoint::Endpoint;
use vod_sdk::runtime::signing::Algorithm;
use vod_sdk::runtime::{Config, Error};

const USAGE: &str = "usage: describe_domain_certificate --domain-name NAME [--endpoint URL] \
                     [--region REGION] [--signature v3|v1]";

/// The command line, parsed.
#[derive(Debug)]
struct Args {
    domain_name: String,
    endpoint: Option<Endpoint>,
    region: Option<String>,
    algorithm: Algorithm,
}

/// Parses `--flag value` pairs. Four flags do not justify a parser dependency.
fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut domain_name = None;
    let mut endpoint = None;
    let mut region = None;
    let mut algorithm = Algorithm::V3;
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--domain-name" => domain_name = Some(value()?),
            "--endpoint" => {
                endpoint = Some(Endpoint::parse(&value()?).map_err(|error| error.to_string())?);
            }
            "--region" => region = Some(value()?),
            "--signature" => {
                algorithm = match value()?.as_str() {
                    "v3" => Algorithm::V3,
                    "v1" => Algorithm::V1,
                    other => return Err(format!("--signature must be v3 or v1, not `{other}`")),
                }
            }
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(Args {
        domain_name: domain_name.ok_or("--domain-name is required")?,
        endpoint,
        region,
        algorithm,
    })
}

/// Calls the action and prints the outcome; the return value is the exit code.
async fn run(args: Args) -> ExitCode {
    let mut config = Config::new()
        .credentials_provider(DefaultChain::from_process())
        .signature_algorithm(args.algorithm);
    if let Some(endpoint) = args.endpoint {
        config = config.endpoint(endpoint);
    }
    if let Some(region) = args.region {
        config = config.region(region);
    }
    let client = vod_sdk::Client::new(config);
    let request = match DescribeVodDomainCertificateInfoRequest::builder()
        .domain_name(args.domain_name)
        .build()
    {
        Ok(request) => request,
        Err(error) => return fail(&error.to_string()),
    };
    match client.describe_vod_domain_certificate_info(&request).await {
        Ok(response) => match serde_json::to_string_pretty(&response) {
            Ok(json) => {
                println!("{json}");
                ExitCode::SUCCESS
            }
            Err(error) => fail(&format!(
                "the response could not be written as JSON: {error}"
            )),
        },
        Err(Error::Service(error)) => {
            eprintln!(
                "service error: code {}, HTTP status {}, request id {}: {}",
                error.code(),
                error.status(),
                error.request_id().unwrap_or("(none)"),
                error.message()
            );
            ExitCode::from(1)
        }
        Err(error) => fail(&error.to_string()),
    }
}

/// Reports a failure that is not the service's answer (exit 2).
fn fail(reason: &str) -> ExitCode {
    eprintln!("error: {reason}");
    ExitCode::from(2)
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    if std::env::args()
        .skip(1)
        .any(|arg| arg == "--help" || arg == "-h")
    {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    match parse_args(std::env::args().skip(1)) {
        Ok(args) => run(args).await,
        Err(reason) => {
            eprintln!("error: {reason}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}
