//! `des-events bridge encode|decode`, run as a real binary.

mod common;

use common::run;

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn encode_prints_one_call_per_line_and_exit_codes() {
    let input = concat!(
        r#"{"event":"navigateTo","message":{"location":"/dreams/1'); alert(1); ('"}}"#,
        "\n\n",
        r#"{"message":{"requestId":"a2313192-e2dc-452e-b56c-2f23baf6eee1"},"event":"accountProvisioned"}"#,
        "\n"
    );
    let out = run(&["bridge", "encode"], input);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    assert_eq!(
        lines[0],
        r"navigateTo('{\u0022location\u0022:\u0022/dreams/1\u0027); alert(1); (\u0027\u0022}')"
    );
    assert!(lines[1].starts_with("accountProvisionInitiated('{\\u0022requestId\\u0022:"));

    // An event without a mobile function, and an invalid line: exit 1, errors on stderr.
    let out = run(
        &["bridge", "encode", "-"],
        "{\"event\":\"onBackRequested\",\"message\":{}}\nnot json\n",
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("-:1: the event `onBackRequested` has no mobile function"),
        "{stderr}"
    );
    assert!(stderr.contains("-:2: malformed JSON"), "{stderr}");

    let out = run(&["bridge", "encode", "does/not/exist.jsonl"], "");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn decode_prints_the_enveloped_event() {
    let out = run(
        &[
            "bridge",
            "decode",
            "share",
            r#"{"url":"","text":"hi","title":"t"}"#,
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "{\"event\":\"onShare\",\"message\":{\"url\":\"\",\"text\":\"hi\",\"title\":\"t\"}}\n"
    );

    let out = run(
        &["bridge", "decode", "onIdTokenDidExpire"],
        r#"{"requestId":"a2313192-e2dc-452e-b56c-2f23baf6eee1"}"#,
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));

    let out = run(
        &[
            "bridge",
            "decode",
            "onIdTokenDidExpire",
            r#"{"requestId":"nope"}"#,
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("message.requestId"),
        "{}",
        text(&out.stderr)
    );

    let out = run(&["bridge", "decode", "noSuchHandler", "{}"], "");
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("unknown event `noSuchHandler`"));

    let out = run(&["bridge", "decode"], "");
    assert_eq!(out.status.code(), Some(2));
}
