//! `des-events sandbox` in a real browser: the system's headless Chromium (Debian's
//! `chromium` package, `/usr/bin/chromium`) opens sample bank pages (`sandbox_pages/`),
//! served from a second loopback origin, that embed the sandbox; the sandbox runs with
//! `--ci`, so the test reads its exit status and report, and checks what the page shows.
//!
//! The browser is driven by `sandbox_pages/driver.js`, a Node.js script with no
//! dependency that speaks the DevTools protocol over `--remote-debugging-pipe` (see its
//! header). Nothing downloads a browser. Without `/usr/bin/chromium` or `node` the tests
//! say loudly that they skipped, unless `DES_BROWSER_TESTS` is set (as CI does): then
//! they fail. Screenshots go to `<target>/sandbox/*.png`.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Mutex, PoisonError};
use std::thread;

use serde_json::Value;

const CHROMIUM: &str = "/usr/bin/chromium";

/// The token the sample pages put in `updateToken` (a credential).
const TOKEN: &str = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzYW5kYm94In0.c2FuZGJveC1jcmVkZW50aWFsLXZhbHVl";
/// The credential of the hostile page's invalid `updateToken`.
const HOSTILE_SECRET: &str = "eyJhbGciOiJIUzI1NiJ9.eyJob3N0aWxlIjp0cnVlfQ.aG9zdGlsZS1jcmVkZW50aWFs";

/// One browser at a time: two cores, and each run measures its own timing.
static ONE_BROWSER: Mutex<()> = Mutex::new(());

fn pages() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sandbox_pages")
}

/// Whether the browser and Node.js are here; panics when they must be and are not.
fn browser_available() -> bool {
    let chromium = Path::new(CHROMIUM).is_file();
    let node = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|out| out.status.success());
    if chromium && node {
        return true;
    }
    let missing = match (chromium, node) {
        (false, false) => format!("{CHROMIUM} and node"),
        (false, true) => CHROMIUM.to_owned(),
        _ => "node".to_owned(),
    };
    assert!(
        std::env::var_os("DES_BROWSER_TESTS").is_none(),
        "DES_BROWSER_TESTS is set, but {missing} is missing (apt-get install -y chromium nodejs)"
    );
    eprintln!(
        "\n########## SKIPPED: the sandbox browser tests need {missing} \
         (apt-get install -y chromium nodejs). Set DES_BROWSER_TESTS=1 to make this a failure. ##########\n"
    );
    false
}

/// Serves the sample pages on a free loopback port (the bank's origin); returns it.
fn serve_pages() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap_or_else(|err| panic!("bind: {err}"));
    let port = listener.local_addr().map(|a| a.port()).unwrap_or_default();
    thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            thread::spawn(move || serve_file(stream));
        }
    });
    port
}

fn serve_file(stream: TcpStream) {
    let Ok(reader) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(reader);
    let mut request = String::new();
    let _ = reader.read_line(&mut request);
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).unwrap_or(0) <= 2 {
            break;
        }
    }
    let target = request.split_whitespace().nth(1).unwrap_or("/");
    let name = target
        .trim_start_matches('/')
        .split('?')
        .next()
        .unwrap_or_default();
    let safe = !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c));
    let body = safe
        .then(|| std::fs::read(pages().join(name)).ok())
        .flatten();
    let kind = match name.rsplit('.').next() {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        _ => "application/octet-stream",
    };
    let mut stream = stream;
    let _ = match body {
        Some(body) => stream
            .write_all(
                format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: {kind}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                    body.len()
                )
                .as_bytes(),
            )
            .and_then(|()| stream.write_all(&body)),
        None => stream.write_all(b"HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"),
    };
}

/// A child process that is killed when the test ends, even by a failed assertion.
struct Killed(std::process::Child);

