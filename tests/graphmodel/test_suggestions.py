"""Suggested partners: each score part on tiny graphs, the ranking, decisions and the reasons."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math

import networkx as nx
import numpy as np
import pytest

from graphmodel.district import District
from graphmodel.errors import BadDecision, BadSuggestionRequest, UnknownUnit
from graphmodel.records import Activity, Decision, Participation, Unit, Zone
from graphmodel.store import Bundle
from graphmodel.suggest import DEFAULT_WEIGHTS, PARTS, Weights, suggest, unit_features
from graphmodel.suggest.features import overload_penalty
from graphmodel.suggest.reasons import Evidence, reasons
from graphmodel.suggest.scoring import candidates, part_values, raw_parts, score_parts, top
from graphmodel.window import Window
from service.errors import status_of

END = dt.date(2026, 6, 30)
WINDOW = Window(END, 12)
AT = dt.datetime(2026, 7, 1, 9, 0)


def values_between(G, units, a, b, weights=DEFAULT_WEIGHTS, zones=()):
    """Each part's value in [0, 1] for candidate ``b`` of unit ``a``."""
    F = unit_features(G, units, zones)
    i, j = F.index[a], F.index[b]
    values = part_values(F, raw_parts(F, [i], [j]), [i], [j], weights)
    return {name: float(v[0, 0]) for name, v in values.items()}


def joint(activity: str, day: dt.date, *units: str) -> tuple[Activity, list[Participation]]:
    return Activity(activity, activity, "theme_day", day), [
        Participation(activity, u) for u in units
    ]


def district_of(units, *meetings, zones=()) -> District:
    """A district of ``units`` whose ``meetings`` are (activity id, unit ids…) in March 2026."""
    activities, participations = [], []
    for activity, *members in meetings:
        a, ps = joint(activity, dt.date(2026, 3, 1), *members)
        activities.append(a)
        participations += ps
    bundle = Bundle(
        zones=list(zones), units=units, activities=activities, participations=participations
    )
    return District.from_bundle(bundle, WINDOW)


# -- structure ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("part", "nx_function"),
    [
        ("adamic_adar", nx.adamic_adar_index),
        ("resource_allocation", nx.resource_allocation_index),
    ],
)
def test_structural_indices_equal_networkx(part, nx_function):
    """Adamic–Adar and resource allocation equal NetworkX's on every non-adjacent pair."""
    G = nx.karate_club_graph()
    F = unit_features(G, [])
    pairs = list(nx.non_edges(G))  # a list: NetworkX 3.6 returns nothing for a generator
    expected = {(u, v): p for u, v, p in nx_function(G, pairs)}
    raw = raw_parts(F, list(range(len(F))))[part]
    for (u, v), p in expected.items():
        assert raw[F.index[str(u)], F.index[str(v)]] == pytest.approx(p)


def test_common_partners_count_shared_neighbours():
    """common_partners counts the partners two units share."""
    G = nx.Graph([("a", "x"), ("b", "x"), ("a", "y"), ("b", "y"), ("a", "z")])
    F = unit_features(G, [])
    assert raw_parts(F, [F.index["a"]], [F.index["b"]])["common_partners"][0, 0] == 2


def test_the_fast_path_for_one_unit_equals_the_block_path():
    """Scoring one unit against all gives the same raw measures as the general products."""
    G = nx.gnm_random_graph(60, 150, seed=3)
    units = [
        Unit(str(n), str(n), ("school", "community")[n % 2], f"S{n % 3}", f"C{n % 5}",
             lat=30 + n / 100, lon=112, zones=(f"Z{n % 4}",), offers=("场地",) * (n % 2),
             needs=("场地", "师资")[: n % 3])
        for n in G
    ]  # fmt: skip
    F = unit_features(G, units)
    one = raw_parts(F, [7])
    block = raw_parts(F, [7], list(range(len(F))))
    for name in block:
        np.testing.assert_allclose(one[name], block[name])


def test_structure_saturates_at_half_at_the_half_constant():
    """One common partner with common_half=1 gives half of the common_partners weight."""
    values = values_between(nx.path_graph(["a", "x", "b"]), [], "a", "b")
    assert values["common_partners"] == pytest.approx(0.5)


# -- complementarity ------------------------------------------------------------------------


