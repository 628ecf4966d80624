//! Upstream's schema history (`tests/evolution/`, reconstructed from "How upstream
//! evolved" in the spec; see `tests/evolution/README.md`), and the verdicts of
//! `des-events diff` for every step: the kinds of change, where they are, and the
//! summary (receivers, senders, semver).
//!
//! Two independent checks back the verdicts: the documented examples of each version,
//! validated by the `jsonschema` crate against the other version (an OLD example NEW
//! rejects proves a breaking receivers verdict; a NEW example OLD rejects, a breaking
//! senders verdict), and the public API surfaces of both versions (`des-events api`),
//! whose difference must need the bump the diff reports.

use std::path::{Path, PathBuf};

use des_events_codegen::diff::{self, Bump, Compat, Kind, Report};
use des_events_codegen::{Generated, Request, Source, api, generate, ir};
use serde_json::Value;

/// The versions, oldest first.
const STEPS: [&str; 15] = [
    "01-name-discriminator",
    "02-event-discriminator",
    "03-name-by-mistake",
    "04-event-restored",
    "05-investment-events",
    "06-investment-callback-path",
    "07-investment-cancel-error-urls",
    "08-investment-dream-id-removed-account-id-required",
    "09-transfer-consent-events",
    "10-account-requested-events",
    "11-reason-failed-replaces-error",
    "12-reason-required-dream-targets-optional",
    "13-token-expiry-and-share-fields-dropped",
    "14-transfer-consent-urls",
    "15-legacy-reason-error",
];

/// The versions keyed by `name` (`{"name": ..., "message": ...}`).
const NAME_KEYED: [&str; 2] = ["01-name-discriminator", "03-name-by-mistake"];

const PARTNER: &str = "partner-events.schema.json";
const DES: &str = "des-events.schema.json";

fn evolution() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("evolution")
}

fn shown(step: &str, file: &str) -> String {
    format!("evolution/{step}/{file}")
}

/// One version of a schema file, as the engine reads it.
fn source(step: &str, file: &str) -> Source {
    Source::file(evolution().join(step).join(file), shown(step, file))
}

/// One version of a schema file as raw JSON (for the oracle), named as the engine names it.
struct Raw {
    file: String,
    value: Value,
}

fn document(step: &str, file: &str) -> Raw {
    let path = evolution().join(step).join(file);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()));
    let value = serde_json::from_str(&text)
        .unwrap_or_else(|err| panic!("{} is not JSON: {err}", path.display()));
    Raw {
        file: shown(step, file),
        value,
    }
}

/// The checked schema of one version (every check of `include_schema!`).
fn checked(step: &str, file: &str) -> Result<ir::Schema, des_events_codegen::Diagnostics> {
    generate(&Request::new(source(step, file)).check_only()).map(Generated::into_schema)
}

fn schema(step: &str, file: &str) -> ir::Schema {
    checked(step, file).unwrap_or_else(|err| panic!("{err}"))
}

/// The diff of `file` from the step before `step` to `step`.
fn report(step: &str, file: &str) -> Report {
    let index = STEPS.iter().position(|s| *s == step).expect("a known step");
    let old = source(STEPS[index - 1], file);
    let new = source(step, file);
    diff::diff_sources(&old, &new).unwrap_or_else(|err| panic!("{err}"))
}

/// `(kind, event, path)` of every change.
fn changes(report: &Report) -> Vec<(Kind, Option<&str>, &str)> {
    report
        .changes
        .iter()
        .map(|change| (change.kind, change.event.as_deref(), change.path.as_str()))
        .collect()
}

type Expected<'a> = &'a [(Kind, Option<&'a str>, &'a str)];

/// Asserts the changes of both files of `step` and the summary over both.
fn assert_step(
    step: &str,
    partner: Expected<'_>,
    des: Expected<'_>,
    summary: (Compat, Compat, Bump),
) {
    let reports = [report(step, PARTNER), report(step, DES)];
    assert_eq!(changes(&reports[0]), partner, "{step}\n{}", reports[0]);
    assert_eq!(changes(&reports[1]), des, "{step}\n{}", reports[1]);
    let worst = (
        reports
            .iter()
            .map(|r| r.summary.receivers)
            .max()
            .expect("two"),
        reports
            .iter()
            .map(|r| r.summary.senders)
            .max()
            .expect("two"),
        reports.iter().map(|r| r.summary.semver).max().expect("two"),
    );
    assert_eq!(worst, summary, "{step}\n{}\n{}", reports[0], reports[1]);
}

