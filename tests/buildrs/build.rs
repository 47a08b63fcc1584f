//! Generates two SDKs into OUT_DIR with codegen as a library: this crate's own spec, and the
//! codegen golden spec `edge` (so the golden output is compiled and tested here too).
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(out_dir) = std::env::var_os("OUT_DIR").map(PathBuf::from) else {
        eprintln!("OUT_DIR is not set: run through cargo");
        return ExitCode::FAILURE;
    };
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let specs = [
        manifest.join("spec"),
        manifest.join("../../codegen/tests/specs/edge/spec"),
    ];
    for spec in specs {
        println!("cargo:rerun-if-changed={}", spec.display());
        let generated = codegen::Config::new()
            .spec_dir(&spec)
            .out_dir(&out_dir)
            .layout(codegen::Layout::SingleFile)
            .generate();
        if let Err(error) = generated {
            eprintln!("{error}");
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