def test_needs_met_is_the_share_of_the_units_needs_the_partner_offers():
    """A partner offering one of the unit's two needs meets half of them."""
    units = [
        Unit("a", "甲", "community", needs=("医疗", "养老")),
        Unit("b", "乙", "hospital", offers=("医疗",)),
    ]
    values = values_between(nx.empty_graph(["a", "b"]), units, "a", "b")
    assert values["needs_met"] == 0.5
    assert values["offers_wanted"] == 0.0


def test_offers_wanted_is_the_share_of_the_partners_needs_the_unit_offers():
    """Offering the partner's only need scores offers_wanted 1, and needs_met stays 0."""
    units = [
        Unit("a", "甲", "school", offers=("师资",)),
        Unit("b", "乙", "community", needs=("师资",)),
    ]
    values = values_between(nx.empty_graph(["a", "b"]), units, "a", "b")
    assert (values["needs_met"], values["offers_wanted"]) == (0.0, 1.0)


# -- proximity ------------------------------------------------------------------------------


def test_same_community_needs_the_same_street():
    """Two communities of the same name in different streets are not the same community."""
    units = [
        Unit("a", "甲", "school", "S1", "和平社区"),
        Unit("b", "乙", "school", "S2", "和平社区"),
        Unit("c", "丙", "school", "S1", "和平社区"),
    ]
    G = nx.empty_graph(["a", "b", "c"])
    assert values_between(G, units, "a", "b")["same_community"] == 0.0
    assert values_between(G, units, "a", "c")["same_community"] == 1.0


def test_same_street_is_one_for_units_of_one_street():
    """Units of one street score same_street 1, of different streets 0, unknown streets 0."""
    units = [
        Unit("a", "甲", "school", "S1"),
        Unit("b", "乙", "school", "S1"),
        Unit("c", "丙", "school"),
    ]
    G = nx.empty_graph(["a", "b", "c"])
    assert values_between(G, units, "a", "b")["same_street"] == 1.0
    assert values_between(G, units, "c", "a")["same_street"] == 0.0


def test_a_shared_collaboration_zone_counts_but_a_street_listed_as_zone_does_not():
    """shared_zone counts collaboration zones and alliances, not streets named among the zones."""
    zones = [Zone("S1", "清河街道", "street"), Zone("Z2", "党建协作二区", "collaboration_zone")]
    units = [
        Unit("a", "甲", "government", zones=("S1", "Z2")),
        Unit("b", "乙", "government", zones=("Z2",)),
        Unit("c", "丙", "government", zones=("S1",)),
    ]
    G = nx.empty_graph(["a", "b", "c"])
    assert values_between(G, units, "a", "b", zones=zones)["shared_zone"] == 1.0
    assert values_between(G, units, "a", "c", zones=zones)["shared_zone"] == 0.0


def test_nearby_decays_with_distance():
    """nearby is exp(−d / distance_km) for the great-circle distance d."""
    units = [
        Unit("a", "甲", "school", lat=30.0, lon=112.0),
        Unit("b", "乙", "school", lat=30.018, lon=112.0),
    ]
    values = values_between(nx.empty_graph(["a", "b"]), units, "a", "b", Weights(distance_km=2.0))
    d = 6371.0 * math.radians(0.018)
    assert values["nearby"] == pytest.approx(math.exp(-d / 2.0), rel=1e-6)


def test_nearby_is_zero_without_a_position():
    """A unit without latitude and longitude is not near anything."""
    units = [Unit("a", "甲", "school", lat=30.0, lon=112.0), Unit("b", "乙", "school")]
    assert values_between(nx.empty_graph(["a", "b"]), units, "a", "b")["nearby"] == 0.0


# -- kinds and load -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind_b", "expected"), [("enterprise", 1.0), ("community", 0.0), (None, 0.0)]
)
def test_kind_diversity_rewards_different_kinds(kind_b, expected):
    """An enterprise for a community scores kind_diversity 1; the same or an unknown kind 0."""
    units = [Unit("a", "甲", "community")] + ([Unit("b", "乙", kind_b)] if kind_b else [])
    assert values_between(nx.empty_graph(["a", "b"]), units, "a", "b")["kind_diversity"] == expected


def test_overload_marks_down_only_the_busiest_share():
    """The overload part is 0 below the (1 − share) quantile of partners and 1 for the busiest."""
    penalty = overload_penalty(np.array([1] * 19 + [10]), 0.05)
    assert penalty[:19].tolist() == [0.0] * 19
    assert penalty[19] == 1.0


