//! Schema diff: compares two versions of an event-union schema and classifies every
//! change with three verdicts. A pure function of two IRs ([`diff`]); [`diff_sources`]
//! loads and models both files first.
//!
//! # The three verdicts
//!
//! - **receivers** ([`Compat`]): does every document valid under OLD still deserialize
//!   under NEW? (A receiver upgraded to NEW talks to a sender still on OLD.)
//! - **senders** ([`Compat`]): is every document that NEW's types can produce still
//!   accepted by a peer that validates with OLD? (A sender upgraded to NEW talks to a
//!   receiver still on OLD.)
//! - **api** ([`Bump`]): does Rust code written against OLD's generated API still
//!   compile against NEW's? `major`: something it may use was removed or changed, or an
//!   exhaustive item grew (generated structs have public fields and no
//!   `#[non_exhaustive]`, so a new field breaks struct literals and patterns; a new
//!   variant breaks exhaustive `match`es; a new event adds a required handler method).
//!   `minor`: the API only grew in ways that cannot break a caller. `patch`: the public
//!   surface is unchanged (behaviour, such as what validates, may still change).
//!
//! The summary takes the worst of each ([`Summary`]); a report **breaks**
//! ([`Summary::breaks`], exit status 1 of `des-events diff`) when receivers or senders
//! are breaking or the API bump is major.
//!
//! # Rules
//!
//! "closed" is `additionalProperties: false`; "open" is `true` or absent (unknown keys
//! are kept, with any value). OLD/NEW name the object the field belongs to.
//!
//! | kind | receivers | senders | api |
//! |---|---|---|---|
//! | `discriminator_changed` (the tag `name` <-> `event`, or the envelope's form: content key, envelope <-> flat) | breaking | breaking | major |
//! | `schema_renamed` (root `title`: dispatch enum and handler trait renamed) | compatible | compatible | major |
//! | `event_added` | compatible | breaking (OLD rejects the unknown event) | major (new variant, new required handler method) |
//! | `event_removed` | breaking | compatible | major |
//! | `required_field_added` | breaking | breaking if OLD is closed, else compatible | major |
//! | `optional_field_added` | breaking if OLD is open (its documents may carry that key with any value), else compatible | breaking if OLD is closed, else compatible | major |
//! | `required_field_removed` | breaking if NEW is closed, else compatible | breaking | major |
//! | `optional_field_removed` | breaking if NEW is closed, else compatible | breaking if NEW is open (its extra keys may carry that key with any value), else compatible | major |
//! | `field_now_required` | breaking | compatible | major (`Option<T>` -> `T`) |
//! | `field_now_optional` | compatible | breaking | major (`T` -> `Option<T>`) |
//! | `type_changed` (in general) | breaking | breaking | major |
//! | `type_changed` enum -> string | compatible if the new string rules accept every old value, else breaking | breaking | major |
//! | `type_changed` string -> enum | breaking | compatible if the old string rules accept every new value, else breaking | major |
//! | `type_changed` integer -> number | compatible if the new bounds hold the old range, else breaking | breaking | major |
//! | `type_changed` number -> integer | breaking | compatible if the old bounds hold the new range, else breaking | major |
//! | `type_renamed` (a named type at the same place got another Rust name) | compatible | compatible | major |
//! | `rust_type_changed` (same documents, other Rust type: `x-des-credential`, free-form object <-> struct) | compatible | compatible | major |
//! | `enum_value_added` | compatible | breaking | major (new variant) |
//! | `enum_value_removed` | breaking | compatible | major |
//! | `legacy_value_added` (`x-des-legacy`: a value is still accepted, read as its current synonym, never sent) | compatible | compatible | major when it was a current value (its variant goes), else patch |
//! | `legacy_value_removed` (a legacy value is no longer accepted, or is current again) | breaking when no longer accepted, else compatible | compatible | major when current again (a new variant), else patch |
//! | `legacy_synonym_changed` (a legacy value is read as another current value) | unknown (the same documents are read as other values) | compatible | patch |
//! | `constraint_tightened` (format added, longer `minLength`, shorter `maxLength`, pattern added, narrower bounds, `minItems`/`maxItems`) | breaking | compatible | patch; major when `format: uuid` appears (`String` -> `Uuid`) |
//! | `constraint_loosened` (the reverse) | compatible | breaking | patch; major when `format: uuid` goes (`Uuid` -> `String`) |
//! | `constraint_changed` (a `pattern` or `format` replaced: neither includes the other as far as we can tell) | breaking | breaking | patch; major when `uuid` is on one side only |
//! | `additional_properties_opened` | compatible | breaking (NEW may send unknown keys) | major (new `additional_properties` field) |
//! | `additional_properties_closed` | breaking | compatible | major |
//! | `reply_to_changed` (`x-des-reply-to`) | compatible | compatible | minor when added (a new reply helper), major when removed or changed |
//! | `echo_changed` (`x-des-echo`) | compatible | compatible | major when the event is a reply (the reply helper's parameters change), else patch |
//! | `mobile_function_changed` (`x-des-mobile-function`) | compatible | breaking when removed or changed (an OLD app exposes the old function), compatible when added | patch |
//! | `mobile_handler_changed` (`x-des-mobile-handler`, default: the wire name) | breaking | breaking | patch |
//! | `order_changed` (events or enum values reordered: `EVENT_NAMES`, `ALL` and the derived `Ord` follow) | compatible | compatible | patch |
//! | `validated_schema_changed` (the schema of a validated JSON value changed: `not`, `if`, references...; not compared keyword by keyword) | unknown | unknown | patch |
//! | `root_type_removed` (the root schema's type, or a definition of a `$defs`-only document) | breaking | breaking | major |
//! | `root_type_added` | compatible | compatible | minor |
//!
//! "unknown" is an explicit verdict: `diff` does not guess, and the summary counts it as
//! worse than compatible (a CI gate on "compatible" fails).
//!
//! Each kind also has a stable kebab-case rule ID ([`Kind::id`]: `event-added`), the
//! name `--ignore` takes and the JUnit, SARIF and GitHub forms show (docs/diff-rules.md
//! lists them). The verdicts above are for a strict receiver; [`Receiver::Tolerant`]
//! relaxes those of unknown fields, enum values and events ([`diff_for`]).
//!
//! # Around a report
//!
//! - [`ignore`]: rules `ID[@pointer]` that take vetted changes out of a report;
//! - [`gate`]: the registry modes (backward = receivers, forward = senders, full,
//!   `-transitive`) and the [`gate::Outcome`] of a run over one or more comparisons;
//! - [`history`]: the order of a folder of versions; [`version`]: semver and the bump
//!   changes need;
//! - [`witness`]: counterexamples, verified with the core validator on both sides;
//! - [`format`](mod@format): text, JSON, JUnit XML, SARIF 2.1.0, GitHub annotations.
//!
//! # What is not a change
//!
//! Annotations produce no entry at all: `description`, `$comment`, `examples`, `$id`, a
//! `title` that does not change a Rust name, unknown (annotation-only) formats, and the
//! order of keys in an object, including the order of `properties` (the wire format does
//! not order keys). Identical schemas give an empty report.
//!
//! # Matching: by position, not by name
//!
//! Events match by wire name and fields by wire name (a renamed wire name is a removal
//! plus an addition, which is what it is on the wire). Named types (message structs,
//! `$defs`, nested objects, enums) match by *position*: the type of `message.dream` in
//! OLD is compared with the type of `message.dream` in NEW, whatever they are called.
//! So a type whose `title` changed but whose shape did not is one `type_renamed` (an API
//! change only), and a changed shape shows as the changes inside it, each with its full
//! path (`message.dream.target_amount`). A nested object changed is reported that way:
//! as the changes inside it. A type shared by several places is compared, and reported,
//! at each place.
//!
//! # The discriminator and the envelope
//!
//! The IR says each side's tag and form ([`crate::ir::Tagging`]). A different tag (upstream
//! once keyed events with `name`, then `event`), a different content key or form
//! (envelope <-> flat) is one `discriminator_changed` at `envelope`; the events are still
//! compared. Envelope contents compare at the content key (`message.dream`), flat
//! variants at the top (`dream`). An envelope that starts or stops allowing other keys
//! is `additional_properties_opened` / `_closed` at the empty path (the envelope itself).

