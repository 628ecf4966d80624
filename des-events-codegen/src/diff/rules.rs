//! The verdict of each kind of change: the table of the module documentation, as code.
//! Every rule is one small function here, with its test below; [`super::compare`] only
//! finds changes and asks these for their verdicts.

use super::{Bump, Change, Compat, Kind, Receiver, Verdict};

const fn verdict(receivers: Compat, senders: Compat, api: Bump) -> Verdict {
    Verdict {
        receivers,
        senders,
        api,
    }
}

const COMPATIBLE: Compat = Compat::Compatible;
const BREAKING: Compat = Compat::Breaking;

/// The key moved (`name` <-> `event`): no document of one side is a document of the
/// other, and code generated for one cannot talk to the other.
pub fn discriminator_changed(old_key: &str, new_key: &str) -> Change {
    envelope_changed(format!(
        "discriminator key `{old_key}` -> `{new_key}`: every envelope changes shape"
    ))
}

/// The union's wire shape changed (tag key, content key, envelope <-> flat): every
/// document changes shape.
pub fn envelope_changed(detail: String) -> Change {
    let rule = verdict(BREAKING, BREAKING, Bump::Major);
    Change {
        kind: Kind::DiscriminatorChanged,
        event: None,
        path: "envelope".to_owned(),
        detail,
        receivers: rule.receivers,
        senders: rule.senders,
        api: rule.api,
        site: super::Site {
            old: Some(String::new()),
            new: Some(String::new()),
            pos: None,
        },
        witnesses: Vec::new(),
    }
}

/// A validated value's schema changed: which documents it accepts now is not decided
/// here. The Rust type is the same (`serde_json::Value` inside).
pub const fn validated_schema_changed() -> Verdict {
    verdict(Compat::Unknown, Compat::Unknown, Bump::Patch)
}

/// A root type is gone: its documents have no type any more.
pub const fn root_type_removed() -> Verdict {
    verdict(BREAKING, BREAKING, Bump::Major)
}

/// A new root type: no document of an existing type changes.
pub const fn root_type_added() -> Verdict {
    verdict(COMPATIBLE, COMPATIBLE, Bump::Minor)
}

/// The dispatch enum and handler trait get other names; documents are unchanged.
pub const fn schema_renamed() -> Verdict {
    verdict(COMPATIBLE, COMPATIBLE, Bump::Major)
}

/// OLD receivers reject the new event as unknown; a new variant and handler method.
pub const fn event_added() -> Verdict {
    verdict(COMPATIBLE, BREAKING, Bump::Major)
}

/// NEW receivers reject the old event as unknown.
pub const fn event_removed() -> Verdict {
    verdict(BREAKING, COMPATIBLE, Bump::Major)
}

/// A field NEW has and OLD had not. OLD documents lack it (fatal if required), and an
/// open OLD object let them carry that key with any value; a closed OLD object rejects
/// the key whenever NEW sends it.
pub const fn field_added(required: bool, old_open: bool) -> Verdict {
    verdict(
        Compat::when(required || old_open),
        Compat::when(!old_open),
        Bump::Major,
    )
}

/// A field OLD had and NEW has not. A closed NEW object rejects it in OLD documents; OLD
/// peers miss it when it was required, and an open NEW object may send that key with a
/// value OLD's schema for it rejects.
pub const fn field_removed(required: bool, new_open: bool) -> Verdict {
    verdict(
        Compat::when(!new_open),
        Compat::when(required || new_open),
        Bump::Major,
    )
}

/// OLD documents may lack it; `Option<T>` becomes `T`.
pub const fn field_now_required() -> Verdict {
    verdict(BREAKING, COMPATIBLE, Bump::Major)
}

/// NEW documents may lack it; `T` becomes `Option<T>`.
pub const fn field_now_optional() -> Verdict {
    verdict(COMPATIBLE, BREAKING, Bump::Major)
}

/// Unrelated JSON types: nothing of one is valid for the other.
pub const fn type_changed() -> Verdict {
    verdict(BREAKING, BREAKING, Bump::Major)
}

/// NEW's type holds OLD's (enum -> string, integer -> number): receivers are fine when
/// every OLD value passes NEW's rules; NEW can send values OLD rejects.
pub const fn type_widened(old_values_accepted: bool) -> Verdict {
    verdict(Compat::when(!old_values_accepted), BREAKING, Bump::Major)
}

