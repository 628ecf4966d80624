// An object schema with `if`/`then`/`else` and `dependentRequired` next to its properties:
// the struct stays typed, and the validator checks the whole object before its fields are
// read.
des_events::include_schema!("ui/pass/schemas/object_with_conditionals.json");

fn main() {
    let order = Order::from_json(r#"{"kind": "a", "x": 1, "y": "z"}"#).unwrap();
    assert_eq!(order.kind, OrderKind::A);
    assert_eq!(order.x, Some(1));
    // `then`: kind "a" needs `x`.
    let err = Order::from_json(r#"{"kind": "a", "y": "z"}"#).unwrap_err();
    assert!(err.to_string().contains("required"), "{err}");
    // `else`: kind "b" needs `y`.
    assert!(Order::from_json(r#"{"kind": "b"}"#).is_err());
    assert!(Order::from_json(r#"{"kind": "b", "y": "z"}"#).is_ok());
    // `dependentRequired`: `x` needs `y`.
    let err = Order::from_json(r#"{"kind": "a", "x": 1}"#).unwrap_err();
    assert!(err.to_string().contains("y"), "{err}");
    // The typed checks hold as before.
    assert!(Order::from_json(r#"{"kind": "c", "y": "z"}"#).is_err());
}
