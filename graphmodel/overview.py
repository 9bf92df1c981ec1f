"""The district at a glance: what the store holds, by kind, street and month."""

from __future__ import annotations

import datetime as dt
import threading
from collections import Counter, OrderedDict
from dataclasses import dataclass

import numpy as np

from .district import District, whole_history
from .records import UnitKind
from .store import ImportLog, Store


@dataclass(frozen=True)
class Overview:
    """Counts for the first page; plain values, ready to render or serialise."""

    counts: dict[str, int]
    units_by_kind: list[tuple[str, str, int]]  # (kind, Chinese label, units)
    units_by_street: list[tuple[str, str, int]]  # (zone id, name, units)
    activities_by_month: list[tuple[str, int]]  # ("2026-07", activities)
    last_import: ImportLog | None


def months_back(end: dt.date, months: int) -> list[str]:
    """The ``months`` month labels ending with ``end``'s month, oldest first.

    >>> months_back(dt.date(2026, 2, 10), 3)
    ['2025-12', '2026-01', '2026-02']
    """
    index = end.year * 12 + end.month - 1
    return [f"{i // 12:04d}-{i % 12 + 1:02d}" for i in range(index - months + 1, index + 1)]


_cache: OrderedDict[tuple, Overview] = OrderedDict()
_cache_lock = threading.Lock()


def overview(store: Store, *, today: dt.date | None = None, months: int = 24) -> Overview:
    """Counts of units by kind and street, and activities per month up to ``today``;
    read once per store version (a city's store takes seconds to count this way)."""
    today = today or dt.date.today()
    key = (store.url, store.version(), today, months)
    with _cache_lock:
        if key in _cache:
            return _cache[key]
    found = _overview(store, today, months)
    with _cache_lock:
        _cache[key] = found
        while len(_cache) > 8:
            _cache.popitem(last=False)
    return found


def _overview(store: Store, today: dt.date, months: int) -> Overview:
    labels = months_back(today, months)
    start = dt.date.fromisoformat(labels[0] + "-01")
    # Counted on the cached snapshot of the whole history (the one the default window's
    # pages read), not on a second read of every unit and activity: seconds at city scale.
    whole = whole_history(store)
    if whole is None:  # no activity yet: the units alone
        units, zones, activities = store.units(), store.zones(), []
    else:
        units, zones, activities = whole.units, whole.zones, whole.activities
    kinds = Counter(u.kind for u in units)
    streets = Counter(u.street for u in units)
    names = {z.id: z.name for z in zones}
    per_month = Counter(
        f"{a.date.year:04d}-{a.date.month:02d}" for a in activities if start <= a.date <= today
    )
    imports = store.imports(limit=1)
    return Overview(
        counts=store.counts(),
        units_by_kind=[(k.value, k.zh, kinds[k.value]) for k in UnitKind if kinds[k.value]],
        units_by_street=sorted(
            ((s or "", names.get(s, s or "—"), n) for s, n in streets.items()),
            key=lambda row: (-row[2], row[1]),
        ),
        activities_by_month=[(m, per_month[m]) for m in labels],
        last_import=imports[0] if imports else None,
    )


def territory_counts(district: District, territory: frozenset[str]) -> dict[str, int]:
    """What the store holds about ``territory``'s streets (keys as :meth:`Store.counts`):
    their units, the organisations and members of those units, the activities and
    participations they took part in, their agreements and the zones holding them."""
    units = {u.id for u in district.units if u.street in territory}
    orgs = {o.id for o in district.party_orgs if any(u in units for u in o.units)}
    members = {m.id for m in district.members if m.party_org in orgs}
    inc = district.incidence
    rows = [inc.index[u] for u in sorted(units) if u in inc.index]
    took_part = inc.roles[rows] if rows else None
    activities = (
        {inc.activities[j] for j in took_part.tocoo().col} if took_part is not None else set()
    )
    took = district.took_part
    # Positions -1 (none named) and -2 (unknown id) index the two False entries at the end.
    mine = [
        np.array([r.id in ids for r in records] + [False, False], dtype=bool)
        for ids, records in (
            (units, district.units),
            (orgs, district.party_orgs),
            (members, district.members),
        )
    ]
    participations = np.count_nonzero(
        mine[0][took.unit] | mine[1][took.party_org] | mine[2][took.member]
    )
    zones = {z for u in district.units if u.id in units for z in (u.street, *u.zones) if z}
    return {
        "zones": len(zones),
        "units": len(units),
        "party_orgs": len(orgs),
        "members": len(members),
        "activities": len(activities),
        "participations": int(participations),
        "agreements": sum(1 for a in district.agreements if any(u in units for u in a.units)),
    }


def territory_overview(
    store: Store, district: District, territory: frozenset[str], *, months: int = 24
) -> Overview:
    """:func:`overview` for a street planner: counts of ``territory``'s streets only,
    activities per month of those their units took part in (up to ``district``'s window end)."""
    end = district.window.end
    units = [u for u in district.units if u.street in territory]
    kinds = Counter(u.kind for u in units)
    streets = Counter(u.street for u in units)
    names = {z.id: z.name for z in district.zones}
    labels = months_back(end, months)
    inc = district.incidence
    rows = [inc.index[u.id] for u in units if u.id in inc.index]
    cols = sorted(set(inc.roles[rows].tocoo().col)) if rows else []
    per_month = Counter(str(inc.dates[j])[:7] for j in cols)
    imports = store.imports(limit=1)
    counts = district.shared(
        ("territory-counts", territory), lambda: territory_counts(district, territory)
    )
    return Overview(
        counts=counts,
        units_by_kind=[(k.value, k.zh, kinds[k.value]) for k in UnitKind if kinds[k.value]],
        units_by_street=sorted(
            ((s or "", names.get(s, s or "—"), n) for s, n in streets.items()),
            key=lambda row: (-row[2], row[1]),
        ),
        activities_by_month=[(m, per_month[m]) for m in labels],
        last_import=imports[0] if imports else None,
    )
