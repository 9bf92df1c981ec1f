"""The report step's time on one store: this code against a named revision, same run.

    .venv/bin/python bench/report_time.py --store sqlite:////tmp/m.db --before 02ab9a3
    .venv/bin/python bench/report_time.py --store sqlite:////tmp/m.db --before 02ab9a3 --rounds 5

Each round builds the report of the default window (``graphmodel.report.build_report``,
the background job's report step) once with the code of ``--before`` (``git archive``)
and once with this checkout, one after the other, each in a fresh process that first
reads the snapshot and its incidence (not timed). Printed per code: the median over the
rounds of the report's wall and CPU seconds and of each section's wall seconds, the
ratio before ÷ after, and whether the two codes' reports are identical (their JSON).
The machine is shared: compare the CPU seconds and the same-run ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from pages import checkout  # noqa: E402  (one way to unpack a revision for every bench)

CHILD = """
import datetime as dt, hashlib, json, sys, time
from graphmodel.district import District
from graphmodel.report import build_report
from graphmodel.store import open_store
from graphmodel.window import LAST_END, Window

store = open_store(sys.argv[1])
window = Window(store.last_activity(min(dt.date.today(), LAST_END)))
district = District.from_store(store, window)
district.window_incidence
timings = {}
wall, cpu = time.perf_counter(), time.process_time()
report = build_report(district, timings=timings)
wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
text = json.dumps(report, sort_keys=True, default=str).encode()
print(json.dumps({"wall": wall, "cpu": cpu, "sections": timings,
                  "digest": hashlib.sha256(text).hexdigest()}))
"""


def one_report(tree: Path, store: str) -> dict:
    """Wall, CPU, per-section seconds and the report's digest, in a fresh process."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    out = subprocess.run(
        [sys.executable, "-c", CHILD, store],
        cwd=tree,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def medians(runs: list[dict]) -> dict[str, float]:
    found = {"report (wall)": statistics.median(r["wall"] for r in runs)}
    found["report (CPU)"] = statistics.median(r["cpu"] for r in runs)
    for name in runs[0]["sections"]:
        found[name] = statistics.median(r["sections"][name] for r in runs)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", required=True, help="a loaded store (URL)")
    parser.add_argument("--before", required=True, help="the git revision to compare with")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        trees = {args.before: checkout(args.before, Path(tmp) / "before"), "this code": ROOT}
        runs: dict[str, list[dict]] = {label: [] for label in trees}
        for round_ in range(args.rounds):
            for label, tree in trees.items():
                runs[label].append(one_report(tree, args.store))
                last = runs[label][-1]
                print(
                    f"  round {round_ + 1}, {label}: {last['wall']:.2f} s wall, "
                    f"{last['cpu']:.2f} s CPU",
                    flush=True,
                )
    before, after = (medians(r) for r in runs.values())
    print(f"| step (median of {args.rounds}) | {args.before} | this code | before ÷ after |")
    print("|---|---|---|---|")
    for name, seconds in before.items():
        print(f"| {name} | {seconds:.2f} s | {after[name]:.2f} s | {seconds / after[name]:.2f}× |")
    digests = {r["digest"] for label in runs for r in runs[label]}
    print(f"reports identical: {'yes' if len(digests) == 1 else 'NO'}")


if __name__ == "__main__":
    main()
