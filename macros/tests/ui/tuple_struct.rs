use vod_runtime::RpcQuery;

#[derive(RpcQuery)]
struct Request(String);

fn main() {}
