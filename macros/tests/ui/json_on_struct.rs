use vod_runtime::RpcQuery;

#[derive(RpcQuery)]
struct Config {
    #[rpc(name = "Key")]
    key: String,
}

#[derive(RpcQuery)]
struct Request {
    #[rpc(name = "Config", style = "json")]
    config: Config,
}

fn main() {}
