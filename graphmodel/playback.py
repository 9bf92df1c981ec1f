"""Time playback: how the network grew, one snapshot per month or quarter.

:func:`network_playback` cuts a district's window into calendar months or
quarters and gives, for each, the ties between units in scope that had joint
activity in it. A tie is *new* when the pair had never worked together before
that period (looking back to the first record, not only to the window's start);
a unit *fell silent* when it took part in some activity in the period before
and in none in this one. Gatherings of more than
:data:`~graphmodel.projection.GATHERING_SIZE` units make no ties, as in the
network view.

>>> import datetime as dt
>>> from graphmodel.records import Activity, Participation, Unit
>>> from graphmodel.store import Bundle
>>> units = [Unit("U1", "甲", "school"), Unit("U2", "乙", "school")]
>>> acts = [Activity("A1", "党课", "lecture", dt.date(2026, 5, 2))]
>>> parts = [Participation("A1", "U1"), Participation("A1", "U2")]
>>> d = District.from_bundle(Bundle(units=units, activities=acts, participations=parts),
...                          Window(dt.date(2026, 6, 30), 3))
>>> [(p["period"], p["edges"], p["silent"]) for p in network_playback(d, "month")["periods"]]
[('2026-04', [], []), ('2026-05', [['U1', 'U2', 1.0, True]], []), ('2026-06', [], ['U1', 'U2'])]
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import scipy.sparse as sp

from .district import District
from .projection import GATHERING_SIZE, Incidence, SparseGraph, project
from .window import Period, Window, add_months  # noqa: F401 (Window: the doctest)


def _pairs(G: SparseGraph, min_weight: float = 0.0) -> list[tuple[str, str, float]]:
    upper = sp.triu(G.weight, k=1).tocoo()
    keep = upper.data >= min_weight
    return [
        (G.nodes[i], G.nodes[j], float(w))
        for i, j, w in zip(upper.row[keep], upper.col[keep], upper.data[keep], strict=True)
    ]


def _active(inc: Incidence, start: dt.date, end: dt.date) -> set[str]:
    part = inc.between(start, end)
    return {inc.units[i] for i in np.flatnonzero(np.diff(part.roles.indptr))}


def network_playback(district: District, freq: str = "quarter", *, min_weight: float = 1.0) -> dict:
    """Snapshots per period (see the module docstring): ``{"freq", "periods": [{"period",
    "start", "end", "partial", "edges": [[a, b, weight, new]], "ties", "new_ties",
    "active", "silent"}]}``; only ties of at least ``min_weight`` joint activities are listed."""

    def build() -> dict:
        scope = district.scope_units
        in_scope = set(scope)
        inc = district.incidence
        periods: list[Period] = district.periods(freq)
        step = 1 if freq == "month" else 3
        first = periods[0].start
        before = project(inc.between(None, first - dt.timedelta(days=1)), max_size=GATHERING_SIZE)
        seen = {(a, b) for a, b, _ in _pairs(before.subgraph(scope))}
        was_active = _active(inc, add_months(first, -step), first - dt.timedelta(days=1))
        snapshots = []
        for p in periods:
            G = project(inc.between(p.start, p.end), max_size=GATHERING_SIZE).subgraph(scope)
            pairs = _pairs(G)
            edges = [[a, b, w, (a, b) not in seen] for a, b, w in pairs if w >= min_weight]
            active = _active(inc, p.start, p.end) & in_scope
            snapshots.append(
                {
                    **p.as_dict(),
                    "edges": edges,
                    "ties": len(edges),
                    "new_ties": sum(1 for e in edges if e[3]),
                    "active": len(active),
                    "silent": sorted((was_active & in_scope) - active),
                }
            )
            seen.update((a, b) for a, b, _ in pairs)
            was_active = active
        return {"freq": freq, "periods": snapshots}

    return district.memo(("playback", freq, min_weight), build)
