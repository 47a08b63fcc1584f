use vod_runtime::RpcQuery;

#[derive(RpcQuery)]
struct Request {
    #[rpc(name = "Tag", style = "repeatList")]
    tag: Vec<String>,
}

fn main() {}
