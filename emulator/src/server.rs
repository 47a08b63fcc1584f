//! The HTTP server: hyper connections, an axum router, and the per-call pipeline
//! (faults → signature → version → action → parameters → answer).

use std::convert::Infallible;
use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::{Extension, State};
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE, HeaderValue};
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use bytes::Bytes;
use http_body::Frame;
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use hyper_util::server::graceful::GracefulShutdown;
use serde_json::{Value, json};
use tokio::net::TcpListener;
use tokio::sync::{Notify, oneshot};
use tokio::task::JoinHandle;
use tower_service::Service as _;

use crate::auth::{Authenticator, Credentials};
use crate::catalog::Catalog;
use crate::domains::Domains;
use crate::error::ServiceError;
use crate::family::{Call, Family};
use crate::faults::{self, Fault, FaultQueue, FaultRules};
use crate::render::{Format, render};
use crate::request::RpcRequest;

fn now_unix() -> i64 {
    vod_runtime::Timestamp::now().unix_seconds()
}

/// Path of the fault-injection control endpoint.
pub const FAULTS_PATH: &str = "/__emulator/faults";

/// How long shutdown waits for calls in flight before closing their connections.
const DRAIN_TIMEOUT: Duration = Duration::from_secs(5);

/// Entry point: `Emulator::builder()`.
#[derive(Debug)]
pub struct Emulator;

impl Emulator {
    /// A builder listening on `127.0.0.1:0` with the workspace spec.
    pub fn builder() -> EmulatorBuilder {
        EmulatorBuilder {
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            credentials: None,
            spec_dir: default_spec_dir(),
        }
    }
}

/// The workspace `spec/`, found from this crate's manifest so it works from any clone.
pub fn default_spec_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../spec"))
}

/// Settings of an emulator to start.
#[derive(Debug, Clone)]
pub struct EmulatorBuilder {
    addr: SocketAddr,
    credentials: Option<Credentials>,
    spec_dir: PathBuf,
}

/// Why an emulator did not start.
#[derive(Debug)]
#[non_exhaustive]
pub enum StartError {
    /// No credentials were given.
    NoCredentials,
    /// The spec did not load; the text lists the diagnostics.
    Spec(String),
    /// The address could not be bound.
    Bind(std::io::Error),
}

impl fmt::Display for StartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StartError::NoCredentials => f.write_str("no access key configured"),
            StartError::Spec(diagnostics) => write!(f, "the spec does not load:\n{diagnostics}"),
            StartError::Bind(e) => write!(f, "cannot listen: {e}"),
        }
    }
}

impl std::error::Error for StartError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            StartError::Bind(e) => Some(e),
            _ => None,
        }
    }
}

impl EmulatorBuilder {
    /// The access key calls must be signed with.
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    /// Where to listen; port 0 picks a free port.
    pub fn addr(mut self, addr: SocketAddr) -> Self {
        self.addr = addr;
        self
    }

    /// The spec directory to serve (default: the workspace `spec/`).
    pub fn spec(mut self, dir: impl Into<PathBuf>) -> Self {
        self.spec_dir = dir.into();
        self
    }

    /// Loads the spec, binds, and serves in a background task.
    pub async fn start(self) -> Result<RunningEmulator, StartError> {
        let credentials = self.credentials.ok_or(StartError::NoCredentials)?;
        let catalog = Catalog::load(&self.spec_dir).map_err(StartError::Spec)?;
        let listener = TcpListener::bind(self.addr)
            .await
            .map_err(StartError::Bind)?;
        let addr = listener.local_addr().map_err(StartError::Bind)?;
        let shared = Arc::new(Shared::new(catalog, credentials));
        let (shutdown, stop) = oneshot::channel();
        let task = tokio::spawn(serve(listener, router(shared), stop));
        Ok(RunningEmulator {
            addr,
            shutdown,
            task,
        })
    }
}

/// A serving emulator; [`RunningEmulator::shutdown`] stops it (dropping it stops it too).
#[derive(Debug)]
pub struct RunningEmulator {
    addr: SocketAddr,
    shutdown: oneshot::Sender<()>,
    task: JoinHandle<()>,
}

