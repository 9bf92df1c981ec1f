"""The network view's forms over the small district: focus, path, encodings, side panel, territory.

small_bundle: S1 holds U1 (桂花社区) and U2 (区统计局), S2 holds U3 (区档案馆) and U4
(华远建设). In the window ending 2026-07-31: A1 joins U1, U2 and U3 (M1 of the joint
branch of U2 and U3 took part), A2 joins U2, U3 (the joint branch) and U4.
"""

from __future__ import annotations

import io

import networkx as nx
import pytest

WINDOW = "end=2026-07-31&months=12"


def ids(data) -> set[str]:
    return {n["id"] for n in data["nodes"]}


def test_focus_with_one_hop_is_the_unit_and_its_partners(client):
    """focus=U4&hops=1: U4 and its partners U2 and U3."""
    data = client.get(f"/api/v1/network?{WINDOW}&focus=U4&hops=1").json
    assert ids(data) == {"U4", "U2", "U3"}
    assert data["meta"]["focus"] == {"id": "U4", "name": "华远建设有限公司", "hops": 1}


def test_focus_with_two_hops_reaches_partners_of_partners(client):
    """hops=2 adds the partners' partners (U1)."""
    assert ids(client.get(f"/api/v1/network?{WINDOW}&focus=U4&hops=2").json) == {
        "U1", "U2", "U3", "U4"
    }  # fmt: skip


def test_a_path_lists_its_intermediaries(client):
    """path=U1,U4 runs through U2 first (two joint activities with each end), then U3."""
    meta = client.get(f"/api/v1/network?{WINDOW}&path=U1,U4").json["meta"]["path"]
    assert meta["connected"]
    chains = [[u["id"] for u in chain] for chain in meta["chains"]]
    assert chains[:2] == [["U1", "U2", "U4"], ["U1", "U3", "U4"]]


def test_a_path_between_unconnected_units_says_so(client):
    """Before A2 (window ending in June) U1 and U4 are not connected."""
    data = client.get("/api/v1/network?end=2026-06-30&path=U1,U4").json
    assert data["meta"]["path"] == {
        "from": {"id": "U1", "name": "桂花社区"},
        "to": {"id": "U4", "name": "华远建设有限公司"},
        "connected": False,
        "chains": [],
    }
    assert ids(data) == {"U1", "U4"}


@pytest.mark.parametrize(
    "query", ["hops=3", "path=U1", "path=U1,U1", "size=height", "colour=rainbow", "min_weight=inf"]
)
def test_bad_view_arguments_are_clear_errors(client, query):
    """Each bad argument answers 400 with the common error shape."""
    response = client.get(f"/api/v1/network?{WINDOW}&{query}")
    assert response.status_code == 400 and response.json["error"]["code"] == "bad_filter"


def test_an_unknown_focus_unit_is_not_found(client):
    """focus=U9: 404."""
    assert client.get(f"/api/v1/network?{WINDOW}&focus=U9").status_code == 404


@pytest.mark.parametrize("size", ["activities", "partners", "betweenness", "health"])
def test_every_size_measure_sizes_the_nodes(client, size):
    """The measure is carried per node; the largest value gets the largest node."""
    data = client.get(f"/api/v1/network?{WINDOW}&size={size}").json
    top = max(data["nodes"], key=lambda n: n["measure"])
    assert top["size"] == max(n["size"] for n in data["nodes"]) and data["meta"]["size"] == size


def test_betweenness_makes_the_broker_largest(client):
    """U2 sits between U1 and S2's units: the largest by brokerage."""
    data = client.get(f"/api/v1/network?{WINDOW}&size=betweenness").json
    assert max(data["nodes"], key=lambda n: n["size"])["id"] == "U2"


@pytest.mark.parametrize("colour", ["kind", "street", "community", "activity", "health"])
def test_every_colouring_gives_each_node_a_legend_key(client, colour):
    """Every node's category is a legend entry, and the counts add up."""
    data = client.get(f"/api/v1/network?{WINDOW}&colour={colour}").json
    keys = {item["key"]: item["count"] for item in data["legend"]}
    assert {n["cat"] for n in data["nodes"]} <= set(keys)
    assert sum(keys.values()) == len(data["nodes"])


def test_communities_are_named_after_their_street(client):
    """A detected community is named after the street most of its units lie in."""
    legend = client.get(f"/api/v1/network?{WINDOW}&colour=community").json["legend"]
    assert [item["label"] for item in legend] == ["清河街道一带"]


