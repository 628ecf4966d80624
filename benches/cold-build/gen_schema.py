#!/usr/bin/env python3
"""Schemas for the cold-build benchmark (see README.md next to this file).

  gen_schema.py synthetic N OUT      a deterministic N-event union (seeded, no randomness
                                     between runs): event `const` + `message` object of
                                     3-6 typed fields (bounded strings, bounded integers,
                                     string enums, nested objects, arrays, booleans).
  gen_schema.py to-defs IN OUT       rewrites an event union whose root `oneOf` lists the
                                     events inline into the `$defs` + root `oneOf` of `$ref`
                                     shape (same events, same keywords). typify 0.8 panics
                                     on the inline shape; both generators accept this one.

The synthetic schema uses only keywords that both des-events and typify accept: no
`format` and no `pattern` (so the typify crate needs neither uuid, chrono nor regress), and
every integer bounded (des-events refuses unbounded integers).
"""

import json
import random
import sys

VERBS = [
    "Account", "Transfer", "Consent", "Dream", "Goal", "Payment", "Session", "Token",
    "Profile", "Device", "Card", "Budget", "Invoice", "Mandate", "Limit", "Notice",
    "Pocket", "Reward", "Statement", "Ticket",
]
NOUNS = [
    "Created", "Updated", "Closed", "Requested", "Approved", "Rejected", "Expired",
    "Renewed", "Paused", "Resumed",
]
FIELD_WORDS = [
    "amount", "label", "count", "reason", "owner", "target", "limit", "channel", "note",
    "level", "region", "origin", "status", "priority", "score", "tag", "code", "step",
]


def lower_first(s):
    return s[0].lower() + s[1:]


def string_field(rng):
    hi = rng.choice([16, 32, 64, 128, 256])
    return {"type": "string", "minLength": rng.choice([0, 1]), "maxLength": hi,
            "description": f"Free text of at most {hi} characters."}


def int_field(rng):
    lo, hi = rng.choice([(0, 100), (0, 65535), (-1000, 1000), (1, 10_000_000),
                         (0, 4_000_000_000), (-(2 ** 40), 2 ** 40)])
    return {"type": "integer", "minimum": lo, "maximum": hi,
            "description": f"An integer in [{lo}, {hi}]."}


def enum_field(rng):
    n = rng.randint(2, 6)
    values = rng.sample(["low", "medium", "high", "urgent", "pending", "done", "failed",
                         "cancelled", "retry", "unknown"], n)
    return {"type": "string", "enum": values, "description": "One of a fixed set."}


def bool_field(rng):
    return {"type": "boolean", "description": "A flag."}


def scalar(rng):
    return rng.choice([string_field, int_field, enum_field, bool_field])(rng)


def nested_object(rng, depth):
    n = rng.randint(2, 3)
    props = {}
    for j in range(n):
        name = f"{rng.choice(FIELD_WORDS)}{j}"
        props[name] = nested_object(rng, depth + 1) if depth < 1 and j == 0 and rng.random() < 0.3 else scalar(rng)
    required = sorted(rng.sample(sorted(props), rng.randint(1, n)))
    return {"type": "object", "description": "A nested record.", "properties": props,
            "required": required, "additionalProperties": False}


def array_field(rng):
    item = rng.choice([string_field, int_field, enum_field])(rng)
    if rng.random() < 0.3:
        item = nested_object(rng, 1)
    return {"type": "array", "items": item, "minItems": 0, "maxItems": rng.choice([4, 16, 100]),
            "description": "A bounded list."}


def message(rng):
    kinds = [string_field, int_field, enum_field, bool_field, "object", "array"]
    n = rng.randint(3, 6)
    props = {}
    for j in range(n):
        kind = rng.choice(kinds)
        name = f"{rng.choice(FIELD_WORDS)}{j}"
        if kind == "object":
            props[name] = nested_object(rng, 0)
        elif kind == "array":
            props[name] = array_field(rng)
        else:
            props[name] = kind(rng)
    required = sorted(rng.sample(sorted(props), rng.randint(1, n)))
    return {"type": "object", "description": "The event's payload.", "properties": props,
            "required": required, "additionalProperties": False}


def synthetic(n):
    rng = random.Random(20260101)  # fixed seed: the same schema on every run
    events = []
    for i in range(n):
        title = f"{VERBS[i % len(VERBS)]}{NOUNS[(i // len(VERBS)) % len(NOUNS)]}{i:03d}"
        events.append({
            "title": title,
            "description": f"Synthetic event number {i}.",
            "type": "object",
            "properties": {"event": {"const": lower_first(title)}, "message": message(rng)},
            "required": ["event", "message"],
            "additionalProperties": False,
        })
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "SyntheticEvent",
        "description": f"A synthetic union of {n} events for the cold-build benchmark.",
        "oneOf": events,
    }


def to_defs(schema):
    """Root `oneOf` of inline events -> `$defs` (keyed by each event's title) + `$ref`s."""
    out = {k: v for k, v in schema.items() if k != "oneOf"}
    defs = dict(out.get("$defs", {}))
    refs = []
    for i, event in enumerate(schema["oneOf"]):
        if "$ref" in event:
            refs.append(event)
            continue
        name = event.get("title") or f"Event{i}"
        if name in defs:
            raise SystemExit(f"to-defs: duplicate $defs name {name}")
        defs[name] = event
        refs.append({"$ref": f"#/$defs/{name}"})
    out["$defs"] = defs
    out["oneOf"] = refs
    return out


def main(argv):
    if len(argv) == 4 and argv[1] == "synthetic":
        schema = to_defs(synthetic(int(argv[2])))
        out = argv[3]
    elif len(argv) == 4 and argv[1] == "to-defs":
        with open(argv[2], encoding="utf-8") as f:
            schema = to_defs(json.load(f))
        out = argv[3]
    else:
        raise SystemExit(__doc__)
    with open(out, "w", encoding="utf-8") as f:
        json.dump(schema, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main(sys.argv)
