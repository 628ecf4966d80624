// Written against step 12, where `onIdTokenDidExpire` carries `expiresIn`. Step 13
// dropped it (required_field_removed): against step 13 this fails where it reads the
// field; against step 12 (evolution_ui/pass/) it compiles and runs.
mod des {
    des_events::include_schema!(
        "evolution/12-reason-required-dream-targets-optional/des-events.schema.json",
        tests = false
    );
}

use des::DesEvent;

fn seconds_left(json: &str) -> Option<i64> {
    match DesEvent::from_json(json) {
        Ok(DesEvent::OnIdTokenDidExpire(expiring)) => Some(i64::from(expiring.expires_in)),
        _ => None,
    }
}

fn main() {
    let json = r#"{"event":"onIdTokenDidExpire","message":{"requestId":"a2313192-e2dc-452e-b56c-2f23baf6eee1","expiresIn":30}}"#;
    assert_eq!(seconds_left(json), Some(30));
}
