"""Assessment: rules parsed and refused, indicators on hand-made data, statuses, follow-up."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from graphmodel.assessment import (
    DEFAULT_RULES,
    INDICATORS,
    RulesError,
    assess,
    heat_map,
    parse_rules,
    read_rules,
    rollup,
    unit_indicators,
)
from graphmodel.assessment.followup import conversion, follow_up
from graphmodel.district import District
from graphmodel.records import (
    Activity,
    Agreement,
    Decision,
    Member,
    Participation,
    PartyOrg,
    Unit,
    Zone,
)
from graphmodel.store import Bundle
from graphmodel.window import Window

END = dt.date(2026, 6, 30)


def rule(indicator="distinct_partners", green=2, amber=1, **extra) -> str:
    """One [[rule]] table as TOML text."""
    lines = [f'id = "{extra.pop("id", "r")}"', f'indicator = "{indicator}"']
    lines += [f"green = {green}", f"amber = {amber}"]
    lines += [f"{k} = {v!r}".replace("'", '"').replace("True", "true") for k, v in extra.items()]
    return "[[rule]]\n" + "\n".join(lines) + "\n"


@pytest.fixture
def bundle() -> Bundle:
    """Two streets; U1 works with its community C1 and with U2 across the street line."""
    return Bundle(
        zones=[Zone("S1", "清河街道", "street"), Zone("S2", "东湖街道", "street")],
        units=[
            Unit("C1", "桂花社区", "community", "S1", "桂花社区"),
            Unit("U1", "区统计局", "government", "S1", "桂花社区"),
            Unit("U2", "华远建设", "enterprise", "S2"),
            Unit("U3", "一中", "school", "S1"),
        ],
        party_orgs=[PartyOrg("P1", "统计局党支部", "branch", ("U1",))],
        members=[
            Member("M1", "甲", "P1", True, "C1"),
            Member("M2", "乙", "P1", True),
            Member("M3", "丙", "P1", False),
        ],
        agreements=[Agreement("G1", "共建协议", ("U1", "C1"), dt.date(2026, 1, 1))],
        activities=[
            Activity("A0", "去年党日", "theme_day", dt.date(2025, 3, 1), "U1"),
            Activity("A1", "联合党日", "theme_day", dt.date(2026, 1, 10), "U1"),
            Activity("A2", "企业开放日", "other", dt.date(2026, 2, 10), "U2"),
            Activity("A3", "区联席会", "joint_meeting", dt.date(2026, 3, 10), "district"),
        ],
        participations=[
            Participation("A0", "U1", role="host"),
            Participation("A0", "C1"),
            Participation("A1", "U1", role="host"),
            Participation("A1", "C1"),
            Participation("A1", member="M1"),
            Participation("A2", "U2", role="host"),
            Participation("A2", "U1"),
            Participation("A3", "U1"),
            Participation("A3", "U2"),
        ],
    )


@pytest.fixture
def district(bundle) -> District:
    return District.from_bundle(bundle, Window(END, 12))


def test_the_shipped_rules_parse_and_name_their_sources():
    """The default rule set is valid and every rule says where it comes from."""
    rules, text = read_rules(None)
    assert text == DEFAULT_RULES.read_text("utf-8")
    assert len(rules.rules) >= 5 and all(r.source for r in rules.rules)
    assert rules.excellent == 95 and rules.followup_months == 3
    assert {r.indicator for r in rules.rules} <= set(INDICATORS)


def test_a_missing_rules_file_falls_back_to_the_shipped_rules(tmp_path):
    """COBUILD_RULES naming a file not yet written reads the shipped rules."""
    assert read_rules(tmp_path / "none.toml")[1] == DEFAULT_RULES.read_text("utf-8")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (rule("partners"), ["规则 r", "未知指标 'partners'", "unknown indicator"]),
        (rule(green=1, amber=2), ["规则 r", "比绿色阈值", "stricter than green"]),
        (rule("district_dependence", 0.8, 0.5), ["规则 r", "stricter than green"]),
        (rule("dual_registration", 95, 90), ["规则 r", "0–1", "outside the range"]),
        (rule("hosted_share", 0.5, -0.1), ["amber = -0.1", "outside the range"]),
        (rule(green='"many"'), ["green must be a number"]),
        (rule(weight=-1), ["the weight must not be negative"]),
        (rule(colour="red"), ["unknown key(s) colour"]),
        (rule() + rule(), ["the id is used twice"]),
        ("[score]\nexcellent = 95\n", ["没有任何 [[rule]]", "holds no [[rule]]"]),
        ("[[rule]\nid=", ["不是有效的 TOML", "not valid TOML"]),
        (rule() + "[score]\nexcellent = 50\npass = 80\n", ["[score]", "pass ≤ excellent"]),
        (rule() + "[followup]\nmonths = 0\n", ["[followup]", "1 to 36"]),
    ],
)
def test_impossible_rules_are_refused_with_a_clear_message(text, words):
    """Unknown indicators, impossible thresholds and malformed files are refused, in both languages."""
    with pytest.raises(RulesError) as refused:
        parse_rules(text)
    assert all(w in str(refused.value) for w in words), str(refused.value)


def test_indicators_on_hand_made_data(district):
    """Every indicator of U1 matches the counts worked out by hand."""
    row = unit_indicators(district)["U1"]
    assert row["activities_per_quarter"] == pytest.approx(3 / 4)
    assert row["hosted_share"] == pytest.approx(1 / 3)
    assert row["distinct_partners"] == 2
    assert row["partners_outside_street"] == 1
    assert row["community_contacts_per_quarter"] == pytest.approx(1 / 4)
    assert row["dual_registration"] == pytest.approx(1 / 2)
    assert row["member_participation"] == pytest.approx(1 / 3)
    assert row["district_dependence"] == pytest.approx(1 / 3)
    assert row["balance"] == pytest.approx((1 - 2) / 3)


def test_indicators_that_do_not_apply_are_none(district):
    """A unit without activity, members or own community has no shares, only zero counts."""
    row = unit_indicators(district)["U3"]
    assert row["activities_per_quarter"] == 0 and row["distinct_partners"] == 0
    for key in ("hosted_share", "dual_registration", "member_participation", "balance"):
        assert row[key] is None
    assert row["community_contacts_per_quarter"] is None
    assert unit_indicators(district)["C1"]["community_contacts_per_quarter"] is None


def test_indicators_of_the_previous_window(district):
    """The previous window counts last year's theme day only."""
    row = unit_indicators(district, district.window.previous())["U1"]
    assert row["activities_per_quarter"] == pytest.approx(1 / 4)
    assert row["partners_outside_street"] == 0