mod assertions;
mod compare;
mod constraints;
mod envelope;
pub mod format;
pub mod gate;
pub mod history;
pub mod ignore;
mod render;
mod rules;
pub mod version;
pub mod witness;

use std::fmt;
use std::path::PathBuf;

use crate::diag::Diagnostics;
use crate::ir::Schema;
use crate::load::Document;
use crate::pipeline::Source;

pub use envelope::{DISCRIMINATOR, discriminator};

/// How a change affects one side of the conversation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Compat {
    /// Nothing that worked stops working.
    Compatible,
    /// `diff` cannot tell: a change inside a schema that only the validator reads (`not`,
    /// `if`/`then`/`else`, a reference...) is not compared keyword by keyword. An explicit
    /// verdict rather than a guess; it counts as worse than compatible.
    Unknown,
    /// Some document is now rejected.
    Breaking,
}

impl Compat {
    /// `"compatible"` or `"breaking"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Compat::Compatible => "compatible",
            Compat::Unknown => "unknown",
            Compat::Breaking => "breaking",
        }
    }

    /// `Breaking` when `breaking` holds.
    pub const fn when(breaking: bool) -> Compat {
        if breaking {
            Compat::Breaking
        } else {
            Compat::Compatible
        }
    }
}

/// The semver bump a change needs for code written against the generated API.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Bump {
    /// The public surface is unchanged.
    Patch,
    /// The surface only grew, in ways no caller can notice at compile time.
    Minor,
    /// Code written against OLD may no longer compile.
    Major,
}

