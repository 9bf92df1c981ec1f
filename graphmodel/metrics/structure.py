"""Structure: brokers, bridges, components and clustering of the unit–unit graph.

Every function takes ``G`` (a NetworkX graph or the projection's
:class:`~graphmodel.projection.SparseGraph`) and gives the same answer as the
NetworkX function it is named after, computed on scipy sparse matrices so
that a city of 50,000 units stays within seconds. Paths count hops: a tie is
a tie whatever its weight.

>>> G = nx.path_graph(["a", "b", "c"])
>>> betweenness(G)["b"], articulation_units(G), bridges(G)
(1.0, ['b'], [('a', 'b'), ('b', 'c')])
"""

from __future__ import annotations

import random
from collections.abc import Hashable

import igraph
import networkx as nx
import numpy as np
import scipy.sparse as sp
from scipy.sparse import csgraph

from ..errors import MetricPrecondition
from ..projection import SparseGraph, as_sparse
from .brandes import dependencies
from .density import groups_by_attribute, membership

#: Betweenness is exact up to this many units, sampled above it.
EXACT_BETWEENNESS_UP_TO = 2000
#: Sampled betweenness uses this many sources, drawn with a fixed seed.
BETWEENNESS_SAMPLES = 256
SEED = 7


def degrees(G: nx.Graph | SparseGraph, weight: str | None = "weight") -> dict[Hashable, dict]:
    """Per unit: ``degree`` (partners) and ``strength`` (sum of the ``weight`` of its ties).

    >>> degrees(nx.Graph([("a", "b", {"weight": 3})]))["a"]
    {'degree': 1, 'strength': 3.0}
    """
    S = as_sparse(G)
    deg = np.diff(S.weight.indptr)
    strength = np.asarray(S.matrix(weight).sum(axis=1)).ravel()
    return {
        n: {"degree": d, "strength": s}
        for n, d, s in zip(S.nodes, deg.tolist(), strength.astype(float).tolist(), strict=True)
    }


def betweenness_sources(
    G: nx.Graph | SparseGraph,
    *,
    exact_up_to: int = EXACT_BETWEENNESS_UP_TO,
    k: int = BETWEENNESS_SAMPLES,
) -> int | None:
    """The ``k`` to pass to :func:`betweenness`: None (exact) for graphs of at
    most ``exact_up_to`` units, else ``k`` sampled sources."""
    n = len(G)
    return None if n <= exact_up_to or k >= n else k


def betweenness(
    G: nx.Graph | SparseGraph, k: int | None = None, seed: int | None = SEED
) -> dict[Hashable, float]:
    """Normalised betweenness: the share of shortest paths between other units
    that pass through a unit. Exact, or estimated from ``k`` sources sampled
    with ``seed`` — the same numbers as
    ``nx.betweenness_centrality(G, k=k, normalized=True, seed=seed)``
    (Brandes' algorithm, run level by level on sparse arrays).

    >>> betweenness(nx.star_graph(3))[0]
    1.0
    """
    S = as_sparse(G)
    n = len(S)
    if k is not None and not 0 < k <= n:
        raise MetricPrecondition(
            "k 须在 1 与单位数（{n}）之间，而不是 {k}",
            n=n,
            k=k,
        )
    if k is None or k == n:
        sources, sampled = list(range(n)), None
    else:
        picked = random.Random(seed).sample(list(S.nodes), k)
        sources = [S.index[v] for v in picked]
        sampled = np.zeros(n, dtype=bool)
        sampled[sources] = True
    raw = dependencies(S.matrix(None), sources) if n else np.zeros(0)
    if n > 2:
        if sampled is None:
            raw /= (n - 1) * (n - 2)
        else:
            scale = np.where(sampled, 1 / ((k - 1) * (n - 2)) if k > 1 else np.nan, 0.0)
            scale[~sampled] = 1 / (k * (n - 2))
            raw *= scale
    return dict(zip(S.nodes, raw.tolist(), strict=True))


