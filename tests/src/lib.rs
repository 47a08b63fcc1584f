//! End-to-end tests of the generated SDK against the emulator; they live in `tests/tests/e2e/`
//! (one test binary). The library itself is empty.
#![deny(missing_docs)]
