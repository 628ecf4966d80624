//! UI tests: every diagnostic of `des_events::include_schema!`, each with its expected
//! compiler output checked in (`tests/ui/*.stderr`), plus schemas that must compile and
//! run (`tests/ui/pass/*.rs`).
//!
//! Regenerate the expected output with
//! `TRYBUILD=overwrite cargo test -p des-events-tests --test ui`, then read every
//! changed `.stderr`: it must name the schema file, line:column, JSON pointer and a hint.
//!
//! The cases write `include_schema!("ui/schemas/<case>.json")`. The macro resolves that
//! against the `CARGO_MANIFEST_DIR` of the crate being compiled, and trybuild compiles the
//! cases as a generated crate in `<target-dir>/tests/trybuild/des-events-tests/`, not in
//! `tests/`. So before trybuild runs, [`link_ui_dir`] makes `ui/` visible from there too:
//! the paths in the cases and in the expected output stay short and machine-independent.

use std::path::{Path, PathBuf};

#[test]
fn ui() {
    link_ui_dir();
    let cases = trybuild::TestCases::new();
    cases.compile_fail("ui/*.rs");
    cases.pass("ui/pass/*.rs");
}

/// Makes `<trybuild project>/ui` point at this package's `ui/` directory (a symlink, or a
/// copy where symlinks are unavailable).
fn link_ui_dir() {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui");
    let project = trybuild_project_dir();
    std::fs::create_dir_all(&project).expect("create the trybuild project directory");
    let link = project.join("ui");
    if std::fs::read_link(&link).is_ok_and(|target| target == source) {
        return;
    }
    match std::fs::symlink_metadata(&link) {
        Ok(meta) if meta.is_dir() => std::fs::remove_dir_all(&link),
        Ok(_) => std::fs::remove_file(&link),
        Err(_) => Ok(()),
    }
    .expect("remove the stale ui link of the trybuild project");
    if symlink_dir(&source, &link).is_err() {
        copy_dir(&source, &link).expect("copy ui/ into the trybuild project");
    }
}

/// Where trybuild builds the cases: `<target-dir>/tests/trybuild/<package>/`, with the
/// target directory as `cargo metadata` reports it (exactly as trybuild finds it).
fn trybuild_project_dir() -> PathBuf {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = std::process::Command::new(cargo)
        .args(["metadata", "--no-deps", "--format-version=1"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run cargo metadata");
    assert!(
        output.status.success(),
        "cargo metadata failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let metadata: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("cargo metadata prints JSON");
    let target = metadata["target_directory"]
        .as_str()
        .expect("cargo metadata reports the target directory");
    Path::new(target)
        .join("tests")
        .join("trybuild")
        .join(env!("CARGO_PKG_NAME"))
}

#[cfg(unix)]
fn symlink_dir(source: &Path, link: &Path) -> std::io::Result<()> {
    std::os::unix::fs::symlink(source, link)
}

#[cfg(windows)]
fn symlink_dir(source: &Path, link: &Path) -> std::io::Result<()> {
    std::os::windows::fs::symlink_dir(source, link)
}

#[cfg(not(any(unix, windows)))]
fn symlink_dir(_source: &Path, _link: &Path) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

fn copy_dir(source: &Path, target: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(target)?;
    for entry in std::fs::read_dir(source)? {
        let entry = entry?;
        let to = target.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &to)?;
        } else {
            std::fs::copy(entry.path(), to)?;
        }
    }
    Ok(())
}
