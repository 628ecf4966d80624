// Written against step 09: a handler for every DES event of that version. Step 10 added
// `onAccountRequested` (event_added: a new required handler method): against step 10
// this fails at the `impl`; against step 09 (evolution_ui/pass/) it compiles and runs.
mod des {
    des_events::include_schema!(
        "evolution/09-transfer-consent-events/des-events.schema.json",
        tests = false
    );
}

use des::*;

struct Bridge;

impl DesEventHandler for Bridge {
    type Output = &'static str;

    fn on_account_provision_requested(&mut self, _: OnAccountProvisionRequested) -> &'static str {
        "provision"
    }
    fn on_exit_requested(&mut self, _: OnExitRequested) -> &'static str {
        "exit"
    }
    fn on_id_token_did_expire(&mut self, _: OnIdTokenDidExpire) -> &'static str {
        "renew"
    }
    fn on_investment_account_provision_requested(
        &mut self,
        _: OnInvestmentAccountProvisionRequested,
    ) -> &'static str {
        "invest"
    }
    fn on_investment_sell_requested(&mut self, _: OnInvestmentSellRequested) -> &'static str {
        "sell"
    }
    fn on_page_ready_event(&mut self, _: OnPageReadyEvent) -> &'static str {
        "ready"
    }
    fn on_share(&mut self, _: OnShare) -> &'static str {
        "share"
    }
    fn on_telemetry_event(&mut self, _: OnTelemetryEvent) -> &'static str {
        "telemetry"
    }
    fn on_transfer_consent_requested(&mut self, _: OnTransferConsentRequested) -> &'static str {
        "consent"
    }
    fn other(&mut self, _: des_events::UnknownEvent) -> &'static str {
        "unknown"
    }
}

fn main() {
    let exit = DesEvent::from_json(r#"{"event":"onExitRequested","message":{}}"#).unwrap();
    assert_eq!(exit.dispatch(&mut Bridge), "exit");
}
