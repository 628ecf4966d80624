//! The routes of the sandbox server, the headers on every response, and the limits.
//!
//! | route | what |
//! |---|---|
//! | `GET /`, `/sandbox.js`, `/sandbox.css` | the page (embedded), no inline script |
//! | `POST /session` | starts a fresh session (fresh ids); returns its token and steps |
//! | `POST /sent?step=N` | the page is posting step N |
//! | `POST /received` | messages the page received, in order: a JSON array of `{"kind", "seq", ...}` |
//! | `POST /expire?step=N&waited=MS` | step N got no reply in time |
//! | `POST /finish` | the scenario is over |
//! | `GET /report` | the session as JSON |
//!
//! Every `POST` needs the `x-des-sandbox` header with the session's token: a custom
//! header, so another site's page cannot send one without a CORS preflight, which this
//! server never grants. A request whose `Host` is not this server's loopback address is
//! refused (DNS rebinding).

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::serve::ListenerExt as _;
use des_events_core::terminal::escape;
use serde::Deserialize;
use serde_json::json;
use tokio::sync::watch;

use super::MAX_MESSAGE_BYTES;

/// The largest request body: a batch holds at most [`MAX_MESSAGE_BYTES`] of message
/// text, which JSON escaping can make up to six times longer.
const MAX_BATCH_BYTES: usize = 8 * MAX_MESSAGE_BYTES;
use super::scenario::Scenario;
use super::session::{Direction, Received, Row, Session};
use super::verdict::{Finding, Policy, cut};
use crate::cli::warn;

const PAGE: &str = include_str!("page/index.html");
const SCRIPT: &str = include_str!("page/sandbox.js");
const STYLE: &str = include_str!("page/sandbox.css");

/// The session's token header.
const TOKEN_HEADER: &str = "x-des-sandbox";

/// What the server serves.
pub struct Config {
    /// The bound port on 127.0.0.1.
    pub port: u16,
    /// The bank's origin, serialized.
    pub bank_origin: String,
    /// How received messages are judged.
    pub policy: Policy,
    /// The steps to play.
    pub scenario: Scenario,
}

struct Shared {
    config: Config,
    csp: HeaderValue,
    session: Mutex<Session>,
    finished: watch::Sender<bool>,
}

type App = Arc<Shared>;

impl Shared {
    fn session(&self) -> MutexGuard<'_, Session> {
        // A panic while holding the lock cannot leave a row half-written: rows are pushed
        // whole. Keep serving.
        self.session.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn fresh_session(&self) -> Session {
        Session::new(
            uuid::Uuid::new_v4().to_string(),
            self.config.policy,
            self.config.scenario.name.clone(),
            self.config.bank_origin.clone(),
            self.config.scenario.steps(),
        )
    }
}

fn router(config: Config) -> (Router, App, watch::Receiver<bool>) {
    let (finished, finished_rx) = watch::channel(false);
    // `frame-ancestors`: only the bank's page may embed the sandbox. No inline script
    // or style anywhere, so `'self'` is all the page needs.
    let csp = format!(
        "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; \
         img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors {}",
        config.bank_origin
    );
    let csp = HeaderValue::from_str(&csp).unwrap_or(HeaderValue::from_static(
        "default-src 'none'; frame-ancestors 'none'",
    ));
    let shared = Arc::new(Shared {
        session: Mutex::new(Session::new(
            String::new(),
            config.policy,
            config.scenario.name.clone(),
            config.bank_origin.clone(),
            // No page yet (an empty token authorizes nothing); the report still tells
            // how many steps the scenario has.
            config.scenario.steps(),
        )),
        config,
        csp,
        finished,
    });
    let router = Router::new()
        .route("/", get(page))
        .route("/sandbox.js", get(script))
        .route("/sandbox.css", get(style))
        .route("/session", post(new_session))
        .route("/sent", post(sent))
        .route("/received", post(received))
        .route("/expire", post(expire))
        .route("/finish", post(finish))
        .route("/report", get(report))
        .layer(DefaultBodyLimit::max(MAX_BATCH_BYTES))
        .layer(middleware::from_fn_with_state(shared.clone(), guard))
        .with_state(shared.clone());
    (router, shared, finished_rx)
}

/// Serves until the process is stopped.
pub async fn serve(listener: tokio::net::TcpListener, config: Config) {
    let (router, _, _) = router(config);
    if let Err(err) = axum::serve(no_delay(listener), router).await {
        warn(format_args!(
            "des-events sandbox: the server stopped: {err}"
        ));
    }
}

