use vod_runtime::RpcQuery;

#[derive(RpcQuery)]
struct Request {
    #[rpc(name = "VideoId")]
    video_id: String,
    #[rpc(name = "VideoId")]
    media_id: String,
}

fn main() {}
