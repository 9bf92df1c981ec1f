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
"""

from __future__ import annotations

from collections.abc import Hashable
from itertools import islice

import networkx as nx

from .errors import MetricPrecondition

#: The most chains :func:`strong_paths` returns.
PATHS = 3


def ego_units(G: nx.Graph, unit: Hashable, hops: int = 1) -> dict[Hashable, int]:
    """``unit`` and every unit within ``hops`` ties of it, with the number of ties away."""
    if hops not in (1, 2):
        raise MetricPrecondition(
            f"hops must be 1 or 2, not {hops!r}", f"步数须为 1 或 2，而不是 {hops!r}"
        )
    if unit not in G:
        raise MetricPrecondition(f"no unit {unit!r} in the graph", f"网络中没有单位 {unit!r}")
    return dict(nx.single_source_shortest_path_length(G, unit, cutoff=hops))


def _length(u: Hashable, v: Hashable, data: dict) -> float:
    return 1.0 + 1.0 / max(float(data.get("weight", 1.0)), 1e-9)


def strong_paths(G: nx.Graph, a: Hashable, b: Hashable, k: int = PATHS) -> list[list[Hashable]]:
    """Up to ``k`` shortest chains from ``a`` to ``b`` (strong ties preferred); [] when
    no chain of ties connects them."""
    for unit in (a, b):
        if unit not in G:
            raise MetricPrecondition(f"no unit {unit!r} in the graph", f"网络中没有单位 {unit!r}")
    if a == b or not nx.has_path(G, a, b):
        return []
    # Chains longer than the shortest by more than one tie say little to a planner.
    fewest = nx.shortest_path_length(G, a, b)
    chains = islice(nx.shortest_simple_paths(G, a, b, weight=_length), k)
    return [list(p) for p in chains if len(p) - 1 <= fewest + 1]
