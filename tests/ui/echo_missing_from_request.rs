// A reply echoes `correlationId`, but the request it answers has no such field.
mod replies {
    des_events::include_schema!("ui/schemas/echo_missing_from_request_replies.json");
}

des_events::include_schema!(
    "ui/schemas/echo_missing_from_request.json",
    replies_schema = "ui/schemas/echo_missing_from_request_replies.json",
    replies_module = crate::replies,
);

fn main() {}
