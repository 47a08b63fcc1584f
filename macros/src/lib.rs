//! `#[derive(RpcQuery)]`. Placeholder until the derive lands.
