use vod_runtime::RpcQuery;

#[derive(RpcQuery)]
struct Request {
    #[rpc(skip, name = "Attempts")]
    attempts: u32,
}

fn main() {}
