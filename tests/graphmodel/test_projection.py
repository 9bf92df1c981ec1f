"""The projection: units ↔ activities → unit–unit graph, roll-ups, and the other two graphs."""

from __future__ import annotations

import datetime as dt

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from networkx.algorithms import bipartite

from graphmodel.errors import MetricPrecondition
from graphmodel.projection import (
    as_incidence,
    as_sparse,
    bipartite_graph,
    incidence,
    incidence_from_pairs,
    org_incidence,
    project,
)
from graphmodel.records import Activity, Member, Participation, PartyOrg, Unit

DAY = dt.date(2026, 3, 1)


def units(*ids: str) -> list[Unit]:
    return [Unit(i, f"单位{i}", "government") for i in ids]


def activity(aid: str, date: dt.date = DAY, initiator: str | None = None) -> Activity:
    return Activity(aid, aid, "theme_day", date, initiator)


def weight(G, a: str, b: str, attr: str = "weight") -> float:
    matrix = G.weight if attr == "weight" else G.newman
    return float(matrix[G.index[a], G.index[b]])


# -- hand-made projections -----------------------------------------------------

# x: a, b, c  (3 units) — y: a, b  — z: d alone
PAIRS = [("a", "x"), ("b", "x"), ("c", "x"), ("a", "y"), ("b", "y"), ("d", "z")]


@pytest.mark.parametrize(
    ("a", "b", "expected"), [("a", "b", 2.0), ("a", "c", 1.0), ("b", "c", 1.0), ("a", "d", 0.0)]
)
def test_weight_counts_joint_activities(a, b, expected):
    """`weight` is the number of activities both units took part in."""
    assert weight(project(incidence_from_pairs(PAIRS)), a, b) == expected


@pytest.mark.parametrize(("a", "b", "expected"), [("a", "b", 1.5), ("a", "c", 0.5)])
def test_newman_weight_adds_one_over_n_minus_one(a, b, expected):
    """An activity of n units adds 1/(n−1) to each of its pairs' `newman` weight."""
    assert weight(project(incidence_from_pairs(PAIRS)), a, b, "newman") == expected


def test_newman_strength_is_one_per_activity():
    """Each unit's Newman strength equals its number of joint activities."""
    G = project(incidence_from_pairs(PAIRS))
    strength = np.asarray(G.newman.sum(axis=1)).ravel()
    assert strength.tolist() == [2.0, 2.0, 1.0, 0.0]


def test_max_size_leaves_out_big_activities():
    """With max_size=2 the three-unit activity x adds no ties."""
    G = project(incidence_from_pairs(PAIRS), max_size=2)
    assert (weight(G, "a", "b"), weight(G, "a", "c")) == (1.0, 0.0)


def test_max_size_below_two_is_refused():
    """A size cut-off under two would leave no pairs at all."""
    with pytest.raises(MetricPrecondition):
        project(incidence_from_pairs(PAIRS), max_size=1)


def test_half_life_halves_an_activity_one_half_life_old():
    """An activity 30 days old counts 0.5 with a 30-day half-life; today's counts 1."""
    bundle = units("a", "b")
    acts = [activity("old", DAY - dt.timedelta(days=30)), activity("new", DAY)]
    taking = [Participation(x, u) for x in ("old", "new") for u in ("a", "b")]
    G = project(incidence(bundle, acts, taking), half_life=30, end=DAY)
    assert weight(G, "a", "b") == pytest.approx(1.5)


def test_half_life_needs_the_end_date():
    """Decay is measured back from the window's end, which must be given."""
    with pytest.raises(MetricPrecondition):
        project(incidence_from_pairs(PAIRS), half_life=30)


def test_unit_without_activity_is_an_isolated_node():
    """A unit with no activity stays in the graph with degree 0."""
    inc = incidence(units("a", "b", "c"), [activity("x")], [Participation("x", "a")])
    G = project(inc).to_networkx()
    assert sorted(G.nodes) == ["a", "b", "c"] and G.number_of_edges() == 0


def test_joint_branch_rolls_up_to_each_of_its_units():
    """A joint branch taking part counts for every unit it spans."""
    orgs = [PartyOrg("P", "联合党支部", "joint_branch", ("a", "b"))]
    taking = [Participation("x", party_org="P"), Participation("x", "c")]
    G = project(incidence(units("a", "b", "c"), [activity("x")], taking, orgs))
    assert G.number_of_edges == 3


