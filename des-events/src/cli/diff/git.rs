//! `--against REF[:PATH]`: the OLD schema as git has it, read with the local `git`
//! (`git show REF:PATH`, PATH as git reads it: from the top of the repository of the
//! current directory, or relative to it when it starts with `./`). Without PATH, NEW's
//! path inside its own repository is used (resolved through symbolic links, as git
//! stores the real path).

use std::path::Path;
use std::process::Command;

use des_events_codegen::diff::history::Entry;

/// Runs `git` with `args` in `dir`; its stdout, or a message.
fn git(dir: &Path, args: &[&str]) -> Result<String, String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|err| match err.kind() {
            std::io::ErrorKind::NotFound => {
                "--against needs git, and no `git` program was found on PATH".to_owned()
            }
            _ => format!("cannot run git: {err}"),
        })?;
    if output.status.success() {
        String::from_utf8(output.stdout)
            .map_err(|_| "git printed text that is not UTF-8".to_owned())
    } else {
        let stderr = String::from_utf8_lossy(&output.stderr);
        Err(stderr.trim().to_owned())
    }
}

/// OLD for `--against spec` (`REF` or `REF:PATH`), next to `new`.
pub fn show(spec: &str, new: &Path) -> Result<Entry, String> {
    let (reference, path) = match spec.split_once(':') {
        Some((reference, path)) => (reference, Some(path)),
        None => (spec, None),
    };
    if reference.is_empty() {
        return Err(format!("--against `{spec}`: the git reference is empty"));
    }
    // With a PATH, the repository is the current directory's (NEW may be anywhere,
    // e.g. a staged copy); without, NEW's.
    let folder = match path {
        Some(_) => Path::new("."),
        None => new
            .parent()
            .filter(|parent| !parent.as_os_str().is_empty())
            .unwrap_or(Path::new(".")),
    };
    let top = git(folder, &["rev-parse", "--show-toplevel"]).map_err(|err| {
        format!(
            "--against: `{}` is not inside a git repository ({err})",
            folder.display()
        )
    })?;
    let top = Path::new(top.trim());
    let path = match path {
        Some(path) => path.to_owned(),
        None => {
            let real = |path: &Path| {
                path.canonicalize()
                    .map_err(|err| format!("cannot resolve `{}`: {err}", path.display()))
            };
            let (file, top) = (real(new)?, real(top)?);
            let relative = file.strip_prefix(&top).map_err(|_| {
                format!(
                    "`{}` is outside the repository `{}`",
                    new.display(),
                    top.display()
                )
            })?;
            relative.to_string_lossy().replace('\\', "/")
        }
    };
    let object = format!("{reference}:{path}");
    let dir = if spec.contains(':') {
        Path::new(".")
    } else {
        top
    };
    let text = git(dir, &["show", &object])
        .map_err(|err| format!("--against: git show {object} failed: {err}"))?;
    Ok(Entry { name: object, text })
}
