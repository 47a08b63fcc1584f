use vod_runtime::RpcQuery;

#[derive(RpcQuery)]
struct Request {
    #[rpc(rename = "VideoId")]
    video_id: String,
}

fn main() {}