impl Bump {
    /// `"patch"`, `"minor"` or `"major"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        }
    }
}

/// What changed. The module documentation gives each kind's verdicts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// The union's tag key changed (`name` <-> `event`), or its form (content key,
    /// envelope <-> flat).
    DiscriminatorChanged,
    /// The root `title` changed the dispatch enum's name.
    SchemaRenamed,
    /// A new event.
    EventAdded,
    /// An event is gone.
    EventRemoved,
    /// A new required field.
    RequiredFieldAdded,
    /// A new optional field.
    OptionalFieldAdded,
    /// A required field is gone.
    RequiredFieldRemoved,
    /// An optional field is gone.
    OptionalFieldRemoved,
    /// An optional field became required.
    FieldNowRequired,
    /// A required field became optional.
    FieldNowOptional,
    /// A value's JSON type changed (string -> integer, object -> enum, ...).
    TypeChanged,
    /// A named type at the same place has another Rust name, with the same shape.
    TypeRenamed,
    /// The same documents, another Rust type (credential flag, map <-> struct).
    RustTypeChanged,
    /// An enum accepts a new value.
    EnumValueAdded,
    /// An enum no longer accepts a value.
    EnumValueRemoved,
    /// A value became legacy (`x-des-legacy`): still accepted, read as its synonym,
    /// never sent.
    LegacyValueAdded,
    /// A legacy value is no longer accepted, or is a current value again.
    LegacyValueRemoved,
    /// A legacy value is read as another current value.
    LegacySynonymChanged,
    /// A constraint now rejects more.
    ConstraintTightened,
    /// A constraint now accepts more.
    ConstraintLoosened,
    /// A constraint was replaced by one that is neither tighter nor looser.
    ConstraintChanged,
    /// An object now keeps unknown keys.
    AdditionalPropertiesOpened,
    /// An object now rejects unknown keys.
    AdditionalPropertiesClosed,
    /// `x-des-reply-to` changed.
    ReplyToChanged,
    /// `x-des-echo` changed.
    EchoChanged,
    /// `x-des-mobile-function` changed.
    MobileFunctionChanged,
    /// The mobile handler name (`x-des-mobile-handler`, else the wire name) changed.
    MobileHandlerChanged,
    /// Events or enum values were reordered.
    OrderChanged,
    /// The schema of a validated JSON value changed (not compared keyword by keyword).
    ValidatedSchemaChanged,
    /// A root type (the root schema's, or a definition of a `$defs`-only document) is gone.
    RootTypeRemoved,
    /// A new root type.
    RootTypeAdded,
}

