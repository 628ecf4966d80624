#!/usr/bin/env bash
# Cold build of a user crate: des-events' include_schema! versus typify's import_types!.
# See README.md next to this file for what is measured and how to read the result.
#
#   benches/cold-build/run.sh [DES_EVENTS_PATH]      (default: ../../des-events from here)
#
# Environment knobs (defaults in brackets):
#   RUNS=2              measurements per (variant, schema, profile); the table shows the median
#   PROFILES="dev"      "dev release" adds --release builds (adds about as much time again)
#   SCHEMAS="partner synthetic"
#   SYNTH_EVENTS=200    events in the synthetic schema
#   TYPIFY_VERSION=0.8.0  (0.10.0-alpha.* needs rustc 1.97: see README.md)
#   SNAPSHOT=1          copy the des-events workspace (no target/, no .git) into the work dir
#                       first, so that every run builds the same source even while someone
#                       edits the checkout; SNAPSHOT=0 builds the checkout in place
#   WORK=${TMPDIR:-/tmp}/des-events-cold-build   scratch crates, target dirs, results
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd -P)"
des_arg="${1:-$here/../../des-events}"
[[ -f "$des_arg/Cargo.toml" ]] || { echo "error: no Cargo.toml in des-events path '$des_arg'" >&2; exit 2; }
des_src="$(cd "$des_arg" && pwd -P)"

RUNS="${RUNS:-2}"
PROFILES="${PROFILES:-dev}"
SCHEMAS="${SCHEMAS:-partner synthetic}"
SYNTH_EVENTS="${SYNTH_EVENTS:-200}"
TYPIFY_VERSION="${TYPIFY_VERSION:-0.8.0}"
SNAPSHOT="${SNAPSHOT:-1}"
WORK="${WORK:-${TMPDIR:-/tmp}/des-events-cold-build}"
PYTHON="${PYTHON:-python3}"
TIMEFORMAT='%R %U %S'

# The workspace that holds des-events: the nearest parent whose Cargo.toml has [workspace].
ws_root="$des_src"
while [[ "$ws_root" != / ]] && ! grep -qs '^\[workspace\]' "$ws_root/Cargo.toml"; do
    ws_root="$(dirname "$ws_root")"
done
[[ "$ws_root" != / ]] || ws_root="$des_src"
des_rel="${des_src#"$ws_root"}"; des_rel="${des_rel#/}"

