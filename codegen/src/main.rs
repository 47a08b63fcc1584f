//! `cargo run -p codegen`: validates `spec/` and reports (emission lands next).
use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    match codegen::load(&root.join("spec")) {
        Ok(api) => {
            println!(
                "spec OK: {} actions, {} enums",
                api.actions.len(),
                api.enums.len()
            );
            ExitCode::SUCCESS
        }
        Err(diagnostics) => {
            eprintln!("{diagnostics}");
            ExitCode::FAILURE
        }
    }
}