@pytest.mark.parametrize(
    ("partners", "status"), [(3, "green"), (2, "green"), (1, "amber"), (0, "red")]
)
def test_status_changes_at_the_thresholds(partners, status):
    """At the green threshold a rule is green, at amber amber, below red."""
    assert parse_rules(rule()).rules[0].status(partners) == status


@pytest.mark.parametrize(("share", "status"), [(0.5, "green"), (0.51, "amber"), (0.81, "red")])
def test_lower_is_better_for_district_dependence(share, status):
    """District dependence is green at or below its green threshold."""
    assert parse_rules(rule("district_dependence", 0.5, 0.8)).rules[0].status(share) == status


def test_changing_a_threshold_changes_a_units_status(district):
    """U1 has 2 partners: green when 2 suffice, amber when 3 are asked for."""
    easy = assess(district, parse_rules(rule(green=2, amber=1)))
    hard = assess(district, parse_rules(rule(green=3, amber=1)))
    u1 = {c["id"]: c for c in easy}["U1"], {c["id"]: c for c in hard}["U1"]
    assert [c["rules"][0]["status"] for c in u1] == ["green", "amber"]
    assert [c["score"] for c in u1] == [100.0, 50.0]


def test_score_trend_and_veto(district):
    """Weights make the score; a red veto rule makes the unit ineligible; the trend compares."""
    text = rule(id="a", green=2, amber=1, weight=3) + rule(
        "dual_registration", 0.95, 0.9, id="d", weight=1, veto=True
    )
    card = {c["id"]: c for c in assess(district, parse_rules(text))}["U1"]
    assert card["score"] == pytest.approx(75.0)
    assert card["previous_score"] == pytest.approx(37.5)  # 1 partner (amber), veto red
    assert card["trend"] == "better"
    assert not card["eligible"] and card["rating"] == "ineligible"


def test_actions_name_what_would_change_the_status(district):
    """U1 with 1 partner outside 清河街道 is told to add one more there."""
    card = {c["id"]: c for c in assess(district, parse_rules(rule("partners_outside_street")))}
    actions = card["U1"]["actions"]
    assert actions[0]["zh"] == "本季度再与清河街道以外的单位开展1次联合活动"
    assert actions[0]["en"] == "1 more joint activity with a unit outside 清河街道 this quarter"
    assert actions[0]["to"] == "green" and actions[0]["suggestions"]


@pytest.mark.parametrize(
    ("indicator", "green", "amber", "zh"),
    [
        ("activities_per_quarter", 2, 1, "本季度再参加1次共建活动"),
        ("community_contacts_per_quarter", 1, 0.5, "本季度再与桂花社区开展1次联合活动"),
        ("dual_registration", 0.95, 0.9, "再动员1名在职党员到社区报到"),
        ("member_participation", 0.8, 0.5, "再动员1名党员参加活动"),
        ("hosted_share", 0.5, 0.4, "再主办或协办1次活动"),
        ("district_dependence", 0.2, 0.25, "再自主开展1次活动（非区里发起）"),
        ("balance", 0.5, 0.0, "再主办1次活动"),
    ],
)
def test_each_action_reaches_the_next_status(district, indicator, green, amber, zh):
    """Each action's count is the smallest that lifts U1's status one step."""
    cards = assess(district, parse_rules(rule(indicator, green, amber)))
    actions = {c["id"]: c for c in cards}["U1"]["actions"]
    assert actions[0]["zh"] == zh


