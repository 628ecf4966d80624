//! The baseline: the shapes of both bundled schemas written by hand with plain serde
//! derives, as an SDK author would (adjacently tagged enums, `deny_unknown_fields`,
//! `String` for UUIDs and credentials, no format or bound checks).
//!
//! They accept more than the schema (a JSON array for a struct, any string for a UUID)
//! and check less; the benchmark measures what the generated types' exactness costs.

use serde::{Deserialize, Serialize};

/// `partner-events.schema.json` by hand.
pub mod partner {
    use super::{Deserialize, Serialize};

    #[derive(Debug, Serialize, Deserialize)]
    #[serde(tag = "event", content = "message", deny_unknown_fields)]
    #[serde(rename_all = "camelCase")]
    pub enum PartnerEvent {
        AccountProvisioned(RequestOnly),
        InvestmentAccountProvisionInitiated(InvestmentAccountProvisionInitiated),
        NavigateTo(NavigateTo),
        OnAccountRequestedFailed(OnAccountRequestedFailed),
        OnAccountRequestedSucceeded(RequestOnly),
        OnBackRequested(Empty),
        OnSignOutRequested(Empty),
        OnTransferConsentCancelled(OnTransferConsentCancelled),
        OnTransferConsentSucceeded(OnTransferConsentSucceeded),
        SessionKeepAlive(Empty),
        UpdateToken(UpdateToken),
    }

    #[derive(Debug, Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Empty {}

    #[derive(Debug, Serialize, Deserialize)]
    #[serde(deny_unknown_fields, rename_all = "camelCase")]
    pub struct RequestOnly {
        pub request_id: String,
    }

    #[derive(Debug, Serialize, Deserialize)]
    #[serde(deny_unknown_fields, rename_all = "camelCase")]
    pub struct InvestmentAccountProvisionInitiated {
        pub request_id: String,
        pub account_id: String,
    }

    #[derive(Debug, Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct NavigateTo {
        pub location: String,
    }

    #[derive(Debug, Serialize, Deserialize)]
    #[serde(rename_all = "lowercase")]
    pub enum FailedReason {
        Cancelled,
        Failed,
    }

    #[derive(Debug, Serialize, Deserialize)]
    #[serde(deny_unknown_fields, rename_all = "camelCase")]
    pub struct OnAccountRequestedFailed {
        pub request_id: String,
        pub reason: FailedReason,
    }

    #[derive(Debug, Serialize, Deserialize)]
    #[serde(deny_unknown_fields, rename_all = "camelCase")]
    pub struct OnTransferConsentCancelled {
        pub request_id: String,
        pub consent_id: String,
        pub reason: String,
    }

    #[derive(Debug, Serialize, Deserialize)]
    #[serde(deny_unknown_fields, rename_all = "camelCase")]
    pub struct OnTransferConsentSucceeded {
        pub request_id: String,
        pub consent_id: String,
        pub consent_ref: String,
    }

    #[derive(Debug, Serialize, Deserialize)]
    #[serde(deny_unknown_fields, rename_all = "camelCase")]
    pub struct UpdateToken {
        pub request_id: String,
        pub id_token: String,
    }
}

/// `des-events.schema.json` by hand.
pub mod des {
    use super::{Deserialize, Serialize};

    #[derive(Debug, Serialize, Deserialize)]
    #[serde(tag = "event", content = "message", deny_unknown_fields)]
    #[serde(rename_all = "camelCase")]
    #[expect(
        clippy::enum_variant_names,
        reason = "the wire names all start with `on`"
    )]
    pub enum DesEvent {
        OnAccountProvisionRequested(RequestOnly),
        OnAccountRequested(OnAccountRequested),
        OnExitRequested(Empty),
        OnIdTokenDidExpire(RequestOnly),
        OnInvestmentAccountProvisionRequested(OnInvestmentAccountProvisionRequested),
        OnInvestmentSellRequested(OnInvestmentSellRequested),
        OnPageReadyEvent(Empty),
        OnShare(OnShare),
        OnTelemetryEvent(OnTelemetryEvent),
        OnTransferConsentRequested(OnTransferConsentRequested),
    }

    #[derive(Debug, Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Empty {}

    #[derive(Debug, Serialize, Deserialize)]
    #[serde(deny_unknown_fields, rename_all = "camelCase")]
    pub struct RequestOnly {
        pub request_id: String,
    }

    #[derive(Debug, Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct TargetAmount {
        pub cents: i64,
        pub currency: String,
    }

    #[derive(Debug, Serialize, Deserialize)]
    #[serde(deny_unknown_fields, rename_all = "camelCase")]
    pub struct DreamUser {
        #[serde(rename = "type")]
        pub kind: String,
        pub id: String,
        pub external_id: String,
    }

    #[derive(Debug, Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Dream {
        #[serde(rename = "type")]
        pub kind: String,
        pub id: String,
        pub name: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub target_amount: Option<TargetAmount>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub target_date: Option<String>,
        pub user: DreamUser,
    }

    #[derive(Debug, Serialize, Deserialize)]
    #[serde(deny_unknown_fields, rename_all = "camelCase")]
    pub struct OnAccountRequested {
        pub request_id: String,
        pub dream: Dream,
    }

    #[derive(Debug, Serialize, Deserialize)]
    #[serde(deny_unknown_fields, rename_all = "camelCase")]
    pub struct OnInvestmentAccountProvisionRequested {
        pub request_id: String,
        pub account_id: String,
        pub callback_path: String,
        pub cancel_url: String,
        pub error_url: String,
    }

    #[derive(Debug, Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Money {
        pub quantity: f64,
        pub currency: String,
    }

    #[derive(Debug, Serialize, Deserialize)]
    #[serde(deny_unknown_fields, rename_all = "camelCase")]
    pub struct OnInvestmentSellRequested {
        pub request_id: String,
        pub account_id: String,
        pub amount: Money,
        pub callback_url: String,
        pub cancel_url: String,
        pub error_url: String,
    }

    #[derive(Debug, Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct OnShare {
        pub url: String,
        pub text: String,
        pub title: String,
    }

    #[derive(Debug, Serialize, Deserialize)]
    pub enum TelemetryName {
        UserClicked,
    }

    #[derive(Debug, Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct OnTelemetryEvent {
        pub name: TelemetryName,
        pub payload: serde_json::Map<String, serde_json::Value>,
    }

    #[derive(Debug, Serialize, Deserialize)]
    #[serde(deny_unknown_fields, rename_all = "camelCase")]
    pub struct OnTransferConsentRequested {
        pub request_id: String,
        pub consent_id: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub success_url: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub cancel_url: Option<String>,
    }
}
