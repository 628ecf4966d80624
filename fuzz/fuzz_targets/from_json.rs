//! `from_json` of both generated enums on arbitrary input: never a panic, and whatever
//! is accepted round-trips (see `common::round_trip`).

#![no_main]

use des_events::EventUnion;
use des_events::des::DesEvent;
use des_events::partner::PartnerEvent;
use libfuzzer_sys::fuzz_target;

mod common;

fn check<T: EventUnion>(text: &str) {
    match T::from_json(text) {
        Ok(event) => common::round_trip(&event, Some(text), None),
        Err(err) => common::check_error(&err),
    }
}

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        check::<PartnerEvent>(text);
        check::<DesEvent>(text);
    }
});
