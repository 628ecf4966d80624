#!/usr/bin/env bash
# Cold build of a user crate that uses only `include_schema!` on a schema of its own, with
# the bundled DES API on (des-events' default features) and off (`default-features =
# false`). Issue 21: users of the macro alone should not compile the bundled API.
#
#   benches/cold-build/bundled.sh          RUNS=3 for the median of three
#
# Each run builds in a fresh target directory (dev profile). The workspace is copied first
# (no target/, no .git) so that edits to the checkout during the runs change nothing.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd -P)"
root="$(cd "$here/../.." && pwd -P)"
RUNS="${RUNS:-1}"
WORK="${WORK:-${TMPDIR:-/tmp}/des-events-bundled-bench}"
rm -rf "$WORK" && mkdir -p "$WORK/ws"
tar -C "$root" --exclude=./target --exclude=./.git --exclude=./fuzz -cf - . | tar -C "$WORK/ws" -xf -
export CARGO_INCREMENTAL=0
echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(rustc --version)"
# Make both crates first, then build them alternately (on, off, on, off...), so that load
# from other work on the machine falls on both alike.
for variant in on off; do
    crate="$WORK/user-$variant"
    mkdir -p "$crate/src" "$crate/schema"
    cp "$root/schema/partner-events.schema.json" "$crate/schema/mine.schema.json"
    features=""
    [[ $variant == off ]] && features=", default-features = false"
    cat > "$crate/Cargo.toml" <<TOML
[package]
name = "user-$variant"
version = "0.0.0"
edition = "2024"
publish = false
[dependencies]
des-events = { path = "$WORK/ws/des-events"$features }
[workspace]
TOML
    cat > "$crate/src/lib.rs" <<'RUST'
des_events::include_schema!("schema/mine.schema.json", tests = false);
RUST
    cp "$root/Cargo.lock" "$crate/Cargo.lock"
    # Resolve once (offline from the copied lock where it can), outside the timing.
    (cd "$crate" && { cargo fetch -q --offline 2>/dev/null || cargo fetch -q; })
done
for run in $(seq "$RUNS"); do
    for variant in on off; do
        crate="$WORK/user-$variant"
        rm -rf "$crate/target"
        start=$(date +%s.%N)
        (cd "$crate" && cargo build -q --offline)
        end=$(date +%s.%N)
        units=$(cd "$crate" && find target/debug/deps -name '*.rlib' -o -name '*.so' | wc -l)
        echo "bundled $variant, run $run: $(echo "$end - $start" | bc) s, $units libraries, load $(cut -d' ' -f1 /proc/loadavg)"
    done
done
