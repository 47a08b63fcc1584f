use std::collections::BTreeMap;
use vod_runtime::RpcQuery;

#[derive(RpcQuery)]
struct Request {
    #[rpc(name = "Weights", style = "json")]
    weights: BTreeMap<i32, String>,
}

fn main() {}