const DISCRIMINATOR: Expected<'static> = &[(Kind::DiscriminatorChanged, None, "envelope")];
const BREAKING_MAJOR: (Compat, Compat, Bump) = (Compat::Breaking, Compat::Breaking, Bump::Major);
const SENDERS_MAJOR: (Compat, Compat, Bump) = (Compat::Compatible, Compat::Breaking, Bump::Major);
const RECEIVERS_MAJOR: (Compat, Compat, Bump) = (Compat::Breaking, Compat::Compatible, Bump::Major);

#[test]
fn fixtures_are_the_steps_of_the_spec() {
    let mut found: Vec<String> = std::fs::read_dir(evolution())
        .expect("tests/evolution exists")
        .map(|entry| entry.expect("an entry"))
        .filter(|entry| entry.file_type().is_ok_and(|kind| kind.is_dir()))
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name != "shapes")
        .collect();
    found.sort();
    assert_eq!(
        found, STEPS,
        "tests/evolution/ holds exactly the listed steps"
    );
    let readme = std::fs::read_to_string(evolution().join("README.md")).expect("README.md");
    for step in STEPS {
        for file in [PARTNER, DES] {
            assert!(evolution().join(step).join(file).is_file(), "{step}/{file}");
        }
        assert!(readme.contains(step), "README.md does not explain {step}");
    }
}

#[test]
fn the_last_step_is_todays_schema() {
    let last = STEPS[STEPS.len() - 1];
    for file in [PARTNER, DES] {
        let today = std::fs::read(evolution().join("../../schema").join(file)).expect("schema/");
        let fixture = std::fs::read(evolution().join(last).join(file)).expect("fixture");
        assert!(
            today == fixture,
            "schema/{file} changed: add it as a new step of tests/evolution/ (copy it to \
             tests/evolution/NN-<what-changed>/, list it in STEPS and in the README) and \
             assert its verdicts here"
        );
    }
}

#[test]
fn every_version_is_accepted_with_its_own_tag() {
    for step in STEPS {
        for file in [PARTNER, DES] {
            let schema = schema(step, file);
            let raw = document(step, file);
            let tag = if NAME_KEYED.contains(&step) {
                "name"
            } else {
                "event"
            };
            assert_eq!(schema.tagging.tag, tag, "{step}/{file}");
            assert_eq!(diff::discriminator(&raw.value).as_deref(), Some(tag));
        }
    }
}

#[test]
fn step_02_the_discriminator_becomes_event() {
    assert_step(
        "02-event-discriminator",
        DISCRIMINATOR,
        DISCRIMINATOR,
        BREAKING_MAJOR,
    );
    let report = report("02-event-discriminator", PARTNER);
    assert!(report.notes.is_empty(), "{report}");
}

#[test]
fn step_03_a_release_sends_name_by_mistake() {
    assert_step(
        "03-name-by-mistake",
        DISCRIMINATOR,
        DISCRIMINATOR,
        BREAKING_MAJOR,
    );
}

#[test]
fn step_04_the_next_major_release_restores_event() {
    assert_step(
        "04-event-restored",
        DISCRIMINATOR,
        DISCRIMINATOR,
        BREAKING_MAJOR,
    );
}

#[test]
fn step_05_investment_events_are_added() {
    assert_step(
        "05-investment-events",
        &[(
            Kind::EventAdded,
            Some("investmentAccountProvisionInitiated"),
            "event",
        )],
        &[
            (
                Kind::EventAdded,
                Some("onInvestmentAccountProvisionRequested"),
                "event",
            ),
            (Kind::EventAdded, Some("onInvestmentSellRequested"), "event"),
        ],
        SENDERS_MAJOR,
    );
}

#[test]
fn step_06_investment_provisioning_gains_callback_path() {
    assert_step(
        "06-investment-callback-path",
        &[],
        &[(
            Kind::RequiredFieldAdded,
            Some("onInvestmentAccountProvisionRequested"),
            "message.callbackPath",
        )],
        BREAKING_MAJOR,
    );
}

