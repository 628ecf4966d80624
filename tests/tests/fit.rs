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

/// The document's key order (the `indexmap` feature of `des-events`).
mod indexed {
    des_events::include_schema!("fit/order.schema.json", map_type = "IndexMap");
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

/// Formats as the types of well-kept crates.
mod converted {
    des_events::include_schema!(
        "fit/visit.schema.json",
        convert = {
            "uuid": des_events::uuid::Uuid,
            "date-time": des_events::chrono::DateTime<des_events::chrono::FixedOffset>,
            "date": des_events::chrono::NaiveDate,
            "uri": des_events::url::Url,
            "ipv4": std::net::Ipv4Addr,
            "ipv6": std::net::Ipv6Addr,
        },
        derives = [Eq, Hash, PartialOrd, Ord],
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
    let order = indexed::Order::from_json(ORDER).expect("a valid order");
    let other: &des_events::__private::indexmap::IndexMap<String, i64> =
        &order.additional_properties;
    assert_eq!(other.keys().collect::<Vec<_>>(), ["rush", "late"]);
    assert_eq!(order.to_json(), ORDER, "written in the order read");
    // A duplicate key is still refused, whatever the map.
    let twice = r#"{"id":"A-1","quantity":2,"rush":1,"rush":2}"#;
    assert!(hashed::Order::from_json(twice).is_err());
    assert!(indexed::Order::from_json(twice).is_err());
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

use des_events::{chrono, url, uuid};

#[test]
fn converted_formats_read_as_the_crates_types() {
    let text = r#"{"id":"a2313192-e2dc-452e-b56c-2f23baf6eee1","at":"2026-12-07T10:00:00+01:00","day":"2026-12-07","homepage":"https://example.com/a/b","from":"192.0.2.1","via":"2001:db8::1","history":["2026-12-01T08:30:00Z"]}"#;
    let visit = converted::Visit::from_json(text).expect("a valid visit");
    let id: &uuid::Uuid = &visit.id;
    assert_eq!(id.to_string(), "a2313192-e2dc-452e-b56c-2f23baf6eee1");
    let at: chrono::DateTime<chrono::FixedOffset> = visit.at;
    assert_eq!(at.offset().local_minus_utc(), 3600);
    assert_eq!(
        visit.day,
        Some(Some(
            chrono::NaiveDate::from_ymd_opt(2026, 12, 7).expect("a date")
        ))
    );
    assert_eq!(
        visit.homepage.as_ref().map(url::Url::as_str),
        Some("https://example.com/a/b")
    );
    assert_eq!(visit.from, Some(std::net::Ipv4Addr::new(192, 0, 2, 1)));
    assert_eq!(visit.via.map(|via| via.segments()[0]), Some(0x2001));
    // Written in the same canonical forms, the text round-trips.
    assert_eq!(visit.to_json(), text);
}

#[test]
fn a_converted_format_is_checked_on_the_text_first() {
    let read = |id: &str, at: &str| {
        converted::Visit::from_json(&format!(r#"{{"id":"{id}","at":"{at}"}}"#))
    };
    // The schema's format decides, not the library: `uuid::Uuid` reads a braced or
    // simple UUID, the format allows the hyphenated form only.
    for id in [
        "{a2313192-e2dc-452e-b56c-2f23baf6eee1}",
        "a2313192e2dc452eb56c2f23baf6eee1",
    ] {
        let err = read(id, "2026-12-07T10:00:00Z").expect_err("not a hyphenated UUID");
        assert!(err.to_string().contains("format"), "{err}");
    }
    // chrono reads `2026-12-07 10:00:00Z`; RFC 3339's date-time needs the `T`.
    let err = read(
        "a2313192-e2dc-452e-b56c-2f23baf6eee1",
        "2026-12-07 10:00:00Z",
    )
    .expect_err("no T");
    assert!(err.to_string().contains("format"), "{err}");
    // Other rules of the property still hold on the text (`pattern: "Z$"`).
    let err = converted::Visit::from_json(
        r#"{"id":"a2313192-e2dc-452e-b56c-2f23baf6eee1","at":"2026-12-07T10:00:00Z","note":"2026-12-07T10:00:00+00:00"}"#,
    )
    .expect_err("the pattern wants a Z");
    assert!(err.to_string().contains("pattern"), "{err}");
}

#[test]
fn a_converted_text_is_written_in_the_crates_canonical_form() {
    // The value is kept, the text may change: chrono writes `+00:00` as `Z`, uuid writes
    // lower case. Both are still valid under the format (docs/fit.md, "Conversions").
    let visit = converted::Visit::from_json(
        r#"{"id":"A2313192-E2DC-452E-B56C-2F23BAF6EEE1","at":"2026-12-07T10:00:00+00:00"}"#,
    )
    .expect("a valid visit");
    assert_eq!(
        visit.to_json(),
        r#"{"id":"a2313192-e2dc-452e-b56c-2f23baf6eee1","at":"2026-12-07T10:00:00Z"}"#
    );
    assert_eq!(
        converted::Visit::from_json(&visit.to_json()).expect("valid"),
        visit
    );
    // Builders take the crate's types.
    let built = converted::Visit::builder()
        .id(visit.id)
        .at(visit.at)
        .build()
        .expect("a valid visit");
    assert_eq!(built, visit);
}
