// `Copy` asked on `Order` alone: its `id` is a `String`, which is not `Copy`.
des_events::include_schema!(
    "ui/schemas/fit_order.json",
    patch = { "Order": { derives = [Hash, Copy] } },
);

fn main() {}