/// Starts the server `command` describes (its stderr already set), killed on drop, and
/// its stdout, where it prints its URL first.
fn start(command: &mut Command) -> (Killed, BufReader<std::process::ChildStdout>) {
    let mut server = Killed(
        command
            .stdout(Stdio::piped())
            .spawn()
            .unwrap_or_else(|err| panic!("cannot start des-events sandbox: {err}")),
    );
    let stdout = server
        .0
        .stdout
        .take()
        .unwrap_or_else(|| panic!("no stdout"));
    (server, BufReader::new(stdout))
}

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// What one run gave.
struct Run {
    /// `des-events sandbox --ci`'s exit status.
    status: Option<i32>,
    /// Its report.
    report: Value,
    /// Everything the server printed (stdout and stderr).
    output: String,
    /// What the sandbox frame showed (driver.js's snapshot).
    frame: Value,
    /// The bank page's title at the end.
    bank_title: String,
}

impl Run {
    fn rows(&self, direction: &str) -> Vec<&Value> {
        self.report["rows"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|row| row["direction"] == direction)
            .collect()
    }

    fn count(&self, name: &str) -> u64 {
        self.report["counts"][name].as_u64().unwrap_or(u64::MAX)
    }
}

/// Runs the sandbox with `--ci` for the sample page `page`, in Chromium.
fn run(page: &str, scenario: Option<&str>, policy: &str, shot: &str) -> Run {
    let _one = ONE_BROWSER.lock().unwrap_or_else(PoisonError::into_inner);
    let bank_origin = format!("http://127.0.0.1:{}", serve_pages());
    let mut command = Command::new(env!("CARGO_BIN_EXE_des-events"));
    command.args([
        "sandbox",
        "--port",
        "0",
        "--bank-origin",
        &bank_origin,
        "--ci",
        "--timeout",
        "90",
        "--policy",
        policy,
    ]);
    if let Some(scenario) = scenario {
        command.arg("--scenario").arg(pages().join(scenario));
    }
    let (mut server, mut stdout) = start(command.stderr(Stdio::piped()));
    let mut stderr = server
        .0
        .stderr
        .take()
        .unwrap_or_else(|| panic!("no stderr"));
    let errors = thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    let mut url = String::new();
    let _ = stdout.read_line(&mut url);
    let url = url.trim().to_owned();
    assert!(url.starts_with("http://127.0.0.1:"), "first line: {url:?}");

    let target = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .unwrap_or_else(|| Path::new("."))
        .join("sandbox");
    let screenshot = target.join(format!("{shot}.png"));
    let driver = Command::new("node")
        .arg(pages().join("driver.js"))
        .arg(CHROMIUM)
        .arg(format!("{bank_origin}/{page}?sandbox={url}"))
        .arg(url.trim_end_matches('/'))
        .arg(&screenshot)
        .arg("60000")
        .output()
        .unwrap_or_else(|err| panic!("cannot run node: {err}"));
    assert!(
        driver.status.success(),
        "driver.js failed: {}",
        String::from_utf8_lossy(&driver.stderr)
    );
    let snapshot: Value = serde_json::from_slice(&driver.stdout).unwrap_or_else(|err| {
        panic!(
            "driver output: {err}: {}",
            String::from_utf8_lossy(&driver.stdout)
        )
    });

    // The page finished the scenario, so the server prints its report and exits.
    let mut rest = String::new();
    let _ = stdout.read_to_string(&mut rest);
    let status = server.0.wait().ok().and_then(|status| status.code());
    let errors = errors.join().unwrap_or_default();
    let report: Value = serde_json::from_str(&rest)
        .unwrap_or_else(|err| panic!("report: {err}\nstdout: {rest}\nstderr: {errors}"));
    assert!(
        screenshot.is_file(),
        "no screenshot at {}",
        screenshot.display()
    );
    eprintln!(
        "{page}: {} rows, status {status:?}, browser run {} ms, screenshot {}",
        report["counts"]["rows"],
        snapshot["elapsedMs"],
        screenshot.display()
    );
    Run {
        status,
        report,
        output: format!("{url}\n{rest}\n{errors}"),
        bank_title: snapshot["bankTitle"]
            .as_str()
            .unwrap_or_default()
            .to_owned(),
        frame: snapshot["frame"].clone(),
    }
}