#[test]
fn step_07_investment_events_gain_cancel_and_error_urls() {
    let provision = Some("onInvestmentAccountProvisionRequested");
    let sell = Some("onInvestmentSellRequested");
    assert_step(
        "07-investment-cancel-error-urls",
        &[],
        &[
            (Kind::RequiredFieldAdded, provision, "message.cancelUrl"),
            (Kind::RequiredFieldAdded, provision, "message.errorUrl"),
            (Kind::RequiredFieldAdded, sell, "message.cancelUrl"),
            (Kind::RequiredFieldAdded, sell, "message.errorUrl"),
        ],
        BREAKING_MAJOR,
    );
}

#[test]
fn step_08_dream_id_is_removed_and_account_id_becomes_required() {
    let provision = Some("onInvestmentAccountProvisionRequested");
    assert_step(
        "08-investment-dream-id-removed-account-id-required",
        &[],
        &[
            (Kind::RequiredFieldRemoved, provision, "message.dreamId"),
            (Kind::FieldNowRequired, provision, "message.accountId"),
        ],
        BREAKING_MAJOR,
    );
}

#[test]
fn step_09_transfer_consent_events_are_added() {
    assert_step(
        "09-transfer-consent-events",
        &[
            (
                Kind::EventAdded,
                Some("onTransferConsentCancelled"),
                "event",
            ),
            (
                Kind::EventAdded,
                Some("onTransferConsentSucceeded"),
                "event",
            ),
        ],
        &[(
            Kind::EventAdded,
            Some("onTransferConsentRequested"),
            "event",
        )],
        SENDERS_MAJOR,
    );
}

#[test]
fn step_10_account_requested_and_its_replies_are_added() {
    assert_step(
        "10-account-requested-events",
        &[
            (Kind::EventAdded, Some("onAccountRequestedFailed"), "event"),
            (
                Kind::EventAdded,
                Some("onAccountRequestedSucceeded"),
                "event",
            ),
        ],
        &[(Kind::EventAdded, Some("onAccountRequested"), "event")],
        SENDERS_MAJOR,
    );
}

#[test]
fn step_11_enum_value_error_is_replaced_by_failed() {
    let failed = Some("onAccountRequestedFailed");
    assert_step(
        "11-reason-failed-replaces-error",
        &[
            (Kind::EnumValueRemoved, failed, "message.reason"),
            (Kind::EnumValueAdded, failed, "message.reason"),
        ],
        &[],
        BREAKING_MAJOR,
    );
}

#[test]
fn step_12_reason_becomes_required_and_dream_targets_optional() {
    let requested = Some("onAccountRequested");
    assert_step(
        "12-reason-required-dream-targets-optional",
        &[(
            Kind::FieldNowRequired,
            Some("onTransferConsentCancelled"),
            "message.reason",
        )],
        &[
            (
                Kind::FieldNowOptional,
                requested,
                "message.dream.target_amount",
            ),
            (
                Kind::FieldNowOptional,
                requested,
                "message.dream.target_date",
            ),
        ],
        BREAKING_MAJOR,
    );
    // Each file alone: the partner change breaks receivers only, the DES one senders only.
    let partner = report("12-reason-required-dream-targets-optional", PARTNER);
    assert_eq!(
        (partner.summary.receivers, partner.summary.senders),
        (RECEIVERS_MAJOR.0, RECEIVERS_MAJOR.1)
    );
    let des = report("12-reason-required-dream-targets-optional", DES);
    assert_eq!(
        (des.summary.receivers, des.summary.senders),
        (SENDERS_MAJOR.0, SENDERS_MAJOR.1)
    );
}

#[test]
fn step_13_fields_are_dropped_from_token_expiry_and_share() {
    assert_step(
        "13-token-expiry-and-share-fields-dropped",
        &[],
        &[
            (
                Kind::RequiredFieldRemoved,
                Some("onIdTokenDidExpire"),
                "message.expiresIn",
            ),
            (
                Kind::OptionalFieldRemoved,
                Some("onShare"),
                "message.subject",
            ),
        ],
        BREAKING_MAJOR,
    );
}

#[test]
fn step_14_transfer_consent_request_gains_success_and_cancel_urls() {
    let requested = Some("onTransferConsentRequested");
    assert_step(
        "14-transfer-consent-urls",
        &[],
        &[
            (Kind::OptionalFieldAdded, requested, "message.successUrl"),
            (Kind::OptionalFieldAdded, requested, "message.cancelUrl"),
        ],
        SENDERS_MAJOR,
    );
}

