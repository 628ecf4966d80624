//! `des-events sandbox`: a local HTTP server whose page plays DES for a bank's web app.
//!
//! The bank embeds the sandbox page in its iframe in place of DES. The page posts the
//! scenario's DES events to its parent, forwards every message the bank posts back to
//! this server, and shows the server's verdict on each as a live log. `GET /report` is
//! the whole session as JSON; with `--ci` the server exits when the page says the
//! scenario is over (or at the timeout) and prints that report.
//!
//! **Why axum on tokio.** The server needs HTTP/1.1 with keep-alive (the page forwards
//! messages one after another), a request body limit that reports rather than crashes,
//! and response headers on every route (the Content-Security-Policy). axum gives all
//! three in a few lines on hyper, the most used and audited HTTP implementation in Rust,
//! maintained with tokio by the tokio project; it builds here with HTTP/1 only, on a
//! single-threaded runtime (one session, one browser: no need for more threads). The
//! lighter synchronous servers (tiny_http, rouille) lack a per-route body limit and
//! graceful shutdown, which `--ci` needs to answer the page's last request before it
//! exits. The stack sits behind the `sandbox` feature, so library users and plain `cli`
//! builds never compile it.
//!
//! Files: [`scenario`] (the steps), [`session`] (rows, findings, report), [`verdict`]
//! (the only module that calls the library's validation and protocol code), [`http`]
//! (routes, headers, limits), and `page/` (the HTML, script and style, embedded).

mod http;
mod scenario;
mod session;
mod verdict;

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

use super::{Status, print_all, warn};
use scenario::Scenario;
pub use verdict::Policy;

/// The largest message the server reads (1 MiB); the page does not forward longer
/// ones, and reports them.
pub const MAX_MESSAGE_BYTES: usize = 1 << 20;

/// What `des-events sandbox` was asked to do.
#[derive(Debug)]
pub struct Request {
    /// The port on 127.0.0.1; 0 picks a free one.
    pub port: u16,
    /// The origin of the bank's page, e.g. `http://localhost:3000`.
    pub bank_origin: String,
    /// A scenario file instead of the default scenario.
    pub scenario: Option<PathBuf>,
    /// How received messages are judged.
    pub policy: Policy,
    /// Exit when the scenario is over, with the report on stdout.
    pub ci: bool,
    /// With `--ci`: the longest the session may take, in seconds.
    pub timeout: Option<u64>,
}

/// Runs the sandbox until it is stopped (or, with `--ci`, until the scenario is over).
pub fn run(request: &Request) -> Status {
    match start(request) {
        Ok(status) => status,
        Err(message) => {
            warn(format_args!("des-events sandbox: {message}"));
            Status::Error
        }
    }
}

fn start(request: &Request) -> Result<Status, String> {
    let bank_origin = origin(&request.bank_origin)?;
    let scenario = match &request.scenario {
        Some(path) => Scenario::load(path)?,
        None => Scenario::default_scenario()?,
    };
    let waits: u64 = scenario.steps().iter().map(|step| step.wait_ms).sum();
    let timeout = Duration::from_secs(request.timeout.unwrap_or(30 + waits / 1000));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|err| format!("cannot start the async runtime: {err}"))?;
    runtime.block_on(async {
        // Loopback only: the sandbox is for the developer's own browser.
        let address = SocketAddr::from((Ipv4Addr::LOCALHOST, request.port));
        let listener = tokio::net::TcpListener::bind(address)
            .await
            .map_err(|err| format!("cannot listen on {address}: {err}"))?;
        let port = listener
            .local_addr()
            .map_err(|err| format!("cannot read the bound address: {err}"))?
            .port();
        let url = format!("http://127.0.0.1:{port}/");
        // The URL alone on the first line of stdout, for scripts (`--port 0`).
        if print_all(&format!("{url}\n")) != Status::Ok {
            return Err("cannot write to stdout".to_owned());
        }
        warn(format_args!(
            "des-events sandbox: serving the DES sandbox at {url} for the bank origin {bank_origin} \
             (policy {}, scenario {}, {} steps); point the bank app's DES iframe at it",
            request.policy,
            scenario.name,
            scenario.steps().len()
        ));
        let config = http::Config {
            port,
            bank_origin,
            policy: request.policy,
            scenario,
        };
        if request.ci {
            let report = http::serve_once(listener, config, timeout).await;
            let ok = report.as_ref().is_some_and(|(_, ok)| *ok);
            let text = report.map_or_else(|| "{}".to_owned(), |(text, _)| text);
            if print_all(&format!("{text}\n")) != Status::Ok {
                return Err("cannot write the report to stdout".to_owned());
            }
            Ok(if ok { Status::Ok } else { Status::Invalid })
        } else {
            http::serve(listener, config).await;
            Ok(Status::Ok)
        }
    })
}

/// The serialized origin of `text` as a browser writes `event.origin`: lower-case
/// scheme and host, no default port, no path. Only `http` and `https` origins.
pub fn origin(text: &str) -> Result<String, String> {
    let bad = |why: &str| {
        format!(
            "--bank-origin `{}`: {why} (expected e.g. http://localhost:3000)",
            verdict::cut(text)
        )
    };
    let (scheme, rest) = text.split_once("://").ok_or_else(|| bad("no scheme"))?;
    let scheme = scheme.to_ascii_lowercase();
    let default_port = match scheme.as_str() {
        "http" => "80",
        "https" => "443",
        _ => return Err(bad("the scheme must be http or https")),
    };
    let authority = rest.strip_suffix('/').unwrap_or(rest);
    if authority.is_empty() {
        return Err(bad("no host"));
    }
    if authority.contains(['/', '?', '#', '@', '*']) {
        return Err(bad(
            "an origin has no path, query, fragment, user or wildcard",
        ));
    }
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) if !port.contains(']') => (host, Some(port)),
        _ => (authority, None),
    };
    let valid_host = if let Some(v6) = host.strip_prefix('[') {
        v6.strip_suffix(']').is_some_and(|inner| {
            !inner.is_empty()
                && inner
                    .chars()
                    .all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.')
        })
    } else {
        !host.is_empty()
            && host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
    };
    if !valid_host {
        return Err(bad("not a host name or IP address"));
    }
    let host = host.to_ascii_lowercase();
    let Some(port) = port else {
        return Ok(format!("{scheme}://{host}"));
    };
    match port.parse::<u16>() {
        Ok(0) | Err(_) => Err(bad("bad port")),
        Ok(port) if port.to_string() == default_port => Ok(format!("{scheme}://{host}")),
        Ok(port) => Ok(format!("{scheme}://{host}:{port}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_serialized_as_browsers_do() {
        for (text, expected) in [
            ("http://localhost:3000", Ok("http://localhost:3000")),
            ("HTTP://LocalHost:3000/", Ok("http://localhost:3000")),
            ("https://bank.example:443", Ok("https://bank.example")),
            ("http://127.0.0.1:80", Ok("http://127.0.0.1")),
            ("http://[::1]:8080", Ok("http://[::1]:8080")),
            ("localhost:3000", Err("no scheme")),
            ("ftp://x", Err("http or https")),
            ("http://x/app", Err("no path")),
            ("http://*", Err("wildcard")),
            ("http://x:99999", Err("bad port")),
            ("http://", Err("no host")),
            ("http://a b", Err("not a host")),
        ] {
            match (origin(text), expected) {
                (Ok(found), Ok(expected)) => assert_eq!(found, expected),
                (Err(found), Err(expected)) => assert!(found.contains(expected), "{found}"),
                (found, _) => panic!("{text}: {found:?}"),
            }
        }
    }
}
