//! `emulator --addr HOST:PORT --access-key-id ID --access-key-secret SECRET
//! [--security-token TOKEN] [--spec DIR]`: serves until Ctrl-C or SIGTERM.

use std::io::Write as _;
use std::net::SocketAddr;
use std::process::ExitCode;

use emulator::{Credentials, Emulator};

const USAGE: &str = "usage: emulator --addr HOST:PORT --access-key-id ID --access-key-secret SECRET \
                     [--security-token TOKEN] [--spec DIR]";

struct Args {
    addr: SocketAddr,
    credentials: Credentials,
    spec: Option<String>,
}

fn parse(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let (mut addr, mut id, mut secret, mut token, mut spec) = (None, None, None, None, None);
    while let Some(flag) = args.next() {
        let slot = match flag.as_str() {
            "--addr" => &mut addr,
            "--access-key-id" => &mut id,
            "--access-key-secret" => &mut secret,
            "--security-token" => &mut token,
            "--spec" => &mut spec,
            "-h" | "--help" => return Err(USAGE.to_owned()),
            other => return Err(format!("unknown argument {other:?}\n{USAGE}")),
        };
        *slot = Some(
            args.next()
                .ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))?,
        );
    }
    let missing = |name: &str| format!("{name} is required\n{USAGE}");
    let addr = addr.ok_or_else(|| missing("--addr"))?;
    let addr = addr.parse().map_err(|e| format!("--addr {addr:?}: {e}"))?;
    let mut credentials = Credentials::new(
        id.ok_or_else(|| missing("--access-key-id"))?,
        secret.ok_or_else(|| missing("--access-key-secret"))?,
    );
    if let Some(token) = token {
        credentials = credentials.with_security_token(token);
    }
    Ok(Args {
        addr,
        credentials,
        spec,
    })
}

async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    // Without SIGTERM support, Ctrl-C alone stops the server; if even that cannot be
    // installed the server runs until killed.
    if tokio::signal::ctrl_c().await.is_err() {
        std::future::pending::<()>().await;
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = match parse(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let mut builder = Emulator::builder()
        .addr(args.addr)
        .credentials(args.credentials);
    if let Some(spec) = args.spec {
        builder = builder.spec(spec);
    }
    let running = match builder.start().await {
        Ok(running) => running,
        Err(e) => {
            eprintln!("emulator: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!("listening on {}", running.endpoint());
    // Scripts wait for that line; a closed stdout must not stop the server.
    let _ = std::io::stdout().flush();
    stop_signal().await;
    running.shutdown().await;
    ExitCode::SUCCESS
}
