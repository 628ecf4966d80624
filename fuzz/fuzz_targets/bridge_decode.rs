//! The mobile bridge decoder: `from_mobile(handler, message)` of both generated enums.
//! The input is `handler` and `message` separated by the first newline (the seeds are
//! `share\n{"url":...}` and the like). Never a panic; whatever is accepted round-trips.

#![no_main]

use des_events::EventUnion;
use des_events::des::DesEvent;
use des_events::partner::PartnerEvent;
use libfuzzer_sys::fuzz_target;

mod common;

fn check<T: EventUnion>(handler: &str, message: &str) {
    match T::from_mobile(handler, message) {
        Ok(event) => common::round_trip(&event, None, Some(message)),
        Err(err) => common::check_error(&err),
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (handler, message) = text.split_once('\n').unwrap_or((text, ""));
    check::<DesEvent>(handler, message);
    check::<PartnerEvent>(handler, message);
});
