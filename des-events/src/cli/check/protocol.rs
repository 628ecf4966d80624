//! `check --protocol`: the request/reply check over each input, in input order.
//!
//! One [`Conversation`] per input, fed by the ordered output stage with the lines the
//! workers found to name a known event ([`Observation`]s), whether or not they are
//! valid. Every other line (blank, not JSON, an unknown event) is observed under a name
//! no schema has, which the conversation numbers and otherwise ignores: so a message's
//! number in the conversation is its line number, and the `#N` of a finding, its
//! [`Finding::seq`] and its request's number are line numbers of that input. A log has
//! no clock and no timeout: a request still open at the end of its input is
//! `unanswered`, reported after the input's last line.

use std::time::Duration;

use des_events::des::DesEvent;
use des_events::partner::PartnerEvent;
use des_events::protocol::{Conversation, Finding};

use super::super::Bundled;
use super::render::Observation;

/// The name observed for a line that is not a known event: no schema has it.
const NOT_AN_EVENT: &str = "";

/// The conversation of the input being written.
#[derive(Debug, Default)]
pub struct Protocol {
    current: Option<(usize, Conversation)>,
}

impl Protocol {
    /// Makes `input` the current input: finishes the previous one, if another, and
    /// returns its index and its end-of-input findings.
    pub fn switch(&mut self, input: usize) -> Option<(usize, Vec<Finding>)> {
        if self
            .current
            .as_ref()
            .is_some_and(|(current, _)| *current == input)
        {
            return None;
        }
        let previous = self.finish();
        self.current = Some((input, Conversation::new::<DesEvent, PartnerEvent>()));
        previous
    }

    /// Ends the current input: its index and its `unanswered` findings.
    pub fn finish(&mut self) -> Option<(usize, Vec<Finding>)> {
        let (input, conversation) = self.current.take()?;
        Some((input, conversation.finish()))
    }

    /// Ends `input` if it is the current one (it could not be read to the end).
    pub fn finish_input(&mut self, input: usize) -> Option<(usize, Vec<Finding>)> {
        if self
            .current
            .as_ref()
            .is_some_and(|(current, _)| *current == input)
        {
            self.finish()
        } else {
            None
        }
    }

    /// Observes one line of the current input (see [`Protocol::switch`]).
    pub fn observe(&mut self, observation: &Observation) -> Vec<Finding> {
        let Some((_, conversation)) = self.current.as_mut() else {
            return Vec::new();
        };
        // Number the lines in between, so that numbers are line numbers.
        while conversation.observed().saturating_add(1) < observation.line {
            if conversation
                .observe::<DesEvent>(NOT_AN_EVENT, None, Duration::ZERO)
                .is_err()
            {
                break;
            }
        }
        let at = Duration::from_millis(u64::try_from(observation.line).unwrap_or(u64::MAX));
        let name = observation.known.name();
        let message = observation.message.as_ref();
        let findings = match observation.known.direction {
            Bundled::Partner => conversation.observe::<PartnerEvent>(name, message, at),
            Bundled::Des => conversation.observe::<DesEvent>(name, message, at),
        };
        // Both unions are sides of this conversation, so `UnknownSide` cannot happen.
        findings.unwrap_or_default()
    }
}
