//! `cargo run -p codegen [-- --check] [--spec DIR] [--out DIR]`: regenerates `generated/` from
//! `spec/` (both relative to the workspace by default).
//!
//! With `--check`, writes nothing: prints a diff and exits non-zero when the output is stale.
//! An invalid spec prints every problem and exits non-zero.
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage: codegen [--check] [--spec DIR] [--out DIR]";

struct Args {
    check: bool,
    spec: PathBuf,
    out: PathBuf,
}

fn parse_args() -> Result<Args, String> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = manifest.parent().unwrap_or(manifest);
    let mut args = Args {
        check: false,
        spec: root.join("spec"),
        out: root.join("generated"),
    };
    let mut given = std::env::args().skip(1);
    while let Some(arg) = given.next() {
        match arg.as_str() {
            "--check" => args.check = true,
            "--spec" | "--out" => {
                let value = given
                    .next()
                    .ok_or(format!("{arg} needs a directory\n{USAGE}"))?;
                if arg == "--spec" {
                    args.spec = value.into();
                } else {
                    args.out = value.into();
                }
            }
            "-h" | "--help" => return Err(USAGE.to_owned()),
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        }
    }
    Ok(args)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::FAILURE;
        }
    };
    let out = args.out.display().to_string();
    let config = codegen::Config::new()
        .spec_dir(&args.spec)
        .out_dir(&args.out);
    let result = if args.check {
        config.check().map(|drift| {
            for file in &drift {
                println!(
                    "--- {out}/{0} (on disk)\n+++ {out}/{0} (from the spec)\n{1}",
                    file.path.display(),
                    file.diff
                );
            }
            if drift.is_empty() {
                println!("{out} is up to date");
            } else {
                eprintln!(
                    "{out} is stale in {} file(s): run `cargo run -p codegen`",
                    drift.len()
                );
            }
            drift.is_empty()
        })
    } else {
        config.generate().map(|changed| {
            for path in &changed {
                println!("wrote {out}/{}", path.display());
            }
            println!("{} file(s) changed", changed.len());
            true
        })
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(error) => {
            eprintln!("{error}");
            ExitCode::FAILURE
        }
    }
}
