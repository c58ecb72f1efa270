//! Serving: the connection loop (limits and timeouts), the follower that keeps the read
//! side in step with the store, and graceful shutdown.
//!
//! Connections are served by hyper's HTTP/1 connection driver directly (the builder axum's
//! own `serve` uses, but configurable):
//!
//! * at most [`ServeOptions::max_connections`] connections at once: the loop takes a permit
//!   of a semaphore before it accepts, so further clients wait in the kernel's backlog
//!   instead of costing the process a file each;
//! * a request's head must arrive within [`ServeOptions::header_read_timeout`] (hyper's
//!   `header_read_timeout`; a half-sent request is dropped);
//! * a connection with no bytes read or written for [`ServeOptions::idle_timeout`] is shut
//!   down (a keep-alive connection between requests, or one that never sends anything);
//! * a request that takes longer than [`ServeOptions::request_timeout`] to answer gets a 503;
//! * on the shutdown signal the listener is closed, every connection finishes the request
//!   it is serving and closes, and `serve` returns once they have (so the caller can close
//!   the database cleanly).

use crate::catalog::{AppState, Catalog, PlanUpdate};
use axum::Router;
use axum::body::Body;
use axum::http::{Request, Response, StatusCode};
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use shinchoku_core::{PlanId, StoredPlan};
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Semaphore, watch};
use tower::ServiceExt;

/// Why the read side could not get plans from its source.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct SourceError(pub String);

impl SourceError {
    pub fn new(message: impl Into<String>) -> Self {
        SourceError(message.into())
    }
}

/// Where the read side gets plans (the store; tests use an in-memory one).
pub trait PlanSource: Send + Sync + 'static {
    /// The current change sequence and every stored plan (at start).
    fn snapshot(&self) -> impl Future<Output = Result<(i64, Vec<StoredPlan>), SourceError>> + Send;
    /// The ids of plans changed or deleted since `seq`, and the new sequence.
    fn changed_since(
        &self,
        seq: i64,
    ) -> impl Future<Output = Result<(i64, Vec<PlanId>), SourceError>> + Send;
    /// One plan as stored now, `None` when it was deleted.
    fn load(
        &self,
        id: PlanId,
    ) -> impl Future<Output = Result<Option<StoredPlan>, SourceError>> + Send;
}

/// How the server runs. [`ServeOptions::default`] is what `shinchoku serve` uses.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// How often the follower asks the source for changes (10 ms: one indexed read of the
    /// change log, so that a change is served within milliseconds; see docs/architecture.md).
    pub poll_interval: Duration,
    /// Time for a request's head (request line and headers) to arrive (10 s).
    pub header_read_timeout: Duration,
    /// Time to answer a request before it gets a 503 (30 s).
    pub request_timeout: Duration,
    /// A connection without traffic for this long is closed (60 s).
    pub idle_timeout: Duration,
    /// Connections served at once; more wait to be accepted (512).
    pub max_connections: usize,
    /// Most bytes of rendered pages kept (128 MiB; 0: no page cache).
    pub page_cache_bytes: usize,
    /// The store the staff side (sign-in, the collection cycle) reads and writes through the
    /// commands; `None`: the public pages only.
    pub store: Option<shinchoku_store::Store>,
    /// Mark the session cookie `Secure` (behind TLS).
    pub secure_cookies: bool,
}

impl Default for ServeOptions {
    fn default() -> Self {
        ServeOptions {
            poll_interval: Duration::from_millis(10),
            header_read_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            idle_timeout: Duration::from_secs(60),
            max_connections: 512,
            page_cache_bytes: crate::catalog::DEFAULT_PAGE_CACHE_BYTES,
            store: None,
            secure_cookies: false,
        }
    }
}

/// Serves the plans of `source` on `listener` until SIGTERM or SIGINT (Ctrl-C), following
/// the source's changes; returns once the requests in flight are answered.
pub async fn serve<S: PlanSource>(
    listener: TcpListener,
    source: S,
    options: ServeOptions,
) -> io::Result<()> {
    serve_with_shutdown(listener, source, options, shutdown_signal()).await
}

