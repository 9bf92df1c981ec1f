"""Structure: degree, betweenness, bridges, articulation units, components, clustering."""

from __future__ import annotations

import math

import networkx as nx
import pytest

from graphmodel.errors import MetricPrecondition
from graphmodel.metrics.structure import (
    articulation_units,
    betweenness,
    betweenness_sources,
    bridges,
    clustering,
    components,
    degrees,
    group_links,
    groups_linked,
    transitivity,
    triangles,
)
from graphmodel.projection import as_sparse


def bowtie() -> nx.Graph:
    """Two triangles a-b-c and d-e-f joined by the tie c–d (hand-checked answers below)."""
    return nx.Graph(
        [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d"), ("d", "e"), ("e", "f"), ("f", "d")]
    )


GRAPHS = {
    "bowtie": bowtie(),
    "karate": nx.karate_club_graph(),
    "davis women": nx.bipartite.projected_graph(
        nx.davis_southern_women_graph(), nx.davis_southern_women_graph().graph["top"]
    ),
    "two parts": nx.disjoint_union(nx.path_graph(5), nx.cycle_graph(4)),
    "random": nx.gnm_random_graph(60, 90, seed=11),
    "tree": nx.random_labeled_tree(40, seed=2),
}


def test_degree_and_strength():
    """Degree counts partners; strength sums the weights."""
    G = nx.Graph([("a", "b", {"weight": 3}), ("a", "c", {"weight": 1})])
    assert degrees(G)["a"] == {"degree": 2, "strength": 4.0}


def test_bowtie_betweenness_by_hand():
    """c lies on the 2×3 paths from a, b to d, e, f: 6 of the C(5,2) = 10 pairs → 0.6."""
    assert betweenness(bowtie())["c"] == pytest.approx(0.6)


@pytest.mark.parametrize("name", GRAPHS)
def test_exact_betweenness_equals_networkx(name):
    """Exact betweenness equals nx.betweenness_centrality (normalised)."""
    G = GRAPHS[name]
    ours, theirs = betweenness(G), nx.betweenness_centrality(G)
    assert all(ours[v] == pytest.approx(theirs[v], abs=1e-12) for v in G)


@pytest.mark.parametrize("name", ["karate", "random", "davis women"])
def test_sampled_betweenness_equals_networkx_with_the_same_seed(name):
    """Sampling k sources with a seed draws the same sources as NetworkX, so values agree."""
    G = GRAPHS[name]
    ours, theirs = betweenness(G, k=8, seed=42), nx.betweenness_centrality(G, k=8, seed=42)
    assert all(ours[v] == pytest.approx(theirs[v], abs=1e-12) for v in G)


@pytest.mark.parametrize(("n", "expected"), [(10, None), (2000, None), (2001, 256), (100, None)])
def test_betweenness_is_exact_up_to_the_threshold(n, expected):
    """Up to 2,000 units betweenness is exact; above, 256 sampled sources."""
    assert betweenness_sources(nx.empty_graph(n)) == expected


def test_betweenness_refuses_k_larger_than_the_graph():
    """k must name at most as many sources as there are units."""
    with pytest.raises(MetricPrecondition):
        betweenness(nx.path_graph(3), k=4)


def test_bowtie_bridge_and_articulation_units():
    """The tie c–d is the only bridge; c and d are the articulation units."""
    G = bowtie()
    assert (bridges(G), articulation_units(G)) == ([("c", "d")], ["c", "d"])


@pytest.mark.parametrize("name", GRAPHS)
def test_bridges_equal_networkx(name):
    """Bridges found on the depth-first forest equal nx.bridges."""
    G = GRAPHS[name]
    assert set(map(frozenset, bridges(G))) == set(map(frozenset, nx.bridges(G)))


@pytest.mark.parametrize("name", GRAPHS)
def test_articulation_units_equal_networkx(name):
    """Articulation units equal nx.articulation_points."""
    G = GRAPHS[name]
    assert set(articulation_units(G)) == set(nx.articulation_points(G))


def test_components_largest_first():
    """Components come largest first; a lone unit is a component of one."""
    G = nx.Graph([(1, 2), (2, 3), (4, 5)])
    G.add_node(6)
    assert components(G) == [[1, 2, 3], [4, 5], [6]]


@pytest.mark.parametrize("name", GRAPHS)
def test_triangles_and_clustering_equal_networkx(name):
    """Triangles and local clustering equal nx.triangles and nx.clustering."""
    G = GRAPHS[name]
    ours = clustering(G)
    assert triangles(G) == nx.triangles(G)
    assert all(math.isclose(ours[v], c) for v, c in nx.clustering(G).items())


@pytest.mark.parametrize("name", GRAPHS)
def test_transitivity_equals_networkx(name):
    """Transitivity equals nx.transitivity."""
    G = GRAPHS[name]
    assert transitivity(G) == pytest.approx(nx.transitivity(G))


def test_bowtie_clustering_by_hand():
    """c has partners a, b, d: one of three partner pairs (a–b) is tied → 1/3."""
    assert clustering(bowtie())["c"] == pytest.approx(1 / 3)


def streets_graph() -> nx.Graph:
    """Street S1: a, b; S2: c; S3: d. Ties a–c, b–c, a–d, a–b."""
    G = nx.Graph([("a", "c"), ("b", "c"), ("a", "d"), ("a", "b")])
    nx.set_node_attributes(G, {"a": "S1", "b": "S1", "c": "S2", "d": "S3"}, "street")
    return G


def test_groups_linked_counts_other_streets_reached():
    """a reaches S2 and S3 (its own S1 does not count); b reaches S2 only."""
    linked = groups_linked(streets_graph())
    assert (linked["a"], linked["b"], linked["c"]) == (2, 1, 1)


def test_group_links_count_ties_and_carrying_units():
    """S1–S2 has two ties carried by a and b on one side and by c alone on the other."""
    rows = {(r["group_a"], r["group_b"]): r for r in group_links(streets_graph())}
    assert rows[("S1", "S2")] == {
        "group_a": "S1",
        "group_b": "S2",
        "ties": 2,
        "units_a": 2,
        "units_b": 1,
    }
    assert rows[("S1", "S3")]["ties"] == 1


def test_metrics_accept_the_sparse_form_too():
    """The sparse form of a graph gives the same answers as the NetworkX graph."""
    G = GRAPHS["karate"]
    assert betweenness(as_sparse(G)) == betweenness(G)


def test_igraph_path_gives_the_sparse_answers_on_a_large_graph(monkeypatch):
    """Above the size where igraph takes over, clustering, bridges and cut units are unchanged."""
    from graphmodel.metrics import structure

    G = nx.gnm_random_graph(2500, 4000, seed=7)
    G.add_edges_from([(2500, 0), (2501, 2500)])  # a pendant path: two bridges, two cut units
    found = {}
    for above in (10**9, 100):
        monkeypatch.setattr(structure, "IGRAPH_ABOVE", above)
        S = as_sparse(G)
        found[above] = (clustering(S), bridges(S), articulation_units(S), components(S))
    assert found[100] == found[10**9]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_betweenness_walks_up_and_down_to_the_same_bits(seed):
    """Searching up from the unvisited units gives exactly the numbers of walking down."""
    import numpy as np

    from graphmodel.metrics.brandes import dependencies

    G = nx.disjoint_union(nx.gnm_random_graph(400, 1600, seed=seed), nx.path_graph(7))
    A = as_sparse(G).matrix(None)
    sources = list(range(0, 407, 5))
    both = dependencies(A, sources), dependencies(A, sources, bottom_up=False)
    assert np.array_equal(*both)
