// A credential (`x-des-credential: true`) that also has an asserted `format`.
des_events::include_schema!("ui/schemas/credential_with_format.json");

fn main() {}