/// The page shows one row per message of the report, plus one per late finding.
fn assert_page_matches_report(run: &Run) {
    assert_eq!(run.frame["state"], "finished", "{}", run.frame["status"]);
    assert_eq!(run.frame["messageRows"].as_u64(), Some(run.count("rows")));
    let late = run.report["findings"].as_array().map_or(0, Vec::len) as u64;
    assert_eq!(run.frame["findingRows"].as_u64(), Some(late));
    assert_eq!(run.frame["transportRows"], 0);
    assert_eq!(
        run.frame["elementsInLog"], 0,
        "markup from a message became elements"
    );
    assert_eq!(run.frame["title"], "DES sandbox");
    assert_eq!(run.report["lost"], 0);
}

fn assert_no_credential(run: &Run, secret: &str) {
    assert!(
        !run.report.to_string().contains(secret),
        "credential in the report"
    );
    assert!(
        !run.output.contains(secret),
        "credential in the server output"
    );
    let text = run.frame["text"].as_str().unwrap_or_default();
    assert!(
        !text.is_empty() && !text.contains(secret),
        "credential on the page"
    );
}

#[test]
fn a_correct_bank_page_gets_a_clean_report() {
    if !browser_available() {
        return;
    }
    let run = run("bank-correct.html", None, "strict", "correct");
    assert_eq!(run.status, Some(0), "{}", run.report);
    assert_eq!(run.report["ok"], true);
    assert_eq!(run.frame["ok"], "true");
    assert_page_matches_report(&run);
    // Every DES example was sent; each of the 8 requests got its valid reply, and the
    // page-ready event got a keep-alive.
    assert_eq!(run.count("des_sent"), 13);
    let mut sent: Vec<&str> = run
        .rows("des")
        .iter()
        .filter_map(|r| r["event"].as_str())
        .collect();
    sent.dedup();
    assert_eq!(sent.len(), 10, "{sent:?}");
    assert_eq!(run.count("partner_received"), 8);
    assert_eq!(run.count("valid"), 8);
    for name in ["invalid", "ignored", "warnings", "findings", "violations"] {
        assert_eq!(run.count(name), 0, "{name}");
    }
    let answered = run
        .rows("partner")
        .iter()
        .filter(|row| row["step"].is_u64())
        .count();
    assert_eq!(answered, 7, "every reply names the step it answers");
    assert_eq!(run.frame["rows"], 21);
    assert_no_credential(&run, TOKEN);
}

