//! # des-events
//!
//! A compile-time-checked Rust API for the messages that a bank's app (the "Bank App")
//! and the Dreams embedded savings experience (DES) exchange through an iframe or a
//! mobile WebView. The types are generated at compile time from the JSON Schemas in this
//! crate's `schema/` folder by [`include_schema!`], so an upstream schema change
//! shows up as a compile error where your code uses the changed event.
//!
//! - [`partner::PartnerEvent`]: Bank App -> DES.
//! - [`des::DesEvent`]: DES -> Bank App.
//! - [`Error`]: why a message was rejected.
//! - [`Policy`]: how strictly a receiver reads (`from_json_with` returns the value and the
//!   tolerated deviations as a [`Decoded`]).
//! - [`protocol::Conversation`]: which request each reply answers, over a whole session.
//!
//! ```
//! use des_events::des::{DesEvent, DesEventHandler};
//!
//! let json = r#"{"event":"onIdTokenDidExpire","message":{"requestId":"a2313192-e2dc-452e-b56c-2f23baf6eee1"}}"#;
//! let event = DesEvent::from_json(json)?;
//! assert_eq!(event.event_name(), "onIdTokenDidExpire");
//! if let DesEvent::OnIdTokenDidExpire(message) = &event {
//!     assert_eq!(message.request_id.as_str(), "a2313192-e2dc-452e-b56c-2f23baf6eee1");
//! }
//! assert_eq!(event.to_json(), json);
//!
//! // A missing field is an error that names the event and the path.
//! let err = DesEvent::from_json(r#"{"event":"onIdTokenDidExpire","message":{}}"#).unwrap_err();
//! assert_eq!(err.to_string(),
//!     "invalid `onIdTokenDidExpire` event at message.requestId (line 1, column 42): missing required field `requestId`");
//! # Ok::<(), des_events::Error>(())
//! ```

#![cfg_attr(docsrs, feature(doc_cfg))]

extern crate self as des_events;

pub mod bridge;
mod building;
#[doc(hidden)]
pub mod conformance;
#[doc(hidden)]
pub mod envelope;
mod error;
mod flat;
mod located;
mod policy;
pub mod protocol;
mod rules;
mod text;
mod validated;
mod values;

pub use des_events_core::{Format, Keyword, Path, Segment};
pub use des_events_macros::include_schema;
pub use envelope::UnknownEvent;
pub use error::{Error, Invalid, Problem};
pub use policy::{Decoded, Policy, UnknownPolicy, UnknownValue, Warning, WarningKind};
pub use values::{Credential, InvalidUuid, Uuid};

/// The crate `convert = { "date-time": ..., "date": ... }` reads formats as (feature
/// `chrono`), re-exported so that its version is the one generated code uses.
#[cfg(feature = "chrono")]
pub use chrono;
/// The `serde_json` that generated types use for free-form objects (`Map<String, Value>`).
pub use serde_json;
/// The crate of `convert = { "uri": url::Url }` (feature `url`).
#[cfg(feature = "url")]
pub use url;
/// The crate of `convert = { "uuid": uuid::Uuid }` (feature `uuid`).
#[cfg(feature = "uuid")]
pub use uuid;

/// What every generated dispatch enum offers; use it to write code generic over both
/// directions. The same methods also exist as inherent methods on each enum.
pub trait EventUnion:
    envelope::EventSet
    + serde::Serialize
    + serde::de::DeserializeOwned
    + Clone
    + PartialEq
    + std::fmt::Debug
{
    /// The wire name of this event, e.g. `updateToken`.
    fn event_name(&self) -> &str;

    /// Every event name of the schema, in schema order.
    fn event_names() -> &'static [&'static str] {
        Self::EVENTS
    }

    /// Whether the schema has an event called `name`.
    fn has_event(name: &str) -> bool {
        Self::EVENTS.contains(&name)
    }

    /// Parses one enveloped message; accepts `event` and `message` in either order.
    fn from_json(json: &str) -> Result<Self, Error> {
        envelope::from_json(json)
    }

    /// Parses one enveloped message under a receiver policy: the value and the deviations
    /// the policy tolerated (see [`Policy`]). Under [`Policy::Strict`] the verdict is
    /// [`from_json`](EventUnion::from_json)'s (plus a warning for each declared legacy
    /// value read).
    fn from_json_with(json: &str, policy: Policy) -> Result<Decoded<Self>, Error> {
        envelope::from_json_with(json, policy)
    }

    /// Writes the envelope, `event` first.
    fn to_json(&self) -> String {
        envelope::to_json(self)
    }

    /// The JavaScript call that delivers this event to a mobile WebView, e.g.
    /// `updateIdToken('{"requestId":"…","idToken":"…"}')`, safely escaped.
    fn to_mobile_js(&self) -> Result<String, Error> {
        bridge::encode(self)
    }

    /// Decodes the bare message that DES passed to the native handler `handler`.
    fn from_mobile(handler: &str, message: &str) -> Result<Self, Error> {
        bridge::decode(handler, message)
    }

    /// [`from_mobile`](EventUnion::from_mobile) under a receiver policy.
    fn from_mobile_with(
        handler: &str,
        message: &str,
        policy: Policy,
    ) -> Result<Decoded<Self>, Error> {
        bridge::decode_with(handler, message, policy)
    }
}