def test_the_overload_part_counts_against_the_score():
    """A hub's overload contribution is negative, its weight times its mark-down."""
    G = nx.star_graph(["hub", *[f"s{i}" for i in range(30)]])
    G.add_node("new")
    F = unit_features(G, [])
    parts = score_parts(F, [F.index["new"]], weights=Weights(overload=0.5))
    assert parts["overload"][0, F.index["hub"]] == pytest.approx(-0.5)


# -- weights and candidates -----------------------------------------------------------------


def test_a_negative_weight_is_refused():
    """Weights reject a negative weight with a clear error."""
    with pytest.raises(BadSuggestionRequest, match="common_partners"):
        Weights(common_partners=-0.1)


def test_overload_share_must_lie_between_zero_and_one():
    """overload_share = 1 is refused."""
    with pytest.raises(BadSuggestionRequest):
        Weights(overload_share=1.0)


def test_candidates_leave_out_the_unit_its_partners_and_the_excluded():
    """Candidates are neither the unit itself, nor a partner in the window, nor excluded."""
    F = unit_features(nx.Graph([("a", "b"), ("c", "d")]), [])
    mask = candidates(F, F.index["a"], exclude={"d"})
    assert [F.units[i] for i in np.flatnonzero(mask)] == ["c"]


def test_top_refuses_k_below_one():
    """k = 0 is a clear error, not an empty list."""
    with pytest.raises(BadSuggestionRequest):
        top(np.zeros(3), np.ones(3, dtype=bool), 0)


# -- suggest --------------------------------------------------------------------------------


@pytest.fixture
def district() -> District:
    """U1 works with U2 and U3, who both work with U4; U5 is far off and alone."""
    units = [
        Unit("U1", "桂花社区", "community", "S1", "桂花社区", 12, 30.30, 112.20, needs=("师资",)),
        Unit("U2", "区统计局", "government", "S1", headcount=18, lat=30.31, lon=112.21),
        Unit("U3", "区档案馆", "government", "S1", headcount=11, lat=30.29, lon=112.19),
        Unit(
            "U4", "市委党校", "school", "S1", zones=("Z2",), offers=("师资",), lat=30.30, lon=112.22
        ),
        Unit("U5", "远郊农场", "enterprise", "S2", lat=30.9, lon=112.9),
    ]
    units[0] = dataclasses.replace(units[0], zones=("Z2",))
    zones = [Zone("S1", "清河街道", "street"), Zone("Z2", "党建协作二区", "collaboration_zone")]
    return district_of(
        units, ("A1", "U1", "U2"), ("A2", "U1", "U3"), ("A3", "U2", "U3", "U4"), zones=zones
    )


def test_suggest_ranks_the_partner_of_partners_first(district):
    """The unit's partners' common partner, close by and offering its need, comes first."""
    found = suggest(district, "U1")
    assert [s.partner for s in found] == ["U4", "U5"]


def test_the_parts_sum_to_the_score(district):
    """Every suggestion keeps its parts, and they add up to its score."""
    for s in suggest(district, "U1"):
        assert set(s.parts) == set(PARTS)
        assert sum(s.parts.values()) == pytest.approx(s.score)


def test_suggest_never_lists_current_partners(district):
    """Units the unit worked with in the window are not suggested."""
    assert {"U2", "U3"}.isdisjoint(s.partner for s in suggest(district, "U1"))


def test_suggest_lists_only_positive_scores():
    """A candidate with nothing in its favour is not suggested."""
    units = [Unit("a", "甲", "school"), Unit("b", "乙", "school")]
    assert suggest(district_of(units), "a") == []


def test_suggest_returns_at_most_k(district):
    """k caps the list."""
    assert len(suggest(district, "U1", k=1)) == 1


def test_an_unknown_unit_is_not_found(district):
    """Asking about a unit that is not in the district raises UnknownUnit (404)."""
    with pytest.raises(UnknownUnit) as info:
        suggest(district, "U9")
    assert status_of(info.value) == 404


def test_zero_weights_switch_a_part_off(district):
    """With the street weight at 0 the part contributes nothing."""
    found = suggest(district, "U1", weights=Weights(same_street=0.0))
    assert all(s.parts["same_street"] == 0.0 for s in found)


# -- decisions ------------------------------------------------------------------------------


def test_a_dismissed_partner_does_not_come_back(district):
    """After a dismissal the partner is left out."""
    decisions = [Decision("U1", "U4", "dismiss", AT)]
    assert "U4" not in [s.partner for s in suggest(district, "U1", decisions=decisions)]


