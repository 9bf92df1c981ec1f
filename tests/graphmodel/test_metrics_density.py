"""Density: district, groups (streets, zones), kind mixing and the time series."""

from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphmodel.errors import MetricPrecondition
from graphmodel.metrics.density import (
    assortativity,
    density,
    density_series,
    group_density,
    groups_by_attribute,
    kind_mixing,
)
from graphmodel.projection import as_sparse


def kinds_graph() -> nx.Graph:
    """Organs g1 g2 g3 and a community c1: g1–g2, g2–g3, g1–c1."""
    G = nx.Graph([("g1", "g2"), ("g2", "g3"), ("g1", "c1")])
    kinds = {"g1": "government", "g2": "government", "g3": "government", "c1": "community"}
    nx.set_node_attributes(G, kinds, "kind")
    return G


@pytest.mark.parametrize(
    ("G", "expected"),
    [
        (nx.complete_graph(4), 1.0),
        (nx.path_graph(4), 0.5),  # 3 ties of 6 pairs
        (nx.empty_graph(5), 0.0),
        (nx.empty_graph(1), 0.0),
        (nx.Graph(), 0.0),
    ],
)
def test_density_is_ties_over_possible_pairs(G, expected):
    """Density counts ties over n(n−1)/2 pairs; fewer than two units give 0."""
    assert density(G) == expected


def test_density_matches_networkx():
    """On a random graph our density equals nx.density."""
    G = nx.gnm_random_graph(40, 100, seed=3)
    assert density(G) == pytest.approx(nx.density(G))


def test_group_density_counts_internal_and_external_ties():
    """Path a–b–c–d, group {a,b,c}: 2 internal ties of 3 pairs, 1 tie out of 3 pairs out."""
    row = group_density(nx.path_graph("abcd"), {"g": ["a", "b", "c"]})["g"]
    assert row == {
        "units": 3,
        "internal_ties": 2,
        "internal_density": 2 / 3,
        "external_ties": 1,
        "external_share": 1 / 3,
        "external_density": 1 / 3,
    }


def test_group_of_one_unit_has_no_internal_density():
    """A group of one unit has no pairs: its internal density is None."""
    assert group_density(nx.path_graph("ab"), {"g": ["a"]})["g"]["internal_density"] is None


def test_group_with_unknown_unit_is_refused():
    """A group naming a unit that is not in the graph is an error, not a silent zero."""
    with pytest.raises(MetricPrecondition):
        group_density(nx.path_graph("ab"), {"g": ["a", "zz"]})


def test_groups_by_attribute_spreads_tuples_over_groups():
    """A unit in two zones (a tuple) belongs to both groups; a missing value to none."""
    G = nx.Graph()
    G.add_nodes_from([("u", {"zones": ("Z1", "Z2")}), ("v", {"zones": ()}), ("w", {})])
    assert groups_by_attribute(G, "zones") == {"Z1": ["u"], "Z2": ["u"]}


def test_kind_mixing_share_says_who_works_with_whom():
    """Organs' tie ends: 4 to organs (2 ties × 2 ends), 1 to the community → share 0.8."""
    rows = {(r["kind_a"], r["kind_b"]): r for r in kind_mixing(kinds_graph())}
    assert rows[("government", "government")]["share"] == pytest.approx(0.8)
    assert rows[("community", "government")]["share"] == 1.0


def test_kind_mixing_counts_ties_and_possible_pairs():
    """Organs–organs: 2 ties of 3 pairs; organs–community: 1 tie of 3 pairs."""
    rows = {(r["kind_a"], r["kind_b"]): r for r in kind_mixing(kinds_graph())}
    same, cross = rows[("government", "government")], rows[("government", "community")]
    assert (same["ties"], same["possible"], cross["ties"], cross["possible"]) == (2, 3, 1, 3)


def test_assortativity_matches_networkx():
    """Our kind assortativity equals nx.attribute_assortativity_coefficient."""
    G = kinds_graph()
    assert assortativity(G) == pytest.approx(nx.attribute_assortativity_coefficient(G, "kind"))


def test_assortativity_without_ties_is_none():
    """No ties, no mixing to measure."""
    G = nx.empty_graph(3)
    nx.set_node_attributes(G, "school", "kind")
    assert assortativity(G) is None


def test_density_series_has_a_row_per_period():
    """Each period gets units, ties, active units and density."""
    rows = density_series([("2026-01", nx.path_graph(3)), ("2026-02", nx.empty_graph(3))])
    assert [(r["period"], r["ties"], r["active"]) for r in rows] == [
        ("2026-01", 2, 3),
        ("2026-02", 0, 0),
    ]


@settings(max_examples=80, deadline=None)
@given(st.integers(min_value=0, max_value=25), st.floats(min_value=0, max_value=1), st.integers())
def test_density_lies_between_zero_and_one(n, p, seed):
    """Density is always in [0, 1]."""
    G = nx.gnp_random_graph(n, p, seed=seed % 2**32)
    assert 0.0 <= density(as_sparse(G)) <= 1.0
