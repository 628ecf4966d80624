// Generated types implement serde's traits themselves (the `Deserialize` checks the
// schema); serde attributes would change what they write.
des_events::include_schema!(
    "ui/schemas/fit_order.json",
    derives = [serde::Deserialize],
    attrs = [#[serde(rename_all = "camelCase")], #[derive(Default)]],
);

fn main() {}
