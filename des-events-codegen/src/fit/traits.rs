//! Which standard traits a generated type implements, and what inside it stops a trait
//! a user asks to derive: the facts behind the located error of `derives = [Eq]` on a
//! type that holds an `f64`.
//!
//! A type implements a trait when the engine derives it ([`Capabilities::generated`],
//! the same decisions the emitters make through [`Schema::def_is`]) or when the user
//! asks for it. A derive the user asks for holds when every value inside the type
//! implements the trait; a named type inside counts as implementing it when it has it
//! either way (its own request is checked on its own, so recursive types are fine, as
//! they are for rustc).

use std::collections::HashMap;

use proc_macro2::{TokenStream, TokenTree};

use super::{Blocker, Derive, MapType};
use crate::ir::{Additional, Schema, Type, TypeDef};

/// The standard traits whose derive the engine can prove.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum StdTrait {
    Copy,
    Clone,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
}

impl StdTrait {
    /// The trait a derive path names: a bare name (`Eq`) or a path through `core` or
    /// `std` (`::core::cmp::Eq`). Any other path is the user's own derive macro.
    pub(crate) fn named(path: &TokenStream, last: &str) -> Option<StdTrait> {
        let segments: Vec<String> = path
            .clone()
            .into_iter()
            .filter_map(|token| match token {
                TokenTree::Ident(ident) => Some(ident.to_string()),
                _ => None,
            })
            .collect();
        let std_path = segments.len() == 1
            || segments
                .first()
                .is_some_and(|root| root == "core" || root == "std");
        if !std_path {
            return None;
        }
        Some(match last {
            "Copy" => StdTrait::Copy,
            "Clone" => StdTrait::Clone,
            "Debug" => StdTrait::Debug,
            "PartialEq" => StdTrait::PartialEq,
            "Eq" => StdTrait::Eq,
            "PartialOrd" => StdTrait::PartialOrd,
            "Ord" => StdTrait::Ord,
            "Hash" => StdTrait::Hash,
            "Default" => StdTrait::Default,
            _ => return None,
        })
    }

    /// The trait's name.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            StdTrait::Copy => "Copy",
            StdTrait::Clone => "Clone",
            StdTrait::Debug => "Debug",
            StdTrait::PartialEq => "PartialEq",
            StdTrait::Eq => "Eq",
            StdTrait::PartialOrd => "PartialOrd",
            StdTrait::Ord => "Ord",
            StdTrait::Hash => "Hash",
            StdTrait::Default => "Default",
        }
    }
}

/// The traits of the leaf types of generated code (`true`: implemented).
pub(crate) struct Leaf {
    pub copy: bool,
    pub eq: bool,
    pub ord: bool,
    pub partial_ord: bool,
    pub hash: bool,
    pub default: bool,
}

impl Leaf {
    /// `Clone`, `Debug` and `PartialEq` hold for every leaf.
    fn has(&self, t: StdTrait) -> bool {
        match t {
            StdTrait::Clone | StdTrait::Debug | StdTrait::PartialEq => true,
            StdTrait::Copy => self.copy,
            StdTrait::Eq => self.eq,
            StdTrait::PartialOrd => self.partial_ord,
            StdTrait::Ord => self.ord,
            StdTrait::Hash => self.hash,
            StdTrait::Default => self.default,
        }
    }
}

const SCALAR: Leaf = Leaf {
    copy: true,
    eq: true,
    ord: true,
    partial_ord: true,
    hash: true,
    default: true,
};
const FLOAT: Leaf = Leaf {
    copy: true,
    eq: false,
    ord: false,
    partial_ord: true,
    hash: false,
    default: true,
};
const STRING: Leaf = Leaf {
    copy: false,
    ..SCALAR
};
/// `des_events::Uuid`: ordered and hashable, no default.
const UUID: Leaf = Leaf {
    default: false,
    ..STRING
};
/// `des_events::Credential`: hashable, neither ordered nor defaulted.
const CREDENTIAL: Leaf = Leaf {
    ord: false,
    partial_ord: false,
    ..UUID
};
/// `serde_json::Value` and `serde_json::Map`: hashable, not ordered.
const JSON: Leaf = Leaf {
    copy: false,
    eq: true,
    ord: false,
    partial_ord: false,
    hash: true,
    default: true,
};
/// `HashMap` and `IndexMap` (of values that have the rest): neither hashed nor ordered.
const UNORDERED_MAP: Leaf = Leaf {
    copy: false,
    eq: true,
    ord: false,
    partial_ord: false,
    hash: false,
    default: true,
};