/// Serves until the page finishes the scenario or `timeout` passes; returns the report
/// (as pretty JSON) and whether it is clean.
pub async fn serve_once(
    listener: tokio::net::TcpListener,
    config: Config,
    timeout: Duration,
) -> Option<(String, bool)> {
    let (router, shared, mut finished) = router(config);
    let (stop, mut stopped) = watch::channel(false);
    let server = axum::serve(no_delay(listener), router).with_graceful_shutdown(async move {
        let _ = stopped.wait_for(|stop| *stop).await;
    });
    let server = tokio::spawn(async move { server.await });
    let done = tokio::time::timeout(timeout, finished.wait_for(|done| *done)).await;
    if done.is_err() {
        shared.session().abandon(format!(
            "the page did not finish the scenario within {} s (is the bank page open, and \
             does it embed this sandbox?)",
            timeout.as_secs()
        ));
    }
    // Let the page's last response go out, then stop (idle keep-alive connections are
    // closed at once; a stuck one is given two seconds).
    let _ = stop.send(true);
    let _ = tokio::time::timeout(Duration::from_secs(2), server).await;
    let session = shared.session();
    let report = session.report();
    let ok = report.ok;
    let text = serde_json::to_string_pretty(&report).ok()?;
    Some((text, ok))
}

/// Sends each response at once: without `TCP_NODELAY`, Nagle's algorithm and the
/// browser's delayed acknowledgements add tens of milliseconds to every small response,
/// and the page forwards messages one request at a time.
fn no_delay(
    listener: tokio::net::TcpListener,
) -> impl axum::serve::Listener<Addr = std::net::SocketAddr> {
    listener.tap_io(|stream| {
        if let Err(err) = stream.set_nodelay(true) {
            warn(format_args!(
                "des-events sandbox: cannot set TCP_NODELAY: {err}"
            ));
        }
    })
}

/// Security headers on every response; refuses foreign `Host`s.
async fn guard(State(app): State<App>, request: Request, next: Next) -> Response {
    let port = app.config.port;
    let host_ok = request
        .headers()
        .get(header::HOST)
        .and_then(|host| host.to_str().ok())
        .is_some_and(|host| {
            host == format!("127.0.0.1:{port}") || host == format!("localhost:{port}")
        });
    let mut response = if host_ok {
        next.run(request).await
    } else {
        (
            StatusCode::MISDIRECTED_REQUEST,
            "this sandbox answers only on its loopback address\n",
        )
            .into_response()
    };
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_SECURITY_POLICY, app.csp.clone());
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    response
}

fn file(content_type: &'static str, body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, content_type)], body).into_response()
}

async fn page() -> Response {
    file("text/html; charset=utf-8", PAGE)
}

async fn script() -> Response {
    file("text/javascript; charset=utf-8", SCRIPT)
}

async fn style() -> Response {
    file("text/css; charset=utf-8", STYLE)
}

fn refused(status: StatusCode, message: String) -> Response {
    (status, axum::Json(json!({ "refused": message }))).into_response()
}

/// The session, when the request carries its token.
fn authorized<'a>(app: &'a App, headers: &HeaderMap) -> Option<MutexGuard<'a, Session>> {
    let session = app.session();
    let token = headers.get(TOKEN_HEADER).and_then(|t| t.to_str().ok());
    (!session.token.is_empty() && token == Some(session.token.as_str())).then_some(session)
}

/// The answer to a request without the session's token.
fn stale() -> Response {
    refused(
        StatusCode::FORBIDDEN,
        "not this session's page (reload the page to start a new session)".to_owned(),
    )
}

async fn new_session(State(app): State<App>, headers: HeaderMap) -> Response {
    if headers.get(TOKEN_HEADER).and_then(|t| t.to_str().ok()) != Some("new") {
        return refused(StatusCode::FORBIDDEN, format!("send `{TOKEN_HEADER}: new`"));
    }
    let fresh = app.fresh_session();
    let body = json!({
        "token": fresh.token,
        "bank_origin": app.config.bank_origin,
        "policy": app.config.policy.as_str(),
        "scenario": app.config.scenario.name,
        "max_message_chars": MAX_MESSAGE_BYTES,
        "max_batch_chars": MAX_MESSAGE_BYTES,
        "steps": fresh.steps().iter().map(|step| json!({
            "event": step.event,
            "text": step.text,
            "wait_ms": step.wait_ms,
            "expects_reply": step.expects_reply,
        })).collect::<Vec<_>>(),
    });
    *app.session() = fresh;
    warn(format_args!(
        "des-events sandbox: a page started a new session"
    ));
    axum::Json(body).into_response()
}

#[derive(Deserialize)]
struct StepQuery {
    step: usize,
    #[serde(default)]
    waited: u64,
}

fn bad_query(rejection: &QueryRejection) -> Response {
    refused(StatusCode::BAD_REQUEST, cut(&rejection.body_text()))
}

/// The step query of a request and the session it may touch, or the refusal: a bad
/// query, or no token of this session.
fn step_request<'a>(
    app: &'a App,
    headers: &HeaderMap,
    query: Result<Query<StepQuery>, QueryRejection>,
) -> Result<(StepQuery, MutexGuard<'a, Session>), Box<Response>> {
    let Query(query) = query.map_err(|rejection| Box::new(bad_query(&rejection)))?;
    let session = authorized(app, headers).ok_or_else(|| Box::new(stale()))?;
    Ok((query, session))
}

async fn sent(
    State(app): State<App>,
    headers: HeaderMap,
    query: Result<Query<StepQuery>, QueryRejection>,
) -> Response {
    let (query, mut session) = match step_request(&app, &headers, query) {
        Ok(parts) => parts,
        Err(refusal) => return *refusal,
    };
    match session.sent(query.step) {
        Some(row) => {
            log_row(&row);
            axum::Json(json!({ "row": row })).into_response()
        }
        None => refused(StatusCode::BAD_REQUEST, format!("no step {}", query.step)),
    }
}

