// A patch takes `rename`, `derives` and `attrs` only.
des_events::include_schema!(
    "ui/schemas/fit_order.json",
    patch = { "Order": { derive = [Eq] } },
);

fn main() {}
