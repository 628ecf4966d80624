//! One sandbox session: the steps sent, every message received in order, their
//! verdicts, the protocol findings, and the report built from them.
//!
//! Received text is judged here and then dropped: a row holds only the event name, the
//! verdict and the runtime's messages (which redact credentials), never the text itself.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use serde::Serialize;
use serde_json::Value;

use super::scenario::Step;
use super::verdict::{self, Conversation, Finding, Policy, Problem, Warning};

/// Where a row's message travelled.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// DES (the sandbox) -> the bank app.
    Des,
    /// The bank app -> DES.
    Partner,
    /// A sender whose origin is not the bank's: ignored.
    Foreign,
}

/// The verdict shown for a row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// A valid event, no deviation.
    Valid,
    /// Accepted with warnings (tolerant policy).
    Warning,
    /// Not a valid event.
    Invalid,
    /// From another origin: not read.
    Ignored,
}

/// One message of the session.
#[derive(Clone, Debug, Serialize)]
pub struct Row {
    /// 1-based position in the session.
    pub row: usize,
    /// Milliseconds since the session started.
    pub at_ms: u64,
    /// Which way it went.
    pub direction: Direction,
    /// The page's sequence number of a received message (1-based, in arrival order).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seq: Option<u64>,
    /// The scenario step (1-based) this DES row sent, or this reply answered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub step: Option<usize>,
    /// The event name, when known.
    pub event: Option<String>,
    /// The verdict.
    pub verdict: Outcome,
    /// Why it is invalid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<Problem>,
    /// Tolerated deviations.
    pub warnings: Vec<Warning>,
    /// Protocol violations found on this message.
    pub findings: Vec<Finding>,
    /// For an ignored row: the sender's origin.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
}

/// How the page classified a received `message` event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Received {
    /// A string from the bank's origin.
    Text(String),
    /// A string from the bank's origin too large to read: its length, and the unit
    /// (`characters` as the page measured it, `bytes` as the server did).
    TooLarge(u64, &'static str),
    /// Not a string (the structured-clone type the page saw).
    NotAString(String),
    /// A string with lone surrogates: it has no UTF-8 form, so it is not JSON text.
    NotUtf8,
    /// From another origin.
    Foreign(String),
}

/// The whole session.
pub struct Session {
    /// Proves that a request comes from the page of this session.
    pub token: String,
    started: Instant,
    policy: Policy,
    scenario: String,
    bank_origin: String,
    steps: Vec<Step>,
    rows: Vec<Row>,
    /// Received rows by the page's sequence number, to keep arrival order and notice
    /// a lost or repeated one.
    seqs: BTreeMap<u64, usize>,
    conversation: Conversation,
    /// Findings with no message of their own (timeouts, unanswered requests).
    late: Vec<Finding>,
    finished: bool,
    abandoned: Option<String>,
}

impl Session {
    /// A new session; nothing sent yet.
    pub fn new(
        token: String,
        policy: Policy,
        scenario: String,
        bank_origin: String,
        steps: Vec<Step>,
    ) -> Session {
        Session {
            token,
            started: Instant::now(),
            policy,
            scenario,
            bank_origin,
            steps,
            rows: Vec::new(),
            seqs: BTreeMap::new(),
            conversation: Conversation::new(),
            late: Vec::new(),
            finished: false,
            abandoned: None,
        }
    }

    /// The steps to send.
    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    fn elapsed(&self) -> Duration {
        self.started.elapsed()
    }