def test_member_rolls_up_to_the_units_of_their_organisation():
    """A member taking part counts for the unit of the member's organisation."""
    orgs = [PartyOrg("P", "党支部", "branch", ("b",))]
    people = [Member("M", "张", "P")]
    taking = [Participation("x", "a"), Participation("x", member="M")]
    G = project(incidence(units("a", "b"), [activity("x")], taking, orgs, people))
    assert weight(G, "a", "b") == 1.0


def test_strongest_role_is_kept_when_a_unit_appears_twice():
    """A unit named as guest and (through its org) as host is recorded as host."""
    orgs = [PartyOrg("P", "党支部", "branch", ("a",))]
    taking = [Participation("x", "a"), Participation("x", party_org="P", role="host")]
    inc = incidence(units("a"), [activity("x")], taking, orgs)
    assert inc.roles.toarray().tolist() == [[3]]


def test_participation_in_an_unknown_activity_is_ignored():
    """Taking part in an activity outside the read range adds nothing."""
    inc = incidence(units("a"), [activity("x")], [Participation("gone", "a")])
    assert inc.roles.nnz == 0


def test_org_graph_links_organisations_through_their_members():
    """Two organisations whose members met at one activity are linked."""
    orgs = [PartyOrg("P1", "一支部", "branch"), PartyOrg("P2", "二支部", "branch")]
    people = [Member("M1", "张", "P1"), Member("M2", "李", "P2")]
    taking = [Participation("x", member="M1"), Participation("x", member="M2")]
    G = project(org_incidence(orgs, [activity("x")], taking, people))
    assert weight(G, "P1", "P2") == 1.0


def test_bipartite_graph_keeps_roles_dates_and_initiator():
    """The NetworkX bipartite graph carries role, date and district initiation."""
    inc = incidence(units("a"), [activity("x", initiator="district")], [Participation("x", "a")])
    B = bipartite_graph(inc)
    assert (B["a"]["x"]["role"], B.nodes["x"]["date"], B.nodes["x"]["by_district"]) == (
        "guest",
        DAY,
        True,
    )


def test_bipartite_graph_converts_back_to_the_same_incidence():
    """as_incidence(bipartite_graph(inc)) holds the same roles and dates."""
    acts = [activity("x"), activity("y", DAY + dt.timedelta(days=1))]
    taking = [Participation("x", "a", role="host"), Participation("y", "b")]
    inc = incidence(units("a", "b"), acts, taking)
    back = as_incidence(bipartite_graph(inc))
    assert back.roles.toarray().tolist() == inc.roles.toarray().tolist()
    assert back.dates.tolist() == inc.dates.tolist()


def test_to_networkx_and_back_keeps_both_weights():
    """Converting to NetworkX and back gives the same matrices."""
    G = project(incidence_from_pairs(PAIRS))
    back = as_sparse(G.to_networkx())
    assert (back.weight != G.weight).nnz == 0 and (back.newman != G.newman).nnz == 0


def test_subgraph_keeps_the_ties_among_the_chosen_units():
    """The induced subgraph holds only ties inside the chosen set."""
    H = project(incidence_from_pairs(PAIRS)).subgraph(["a", "c", "d"])
    assert (H.nodes, H.number_of_edges) == (("a", "c", "d"), 1)


@pytest.mark.parametrize("G", [nx.DiGraph([(1, 2)]), nx.MultiGraph([(1, 2)]), "not a graph"])
def test_as_sparse_refuses_what_is_not_an_undirected_simple_graph(G):
    """Directed graphs, multigraphs and other objects are refused with a clear error."""
    with pytest.raises(MetricPrecondition):
        as_sparse(G)


def test_as_incidence_refuses_a_graph_without_sides():
    """A graph without `bipartite` node attributes is not a bipartite graph."""
    with pytest.raises(MetricPrecondition):
        as_incidence(nx.path_graph(3))


# -- Davis' Southern Women (Davis, Gardner & Gardner 1941; Breiger 1974) ---------


@pytest.fixture(scope="module")
def davis():
    """The women × events graph, its women, and our projection of it."""
    B = nx.davis_southern_women_graph()
    women = B.graph["top"]
    return B, women, project(as_incidence(B))


def test_davis_weights_equal_networkx_weighted_projection(davis):
    """Every pair's weight equals bipartite.weighted_projected_graph's shared-event count."""
    B, women, G = davis
    expected = bipartite.weighted_projected_graph(B, women)
    ours = {frozenset((u, v)): w for u, v, w in G.to_networkx().edges(data="weight")}
    assert ours == {frozenset((u, v)): float(w) for u, v, w in expected.edges(data="weight")}