#[test]
fn an_sdk_like_bank_page_gets_the_expected_errors_and_findings() {
    if !browser_available() {
        return;
    }
    let run = run("bank-sdk-like.html", None, "strict", "sdk-like");
    assert_eq!(run.status, Some(1));
    assert_eq!(run.report["ok"], false);
    assert_eq!(run.frame["ok"], "false");
    assert_page_matches_report(&run);
    let found: Vec<String> = run
        .rows("partner")
        .iter()
        .map(|row| {
            let findings: Vec<&str> = row["findings"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|f| f["kind"].as_str())
                .collect();
            format!(
                "{} {} {} {} [{}]",
                row["event"].as_str().unwrap_or("-"),
                row["verdict"].as_str().unwrap_or("-"),
                row["error"]["kind"].as_str().unwrap_or("-"),
                row["error"]["path"].as_str().unwrap_or("-"),
                findings.join(",")
            )
        })
        .collect();
    // Strict policy: every deviation is an error except the schema's declared legacy
    // value; the replies without requestId are also protocol violations.
    assert_eq!(
        found,
        [
            "updateToken valid - - []",
            "accountProvisioned valid - - []",
            // `error` is a declared legacy value (x-des-legacy): accepted, with a warning.
            "onAccountRequestedFailed warning - - []",
            "onAccountRequestedSucceeded invalid missing_field message [echo_mismatch]",
            "investmentAccountProvisionInitiated invalid unknown_field message.callbackPath []",
            "onTransferConsentSucceeded invalid missing_field message.requestId [echo_mismatch]",
            "onTransferConsentCancelled invalid missing_field message.requestId [echo_mismatch]",
        ]
    );
    assert_eq!(run.count("invalid"), 4);
    assert_eq!(run.count("with_warnings"), 1);
    // The three replies that echo nothing leave their requests open: each times out
    // after its step's wait, next to the three mismatches.
    let late: Vec<&str> = run.report["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f["kind"].as_str())
        .collect();
    assert_eq!(late, ["timed_out"; 3], "{}", run.report["findings"]);
    assert_eq!(run.count("violations"), 6);
    let mismatch = run.report["rows"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row["findings"].as_array().into_iter().flatten())
        .filter_map(|f| f["message"].as_str())
        .next()
        .unwrap_or_default();
    assert!(
        mismatch.starts_with("reply to onAccountRequested #")
            && mismatch.ends_with("requestId is missing"),
        "{mismatch}"
    );
    assert_no_credential(&run, TOKEN);
}

#[test]
fn hostile_messages_are_reported_and_break_nothing() {
    if !browser_available() {
        return;
    }
    let run = run("bank-hostile.html", None, "strict", "hostile");
    assert_eq!(run.status, Some(1));
    assert_page_matches_report(&run);
    assert_eq!(run.bank_title, "Bank app (hostile)");
    // The scenario still ran to the end, and every request was answered.
    assert_eq!(run.count("des_sent"), 13);
    // The one protocol finding: the invalid updateToken's requestId matches no request.
    let findings: Vec<&Value> = run.report["rows"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row["findings"].as_array().into_iter().flatten())
        .collect();
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(findings[0]["kind"], "echo_mismatch");
    let message = findings[0]["message"].as_str().unwrap_or_default();
    assert!(
        message.starts_with("reply to onIdTokenDidExpire #")
            && message.contains("requestId does not echo")
            && message.ends_with("\"not-a-uuid\" here)"),
        "{message}"
    );
    assert_eq!(run.count("violations"), 1);
    let kinds: Vec<&str> = run
        .rows("partner")
        .iter()
        .filter_map(|row| row["error"]["kind"].as_str())
        .collect();
    for kind in [
        "syntax",
        "too_large",
        "unknown_event",
        "unknown_field",
        "not_a_string",
        "not_utf8",
        "constraint",
    ] {
        assert!(kinds.contains(&kind), "no {kind} row in {kinds:?}");
    }
    assert_eq!(run.count("invalid"), 7, "{kinds:?}");
    let foreign = run.rows("foreign");
    assert_eq!(foreign.len(), 1);
    assert_eq!(foreign[0]["origin"], "null");
    assert_eq!(foreign[0]["verdict"], "ignored");
    // Markup in an event name and in a field name is shown as text.
    let text = run.frame["text"].as_str().unwrap_or_default();
    assert!(
        text.contains("<script>document.title='pwned'</script>"),
        "{text}"
    );
    assert_no_credential(&run, HOSTILE_SECRET);
    assert_no_credential(&run, TOKEN);
    // The 2 MB payload is not in the report either.
    assert!(run.report.to_string().len() < 100_000);
}

#[test]
fn a_burst_of_1000_messages_arrives_whole_and_in_order() {
    if !browser_available() {
        return;
    }
    let run = run(
        "bank-burst.html",
        Some("burst.scenario.json"),
        "strict",
        "burst",
    );
    assert_page_matches_report(&run);
    assert_eq!(run.status, Some(0), "{}", run.report["counts"]);
    let rows = run.rows("partner");
    assert_eq!(rows.len(), 1000);
    const EVENTS: [&str; 4] = [
        "navigateTo",
        "sessionKeepAlive",
        "onBackRequested",
        "onSignOutRequested",
    ];
    let mut x: u64 = 1;
    for (i, row) in rows.iter().enumerate() {
        x = (x * 75 + 74) % 65537;
        let expected = EVENTS[(x % 4) as usize];
        assert_eq!(row["seq"], i as u64 + 1);
        assert_eq!((i, row["event"].as_str()), (i, Some(expected)));
        assert_eq!(row["verdict"], "valid");
    }
    let first = rows[0]["at_ms"].as_u64().unwrap_or_default();
    let last = rows[999]["at_ms"].as_u64().unwrap_or_default();
    eprintln!(
        "burst: 1000 messages judged in {} ms (first to last row)",
        last - first
    );
    assert_eq!(run.frame["messageRows"], 1001);
}

/// One HTTP/1.1 exchange with `Connection: close`: the status, the header block (lower
/// case) and the body.
fn http(port: u16, request: &str, body: &[u8]) -> (u16, String, String) {
    let mut stream =
        TcpStream::connect(("127.0.0.1", port)).unwrap_or_else(|err| panic!("connect: {err}"));
    let _ = stream.set_read_timeout(Some(std::time::Duration::from_secs(10)));
    let _ = stream.write_all(request.replace('\n', "\r\n").as_bytes());
    let _ = stream.write_all(body);
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    let response = String::from_utf8_lossy(&response).into_owned();
    let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, head.to_ascii_lowercase(), body.to_owned())
}