impl Kind {
    /// Every kind, in the order of the module documentation's table.
    pub const ALL: [Kind; 31] = [
        Kind::DiscriminatorChanged,
        Kind::SchemaRenamed,
        Kind::EventAdded,
        Kind::EventRemoved,
        Kind::RequiredFieldAdded,
        Kind::OptionalFieldAdded,
        Kind::RequiredFieldRemoved,
        Kind::OptionalFieldRemoved,
        Kind::FieldNowRequired,
        Kind::FieldNowOptional,
        Kind::TypeChanged,
        Kind::TypeRenamed,
        Kind::RustTypeChanged,
        Kind::EnumValueAdded,
        Kind::EnumValueRemoved,
        Kind::LegacyValueAdded,
        Kind::LegacyValueRemoved,
        Kind::LegacySynonymChanged,
        Kind::ConstraintTightened,
        Kind::ConstraintLoosened,
        Kind::ConstraintChanged,
        Kind::AdditionalPropertiesOpened,
        Kind::AdditionalPropertiesClosed,
        Kind::ReplyToChanged,
        Kind::EchoChanged,
        Kind::MobileFunctionChanged,
        Kind::MobileHandlerChanged,
        Kind::OrderChanged,
        Kind::ValidatedSchemaChanged,
        Kind::RootTypeRemoved,
        Kind::RootTypeAdded,
    ];

    /// The stable rule ID: the kind in kebab-case (`event-added`), as `--ignore` takes
    /// it and JUnit, SARIF and GitHub annotations show it. The table in
    /// docs/diff-rules.md lists every one.
    pub fn id(self) -> String {
        self.as_str().replace('_', "-")
    }

    /// The kind of a rule ID ([`Kind::id`]); the snake_case name is accepted too.
    pub fn from_id(id: &str) -> Option<Kind> {
        let wanted = id.replace('-', "_");
        Kind::ALL.into_iter().find(|kind| kind.as_str() == wanted)
    }

