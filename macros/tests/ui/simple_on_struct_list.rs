use vod_runtime::RpcQuery;

#[derive(RpcQuery)]
struct Tag {
    #[rpc(name = "Key")]
    key: String,
}

#[derive(RpcQuery)]
struct Request {
    #[rpc(name = "Tag")]
    tag: Vec<Tag>,
}

fn main() {}
