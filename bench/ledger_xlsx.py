"""The assessment ledger workbook (考核台账, ``/assessment.xlsx``): the streaming writer
against openpyxl's write-only mode, same sheets, same run.

    .venv/bin/python bench/ledger_xlsx.py --store sqlite:////tmp/m-copy.db   # M (a copy)
    .venv/bin/python bench/ledger_xlsx.py --scale S                           # demo at S

(``bench/ledger.py`` is the *activity* ledger import of ``bench/load.py``; this is the
assessment ledger export.) The app is made on the store (a loaded SQLite or Neo4j store,
or the demo of ``--scale`` loaded into ``bench/data/``), and in one request context of
the default window, as the background job's ledger step runs:

- **ledger rows**: the unit sheet's rows (one per unit per quarter) made by this code
  (a quarter at a time from the scores' arrays) and by the row-per-unit loop it
  replaced (kept below as :func:`rows_before`), quarter scores warm;
- **write**: the four sheets written by :func:`service.exports.write_xlsx` (rows made
  as they are written, so this includes the rows), ``--repeats`` times, and by
  :func:`service.exports.write_xlsx_openpyxl` (the previous writer), ``--baseline-repeats``
  times: CPU and wall seconds (medians), the file's size, and the ratio;
- **the step**: the ``assessment.export_xlsx`` view as the background job calls it
  (ledger, file, shared results; the district's caches warm by then), then once more
  (the file shared: a download).

CPU seconds are this process's (``time.process_time``): the machine is shared.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def timed(work) -> tuple[float, float, object]:
    """(CPU seconds, wall seconds, result) of ``work()``."""
    cpu, wall = time.process_time(), time.perf_counter()
    result = work()
    return time.process_time() - cpu, time.perf_counter() - wall, result


def rows_before(district, rules) -> list[list]:
    """The unit sheet's rows as the ledger made them before (a Python loop per unit and cell)."""
    from graphmodel.assessment import partial_quarters, quarters, scores
    from service.rules import RATING_ZH
    from service.views.assessment import PARTIAL, STATUS_BY_CODE, _street_name

    partial = partial_quarters(district)
    periods = [(label, scores(district, rules, window)) for label, window in quarters(district)]
    by_street = sorted(district.scope_units, key=lambda u: (_street_name(district, u), u))
    rows = []
    for label, result in periods:
        position = {u: j for j, u in enumerate(result.units)}
        values, status = result.values.tolist(), result.status.tolist()
        for uid in by_street:
            j = position[uid]
            score = result.score[j]
            row = [_street_name(district, uid), label, uid, district.unit[uid].name]
            row += [None if score != score else float(score)]
            row.append(RATING_ZH.get(result.rating[j], ""))
            for value, code in zip(values[j], status[j], strict=True):
                row += [None if value != value else value, STATUS_BY_CODE[code]]
            rows.append([*row, PARTIAL if label in partial else ""])
    return rows


class RssPeak:
    """The most this process's resident memory grew while the block ran (sampled every 20 ms)."""

    def __enter__(self) -> RssPeak:
        self.start = self.peak = rss_mb()
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()
        return self

    def _sample(self) -> None:
        while not self.done.wait(0.02):
            self.peak = max(self.peak, rss_mb())

    def __exit__(self, *exc) -> None:
        self.done.set()
        self.thread.join()
        self.grown = self.peak - self.start


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def store_url(args, folder: Path) -> str:
    if args.store:
        return args.store
    from demo_cache import END, SEED, bundle_for

    from graphmodel.store import open_store

    path = ROOT / "bench" / "data" / f"ledger-{args.scale}-seed{SEED}-{END}.db"
    if not path.exists():
        open_store(f"sqlite:///{path}").load(bundle_for(args.scale), source="demo")
    return f"sqlite:///{path}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", help="a loaded store's URL (M: a copy of /tmp/m.db)")
    parser.add_argument("--scale", default="S", help="the demo's scale when no --store")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--baseline-repeats", type=int, default=1)
    args = parser.parse_args()
    print(f"load average at start: {os.getloadavg()}", flush=True)
    with tempfile.TemporaryDirectory() as folder:
        run(args, Path(folder))
    print(f"load average at end: {os.getloadavg()}", flush=True)


def run(args, folder: Path) -> None:
    from service import create_app
    from service.downloads import caption_tail
    from service.exports import write_xlsx, write_xlsx_openpyxl
    from service.params import analysis
    from service.rules import current_rules
    from service.settings import Settings
    from service.views.assessment import ledger

    settings = Settings(
        store=store_url(args, folder),
        accounts=str(folder / "accounts.db"),
        rules=str(folder / "rules.toml"),
        results=str(folder / "results.db"),
    )
    app = create_app(settings)
    with app.test_request_context("/"):
        request_analysis = analysis()
        cpu, wall, district = timed(request_analysis.district)
        print(f"snapshot and district: {cpu:.1f} s CPU, {wall:.1f} s wall", flush=True)
        rules = current_rules()
        caption = caption_tail(request_analysis, exporter=False)
        cpu, wall, _ = timed(lambda: ledger(district, rules, caption))
        print(f"ledger() cold (quarter scores, follow-up): {cpu:.1f} s CPU, {wall:.1f} s wall")
        figures = {}
        for name, writer, repeats in (
            ("streaming (write_xlsx)", write_xlsx, args.repeats),
            ("openpyxl write-only", write_xlsx_openpyxl, args.baseline_repeats),
        ):
            runs = []
            for _ in range(repeats):
                path = folder / "ledger.xlsx"
                with RssPeak() as rss:
                    cpu, wall, _ = timed(
                        lambda w=writer, p=path: w(p, ledger(district, rules, caption))
                    )
                runs.append((cpu, wall, path.stat().st_size / 1e6, rss.grown))
                print(f"  {name}: {cpu:.1f} s CPU, {wall:.1f} s wall", flush=True)
            figures[name] = [statistics.median(r[k] for r in runs) for k in range(4)]
        print("\n| writer | CPU s (median) | wall s | file MB | RSS growth while writing, MB |")
        print("|---|---:|---:|---:|---:|")
        for name, (cpu, wall, size, grown) in figures.items():
            print(f"| {name} | {cpu:.2f} | {wall:.2f} | {size:.1f} | {grown:.0f} |")
        stream, base = figures.values()
        print(
            f"\nopenpyxl ÷ streaming: × {base[0] / stream[0]:.1f} CPU, × {base[1] / stream[1]:.1f} wall"
        )
        cpu, wall, rows = timed(lambda: list(ledger(district, rules, caption)[0].rows))
        before_cpu, before_wall, before = timed(lambda: rows_before(district, rules))
        assert before == rows, "the rows differ from the loop they replace"
        print(
            f"ledger rows ({len(rows):,}): {cpu:.2f} s CPU / {wall:.2f} s wall;"
            f" before {before_cpu:.2f} s CPU / {before_wall:.2f} s wall"
            f" (× {before_cpu / cpu:.1f}), the same rows",
            flush=True,
        )
        del rows, before
        for label in ("the file made", "the file again (shared, as a download)"):
            cpu, wall, _ = timed(app.view_functions["assessment.export_xlsx"])
            print(f"export_xlsx step, {label}: {cpu:.2f} s CPU, {wall:.2f} s wall")


if __name__ == "__main__":
    main()