#[test]
fn step_15_the_deployed_sdks_error_becomes_a_declared_legacy_value() {
    // `error` left the enum in step 11; the deployed SDK still sends it. Declared as a
    // legacy synonym of `failed`, it is accepted again and never sent: nothing breaks,
    // and the generated API is the same (patch).
    assert_step(
        "15-legacy-reason-error",
        &[(
            Kind::LegacyValueAdded,
            Some("onAccountRequestedFailed"),
            "message.reason",
        )],
        &[],
        (Compat::Compatible, Compat::Compatible, Bump::Patch),
    );
}

#[test]
fn a_schema_diffed_with_itself_reports_nothing() {
    for step in STEPS {
        for file in [PARTNER, DES] {
            let doc = source(step, file);
            let report = diff::diff_sources(&doc, &doc).unwrap_or_else(|err| panic!("{err}"));
            assert!(report.changes.is_empty(), "{report}");
            assert!(!report.summary.breaks());
        }
    }
}

fn validator(schema: &Value, what: &str) -> jsonschema::Validator {
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .build(schema)
        .unwrap_or_else(|err| panic!("{what} does not compile as a JSON Schema: {err}"))
}

/// Every `examples` entry of every event of a raw schema.
fn examples(schema: &Value) -> Vec<Value> {
    schema["oneOf"]
        .as_array()
        .expect("an event union")
        .iter()
        .flat_map(|event| event["examples"].as_array().cloned().unwrap_or_default())
        .collect()
}

/// The fixtures are consistent: every version accepts its own examples.
#[test]
fn every_version_accepts_its_own_examples() {
    for step in STEPS {
        for file in [PARTNER, DES] {
            let doc = document(step, file);
            let validator = validator(&doc.value, &doc.file);
            for example in examples(&doc.value) {
                assert!(
                    validator.is_valid(&example),
                    "{} rejects its example {example}",
                    doc.file
                );
            }
        }
    }
}

/// The oracle: an OLD example that NEW rejects proves that receivers break; a NEW example
/// that OLD rejects proves that senders break. (Examples cannot prove compatibility.)
#[test]
fn examples_never_contradict_the_verdicts() {
    let mut witnessed = 0;
    for pair in STEPS.windows(2) {
        for file in [PARTNER, DES] {
            let (old, new) = (document(pair[0], file), document(pair[1], file));
            let report = diff::diff_sources(&source(pair[0], file), &source(pair[1], file))
                .unwrap_or_else(|err| panic!("{err}"));
            let old_validator = validator(&old.value, &old.file);
            let new_validator = validator(&new.value, &new.file);
            for example in examples(&old.value) {
                if !new_validator.is_valid(&example) {
                    witnessed += 1;
                    assert_eq!(
                        report.summary.receivers,
                        Compat::Breaking,
                        "{} rejects {example} of {}, yet receivers are compatible:\n{report}",
                        new.file,
                        old.file
                    );
                }
            }
            for example in examples(&new.value) {
                if !old_validator.is_valid(&example) {
                    witnessed += 1;
                    assert_eq!(
                        report.summary.senders,
                        Compat::Breaking,
                        "{} rejects {example} of {}, yet senders are compatible:\n{report}",
                        old.file,
                        new.file
                    );
                }
            }
        }
    }
    // The examples do witness breaking steps (discriminator, new events, new fields...).
    assert!(witnessed > 20, "only {witnessed} witnesses");
}

/// The API of one version as `des_events` would generate it: the partner schema of
/// `partner_step` alone, the DES schema of `des_step` with reply helpers built from that
/// partner schema (the engine checks the reply links, as the macro does).
fn surfaces(partner_step: &str, des_step: &str) -> (String, String) {
    let surface = |request: Request| {
        let generated = generate(&request).unwrap_or_else(|err| panic!("{err}"));
        api::surface(&generated).expect("parses")
    };
    let partner_api = surface(Request::new(source(partner_step, PARTNER)));
    let module = "crate::partner".parse().expect("a module path");
    let des_api =
        surface(Request::new(source(des_step, DES)).replies(source(partner_step, PARTNER), module));
    (partner_api, des_api)
}

