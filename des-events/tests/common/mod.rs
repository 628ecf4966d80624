//! Running the real `des-events` binary, for the CLI test files (each includes this
//! module; not every file uses every helper).
#![allow(dead_code)]

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The workspace root: the tool runs there so that it names `samples/...` as a user would.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The recorded text of the insta snapshot `tests/tests/snapshots/<file>` (the
/// des-events-tests snapshots of the bundled schemas' generated code and API): the file
/// after insta's `---` header.
pub fn snapshot(file: &str) -> String {
    let path = root().join("tests/tests/snapshots").join(file);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()))
        .replace("\r\n", "\n");
    let body = text
        .strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---\n"))
        .map(|(_header, body)| body);
    body.unwrap_or_else(|| panic!("{} has no insta header", path.display()))
        .to_owned()
}

/// Runs the binary in the workspace root with `args` and `stdin`.
pub fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_des-events"))
        .args(args)
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the des-events binary starts");
    let mut input = child.stdin.take().expect("stdin is piped");
    // The tool may exit before reading stdin (e.g. on a usage error): ignore EPIPE.
    let _ = input.write_all(stdin.as_bytes());
    drop(input);
    child
        .wait_with_output()
        .expect("the des-events binary runs")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

pub fn status(output: &Output) -> i32 {
    output.status.code().expect("the tool exits normally")
}
