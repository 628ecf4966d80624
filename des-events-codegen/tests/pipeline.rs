//! The engine's one entry: `generate` runs every stage and every cross-check of a
//! request, collects every problem, and lists the files a build must track.

use std::path::{Path, PathBuf};

use des_events_codegen::{Diagnostics, Generated, Request, Source, generate};

/// A one-event union; `extra` goes into the event's alternative.
fn union(title: &str, wire: &str, message: &str, extra: &str) -> String {
    format!(
        r#"{{
  "title": "{title}",
  "oneOf": [
    {{
      "type": "object",
      "properties": {{"event": {{"const": "{wire}"}}, "message": {message}}},
      "required": ["event", "message"],
      "additionalProperties": false{extra}
    }}
  ]
}}"#
    )
}

const ASK: &str = r#"{"type": "object", "properties": {"requestId": {"type": "string"}}, "required": ["requestId"], "additionalProperties": false}"#;
const ANSWER: &str = r#"{"type": "object", "properties": {"requestId": {"type": "string", "x-des-echo": true}}, "required": ["requestId"], "additionalProperties": false}"#;

fn errors(request: &Request) -> Diagnostics {
    match generate(request) {
        Ok(_) => panic!("accepted: {request:?}"),
        Err(errors) => errors,
    }
}

fn ok(request: &Request) -> Generated {
    generate(request).unwrap_or_else(|err| panic!("{err}"))
}

/// A fresh directory for this test's files.
fn scratch(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(test);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|err| panic!("{}: {err}", dir.display()));
    dir
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
}

#[test]
fn check_only_checks_everything_but_expands_nothing() {
    let text = union("Asks", "ask", ASK, "");
    let full = ok(&Request::new(Source::text("asks.json", text.as_str())));
    let checked = ok(&Request::new(Source::text("asks.json", text.as_str())).check_only());
    assert!(!full.tokens().is_empty());
    assert!(checked.tokens().is_empty());
    assert_eq!(full.schema(), checked.schema());
    // Text has no file to track.
    assert!(full.tracked().is_empty());
}

#[test]
fn the_catch_all_check_runs_when_catch_all_is_on() {
    let text = union("Events", "other", ASK, "");
    let request = || Request::new(Source::text("events.json", text.as_str()));
    ok(&request());
    for request in [
        request().catch_all(true),
        request().catch_all(true).check_only(),
    ] {
        let errors = errors(&request);
        assert_eq!(errors.0.len(), 1, "{errors}");
        assert!(
            errors.0[0].message.contains("`catch_all = true` reserves"),
            "{errors}"
        );
        assert_eq!(errors.0[0].pointer.as_deref(), Some("/oneOf/0"));
    }
}

#[test]
fn the_replies_schema_is_loaded_and_its_links_checked() {
    let asks = Source::text("asks.json", union("Asks", "ask", ASK, ""));
    let module = || "crate::answers".parse().expect("a module path");
    let answers = |reply_to: &str| {
        let extra = format!(r#", "x-des-reply-to": "{reply_to}""#);
        Source::text("answers.json", union("Answers", "answer", ANSWER, &extra))
    };
    let generated = ok(&Request::new(asks.clone()).replies(answers("ask"), module()));
    assert_eq!(
        generated.replies_schema().map(|s| s.name.as_str()),
        Some("Answers")
    );
    assert!(generated.tokens().to_string().contains("reply_answer"));
    // A link to an event the request schema lacks, even when only checking.
    for request in [
        Request::new(asks.clone()).replies(answers("asked"), module()),
        Request::new(asks.clone())
            .replies(answers("asked"), module())
            .check_only(),
    ] {
        let errors = errors(&request);
        assert_eq!(errors.0.len(), 1, "{errors}");
        assert_eq!(errors.0[0].file, "answers.json");
        assert_eq!(
            errors.0[0].pointer.as_deref(),
            Some("/oneOf/0/x-des-reply-to")
        );
    }
}

#[test]
fn problems_of_both_schemas_are_collected_schema_first() {
    let broken = |shown: &str| Source::text(shown, "{\"title\": 3}");
    let module = "crate::answers".parse().expect("a module path");
    let request = Request::new(broken("asks.json")).replies(broken("answers.json"), module);
    let errors = errors(&request);
    let files: Vec<&str> = errors.iter().map(|d| d.file.as_str()).collect();
    assert!(
        files.contains(&"asks.json") && files.contains(&"answers.json"),
        "{errors}"
    );
    // Every problem of the schema before any of the replies schema.
    let mut ordered = files.clone();
    ordered.sort_by_key(|file| *file != "asks.json");
    assert_eq!(files, ordered, "{errors}");
}

#[test]
fn a_missing_file_is_one_located_problem() {
    let dir = scratch("a_missing_file_is_one_located_problem");
    let request = Request::new(Source::file(dir.join("nope.json"), "nope.json"));
    let errors = errors(&request);
    assert_eq!(errors.0.len(), 1, "{errors}");
    assert_eq!(errors.0[0].file, "nope.json");
    assert_eq!(
        errors.0[0].message,
        des_events_codegen::diag::FILE_NOT_FOUND
    );
    // The build still depends on the file it names.
    assert_eq!(request.files().collect::<Vec<_>>(), [dir.join("nope.json")]);
}

#[test]
fn tracked_files_are_the_schemas_and_what_their_refs_read() {
    let dir = scratch("tracked_files_are_the_schemas_and_what_their_refs_read");
    let (asks, answers) = (dir.join("asks.json"), dir.join("answers.json"));
    let (part, answer_part) = (dir.join("ask.part.json"), dir.join("answer.part.json"));
    write(
        &asks,
        &union("Asks", "ask", r#"{"$ref": "ask.part.json"}"#, ""),
    );
    write(&part, ASK);
    let extra = r#", "x-des-reply-to": "ask""#;
    write(
        &answers,
        &union(
            "Answers",
            "answer",
            r#"{"$ref": "answer.part.json"}"#,
            extra,
        ),
    );
    write(&answer_part, ANSWER);
    let request = Request::new(Source::file(&asks, "asks.json")).replies(
        Source::file(&answers, "answers.json"),
        "crate::answers".parse().expect("a module path"),
    );
    let generated = ok(&request);
    let canonical = |path: &Path| path.canonicalize().unwrap_or_else(|_| path.to_owned());
    let tracked: Vec<PathBuf> = generated.tracked().iter().map(|p| canonical(p)).collect();
    assert_eq!(
        tracked,
        [&asks, &answers, &part, &answer_part].map(|p| canonical(p)),
        "{:?}",
        generated.tracked()
    );
}
