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