    /// The rule in one sentence (SARIF's `shortDescription`, JUnit's test names).
    pub const fn summary(self) -> &'static str {
        match self {
            Kind::DiscriminatorChanged => {
                "The union's tag key changed (name <-> event), or its form (content key, envelope <-> flat)."
            }
            Kind::SchemaRenamed => "The root title changed the dispatch enum's name.",
            Kind::EventAdded => "A new event.",
            Kind::EventRemoved => "An event is gone.",
            Kind::RequiredFieldAdded => "A new required field.",
            Kind::OptionalFieldAdded => "A new optional field.",
            Kind::RequiredFieldRemoved => "A required field is gone.",
            Kind::OptionalFieldRemoved => "An optional field is gone.",
            Kind::FieldNowRequired => "An optional field became required.",
            Kind::FieldNowOptional => "A required field became optional.",
            Kind::TypeChanged => {
                "A value's JSON type changed (string -> integer, object -> enum, ...)."
            }
            Kind::TypeRenamed => {
                "A named type at the same place has another Rust name, with the same shape."
            }
            Kind::RustTypeChanged => {
                "The same documents, another Rust type (credential flag, map <-> struct)."
            }
            Kind::EnumValueAdded => "An enum accepts a new value.",
            Kind::EnumValueRemoved => "An enum no longer accepts a value.",
            Kind::LegacyValueAdded => {
                "A value became legacy (x-des-legacy): still accepted, read as its synonym, never sent."
            }
            Kind::LegacyValueRemoved => {
                "A legacy value is no longer accepted, or is a current value again."
            }
            Kind::LegacySynonymChanged => "A legacy value is read as another current value.",
            Kind::ConstraintTightened => "A constraint now rejects more.",
            Kind::ConstraintLoosened => "A constraint now accepts more.",
            Kind::ConstraintChanged => {
                "A constraint was replaced by one that is neither tighter nor looser."
            }
            Kind::AdditionalPropertiesOpened => "An object now keeps unknown keys.",
            Kind::AdditionalPropertiesClosed => "An object now rejects unknown keys.",
            Kind::ReplyToChanged => "x-des-reply-to changed.",
            Kind::EchoChanged => "x-des-echo changed.",
            Kind::MobileFunctionChanged => "x-des-mobile-function changed.",
            Kind::MobileHandlerChanged => {
                "The mobile handler name (x-des-mobile-handler, else the wire name) changed."
            }
            Kind::OrderChanged => "Events or enum values were reordered.",
            Kind::ValidatedSchemaChanged => {
                "The schema of a validated JSON value changed (not compared keyword by keyword)."
            }
            Kind::RootTypeRemoved => {
                "A root type (the root schema's, or a definition of a $defs-only document) is gone."
            }
            Kind::RootTypeAdded => "A new root type.",
        }
    }

    /// The snake_case name used in reports and JSON.
    pub const fn as_str(self) -> &'static str {
        match self {
            Kind::DiscriminatorChanged => "discriminator_changed",
            Kind::SchemaRenamed => "schema_renamed",
            Kind::EventAdded => "event_added",
            Kind::EventRemoved => "event_removed",
            Kind::RequiredFieldAdded => "required_field_added",
            Kind::OptionalFieldAdded => "optional_field_added",
            Kind::RequiredFieldRemoved => "required_field_removed",
            Kind::OptionalFieldRemoved => "optional_field_removed",
            Kind::FieldNowRequired => "field_now_required",
            Kind::FieldNowOptional => "field_now_optional",
            Kind::TypeChanged => "type_changed",
            Kind::TypeRenamed => "type_renamed",
            Kind::RustTypeChanged => "rust_type_changed",
            Kind::EnumValueAdded => "enum_value_added",
            Kind::EnumValueRemoved => "enum_value_removed",
            Kind::LegacyValueAdded => "legacy_value_added",
            Kind::LegacyValueRemoved => "legacy_value_removed",
            Kind::LegacySynonymChanged => "legacy_synonym_changed",
            Kind::ConstraintTightened => "constraint_tightened",
            Kind::ConstraintLoosened => "constraint_loosened",
            Kind::ConstraintChanged => "constraint_changed",
            Kind::AdditionalPropertiesOpened => "additional_properties_opened",
            Kind::AdditionalPropertiesClosed => "additional_properties_closed",
            Kind::ReplyToChanged => "reply_to_changed",
            Kind::EchoChanged => "echo_changed",
            Kind::MobileFunctionChanged => "mobile_function_changed",
            Kind::MobileHandlerChanged => "mobile_handler_changed",
            Kind::OrderChanged => "order_changed",
            Kind::ValidatedSchemaChanged => "validated_schema_changed",
            Kind::RootTypeRemoved => "root_type_removed",
            Kind::RootTypeAdded => "root_type_added",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Who reads the documents: the receiver policy the receivers and senders verdicts
/// assume (the runtime's `des_events::Policy`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Receiver {
    /// Exactly the schema: an unknown field, enum value or event is an error.
    #[default]
    Strict,
    /// Unknown fields of closed objects are dropped, unknown enum values and events are
    /// kept as `Other` (outside union alternatives and validator-checked objects).
    Tolerant,
}

impl Receiver {
    /// `strict` or `tolerant`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Receiver::Strict => "strict",
            Receiver::Tolerant => "tolerant",
        }
    }

    /// The receiver called `name` (`strict`, `tolerant`).
    pub fn parse(name: &str) -> Option<Receiver> {
        match name {
            "strict" => Some(Receiver::Strict),
            "tolerant" => Some(Receiver::Tolerant),
            _ => None,
        }
    }
}

/// How to compare.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// The receiver policy the verdicts assume.
    pub receiver: Receiver,
    /// `$ref`s to a URI that starts with a prefix are read from that prefix's folder
    /// ([`crate::Request::map`]), on both sides.
    pub maps: Vec<(String, PathBuf)>,
    /// Look for a verified counterexample of every breaking verdict ([`witness`]).
    pub witnesses: bool,
}

/// The three verdicts of one change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Verdict {
    /// Do OLD documents still deserialize under NEW?
    pub receivers: Compat,
    /// Does a peer validating with OLD accept what NEW produces?
    pub senders: Compat,
    /// The semver bump of the generated Rust API.
    pub api: Bump,
}

