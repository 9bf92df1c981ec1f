"""Activity: who is isolated, gone quiet, declining, only following, or pushed by the district.

:func:`isolated_units` reads the unit–unit graph; the others read the
bipartite graph ``B`` of units and activities (a NetworkX graph with
``bipartite`` node attributes, or an :class:`~graphmodel.projection.Incidence`)
and a :class:`~graphmodel.window.Window`. A unit "takes part" in an activity
in any role; it "hosts" as host or co-host.

>>> B = nx.Graph([("a", "x", {"role": "host"}), ("b", "x", {"role": "guest"})])
>>> nx.set_node_attributes(B, {"a": 0, "b": 0, "c": 0, "x": 1}, "bipartite")
>>> nx.set_node_attributes(B, {"x": dt.date(2026, 3, 1)}, "date")
>>> sorted(followers(B, Window(dt.date(2026, 6, 30), 12)))
['b']
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterable, Mapping

import networkx as nx
import numpy as np
import scipy.sparse as sp

from ..errors import MetricPrecondition
from ..projection import Incidence, SparseGraph, as_incidence, as_sparse
from ..window import Window

#: Declining: at least this many activities in the previous window …
DECLINE_MIN_BASE = 4
#: … and a drop of at least this share against it.
DECLINE_DROP = 0.5
#: Inactive: no activity in this many days before the window's end.
INACTIVE_DAYS = 90


def isolated_units(G: nx.Graph | SparseGraph) -> list:
    """Units without any tie: no joint activity with another unit in the graph's window.

    >>> G = nx.Graph([("a", "b")]); G.add_node("c")
    >>> isolated_units(G)
    ['c']
    """
    S = as_sparse(G)
    return [S.nodes[i] for i in np.flatnonzero(np.diff(S.weight.indptr) == 0)]


def _counts(inc: Incidence, window: Window, hosting: bool = False) -> np.ndarray:
    """Per unit: activities taken part in (or hosted) within ``window``."""
    part = inc.between(window.start, window.end)
    roles = part.roles
    if hosting:
        roles = roles.copy()
        roles.data = (roles.data >= 2).astype(np.int8)
        roles.eliminate_zeros()
    return np.diff(roles.indptr)


def activity_counts(B: nx.Graph | Incidence, window: Window) -> dict[Hashable, dict]:
    """Per unit: activities taken part in, hosted (host or co-host) and attended
    as a guest within ``window``.

    >>> B = nx.Graph([("a", "x", {"role": "host"})]); B.add_node("b", bipartite=0)
    >>> nx.set_node_attributes(B, {"a": 0, "x": 1}, "bipartite")
    >>> nx.set_node_attributes(B, {"x": dt.date(2026, 1, 5)}, "date")
    >>> activity_counts(B, Window(dt.date(2026, 6, 30)))["a"]
    {'activities': 1, 'hosted': 1, 'attended': 0}
    """
    inc = as_incidence(B)
    total = _counts(inc, window)
    hosted = _counts(inc, window, hosting=True)
    return {
        u: {"activities": int(t), "hosted": int(h), "attended": int(t - h)}
        for u, t, h in zip(inc.units, total, hosted, strict=True)
    }


def last_activity(B: nx.Graph | Incidence, end: dt.date) -> dict[Hashable, dt.date | None]:
    """Per unit: the date of its last activity on or before ``end`` (None if none)."""
    inc = as_incidence(B).between(None, end)
    roles = inc.roles
    counts = np.diff(roles.indptr)
    stamps = inc.dates.astype(np.int64)[roles.indices]  # NaT is the smallest int64
    latest = np.full(len(inc.units), np.iinfo(np.int64).min)
    if stamps.size:
        latest[counts > 0] = np.maximum.reduceat(stamps, roles.indptr[:-1][counts > 0])
    # tolist() turns each day into a datetime.date and NaT into None.
    return dict(zip(inc.units, latest.astype("datetime64[D]").tolist(), strict=True))


def inactive_units(
    B: nx.Graph | Incidence, end: dt.date, days: int = INACTIVE_DAYS
) -> dict[Hashable, dt.date | None]:
    """Units whose last activity is more than ``days`` days before ``end``, with
    that date (None: no activity on record).

    >>> B = nx.Graph([("a", "x")]); B.add_node("b")
    >>> nx.set_node_attributes(B, {"a": 0, "b": 0, "x": 1}, "bipartite")
    >>> nx.set_node_attributes(B, {"x": dt.date(2026, 1, 5)}, "date")
    >>> inactive_units(B, dt.date(2026, 6, 30), days=90)
    {'a': datetime.date(2026, 1, 5), 'b': None}
    """
    if days < 0:
        raise MetricPrecondition("天数不能为负数，而不是 {days}", days=days)
    cutoff = end - dt.timedelta(days=days)
    return {u: last for u, last in last_activity(B, end).items() if last is None or last < cutoff}


def declining_units(
    B: nx.Graph | Incidence,
    window: Window,
    *,
    min_base: int = DECLINE_MIN_BASE,
    drop: float = DECLINE_DROP,
) -> dict[Hashable, dict]:
    """Units whose activity fell sharply: at least ``min_base`` activities in the
    previous window of the same length, and in this window at most
    ``(1 − drop)`` of that (by default: from 4 or more down by half or more),
    so that one lost activity is never a decline.

    >>> B = nx.Graph([("a", f"x{i}") for i in range(4)])
    >>> nx.set_node_attributes(B, {n: int(n != "a") for n in B}, "bipartite")
    >>> nx.set_node_attributes(B, {f"x{i}": dt.date(2025, 3, 1) for i in range(4)}, "date")
    >>> declining_units(B, Window(dt.date(2026, 6, 30)))
    {'a': {'previous': 4, 'current': 0, 'change': -1.0}}
    """
    if min_base < 1 or not 0 < drop <= 1:
        raise MetricPrecondition(
            "判断下降需要 min_base ≥ 1 且 0 < drop ≤ 1",
        )
    inc = as_incidence(B)
    now = _counts(inc, window)
    before = _counts(inc, window.previous())
    hit = (before >= min_base) & (now <= (1 - drop) * before)
    return {
        inc.units[i]: {
            "previous": int(before[i]),
            "current": int(now[i]),
            "change": float((now[i] - before[i]) / before[i]),
        }
        for i in np.flatnonzero(hit)
    }


def followers(
    B: nx.Graph | Incidence, window: Window, *, min_activities: int = 1
) -> dict[Hashable, int]:
    """Units that took part in at least ``min_activities`` activities in the
    window but hosted or co-hosted none, with how many they took part in."""
    inc = as_incidence(B)
    total = _counts(inc, window)
    hosted = _counts(inc, window, hosting=True)
    hit = (total >= max(min_activities, 1)) & (hosted == 0)
    return {inc.units[i]: int(total[i]) for i in np.flatnonzero(hit)}


def district_dependence(
    B: nx.Graph | Incidence,
    window: Window,
    groups: Mapping[Hashable, Iterable] | None = None,
) -> dict[Hashable, dict]:
    """Share of activities initiated by the district office, per unit (or, with
    ``groups``, per group of units: a zone's distinct activities), among those
    with at least one activity in the window.

    >>> B = nx.Graph([("a", "x"), ("a", "y")])
    >>> nx.set_node_attributes(B, {"a": 0, "x": 1, "y": 1}, "bipartite")
    >>> nx.set_node_attributes(B, {"x": dt.date(2026, 3, 1), "y": dt.date(2026, 4, 1)}, "date")
    >>> nx.set_node_attributes(B, {"x": True, "y": False}, "by_district")
    >>> district_dependence(B, Window(dt.date(2026, 6, 30)))
    {'a': {'activities': 2, 'by_district': 1, 'share': 0.5}}
    """
    inc = as_incidence(B).between(window.start, window.end)
    T = inc.taking_part
    pushed = inc.by_district.astype(np.float64)
    if groups is not None:
        keys = list(groups)
        rows_idx, cols_idx = [], []
        for g, members in enumerate(groups.values()):
            for u in members:
                if u in inc.index:
                    rows_idx.append(g)
                    cols_idx.append(inc.index[u])
        M = sp.csr_array(
            (np.ones(len(rows_idx)), (rows_idx, cols_idx)), shape=(len(keys), len(inc.units))
        )
        took = (M @ T).tocsr()  # groups × activities: > 0 when a member took part
        took.data[:] = 1.0
        total, by_district = np.diff(took.indptr), took @ pushed
    else:
        keys, total, by_district = list(inc.units), np.diff(T.indptr), T @ pushed
    return {
        key: {"activities": t, "by_district": int(round(p)), "share": p / t}
        for key, t, p in zip(keys, total.tolist(), by_district.tolist(), strict=True)
        if t
    }
