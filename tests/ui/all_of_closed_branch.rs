// An `allOf` extends a closed object (`additionalProperties: false`) with a property the closed branch rejects.
des_events::include_schema!("ui/schemas/all_of_closed_branch.json");

fn main() {}
