// `convert` takes the pairs that stay exact only: a `date` is no date-time, and
// `time::OffsetDateTime` does not write RFC 3339 through serde.
des_events::include_schema!(
    "ui/schemas/fit_order.json",
    convert = { "date": chrono::DateTime<chrono::FixedOffset>, "date-time": time::OffsetDateTime },
);

fn main() {}