/// [`serve`] until `shutdown` completes instead of a signal.
pub async fn serve_with_shutdown<S: PlanSource>(
    listener: TcpListener,
    source: S,
    options: ServeOptions,
    shutdown: impl Future<Output = ()> + Send,
) -> io::Result<()> {
    let (seq, plans) = source
        .snapshot()
        .await
        .map_err(|e| io::Error::other(format!("cannot load the plans: {e}")))?;
    let state = AppState::with_cache_limit(Catalog::from_stored(plans), options.page_cache_bytes);
    if let Some(store) = &options.store {
        state.attach_store(store.clone(), options.secure_cookies);
    }
    let (stop_tx, stop_rx) = watch::channel(false);
    let follower = tokio::spawn(follow(
        state.clone(),
        Arc::new(source),
        seq,
        options.poll_interval,
        stop_rx,
    ));
    let result = serve_state(listener, state, &options, shutdown).await;
    let _ = stop_tx.send(true);
    let _ = follower.await;
    result
}

/// Resolves on SIGTERM or SIGINT (on other platforms: Ctrl-C).
pub async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match (
            signal(SignalKind::terminate()),
            signal(SignalKind::interrupt()),
        ) {
            (Ok(mut term), Ok(mut int)) => {
                tokio::select! {
                    _ = term.recv() => {}
                    _ = int.recv() => {}
                }
            }
            _ => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// Keeps `state` in step with `source`: every `every`, the plans changed since the last
/// sequence seen are loaded and applied (a deleted plan removed). A failing source is
/// logged and asked again at the next tick, from the same sequence. Stops when `stop`
/// turns true.
pub async fn follow<S: PlanSource>(
    state: AppState,
    source: Arc<S>,
    mut seq: i64,
    every: Duration,
    mut stop: watch::Receiver<bool>,
) {
    loop {
        tokio::select! {
            _ = tokio::time::sleep(every) => {}
            _ = stop.changed() => return,
        }
        if *stop.borrow() {
            return;
        }
        match catch_up(&state, source.as_ref(), seq).await {
            Ok(next) => seq = next,
            Err(e) => tracing::warn!("following the store: {e}"),
        }
    }
}

/// Loads and applies the plans changed since `seq`; the new sequence.
async fn catch_up<S: PlanSource>(
    state: &AppState,
    source: &S,
    seq: i64,
) -> Result<i64, SourceError> {
    let (next, ids) = source.changed_since(seq).await?;
    if ids.is_empty() {
        return Ok(next);
    }
    let mut updates = Vec::with_capacity(ids.len());
    for id in ids {
        updates.push(match source.load(id).await? {
            Some(p) => PlanUpdate::Upsert(p),
            None => PlanUpdate::Remove(id),
        });
    }
    let state = state.clone();
    tokio::task::spawn_blocking(move || state.apply(updates))
        .await
        .map_err(|e| SourceError::new(format!("applying changes failed: {e}")))?;
    Ok(next)
}

/// Serves the app of `state` on `listener` with the limits of `options` until `shutdown`
/// completes, then lets every connection finish its request and returns.
pub async fn serve_state(
    listener: TcpListener,
    state: AppState,
    options: &ServeOptions,
    shutdown: impl Future<Output = ()> + Send,
) -> io::Result<()> {
    serve_router(listener, crate::router(state), options, shutdown).await
}

/// [`serve_state`] for any router (tests use one with a slow route).
pub async fn serve_router(
    listener: TcpListener,
    app: Router,
    options: &ServeOptions,
    shutdown: impl Future<Output = ()> + Send,
) -> io::Result<()> {
    tracing::info!("listening on http://{}", listener.local_addr()?);
    let permits = Arc::new(Semaphore::new(options.max_connections.max(1)));
    let (closing_tx, closing_rx) = watch::channel(false);
    let mut connections = tokio::task::JoinSet::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            p = permits.clone().acquire_owned() => match p {
                Ok(p) => p,
                Err(_) => break,
            },
            () = &mut shutdown => break,
        };
        let (stream, _peer) = tokio::select! {
            r = listener.accept() => match r {
                Ok(s) => s,
                Err(e) => {
                    // Out of files and the like: wait a little instead of spinning.
                    tracing::warn!("accept: {e}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        // Reap finished connections so the set does not grow.
        while connections.try_join_next().is_some() {}
        let app = app.clone();
        let options = options.clone();
        let closing = closing_rx.clone();
        connections.spawn(async move {
            serve_connection(stream, app, &options, closing).await;
            drop(permit);
        });
    }
    drop(listener);
    let _ = closing_tx.send(true);
    while connections.join_next().await.is_some() {}
    Ok(())
}

/// One connection: HTTP/1 with the header-read timeout, the request timeout, the idle
/// timeout and graceful shutdown when `closing` turns true.
async fn serve_connection(
    stream: TcpStream,
    app: Router,
    options: &ServeOptions,
    mut closing: watch::Receiver<bool>,
) {
    let _ = stream.set_nodelay(true);
    let start = Instant::now();
    let last = Arc::new(AtomicU64::new(0));
    let io = TokioIo::new(Tracked {
        inner: stream,
        start,
        last: last.clone(),
    });
    let request_timeout = options.request_timeout;
    let service = hyper::service::service_fn(move |req: Request<Incoming>| {
        let app = app.clone();
        async move {
            let req = req.map(Body::new);
            match tokio::time::timeout(request_timeout, app.oneshot(req)).await {
                Ok(Ok(r)) => Ok::<_, std::convert::Infallible>(r),
                Ok(Err(never)) => match never {},
                Err(_) => Ok(timed_out()),
            }
        }
    });
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(options.header_read_timeout)
        .keep_alive(true);
    let conn = builder.serve_connection(io, service);
    let mut conn = std::pin::pin!(conn);
    let idle = options.idle_timeout;
    let check = (idle / 4).max(Duration::from_millis(10));
    let mut shutting_down = false;
    loop {
        tokio::select! {
            r = conn.as_mut() => {
                if let Err(e) = r {
                    tracing::debug!("connection: {e}");
                }
                return;
            }
            _ = closing.changed(), if !shutting_down => {
                shutting_down = true;
                conn.as_mut().graceful_shutdown();
            }
            () = tokio::time::sleep(check), if !shutting_down => {
                let quiet = start.elapsed().saturating_sub(Duration::from_millis(
                    last.load(Ordering::Relaxed),
                ));
                if quiet >= idle {
                    // Answers the request in flight, if any, then closes.
                    shutting_down = true;
                    conn.as_mut().graceful_shutdown();
                }
            }
        }
    }
}

/// The answer to a request that took longer than the request timeout.
fn timed_out() -> Response<Body> {
    crate::pages::error_response(
        StatusCode::SERVICE_UNAVAILABLE,
        "応答に時間がかかりすぎたため中断しました。時間をおいて再度お試しください。",
    )
}

/// A stream that records when it last read or wrote a byte (ms since `start`).
struct Tracked {
    inner: TcpStream,
    start: Instant,
    last: Arc<AtomicU64>,
}

impl Tracked {
    fn touch(&self) {
        let ms = u64::try_from(self.start.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.last.store(ms, Ordering::Relaxed);
    }
}

impl AsyncRead for Tracked {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        let r = Pin::new(&mut this.inner).poll_read(cx, buf);
        if matches!(r, Poll::Ready(Ok(()))) && buf.filled().len() > before {
            this.touch();
        }
        r
    }
}

impl AsyncWrite for Tracked {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let r = Pin::new(&mut this.inner).poll_write(cx, buf);
        if matches!(r, Poll::Ready(Ok(n)) if n > 0) {
            this.touch();
        }
        r
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let r = Pin::new(&mut this.inner).poll_write_vectored(cx, bufs);
        if matches!(r, Poll::Ready(Ok(n)) if n > 0) {
            this.touch();
        }
        r
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }
}