# Breiger (1974), "The Duality of Persons and Groups", Social Forces 53(2):181–190,
# women × women matrix, row EVELYN: 8 6 7 6 3 4 3 3 3 2 2 2 2 2 1 2 1 1 (the 8 on the
# diagonal is her own number of events). Re-derived here from the data itself.
EVELYN_ROW = [6, 7, 6, 3, 4, 3, 3, 3, 2, 2, 2, 2, 2, 1, 2, 1, 1]


def test_davis_evelyn_row_matches_breiger(davis):
    """Evelyn's co-attendance counts are Breiger's published row (Evelyn–Theresa: 7)."""
    _, women, G = davis
    row = [weight(G, "Evelyn Jefferson", w) for w in women[1:]]
    assert row == EVELYN_ROW


def test_davis_projection_has_139_of_153_pairs(davis):
    """18 women, 139 of the 153 pairs co-attended at least once (14 pairs never met)."""
    _, women, G = davis
    assert (len(G), G.number_of_edges) == (18, 139)


@pytest.mark.parametrize(
    ("woman", "events"),
    [("Evelyn Jefferson", 8), ("Theresa Anderson", 8), ("Nora Fayette", 8), ("Flora Price", 2)],
)
def test_davis_events_attended(davis, woman, events):
    """Each woman's number of events (Davis et al.'s table) is her row count."""
    inc = as_incidence(davis[0])
    assert int(inc.taking_part[[inc.index[woman]]].sum()) == events


# -- invariants --------------------------------------------------------------------

pairs_strategy = st.lists(
    st.tuples(st.sampled_from("abcdefg"), st.sampled_from(["x", "y", "z", "w", "v"])),
    min_size=1,
    max_size=30,
)


@settings(max_examples=60, deadline=None)
@given(pairs_strategy, st.none() | st.integers(min_value=2, max_value=6))
def test_weights_are_symmetric_with_an_empty_diagonal(pairs, max_size):
    """Both weight matrices are symmetric and no unit is tied to itself."""
    G = project(incidence_from_pairs(pairs), max_size=max_size)
    for M in (G.weight, G.newman):
        assert (M != M.T).nnz == 0
        assert not M.diagonal().any()


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from("abcdef"), st.integers(min_value=0, max_value=9)),
        min_size=1,
        max_size=40,
    ),
    st.integers(min_value=1, max_value=11),
)
def test_a_longer_window_never_loses_weight(taking, months):
    """Every tie of a window is at least as strong in the window twice as long."""
    end = dt.date(2026, 12, 31)
    acts = [activity(f"x{k}", end - dt.timedelta(days=40 * k)) for k in range(10)]
    inc = incidence(units(*"abcdef"), acts, [Participation(f"x{k}", u) for u, k in taking])
    short = project(inc.between(end - dt.timedelta(days=30 * months), end))
    long = project(inc.between(end - dt.timedelta(days=60 * months), end))
    assert ((short.weight - long.weight) > 0).nnz == 0


def test_both_weights_from_one_product_equal_two_real_products():
    """The weights from one complex product are, to the bit, two real products' B·diag(w)·Bᵀ."""
    import random

    import scipy.sparse as sp

    rng = random.Random(3)
    pairs = [(f"u{rng.randrange(60)}", f"a{rng.randrange(200)}") for _ in range(900)]
    inc = incidence_from_pairs(pairs)
    dates = np.array([np.datetime64(DAY) - rng.randrange(400) for _ in inc.activities])
    inc = type(inc)(inc.units, inc.activities, inc.roles, dates, inc.by_district)
    G = project(inc, max_size=12, half_life=90.0, end=DAY)
    sizes = inc.sizes()
    cols = np.flatnonzero((sizes >= 2) & (sizes <= 12))
    decay = 0.5 ** ((np.datetime64(DAY) - dates[cols]).astype(float) / 90.0)
    B = inc.taking_part[:, cols].tocsr()
    for found, w in ((G.weight, decay), (G.newman, decay / (sizes[cols] - 1.0))):
        W = (B @ sp.diags_array(w) @ B.T).tocsr()
        W = (W - sp.diags_array(W.diagonal())).tocsr()
        W.eliminate_zeros()
        W.sort_indices()
        assert np.array_equal(found.indptr, W.indptr) and np.array_equal(found.indices, W.indices)
        assert np.array_equal(found.data, W.data)