impl RunningEmulator {
    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://ADDR`, the endpoint to point clients at.
    pub fn endpoint(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops accepting, lets calls in flight finish (up to a few seconds), and returns.
    pub async fn shutdown(self) {
        // The server may have stopped already; then there is no one to tell.
        let _ = self.shutdown.send(());
        // A panic in the server task has nothing left to clean up.
        let _ = self.task.await;
    }
}

/// State every call sees.
struct Shared {
    catalog: Catalog,
    auth: Authenticator,
    families: Vec<Box<dyn Family>>,
    faults: FaultQueue,
    request_ids: RequestIds,
}

impl Shared {
    fn new(catalog: Catalog, credentials: Credentials) -> Self {
        let now = now_unix();
        let families: Vec<Box<dyn Family>> = vec![Box::new(Domains::seeded(&catalog, now))];
        Shared {
            auth: Authenticator::new(credentials),
            families,
            faults: FaultQueue::default(),
            request_ids: RequestIds::new(now),
            catalog,
        }
    }
}

/// Upper-case UUID-shaped request ids, unique within a run and distinct across runs.
struct RequestIds {
    seed: u64,
    next: AtomicU64,
}

impl RequestIds {
    fn new(seed: i64) -> Self {
        RequestIds {
            seed: seed.unsigned_abs(),
            next: AtomicU64::new(1),
        }
    }

    fn next(&self) -> String {
        let n = self.next.fetch_add(1, Ordering::Relaxed);
        format!(
            "{:08X}-{:04X}-4{:03X}-8{:03X}-{:012X}",
            self.seed & 0xFFFF_FFFF,
            (self.seed >> 32) & 0xFFFF,
            (n >> 60) & 0xFFF,
            (n >> 48) & 0xFFF,
            n & 0xFFFF_FFFF_FFFF
        )
    }
}

/// Lets a handler close its own connection (the `drop` and `truncated` faults).
#[derive(Clone, Default)]
struct ConnectionKill(Arc<Notify>);

impl ConnectionKill {
    fn kill(&self) {
        self.0.notify_one();
    }
}

fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route(
            FAULTS_PATH,
            get(list_faults).post(add_faults).delete(clear_faults),
        )
        .fallback(rpc)
        .with_state(shared)
}

async fn serve(listener: TcpListener, router: Router, mut stop: oneshot::Receiver<()>) {
    let graceful = GracefulShutdown::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let stream = match accepted {
                    Ok((stream, _)) => stream,
                    Err(_) => {
                        // Out of file descriptors and the like: back off instead of spinning.
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                };
                let kill = ConnectionKill::default();
                let router = router.clone();
                let on_request = kill.clone();
                let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
                    request.extensions_mut().insert(on_request.clone());
                    router.clone().call(request)
                });
                let connection = hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service);
                let connection = graceful.watch(connection);
                tokio::spawn(async move {
                    // A connection error is the client's problem (it hung up); either way the
                    // socket is closed when this task ends.
                    tokio::select! {
                        _ = connection => {}
                        () = kill.0.notified() => {}
                    }
                });
            }
            _ = &mut stop => break,
        }
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(DRAIN_TIMEOUT) => {}
    }
}

async fn list_faults(State(shared): State<Arc<Shared>>) -> Response {
    axum::Json(shared.faults.pending()).into_response()
}

async fn clear_faults(State(shared): State<Arc<Shared>>) -> Response {
    shared.faults.clear();
    StatusCode::NO_CONTENT.into_response()
}

async fn add_faults(State(shared): State<Arc<Shared>>, body: Bytes) -> Response {
    let refuse =
        |why: String| (StatusCode::BAD_REQUEST, axum::Json(json!({"error": why}))).into_response();
    let rules = match serde_json::from_slice::<FaultRules>(&body) {
        Ok(rules) => rules.into_vec(),
        Err(e) => return refuse(format!("not a fault rule or list of rules: {e}")),
    };
    if let Some(why) = rules.iter().find_map(|rule| faults::check(rule).err()) {
        return refuse(why);
    }
    let queued = rules.len();
    shared.faults.push(rules);
    axum::Json(json!({"queued": queued})).into_response()
}

