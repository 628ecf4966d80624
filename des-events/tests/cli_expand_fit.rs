//! Tests of the options of `include_schema!` on the command line: `expand` with every fit
//! option (`--derive`, `--attr`, `--rename`, `--patch-derive`, `--patch-attr`,
//! `--map-type`, `--builder`, `--no-json-schema`), `--out FILE` (written only when it
//! changes), and `--map PREFIX=DIR` on `expand`, `api` and `diff`. Each runs the real
//! binary and reads the code it prints.
#![cfg(feature = "cli")]

use std::path::{Path, PathBuf};

mod common;

use common::{run, status, stderr, stdout};

const ORDER: &str = r##"{
  "title": "Order",
  "type": "object",
  "properties": {
    "id": { "type": "string", "minLength": 3 },
    "address": { "$ref": "#/$defs/address" }
  },
  "required": ["id"],
  "additionalProperties": { "type": "integer" },
  "$defs": {
    "address": {
      "type": "object",
      "properties": { "street": { "type": "string" } },
      "required": ["street"],
      "additionalProperties": false
    }
  }
}"##;

/// The same order, with its address in a vendored file named by a URI.
const REMOTE_ORDER: &str = r#"{
  "title": "Order",
  "type": "object",
  "properties": {
    "id": { "type": "string" },
    "address": { "$ref": "https://example.com/schemas/address.json" }
  },
  "required": ["id"],
  "additionalProperties": false
}"#;

const ADDRESS: &str = r#"{
  "type": "object",
  "properties": { "street": { "type": "string" } },
  "required": ["street"],
  "additionalProperties": false
}"#;

