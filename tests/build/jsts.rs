//! The JSON Schema Test Suite through `include_schema!`: writes `$OUT_DIR/jsts.rs` for
//! `tests/json_schema_test_suite.rs`.
//!
//! Every group of every required file of drafts 4, 6, 7, 2019-09 and 2020-12, and of
//! their `optional/format/` files (des-events asserts formats), is judged
//! here first by the engine (the same `generate` the macro runs): a group the engine
//! accepts becomes a module with an `include_schema!` of its schema, written to
//! `$OUT_DIR/jsts/`, and a row with its documents; a refused group becomes a row with
//! the engine's first diagnostic. `http://localhost:1234/` (the suite's remotes) maps to
//! the suite's `remotes/` folder, as the suite's README says to serve it.
//!
//! The suite is read from `DES_JSON_SCHEMA_TEST_SUITE`, else from
//! `../../shared/json-schema-test-suite` next to the workspace. When it is absent the
//! table is empty and the test says it skipped.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use des_events_codegen::{Request, Source, generate};

/// The drafts, as folder name and `$schema` URI.
const DRAFTS: &[(&str, &str)] = &[
    ("draft4", "http://json-schema.org/draft-04/schema#"),
    ("draft6", "http://json-schema.org/draft-06/schema#"),
    ("draft7", "http://json-schema.org/draft-07/schema#"),
    (
        "draft2019-09",
        "https://json-schema.org/draft/2019-09/schema",
    ),
    (
        "draft2020-12",
        "https://json-schema.org/draft/2020-12/schema",
    ),
];

/// Required files left out, with the reason (printed in the test's table).
pub const LEFT_OUT: &[(&str, &str)] = &[(
    "format",
    "des-events asserts the formats of its catalogue, where the required `format` tests expect an annotation only",
)];

const REMOTES: &str = "http://localhost:1234/";

pub fn write(manifest: &Path, out: &Path) {
    println!("cargo:rerun-if-env-changed=DES_JSON_SCHEMA_TEST_SUITE");
    let suite = std::env::var_os("DES_JSON_SCHEMA_TEST_SUITE")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest.join("../../shared/json-schema-test-suite"));
    let mut modules = String::new();
    let mut groups = String::from("pub const GROUPS: &[Group] = &[\n");
    let mut embedded = String::from("pub const EMBEDDED: &[Group] = &[\n");
    let present = suite.join("tests").is_dir();
    if present {
        println!("cargo:rerun-if-changed={}", suite.join("tests").display());
        let remotes = suite.join("remotes");
        for (draft, uri) in DRAFTS {
            let folder = suite.join("tests").join(draft);
            let list = |folder: &Path| -> Vec<PathBuf> {
                let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
                    .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
                    .unwrap_or_default();
                files.retain(|path| path.extension().is_some_and(|ext| ext == "json"));
                files.sort();
                files
            };
            // The required files, then `optional/format/*` (des-events asserts formats).
            let required = list(&folder).into_iter().map(|file| (String::new(), file));
            let formats = list(&folder.join("optional").join("format"))
                .into_iter()
                .map(|file| ("optional/format/".to_owned(), file));
            for (prefix, file) in required.chain(formats) {
                let stem = file
                    .file_stem()
                    .map(|stem| format!("{prefix}{}", stem.to_string_lossy()))
                    .unwrap_or_default();
                if LEFT_OUT.iter().any(|(left, _)| *left == stem) {
                    continue;
                }
                let Ok(text) = std::fs::read_to_string(&file) else {
                    continue;
                };
                let Ok(serde_json::Value::Array(cases)) = serde_json::from_str(&text) else {
                    continue;
                };
                for (index, case) in cases.iter().enumerate() {
                    group(
                        out,
                        &remotes,
                        draft,
                        uri,
                        &stem,
                        index,
                        case,
                        &mut modules,
                        &mut groups,
                    );
                    embedded_group(
                        out,
                        &remotes,
                        draft,
                        uri,
                        &stem,
                        index,
                        case,
                        &mut modules,
                        &mut embedded,
                    );
                }
            }
        }
    }
    groups.push_str("];\n");
    embedded.push_str("];\n");
    groups.push_str(&embedded);
    let suite_shown = format!("{:?}", suite.display().to_string());
    let left_out: Vec<String> = LEFT_OUT
        .iter()
        .map(|(file, reason)| format!("({file:?}, {reason:?})"))
        .collect();
    groups.push_str(&format!(
        "pub const LEFT_OUT: &[(&str, &str)] = &[{}];\n",
        left_out.join(", ")
    ));
    let generated = format!(
        "// Generated by tests/build/jsts.rs. Do not edit.\n\npub const SUITE: &str = {suite_shown};\npub const PRESENT: bool = {present};\n\n{modules}{groups}"
    );
    std::fs::write(out.join("jsts.rs"), generated).expect("OUT_DIR is writable");
}

