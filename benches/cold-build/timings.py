#!/usr/bin/env python3
"""Reads what run.sh measured.

  timings.py count FILE.html   number of units cargo built, from a `cargo build --timings` report
  timings.py report RESULTS    the summary table (markdown) from RESULTS/raw.tsv, plus the
                               slowest units of each des-events build from the timing reports
"""

import csv
import glob
import json
import os
import statistics
import sys


def unit_data(path):
    """The UNIT_DATA array that cargo's HTML timing report embeds for its charts."""
    with open(path, encoding="utf-8") as f:
        html = f.read()
    start = html.index("const UNIT_DATA =") + len("const UNIT_DATA =")
    end = html.index("const CONCURRENCY_DATA", start)
    body = html[start:end].strip().rstrip(";")
    # Every unit of a cold build; cargo lists a fresh (not rebuilt) unit with start and
    # duration 0, which a cold build has none of.
    return [u for u in json.loads(body) if u.get("duration", 0) > 0 or u.get("start", 0) > 0]


def unit_label(u):
    target = u.get("target", "").strip()
    label = f"{u['name']} v{u['version']}"
    if target:
        return f"{label} ({target})"
    return label


def fmt(x):
    return f"{x:.1f}"


def report(res):
    with open(os.path.join(res, "raw.tsv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    groups = {}
    for r in rows:
        groups.setdefault((r["schema"], r["profile"], r["variant"]), []).append(r)

    out = []
    out.append("| schema | profile | variant | wall s (median) | CPU s user+sys (median) | wall s per run | load1 before each run | packages compiled | des-events/typify wall | des-events/typify CPU |")
    out.append("|---|---|---|---|---|---|---|---|---|---|")
    keys = sorted({(s, p) for s, p, _ in groups}, key=lambda k: (k[1] != "dev", k[0] != "partner", k))
    for schema, profile in keys:
        med = {}
        for variant in ("des-events", "typify"):
            rs = groups.get((schema, profile, variant))
            if not rs:
                continue
            wall = statistics.median(float(r["wall_s"]) for r in rs)
            cpu = statistics.median(float(r["cpu_s"]) for r in rs)
            med[variant] = (wall, cpu)
        for variant in ("des-events", "typify"):
            rs = groups.get((schema, profile, variant))
            if not rs:
                continue
            wall, cpu = med[variant]
            ratio_w = ratio_c = ""
            if variant == "des-events" and "typify" in med:
                ratio_w = f"{wall / med['typify'][0]:.2f}"
                ratio_c = f"{cpu / med['typify'][1]:.2f}"
            out.append("| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |".format(
                schema, profile, variant, fmt(wall), fmt(cpu),
                " / ".join(fmt(float(r["wall_s"])) for r in rs),
                " / ".join(r["load1"] for r in rs),
                "/".join(sorted({r["crates"] for r in rs})),
                ratio_w, ratio_c))
    out.append("")
    out.append("Wall and CPU are bash `time`'s real and user+sys of `cargo build --offline --timings`")
    out.append("from an empty target dir (registry download excluded: `cargo fetch` ran first). With 2")
    out.append("runs the median is their mean. load1 is the 1-minute load average just before the build.")

    # Slowest units of the des-events builds (median over the runs of each unit's duration).
    for variant in ("des-events", "typify"):
        for schema, profile in keys:
            files = sorted(glob.glob(os.path.join(res, f"{variant}-{schema}-{profile}-run*.timings.html")))
            if not files:
                continue
            durations = {}
            counts = []
            own = []
            sections = {}
            for path in files:
                units = sorted(unit_data(path), key=lambda u: u["start"])
                counts.append(len(units))
                seen = {}
                for u in units:
                    label = unit_label(u)
                    seen[label] = seen.get(label, 0) + 1
                    if seen[label] > 1:  # a second build of one crate (host and target features differ)
                        label = f"{label} [build #{seen[label]}]"
                    durations.setdefault(label, []).append(float(u["duration"]))
                own.append((sum(u["duration"] for u in units if u["name"].startswith("des-events")),
                            sum(u["duration"] for u in units),
                            sum(u["duration"] for u in units if u["name"].startswith("cold-build-"))))
                for u in units:  # rustc's own split of the user crate: frontend (macro expansion,
                    # type checking) and codegen (LLVM)
                    if u["name"].startswith("cold-build-"):
                        for name, span in u.get("sections") or []:
                            sections.setdefault(name, []).append(span["end"] - span["start"])
            top = sorted(((statistics.median(d), k) for k, d in durations.items()), reverse=True)
            n = 5 if variant == "des-events" else 3
            out.append("")
            out.append(f"Slowest units, {variant}, {schema} schema, {profile} (of {counts[0]} units; "
                       f"seconds, median over {len(files)} run(s); units overlap on 2 cores):")
            for secs, label in top[:n]:
                out.append(f"- {label}: {secs:.1f} s")
            if variant == "des-events":
                o = statistics.median(a for a, _, _ in own)
                t = statistics.median(b for _, b, _ in own)
                out.append(f"- des-events' own crates (des-events, -codegen, -core, -macros): {o:.1f} s "
                           f"of {t:.1f} s summed over all units ({100 * o / t:.0f} %)")
            user = statistics.median(c for _, _, c in own)
            split = ", ".join(f"{name} {statistics.median(v):.1f} s" for name, v in sections.items())
            out.append(f"- the user crate itself (macro expansion and the generated code): {user:.1f} s"
                       + (f" ({split})" if split else ""))
    print("\n".join(out))


def main(argv):
    if len(argv) == 3 and argv[1] == "count":
        print(len(unit_data(argv[2])))
    elif len(argv) == 3 and argv[1] == "report":
        report(argv[2])
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