/// One classified change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// What changed.
    pub kind: Kind,
    /// The event's wire name, when the change is inside one event.
    pub event: Option<String>,
    /// Where: a wire path such as `message.dream.target_amount` (`[]` for array items),
    /// `event` for the event itself, the keyword for an event annotation (e.g.
    /// `x-des-reply-to`), `title` for the schema's name, `oneOf` for the event order,
    /// `envelope` for the discriminator.
    pub path: String,
    /// Human text: old -> new.
    pub detail: String,
    /// Do OLD documents still deserialize under NEW?
    pub receivers: Compat,
    /// Does a peer validating with OLD accept what NEW produces?
    pub senders: Compat,
    /// The semver bump of the generated Rust API.
    pub api: Bump,
    /// Where the change is in each schema file.
    pub site: Site,
    /// Verified documents that show a breaking receivers or senders verdict (see
    /// [`witness`]); empty until [`witness::attach`] runs.
    pub witnesses: Vec<witness::Witness>,
}

/// Where a change is in the two schema files: the JSON pointer of the schema node in
/// each, or, for something only one side has, the node it was added to or removed from
/// on the other side (the object, or `/oneOf` for an event); and NEW's line and column
/// of that node, when the file was read with positions ([`diff_sources`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Site {
    /// The pointer in OLD.
    pub old: Option<String>,
    /// The pointer in NEW.
    pub new: Option<String>,
    /// The position of [`Site::new`] in NEW's file.
    pub pos: Option<crate::diag::Pos>,
}

impl Site {
    /// Whether `pointer` is this site's pointer on either side, or an ancestor of it
    /// (segment-wise: `/a/b` holds `/a/b/c`, not `/a/bc`).
    pub fn within(&self, pointer: &str) -> bool {
        let under = |at: &Option<String>| {
            at.as_deref().is_some_and(|at| {
                at.strip_prefix(pointer)
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
            })
        };
        under(&self.old) || under(&self.new)
    }
}

impl Change {
    /// The three verdicts.
    pub fn verdict(&self) -> Verdict {
        Verdict {
            receivers: self.receivers,
            senders: self.senders,
            api: self.api,
        }
    }
}

/// The worst verdicts of a report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Summary {
    /// The worst receivers verdict (compatible when there is no change).
    pub receivers: Compat,
    /// The worst senders verdict.
    pub senders: Compat,
    /// The biggest API bump (patch when there is no change).
    pub semver: Bump,
}

impl Summary {
    /// The summary of `changes`.
    pub fn of(changes: &[Change]) -> Summary {
        Summary {
            receivers: changes
                .iter()
                .map(|change| change.receivers)
                .max()
                .unwrap_or(Compat::Compatible),
            senders: changes
                .iter()
                .map(|change| change.senders)
                .max()
                .unwrap_or(Compat::Compatible),
            semver: changes
                .iter()
                .map(|change| change.api)
                .max()
                .unwrap_or(Bump::Patch),
        }
    }

    /// Something breaks: receivers or senders are breaking, or the API bump is major.
    pub fn breaks(&self) -> bool {
        self.receivers != Compat::Compatible
            || self.senders != Compat::Compatible
            || self.semver == Bump::Major
    }
}

/// Every change between two schema versions, and the worst verdicts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    /// The OLD schema as named by the caller.
    pub old: String,
    /// The NEW schema as named by the caller.
    pub new: String,
    /// The changes, schema-level first, then per event in OLD's order (events only in
    /// NEW last).
    pub changes: Vec<Change>,
    /// The worst of each verdict.
    pub summary: Summary,
    /// Remarks about how the comparison was made (e.g. a side keyed by `name`).
    pub notes: Vec<String>,
    /// The receiver policy the verdicts assume.
    pub receiver: Receiver,
    /// Changes an ignore rule took out of `changes` (and out of the summary), each with
    /// the rule's index in the list given to [`ignore::apply`].
    pub ignored: Vec<(Change, usize)>,
    /// Whether counterexamples were searched ([`witness::attach`]): a breaking verdict
    /// without one then says that none was found.
    pub searched: bool,
}

impl Report {
    /// The changes of one kind.
    pub fn of_kind(&self, kind: Kind) -> impl Iterator<Item = &Change> {
        self.changes
            .iter()
            .filter(move |change| change.kind == kind)
    }

