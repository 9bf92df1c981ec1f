"""Load benchmark for the embedded store: the demo at scale S (and M) from CSV files.

    .venv/bin/python bench/load.py            # S and M
    .venv/bin/python bench/load.py --scale S  # S only
    .venv/bin/python bench/load.py --ledger district   # a street office's ledger (bench/ledger.py)
    .venv/bin/python bench/load.py --ledger M

Prints records/s for the project's path (read CSV, validate every cell and
reference, write in one transaction) and, in the same run, for a floor: the same
rows inserted with plain ``executemany`` and no validation. Target: M under 60 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from graphmodel.store import open_store
from graphmodel.store.sqlite import CODECS, _schema
from loaders.demo import generate
from loaders.files import write_csv_folder
from loaders.load import load_paths

END = dt.date(2026, 6, 30)


def project_load(folder: Path, workdir: Path) -> float:
    store = open_store(f"sqlite:///{workdir}/project.db")
    start = time.perf_counter()
    report = load_paths([folder], store)
    elapsed = time.perf_counter() - start
    assert report.ok, [str(p) for p in report.problems[:5]]
    return elapsed


def floor_load(bundle, workdir: Path) -> float:
    """Plain executemany of pre-encoded rows: what SQLite alone costs."""
    con = sqlite3.connect(workdir / "floor.db", isolation_level=None)
    con.executescript(_schema())
    rows = {t: [c.to_row(r) for r in bundle.table(t)] for t, c in CODECS.items()}
    start = time.perf_counter()
    con.execute("BEGIN")
    for table, codec in CODECS.items():
        marks = ", ".join("?" * len(codec.sql_columns))
        con.executemany(f"INSERT INTO {table} VALUES ({marks})", rows[table])
    con.execute("COMMIT")
    elapsed = time.perf_counter() - start
    con.close()
    return elapsed


def run(scale: str, repeats: int) -> None:
    bundle = generate(seed=7, scale=scale, end=END)
    records = len(bundle)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "csv"
        write_csv_folder(bundle, folder)
        project, floor = [], []
        for i in range(repeats):
            work = Path(tmp) / f"run{i}"
            work.mkdir()
            project.append(project_load(folder, work))
            floor.append(floor_load(bundle, work))
    p, f = statistics.median(project), statistics.median(floor)
    print(
        f"{scale}: {records:,} records | project path (CSV → validate → store) "
        f"median {p:.2f} s = {records / p:,.0f} rec/s | floor (executemany only) "
        f"{f:.2f} s = {records / f:,.0f} rec/s | ratio {p / f:.1f}× (runs: {repeats})"
    )


def ledger(scale: str) -> None:
    """The ledger case: targets district ≤ 5 s, M ≤ 120 s for the resolved load."""
    from ledger import run_ledger

    bundle = generate(seed=7, scale=scale, end=END)
    with tempfile.TemporaryDirectory() as tmp:
        r = run_ledger(scale, bundle, Path(tmp))
    print(
        f"ledger {scale}: {r['rows']:,} rows, {r['names']:,} names, {r['typos']} typos → "
        f"{r['to_review']} names to review | review pass {r['review_pass']:.2f} s | "
        f"resolved load (resolve + write) {r['resolved_load']:.2f} s | floor (the same "
        f"activities and participations as normalised CSV) {r['floor']:.2f} s | ratio "
        f"{r['resolved_load'] / r['floor']:.1f}× | rules {dict(r['rules'])} | "
        f"{r['participations']:,} participations"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=["S", "M"], action="append")
    parser.add_argument("--ledger", choices=["district", "S", "M"], action="append")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    for scale in args.ledger or []:
        ledger(scale)
    if args.ledger and not args.scale:
        return
    for scale in args.scale or ["S", "M"]:
        run(scale, args.repeats if scale == "S" else max(1, args.repeats - 2))


if __name__ == "__main__":
    main()
