use vod_runtime::RpcQuery;

#[derive(RpcQuery)]
struct Request {
    #[rpc(name = "PageNo", style = "repeat_list")]
    page_no: Option<i32>,
}

fn main() {}