/// Partner events: messages from the Bank App to DES, generated from
/// `schema/partner-events.schema.json`.
///
/// [`PartnerEvent`](partner::PartnerEvent) is the dispatch enum: one variant per event,
/// each holding that event's message struct.
///
/// ```
/// use des_events::partner::{NavigateTo, PartnerEvent, UpdateToken};
///
/// // The schema's `navigateTo` example.
/// let json = r#"{"event":"navigateTo","message":{"location":"/dreams/123"}}"#;
/// let event = PartnerEvent::from_json(json)?;
/// match &event {
///     PartnerEvent::NavigateTo(NavigateTo { location }) => assert_eq!(location, "/dreams/123"),
///     other => panic!("expected navigateTo, got {}", other.event_name()),
/// }
/// // Round trip: the same JSON back, `event` first.
/// assert_eq!(event.to_json(), json);
///
/// // Every message struct converts into its variant.
/// let event = PartnerEvent::from(NavigateTo { location: "/dreams/7".to_owned() });
/// assert_eq!(event.to_json(), r#"{"event":"navigateTo","message":{"location":"/dreams/7"}}"#);
/// assert!(PartnerEvent::EVENT_NAMES.contains(&"updateToken"));
///
/// // A credential is parsed, but never printed by `Debug`.
/// let event = PartnerEvent::from_json(
///     r#"{"event":"updateToken","message":{"requestId":"a2313192-e2dc-452e-b56c-2f23baf6eee1","idToken":"eyJhbGciOiJIUzI1NiJ9.e30.sig"}}"#,
/// )?;
/// let PartnerEvent::UpdateToken(UpdateToken { id_token, .. }) = &event else { unreachable!() };
/// assert_eq!(id_token.expose(), "eyJhbGciOiJIUzI1NiJ9.e30.sig");
/// assert!(!format!("{event:?}").contains("eyJhbGci"));
/// # Ok::<(), des_events::Error>(())
/// ```
#[cfg(feature = "bundled")]
#[cfg_attr(docsrs, doc(cfg(feature = "bundled")))]
pub mod partner {
    crate::include_schema!("schema/partner-events.schema.json");
}

/// DES events: messages from DES to the Bank App, generated from
/// `schema/des-events.schema.json`, with reply helpers that build the partner event
/// answering a request (e.g. [`des::OnIdTokenDidExpire::reply_update_token`]).
///
/// [`DesEvent`](des::DesEvent) is the dispatch enum; [`DesEventHandler`](des::DesEventHandler)
/// has one method per event, so a new upstream event is a compile error in every handler.
///
/// ```
/// use des_events::des::{DesEvent, OnShare};
///
/// // An `onShare` message; key order does not matter on input.
/// let json = r#"{"message":{"url":"","title":"Let's save together","text":"Join me"},"event":"onShare"}"#;
/// let event = DesEvent::from_json(json)?;
/// let DesEvent::OnShare(OnShare { title, .. }) = &event else {
///     panic!("expected onShare, got {}", event.event_name());
/// };
/// assert_eq!(title, "Let's save together");
/// // Round trip: `to_json` writes `event` first, and parsing that gives the same value.
/// let written = event.to_json();
/// assert!(written.starts_with(r#"{"event":"onShare","message":"#));
/// assert_eq!(DesEvent::from_json(&written)?, event);
///
/// // An event the schema does not know is a distinct error a receiver can skip.
/// let err = DesEvent::from_json(r#"{"event":"onSomethingNew","message":{}}"#).unwrap_err();
/// assert!(err.is_unknown_event());
/// # Ok::<(), des_events::Error>(())
/// ```
#[cfg(feature = "bundled")]
#[cfg_attr(docsrs, doc(cfg(feature = "bundled")))]
pub mod des {
    crate::include_schema!(
        "schema/des-events.schema.json",
        replies_schema = "schema/partner-events.schema.json",
        replies_module = crate::partner,
    );
}

/// Support for generated code. Not a public API: it may change in any release.
#[doc(hidden)]
pub mod __private {
    pub use crate::building::Building;
    pub use crate::conformance::{self, Expect};
    pub use crate::envelope::{self, EventSet};
    pub use crate::policy::{tolerating, unknown_key};
    pub use crate::rules::{
        ArrayRules, ConvertSeed, Declared, IntRules, IntSeed, Key, MapSeed, NullableSeed, NumRules,
        NumSeed, PlainSeed, StrRules, StrSeed, StrictValue, VecSeed, json_literal,
        null_alternative, property_count, put, put_extra, put_typed_extra, required, str_enum,
        too_few_items, union, value_enum, violation,
    };
    pub use crate::validated::{AnySeed, JsonValidator, any_value, from_json, json_value, to_json};
    #[cfg(feature = "chrono")]
    pub use chrono;
    pub use des_events_core::{Format, Keyword, Pattern};
    #[cfg(feature = "indexmap")]
    pub use indexmap;
    pub use schemars;
    pub use serde;
    pub use serde_json;
    #[cfg(feature = "url")]
    pub use url;
    #[cfg(feature = "uuid")]
    pub use uuid;
}

/// The README's examples are compiled and run as doctests.
#[cfg(all(doctest, feature = "bundled"))]
#[doc = include_str!("../../README.md")]
mod readme {}

/// The guide's examples too (`docs/guide.md`).
#[cfg(all(doctest, feature = "bundled"))]
#[doc = include_str!("../../docs/guide.md")]
mod guide {}

/// And those of the chapter on fitting the types into your code (`docs/fit.md`).
#[cfg(all(doctest, feature = "bundled"))]
#[doc = include_str!("../../docs/fit.md")]
mod fit {}
