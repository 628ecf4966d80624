// A reply's `x-des-reply-to` names `onStockRequest`, which is not an event of the request schema.
mod replies {
    des_events::include_schema!("ui/schemas/reply_to_unknown_event_replies.json");
}

des_events::include_schema!(
    "ui/schemas/reply_to_unknown_event.json",
    replies_schema = "ui/schemas/reply_to_unknown_event_replies.json",
    replies_module = crate::replies,
);

fn main() {}