/// NEW's type is inside OLD's (string -> enum, number -> integer): OLD senders may send
/// values NEW rejects; senders are fine when every NEW value passes OLD's rules.
pub const fn type_narrowed(new_values_accepted: bool) -> Verdict {
    verdict(BREAKING, Compat::when(!new_values_accepted), Bump::Major)
}

/// Same shape, other Rust name.
pub const fn type_renamed() -> Verdict {
    verdict(COMPATIBLE, COMPATIBLE, Bump::Major)
}

/// Same documents, other Rust type (e.g. `String` <-> `Credential`).
pub const fn rust_type_changed() -> Verdict {
    verdict(COMPATIBLE, COMPATIBLE, Bump::Major)
}

/// NEW may send the value; a new variant.
pub const fn enum_value_added() -> Verdict {
    verdict(COMPATIBLE, BREAKING, Bump::Major)
}

/// OLD documents may hold the value; a variant is gone.
pub const fn enum_value_removed() -> Verdict {
    verdict(BREAKING, COMPATIBLE, Bump::Major)
}

/// A value became legacy: every OLD document is still read, NEW never sends it. The
/// variant goes when the value was current.
pub const fn legacy_value_added(was_current: bool) -> Verdict {
    verdict(
        COMPATIBLE,
        COMPATIBLE,
        if was_current {
            Bump::Major
        } else {
            Bump::Patch
        },
    )
}

/// A legacy value is no longer accepted (OLD documents may hold it), or is a current
/// value again (a new variant; OLD accepted it already).
pub const fn legacy_value_removed(now_current: bool) -> Verdict {
    if now_current {
        verdict(COMPATIBLE, COMPATIBLE, Bump::Major)
    } else {
        verdict(BREAKING, COMPATIBLE, Bump::Patch)
    }
}

/// A legacy value is read as another current value: the same documents give other
/// values, which only the application can judge.
pub const fn legacy_synonym_changed() -> Verdict {
    verdict(Compat::Unknown, COMPATIBLE, Bump::Patch)
}

/// Which way a constraint moved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// Rejects more.
    Tightened,
    /// Accepts more.
    Loosened,
    /// Neither contains the other (as far as we can tell).
    Changed,
}

impl Direction {
    /// The change kind.
    pub const fn kind(self) -> Kind {
        match self {
            Direction::Tightened => Kind::ConstraintTightened,
            Direction::Loosened => Kind::ConstraintLoosened,
            Direction::Changed => Kind::ConstraintChanged,
        }
    }
}

/// A constraint moved; the Rust type changes only with `format: uuid` (`String` <->
/// `Uuid`), else the surface is the same.
pub const fn constraint(direction: Direction, rust_type_changes: bool) -> Verdict {
    let api = if rust_type_changes {
        Bump::Major
    } else {
        Bump::Patch
    };
    match direction {
        Direction::Tightened => verdict(BREAKING, COMPATIBLE, api),
        Direction::Loosened => verdict(COMPATIBLE, BREAKING, api),
        Direction::Changed => verdict(BREAKING, BREAKING, api),
    }
}

/// NEW keeps unknown keys and may send them; a new `additional_properties` field.
pub const fn additional_properties_opened() -> Verdict {
    verdict(COMPATIBLE, BREAKING, Bump::Major)
}

/// OLD documents may carry unknown keys; the `additional_properties` field is gone.
pub const fn additional_properties_closed() -> Verdict {
    verdict(BREAKING, COMPATIBLE, Bump::Major)
}

/// Reply helpers are generated from `x-des-reply-to`: a new link adds one (minor), a
/// removed or redirected link removes one (major). Documents are unchanged.
pub const fn reply_to_changed(had_link: bool) -> Verdict {
    let api = if had_link { Bump::Major } else { Bump::Minor };
    verdict(COMPATIBLE, COMPATIBLE, api)
}

/// An echoed field is copied by the reply helper instead of being a parameter: the
/// helper's signature changes when the event is a reply. Documents are unchanged.
pub const fn echo_changed(is_reply: bool) -> Verdict {
    let api = if is_reply { Bump::Major } else { Bump::Patch };
    verdict(COMPATIBLE, COMPATIBLE, api)
}

/// `to_mobile_js` calls another function (or none): an OLD app only exposes the old one.
pub const fn mobile_function_changed(had_function: bool) -> Verdict {
    verdict(COMPATIBLE, Compat::when(had_function), Bump::Patch)
}

