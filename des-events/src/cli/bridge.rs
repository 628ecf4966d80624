//! `des-events bridge`: the mobile WebView bridge from the command line. `encode` turns
//! enveloped partner events (JSON Lines) into the JavaScript calls the iOS/Android apps
//! evaluate; `decode` turns a native handler call (name + bare message) into the
//! enveloped DES event.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};

use des_events::des::DesEvent;
use des_events::partner::PartnerEvent;
use des_events_core::terminal::escape;

use super::{Status, print_all, warn, write_failed};

/// `bridge encode [FILE...]`: one JavaScript call per valid line on stdout, one error per
/// invalid line on stderr (input is never echoed: it may hold credentials).
pub fn encode(files: &[PathBuf]) -> Status {
    let stdin = [PathBuf::from("-")];
    let files = if files.is_empty() { &stdin[..] } else { files };
    let mut out = io::stdout().lock();
    let mut status = Status::Ok;
    for file in files {
        let shown = file.display().to_string();
        let reader: Box<dyn BufRead> = if file == Path::new("-") {
            Box::new(io::stdin().lock())
        } else {
            match File::open(file) {
                Ok(opened) => Box::new(BufReader::new(opened)),
                Err(err) => {
                    warn(format_args!("des-events: cannot read `{shown}`: {err}"));
                    status = Status::Error;
                    continue;
                }
            }
        };
        for (index, line) in reader.split(b'\n').enumerate() {
            let line = match line {
                Ok(line) => line,
                Err(err) => {
                    warn(format_args!("des-events: cannot read `{shown}`: {err}"));
                    status = Status::Error;
                    break;
                }
            };
            let text = String::from_utf8_lossy(&line);
            let text = text.trim_start_matches('\u{feff}').trim();
            if text.is_empty() {
                continue;
            }
            let call = PartnerEvent::from_json(text).and_then(|event| event.to_mobile_js());
            match call {
                Ok(call) => {
                    if let Err(err) = writeln!(out, "{call}") {
                        return write_failed(&err);
                    }
                }
                Err(err) => {
                    // The error quotes the line (an event name): one line, escaped.
                    warn(format_args!("{shown}:{}: {}", index + 1, escape(&err)));
                    status = status.max(Status::Invalid);
                }
            }
        }
    }
    if let Err(err) = out.flush() {
        return write_failed(&err);
    }
    status
}

/// `bridge decode NAME [JSON]`: the enveloped DES event on stdout; JSON defaults to stdin.
pub fn decode(handler: &str, json: Option<&str>) -> Status {
    let message = match json {
        Some(json) => json.to_owned(),
        None => {
            let mut text = String::new();
            if let Err(err) = io::stdin().lock().read_to_string(&mut text) {
                warn(format_args!("des-events: cannot read stdin: {err}"));
                return Status::Error;
            }
            text
        }
    };
    match DesEvent::from_mobile(handler, message.trim()) {
        Ok(event) => print_all(&format!("{}\n", event.to_json())),
        Err(err) => {
            warn(format_args!("des-events: {}", escape(&err)));
            Status::Invalid
        }
    }
}