/// Without a browser: the headers, the Host check, the token, and the size limits.
#[test]
fn the_server_guards_every_route() {
    let (_server, mut stdout) = start(
        Command::new(env!("CARGO_BIN_EXE_des-events"))
            .args([
                "sandbox",
                "--port",
                "0",
                "--bank-origin",
                "HTTP://127.0.0.1:4100/",
            ])
            .stderr(Stdio::null()),
    );
    let mut url = String::new();
    let _ = stdout.read_line(&mut url);
    let port: u16 = url
        .trim()
        .trim_end_matches('/')
        .rsplit(':')
        .next()
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("no port in {url:?}"));
    let host = format!("Host: 127.0.0.1:{port}");

    let (status, head, page) = http(
        port,
        &format!("GET / HTTP/1.1\n{host}\nConnection: close\n\n"),
        b"",
    );
    assert_eq!(status, 200);
    assert!(
        head.contains(
            "content-security-policy: default-src 'none'; script-src 'self'; connect-src 'self'; \
         style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; \
         frame-ancestors http://127.0.0.1:4100\r\n"
        ),
        "{head}"
    );
    assert!(head.contains("x-content-type-options: nosniff"));
    assert!(page.contains(r#"<script src="/sandbox.js" defer></script>"#));
    assert_eq!(page.matches("<script").count(), 1, "no inline script");
    let (status, _, script) = http(
        port,
        &format!("GET /sandbox.js HTTP/1.1\n{host}\nConnection: close\n\n"),
        b"",
    );
    assert_eq!(status, 200);
    assert!(!script.contains("innerHTML") && !script.contains("'*'"));

    // DNS rebinding: another name for this address is refused.
    let (status, _, _) = http(
        port,
        "GET /report HTTP/1.1\nHost: bank.example:80\nConnection: close\n\n",
        b"",
    );
    assert_eq!(status, 421);
    // No token, no session.
    let batch = br#"[{"kind":"text","seq":1,"data":"{}"}]"#;
    let post = |path: &str, token: &str, body: &[u8]| {
        http(
            port,
            &format!(
                "POST {path} HTTP/1.1\n{host}\nx-des-sandbox: {token}\nContent-Length: {}\nConnection: close\n\n",
                body.len()
            ),
            body,
        )
    };
    assert_eq!(post("/received", "guess", batch).0, 403);
    let (status, _, session) = post("/session", "new", b"");
    assert_eq!(status, 200);
    let session: Value = serde_json::from_str(&session).unwrap_or_default();
    let token = session["token"].as_str().unwrap_or_default().to_owned();
    assert_eq!(session["steps"].as_array().map(Vec::len), Some(13));

    // A body over the limit is refused; the server lives on.
    let huge = vec![b' '; 9 << 20];
    let (status, _, _) = post("/received", &token, &huge);
    assert_eq!(status, 413);
    // A message over 1 MiB inside a batch (a client other than the page) is a row.
    let long = format!(
        r#"[{{"kind":"text","seq":1,"data":"{}"}},{{"kind":"not_utf8","seq":2}},{{"kind":"text","seq":3,"data":"{{\"event\":\"sessionKeepAlive\",\"message\":{{}}}}"}}]"#,
        "a".repeat(1_100_000)
    );
    let (status, _, answer) = post("/received", &token, long.as_bytes());
    assert_eq!(status, 200, "{answer}");
    let answer: Value = serde_json::from_str(&answer).unwrap_or_default();
    assert_eq!(answer["rows"][0]["error"]["kind"], "too_large");
    assert_eq!(answer["rows"][1]["error"]["kind"], "not_utf8");
    assert_eq!(answer["rows"][2]["verdict"], "valid");
    // Not a batch: refused, nothing recorded.
    assert_eq!(post("/received", &token, b"not json").0, 400);
    assert_eq!(post("/sent?step=99", &token, b"").0, 400);
    let (status, _, report) = http(
        port,
        &format!("GET /report HTTP/1.1\n{host}\nConnection: close\n\n"),
        b"",
    );
    assert_eq!(status, 200);
    let report: Value = serde_json::from_str(&report).unwrap_or_default();
    assert_eq!(report["counts"]["rows"], 3);
    assert_eq!(report["bank_origin"], "http://127.0.0.1:4100");
}

#[test]
fn bad_arguments_exit_2_with_a_precise_message() {
    for (args, expected) in [
        (
            &["--bank-origin", "localhost:3000"][..],
            "--bank-origin `localhost:3000`: no scheme",
        ),
        (&["--policy", "lenient"][..], "unknown policy \"lenient\""),
        (
            &["--scenario", "/nonexistent/scenario.json"][..],
            "cannot read /nonexistent/scenario.json",
        ),
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_des-events"))
            .arg("sandbox")
            // `--ci --timeout 1`: should an argument be accepted after all, the test
            // fails within a second instead of serving forever.
            .args(["--port", "0", "--ci", "--timeout", "1"])
            .args(args)
            .output()
            .unwrap_or_else(|err| panic!("{err}"));
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
        assert!(out.stdout.is_empty(), "nothing served: {args:?}");
    }
}

#[test]
fn the_tolerant_policy_turns_the_sdk_deviations_into_warnings() {
    if !browser_available() {
        return;
    }
    let run = run("bank-sdk-like.html", None, "tolerant", "sdk-like-tolerant");
    assert_page_matches_report(&run);
    assert_eq!(run.report["policy"], "tolerant");
    let rows = run.rows("partner");
    let invest = rows
        .iter()
        .find(|row| row["event"] == "investmentAccountProvisionInitiated")
        .unwrap_or_else(|| panic!("no investmentAccountProvisionInitiated row"));
    assert_eq!(invest["verdict"], "warning");
    let kinds: Vec<&str> = invest["warnings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|w| w["kind"].as_str())
        .collect();
    assert_eq!(kinds, ["unknown_field"; 3]);
    // Missing requestId stays an error under every policy: still exit 1.
    assert_eq!(run.count("invalid"), 3);
    assert_eq!(run.count("with_warnings"), 2);
    assert_eq!(run.status, Some(1));
}