def test_rollup_and_heat_map_by_street(district):
    """Streets sum up their units' scores, quarter by quarter."""
    rules = parse_rules(rule())
    groups = district.zone_groups("street")
    sums = rollup(assess(district, rules), groups)
    assert sums["S2"] == {
        "units": 1, "score": 50.0, "excellent": 0, "pass": 0, "fail": 1, "ineligible": 0
    }  # fmt: skip
    heat = heat_map(district, rules, groups)
    assert heat["periods"] == ["2025Q3", "2025Q4", "2026Q1", "2026Q2"]
    assert [c["score"] for c in heat["rows"]["S2"]] == [0.0, 0.0, 50.0, 0.0]
    assert [c["level"] for c in heat["rows"]["S2"]] == ["red"] * 4


def test_follow_up_states(district):
    """Accepted suggestions and agreements are on track, late, never started or pending."""
    at = dt.datetime
    decisions = [
        Decision("U1", "U2", "accept", at(2026, 1, 1)),  # A2 on 10 Feb: on track
        Decision("U1", "C1", "accept", at(2025, 9, 1)),  # A1 on 10 Jan: late
        Decision("U3", "U2", "accept", at(2026, 1, 1)),  # nothing by 1 April
        Decision("U3", "C1", "accept", at(2026, 5, 15)),  # still within 3 months
        Decision("U3", "U1", "accept", at(2026, 1, 1)),
        Decision("U1", "U3", "dismiss", at(2026, 2, 1)),  # the latest decision counts
    ]
    rows = follow_up(district, decisions, months=3)
    states = {(r["kind"], r["id"]): r["state"] for r in rows}
    assert states == {
        ("suggestion", "U1–U2"): "on_track",
        ("suggestion", "C1–U1"): "late",
        ("suggestion", "U2–U3"): "never_started",
        ("suggestion", "C1–U3"): "pending",
        ("agreement", "G1"): "on_track",
    }
    rate = conversion(rows)["S1"]
    assert (rate["accepted"], rate["on_track"], rate["late"], rate["never_started"]) == (4, 1, 1, 1)
    assert rate["rate"] == pytest.approx(2 / 3)


def test_accepts_after_the_window_end_count_as_pending_when_asked(district):
    """An accept made after the data end (planners decide on today's clock) is kept, pending."""
    decisions = [Decision("U1", "C1", "accept", dt.datetime(2026, 9, 1))]

    def suggested(**later):
        rows = follow_up(district, decisions, **later)
        return [(r["id"], r["state"], r["first_joint"]) for r in rows if r["kind"] == "suggestion"]

    assert suggested() == []
    assert suggested(later=True) == [("C1–U1", "pending", None)]


def test_draft_agreements_are_not_followed_up(bundle):
    """An agreement still in draft has nothing to follow up."""
    bundle.agreements[0] = dataclasses.replace(bundle.agreements[0], status="draft")
    assert follow_up(District.from_bundle(bundle, Window(END)), []) == []


def test_follow_up_in_a_territory_is_the_districts_rows_touching_it(bundle):
    """A street planner's follow-up rows are the district's rows that touch their streets,
    judged the same way (a pair reaching another street still counts)."""
    decisions = [Decision("U1", "U2", "accept", dt.datetime(2026, 1, 1))]
    whole = District.from_bundle(bundle, Window(END))
    inside = whole.scoped(dataclasses.replace(whole.scope, territory=frozenset({"S1"})))
    in_s1 = {u.id for u in bundle.units if u.street == "S1"}
    expected = [
        (r["id"], r["state"])
        for r in follow_up(whole, decisions)
        if any(u["id"] in in_s1 for u in r["units"])
    ]
    assert [(r["id"], r["state"]) for r in follow_up(inside, decisions)] == expected
    assert len(expected) == 2


def test_array_scores_agree_with_the_cards_on_the_demo():
    """The vectorised statuses, scores and ratings equal the per-card ones, unit by unit."""
    import math

    from graphmodel.assessment import assess, quarters, scores
    from graphmodel.assessment.evaluate import STATUS_CODES
    from loaders.demo import generate

    demo = District.from_bundle(
        generate(seed=3, scale="district", end=dt.date(2026, 6, 30)), Window(dt.date(2026, 6, 30))
    )
    rules = read_rules(None)[0]
    for _, window in quarters(demo)[:2]:
        result = scores(demo, rules, window)
        for j, card in enumerate(assess(demo, rules, window, compare=False)):
            score = None if math.isnan(result.score[j]) else result.score[j]
            assert (card["id"], card["rating"]) == (result.units[j], result.rating[j])
            assert card["score"] == pytest.approx(score)
            assert [r["status"] for r in card["rules"]] == [
                STATUS_CODES[c + 1] for c in result.status[j]
            ]
