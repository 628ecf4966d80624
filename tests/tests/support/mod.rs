//! Shared by the trybuild tests (`ui.rs`, `evolution_ui.rs`): make a directory of this
//! package visible from trybuild's generated crate.
//!
//! `include_schema!("ui/schemas/x.json")` resolves its path against the
//! `CARGO_MANIFEST_DIR` of the crate being compiled, and trybuild compiles the cases as a
//! generated crate in `<target-dir>/tests/trybuild/des-events-tests/`, not in `tests/`.
//! [`link_into_trybuild_project`] puts a symlink (a copy where symlinks are unavailable)
//! to `tests/<dir>` there, so that the paths in the cases and in the expected output stay
//! short and machine-independent.

use std::path::{Path, PathBuf};

/// Makes `<trybuild project>/<dir>` point at this package's `<dir>/` directory.
pub fn link_into_trybuild_project(dir: &str) {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let project = trybuild_project_dir();
    std::fs::create_dir_all(&project).expect("create the trybuild project directory");
    let link = project.join(dir);
    if std::fs::read_link(&link).is_ok_and(|target| target == source) {
        return;
    }
    match std::fs::symlink_metadata(&link) {
        Ok(meta) if meta.is_dir() => std::fs::remove_dir_all(&link),
        Ok(_) => std::fs::remove_file(&link),
        Err(_) => Ok(()),
    }
    .unwrap_or_else(|err| panic!("remove the stale {dir} link of the trybuild project: {err}"));
    if symlink_dir(&source, &link).is_err() {
        copy_dir(&source, &link)
            .unwrap_or_else(|err| panic!("copy {dir}/ into the trybuild project: {err}"));
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
