#!/usr/bin/env bash
# What `json_schema = false` saves: the compile time of a user crate whose only code is
# one `include_schema!` of a synthetic event union, with and without the schemars impls.
#
#   benches/fit/json_schema.sh            (RUNS=3 EVENTS=200 by default)
#
# Both crates share one target directory, so their dependencies (des-events, schemars,
# serde...) are built once, first; each measurement then touches the crate's `lib.rs` and
# times `cargo build` of that crate alone (dev profile): the part of a cold build that
# the generated code costs. The table shows the median of RUNS.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd -P)"
root="$(cd "$here/../.." && pwd -P)"
RUNS="${RUNS:-3}"
EVENTS="${EVENTS:-200}"
WORK="${WORK:-${TMPDIR:-/tmp}/des-events-json-schema-bench}"
rm -rf "$WORK"
mkdir -p "$WORK"
python3 "$root/benches/cold-build/gen_schema.py" synthetic "$EVENTS" "$WORK/events.json"

cat > "$WORK/Cargo.toml" <<TOML
[workspace]
members = ["with", "without"]
resolver = "3"
TOML
for variant in with without; do
    mkdir -p "$WORK/$variant/src"
    cat > "$WORK/$variant/Cargo.toml" <<TOML
[package]
name = "bench-$variant"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
des-events = { path = "$root/des-events" }
TOML
    option=""
    [[ "$variant" == without ]] && option=", json_schema = false"
    cat > "$WORK/$variant/src/lib.rs" <<RUST
des_events::include_schema!("../events.json", tests = false$option);
RUST
done

cd "$WORK"
cargo build -q -p bench-with -p bench-without
declare -A times
for variant in with without; do
    samples=()
    for _ in $(seq "$RUNS"); do
        touch "$variant/src/lib.rs"
        start=$(date +%s.%N)
        cargo build -q -p "bench-$variant"
        end=$(date +%s.%N)
        samples+=("$(echo "$end - $start" | bc)")
    done
    times[$variant]=$(printf '%s\n' "${samples[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p")
    echo "$variant: ${samples[*]} (median ${times[$variant]} s)" >&2
done
echo "| json_schema | user crate, dev build (median of $RUNS) |"
echo "|---|---|"
echo "| true (default) | ${times[with]} s |"
echo "| false | ${times[without]} s |"
