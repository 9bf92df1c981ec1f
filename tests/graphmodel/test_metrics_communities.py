"""Communities against official zones: Louvain, ARI, NMI, modularity and paper-only zones."""

from __future__ import annotations

import math

import networkx as nx
import pytest

from graphmodel.errors import MetricPrecondition
from graphmodel.metrics.communities import (
    adjusted_rand,
    louvain,
    modularity,
    normalized_mutual_info,
    partition_agreement,
    zone_cohesion,
)


def test_louvain_splits_two_cliques_joined_by_one_tie():
    """Two 4-cliques joined by one tie are two communities."""
    assert louvain(nx.barbell_graph(4, 0), weight="weight") == [[0, 1, 2, 3], [4, 5, 6, 7]]


def test_louvain_leaves_out_isolated_units():
    """A unit without ties is in no community."""
    G = nx.complete_graph(3)
    G.add_node(9)
    assert louvain(G, weight="weight") == [[0, 1, 2]]


def test_louvain_is_reproducible_with_its_seed():
    """The same seed gives the same communities."""
    G = nx.karate_club_graph()
    assert louvain(G, weight="weight", seed=3) == louvain(G, weight="weight", seed=3)


# (labels a, labels b, ARI, NMI) worked out by hand:
# - identical up to renaming: 1, 1;
# - [0,0,1,1] vs [0,1,0,1]: every cell of the contingency table is 1, so index = 0,
#   expected = 2·2/6 = 2/3, max = 2 → ARI = −(2/3)/(4/3) = −0.5; mutual information 0;
# - [0,0,0,1,1,1] vs [0,0,1,1,2,2]: index = 2, rows 6, cols 3, C(6,2) = 15,
#   expected = 18/15 = 1.2, max = 4.5 → ARI = 0.8/3.3 = 8/33;
#   I = (2/3)·ln 2, H(a) = ln 2, H(b) = ln 3 → NMI = (4/3)·ln 2 / ln 6.
CASES = [
    ([0, 0, 1, 1], ["x", "x", "y", "y"], 1.0, 1.0),
    ([0, 0, 1, 1], [0, 1, 0, 1], -0.5, 0.0),
    ([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2], 8 / 33, 4 / 3 * math.log(2) / math.log(6)),
]


@pytest.mark.parametrize(("a", "b", "ari", "nmi"), CASES)
def test_adjusted_rand_by_hand(a, b, ari, nmi):
    """The adjusted Rand index matches the hand computation."""
    assert adjusted_rand(a, b) == pytest.approx(ari)


@pytest.mark.parametrize(("a", "b", "ari", "nmi"), CASES)
def test_normalized_mutual_info_by_hand(a, b, ari, nmi):
    """NMI (arithmetic mean of the entropies) matches the hand computation."""
    assert normalized_mutual_info(a, b) == pytest.approx(nmi, abs=1e-12)


@pytest.mark.parametrize("measure", [adjusted_rand, normalized_mutual_info])
def test_agreement_is_symmetric(measure):
    """Swapping the two labellings changes nothing."""
    a, b = [0, 0, 0, 1, 1, 2, 2, 2], [1, 1, 0, 0, 0, 2, 2, 1]
    assert measure(a, b) == pytest.approx(measure(b, a))


def test_both_trivial_partitions_agree_fully():
    """Everyone in one group on both sides is perfect agreement."""
    assert (adjusted_rand([1, 1, 1], [5, 5, 5]), normalized_mutual_info([1, 1], [2, 2])) == (
        1.0,
        1.0,
    )


def test_labellings_of_different_length_are_refused():
    """The two labellings must label the same units."""
    with pytest.raises(MetricPrecondition):
        adjusted_rand([0, 1], [0])


def test_partition_agreement_uses_units_present_in_both():
    """Units without an official label are left out; the rest agree perfectly here."""
    result = partition_agreement([["a", "b"], ["c", "x"]], {"a": "Z1", "b": "Z1", "c": "Z2"})
    assert result == {"units": 3, "adjusted_rand": 1.0, "normalized_mutual_info": 1.0}


def test_modularity_equals_networkx():
    """Our modularity equals nx.community.modularity for a weighted partition."""
    G = nx.karate_club_graph()
    parts = nx.community.louvain_communities(G, seed=1)
    assert modularity(G, parts, weight="weight") == pytest.approx(
        nx.community.modularity(G, parts, weight="weight")
    )


def zone_graph() -> nx.Graph:
    """Zone Z = {a, b, c} with ties a–b, b–c; outside d, e, f with one tie c–d and d–e, e–f."""
    return nx.Graph([("a", "b"), ("b", "c"), ("c", "d"), ("d", "e"), ("e", "f")])


def test_zone_that_works_together_is_not_paper_only():
    """Internal 2/3 beats external 1/9 and the baseline 5/15: a working zone."""
    row = zone_cohesion(zone_graph(), {"Z": ["a", "b", "c"]})["Z"]
    assert (row["internal_density"], row["external_density"], row["paper_only"]) == (
        pytest.approx(2 / 3),
        pytest.approx(1 / 9),
        False,
    )


def test_zone_without_internal_ties_is_paper_only():
    """Zone {a, c, e} has no tie inside: on paper only."""
    assert zone_cohesion(zone_graph(), {"Z": ["a", "c", "e"]})["Z"]["paper_only"] is True


def test_zone_no_denser_than_everywhere_else_is_paper_only():
    """Not higher is not enough: where all units work with all, a zone is nothing special."""
    row = zone_cohesion(nx.complete_graph("abcd"), {"Z": ["a", "b"]})["Z"]
    assert (row["internal_density"], row["external_density"], row["baseline_density"]) == (1, 1, 1)
    assert row["paper_only"] is True
