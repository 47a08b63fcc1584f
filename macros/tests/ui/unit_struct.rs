use vod_runtime::RpcQuery;

#[derive(RpcQuery)]
struct Request;

fn main() {}