/// The oracle for the `api` verdict: for every step between `event`-keyed versions, the
/// public surfaces of OLD and NEW differ by exactly the bump the diff reports. The DES
/// surface holds reply helpers built from the partner schema, so a partner change is
/// judged on the partner surface plus those helpers, a DES change on the DES surface.
#[test]
fn api_verdicts_agree_with_the_generated_api() {
    for pair in STEPS.windows(2) {
        let (old_partner, new_partner) = (schema(pair[0], PARTNER), schema(pair[1], PARTNER));
        let (old_des, new_des) = (schema(pair[0], DES), schema(pair[1], DES));
        // Partner change: DES fixed at NEW, replies from OLD vs NEW partner.
        let (old_p, old_helpers) = surfaces(pair[0], pair[1]);
        let (new_p, new_helpers) = surfaces(pair[1], pair[1]);
        let partner_bump = api::compare(
            &format!("{old_p}\n{old_helpers}"),
            &format!("{new_p}\n{new_helpers}"),
        );
        let partner_report = diff::diff(&old_partner, &new_partner);
        assert_eq!(
            partner_report.summary.semver, partner_bump.bump,
            "{} -> {} partner:\n{partner_report}\n{partner_bump:?}",
            pair[0], pair[1]
        );
        // DES change: replies from OLD partner on both sides (the links of NEW partner may
        // name events that OLD DES lacks, a pair the engine rejects).
        let (_, old_d) = surfaces(pair[0], pair[0]);
        let (_, new_d) = surfaces(pair[0], pair[1]);
        let des_bump = api::compare(&old_d, &new_d);
        let des_report = diff::diff(&old_des, &new_des);
        assert_eq!(
            des_report.summary.semver, des_bump.bump,
            "{} -> {} des:\n{des_report}\n{des_bump:?}",
            pair[0], pair[1]
        );
    }
}

// The shapes series (`tests/evolution/shapes/`, see the README): the partner schema of
// step 01 without its bridge annotations, through the envelope forms the engine accepts.

/// The shape steps, oldest first.
const SHAPES: [&str; 7] = [
    "01-name-message",
    "02-open-name-envelope",
    "03-typed-extra-keys",
    "04-event-open-envelope",
    "05-event-message",
    "06-plain-integer",
    "07-draft-07",
];

/// The partner events of the shapes series.
const SHAPE_EVENTS: [&str; 6] = [
    "accountProvisioned",
    "navigateTo",
    "onBackRequested",
    "onSignOutRequested",
    "sessionKeepAlive",
    "updateToken",
];

fn shape_source(step: &str) -> Source {
    Source::file(
        evolution().join("shapes").join(step).join(PARTNER),
        format!("evolution/shapes/{step}/{PARTNER}"),
    )
}

fn shape_report(step: &str) -> Report {
    let index = SHAPES
        .iter()
        .position(|s| *s == step)
        .expect("a known step");
    diff::diff_sources(&shape_source(SHAPES[index - 1]), &shape_source(step))
        .unwrap_or_else(|err| panic!("{err}"))
}

/// `kind` at the envelope (the empty path) of every event.
fn every_envelope(kind: Kind) -> Vec<(Kind, Option<&'static str>, &'static str)> {
    SHAPE_EVENTS
        .iter()
        .map(|event| (kind, Some(*event), ""))
        .collect()
}

fn summary(report: &Report) -> (Compat, Compat, Bump) {
    (
        report.summary.receivers,
        report.summary.senders,
        report.summary.semver,
    )
}