    /// The report as one JSON object: `{"changes": [...], "summary": {...}, "notes": [...]}`.
    pub fn to_json(&self) -> serde_json::Value {
        render::json(self)
    }
}

/// The human-readable report: one line per change with its verdicts, then the summary.
impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        render::text(self, f)
    }
}

/// Compares two checked schemas.
pub fn diff(old: &Schema, new: &Schema) -> Report {
    diff_for(old, new, Receiver::Strict)
}

/// Compares two checked schemas, with verdicts for `receiver`s.
pub fn diff_for(old: &Schema, new: &Schema, receiver: Receiver) -> Report {
    let changes = compare::compare(old, new, receiver);
    let summary = Summary::of(&changes);
    Report {
        old: old.file.clone(),
        new: new.file.clone(),
        changes,
        summary,
        notes: Vec::new(),
        receiver,
        ignored: Vec::new(),
        searched: false,
    }
}

/// [`diff_sources`] with `options`: the receiver policy, `--map`s, and counterexamples.
/// Each change's [`Site::pos`] is its line and column in NEW's file.
pub fn diff_sources_with(
    old: &Source,
    new: &Source,
    options: &Options,
) -> Result<Report, Diagnostics> {
    let (old, new) = both(old.load(), new.load())?;
    let (old_schema, new_schema) = both(
        envelope::model(&old, &options.maps),
        envelope::model(&new, &options.maps),
    )?;
    let mut report = diff_for(&old_schema, &new_schema, options.receiver);
    for change in &mut report.changes {
        change.site.pos = change
            .site
            .new
            .as_deref()
            .filter(|pointer| new.get(pointer).is_some())
            .and_then(|pointer| new.key_pos(pointer));
    }
    if options.witnesses {
        witness::attach(
            &mut report,
            witness::Side::new(&old, &old_schema),
            witness::Side::new(&new, &new_schema),
        );
    }
    Ok(report)
}

/// Both results, or the problems of either.
fn both<T>(
    old: Result<T, Diagnostics>,
    new: Result<T, Diagnostics>,
) -> Result<(T, T), Diagnostics> {
    match (old, new) {
        (Ok(old), Ok(new)) => Ok((old, new)),
        (old, new) => {
            let mut problems = Diagnostics::default();
            for side in [old.err(), new.err()].into_iter().flatten() {
                problems.0.extend(side.0);
            }
            Err(problems)
        }
    }
}

/// Compares two versions of a schema: loads, models and checks each side (with the
/// checks of [`crate::generate`]) and compares the IRs. The problems of both sides are returned
/// when either cannot be loaded or modelled.
pub fn diff_sources(old: &Source, new: &Source) -> Result<Report, Diagnostics> {
    diff_sources_mapped(old, new, &[])
}

/// [`diff_sources`], with a `$ref` to a URI that starts with a prefix of `maps` read from
/// that prefix's folder ([`crate::Request::map`]), on both sides.
pub fn diff_sources_mapped(
    old: &Source,
    new: &Source,
    maps: &[(String, PathBuf)],
) -> Result<Report, Diagnostics> {
    match (old.load(), new.load()) {
        (Ok(old), Ok(new)) => diff_mapped(&old, &new, maps),
        (old, new) => {
            let mut problems = Diagnostics::default();
            for side in [old, new] {
                if let Err(err) = side {
                    problems.0.extend(err.0);
                }
            }
            Err(problems)
        }
    }
}

/// [`diff_sources`] on loaded documents.
#[cfg(test)]
fn diff_documents(old: &Document, new: &Document) -> Result<Report, Diagnostics> {
    diff_mapped(old, new, &[])
}

/// [`diff_sources_mapped`] on loaded documents.
fn diff_mapped(
    old: &Document,
    new: &Document,
    maps: &[(String, PathBuf)],
) -> Result<Report, Diagnostics> {
    match (envelope::model(old, maps), envelope::model(new, maps)) {
        (Ok(old), Ok(new)) => Ok(diff(&old, &new)),
        (old, new) => {
            let mut problems = Diagnostics::default();
            for side in [old, new] {
                if let Err(err) = side {
                    problems.0.extend(err.0);
                }
            }
            Err(problems)
        }
    }
}

#[cfg(test)]
mod tests;
