//! End-to-end: the spec's generated `vod_sdk::Client` signs real HTTP calls to an in-process
//! emulator on 127.0.0.1 and decodes its answers into typed responses. One binary, so the
//! workspace links it once.

mod common;
mod every_action;
mod example_program;
mod faults;
mod region;
mod sdk_client;
mod sts;