/// The facts of one schema under one set of settings.
pub(crate) struct Capabilities<'a> {
    pub schema: &'a Schema,
    pub map_type: Option<MapType>,
    pub catch_all: bool,
    /// The derives asked for, by type name.
    pub asked: &'a HashMap<&'a str, Vec<&'a Derive>>,
}

impl Capabilities<'_> {
    /// Whether the engine derives (or writes) `t` for the type `name` itself.
    pub(crate) fn generated(&self, name: &str, t: StdTrait) -> bool {
        if matches!(t, StdTrait::Clone | StdTrait::Debug | StdTrait::PartialEq) {
            return true;
        }
        match self.schema.type_def(name) {
            Some(TypeDef::Enum(_)) => {
                matches!(
                    t,
                    StdTrait::Eq | StdTrait::Hash | StdTrait::PartialOrd | StdTrait::Ord
                )
            }
            Some(TypeDef::Struct(def)) if t == StdTrait::Default => {
                def.fields.iter().all(|field| !field.required)
            }
            Some(def) => match t {
                StdTrait::Eq => self.schema.def_is(def, false),
                StdTrait::Hash => self.schema.def_is(def, true),
                _ => false,
            },
            // The dispatch enum.
            None => {
                t == StdTrait::Eq
                    && self
                        .schema
                        .events
                        .iter()
                        .all(|event| self.schema.is_eq(&Type::Named(event.message.clone())))
            }
        }
    }

    /// Whether the type `name` implements `t`: the engine derives it, or it is asked.
    fn implements(&self, name: &str, t: StdTrait) -> bool {
        self.generated(name, t)
            || self
                .asked
                .get(name)
                .is_some_and(|derives| derives.iter().any(|derive| derive.known == Some(t)))
    }

    /// What inside the type `name` stops a derive of `t`, or `None` when it holds.
    pub(crate) fn blocker(&self, name: &str, t: StdTrait) -> Option<Blocker> {
        let Some(def) = self.schema.type_def(name) else {
            return self.dispatch_blocker(t);
        };
        let pointer = def.pointer();
        match def {
            TypeDef::Enum(_) => {
                let leaf = Leaf {
                    default: false,
                    ..STRING
                };
                (!leaf.has(t)).then(|| Blocker {
                    pointer: pointer.to_owned(),
                    what: "its variant of unknown values".to_owned(),
                    rust: "a `String`, and an enum has no default value".to_owned(),
                })
            }
            TypeDef::Json(_) => (!JSON.has(t)).then(|| Blocker {
                pointer: pointer.to_owned(),
                what: "its value (checked by the validator)".to_owned(),
                rust: "a `serde_json::Value`".to_owned(),
            }),
            TypeDef::Newtype(def) => {
                self.value_blocker(&def.ty, t, &def.pointer, "its wrapped value", false)
            }
            TypeDef::Tuple(def) => def.items.iter().enumerate().find_map(|(index, ty)| {
                self.value_blocker(ty, t, &def.pointer, &format!("its item {index}"), false)
            }),
            TypeDef::Union(def) => def.alternatives.iter().find_map(|alternative| {
                let ty = alternative.ty.as_ref()?;
                let what = format!("its variant `{}`", alternative.variant);
                self.value_blocker(ty, t, &def.pointer, &what, alternative.boxed)
            }),
            TypeDef::Struct(def) => {
                let fields = def.fields.iter().find_map(|field| {
                    let what = format!("its field `{}`", field.rust_name);
                    // An optional or nullable field is an `Option`: it has a default.
                    let optional = !field.required || field.nullable;
                    if optional && t == StdTrait::Default {
                        return None;
                    }
                    self.value_blocker(&field.ty, t, &field.pointer, &what, field.boxed)
                });
                let maps = || {
                    let open = def.additional == Additional::Open;
                    let map_leaf = match self.map_type {
                        Some(MapType::HashMap | MapType::IndexMap) => &UNORDERED_MAP,
                        // `BTreeMap`: what its values have (and `Default`).
                        Some(MapType::BTreeMap) | None => &SCALAR,
                    };
                    let map_name = self.map_type.map_or("BTreeMap", MapType::as_str);
                    let map_blocker = |pointer: &str, what: &str| {
                        (!map_leaf.has(t) || t == StdTrait::Copy).then(|| Blocker {
                            pointer: pointer.to_owned(),
                            what: what.to_owned(),
                            rust: format!("a `{map_name}`"),
                        })
                    };
                    let patterns = def.patterns.iter().find_map(|map| {
                        let what = format!("its field `{}`", map.rust_name);
                        map_blocker(&map.pointer, &what)
                            .or_else(|| self.value_blocker(&map.ty, t, &map.pointer, &what, false))
                    });
                    let what = format!("its field `{}`", crate::name::ADDITIONAL_FIELD);
                    let additional_pointer = format!("{}/additionalProperties", def.pointer);
                    let additional = open.then(|| match &def.additional_type {
                        Some(ty) => map_blocker(&additional_pointer, &what).or_else(|| {
                            self.value_blocker(ty, t, &additional_pointer, &what, false)
                        }),
                        None if self.map_type.is_some() => map_blocker(&def.pointer, &what)
                            .or_else(|| {
                                (!JSON.has(t)).then(|| Blocker {
                                    pointer: def.pointer.clone(),
                                    what: what.clone(),
                                    rust: "a map of `serde_json::Value`s".to_owned(),
                                })
                            }),
                        None => (!JSON.has(t)).then(|| Blocker {
                            pointer: def.pointer.clone(),
                            what: what.clone(),
                            rust: "a `serde_json::Map`".to_owned(),
                        }),
                    });
                    patterns.or(additional.flatten())
                };
                fields.or_else(maps)
            }
        }
    }

    /// What in the dispatch enum stops `t`: an event's message, or the catch-all
    /// variant's `des_events::UnknownEvent` (which has `Clone`, `Debug`, `PartialEq`,
    /// `Eq`, `Hash`).
    fn dispatch_blocker(&self, t: StdTrait) -> Option<Blocker> {
        if t == StdTrait::Default {
            return Some(Blocker {
                pointer: String::new(),
                what: "the dispatch enum".to_owned(),
                rust: "an enum with no default event".to_owned(),
            });
        }
        let has_other = self.schema.has_catch_all(self.catch_all);
        let unknown = matches!(
            t,
            StdTrait::Clone | StdTrait::Debug | StdTrait::PartialEq | StdTrait::Eq | StdTrait::Hash
        );
        if has_other && !unknown {
            return Some(Blocker {
                pointer: String::new(),
                what: format!("its variant `{}`", crate::name::CATCH_ALL_VARIANT),
                rust: "a `des_events::UnknownEvent`".to_owned(),
            });
        }
        self.schema.events.iter().find_map(|event| {
            let what = format!("its variant `{}`", event.variant);
            let ty = Type::Named(event.message.clone());
            self.value_blocker(&ty, t, &event.pointer, &what, false)
        })
    }

    /// What stops `t` on a value of type `ty` (boxed: in a `Box`).
    fn value_blocker(
        &self,
        ty: &Type,
        t: StdTrait,
        pointer: &str,
        what: &str,
        boxed: bool,
    ) -> Option<Blocker> {
        let blocker = |rust: &str| {
            Some(Blocker {
                pointer: pointer.to_owned(),
                what: what.to_owned(),
                rust: rust.to_owned(),
            })
        };
        if boxed && t == StdTrait::Copy {
            return blocker("a `Box`");
        }
        let converted = match ty {
            Type::String(rules) => rules
                .converted
                .as_deref()
                .and_then(super::convert::by_generated),
            _ => None,
        };
        let (leaf, rust) = match ty {
            _ if let Some(conversion) = converted => (&conversion.leaf, conversion.written),
            Type::String(rules) if rules.credential => (&CREDENTIAL, "a `des_events::Credential`"),
            Type::String(rules) if rules.format == Some(crate::ir::Format::Uuid) => {
                (&UUID, "a `des_events::Uuid`")
            }
            Type::String(_) => (&STRING, "a `String`"),
            Type::Integer(_) | Type::Boolean => (&SCALAR, "an integer"),
            Type::Number(_) => (&FLOAT, "an `f64`"),
            Type::Map => (&JSON, "a `serde_json::Map`"),
            Type::Any => (&JSON, "a `serde_json::Value`"),
            Type::Array(item, _) => {
                if t == StdTrait::Copy {
                    return blocker("a `Vec`");
                }
                if t == StdTrait::Default {
                    return None;
                }
                return self.value_blocker(item, t, pointer, what, false);
            }
            Type::Named(name) => {
                if self.implements(name, t) {
                    return None;
                }
                return blocker(&format!("a `{name}` (derive it on `{name}` too)"));
            }
        };
        if leaf.has(t) { None } else { blocker(rust) }
    }
}
