use vod_runtime::RpcQuery;

#[derive(RpcQuery)]
struct Request {
    #[rpc(name = "Ids", style = "repeat_list")]
    ids: Vec<Option<String>>,
}

fn main() {}
