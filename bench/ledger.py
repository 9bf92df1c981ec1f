"""The ledger case of ``bench/load.py``: a street office's activity ledger of the demo district.

The demo's activities are written as a ledger (活动台账): one row per activity,
units by name only — a third of them with a suffix or prefix variant (党委,
居委会, the street in front), dates in mixed forms, and a few typos that need
the planner's decision. The store already holds the units (the roster).

Measured, in one run: the first load (read, resolve every name, stop with the
names to review), then the load with the planner's answers (resolve and
write). The floor is the same activities and participations loaded through
the normalised format (CSV), in the same run.
"""

from __future__ import annotations

import collections
import dataclasses
import random
import time
from pathlib import Path

from graphmodel.records import ActivityKind
from graphmodel.store import Bundle, open_store
from loaders.files import write_csv_folder
from loaders.ledgers import Resolution
from loaders.load import load_paths
from loaders.names import normalise
from translations import Words

TYPOS = 20  # distinct misspelt names the planner reviews
_DATE_FORMS = (
    lambda d: d,  # an Excel date
    lambda d: f"{d.year}.{d.month}.{d.day}",
    lambda d: f"{d.year}-{d.month}-{d.day}",
    lambda d: d.isoformat(),
)
_KIND = {k.value: k.zh for k in ActivityKind}


def ledger_rows(bundle: Bundle, seed: int = 7):
    """(rows, names written, typo names) of the ledger of ``bundle``'s activities."""
    rng = random.Random(seed)
    units = {u.id: u for u in bundle.units}
    streets = {z.id: z.name for z in bundle.zones}
    unique = collections.Counter(normalise(u.name) for u in bundle.units)
    typo_units = rng.sample([u for u in bundle.units if unique[normalise(u.name)] == 1], TYPOS)
    typos = {u.id: _typo(u.name) for u in typo_units}
    taking: dict[str, list] = collections.defaultdict(list)
    for p in bundle.participations:
        if p.unit:
            taking[p.activity].append(p)
    rows, names = [], 0

    def written(unit_id: str) -> str:
        unit = units[unit_id]
        if unit_id in typos and rng.random() < 0.5:
            return typos[unit_id]
        if unique[normalise(unit.name)] > 1 or rng.random() > 0.33:
            return unit.name
        return rng.choice(
            (f"{unit.name}党委", f"{unit.name}党支部", f"{streets.get(unit.street, '')}{unit.name}")
        )

    for n, activity in enumerate(bundle.activities):
        hosts = [written(p.unit) for p in taking[activity.id] if p.role == "host"]
        guests = [written(p.unit) for p in taking[activity.id] if p.role != "host"]
        if activity.initiator == "district":
            hosts.insert(0, "区委")
        names += len(hosts) + len(guests)
        rows.append(
            [
                _DATE_FORMS[n % len(_DATE_FORMS)](activity.date),
                activity.title,
                _KIND[activity.kind],
                "、".join(hosts),
                rng.choice(("、", "，", "/", "\n")).join(guests),
            ]
        )
    return rows, names, set(typos.values())


def _typo(name: str) -> str:
    """The name with one character changed, as a hurried typist would."""
    middle = len(name) // 2
    return name[:middle] + ("记" if name[middle] != "记" else "计") + name[middle + 1 :]


def write_ledger(path: Path, rows) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("活动台账")
    sheet.append(["日期", "活动名称", "活动类型", "牵头单位", "参与单位"])
    for row in rows:
        sheet.append(row)
    book.save(path)


def run_ledger(scale: str, bundle: Bundle, workdir: Path) -> dict:
    """Time the review pass and the resolved load of the ledger; and the normalised floor."""
    rows, names, typos = ledger_rows(bundle)
    path = workdir / f"ledger-{scale}.xlsx"
    write_ledger(path, rows)
    roster = Bundle(zones=bundle.zones, units=bundle.units)
    store = open_store(f"sqlite:///{workdir}/ledger-{scale}.db")
    store.load(roster)
    progress = _Progress() if len(rows) > 20_000 else None

    start = time.perf_counter()
    first = load_paths([path], store, progress=progress)
    review = time.perf_counter() - start
    answers = [
        Resolution(p.name, p.street, unit=p.candidates[0].unit)
        for p in first.review
        if p.candidates
    ]
    start = time.perf_counter()
    second = load_paths([path], store, resolutions=answers, progress=progress)
    resolved = time.perf_counter() - start
    assert second.written, [str(p) for p in second.errors[:5]] + [p.name for p in second.review[:5]]

    floor_store = open_store(f"sqlite:///{workdir}/floor-{scale}.db")
    floor_store.load(roster)
    csv = workdir / f"csv-{scale}"
    unit_taking = [p for p in bundle.participations if p.unit]
    plain = [dataclasses.replace(a, agreement=None) for a in bundle.activities]
    write_csv_folder(Bundle(activities=plain, participations=unit_taking), csv)
    start = time.perf_counter()
    assert load_paths([csv], floor_store).written
    floor = time.perf_counter() - start
    return {
        "rows": len(rows),
        "names": names,
        "to_review": len(first.review),
        "typos": len(typos),
        "review_pass": review,
        "resolved_load": resolved,
        "floor": floor,
        "rules": second.rules,
        "participations": store.counts()["participations"],
    }


class _Progress:
    """Stage lines with elapsed seconds, as ``cobuild load`` prints them."""

    def __init__(self) -> None:
        self.start = time.perf_counter()

    def __call__(self, stage: Words) -> None:
        print(
            f"    [{time.perf_counter() - self.start:6.1f} s] {stage.zh} / {stage.en}", flush=True
        )
        if stage.en == "done":
            self.start = time.perf_counter()