def components(G: nx.Graph | SparseGraph) -> list[list]:
    """Connected components, largest first (units in graph order within each).

    >>> components(nx.Graph([(1, 2), (3, 4), (4, 5)]))
    [[3, 4, 5], [1, 2]]
    """
    S = as_sparse(G)
    if not len(S):
        return []
    g = igraph_graph(S)
    if g is not None:
        labels = np.asarray(g.connected_components().membership)
    else:
        labels = csgraph.connected_components(S.weight, directed=False)[1]
    size = np.bincount(labels)
    first = np.full(len(size), len(S))
    np.minimum.at(first, labels, np.arange(len(S)))
    rank = np.empty(len(size), dtype=np.int64)
    rank[np.lexsort((first, -size))] = np.arange(len(size))  # largest first, then first unit
    order = np.argsort(rank[labels], kind="stable")
    ids = list(map(S.nodes.__getitem__, order.tolist()))
    ends = np.cumsum(size[np.argsort(rank)]).tolist()
    return [ids[a:b] for a, b in zip([0, *ends[:-1]], ends, strict=True)]


def _dfs_forest(A: sp.csr_array) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A depth-first forest: (visiting order, parent (−1 at roots), rank in the order)."""
    n = A.shape[0]
    parent = np.full(n, -1, dtype=np.int64)
    count, labels = csgraph.connected_components(A, directed=False)
    roots = np.unique(labels, return_index=True)[1]
    pieces = []
    for root in roots:
        if A.indptr[root + 1] == A.indptr[root]:
            pieces.append(np.array([root]))
            continue
        order, pred = csgraph.depth_first_order(A, root, directed=False)
        parent[order[1:]] = pred[order[1:]]
        pieces.append(order)
    order = np.concatenate(pieces) if pieces else np.zeros(0, dtype=np.int64)
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(n)
    return order, parent, rank


def _low_points(A: sp.csr_array) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Tarjan's low points on a depth-first forest: (order, parent, rank, low)."""
    order, parent, rank = _dfs_forest(A)
    upper = sp.triu(A, k=1).tocoo()
    i, j = upper.row.astype(np.int64), upper.col.astype(np.int64)
    back = (parent[j] != i) & (parent[i] != j)
    i, j = i[back], j[back]
    # In a depth-first forest every other edge joins a unit to one of its ancestors.
    deeper = np.where(rank[i] > rank[j], i, j)
    higher = np.where(rank[i] > rank[j], j, i)
    low = rank.copy()
    np.minimum.at(low, deeper, rank[higher])
    low_list, parent_list = low.tolist(), parent.tolist()
    for x in reversed(order.tolist()):
        p = parent_list[x]
        if p >= 0 and low_list[x] < low_list[p]:
            low_list[p] = low_list[x]
    return order, parent, rank, np.asarray(low_list, dtype=np.int64)


def bridges(G: nx.Graph | SparseGraph) -> list[tuple]:
    """Ties whose loss would split a component (as ``nx.bridges``), sorted.

    >>> bridges(nx.Graph([(1, 2), (2, 3), (3, 1), (3, 4)]))
    [(3, 4)]
    """
    S = as_sparse(G)
    if not len(S):
        return []
    g = igraph_graph(S)
    if g is not None:
        row, col = S.__dict__["_igraph_ends"]
        cut = np.asarray(g.bridges(), dtype=np.int64)
        ends = zip(row[cut].tolist(), col[cut].tolist(), strict=True)
    else:
        _, parent, rank, low = _low_points(S.matrix(None))
        child = np.flatnonzero(parent >= 0)
        child = child[low[child] > rank[parent[child]]]
        ends = [(parent[c], c) for c in child]
    found = [tuple(sorted((S.nodes[a], S.nodes[b]), key=S.index.get)) for a, b in ends]
    return sorted(found, key=lambda e: (S.index[e[0]], S.index[e[1]]))