/// The engine's first problem with a schema, as the table shows it.
fn first_problem(problems: &des_events_codegen::Diagnostics) -> String {
    problems
        .0
        .first()
        .map_or_else(|| "refused".to_owned(), ToString::to_string)
}

/// The module of a group: `<prefix>_<draft>_<file>_<index>`.
fn module_name(prefix: &str, draft: &str, stem: &str, index: usize) -> String {
    format!(
        "{prefix}_{}_{}_{index}",
        draft.replace('-', "_"),
        stem.replace(['-', '.', '/'], "_").to_lowercase()
    )
}

/// Writes the module that includes the schema at `path` (warnings allowed: the suite's
/// schemas have defaults of the wrong type on purpose).
fn include_module(modules: &mut String, module: &str, path: &Path, remotes: &Path) {
    let path = path.display().to_string();
    let remotes = remotes.display().to_string();
    writeln!(
        modules,
        "#[allow(deprecated)]\npub mod {module} {{\n    ::des_events::include_schema!({path:?}, tests = false, map = [({REMOTES:?}, {remotes:?})]);\n}}"
    )
    .expect("a String takes writes");
}

/// `(description, data, valid)` of each test of a group, as Rust tuple literals.
fn documents(case: &serde_json::Value) -> String {
    case.get("tests")
        .and_then(serde_json::Value::as_array)
        .map(|tests| {
            tests
                .iter()
                .map(|test| {
                    let description = test
                        .get("description")
                        .and_then(serde_json::Value::as_str)
                        .unwrap_or_default();
                    let data = test.get("data").cloned().unwrap_or_default().to_string();
                    let valid = test
                        .get("valid")
                        .and_then(serde_json::Value::as_bool)
                        .unwrap_or_default();
                    format!("({description:?}, {data:?}, {valid})")
                })
                .collect::<Vec<String>>()
        })
        .unwrap_or_default()
        .join(", ")
}

/// The group embedded as a resource with its own `$id` inside an event's `message`:
/// `{"event": "e", "message": <the group's schema>}` in a tagged union whose root is
/// another resource. The test wraps each document in the envelope; the verdicts must be
/// the suite's, and the message must round-trip.
#[allow(clippy::too_many_arguments)]
fn embedded_group(
    out: &Path,
    remotes: &Path,
    draft: &str,
    uri: &str,
    stem: &str,
    index: usize,
    case: &serde_json::Value,
    modules: &mut String,
    embedded: &mut String,
) {
    let description = case
        .get("description")
        .and_then(serde_json::Value::as_str)
        .unwrap_or_default();
    let mut schema = case
        .get("schema")
        .cloned()
        .unwrap_or(serde_json::Value::Bool(true));
    let id_keyword = if draft == "draft4" { "id" } else { "$id" };
    let resource = format!("https://des-events.invalid/jsts/{draft}/{stem}/g{index}.json");
    let mut not_embeddable = None;
    if let serde_json::Value::Object(object) = &mut schema {
        // Before 2019-09 the siblings of a `$ref` are ignored, an `$id` too: such a
        // group cannot be a resource of its own inside another document.
        if object.contains_key("$ref") && matches!(draft, "draft4" | "draft6" | "draft7") {
            not_embeddable = Some(
                "not embeddable: before 2019-09 an `$id` next to `$ref` is ignored, so the group cannot be a resource of its own",
            );
        }
        if !object.contains_key(id_keyword) {
            object.insert(id_keyword.to_owned(), resource.clone().into());
        }
    }
    let envelope = serde_json::json!({
        "$schema": uri,
        "$id": "https://des-events.invalid/jsts/envelope.json",
        "title": "Embedded",
        "oneOf": [{
            "type": "object",
            "properties": {"event": {"const": "e"}, "message": schema},
            "required": ["event", "message"],
            "additionalProperties": false
        }]
    });
    let envelope = if draft == "draft4" {
        // draft-04 names the root's identifier `id`.
        let mut envelope = envelope;
        if let Some(object) = envelope.as_object_mut()
            && let Some(id) = object.remove("$id")
        {
            object.insert("id".to_owned(), id);
        }
        envelope
    } else {
        envelope
    };
    let dir = out.join("jsts-embedded").join(draft).join(stem);
    std::fs::create_dir_all(&dir).expect("OUT_DIR is writable");
    let path = dir.join(format!("g{index}.json"));
    std::fs::write(&path, envelope.to_string()).expect("OUT_DIR is writable");
    let shown = path.display().to_string();
    let documents = documents(case);
    let outcome = match not_embeddable {
        Some(reason) => Err(reason.to_owned()),
        None => {
            let request = Request::new(Source::file(&path, &shown))
                .map(REMOTES, remotes)
                .check_only();
            match generate(&request) {
                Ok(generated) => Ok(generated.into_schema().name),
                Err(problems) => Err(first_problem(&problems)),
            }
        }
    };
    let module = module_name("e", draft, stem, index);
    let judge = match &outcome {
        Ok(name) => {
            include_module(modules, &module, &path, remotes);
            format!(
                "Ok(|text| {module}::{name}::from_json(&format!(\"{{{{\\\"event\\\":\\\"e\\\",\\\"message\\\":{{text}}}}}}\")).map(|value| crate::embedded_message(&value.to_json())).map_err(|err| err.to_string()))"
            )
        }
        Err(error) => format!("Err({error:?})"),
    };
    writeln!(
        embedded,
        "    Group {{ draft: {draft:?}, file: {stem:?}, index: {index}, description: {description:?}, typed: false, judge: {judge}, tests: &[{documents}] }},"
    )
    .expect("a String takes writes");
}