    fn push(&mut self, mut row: Row) -> &Row {
        row.row = self.rows.len() + 1;
        row.at_ms = u64::try_from(self.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.rows.push(row);
        let last = self.rows.len() - 1;
        &self.rows[last]
    }

    /// The page is about to post step `step` (0-based). `None`: no such step.
    pub fn sent(&mut self, step: usize) -> Option<Row> {
        let current = self.steps.get(step)?.clone();
        let at = self.elapsed();
        self.conversation
            .sent(step, &current.event, &current.message, at);
        Some(
            self.push(Row {
                row: 0,
                at_ms: 0,
                direction: Direction::Des,
                seq: None,
                step: Some(step + 1),
                event: Some(current.event),
                verdict: Outcome::Valid,
                error: None,
                warnings: Vec::new(),
                findings: Vec::new(),
                origin: None,
            })
            .clone(),
        )
    }

    /// The page received message number `seq`. Returns its row and the step it
    /// answered (0-based).
    pub fn received(&mut self, seq: u64, received: Received) -> (Row, Option<usize>) {
        let mut row = Row {
            row: 0,
            at_ms: 0,
            direction: Direction::Partner,
            seq: Some(seq),
            step: None,
            event: None,
            verdict: Outcome::Invalid,
            error: None,
            warnings: Vec::new(),
            findings: Vec::new(),
            origin: None,
        };
        let mut answers = None;
        match received {
            Received::Text(text) => {
                let judged = verdict::judge_partner(&text, self.policy);
                row.verdict = match (&judged.problem, judged.warnings.is_empty()) {
                    (Some(_), _) => Outcome::Invalid,
                    (None, true) => Outcome::Valid,
                    (None, false) => Outcome::Warning,
                };
                // The protocol check follows known partner events, valid or not: a reply
                // without `requestId` is both invalid and an echo mismatch.
                if let Some(event) = judged
                    .event
                    .as_deref()
                    .filter(|e| des_events::partner::PartnerEvent::EVENT_NAMES.contains(e))
                {
                    let parsed: Option<Value> = serde_json::from_str(&text).ok();
                    let message = parsed.as_ref().and_then(|p| p.get("message"));
                    let observed = self.conversation.received(event, message, self.elapsed());
                    row.findings = observed.findings;
                    answers = observed.answers;
                    row.step = answers.map(|step| step + 1);
                }
                row.event = judged.event;
                row.error = judged.problem;
                row.warnings = judged.warnings;
            }
            Received::TooLarge(length, unit) => {
                row.error = Some(Problem::whole(
                    "too_large",
                    format!(
                        "a message of {length} {unit}, over the sandbox's limit of {} bytes: not read",
                        super::MAX_MESSAGE_BYTES
                    ),
                ));
            }
            Received::NotAString(kind) => {
                row.error = Some(Problem::whole(
                    "not_a_string",
                    format!(
                        "posted a non-string value ({}): DES reads event.data as JSON text, post JSON.stringify(envelope)",
                        verdict::cut(&kind)
                    ),
                ));
            }
            Received::NotUtf8 => {
                row.error = Some(Problem::whole(
                    "not_utf8",
                    "the string holds lone surrogates: it has no UTF-8 form, so no JSON parser reads it".to_owned(),
                ));
            }
            Received::Foreign(origin) => {
                row.direction = Direction::Foreign;
                row.verdict = Outcome::Ignored;
                row.origin = Some(verdict::cut(&origin));
            }
        }
        if self.seqs.contains_key(&seq) {
            row.findings.push(Finding {
                kind: "transport",
                message: format!("message {seq} was forwarded twice"),
                step: None,
            });
        }
        let row = self.push(row).clone();
        self.seqs.insert(seq, row.row);
        (row, answers)
    }

    /// The page waited `waited` for the reply to step `step` (0-based) in vain.
    pub fn expire(&mut self, step: usize, waited: Duration) -> Vec<Finding> {
        let now = self.elapsed();
        let findings = self.conversation.expire(step, waited, now);
        self.late.extend(findings.iter().cloned());
        findings
    }

    /// The scenario is over: every request still open is unanswered.
    pub fn finish(&mut self) -> Vec<Finding> {
        if self.finished {
            return Vec::new();
        }
        self.finished = true;
        let findings = self.conversation.finish();
        self.late.extend(findings.iter().cloned());
        findings
    }

    /// The session ended without the page finishing (the `--ci` timeout).
    pub fn abandon(&mut self, why: String) {
        self.finish();
        self.abandoned = Some(why);
    }

    /// The whole session as JSON.
    pub fn report(&self) -> Report<'_> {
        let mut counts = Counts::default();
        for row in &self.rows {
            counts.rows += 1;
            match row.direction {
                Direction::Des => counts.des_sent += 1,
                Direction::Partner => counts.partner_received += 1,
                Direction::Foreign => counts.ignored += 1,
            }
            if row.direction == Direction::Partner {
                match row.verdict {
                    Outcome::Valid => counts.valid += 1,
                    Outcome::Warning => counts.with_warnings += 1,
                    Outcome::Invalid | Outcome::Ignored => counts.invalid += 1,
                }
            }
            counts.warnings += row.warnings.len();
            counts.findings += row.findings.len();
        }
        counts.findings += self.late.len();
        // Every finding is a violation of the protocol.
        counts.violations = counts.findings;
        let lost = self.seqs.keys().last().map_or(0, |last| {
            usize::try_from(*last)
                .unwrap_or(usize::MAX)
                .saturating_sub(self.seqs.len())
        });
        Report {
            ok: counts.invalid == 0
                && counts.violations == 0
                && self.abandoned.is_none()
                && lost == 0,
            bank_origin: &self.bank_origin,
            policy: self.policy.as_str(),
            scenario: &self.scenario,
            steps: self.steps.len(),
            finished: self.finished && self.abandoned.is_none(),
            abandoned: self.abandoned.as_deref(),
            lost,
            counts,
            rows: &self.rows,
            findings: &self.late,
        }
    }
}

/// The numbers of a report.
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct Counts {
    /// Every row.
    pub rows: usize,
    /// DES events the page posted.
    pub des_sent: usize,
    /// Messages from the bank's origin.
    pub partner_received: usize,
    /// Received and valid with no warning.
    pub valid: usize,
    /// Received and accepted with warnings.
    pub with_warnings: usize,
    /// Received and invalid.
    pub invalid: usize,
    /// From other origins, not read.
    pub ignored: usize,
    /// Warnings in all.
    pub warnings: usize,
    /// Protocol findings in all (on rows and after them).
    pub findings: usize,
    /// Protocol violations (today every finding is one).
    pub violations: usize,
}

/// `GET /report` and the `--ci` output.
#[derive(Serialize)]
pub struct Report<'a> {
    /// No invalid message, no violation, nothing lost, and the page finished.
    pub ok: bool,
    bank_origin: &'a str,
    policy: &'static str,
    scenario: &'a str,
    steps: usize,
    finished: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    abandoned: Option<&'a str>,
    /// Received messages the page numbered but the server never got.
    lost: usize,
    counts: Counts,
    rows: &'a [Row],
    /// Findings with no message of their own: timeouts and unanswered requests.
    findings: &'a [Finding],
}