/// Every path but the control endpoint is the RPC API (the service ignores the path).
async fn rpc(
    State(shared): State<Arc<Shared>>,
    Extension(kill): Extension<ConnectionKill>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let request = RpcRequest::new(method.as_str(), uri.path(), uri.query(), headers, body);
    let request_id = shared.request_ids.next();
    let format = request.format();
    let fault = shared.faults.take(request.action());
    let answer = match &fault {
        Some(Fault::Throttle { .. }) => Err(shared.catalog.lookup(None, "Throttling.User")),
        Some(Fault::Status { status }) => Err(status_error(&shared.catalog, *status)),
        Some(Fault::Drop) => {
            kill.kill();
            // The connection task drops this handler with the socket.
            return std::future::pending().await;
        }
        Some(Fault::Delay { delay_ms }) => {
            tokio::time::sleep(Duration::from_millis(*delay_ms)).await;
            respond_to(&shared, &request)
        }
        Some(Fault::Malformed | Fault::Truncated) | None => respond_to(&shared, &request),
    };
    let (status, text) = match answer {
        Ok(document) => (
            StatusCode::OK,
            document_text(document, &request, &request_id, format),
        ),
        Err(error) => (
            StatusCode::from_u16(error.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            error.body(&request_id, request.host(), format),
        ),
    };
    let mut response = match fault {
        Some(Fault::Malformed) => (StatusCode::OK, malformed(&text)).into_response(),
        Some(Fault::Truncated) => cut_short(text, kill),
        _ => (status, text).into_response(),
    };
    let headers = response.headers_mut();
    headers.insert(
        CONTENT_TYPE,
        HeaderValue::from_static(format.content_type()),
    );
    if let Ok(id) = HeaderValue::from_str(&request_id) {
        headers.insert("x-acs-request-id", id);
    }
    if let Some(Fault::Throttle { retry_after_ms }) = fault {
        headers.insert("x-acs-retry-after", HeaderValue::from(retry_after_ms));
    }
    response
}

/// The checks and the answer, in the order the service applies them.
fn respond_to(shared: &Shared, request: &RpcRequest) -> Result<Value, ServiceError> {
    let now = now_unix();
    shared.auth.verify(request, now)?;
    let catalog = &shared.catalog;
    let version = request
        .version()
        .ok_or_else(|| ServiceError::missing_parameter("Version"))?;
    if version != catalog.version {
        let mut error = catalog.lookup(None, "InvalidVersion");
        error.message = format!("{} Version: {version}", error.message);
        return Err(error);
    }
    let name = request
        .action()
        .ok_or_else(|| ServiceError::missing_parameter("Action"))?;
    let action = catalog.action(name)?;
    let params = request.action_params();
    action.validate(&params)?;
    let call = Call {
        action,
        catalog,
        params: &params,
        now,
    };
    shared
        .families
        .iter()
        .find_map(|family| family.handle(&call))
        .unwrap_or_else(|| Ok(action.example_response.clone().unwrap_or_else(|| json!({}))))
}

fn document_text(
    mut document: Value,
    request: &RpcRequest,
    request_id: &str,
    format: Format,
) -> String {
    if let Value::Object(fields) = &mut document {
        fields.insert("RequestId".into(), request_id.into());
    }
    let root = format!("{}Response", request.action().unwrap_or_default());
    render(&document, format, &root)
}

fn status_error(catalog: &Catalog, status: u16) -> ServiceError {
    match status {
        500 => catalog.lookup(None, "InternalError"),
        503 => catalog.lookup(None, "ServiceUnAvailable"),
        _ => ServiceError::new(
            status,
            "InjectedFault",
            format!("Fault injected with status {status}."),
        ),
    }
}

/// The first half of a real answer followed by bytes no parser accepts.
fn malformed(text: &str) -> String {
    let cut = text
        .char_indices()
        .nth(text.chars().count() / 2)
        .map_or(0, |(i, _)| i);
    format!("{}<<malformed>>", &text[..cut])
}

/// A 200 announcing the whole body in `Content-Length` but sending half, then closing.
fn cut_short(text: String, kill: ConnectionKill) -> Response {
    let full = text.len();
    let head = Bytes::from(text).slice(..full / 2);
    let mut response = Response::new(Body::new(CutShort {
        head: Some(head),
        kill: Some(kill),
    }));
    response
        .headers_mut()
        .insert(CONTENT_LENGTH, HeaderValue::from(full));
    response
}

/// Body of [`cut_short`]: yields its head, then closes the connection instead of ending.
struct CutShort {
    head: Option<Bytes>,
    kill: Option<ConnectionKill>,
}

impl http_body::Body for CutShort {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        _: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        if let Some(head) = self.head.take() {
            return Poll::Ready(Some(Ok(Frame::data(head))));
        }
        if let Some(kill) = self.kill.take() {
            // Give hyper a moment to flush the head before the socket goes.
            tokio::spawn(async move {
                tokio::time::sleep(Duration::from_millis(50)).await;
                kill.kill();
            });
        }
        Poll::Pending
    }
}
