//! `cargo run -p codegen [-- --check]`: regenerates `generated/` from `spec/`.
//!
//! With `--check`, writes nothing: prints a diff and exits non-zero when `generated/` is stale.
use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let check = std::env::args().skip(1).any(|arg| arg == "--check");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let config = codegen::Config::new()
        .spec_dir(root.join("spec"))
        .out_dir(root.join("generated"));
    let result = if check {
        config.check().map(|drift| {
            for file in &drift {
                println!(
                    "--- generated/{} (on disk) vs +++ (from the spec)\n{}",
                    file.path.display(),
                    file.diff
                );
            }
            if drift.is_empty() {
                println!("generated/ is up to date");
            } else {
                eprintln!(
                    "generated/ is stale in {} file(s): run `cargo run -p codegen`",
                    drift.len()
                );
            }
            drift.is_empty()
        })
    } else {
        config.generate().map(|changed| {
            for path in &changed {
                println!("wrote generated/{}", path.display());
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