def test_the_side_panel_shows_partners_activity_health_and_suggestions(client):
    """U2's panel: three partners with who hosted, activity now and before, health, suggestions."""
    data = client.get(f"/network/units/U2.json?{WINDOW}").json
    assert data["name"] == "区统计局" and data["street"] == "清河街道"
    assert data["zones"] == ["党建协作二区"]
    assert {p["id"] for p in data["partners"]} == {"U1", "U3", "U4"}
    u3 = next(p for p in data["partners"] if p["id"] == "U3")
    assert u3["joint"] == 2.0 and {"hosted_for_them", "hosted_by_them"} <= set(u3)
    assert data["activity"]["this"] == 2 and data["activity"]["previous"] == 0
    assert data["health"]["level"] in {"green", "amber", "red", "none"}
    assert len(data["suggestions"]) <= 3 and data["outside_partners"] == []
    assert data["url"].startswith("/units/U2") and "focus=U2" in data["focus_url"]


def test_the_page_carries_a_breadcrumb_back_from_a_focus(client):
    """A focus page links back to the view without the focus, keeping the window."""
    page = client.get(f"/network?{WINDOW}&focus=U1&hops=2").get_data(as_text=True)
    assert 'href="/network?end=2026-07-31&amp;months=12" id="breadcrumb-back"' in page


# -- a street planner of S1 -----------------------------------------------------


@pytest.fixture
def planner(client_as):
    return client_as("street", ("S1",))


@pytest.mark.parametrize(
    ("query", "joint"),
    [
        ("", 4.0),  # U1–U3, U2–U3 (twice), U2–U4
        ("&street=S1", 4.0),
        ("&colour=community", 4.0),
        ("&focus=U2&hops=1", 3.0),  # a focus sums the focused unit's ties only
        ("&focus=U2&hops=2", 3.0),
    ],
)
def test_a_street_planner_sees_other_streets_only_as_summed_nodes(planner, query, joint):
    """S2's units never appear by id or name; S2 is one node summing the ties to it."""
    response = planner.get(f"/api/v1/network?{WINDOW}{query}")
    text = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "U3" not in text and "U4" not in text and "区档案馆" not in text
    outside = [n for n in response.json["nodes"] if n.get("outside")]
    assert [n["name"] for n in outside] == ["东湖街道 · 2 个单位"]
    assert outside[0]["measure"] == joint


def test_a_street_planners_panel_sums_partners_in_other_streets(planner):
    """U2's panel: U1 by name, S2's two partners as one line without ids or names."""
    data = planner.get(f"/network/units/U2.json?{WINDOW}").json
    assert [p["id"] for p in data["partners"]] == ["U1"]
    assert data["outside_partners"] == [{"street": "东湖街道", "units": 2, "joint": 3.0}]
    assert all(s["id"] in {"U1", "U2"} for s in data["suggestions"])


@pytest.mark.parametrize(
    "path",
    [
        f"/network/units/U4.json?{WINDOW}",
        f"/api/v1/network?{WINDOW}&focus=U3",
        f"/api/v1/network?{WINDOW}&path=U1,U4",
    ],
)
def test_a_street_planner_cannot_reach_other_streets_units(planner, path):
    """A unit of another street is not found, whichever form asks for it."""
    assert planner.get(path).status_code == 404


def test_a_street_planners_gexf_holds_only_their_street(planner, tmp_path):
    """The GEXF of a street planner: S1's units and the summed S2 node."""
    response = planner.get(f"/network.gexf?{WINDOW}")
    G = nx.read_gexf(io.BytesIO(response.data))
    assert set(G) == {"U1", "U2", "out:S2"}
    assert "U3" not in response.get_data(as_text=True)


def test_the_street_overview_keeps_each_streets_strongest_ties():
    """20 streets all tied: each keeps its 8 strongest ties, weak pairs are left out."""
    from graphmodel.projection import as_sparse
    from visualizations.outside import STREET_TIES, street_tallies

    G = nx.Graph()
    for i in range(20):
        G.add_node(f"U{i}", street=f"S{i:02d}")
    G.add_weighted_edges_from((f"U{i}", f"U{j}", i + j) for i in range(20) for j in range(i))
    tallies, pairs = street_tallies(as_sparse(G), list(G))
    assert sum(t.units for t in tallies.values()) == 20 and len(pairs) < 190
    for i in range(20):
        others = sorted((j for j in range(20) if j != i), key=lambda j: -(i + j))[:STREET_TIES]
        assert all(tuple(sorted((f"S{i:02d}", f"S{j:02d}"))) in pairs for j in others)
    assert ("S00", "S01") not in pairs


def test_the_scope_is_named_in_words_for_captions(client):
    """meta.scope_label names the street (the PNG caption uses it)."""
    assert (
        client.get(f"/api/v1/network?{WINDOW}&street=S1").json["meta"]["scope_label"] == "清河街道"
    )
    assert client.get(f"/api/v1/network?{WINDOW}&lang=en").json["meta"]["scope_label"] == (
        "whole district"
    )


def test_a_repeated_filter_argument_draws_the_network(client):
    """``kind=a&kind=b`` (a repeated argument) draws like any other filter, not a 500."""
    response = client.get("/api/v1/network?kind=school&kind=community")
    assert response.status_code == 200
    kinds = {n["kind"] for n in response.get_json()["nodes"] if "kind" in n}
    assert kinds <= {"school", "community"}
