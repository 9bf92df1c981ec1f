"""The suggestion model's refit at a scale, this code against an earlier revision, in one run.

    .venv/bin/python bench/refit.py --scale M --before edf8286

What the background job runs after a load (``graphmodel.suggest.card``): the
backtest with the fit (training windows before the validation split, then the
validation of every method and the choice), from a snapshot of the whole
history; then what the suggestions step computes with the chosen model: the
zone proposals for the small units, the work list's first page and the help
list. Each revision runs in its own process, one after the other
(``--before`` is unpacked with ``git archive`` into a temporary directory and
put first on the path; the demo bundle is shared from bench/data/). Reported:
CPU seconds of that process (the machine is shared: CPU is the steadier
figure), wall seconds, the ratio, and whether the chosen model, every backtest
figure and the suggestions are the very same. Target (issue 15): the whole
refit ≤ 10 s CPU at M.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: Run in a child process with the revision's code first on the path: only
#: functions both revisions have.
MEASURE = """
import json, sys, time
sys.path.insert(0, sys.argv[2])  # bench/ of this tree, for demo_cache
from demo_cache import END, bundle_for
from graphmodel.district import District
from graphmodel.suggest.backtest import backtest
from graphmodel.suggest.features import district_features
from graphmodel.suggest.triage import propose_zones, who_to_help
from graphmodel.suggest.worklist import work_list
from graphmodel.window import Window

def timed(fn):
    wall, cpu = time.perf_counter(), time.process_time()
    out = fn()
    return time.perf_counter() - wall, time.process_time() - cpu, out

district = District.from_bundle(bundle_for(sys.argv[1]), Window(END, 12))
district_features(district)  # the pages build it once per load anyway
district.participations  # as the pages' snapshot may hold them: the old refit read them
fit_wall, fit_cpu, result = timed(lambda: backtest(district, k=10))
model = result.chosen
zones_wall, zones_cpu, zones = timed(lambda: propose_zones(district, weights=model))
page_wall, page_cpu, page = timed(lambda: (
    work_list(district, weights=model), who_to_help(district, weights=model, limit=0)
))
figures = result.as_dict()
figures["model"].pop("made_at")
figures["model"]["fit"].pop("seconds")
print(json.dumps({
    "refit": [fit_wall, fit_cpu], "zones": [zones_wall, zones_cpu],
    "page": [page_wall, page_cpu], "page_out": page,
    "figures": figures, "zones_out": zones, "method": model.method,
}, sort_keys=True, default=str))
"""


def run(tree: Path, scale: str) -> dict:
    """The measurement in a child process on the code of ``tree``."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, scale, str(ROOT / "bench")],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def unpack(revision: str, into: Path) -> Path:
    """``revision``'s tracked files in ``into`` (no worktree, no change to the repository)."""
    archive = subprocess.run(
        ["git", "archive", "--format=tar", revision], cwd=ROOT, capture_output=True, check=True
    ).stdout
    path = into / "tree.tar"
    path.write_bytes(archive)
    with tarfile.open(path) as tar:
        tar.extractall(into / "tree", filter="data")
    return into / "tree"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=["district", "S", "M"], default="M")
    parser.add_argument("--before", help="An earlier revision to measure first (e.g. edf8286).")
    args = parser.parse_args()
    load = os.getloadavg()
    print(f"{args.scale}: load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} at the start")
    found = {}
    with tempfile.TemporaryDirectory() as tmp:
        if args.before:
            found["before"] = run(unpack(args.before, Path(tmp)), args.scale)
        found["after"] = run(ROOT, args.scale)
    for name, row in found.items():
        print(
            f"  {name:<6} refit {row['refit'][1]:6.1f} s CPU ({row['refit'][0]:6.1f} s wall), "
            f"zone proposals {row['zones'][1]:5.1f} s CPU ({row['zones'][0]:5.1f} s wall), "
            f"work list page 1 + help list {row['page'][1]:5.1f} s CPU; "
            f"model in use: {row['method']}"
        )
    if "before" in found:
        before, after = found["before"], found["after"]
        print(
            f"  after ÷ before (CPU): refit {after['refit'][1] / before['refit'][1]:.2f}, "
            f"zone proposals {after['zones'][1] / before['zones'][1]:.2f}; the same backtest "
            f"figures and model: {before['figures'] == after['figures']}; the same zone "
            f"proposals: {before['zones_out'] == after['zones_out']}; the same work list and "
            f"help list: {before['page_out'] == after['page_out']}"
        )
    load = os.getloadavg()
    print(f"  load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} at the end")


if __name__ == "__main__":
    main()