def test_a_dismissed_partner_comes_back_when_asked(district):
    """include_dismissed lists it again, marked as dismissed."""
    decisions = [Decision("U1", "U4", "dismiss", AT)]
    found = suggest(district, "U1", decisions=decisions, include_dismissed=True)
    assert [(s.partner, s.decision) for s in found][0] == ("U4", "dismiss")


def test_a_decision_made_from_the_partners_side_counts(district):
    """A dismissal of U1 for U4 also keeps U4 out of U1's list."""
    decisions = [Decision("U4", "U1", "dismiss", AT)]
    assert "U4" not in [s.partner for s in suggest(district, "U1", decisions=decisions)]


def test_the_latest_decision_counts(district):
    """Dismissed, then accepted: the partner is back, marked accepted."""
    decisions = [Decision("U1", "U4", "dismiss", AT), Decision("U1", "U4", "accept", AT)]
    found = suggest(district, "U1", decisions=decisions)
    assert found[0].partner == "U4" and found[0].decision == "accept"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"decision": "maybe"}, "accept, dismiss or undo"),
        ({"partner": "U1"}, "itself"),
        ({"note": "很" * 501}, "longer than 500"),
        ({"at": dt.date(2026, 7, 1)}, "datetime"),
    ],
)
def test_a_bad_decision_is_refused(fields, message):
    """A decision that is neither accept nor dismiss, a self-pair, a long note, a date: refused."""
    values = {"unit": "U1", "partner": "U4", "decision": "accept", "at": AT, **fields}
    with pytest.raises(BadDecision, match=message):
        Decision(**values)


# -- reasons --------------------------------------------------------------------------------


def test_reasons_read_as_the_planners_example():
    """Needs met, a shared zone and common partners make the sentence planners expect."""
    evidence = Evidence(
        common_partners=(("U2", "区统计局"), ("U3", "区档案馆")),
        needs_met=("师资",),
        shared_zones=(("Z2", "协作二区"),),
    )
    parts = {"needs_met": 0.75, "shared_zone": 0.5, "common_partners": 0.3}
    said = reasons("社区A", "市委党校", evidence, parts)
    assert [r.zh for r in said] == [
        "社区A需要师资，市委党校可提供师资",
        "两者同属协作二区",
        "有2个共同共建伙伴（区统计局、区档案馆）",
    ]


def test_reasons_have_an_english_sentence_each():
    """Every reason has its English sentence."""
    evidence = Evidence(offers_wanted=("场地",), distance_km=1.24)
    said = reasons("桂花社区", "区统计局", evidence, {"offers_wanted": 0.5, "nearby": 0.4})
    assert [r.en for r in said] == [
        "区统计局 needs 场地, which 桂花社区 can offer",
        "about 1.2 km apart",
    ]


def test_a_part_that_did_not_count_has_no_reason():
    """A zero part earns no sentence even when there is evidence for it."""
    evidence = Evidence(street=("S1", "清河街道"))
    assert reasons("甲", "乙", evidence, {"same_street": 0.0}) == []


def test_the_overload_warning_comes_last():
    """A marked-down partner gets a warning after the reasons for it."""
    evidence = Evidence(street=("S1", "清河街道"), partner_partners=42)
    said = reasons("甲", "乙", evidence, {"same_street": 1.5, "overload": -0.4})
    assert [r.part for r in said] == ["same_street", "overload"]
    assert said[-1].zh == "注意：乙已有42个合作伙伴，负担较重"


def test_kind_reasons_name_both_kinds_in_both_languages():
    """The kind sentence names the kinds in Chinese and in English."""
    said = reasons(
        "甲", "乙", Evidence(kinds=("enterprise", "community")), {"kind_diversity": 0.75}
    )
    assert (said[0].zh, said[0].en) == (
        "企业与社区类型互补",
        "an enterprise and a community complement each other",
    )


def test_suggestions_explain_themselves(district):
    """The best suggestion's reasons name its common partners and the need it meets."""
    best = suggest(district, "U1")[0]
    text = "；".join(r.zh for r in best.reasons)
    assert "桂花社区需要师资，市委党校可提供师资" in text
    assert "有2个共同共建伙伴（区统计局、区档案馆）" in text
    assert "两者同属党建协作二区" in text


def test_suggestions_can_be_limited_to_some_units(district):
    """among= keeps partners inside a set of units (a street planner's territory)."""
    assert [s.partner for s in suggest(district, "U1", among={"U2", "U5"})] == ["U5"]
