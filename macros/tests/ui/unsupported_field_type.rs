use vod_runtime::RpcQuery;

struct Opaque;

#[derive(RpcQuery)]
struct Request {
    #[rpc(name = "Thing")]
    thing: Opaque,
}

fn main() {}
