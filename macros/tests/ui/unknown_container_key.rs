use vod_runtime::RpcQuery;

#[derive(RpcQuery)]
#[rpc(krate = "::vod_runtime")]
struct Request {
    video_id: String,
}

fn main() {}