/// A fresh folder holding `order.json` (ORDER), `remote.json` (REMOTE_ORDER) and
/// `vendor/address.json`, removed when the test ends.
fn folder(name: &str) -> Folder {
    let dir = std::env::temp_dir().join(format!(
        "des-events-cli-expand-fit-{name}-{}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("vendor")).expect("a temp folder");
    std::fs::write(dir.join("order.json"), ORDER).expect("written");
    std::fs::write(dir.join("remote.json"), REMOTE_ORDER).expect("written");
    std::fs::write(dir.join("vendor").join("address.json"), ADDRESS).expect("written");
    Folder(dir)
}

/// A temp folder, removed on drop.
struct Folder(PathBuf);

impl std::ops::Deref for Folder {
    type Target = Path;

    fn deref(&self) -> &Path {
        &self.0
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn text(path: &Path) -> String {
    path.to_str().expect("a UTF-8 temp path").to_owned()
}

/// `des-events expand DIR/order.json --no-tests ARGS...`, expected to succeed.
fn expand(dir: &Path, args: &[&str]) -> String {
    let schema = text(&dir.join("order.json"));
    let mut all = vec!["expand", schema.as_str(), "--no-tests"];
    all.extend_from_slice(args);
    let output = run(&all, "");
    assert_eq!(status(&output), 0, "{args:?}: {}", stderr(&output));
    stdout(&output)
}

/// The attributes right above `pub struct NAME` (from the previous blank-free run of
/// `#[...]` lines), as one string.
fn attributes_of(code: &str, item: &str) -> String {
    let at = code
        .find(&format!("pub struct {item} "))
        .or_else(|| code.find(&format!("pub struct {item}(")))
        .unwrap_or_else(|| panic!("no `pub struct {item}` in:\n{code}"));
    let before = &code[..at];
    // The item's attributes start after the previous item's closing line.
    let start = before
        .rfind("\n}\n")
        .map_or(0, |end| end + 3)
        .max(before.rfind(";\n").map_or(0, |end| end + 2));
    before[start..].to_owned()
}

#[test]
fn derive_and_attr_go_on_every_type() {
    let dir = folder("derive");
    let code = expand(
        &dir,
        &[
            "--derive",
            "PartialOrd",
            "--derive",
            "::core::cmp::Ord",
            "--attr",
            "#[non_exhaustive]",
        ],
    );
    for item in ["Order", "Address"] {
        let attrs = attributes_of(&code, item);
        assert!(attrs.contains("PartialOrd"), "{item}: {attrs}");
        assert!(attrs.contains("::core::cmp::Ord"), "{item}: {attrs}");
        assert!(attrs.contains("#[non_exhaustive]"), "{item}: {attrs}");
    }
    // Without the flags, neither is there.
    let plain = expand(&dir, &[]);
    assert!(!attributes_of(&plain, "Order").contains("Ord"));
    assert!(!plain.contains("#[non_exhaustive]"));
}

#[test]
fn rename_and_patches_change_one_type() {
    let dir = folder("patch");
    let code = expand(
        &dir,
        &[
            "--rename",
            "Order=PurchaseOrder",
            // By JSON pointer.
            "--rename",
            "#/$defs/address=PostalAddress",
            "--patch-derive",
            "Address=Hash",
            "--patch-attr",
            "Address=#[doc(alias = \"postal\")]",
        ],
    );
    assert!(!code.contains("pub struct Order "), "{code}");
    let address = attributes_of(&code, "PostalAddress");
    assert!(address.contains("Hash"), "{address}");
    assert!(address.contains("alias = \"postal\""), "{address}");
    // Every use follows the rename.
    let order = attributes_of(&code, "PurchaseOrder");
    assert!(!order.contains("alias"), "{order}");
    assert!(code.contains("Option<PostalAddress>"), "{code}");
}

#[test]
fn a_patch_of_nothing_fails_with_the_generated_names() {
    let dir = folder("unknown");
    let schema = text(&dir.join("order.json"));
    let output = run(&["expand", &schema, "--rename", "Nope=Other"], "");
    assert_eq!(status(&output), 2);
    assert_eq!(stdout(&output), "");
    let err = stderr(&output);
    assert!(err.contains("`Nope`"), "{err}");
    assert!(
        err.contains("`Order`") && err.contains("`Address`"),
        "{err}"
    );

    // A derive that cannot hold is located in the schema.
    let output = run(
        &[
            "expand",
            &schema,
            "--map-type",
            "HashMap",
            "--derive",
            "Hash",
        ],
        "",
    );
    assert_eq!(status(&output), 2);
    let err = stderr(&output);
    assert!(err.contains("at /additionalProperties"), "{err}");

    // A flag without `=` is a usage error.
    let output = run(&["expand", &schema, "--patch-derive", "Order"], "");
    assert_eq!(status(&output), 2);
    assert!(stderr(&output).contains("TYPE=PATH"), "{}", stderr(&output));
}

#[test]
fn map_type_builder_and_json_schema() {
    let dir = folder("shape");
    let default = expand(&dir, &[]);
    assert!(default.contains("JsonSchema"), "{default}");
    assert!(!default.contains("OrderBuilder"), "{default}");
    let code = expand(
        &dir,
        &["--map-type", "HashMap", "--builder", "--no-json-schema"],
    );
    assert!(
        code.contains("::std::collections::HashMap<::std::string::String, i64>"),
        "{code}"
    );
    assert!(code.contains("pub struct OrderBuilder"), "{code}");
    assert!(code.contains("pub fn builder() -> OrderBuilder"), "{code}");
    assert!(!code.contains("JsonSchema"), "{code}");

    let schema = text(&dir.join("order.json"));
    let output = run(&["expand", &schema, "--map-type", "Vec"], "");
    assert_eq!(status(&output), 2);
    assert!(stderr(&output).contains("BTreeMap"), "{}", stderr(&output));
}

#[test]
fn out_writes_the_file_only_when_it_changes() {
    let dir = folder("out");
    let schema = text(&dir.join("order.json"));
    let out = dir.join("gen").join("order.rs");
    let printed = expand(&dir, &["--attr", "#[non_exhaustive]"]);
    let output = run(
        &[
            "expand",
            &schema,
            "--no-tests",
            "--attr",
            "#[non_exhaustive]",
            "-o",
            &text(&out),
        ],
        "",
    );
    assert_eq!(status(&output), 0, "{}", stderr(&output));
    assert_eq!(stdout(&output), "");
    let written = std::fs::read_to_string(&out).expect("written");
    assert!(written == printed, "the file holds what stdout shows");

    let mtime = || {
        std::fs::metadata(&out)
            .and_then(|meta| meta.modified())
            .expect("an mtime")
    };
    let before = mtime();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let again = run(
        &[
            "expand",
            &schema,
            "--no-tests",
            "--attr",
            "#[non_exhaustive]",
            "--out",
            &text(&out),
        ],
        "",
    );
    assert_eq!(status(&again), 0);
    assert_eq!(mtime(), before, "an unchanged file is not rewritten");

    let changed = run(&["expand", &schema, "--no-tests", "--out", &text(&out)], "");
    assert_eq!(status(&changed), 0);
    assert!(
        std::fs::read_to_string(&out).expect("written") != printed,
        "rewritten"
    );

    // A schema problem writes nothing.
    let broken = dir.join("broken.rs");
    let failed = run(
        &[
            "expand",
            &schema,
            "--rename",
            "Nope=X",
            "--out",
            &text(&broken),
        ],
        "",
    );
    assert_eq!(status(&failed), 2);
    assert!(!broken.exists());
}

#[test]
fn map_reads_vendored_files_in_expand_api_and_diff() {
    let dir = folder("map");
    let remote = text(&dir.join("remote.json"));
    let map = format!("https://example.com/schemas/={}", text(&dir.join("vendor")));

    let unmapped = run(&["expand", &remote], "");
    assert_eq!(status(&unmapped), 2);
    assert!(
        stderr(&unmapped).contains("cannot resolve"),
        "{}",
        stderr(&unmapped)
    );

    let output = run(&["expand", &remote, "--no-tests", "--map", &map], "");
    assert_eq!(status(&output), 0, "{}", stderr(&output));
    assert!(
        stdout(&output).contains("pub address:"),
        "{}",
        stdout(&output)
    );

    let api = run(
        &[
            "api",
            &remote,
            "--map",
            &map,
            "--rename",
            "Order=PurchaseOrder",
        ],
        "",
    );
    assert_eq!(status(&api), 0, "{}", stderr(&api));
    assert!(
        stdout(&api).contains("pub struct PurchaseOrder"),
        "{}",
        stdout(&api)
    );

    let diff = run(&["diff", &remote, &remote, "--map", &map], "");
    assert_eq!(status(&diff), 0, "{}", stderr(&diff));
    assert!(stdout(&diff).contains("no changes"), "{}", stdout(&diff));
    let unmapped = run(&["diff", &remote, &remote], "");
    assert_eq!(status(&unmapped), 2);
}

#[test]
fn a_schema_file_resolves_refs_to_files_next_to_it() {
    let dir = folder("sibling");
    let sibling = REMOTE_ORDER.replace(
        "https://example.com/schemas/address.json",
        "vendor/address.json",
    );
    let schema = dir.join("sibling.json");
    std::fs::write(&schema, sibling).expect("written");
    let output = run(&["expand", &text(&schema), "--no-tests"], "");
    assert_eq!(status(&output), 0, "{}", stderr(&output));
}

#[test]
fn replace_and_convert() {
    let dir = folder("replace-convert");
    let code = expand(
        &dir.0,
        &["--replace", "#/$defs/address=crate::geo::Address"],
    );
    assert!(
        code.contains("pub type Address = crate::geo::Address;"),
        "{code}"
    );
    assert!(!code.contains("pub struct Address"), "{code}");
    let visit = dir.0.join("visit.json");
    std::fs::write(
        &visit,
        r#"{"title":"Visit","type":"object","properties":{"id":{"type":"string","format":"uuid"}},"required":["id"]}"#,
    )
    .expect("a schema file");
    let visit = text(&visit);
    let output = run(
        &[
            "expand",
            &visit,
            "--no-tests",
            "--convert",
            "uuid=uuid::Uuid",
        ],
        "",
    );
    assert_eq!(status(&output), 0, "{}", stderr(&output));
    let code = stdout(&output);
    assert!(
        code.contains("pub id: ::des_events::__private::uuid::Uuid"),
        "{code}"
    );
    assert!(code.contains("ConvertSeed"), "{code}");
}
