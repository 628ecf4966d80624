// The root is what `Order::from_json` reads: it cannot be replaced (its parts can), and a
// replacement must name a generated type.
des_events::include_schema!(
    "ui/schemas/fit_order.json",
    replace = { "Order": crate::MyOrder, "Adress": crate::MyAddress },
);

fn main() {}
