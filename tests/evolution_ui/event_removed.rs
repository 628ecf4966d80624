// An event removed. Upstream's history has no removal, so this case rolls step 10 back
// to step 09 (what a team sees when an event is withdrawn, or when it reverts a schema
// update): code written against step 10 matches `onAccountRequested`; against step 09
// it fails where it names the variant; against step 10 (evolution_ui/pass/) it compiles
// and runs.
mod des {
    des_events::include_schema!(
        "evolution/09-transfer-consent-events/des-events.schema.json",
        tests = false
    );
}

use des::DesEvent;

fn dream_name(json: &str) -> Option<String> {
    match DesEvent::from_json(json) {
        Ok(DesEvent::OnAccountRequested(request)) => Some(request.dream.name),
        _ => None,
    }
}

fn main() {
    let json = r#"{"event":"onAccountRequested","message":{"requestId":"3c9e2f4a-7b1d-4e8f-a6c5-0d2b9e7f1a34","dream":{"type":"dream","id":"8d1f","name":"Vacation","target_amount":{"cents":250000,"currency":"SEK"},"target_date":"2026-06-30","user":{"type":"user","id":"u1","externalId":"x1"}}}}"#;
    assert_eq!(dream_name(json).as_deref(), Some("Vacation"));
}
