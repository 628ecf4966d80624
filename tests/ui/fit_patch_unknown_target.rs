// A patch for a type the schema does not generate: the error lists the generated names.
des_events::include_schema!(
    "ui/schemas/fit_order.json",
    patch = { "Adress": { rename = "PostalAddress" } },
);

fn main() {}
