//! In-process tests over 127.0.0.1: each starts its own emulator on a free port and signs its
//! calls with `vod_runtime::signing`.

mod common;
mod domains;
mod every_action;
mod faults;
mod runtime_client;
mod signatures;
mod validation;
