"""Communities against official zones: does a zone really work together?

:func:`louvain` finds groups of units that work more with each other than
with the rest (NetworkX's Louvain, fixed seed). :func:`adjusted_rand` and
:func:`normalized_mutual_info` measure how well those groups agree with the
official zones or streets (1 = the same partition; ARI ≈ 0 = no better than
chance). :func:`zone_cohesion` judges each zone on its own.

**Paper-only zone** — a zone of at least two units whose internal density
(ties among its units over pairs of its units) is not higher than both the
density of its units' ties to units outside the zone and the density of the
whole district: its units work no more with each other than with anybody else.

>>> adjusted_rand([0, 0, 1, 1], [5, 5, 7, 7]), normalized_mutual_info([0, 0, 1, 1], [0, 1, 0, 1])
(1.0, 0.0)
"""

from __future__ import annotations

import random
import threading
from collections.abc import Hashable, Iterable, Mapping, Sequence

import igraph
import networkx as nx
import numpy as np
import scipy.sparse as sp

from ..errors import MetricPrecondition
from ..projection import SparseGraph, as_sparse
from .density import density, group_density, membership
from .structure import SEED, igraph_graph

#: Above this many linked units Louvain runs in igraph's C implementation of the same
#: method (multilevel): NetworkX's takes 30–50 s on a city (M) where igraph takes 2 s,
#: and 0.9 s on a district of 5,000 units (S) where igraph takes 0.05 s.
IGRAPH_ABOVE = 2_000
_igraph_lock = threading.Lock()


def louvain_engine(linked_units: int) -> str:
    """Which implementation :func:`louvain` uses for this many linked units."""
    if linked_units > IGRAPH_ABOVE:
        return "igraph multilevel"
    return "networkx louvain_communities"


def _igraph_louvain(
    S: SparseGraph, linked: np.ndarray, weight: str, resolution: float, seed: int
) -> list[list[int]]:
    """Louvain (multilevel) communities with igraph, seeded like NetworkX's, on the
    units at positions ``linked`` (those with ties); communities as positions in ``S``."""
    upper = sp.triu(S.matrix(weight), k=1).tocoo()
    shared = igraph_graph(S)
    if shared is not None and shared.ecount() == upper.nnz:
        # The graph the other operations share, without the units that have no ties:
        # igraph keeps the order of the vertices and ties left, so the ties are those below.
        graph = shared
        if len(linked) < len(S):
            graph = shared.induced_subgraph(linked.tolist(), implementation="copy_and_delete")
    else:
        # The ties in the order the induced graph of the linked units lists them (row by
        # row), renumbered to positions among those units, as pairs of Python ints (igraph
        # reads them 5× faster than a numpy array or lists of two).
        renumber = np.full(len(S), -1, dtype=np.int64)
        renumber[linked] = np.arange(len(linked))
        edges = zip(renumber[upper.row].tolist(), renumber[upper.col].tolist(), strict=True)
        graph = igraph.Graph(n=len(linked), edges=list(edges))
    # igraph's random generator is global: seed it under a lock, then restore it.
    with _igraph_lock:
        igraph.set_random_number_generator(random.Random(seed))
        try:
            clusters = graph.community_multilevel(
                weights=upper.data.tolist(), resolution=resolution
            )
        finally:
            igraph.set_random_number_generator(random)
    return [linked[members].tolist() for members in clusters]


def louvain(
    G: nx.Graph | SparseGraph,
    *,
    weight: str = "newman",
    resolution: float = 1.0,
    seed: int = SEED,
) -> list[list]:
    """Louvain communities of the units that have ties, largest first.

    Units without ties are left out (each would be a community of one).
    ``weight`` is ``"newman"`` (big activities down-weighted; the default) or
    ``"weight"`` (joint activities). The algorithm is
    ``nx.community.louvain_communities``, run on the graph without isolated units;
    above :data:`IGRAPH_ABOVE` linked units, igraph's implementation of the same
    method (see :func:`louvain_engine`).

    >>> G = nx.barbell_graph(4, 0)
    >>> louvain(G, weight="weight")
    [[0, 1, 2, 3], [4, 5, 6, 7]]
    """
    S = as_sparse(G)
    linked = np.flatnonzero(np.diff(S.weight.indptr))
    if not len(linked):
        return []
    if weight not in ("weight", "newman"):
        raise MetricPrecondition(
            "未知的边权 {weight!r}：可用 'weight' 或 'newman'",
            weight=weight,
        )
    key = weight if S.newman is not None else "weight"
    if len(linked) > IGRAPH_ABOVE:
        found = _igraph_louvain(S, linked, key, resolution, seed)
    else:
        H = S.subgraph([S.nodes[i] for i in linked]).to_networkx()
        index = S.index
        found = [
            [index[u] for u in c]
            for c in nx.community.louvain_communities(
                H, weight=key, resolution=resolution, seed=seed
            )
        ]
    groups = [sorted(c) for c in found]
    groups.sort(key=lambda c: (-len(c), c[0]))
    return [[S.nodes[i] for i in c] for c in groups]