#[test]
fn shape_steps_are_listed_and_explained() {
    let mut found: Vec<String> = std::fs::read_dir(evolution().join("shapes"))
        .expect("tests/evolution/shapes exists")
        .map(|entry| {
            entry
                .expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    found.sort();
    assert_eq!(found, SHAPES);
    let readme = std::fs::read_to_string(evolution().join("README.md")).expect("README.md");
    for step in SHAPES {
        assert!(
            readme.contains(step),
            "README.md does not explain shapes/{step}"
        );
    }
}

#[test]
fn shape_steps_are_accepted_with_their_tag_and_form() {
    use ir::Form;
    let content = "message".to_owned();
    let expected = [
        (
            "name",
            Form::Envelope {
                content: content.clone(),
            },
        ),
        (
            "name",
            Form::OpenEnvelope {
                content: content.clone(),
            },
        ),
        (
            "name",
            Form::OpenEnvelope {
                content: content.clone(),
            },
        ),
        (
            "event",
            Form::OpenEnvelope {
                content: content.clone(),
            },
        ),
        (
            "event",
            Form::Envelope {
                content: content.clone(),
            },
        ),
        (
            "event",
            Form::Envelope {
                content: content.clone(),
            },
        ),
        ("event", Form::Envelope { content }),
    ];
    for (step, (tag, form)) in SHAPES.iter().zip(expected) {
        let generated =
            generate(&Request::new(shape_source(step))).unwrap_or_else(|err| panic!("{err}"));
        assert_eq!(generated.schema().tagging.tag, tag, "{step}");
        assert_eq!(generated.schema().tagging.form, form, "{step}");
    }
}

#[test]
fn shape_02_the_name_envelope_opens() {
    let report = shape_report("02-open-name-envelope");
    assert_eq!(
        changes(&report),
        every_envelope(Kind::AdditionalPropertiesOpened),
        "{report}"
    );
    assert_eq!(summary(&report), SENDERS_MAJOR, "{report}");
}

#[test]
fn shape_03_extra_envelope_keys_must_be_strings() {
    let report = shape_report("03-typed-extra-keys");
    assert_eq!(
        changes(&report),
        every_envelope(Kind::ConstraintTightened),
        "{report}"
    );
    assert_eq!(summary(&report), RECEIVERS_MAJOR, "{report}");
}

#[test]
fn shape_04_the_tag_becomes_event() {
    let report = shape_report("04-event-open-envelope");
    assert_eq!(changes(&report), DISCRIMINATOR, "{report}");
    assert_eq!(summary(&report), BREAKING_MAJOR, "{report}");
}

#[test]
fn shape_05_the_envelope_closes_again() {
    let report = shape_report("05-event-message");
    assert_eq!(
        changes(&report),
        every_envelope(Kind::AdditionalPropertiesClosed),
        "{report}"
    );
    assert_eq!(summary(&report), RECEIVERS_MAJOR, "{report}");
}

#[test]
fn shape_06_a_plain_integer_is_an_i64() {
    let report = shape_report("06-plain-integer");
    assert_eq!(
        changes(&report),
        [(
            Kind::OptionalFieldAdded,
            Some("sessionKeepAlive"),
            "message.nextInSeconds"
        )],
        "{report}"
    );
    let generated = generate(&Request::new(shape_source("06-plain-integer")))
        .unwrap_or_else(|err| panic!("{err}"));
    let def = generated
        .schema()
        .struct_def("SessionKeepAlive")
        .expect("the message struct");
    assert!(
        matches!(&def.fields[0].ty, ir::Type::Integer(rules) if rules.rust_type() == "i64"),
        "{:?}",
        def.fields[0].ty
    );
}

#[test]
fn shape_07_the_same_schema_in_draft_07_changes_nothing() {
    let report = shape_report("07-draft-07");
    assert!(report.changes.is_empty(), "{report}");
}

/// The two oracles on the shapes series: the examples (validated by the `jsonschema`
/// crate against the other version) and the public API surfaces.
#[test]
fn shape_verdicts_agree_with_the_examples_and_the_api() {
    let raw = |step: &str| -> Value {
        let path = evolution().join("shapes").join(step).join(PARTNER);
        let text = std::fs::read_to_string(&path).expect("a shape step");
        serde_json::from_str(&text).expect("JSON")
    };
    let surface = |step: &str| {
        let generated =
            generate(&Request::new(shape_source(step))).unwrap_or_else(|err| panic!("{err}"));
        api::surface(&generated).expect("parses")
    };
    let mut witnessed = 0;
    for pair in SHAPES.windows(2) {
        let report = shape_report(pair[1]);
        let (old, new) = (raw(pair[0]), raw(pair[1]));
        for example in examples(&old).iter().chain(&examples(&new)) {
            assert!(
                validator(&old, pair[0]).is_valid(example)
                    || validator(&new, pair[1]).is_valid(example)
            );
        }
        for example in examples(&old) {
            if !validator(&new, pair[1]).is_valid(&example) {
                witnessed += 1;
                assert_eq!(
                    report.summary.receivers,
                    Compat::Breaking,
                    "{example}\n{report}"
                );
            }
        }
        for example in examples(&new) {
            if !validator(&old, pair[0]).is_valid(&example) {
                witnessed += 1;
                assert_eq!(
                    report.summary.senders,
                    Compat::Breaking,
                    "{example}\n{report}"
                );
            }
        }
        let bump = api::compare(&surface(pair[0]), &surface(pair[1]));
        assert_eq!(
            report.summary.semver, bump.bump,
            "{} -> {}:\n{report}\n{bump:?}",
            pair[0], pair[1]
        );
    }
    // The `trace` key of an example witnesses opening and closing the envelope.
    assert!(witnessed >= 3, "only {witnessed} witnesses");
}
