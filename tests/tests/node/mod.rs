//! A Node.js process that evaluates JavaScript calls against stub functions and reports
//! what each stub received (`harness.js` beside this file). One process serves many
//! evaluations over a pipe, so a property test pays Node's start-up once.
//!
//! Node.js is required: when `node` is missing the tests fail and say so (CI installs
//! it); they never pass silently.

// Shared by several test crates, each of which uses a different part.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

use serde::Deserialize;
use serde_json::Value;

/// What one evaluation did.
#[derive(Debug, Deserialize)]
pub struct Outcome {
    /// Every stub call, in order.
    pub calls: Vec<Call>,
    /// The exception the code threw, if any.
    pub error: Option<String>,
}

/// One call of a stub.
#[derive(Debug, Deserialize)]
pub struct Call {
    /// The stub's name.
    pub name: String,
    /// The arguments, as JSON (a JavaScript string arrives as a JSON string, exactly).
    pub args: Vec<Value>,
    /// `JSON.parse` of a single string argument, when asked for.
    pub json: Option<Parsed>,
}

/// The result of `JSON.parse` in JavaScript.
#[derive(Debug, Deserialize)]
pub struct Parsed {
    /// The parsed value (absent when parsing threw).
    #[serde(default)]
    pub value: Option<Value>,
    /// The exception, when parsing threw.
    pub error: Option<String>,
}

/// A running `node harness.js`.
pub struct Node {
    child: Child,
    input: Option<ChildStdin>,
    output: BufReader<ChildStdout>,
}

impl Node {
    /// Starts Node.js; panics with an install hint when it is missing.
    pub fn start() -> Node {
        let harness = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/node/harness.js");
        let mut child = Command::new("node")
            .arg(&harness)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|err| {
                panic!(
                    "this test evaluates the generated JavaScript in Node.js, but `node` could \
                     not be started ({err}). Install Node.js (v18 or later, e.g. \
                     `apt-get install nodejs`); CI installs it."
                )
            });
        let input = child.stdin.take().expect("stdin is piped");
        let output = BufReader::new(child.stdout.take().expect("stdout is piped"));
        Node {
            child,
            input: Some(input),
            output,
        }
    }

    /// Evaluates `code` in a fresh context whose only globals are stubs named `functions`;
    /// with `parse`, each single string argument is also `JSON.parse`d ([`Call::json`]).
    pub fn eval(&mut self, code: &str, functions: &[&str], parse: bool) -> Outcome {
        let request = serde_json::json!({ "code": code, "functions": functions, "parse": parse });
        // serde_json escapes `\n` and `\r` inside strings, so a request is one line.
        let input = self.input.as_mut().expect("node's stdin is open");
        writeln!(input, "{request}")
            .and_then(|()| input.flush())
            .expect("node accepts a request");
        let mut line = String::new();
        let read = self.output.read_line(&mut line).expect("node answers");
        assert!(read > 0, "node exited without answering `{code}`");
        // A lone surrogate in an argument (a broken escape) makes the answer invalid JSON.
        serde_json::from_str(&line).unwrap_or_else(|err| {
            panic!("bad answer from node ({err}; a lone surrogate?) to `{code}`: {line}")
        })
    }
}

impl Drop for Node {
    fn drop(&mut self) {
        // Closing stdin ends the harness's read loop.
        drop(self.input.take());
        let _ = self.child.wait();
    }
}
