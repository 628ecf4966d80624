// Written against step 11, where `onTransferConsentCancelled.reason` is optional. Step
// 12 made it required (field_now_required: `Option<String>` -> `String`): against step
// 12 this fails where it passes `Some(...)`; against step 11 (evolution_ui/pass/) it
// compiles and runs.
mod partner {
    des_events::include_schema!(
        "evolution/12-reason-required-dream-targets-optional/partner-events.schema.json",
        tests = false
    );
}

use partner::{OnTransferConsentCancelled, PartnerEvent};

fn main() {
    let cancelled = OnTransferConsentCancelled {
        request_id: des_events::Uuid::parse("9876e07a-8aec-422c-845d-c70db7df14aa").unwrap(),
        consent_id: des_events::Uuid::parse("0b723ca9-4b47-4b6e-84f6-03da8df17f3a").unwrap(),
        reason: Some("the user closed the consent page".to_owned()),
    };
    let event = PartnerEvent::from(cancelled);
    assert_eq!(event.event_name(), "onTransferConsentCancelled");
}
