// Evaluates JavaScript calls against stub functions, for the bridge tests in Rust
// (tests/tests/node/mod.rs). One request per stdin line, one answer per stdout line:
//
//   in:  {"code": "updateIdToken('...')", "functions": ["updateIdToken", ...], "parse": true}
//   out: {"calls": [{"name": "updateIdToken", "args": ["..."], "json": {"value": ...}}],
//         "error": null}
//
// The code runs in a fresh V8 context (node:vm) whose only globals are the stubs, so
// anything but a plain call of a stub (an injected statement, a second call, a
// reference to another global) shows up as an extra call or as an error. With `parse`,
// `json` is JSON.parse of a single string argument ({"value": ...} or {"error": "..."}).
// Error messages are made well-formed (V8 may quote half of a surrogate pair in them);
// arguments are reported as received, so a lone surrogate there fails the Rust side.
'use strict';

const readline = require('node:readline');
const vm = require('node:vm');

const text = (err) => {
  const message = String(err);
  return typeof message.toWellFormed === 'function' ? message.toWellFormed() : message;
};

const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });

lines.on('line', (line) => {
  const { code, functions, parse } = JSON.parse(line);
  const calls = [];
  const sandbox = Object.create(null);
  for (const name of functions) {
    sandbox[name] = (...args) => {
      const call = { name, args };
      if (parse && args.length === 1 && typeof args[0] === 'string') {
        try {
          call.json = { value: JSON.parse(args[0]) };
        } catch (err) {
          call.json = { error: text(err) };
        }
      }
      calls.push(call);
    };
  }
  let error = null;
  try {
    vm.runInNewContext(code, sandbox, { timeout: 2000 });
  } catch (err) {
    error = text(err);
  }
  process.stdout.write(JSON.stringify({ calls, error }) + '\n');
});
