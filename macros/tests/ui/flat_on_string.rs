use vod_runtime::RpcQuery;

#[derive(RpcQuery)]
struct Request {
    #[rpc(name = "Config", style = "flat")]
    config: String,
}

fn main() {}
