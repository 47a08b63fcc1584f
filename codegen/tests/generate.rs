//! The generator end to end: drift of `generated/`, determinism, golden outputs, and the
//! corpus of bad specs with their exact diagnostics. `BLESS=1` rewrites every expectation.

use codegen::{Config, Layout};
use std::path::{Path, PathBuf};

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn bless() -> bool {
    std::env::var_os("BLESS").is_some()
}

fn repo_config() -> Config {
    let root = manifest_dir().join("..");
    Config::new()
        .spec_dir(root.join("spec"))
        .out_dir(root.join("generated"))
}

/// `generated/` is what the spec generates (`cargo run -p codegen` fixes it; so does BLESS=1).
#[test]
fn generated_crate_is_current() {
    let config = repo_config();
    if bless() {
        config.generate().unwrap();
    }
    let drift = config.check().unwrap();
    let report: Vec<String> = drift
        .iter()
        .map(|d| format!("--- {}\n{}", d.path.display(), d.diff))
        .collect();
    assert!(
        drift.is_empty(),
        "generated/ is stale; run `cargo run -p codegen`:\n{}",
        report.join("\n")
    );
}

#[test]
fn generation_is_deterministic() {
    let config = repo_config();
    let first = config.render().unwrap();
    let second = config.render().unwrap();
    assert_eq!(first, second);
    let single = config.clone().layout(Layout::SingleFile);
    assert_eq!(single.render().unwrap(), single.render().unwrap());
}

fn subdirectories(dir: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            path.is_dir() && !path.file_name().unwrap().to_string_lossy().starts_with('_')
        })
        .collect();
    dirs.sort();
    dirs
}

fn compare(expected_path: &Path, actual: &str) {
    if bless() {
        std::fs::write(expected_path, actual).unwrap();
    }
    let expected = std::fs::read_to_string(expected_path).unwrap_or_default();
    assert!(
        expected == actual,
        "{} differs (BLESS=1 rewrites it):\n{}",
        expected_path.display(),
        codegen_diff(&expected, actual)
    );
}

/// A readable mismatch report: the lines that differ.
fn codegen_diff(expected: &str, actual: &str) -> String {
    let mut out = String::new();
    for (i, (e, a)) in expected.lines().zip(actual.lines()).enumerate() {
        if e != a {
            out.push_str(&format!("line {}:\n- {e}\n+ {a}\n", i + 1));
        }
    }
    out.push_str(&format!(
        "({} vs {} lines)",
        expected.lines().count(),
        actual.lines().count()
    ));
    out
}

/// Each spec in `tests/specs/<name>/` generates exactly `expected.rs` (single-file layout; the
/// `vod-buildrs-test` crate compiles and tests the same output).
#[test]
fn golden_outputs() {
    for spec in subdirectories(&manifest_dir().join("tests/specs")) {
        let files = Config::new()
            .spec_dir(spec.join("spec"))
            .layout(Layout::SingleFile)
            .render()
            .unwrap();
        assert_eq!(files.len(), 1);
        compare(&spec.join("expected.rs"), &files[0].contents);
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Each case in `tests/bad/<kind>/` (files laid over the valid `_base` spec) is rejected with
/// exactly the diagnostics in its `expected.txt`.
#[test]
fn bad_specs_are_reported_exactly() {
    let bad = manifest_dir().join("tests/bad");
    for case in subdirectories(&bad) {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let dir = std::env::temp_dir().join(format!("codegen-bad-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        copy_dir(&bad.join("_base"), &dir);
        copy_dir(&case, &dir);
        std::fs::remove_file(dir.join("expected.txt")).ok();
        let diagnostics = codegen::load(&dir).expect_err(&format!("{name} should be rejected"));
        let prefix = format!("{}/", dir.display());
        let text = diagnostics.to_string().replace(&prefix, "") + "\n";
        std::fs::remove_dir_all(&dir).unwrap();
        compare(&case.join("expected.txt"), &text);
    }
}

/// The base of the corpus is itself valid, so each case fails for its own reason only.
#[test]
fn bad_corpus_base_is_valid() {
    let api = codegen::load(&manifest_dir().join("tests/bad/_base")).unwrap();
    assert_eq!(api.actions.keys().collect::<Vec<_>>(), ["Ping"]);
}

fn run_cli(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_codegen"))
        .args(args)
        .output()
        .unwrap()
}

/// `codegen --check` passes on the repository and fails, with a diff, on a stale copy.
#[test]
fn cli_check_reports_drift_with_a_diff() {
    let up_to_date = run_cli(&["--check"]);
    assert!(
        up_to_date.status.success(),
        "{}",
        String::from_utf8_lossy(&up_to_date.stderr)
    );

    let out = std::env::temp_dir().join(format!("codegen-cli-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let spec = manifest_dir().join("tests/bad/_base");
    let (spec, out_text) = (spec.to_str().unwrap(), out.to_str().unwrap());
    assert!(
        run_cli(&["--spec", spec, "--out", out_text])
            .status
            .success()
    );
    assert!(
        run_cli(&["--check", "--spec", spec, "--out", out_text])
            .status
            .success()
    );
    let client = out.join("src/client.rs");
    let edited = std::fs::read_to_string(&client).unwrap() + "// edited by hand\n";
    std::fs::write(&client, edited).unwrap();
    let stale = run_cli(&["--check", "--spec", spec, "--out", out_text]);
    std::fs::remove_dir_all(&out).unwrap();
    assert!(!stale.status.success());
    let report = String::from_utf8_lossy(&stale.stdout);
    assert!(
        report.contains("src/client.rs") && report.contains("-// edited by hand"),
        "{report}"
    );
}

/// An invalid spec makes the CLI print every diagnostic and fail.
#[test]
fn cli_rejects_an_invalid_spec() {
    let spec = manifest_dir().join("tests/bad/file_mismatch");
    let out = std::env::temp_dir().join(format!("codegen-cli-bad-{}", std::process::id()));
    let output = run_cli(&[
        "--spec",
        spec.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    // The case directory alone lacks product.yaml: that is reported too, with the mismatch.
    assert!(
        stderr.contains("action `Pong` is in file `Ping.yaml`"),
        "{stderr}"
    );
    assert!(stderr.contains("product.yaml"), "{stderr}");
    assert!(!out.exists());
}

/// The crate layout of the golden spec also renders (every file parses), with keyword-named
/// modules in plain file names and example tests for keyword and digit-led names.
#[test]
fn golden_spec_renders_as_a_crate() {
    let spec = manifest_dir().join("tests/specs/edge/spec");
    let files = Config::new().spec_dir(spec).render().unwrap();
    let paths: Vec<String> = files.iter().map(|f| f.path.display().to_string()).collect();
    assert!(paths.contains(&"src/move.rs".to_owned()), "{paths:?}");
    let lib = &files
        .iter()
        .find(|f| f.path.ends_with("lib.rs"))
        .unwrap()
        .contents;
    assert!(lib.contains("pub mod r#move;"), "{lib}");
    let tests = &files
        .iter()
        .find(|f| f.path.ends_with("examples.rs"))
        .unwrap()
        .contents;
    assert!(tests.contains("fn move_response_example_1()"), "{tests}");
    assert!(
        tests.contains("let r#type = response.r#type().unwrap();"),
        "{tests}"
    );
    assert!(
        tests.contains("let _3d_layers_0 = &response._3d_layers()[0];"),
        "{tests}"
    );
    assert!(tests.contains(".self_(\"me\")"), "{tests}");
}