def articulation_units(G: nx.Graph | SparseGraph) -> list:
    """Units whose loss would split a component (as ``nx.articulation_points``).

    >>> articulation_units(nx.Graph([(1, 2), (2, 3), (3, 1), (3, 4)]))
    [3]
    """
    S = as_sparse(G)
    if not len(S):
        return []
    g = igraph_graph(S)
    if g is not None:
        return [S.nodes[i] for i in sorted(g.articulation_points())]
    _, parent, rank, low = _low_points(S.matrix(None))
    child = np.flatnonzero(parent >= 0)
    p = parent[child]
    cut = np.zeros(len(S), dtype=bool)
    inner = parent[p] >= 0
    cut[p[inner & (low[child] >= rank[p])]] = True
    root_children = np.bincount(p[~inner], minlength=len(S))
    cut |= root_children >= 2
    return [S.nodes[i] for i in np.flatnonzero(cut)]


def triangles(G: nx.Graph | SparseGraph) -> dict[Hashable, int]:
    """Triangles through each unit (as ``nx.triangles``).

    >>> triangles(nx.complete_graph(4))[0]
    3
    """
    S = as_sparse(G)
    return dict(zip(S.nodes, _triangles(S.matrix(None)).tolist(), strict=True))


#: Above this many units, components, clustering, bridges and articulation units are
#: computed by igraph (already a dependency, for Louvain) on one igraph graph built once
#: per unit graph: the sparse-matrix paths were 2–5× slower at city scale
#: (bench/analysis.py); below it, the graph is not worth converting.
IGRAPH_ABOVE = 2_000


def igraph_graph(S: SparseGraph) -> igraph.Graph | None:
    """``S`` as an unweighted igraph graph (vertex ``i`` is ``S.nodes[i]``; edge ``e``
    joins the ends of ``S``'s ``e``-th tie in row order), built once per graph and
    shared by the operations that use it; None when the graph is small."""
    if len(S) <= IGRAPH_ABOVE:
        return None
    cached = S.__dict__.get("_igraph")
    if cached is None:
        upper = sp.triu(S.weight, k=1).tocoo()
        row, col = upper.row.astype(np.int64), upper.col.astype(np.int64)
        # Pairs of Python ints: igraph reads them about 5× faster than a numpy array.
        cached = igraph.Graph(n=len(S), edges=list(zip(row.tolist(), col.tolist(), strict=True)))
        S.__dict__["_igraph_ends"] = (row, col)  # a frozen dataclass still has a __dict__
        S.__dict__["_igraph"] = cached
    return cached


def _triangles_of(S: SparseGraph) -> np.ndarray:
    """Triangles per unit of ``S`` (igraph's local transitivity on large graphs)."""
    g = igraph_graph(S)
    if g is None:
        return _triangles(S.matrix(None))
    degree = np.diff(S.weight.indptr).astype(np.float64)
    local = np.asarray(g.transitivity_local_undirected(mode="zero"))
    return np.rint(local * degree * (degree - 1) / 2).astype(np.int64)


def _triangles(A: sp.csr_array, chunk: int = 4096) -> np.ndarray:
    """Triangles per node, counting each triangle once on a degree-ordered orientation."""
    n = A.shape[0]
    degree = np.diff(A.indptr)
    rank = np.empty(n, dtype=np.int64)
    rank[np.lexsort((np.arange(n), degree))] = np.arange(n)
    coo = A.tocoo()
    keep = rank[coo.row] < rank[coo.col]
    ones = np.ones(int(keep.sum()))
    U = sp.csr_array((ones, (coo.row[keep], coo.col[keep])), shape=A.shape)
    Ut = U.T.tocsr()
    counts = np.zeros(n)
    for start in range(0, n, chunk):
        rows = slice(start, min(start + chunk, n))
        lowest = (U[rows] @ U).multiply(U[rows]).tocsr()  # a→b→c and a→c: credit a and c
        counts[rows] += np.asarray(lowest.sum(axis=1)).ravel()
        counts += np.bincount(lowest.indices, weights=lowest.data, minlength=n)
        middle = (Ut[rows] @ U).multiply(U[rows])  # a→b, a→c and b→c: credit b
        counts[rows] += np.asarray(middle.sum(axis=1)).ravel()
    return np.rint(counts).astype(np.int64)