mkdir -p "$WORK"
WORK="$(cd "$WORK" && pwd -P)"
case "$WORK/" in
    "$ws_root"/*) echo "error: WORK ($WORK) must be outside the des-events workspace ($ws_root)" >&2; exit 2 ;;
esac
for d in crates targets schemas results src; do rm -rf "${WORK:?}/$d"; done
mkdir -p "$WORK"/{crates,targets,schemas,results}
res="$WORK/results"

# --- what is measured -----------------------------------------------------------------------
{
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "host: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
    echo "rustc: $(rustc --version)"
    echo "cargo: $(cargo --version)"
    echo "des-events: $des_src (workspace $ws_root)"
    if git -C "$ws_root" rev-parse HEAD >/dev/null 2>&1; then
        echo "des-events git: $(git -C "$ws_root" rev-parse --short HEAD), $(git -C "$ws_root" --no-optional-locks status --porcelain | wc -l) changed file(s) in the work tree"
    fi
    echo "typify: $TYPIFY_VERSION"
    echo "runs: $RUNS, profiles: $PROFILES, schemas: $SCHEMAS, synthetic events: $SYNTH_EVENTS, snapshot: $SNAPSHOT"
} | tee "$res/env.txt"

if [[ "$SNAPSHOT" == 1 ]]; then
    mkdir -p "$WORK/src"
    tar -C "$ws_root" --exclude=./.git --exclude=target -cf - . | tar -C "$WORK/src" -xf -
    src_root="$WORK/src"
else
    src_root="$ws_root"
fi
des_path="$src_root${des_rel:+/$des_rel}"
lock_seed="$src_root/Cargo.lock"

# --- schemas: the same file for both generators ------------------------------------------------
# typify 0.8 panics ("called `Option::unwrap()` on a `None` value") on an event union whose
# root oneOf lists the events inline, which is des-events' native shape; both generators
# accept the same events written as $defs + a root oneOf of $refs, so both get that shape.
bundled="$src_root/schema/partner-events.schema.json"
"$PYTHON" "$here/gen_schema.py" to-defs "$bundled" "$WORK/schemas/partner.json"
"$PYTHON" "$here/gen_schema.py" synthetic "$SYNTH_EVENTS" "$WORK/schemas/synthetic.json"

# --- scratch crates ----------------------------------------------------------------------------
make_crate() { # variant schema
    local variant="$1" schema="$2" dir="$WORK/crates/$1-$2"
    mkdir -p "$dir/src"
    cp "$WORK/schemas/$schema.json" "$dir/schema.json"
    {
        printf '[package]\nname = "cold-build-%s-%s"\nversion = "0.0.0"\nedition = "2024"\npublish = false\n\n' "$variant" "$schema"
        printf '# Its own workspace: never a member of the des-events workspace.\n[workspace]\n\n[dependencies]\n'
        if [[ "$variant" == des-events ]]; then
            printf 'des-events = { path = "%s" }\n' "$des_path"
        else
            # What typify's README asks of a user crate; uuid only for `format: uuid`.
            printf 'typify = "=%s"\nserde = { version = "1", features = ["derive"] }\nserde_json = "1"\n' "$TYPIFY_VERSION"
            if grep -q '"format": *"uuid"' "$dir/schema.json"; then
                printf 'uuid = { version = "1", features = ["serde"] }\n'
            fi
        fi
    } >"$dir/Cargo.toml"
    if [[ "$variant" == des-events ]]; then
        echo 'des_events::include_schema!("schema.json", tests = false);' >"$dir/src/lib.rs"
    else
        echo 'typify::import_types!(schema = "schema.json");' >"$dir/src/lib.rs"
    fi
    # Same versions of the shared crates (serde, syn, ...) as the des-events workspace pins.
    [[ -f "$lock_seed" ]] && cp "$lock_seed" "$dir/Cargo.lock"
    return 0
}

variants="des-events typify"
echo "== fetching (not timed)"
for schema in $SCHEMAS; do
    for variant in $variants; do
        make_crate "$variant" "$schema"
        (cd "$WORK/crates/$variant-$schema" && cargo fetch --quiet)
    done
done

# --- measurements ------------------------------------------------------------------------------
# Interleaved (run 1 of everything, then run 2, ...) so that a change of machine load hits
# both variants alike; one build at a time, each from an empty target dir, offline.
printf 'variant\tschema\tprofile\trun\twall_s\tuser_s\tsys_s\tcpu_s\tload1\tcrates\tunits\n' >"$res/raw.tsv"
for run in $(seq 1 "$RUNS"); do
    for profile in $PROFILES; do
        for schema in $SCHEMAS; do
            for variant in $variants; do
                dir="$WORK/crates/$variant-$schema"
                tgt="$WORK/targets/$variant-$schema-$profile"
                tag="$variant-$schema-$profile-run$run"
                rm -rf "$tgt"
                flags=(--offline --timings)
                [[ "$profile" == release ]] && flags+=(--release)
                load="$(cut -d' ' -f1 /proc/loadavg)"
                echo "== $tag   load before: $(cut -d' ' -f1-3 /proc/loadavg)"
                # bash's `time`: elapsed, and user and sys CPU of cargo and every rustc under it.
                if ! { time (cd "$dir" && CARGO_TARGET_DIR="$tgt" \
                        cargo build "${flags[@]}" >"$res/$tag.log" 2>&1); } 2>"$res/$tag.time"; then
                    echo "error: build failed, see $res/$tag.log:" >&2
                    tail -n 30 "$res/$tag.log" >&2
                    exit 1
                fi
                read -r wall user sys <"$res/$tag.time"
                cp "$tgt/cargo-timings/cargo-timing.html" "$res/$tag.timings.html"
                crates="$(grep -cE '^ +Compiling ' "$res/$tag.log" || true)"
                units="$("$PYTHON" "$here/timings.py" count "$res/$tag.timings.html")"
                cpu="$(awk -v u="$user" -v s="$sys" 'BEGIN {printf "%.2f", u + s}')"
                printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$variant" "$schema" "$profile" "$run" \
                    "$wall" "$user" "$sys" "$cpu" "$load" "$crates" "$units" >>"$res/raw.tsv"
                echo "   wall ${wall}s  cpu ${cpu}s  ($crates packages, $units units)   load after: $(cut -d' ' -f1-3 /proc/loadavg)"
                rm -rf "$tgt"
            done
        done
    done
done

echo
"$PYTHON" "$here/timings.py" report "$res" | tee "$res/report.md"
echo
echo "raw numbers, build logs and cargo --timings reports: $res"
