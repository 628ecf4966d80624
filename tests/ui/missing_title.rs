// The schema root has no `title`, which names the generated dispatch enum.
des_events::include_schema!("ui/schemas/missing_title.json");

fn main() {}
