// Two types cannot share a name (`OrderStatus` is the enum of `status`), and a new name
// must be an identifier.
des_events::include_schema!(
    "ui/schemas/fit_order.json",
    patch = { "Order": { rename = "OrderStatus" }, "#/$defs/address": { rename = "fn" } },
);

fn main() {}
