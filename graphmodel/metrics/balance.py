"""Give and take: who hosts for whom, and whether partnerships run both ways.

A unit *gives* when it hosts or co-hosts an activity and *takes* when it
attends one as a guest. Per partner pair, ``a_gives`` counts the activities in
which ``a`` hosted and ``b`` was a guest. Both functions read the bipartite
graph ``B`` (NetworkX with ``bipartite`` node attributes, or an
:class:`~graphmodel.projection.Incidence`) within a window.

>>> import datetime as dt
>>> B = nx.Graph([("a", "x", {"role": "host"}), ("b", "x", {"role": "guest"})])
>>> nx.set_node_attributes(B, {"a": 0, "b": 0, "x": 1}, "bipartite")
>>> nx.set_node_attributes(B, {"x": dt.date(2026, 3, 1)}, "date")
>>> unit_balance(B, Window(dt.date(2026, 6, 30)))["a"]["balance"]
1.0
"""

from __future__ import annotations

from collections.abc import Hashable

import networkx as nx
import numpy as np
import scipy.sparse as sp

from ..errors import MetricPrecondition
from ..projection import Incidence, as_incidence
from ..window import Window
from .activity import activity_counts

#: A pair is one-sided when at least this many exchanges all went one way.
ONE_SIDED_MIN = 2


def unit_balance(B: nx.Graph | Incidence, window: Window) -> dict[Hashable, dict]:
    """Per unit with activity in the window: hosted, attended and the balance
    score (hosted − attended) / (hosted + attended), from −1 (only attends) to
    +1 (only hosts)."""
    return {
        u: {**c, "balance": (c["hosted"] - c["attended"]) / c["activities"]}
        for u, c in activity_counts(B, window).items()
        if c["activities"]
    }


def partner_balance(
    B: nx.Graph | Incidence,
    window: Window,
    *,
    max_size: int | None = None,
    one_sided_min: int = ONE_SIDED_MIN,
) -> list[dict]:
    """Per partner pair with at least one exchange: ``a_gives``, ``b_gives``,
    ``balance`` = (a_gives − b_gives) / (a_gives + b_gives) and ``one_sided``
    (at least ``one_sided_min`` exchanges, all one way). The pair is ordered so
    that ``a`` gives at least as much as ``b``. Activities of more than
    ``max_size`` units are left out (a gathering is not an exchange).

    >>> import datetime as dt
    >>> B = nx.Graph([("b", "x"), ("b", "y")])
    >>> B.add_edges_from([("a", "x"), ("a", "y")], role="host")
    >>> nx.set_node_attributes(B, {"a": 0, "b": 0, "x": 1, "y": 1}, "bipartite")
    >>> nx.set_node_attributes(B, {"x": dt.date(2026, 3, 1), "y": dt.date(2026, 4, 1)}, "date")
    >>> partner_balance(B, Window(dt.date(2026, 6, 30)))
    [{'a': 'a', 'b': 'b', 'a_gives': 2, 'b_gives': 0, 'balance': 1.0, 'one_sided': True}]
    """
    if one_sided_min < 1:
        raise MetricPrecondition(
            "one_sided_min 至少为 1，而不是 {one_sided_min}",
            one_sided_min=one_sided_min,
        )
    inc = as_incidence(B).between(window.start, window.end)
    if max_size is not None:
        inc = inc.columns(inc.sizes() <= max_size)
    hosts = (inc.roles >= 2).astype(np.float64)
    guests = (inc.roles == 1).astype(np.float64)
    gives = (hosts @ guests.T).tocsr()
    gives = (gives - sp.diags_array(gives.diagonal())).tocsr()  # a unit cannot give to itself
    gives.eliminate_zeros()
    pairs = sp.triu(gives + gives.T, k=1).tocoo()
    if not pairs.nnz:
        return []
    forward = np.asarray(gives[pairs.row, pairs.col]).ravel().astype(np.int64)
    backward = np.asarray(gives[pairs.col, pairs.row]).ravel().astype(np.int64)
    names = np.array([str(u) for u in inc.units])
    # Order each pair so that ``a`` gives at least as much (ties: the smaller id first).
    swap = (backward > forward) | ((backward == forward) & (names[pairs.col] < names[pairs.row]))
    a = np.where(swap, pairs.col, pairs.row)
    b = np.where(swap, pairs.row, pairs.col)
    x = np.where(swap, backward, forward)
    y = np.where(swap, forward, backward)
    order = np.lexsort((names[b], names[a], -(x + y)))
    units = inc.units
    return [
        {
            "a": units[i],
            "b": units[j],
            "a_gives": int(g),
            "b_gives": int(t),
            "balance": (g - t) / (g + t),
            "one_sided": bool(t == 0 and g >= one_sided_min),
        }
        for i, j, g, t in zip(
            a[order].tolist(), b[order].tolist(), x[order].tolist(), y[order].tolist(), strict=True
        )
    ]
