//! The settings that fit generated types into the user's code (`derives`, `attrs`,
//! `patch`, `map_type`, `builder`, `json_schema`), used as a user would use them. Each
//! misuse has a compile-fail test in `tests/ui/fit_*.rs`.

#![allow(deprecated)]

use std::collections::{BTreeSet, HashSet};

/// Extra derives and attributes on every type, and validated builders.
mod plain {
    des_events::include_schema!(
        "fit/order.schema.json",
        derives = [Eq, ::core::hash::Hash, PartialOrd, Ord],
        attrs = [#[non_exhaustive], #[doc(alias = "purchase")]],
        builder = true,
    );
}

/// Per-type renames, derives and attributes, by name and by JSON pointer.
mod patched {
    des_events::include_schema!(
        "fit/order.schema.json",
        patch = {
            "Order": { rename = "PurchaseOrder", derives = [Hash] },
            "#/$defs/address": { rename = "PostalAddress", derives = [PartialOrd, Ord] },
        },
    );
}

/// Other map types, and no schemars impls.
mod hashed {
    des_events::include_schema!(
        "fit/order.schema.json",
        map_type = "HashMap",
        json_schema = false,
        builder = true,
    );
}

mod ordered {
    des_events::include_schema!("fit/order.schema.json", map_type = BTreeMap);
}

/// The user's own type stands in for a generated one.
mod replaced {
    /// An address of the user's: it must read and write what the schema allows (this one
    /// leaves the zip's pattern to its own checks).
    #[derive(
        Clone,
        Debug,
        PartialEq,
        Eq,
        Hash,
        serde::Serialize,
        serde::Deserialize,
        schemars::JsonSchema,
    )]
    #[serde(deny_unknown_fields)]
    pub struct MyAddress {
        pub street: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub zip: Option<String>,
    }

    des_events::include_schema!(
        "fit/order.schema.json",
        replace = { "#/$defs/address": crate::replaced::MyAddress },
        builder = true,
    );
}

const ORDER: &str =
    r#"{"id":"A-1","quantity":2,"address":{"street":"Main St 1","zip":"12345"},"rush":1,"late":2}"#;

fn ordered_and_hashed<T: Eq + std::hash::Hash + Ord>(_: &T) {}

#[test]
fn extra_derives_hold_on_every_type() {
    let order = plain::Order::from_json(ORDER).expect("a valid order");
    ordered_and_hashed(&order);
    ordered_and_hashed(order.address.as_ref().expect("an address"));
    let mut set = BTreeSet::new();
    set.insert(order.clone());
    let mut hashed = HashSet::new();
    hashed.insert(order.clone());
    assert!(set.contains(&order) && hashed.contains(&order));
}

#[test]
fn patches_rename_and_derive_one_type() {
    let order = patched::PurchaseOrder::from_json(ORDER).expect("a valid order");
    let address: &patched::PostalAddress = order.address.as_ref().expect("an address");
    let mut addresses = BTreeSet::new();
    addresses.insert(address.clone());
    let mut orders = HashSet::new();
    orders.insert(order.clone());
    let written: serde_json::Value = serde_json::from_str(&order.to_json()).expect("JSON");
    let read: serde_json::Value = serde_json::from_str(ORDER).expect("JSON");
    assert_eq!(written, read);
}

#[test]
fn map_type_chooses_the_map_of_other_properties() {
    let order = hashed::Order::from_json(ORDER).expect("a valid order");
    let other: &std::collections::HashMap<String, i64> = &order.additional_properties;
    assert_eq!(other.get("rush"), Some(&1));
    assert_eq!(other.len(), 2);
    let order = ordered::Order::from_json(ORDER).expect("a valid order");
    let other: &std::collections::BTreeMap<String, i64> = &order.additional_properties;
    assert_eq!(other.keys().collect::<Vec<_>>(), ["late", "rush"]);
    // A duplicate key is still refused, whatever the map.
    let twice = r#"{"id":"A-1","quantity":2,"rush":1,"rush":2}"#;
    assert!(hashed::Order::from_json(twice).is_err());
}

#[test]
fn a_builder_makes_only_values_the_schema_accepts() {
    let built = plain::Order::builder()
        .id("A-1")
        .quantity(2u8)
        .address(
            plain::Address::builder()
                .street("Main St 1")
                .zip("12345")
                .build()
                .expect("a valid address"),
        )
        .additional_properties([("rush".to_owned(), 1), ("late".to_owned(), 2)])
        .build()
        .expect("a valid order");
    assert_eq!(
        built,
        plain::Order::from_json(ORDER).expect("a valid order")
    );

    // Each broken rule is the error a read of the same document gives.
    for (builder, document) in [
        (plain::Order::builder().id("A-1"), r#"{"id":"A-1"}"#),
        (
            plain::Order::builder().id("A").quantity(2u8),
            r#"{"id":"A","quantity":2}"#,
        ),
        (
            plain::Order::builder().id("A-1").quantity(101u8),
            r#"{"id":"A-1","quantity":101}"#,
        ),
    ] {
        let built = builder.build().expect_err("the schema rejects it");
        let read = plain::Order::from_json(document).expect_err("the schema rejects it");
        assert_eq!(built, read, "{document}");
    }
    let zip = plain::Address::builder()
        .street("Main St 1")
        .zip("1234")
        .build();
    let err = zip.expect_err("the zip breaks its pattern");
    assert!(err.to_string().contains("zip"), "{err}");
    // A property named `build` gets the setter `set_build`.
    let order = plain::Order::builder()
        .id("A-1")
        .quantity(2u8)
        .set_build(true)
        .build();
    assert_eq!(order.expect("a valid order").build, Some(true));
}

#[test]
fn new_takes_the_required_fields_and_checks_them() {
    let order = plain::Order::new("A-1", 2u8).expect("a valid order");
    assert_eq!(order.to_json(), r#"{"id":"A-1","quantity":2}"#);
    assert!(plain::Order::new("A", 2u8).is_err());
    let address = hashed::Address::new("Main St 1").expect("a valid address");
    assert_eq!(address.street, "Main St 1");
}

#[test]
fn a_replaced_type_is_the_users_everywhere() {
    let order = replaced::Order::from_json(ORDER).expect("a valid order");
    let address: &replaced::MyAddress = order.address.as_ref().expect("an address");
    assert_eq!(address.zip.as_deref(), Some("12345"));
    // The generated name is an alias of the user's type.
    let alias: replaced::Address = address.clone();
    let built = replaced::Order::builder()
        .id("A-1")
        .quantity(2u8)
        .address(alias)
        .build()
        .expect("a valid order");
    assert_eq!(built.address, order.address);
}
