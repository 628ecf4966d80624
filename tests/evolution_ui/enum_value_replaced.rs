// Written against step 10, where `onAccountRequestedFailed.reason` is "cancelled" or
// "error". Step 11 replaced "error" by "failed" (enum_value_removed + enum_value_added):
// against step 11 this fails where it names the variant `Error`; against step 10
// (evolution_ui/pass/) it compiles and runs.
mod partner {
    des_events::include_schema!(
        "evolution/11-reason-failed-replaces-error/partner-events.schema.json",
        tests = false
    );
}

use partner::{OnAccountRequestedFailed, OnAccountRequestedFailedReason, PartnerEvent};

fn main() {
    let failed = PartnerEvent::from(OnAccountRequestedFailed {
        request_id: des_events::Uuid::parse("3c9e2f4a-7b1d-4e8f-a6c5-0d2b9e7f1a34").unwrap(),
        reason: OnAccountRequestedFailedReason::Error,
    });
    assert_eq!(failed.event_name(), "onAccountRequestedFailed");
}
