"""Around one unit and between two: ego networks and the chains that connect units.

:func:`ego_units` lists a unit and the units within ``hops`` ties of it, with
their distance; :func:`strong_paths` finds the shortest chains of ties between
two units, preferring strong ties: a tie of ``w`` joint activities is
``1 + 1 / w`` long, so a chain with fewer ties always wins, and among chains
of the same number of ties the one through stronger ties comes first.

>>> G = nx.Graph([("a", "b", {"weight": 1}), ("b", "c", {"weight": 1}),
...               ("a", "d", {"weight": 5}), ("d", "c", {"weight": 5})])
>>> ego_units(G, "a", 1)
{'a': 0, 'b': 1, 'd': 1}
>>> strong_paths(G, "a", "c", k=2)
[['a', 'd', 'c'], ['a', 'b', 'c']]

On a city's graph (a :class:`~graphmodel.projection.SparseGraph` of 50,000 units)
:func:`within_hops` walks the sparse rows, and :func:`path_units` narrows the
search to the units that lie on a chain at most one tie longer than the
shortest, so that NetworkX only ever sees a small graph.

>>> S = as_sparse(G)
>>> within_hops(S, "a", 1) == ego_units(G, "a", 1), sorted(path_units(S, "a", "c"))
(True, ['a', 'b', 'c', 'd'])
"""

from __future__ import annotations

from collections.abc import Hashable
from itertools import islice

import networkx as nx
import numpy as np
from scipy.sparse import csgraph

from ..errors import MetricPrecondition
from ..projection import SparseGraph, as_sparse  # noqa: F401 (as_sparse: the doctest)

#: The most chains :func:`strong_paths` returns.
PATHS = 3


def ego_units(G: nx.Graph, unit: Hashable, hops: int = 1) -> dict[Hashable, int]:
    """``unit`` and every unit within ``hops`` ties of it, with the number of ties away."""
    if hops not in (1, 2):
        raise MetricPrecondition("步数须为 1 或 2，而不是 {hops!r}", hops=hops)
    if unit not in G:
        raise MetricPrecondition("网络中没有单位 {unit!r}", unit=unit)
    return dict(nx.single_source_shortest_path_length(G, unit, cutoff=hops))


def _length(u: Hashable, v: Hashable, data: dict) -> float:
    return 1.0 + 1.0 / max(float(data.get("weight", 1.0)), 1e-9)


def strong_paths(G: nx.Graph, a: Hashable, b: Hashable, k: int = PATHS) -> list[list[Hashable]]:
    """Up to ``k`` shortest chains from ``a`` to ``b`` (strong ties preferred); [] when
    no chain of ties connects them."""
    for unit in (a, b):
        if unit not in G:
            raise MetricPrecondition("网络中没有单位 {unit!r}", unit=unit)
    if a == b or not nx.has_path(G, a, b):
        return []
    # Chains longer than the shortest by more than one tie say little to a planner.
    fewest = nx.shortest_path_length(G, a, b)
    chains = islice(nx.shortest_simple_paths(G, a, b, weight=_length), k)
    return [list(p) for p in chains if len(p) - 1 <= fewest + 1]


def _known(S: SparseGraph, unit: Hashable) -> int:
    if unit not in S.index:
        raise MetricPrecondition("网络中没有单位 {unit!r}", unit=unit)
    return S.index[unit]


def within_hops(
    S: SparseGraph, unit: Hashable, hops: int = 1, allowed: set | None = None
) -> dict[Hashable, int]:
    """:func:`ego_units` on a sparse graph, through ``allowed`` units only (all if None)."""
    if hops not in (1, 2):
        raise MetricPrecondition("步数须为 1 或 2，而不是 {hops!r}", hops=hops)
    W = S.weight
    distance = {_known(S, unit): 0}
    frontier = list(distance)
    for step in range(1, hops + 1):
        following = []
        for i in frontier:
            for j in W.indices[W.indptr[i] : W.indptr[i + 1]]:
                j = int(j)
                if j not in distance and (allowed is None or S.nodes[j] in allowed):
                    distance[j] = step
                    following.append(j)
        frontier = following
    return {S.nodes[i]: d for i, d in distance.items()}


def path_units(S: SparseGraph, a: Hashable, b: Hashable) -> set[Hashable]:
    """The units on some chain from ``a`` to ``b`` at most one tie longer than the
    shortest (empty when no chain connects them)."""
    ia, ib = _known(S, a), _known(S, b)
    binary = S.matrix(None)
    distance = csgraph.shortest_path(binary, unweighted=True, directed=False, indices=[ia, ib])
    fewest = distance[0, ib]
    if not np.isfinite(fewest):
        return set()
    keep = np.flatnonzero(distance[0] + distance[1] <= fewest + 1)
    return {S.nodes[i] for i in keep}