def clustering(G: nx.Graph | SparseGraph) -> dict[Hashable, float]:
    """Local clustering: the share of a unit's partner pairs that are partners
    too (unweighted, as ``nx.clustering``).

    >>> clustering(nx.Graph([(1, 2), (2, 3), (3, 1), (3, 4)]))[3]
    0.3333333333333333
    """
    S = as_sparse(G)
    tri = _triangles_of(S)
    degree = np.diff(S.weight.indptr)
    pairs = degree * (degree - 1)
    value = np.divide(2.0 * tri, pairs, out=np.zeros(len(S)), where=pairs > 0)
    return dict(zip(S.nodes, value.tolist(), strict=True))


def transitivity(G: nx.Graph | SparseGraph) -> float:
    """The share of connected unit triples that are closed (as ``nx.transitivity``).

    >>> transitivity(nx.Graph([(1, 2), (2, 3), (3, 1), (3, 4)]))
    0.6
    """
    S = as_sparse(G)
    tri = _triangles_of(S).sum()
    degree = np.diff(S.weight.indptr).astype(np.float64)
    triples = (degree * (degree - 1)).sum() / 2
    return float(tri / triples) if triples else 0.0


def groups_linked(G: nx.Graph | SparseGraph, attribute: str = "street") -> dict[Hashable, int]:
    """Per unit: how many groups other than its own (streets, by default) its partners are in.

    >>> G = nx.Graph([("a", "b"), ("a", "c")])
    >>> nx.set_node_attributes(G, {"a": "S1", "b": "S2", "c": "S3"}, "street")
    >>> groups_linked(G)["a"]
    2
    """
    S = as_sparse(G)
    groups = groups_by_attribute(S, attribute)
    if not groups:
        return dict.fromkeys(S.nodes, 0)
    M = membership(S, groups)
    reach = (S.matrix(None) @ M).tocsr()
    reach.data[:] = 1.0
    outside = np.asarray(reach.sum(axis=1)).ravel() - np.asarray(reach.multiply(M).sum(axis=1))
    return dict(zip(S.nodes, np.asarray(outside).ravel().astype(int).tolist(), strict=True))


def group_links(G: nx.Graph | SparseGraph, attribute: str = "street") -> list[dict]:
    """Per pair of groups (streets) with ties between them: the ties and how many
    units on each side carry them. A side carried by one unit depends on it.

    >>> G = nx.Graph([("a", "c"), ("b", "c")])
    >>> nx.set_node_attributes(G, {"a": "S1", "b": "S1", "c": "S2"}, "street")
    >>> group_links(G)
    [{'group_a': 'S1', 'group_b': 'S2', 'ties': 2, 'units_a': 2, 'units_b': 1}]
    """
    S = as_sparse(G)
    value = [S.attrs.get(v, {}).get(attribute) for v in S.nodes]
    names = sorted({str(v) for v in value if v is not None})
    label = {name: k for k, name in enumerate(names)}
    code = np.array([-1 if v is None else label[str(v)] for v in value], dtype=np.int64)
    upper = sp.triu(S.weight, k=1).tocoo()
    i, j = upper.row.astype(np.int64), upper.col.astype(np.int64)
    cross = (code[i] >= 0) & (code[j] >= 0) & (code[i] != code[j])
    i, j = i[cross], j[cross]
    flip = code[i] > code[j]  # put the group that sorts first on side a
    i, j = np.where(flip, j, i), np.where(flip, i, j)
    pair = code[i] * len(names) + code[j]
    pairs, ties = np.unique(pair, return_counts=True)
    n = max(len(S), 1)
    side_a = np.unique(pair * n + i) // n  # the pair of each distinct (pair, unit on side a)
    side_b = np.unique(pair * n + j) // n
    units_a = np.searchsorted(pairs, side_a)
    units_b = np.searchsorted(pairs, side_b)
    count_a = np.bincount(units_a, minlength=len(pairs))
    count_b = np.bincount(units_b, minlength=len(pairs))
    original = {str(v): v for v in value if v is not None}
    return [
        {
            "group_a": original[names[p // len(names)]],
            "group_b": original[names[p % len(names)]],
            "ties": int(t),
            "units_a": int(a),
            "units_b": int(b),
        }
        for p, t, a, b in zip(pairs.tolist(), ties, count_a, count_b, strict=True)
    ]
