"""Density: how many of the possible partnerships exist.

Every function takes the unit–unit graph ``G`` (a NetworkX graph or the
projection's :class:`~graphmodel.projection.SparseGraph`) and counts ties,
not their weights: a tie is a pair of units with at least one joint activity.

>>> G = nx.Graph([("a", "b"), ("b", "c")]); G.add_node("d")
>>> density(G)
0.3333333333333333
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence

import networkx as nx
import numpy as np
import scipy.sparse as sp

from ..errors import MetricPrecondition
from ..projection import SparseGraph, as_sparse


def density(G: nx.Graph | SparseGraph) -> float:
    """Ties present over unit pairs possible, in [0, 1] (0 for fewer than two units)."""
    S = as_sparse(G)
    n = len(S)
    return 0.0 if n < 2 else S.number_of_edges / (n * (n - 1) / 2)


def groups_by_attribute(G: nx.Graph | SparseGraph, attribute: str) -> dict[Hashable, list]:
    """Node lists per value of a node attribute; a list or tuple value puts a
    node in several groups, a missing or empty one in none.

    >>> G = nx.Graph(); G.add_nodes_from([(1, {"zones": ("Z1", "Z2")}), (2, {"zones": ("Z1",)})])
    >>> groups_by_attribute(G, "zones")
    {'Z1': [1, 2], 'Z2': [1]}
    """
    S = as_sparse(G)
    groups: dict[Hashable, list] = {}
    attrs, none = S.attrs, {}
    for node in S.nodes:
        value = attrs.get(node, none).get(attribute)
        if value is None:
            continue
        if isinstance(value, (list, tuple, set, frozenset)):
            for v in value:
                if v is not None and v != "":
                    groups.setdefault(v, []).append(node)
        elif value != "":
            group = groups.get(value)
            if group is None:
                groups[value] = [node]
            else:
                group.append(node)
    return groups


def membership(S: SparseGraph, groups: Mapping[Hashable, Iterable]) -> sp.csr_array:
    """A 0/1 matrix nodes × groups (in the mapping's order)."""
    rows: list[int | None] = []
    counts = []
    for nodes in groups.values():
        found = list(map(S.index.get, nodes))
        rows += found
        counts.append(len(found))
    if None in rows:
        node = next(n for nodes in groups.values() for n in nodes if n not in S.index)
        raise MetricPrecondition(
            "分组成员 {node!r} 不在网络中",
            node=node,
        )
    cols = np.repeat(np.arange(len(counts)), counts)
    data = np.ones(len(rows))
    M = sp.csr_array((data, (rows, cols)), shape=(len(S), len(groups)))
    M.data[:] = 1.0  # a node listed twice in one group still counts once
    return M


def group_density(
    G: nx.Graph | SparseGraph, groups: Mapping[Hashable, Iterable]
) -> dict[Hashable, dict]:
    """Per group of units (a street, a zone): its internal density and its ties outside.

    ``internal_ties`` join two members; ``external_ties`` join a member to a
    non-member; ``external_share`` is the share of the members' ties that leave
    the group; ``external_density`` is ``external_ties`` over member × non-member
    pairs. Values that are not defined (a group of one unit, no ties) are None.

    >>> G = nx.Graph([("a", "b"), ("b", "c"), ("c", "d")])
    >>> group_density(G, {"east": ["a", "b", "c"]})["east"]["external_share"]
    0.3333333333333333
    """
    S = as_sparse(G)
    A = S.matrix(None)
    M = membership(S, groups)
    n = len(S)
    size = np.asarray(M.sum(axis=0)).ravel()
    ends = np.asarray((A @ M).multiply(M).sum(axis=0)).ravel()  # 2 × internal ties
    degree_sum = M.T @ np.asarray(A.sum(axis=1)).ravel()
    result = {}
    for g, key in enumerate(groups):
        k, internal = int(size[g]), int(round(ends[g] / 2))
        external = int(round(degree_sum[g] - ends[g]))
        result[key] = {
            "units": k,
            "internal_ties": internal,
            "internal_density": internal / (k * (k - 1) / 2) if k >= 2 else None,
            "external_ties": external,
            "external_share": external / (internal + external) if internal + external else None,
            "external_density": external / (k * (n - k)) if 0 < k < n else None,
        }
    return result


def kind_mixing(G: nx.Graph | SparseGraph, attribute: str = "kind") -> list[dict]:
    """Who works with whom, by a node attribute (unit kind): one row per ordered pair.

    ``ties`` between the two kinds, ``possible`` pairs, ``density``, and
    ``share``: of the ties of units of ``kind_a``, the share that go to
    ``kind_b`` (so a row ``government, government, share 0.9`` says that organs
    work almost only with organs).

    >>> G = nx.Graph([("a", "b"), ("a", "c")])
    >>> nx.set_node_attributes(G, {"a": "school", "b": "school", "c": "community"}, "kind")
    >>> [(r["kind_a"], r["kind_b"], r["share"]) for r in kind_mixing(G)][:2]
    [('community', 'community', 0.0), ('community', 'school', 1.0)]
    """
    S = as_sparse(G)
    groups = dict(sorted(groups_by_attribute(S, attribute).items(), key=lambda kv: str(kv[0])))
    if not groups:
        return []
    A = S.matrix(None)
    M = membership(S, groups)
    T = (M.T @ (A @ M)).toarray()
    size = np.asarray(M.sum(axis=0)).ravel()
    rows = []
    keys = list(groups)
    for a, ka in enumerate(keys):
        out = T[a].sum()
        for b, kb in enumerate(keys):
            ties = T[a, b] / 2 if a == b else T[a, b]
            possible = size[a] * (size[a] - 1) / 2 if a == b else size[a] * size[b]
            rows.append(
                {
                    "kind_a": ka,
                    "kind_b": kb,
                    "ties": int(round(ties)),
                    "possible": int(possible),
                    "density": float(ties / possible) if possible else None,
                    "share": float(T[a, b] / out) if out else None,
                }
            )
    return rows


def assortativity(G: nx.Graph | SparseGraph, attribute: str = "kind") -> float | None:
    """Newman's attribute assortativity: 1 when units only work with their own
    kind, 0 when kinds mix as by chance, negative when they avoid their own
    (same value as ``nx.attribute_assortativity_coefficient``; None without ties).

    >>> G = nx.Graph([("a", "b"), ("c", "d")])
    >>> nx.set_node_attributes(G, {"a": 1, "b": 1, "c": 2, "d": 2}, "kind")
    >>> assortativity(G)
    1.0
    """
    S = as_sparse(G)
    groups = groups_by_attribute(S, attribute)
    if not groups:
        return None
    A = S.matrix(None)
    M = membership(S, groups)
    T = (M.T @ (A @ M)).toarray()
    if T.sum() == 0:
        return None
    e = T / T.sum()
    expected = float((e.sum(axis=0) * e.sum(axis=1)).sum())
    if expected == 1.0:
        return None
    return (float(np.trace(e)) - expected) / (1.0 - expected)


def density_series(
    graphs: Sequence[tuple[str, nx.Graph | SparseGraph]],
) -> list[dict]:
    """Density over time: one row per (label, graph) — units, ties, active units
    (with at least one tie) and density. Pass graphs with the same node set so
    that the rows compare.

    >>> density_series([("2026-01", nx.Graph([(1, 2)])), ("2026-02", nx.empty_graph(2))])[1]
    {'period': '2026-02', 'units': 2, 'ties': 0, 'active': 0, 'density': 0.0}
    """
    rows = []
    for label, G in graphs:
        S = as_sparse(G)
        active = int(np.count_nonzero(np.diff(S.weight.indptr)))
        rows.append(
            {
                "period": label,
                "units": len(S),
                "ties": S.number_of_edges,
                "active": active,
                "density": density(S),
            }
        )
    return rows
