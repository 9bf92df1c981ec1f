"""Louvain on large graphs runs in igraph; both engines find the same planted groups."""

from __future__ import annotations

import networkx as nx
import pytest

from graphmodel.metrics import communities as com


def test_igraph_engine_finds_the_planted_groups(monkeypatch):
    """With the threshold lowered, igraph's multilevel finds two cliques joined by one tie."""
    monkeypatch.setattr(com, "IGRAPH_ABOVE", 3)
    G = nx.barbell_graph(5, 0)
    assert com.louvain_engine(len(G)) == "igraph multilevel"
    assert com.louvain(G, weight="weight") == [[0, 1, 2, 3, 4], [5, 6, 7, 8, 9]]


@pytest.mark.parametrize("threshold", [3, 10_000])
def test_both_engines_are_deterministic(monkeypatch, threshold):
    """The same seed gives the same communities, whichever engine runs."""
    monkeypatch.setattr(com, "IGRAPH_ABOVE", threshold)
    G = nx.connected_caveman_graph(6, 5)
    nx.set_edge_attributes(G, 1.0, "weight")
    assert com.louvain(G, weight="weight", seed=3) == com.louvain(G, weight="weight", seed=3)


@pytest.mark.parametrize("shared_above", [3, 10**9])
def test_igraph_engine_gives_the_communities_of_the_induced_graph(monkeypatch, shared_above):
    """From the shared igraph graph or from the ties renumbered, igraph's Louvain finds
    what it finds on the induced graph of the linked units."""
    import random

    import igraph
    import numpy as np
    import scipy.sparse as sp

    from graphmodel.metrics import structure
    from graphmodel.projection import as_sparse

    monkeypatch.setattr(com, "IGRAPH_ABOVE", 3)
    monkeypatch.setattr(structure, "IGRAPH_ABOVE", shared_above)
    G = nx.relabel_nodes(nx.gnm_random_graph(300, 700, seed=5), lambda i: f"u{i:03d}")
    G.add_nodes_from(["u000a", "u150a", "zz"])  # units without ties, between linked ones
    for a, b, data in G.edges(data=True):
        data["newman"] = 1.0 + (hash((a, b)) % 7) / 7
    S = as_sparse(G)
    linked = [S.nodes[i] for i in np.flatnonzero(np.diff(S.weight.indptr))]
    H = S.subgraph(linked)  # the graph the engine was given before
    upper = sp.triu(H.matrix("newman"), k=1).tocoo()
    graph = igraph.Graph(n=len(H), edges=np.column_stack((upper.row, upper.col)).tolist())
    igraph.set_random_number_generator(random.Random(7))
    try:
        clusters = graph.community_multilevel(weights=upper.data.tolist())
    finally:
        igraph.set_random_number_generator(random)
    groups = [sorted((H.nodes[i] for i in c), key=S.index.get) for c in clusters]
    groups.sort(key=lambda c: (-len(c), S.index[c[0]]))
    assert com.louvain(S, weight="newman", seed=7) == groups