/// One received message as the page forwards it (a `POST /received` body is a JSON
/// array of these, in arrival order).
#[derive(Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
enum Item {
    /// A string from the bank's origin.
    Text { seq: u64, data: String },
    /// A string from the bank's origin longer than the page forwards.
    TooLarge { seq: u64, length: u64 },
    /// Not a string.
    NotAString {
        seq: u64,
        #[serde(rename = "type")]
        data_type: String,
    },
    /// A string with lone surrogates (cannot be UTF-8).
    NotUtf8 { seq: u64 },
    /// From another origin.
    Foreign { seq: u64, origin: String },
}

impl Item {
    fn into_received(self) -> (u64, Received) {
        match self {
            Item::Text { seq, data } if data.len() > MAX_MESSAGE_BYTES => (
                seq,
                Received::TooLarge(u64::try_from(data.len()).unwrap_or(u64::MAX), "bytes"),
            ),
            Item::Text { seq, data } => (seq, Received::Text(data)),
            Item::TooLarge { seq, length } => (seq, Received::TooLarge(length, "characters")),
            Item::NotAString { seq, data_type } => (seq, Received::NotAString(data_type)),
            Item::NotUtf8 { seq } => (seq, Received::NotUtf8),
            Item::Foreign { seq, origin } => (seq, Received::Foreign(origin)),
        }
    }
}

async fn received(
    State(app): State<App>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let bytes = match body {
        Ok(bytes) => bytes,
        Err(rejection) => return refused(rejection.status(), cut(&rejection.body_text())),
    };
    let items: Vec<Item> = match serde_json::from_slice(&bytes) {
        Ok(items) => items,
        Err(err) => {
            return refused(
                StatusCode::BAD_REQUEST,
                format!("not a batch of received messages: {err}"),
            );
        }
    };
    let Some(mut session) = authorized(&app, &headers) else {
        return stale();
    };
    let mut rows = Vec::with_capacity(items.len());
    let mut answers = Vec::new();
    for item in items {
        let (seq, message) = item.into_received();
        let (row, answered) = session.received(seq, message);
        answers.extend(answered);
        rows.push(row);
    }
    drop(session);
    rows.iter().for_each(log_row);
    axum::Json(json!({ "rows": rows, "answers": answers })).into_response()
}

async fn expire(
    State(app): State<App>,
    headers: HeaderMap,
    query: Result<Query<StepQuery>, QueryRejection>,
) -> Response {
    let (query, mut session) = match step_request(&app, &headers, query) {
        Ok(parts) => parts,
        Err(refusal) => return *refusal,
    };
    let findings = session.expire(query.step, Duration::from_millis(query.waited));
    drop(session);
    log_findings(&findings);
    axum::Json(json!({ "findings": findings })).into_response()
}

async fn finish(State(app): State<App>, headers: HeaderMap) -> Response {
    let Some(mut session) = authorized(&app, &headers) else {
        return stale();
    };
    let findings = session.finish();
    let report = session.report();
    let body = json!({ "findings": findings, "ok": report.ok, "counts": report_counts(&report) });
    drop(session);
    log_findings(&findings);
    let _ = app.finished.send(true);
    axum::Json(body).into_response()
}

fn report_counts(report: &super::session::Report<'_>) -> serde_json::Value {
    serde_json::to_value(report)
        .ok()
        .and_then(|value| value.get("counts").cloned())
        .unwrap_or_default()
}

async fn report(State(app): State<App>) -> Response {
    let session = app.session();
    axum::Json(serde_json::to_value(session.report()).unwrap_or_default()).into_response()
}

/// One line on stderr per row: no message text, event names escaped for the terminal
/// ([`escape`], before [`warn`] escapes the whole line, so that a line break in a name
/// is shown as `\n` too) and cut.
fn log_row(row: &Row) {
    let direction = match row.direction {
        Direction::Des => "DES -> bank",
        Direction::Partner => "bank -> DES",
        Direction::Foreign => "foreign -> DES (ignored)",
    };
    let event = row
        .event
        .as_deref()
        .map_or_else(|| "-".to_owned(), |e| escape(e).to_string());
    let verdict = match (&row.error, &row.origin) {
        _ if row.direction == Direction::Des => format!("sent (step {})", row.step.unwrap_or(0)),
        (Some(error), _) => format!("invalid ({}) {}", error.kind, escape(&error.message)),
        (None, Some(origin)) => format!("from {}", escape(origin)),
        (None, None) => format!("{:?}", row.verdict).to_lowercase(),
    };
    warn(format_args!(
        "#{} {direction} {} {verdict}",
        row.row,
        cut(&event)
    ));
    log_findings(&row.findings);
}

fn log_findings(findings: &[Finding]) {
    for finding in findings {
        warn(format_args!(
            "   protocol {}: {}",
            finding.kind,
            escape(&finding.message)
        ));
    }
}