#[allow(clippy::too_many_arguments)]
fn group(
    out: &Path,
    remotes: &Path,
    draft: &str,
    uri: &str,
    stem: &str,
    index: usize,
    case: &serde_json::Value,
    modules: &mut String,
    groups: &mut String,
) {
    let description = case
        .get("description")
        .and_then(serde_json::Value::as_str)
        .unwrap_or_default();
    let mut schema = case
        .get("schema")
        .cloned()
        .unwrap_or(serde_json::Value::Bool(true));
    // Older drafts' groups often leave `$schema` out: the file's draft is meant.
    if let serde_json::Value::Object(object) = &mut schema
        && !object.contains_key("$schema")
    {
        object.insert("$schema".to_owned(), uri.into());
    }
    let dir = out.join("jsts").join(draft).join(stem);
    std::fs::create_dir_all(&dir).expect("OUT_DIR is writable");
    let path = dir.join(format!("g{index}.json"));
    std::fs::write(&path, schema.to_string()).expect("OUT_DIR is writable");
    let shown = path.display().to_string();
    let request = Request::new(Source::file(&path, &shown))
        .map(REMOTES, remotes)
        .check_only();
    let documents = documents(case);
    let mut typed = false;
    let outcome = match generate(&request) {
        Ok(generated) => {
            let schema = generated.into_schema();
            match schema.roots.first() {
                Some(root) => {
                    // A typed root: a Rust type of its own, not a validated JSON value.
                    use des_events_codegen::ir::{Type, TypeDef};
                    typed = !matches!(schema.type_def(&root.name), Some(TypeDef::Json(_)) | None)
                        && !matches!(
                            schema.type_def(&root.name),
                            Some(TypeDef::Newtype(def)) if def.ty == Type::Any
                        );
                    Ok(root.name.clone())
                }
                None => Err("the document has no root type (definitions only)".to_owned()),
            }
        }
        Err(problems) => Err(first_problem(&problems)),
    };
    let module = module_name("g", draft, stem, index);
    let judge = match &outcome {
        Ok(name) => {
            include_module(modules, &module, &path, remotes);
            format!(
                "Ok(|text| {module}::{name}::from_json(text).map(|value| value.to_json()).map_err(|err| err.to_string()))"
            )
        }
        Err(error) => format!("Err({error:?})"),
    };
    writeln!(
        groups,
        "    Group {{ draft: {draft:?}, file: {stem:?}, index: {index}, description: {description:?}, typed: {typed}, judge: {judge}, tests: &[{documents}] }},"
    )
    .expect("a String takes writes");
}
