use vod_runtime::RpcQuery;

#[derive(RpcQuery)]
enum Request {
    Get { video_id: String },
}

fn main() {}
