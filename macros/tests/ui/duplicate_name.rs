use vod_runtime::RpcQuery;

#[derive(RpcQuery)]
struct Request {
    #[rpc(name = "VideoId", name = "MediaId")]
    video_id: String,
}

fn main() {}
