//! Compile errors of `#[derive(RpcQuery)]`: one file per mistake, with its expected message.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/*.rs");
}
