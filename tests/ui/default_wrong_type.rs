// An integer property whose `default` is the string "1".
des_events::include_schema!("ui/schemas/default_wrong_type.json");

fn main() {}