/// DES calls another native handler: NEW's `from_mobile` does not know the old name,
/// OLD apps do not register the new one.
pub const fn mobile_handler_changed() -> Verdict {
    verdict(BREAKING, BREAKING, Bump::Patch)
}

/// Only `EVENT_NAMES`/`ALL` order and the derived `Ord` follow.
pub const fn order_changed() -> Verdict {
    verdict(COMPATIBLE, COMPATIBLE, Bump::Patch)
}

/// The verdict for `receiver`s. A tolerant receiver ([`Receiver::Tolerant`], the
/// runtime's `Policy::Tolerant`) drops a field its closed object does not declare and
/// keeps an unknown enum value or event as `Other`, so the changes that only add such
/// things for the reading side are compatible for it: on the receivers side (NEW reads
/// OLD's documents) a removed event, field or enum value, a legacy value no longer
/// accepted, a closed object; on the senders side (OLD reads NEW's) an added event,
/// field or enum value, an opened object. Missing fields, wrong types and constraints
/// stay breaking. The caller does not ask inside union alternatives or objects a
/// validator checks whole, which tolerant receivers read strictly.
pub fn as_read_by(receiver: Receiver, kind: Kind, rule: Verdict) -> Verdict {
    if receiver == Receiver::Strict {
        return rule;
    }
    let mut rule = rule;
    match kind {
        Kind::EventRemoved
        | Kind::RequiredFieldRemoved
        | Kind::OptionalFieldRemoved
        | Kind::AdditionalPropertiesClosed
        | Kind::EnumValueRemoved
        | Kind::LegacyValueRemoved => rule.receivers = COMPATIBLE,
        Kind::EventAdded
        | Kind::RequiredFieldAdded
        | Kind::OptionalFieldAdded
        | Kind::AdditionalPropertiesOpened
        | Kind::EnumValueAdded => rule.senders = COMPATIBLE,
        _ => {}
    }
    rule
}

#[cfg(test)]
mod tests {
    use super::*;

    fn triple(rule: Verdict) -> (&'static str, &'static str, &'static str) {
        (
            rule.receivers.as_str(),
            rule.senders.as_str(),
            rule.api.as_str(),
        )
    }

    const C: &str = "compatible";
    const B: &str = "breaking";

    #[test]
    fn discriminator_change_breaks_everything() {
        let change = discriminator_changed("name", "event");
        assert_eq!(triple(change.verdict()), (B, B, "major"));
        assert_eq!(change.kind, Kind::DiscriminatorChanged);
        assert!(
            change.detail.contains("`name` -> `event`"),
            "{}",
            change.detail
        );
    }

    #[test]
    fn schema_rename_is_api_only() {
        assert_eq!(triple(schema_renamed()), (C, C, "major"));
    }

    #[test]
    fn event_addition_breaks_old_receivers_of_new_senders() {
        assert_eq!(triple(event_added()), (C, B, "major"));
    }

    #[test]
    fn event_removal_breaks_receivers() {
        assert_eq!(triple(event_removed()), (B, C, "major"));
    }

    #[test]
    fn required_field_added() {
        // Closed OLD object: OLD docs lack it, OLD peers reject it.
        assert_eq!(triple(field_added(true, false)), (B, B, "major"));
        // Open OLD object: OLD peers keep it as an unknown key.
        assert_eq!(triple(field_added(true, true)), (B, C, "major"));
    }

    #[test]
    fn optional_field_added() {
        assert_eq!(triple(field_added(false, false)), (C, B, "major"));
        // Open OLD object: an OLD doc may carry that key with a value NEW now checks.
        assert_eq!(triple(field_added(false, true)), (B, C, "major"));
    }

    #[test]
    fn required_field_removed() {
        assert_eq!(triple(field_removed(true, false)), (B, B, "major"));
        assert_eq!(triple(field_removed(true, true)), (C, B, "major"));
    }

    #[test]
    fn optional_field_removed() {
        assert_eq!(triple(field_removed(false, false)), (B, C, "major"));
        // Open NEW object: NEW may send the key back with any value.
        assert_eq!(triple(field_removed(false, true)), (C, B, "major"));
    }

    #[test]
    fn requiredness_flips() {
        assert_eq!(triple(field_now_required()), (B, C, "major"));
        assert_eq!(triple(field_now_optional()), (C, B, "major"));
    }