def modularity(
    G: nx.Graph | SparseGraph, communities: Iterable[Iterable[Hashable]], weight: str = "newman"
) -> float | None:
    """Newman's modularity of a partition (as ``nx.community.modularity``; units
    left out of every community count as their own). None without ties.

    >>> round(modularity(nx.barbell_graph(3, 0), [[0, 1, 2], [3, 4, 5]], weight="weight"), 4)
    0.3571
    """
    S = as_sparse(G)
    W = S.matrix(weight)
    total = float(W.sum())
    if total == 0:
        return None
    groups = [list(c) for c in communities]
    placed = {u for c in groups for u in c}
    groups += [[u] for u in S.nodes if u not in placed]
    M = membership(S, dict(enumerate(groups)))
    inside = np.asarray((W @ M).multiply(M).sum(axis=0)).ravel()
    strength = M.T @ np.asarray(W.sum(axis=1)).ravel()
    return float((inside / total - (strength / total) ** 2).sum())


def _contingency(a: Sequence[Hashable], b: Sequence[Hashable]) -> np.ndarray:
    if len(a) != len(b):
        raise MetricPrecondition(
            "两种划分的长度不同（{first} 与 {second}）",
            first=len(a),
            second=len(b),
        )
    _, ia = np.unique(np.asarray([str(x) for x in a]), return_inverse=True)
    _, ib = np.unique(np.asarray([str(x) for x in b]), return_inverse=True)
    ones = np.ones(len(a))
    shape = (int(ia.max(initial=-1)) + 1, int(ib.max(initial=-1)) + 1)
    return sp.coo_array((ones, (ia, ib)), shape=shape).toarray()


def _pairs(x: np.ndarray) -> float:
    return float((x * (x - 1) / 2).sum())


def adjusted_rand(a: Sequence[Hashable], b: Sequence[Hashable]) -> float:
    """Adjusted Rand index of two labellings of the same units (Hubert & Arabie 1985).

    >>> round(adjusted_rand([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2]), 4)  # 8/33
    0.2424
    """
    C = _contingency(a, b)
    n = float(C.sum())
    index, rows, cols = _pairs(C), _pairs(C.sum(axis=1)), _pairs(C.sum(axis=0))
    expected = rows * cols / (n * (n - 1) / 2) if n > 1 else 0.0
    top = (rows + cols) / 2
    if top == expected:
        return 1.0
    return float((index - expected) / (top - expected))


def _entropy(counts: np.ndarray) -> float:
    p = counts[counts > 0] / counts.sum()
    return float(-(p * np.log(p)).sum())


def normalized_mutual_info(a: Sequence[Hashable], b: Sequence[Hashable]) -> float:
    """Mutual information of two labellings over the mean of their entropies
    (arithmetic normalisation), from 0 (independent) to 1 (identical).

    >>> round(normalized_mutual_info([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2]), 4)
    0.5158
    """
    C = _contingency(a, b)
    n = float(C.sum())
    if n == 0:
        return 1.0
    h_a, h_b = _entropy(C.sum(axis=1)), _entropy(C.sum(axis=0))
    if h_a == 0 and h_b == 0:
        return 1.0
    rows, cols = np.nonzero(C)
    nij = C[rows, cols]
    outer = C.sum(axis=1)[rows] * C.sum(axis=0)[cols]
    mutual = float((nij / n * np.log(n * nij / outer)).sum())
    return max(0.0, mutual / ((h_a + h_b) / 2))


def partition_agreement(
    communities: Iterable[Iterable[Hashable]], official: Mapping[Hashable, Hashable]
) -> dict:
    """ARI and NMI between detected communities and an official labelling
    (unit → zone or street), over the units present in both.

    >>> partition_agreement([["a", "b"], ["c"]], {"a": "Z1", "b": "Z1", "c": "Z2", "d": "Z2"})
    {'units': 3, 'adjusted_rand': 1.0, 'normalized_mutual_info': 1.0}
    """
    detected = {u: k for k, members in enumerate(communities) for u in members}
    units = [u for u in detected if u in official]
    a = [detected[u] for u in units]
    b = [official[u] for u in units]
    return {
        "units": len(units),
        "adjusted_rand": adjusted_rand(a, b) if units else None,
        "normalized_mutual_info": normalized_mutual_info(a, b) if units else None,
    }


def zone_cohesion(
    G: nx.Graph | SparseGraph, zones: Mapping[Hashable, Iterable[Hashable]]
) -> dict[Hashable, dict]:
    """Per zone: internal density, the density of its ties outside, the district
    baseline, and ``paper_only`` (see the module docstring for the rule).

    >>> G = nx.Graph([("a", "c"), ("b", "d"), ("c", "d")])
    >>> zone_cohesion(G, {"Z": ["a", "b"]})["Z"]["paper_only"]
    True
    """
    S = as_sparse(G)
    baseline = density(S)
    result = {}
    for key, row in group_density(S, zones).items():
        inside, outside = row["internal_density"], row["external_density"]
        paper = inside is not None and inside <= max(outside or 0.0, baseline)
        result[key] = {**row, "baseline_density": baseline, "paper_only": paper}
    return result
