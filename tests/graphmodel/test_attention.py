"""Units needing attention: isolated, declining, inactive or red units, each with a partner."""

from __future__ import annotations

import datetime as dt

from graphmodel.assessment import parse_rules
from graphmodel.attention import FLAGS, attention_units
from graphmodel.district import District
from graphmodel.window import Window

RULES = parse_rules('[[rule]]\nid="p"\nindicator="distinct_partners"\ngreen=1\namber=1')


def district(bundle, end=dt.date(2026, 6, 30)) -> District:
    return District.from_bundle(bundle, Window(end))


def test_every_unit_with_a_reason_is_listed(small_bundle):
    """Units without a partner in the window are isolated, and units quiet for 90 days inactive."""
    rows = {r["id"]: r for r in attention_units(district(small_bundle), RULES)}
    assert "isolated" in rows["U4"]["flags"] and "inactive" in rows["U3"]["flags"]
    assert all(set(r["flags"]) <= set(FLAGS) and r["flags"] for r in rows.values())


def test_a_unit_doing_well_is_not_listed(small_bundle):
    """A unit with a partner, recent activity and a green rule stays off the list."""
    ids = {r["id"] for r in attention_units(district(small_bundle, dt.date(2026, 3, 31)), RULES)}
    assert "U1" not in ids


def test_red_units_are_listed_with_their_score(small_bundle):
    """A unit rated red on the rules is listed as red with its score."""
    strict = parse_rules('[[rule]]\nid="p"\nindicator="distinct_partners"\ngreen=5\namber=4')
    rows = {
        r["id"]: r for r in attention_units(district(small_bundle, dt.date(2026, 3, 31)), strict)
    }
    assert rows["U1"]["flags"] == ["red"] and rows["U1"]["score"] == 0.0


def test_each_row_carries_last_activity_and_a_partner_with_a_reason(small_bundle):
    """The last activity ever (up to the end) and the best suggested partner, with why."""
    rows = {r["id"]: r for r in attention_units(district(small_bundle), RULES)}
    assert rows["U3"]["last_activity"] == dt.date(2026, 3, 5)
    assert rows["U4"]["last_activity"] is None
    withpartner = [r for r in rows.values() if r["partner"]]
    assert withpartner and all(r["reason_zh"] and r["reason_en"] for r in withpartner)


def test_rows_are_ordered_by_street(small_bundle):
    """Rows come street by street, so each street's sheet reads in one block."""
    names = [r["street_name"] for r in attention_units(district(small_bundle), RULES)]
    assert names == sorted(names)


def test_partners_can_be_limited_to_the_first_rows(small_bundle):
    """With ``partnered=1`` only the first row gets a partner; the rows stay the same."""
    d = district(small_bundle)
    every = attention_units(d, RULES)
    first = attention_units(d, RULES, partnered=1)
    assert [r["id"] for r in first] == [r["id"] for r in every]
    assert (
        all(r["partner"] is None for r in first[1:]) and first[0]["partner"] == every[0]["partner"]
    )