    #[test]
    fn type_changes() {
        assert_eq!(triple(type_changed()), (B, B, "major"));
        assert_eq!(triple(type_widened(true)), (C, B, "major"));
        assert_eq!(triple(type_widened(false)), (B, B, "major"));
        assert_eq!(triple(type_narrowed(true)), (B, C, "major"));
        assert_eq!(triple(type_narrowed(false)), (B, B, "major"));
    }

    #[test]
    fn rust_only_changes() {
        assert_eq!(triple(type_renamed()), (C, C, "major"));
        assert_eq!(triple(rust_type_changed()), (C, C, "major"));
    }

    #[test]
    fn enum_values() {
        assert_eq!(triple(enum_value_added()), (C, B, "major"));
        assert_eq!(triple(enum_value_removed()), (B, C, "major"));
    }

    #[test]
    fn constraints() {
        assert_eq!(
            triple(constraint(Direction::Tightened, false)),
            (B, C, "patch")
        );
        assert_eq!(
            triple(constraint(Direction::Loosened, false)),
            (C, B, "patch")
        );
        assert_eq!(
            triple(constraint(Direction::Changed, false)),
            (B, B, "patch")
        );
        assert_eq!(
            triple(constraint(Direction::Tightened, true)),
            (B, C, "major")
        );
        assert_eq!(
            triple(constraint(Direction::Loosened, true)),
            (C, B, "major")
        );
        assert_eq!(
            triple(constraint(Direction::Changed, true)),
            (B, B, "major")
        );
        assert_eq!(Direction::Tightened.kind(), Kind::ConstraintTightened);
        assert_eq!(Direction::Loosened.kind(), Kind::ConstraintLoosened);
        assert_eq!(Direction::Changed.kind(), Kind::ConstraintChanged);
    }

    #[test]
    fn additional_properties() {
        assert_eq!(triple(additional_properties_opened()), (C, B, "major"));
        assert_eq!(triple(additional_properties_closed()), (B, C, "major"));
    }

    #[test]
    fn reply_links() {
        assert_eq!(triple(reply_to_changed(false)), (C, C, "minor"));
        assert_eq!(triple(reply_to_changed(true)), (C, C, "major"));
        assert_eq!(triple(echo_changed(true)), (C, C, "major"));
        assert_eq!(triple(echo_changed(false)), (C, C, "patch"));
    }

    #[test]
    fn mobile_names() {
        assert_eq!(triple(mobile_function_changed(false)), (C, C, "patch"));
        assert_eq!(triple(mobile_function_changed(true)), (C, B, "patch"));
        assert_eq!(triple(mobile_handler_changed()), (B, B, "patch"));
    }

    #[test]
    fn a_tolerant_receiver_drops_what_it_does_not_know() {
        let tolerant = |kind, rule| triple(as_read_by(Receiver::Tolerant, kind, rule));
        // A field added into a closed object breaks a strict OLD receiver only.
        let added = field_added(false, false);
        assert_eq!(triple(added), (C, B, "major"));
        assert_eq!(tolerant(Kind::OptionalFieldAdded, added), (C, C, "major"));
        // A required field added is still missing from OLD's documents.
        let required = field_added(true, false);
        assert_eq!(
            tolerant(Kind::RequiredFieldAdded, required),
            (B, C, "major")
        );
        assert_eq!(
            tolerant(Kind::OptionalFieldRemoved, field_removed(false, false)),
            (C, C, "major")
        );
        assert_eq!(
            tolerant(Kind::RequiredFieldRemoved, field_removed(true, false)),
            (C, B, "major")
        );
        assert_eq!(tolerant(Kind::EventAdded, event_added()), (C, C, "major"));
        assert_eq!(
            tolerant(Kind::EventRemoved, event_removed()),
            (C, C, "major")
        );
        assert_eq!(
            tolerant(Kind::EnumValueAdded, enum_value_added()),
            (C, C, "major")
        );
        // Types and constraints are not tolerated.
        assert_eq!(tolerant(Kind::TypeChanged, type_changed()), (B, B, "major"));
        let strict = as_read_by(Receiver::Strict, Kind::EventAdded, event_added());
        assert_eq!(triple(strict), (C, B, "major"));
    }

    #[test]
    fn order() {
        assert_eq!(triple(order_changed()), (C, C, "patch"));
    }
}
