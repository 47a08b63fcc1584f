use vod_runtime::RpcQuery;

#[derive(RpcQuery)]
struct Request<T> {
    video_id: T,
}

fn main() {}
