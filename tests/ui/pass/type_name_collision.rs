// Two different nested objects share the title `Item`: the first keeps the name, the
// second is named by its place (parent type + property), and both work.
des_events::include_schema!("ui/pass/schemas/type_name_collision.json");

fn main() {
    let added = ShopEvent::from_json(r#"{"event":"itemAdded","message":{"item":{"sku":"a"}}}"#)
        .expect("valid");
    assert!(matches!(&added, ShopEvent::ItemAdded(ItemAdded { item: Item { sku } }) if sku == "a"));
    let removed = ShopEvent::from(ItemRemoved {
        item: ItemRemovedItem {
            sku: "a".to_owned(),
            reason: "broken".to_owned(),
        },
    });
    let text = removed.to_json();
    assert_eq!(ShopEvent::from_json(&text).expect("round trip"), removed);
    // Each type still checks its own schema: the first `Item` has no `reason`.
    assert!(ShopEvent::from_json(r#"{"event":"itemAdded","message":{"item":{"sku":"a","reason":"x"}}}"#).is_err());
}
