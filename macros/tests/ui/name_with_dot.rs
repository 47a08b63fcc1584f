use vod_runtime::RpcQuery;

#[derive(RpcQuery)]
struct Request {
    #[rpc(name = "Tag.Key")]
    tag_key: String,
}

fn main() {}
