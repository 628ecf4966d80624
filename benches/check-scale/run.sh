#!/usr/bin/env bash
# `des-events check` at scale, side by side in one run:
#
#   check --jobs 1          single-threaded
#   check                   every core (the default)
#   check --jobs 1 --json   the cost of `--json` output
#   jsonschema-check        the obvious alternative: serde_json::Value + the jsonschema
#                           crate, both bundled schemas, formats on (src/main.rs here)
#
# on a generated log of SIZE_MB megabytes (default 1024), written at bench time into the
# cargo target directory and never committed. Each contender runs ROUNDS times (default
# 3), alternating, and keeps its fastest wall time and its lowest CPU time (user +
# system, which waits for a busy core do not inflate); peak RSS comes from /usr/bin/time.
# Peak RSS of `check` is also measured on a 100 MB log, to show it does not grow with
# the input. Output goes to /dev/null; the tally goes to stderr as usual.
#
#   benches/check-scale/run.sh                 # 1 GB
#   SIZE_MB=100 ROUNDS=2 benches/check-scale/run.sh   # quick mode
#
# Not a test: timings on a shared machine are noisy, so read the ratios with the load
# average that the script prints.
set -euo pipefail

cd "$(dirname "$0")/../.."
SIZE_MB=${SIZE_MB:-1024}
ROUNDS=${ROUNDS:-3}
TARGET=${CARGO_TARGET_DIR:-target}
DIR="$TARGET/check-scale"
mkdir -p "$DIR"

cargo build --release --quiet -p des-events --features cli
cargo build --release --quiet -p des-events-check-bench
CHECK="$TARGET/release/des-events"
BASELINE="$TARGET/release/jsonschema-check"

# A block of about 1 MiB: the valid sample lines over and over, and the invalid sample
# once (8 invalid lines in about 7,000: every error kind shows up, the valid path
# dominates).
block="$DIR/block.jsonl"
if [ ! -s "$block" ]; then
    : >"$block.tmp"
    while [ "$(stat -c %s "$block.tmp")" -lt $((1 << 20)) ]; do
        cat samples/messages.jsonl >>"$block.tmp"
    done
    cat samples/invalid.jsonl >>"$block.tmp"
    mv "$block.tmp" "$block"
fi

# The log of `$1` MiB (rounded to whole blocks).
log_of() {
    local size=$1 log="$DIR/log-$1mb.jsonl"
    if [ ! -s "$log" ]; then
        for _ in $(seq "$size"); do cat "$block"; done >"$log.tmp"
        mv "$log.tmp" "$log"
    fi
    echo "$log"
}

LOG=$(log_of "$SIZE_MB")
BYTES=$(stat -c %s "$LOG")
LINES=$(wc -l <"$LOG")
echo "log: $LOG, $BYTES bytes, $LINES lines; $(nproc) cores; load average: $(cut -d' ' -f1-3 /proc/loadavg)"

# Runs "$@" once; prints "wall-seconds peak-KiB cpu-seconds".
measure() {
    /usr/bin/time -o "$DIR/time.txt" -f '%e %M %U %S' "$@" >/dev/null 2>/dev/null || true
    tail -1 "$DIR/time.txt" | awk '{ print $1, $2, $3 + $4 }'
}

names=("check --jobs 1" "check (all cores)" "check --jobs 1 --json" "jsonschema-check")
commands=(
    "$CHECK check --quiet --jobs 1 $LOG"
    "$CHECK check --quiet $LOG"
    "$CHECK check --quiet --jobs 1 --json $LOG"
    "$BASELINE $LOG"
)
declare -A best cpu rss
lower() { [ -z "$2" ] || awk "BEGIN { exit !($1 < $2) }"; }
for _ in $(seq "$ROUNDS"); do
    for i in "${!commands[@]}"; do
        read -r seconds kib cpu_seconds <<<"$(measure ${commands[$i]})"
        if lower "$seconds" "${best[$i]:-}"; then best[$i]=$seconds; fi
        if lower "$cpu_seconds" "${cpu[$i]:-}"; then cpu[$i]=$cpu_seconds; fi
        rss[$i]=$kib
    done
done

printf '\n%-24s %8s %8s %8s %12s\n' contender "wall s" "MB/s" "CPU s" "peak RSS"
for i in "${!commands[@]}"; do
    printf '%-24s %8s %8.0f %8s %8s KiB\n' "${names[$i]}" "${best[$i]}" \
        "$(awk "BEGIN { print $BYTES / 1e6 / ${best[$i]} }")" "${cpu[$i]}" "${rss[$i]}"
done
ratio() { awk "BEGIN { printf \"%.2f\", $1 / $2 }"; }
echo
echo "single-threaded vs jsonschema-check: $(ratio "${best[3]}" "${best[0]}")x wall, $(ratio "${cpu[3]}" "${cpu[0]}")x CPU (target >= 2)"
echo "all cores vs single-threaded:        $(ratio "${best[0]}" "${best[1]}")x wall (target >= 1.8)"
echo "--json cost over plain:              $(awk "BEGIN { printf \"%+.1f%%\", (${best[2]} / ${best[0]} - 1) * 100 }") wall, $(awk "BEGIN { printf \"%+.1f%%\", (${cpu[2]} / ${cpu[0]} - 1) * 100 }") CPU (target <= 15%)"

# Peak memory against log size.
SMALL=$(log_of 100)
for log in "$SMALL" "$LOG"; do
    for jobs in 1 "$(nproc)"; do
        read -r _ kib _ <<<"$(measure "$CHECK" check --quiet --jobs "$jobs" "$log")"
        echo "peak RSS, --jobs $jobs, $(stat -c %s "$log") bytes: $kib KiB"
    done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
