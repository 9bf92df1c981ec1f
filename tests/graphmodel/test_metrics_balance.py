"""Give and take: per unit and per partner pair."""

from __future__ import annotations

import datetime as dt

import pytest

from graphmodel.errors import MetricPrecondition
from graphmodel.metrics.balance import partner_balance, unit_balance
from graphmodel.projection import incidence
from graphmodel.records import Activity, Participation, Unit
from graphmodel.window import Window

WINDOW = Window(dt.date(2026, 6, 30), 12)
NOW = dt.date(2026, 3, 1)


def make(taking: list[tuple[str, str, str]]):
    """Units a–d; every activity dated inside the window."""
    units = [Unit(u, u, "school") for u in "abcd"]
    acts = [Activity(x, x, "lecture", NOW) for x in dict.fromkeys(x for _, x, _ in taking)]
    return incidence(units, acts, [Participation(x, u, role=r) for u, x, r in taking])


# a hosts x and y with b as guest; b hosts z with a as guest; c co-hosts z.
EXCHANGES = [
    ("a", "x", "host"),
    ("b", "x", "guest"),
    ("a", "y", "host"),
    ("b", "y", "guest"),
    ("b", "z", "host"),
    ("a", "z", "guest"),
    ("c", "z", "co-host"),
]


@pytest.mark.parametrize(
    ("unit", "hosted", "attended", "balance"),
    [("a", 2, 1, 1 / 3), ("b", 1, 2, -1 / 3), ("c", 1, 0, 1.0)],
)
def test_unit_balance_is_hosted_minus_attended_over_both(unit, hosted, attended, balance):
    """Balance = (hosted − attended) / (hosted + attended); co-hosting counts as hosting."""
    row = unit_balance(make(EXCHANGES), WINDOW)[unit]
    assert (row["hosted"], row["attended"], row["balance"]) == (hosted, attended, balance)


def test_unit_balance_leaves_out_units_without_activity():
    """d took part in nothing and has no balance."""
    assert "d" not in unit_balance(make(EXCHANGES), WINDOW)


def test_partner_balance_counts_gifts_each_way():
    """a gave b two activities and b gave a one: balance 1/3, not one-sided."""
    rows = {(r["a"], r["b"]): r for r in partner_balance(make(EXCHANGES), WINDOW)}
    assert rows[("a", "b")] == {
        "a": "a",
        "b": "b",
        "a_gives": 2,
        "b_gives": 1,
        "balance": 1 / 3,
        "one_sided": False,
    }


def test_cohost_gives_to_guests_but_not_to_the_host():
    """c co-hosted z with host b: c gives to guest a; c and b give nothing to each other."""
    pairs = {(r["a"], r["b"]) for r in partner_balance(make(EXCHANGES), WINDOW)}
    assert ("c", "a") in pairs and ("b", "c") not in pairs and ("c", "b") not in pairs


@pytest.mark.parametrize(("gifts", "one_sided"), [(1, False), (2, True), (3, True)])
def test_one_sided_needs_at_least_two_exchanges_all_one_way(gifts, one_sided):
    """A pair is one-sided after two or more exchanges that all went the same way."""
    taking = [(u, f"x{k}", r) for k in range(gifts) for u, r in (("a", "host"), ("b", "guest"))]
    (row,) = partner_balance(make(taking), WINDOW)
    assert row["one_sided"] is one_sided


def test_pair_is_ordered_giver_first():
    """The unit that gives more is listed as `a`."""
    taking = [("b", "x", "host"), ("a", "x", "guest")]
    (row,) = partner_balance(make(taking), WINDOW)
    assert (row["a"], row["b"], row["balance"]) == ("b", "a", 1.0)


def test_max_size_leaves_out_gatherings():
    """With max_size=2 a three-unit activity creates no exchange."""
    taking = [("a", "x", "host"), ("b", "x", "guest"), ("c", "x", "guest")]
    assert partner_balance(make(taking), WINDOW, max_size=2) == []


def test_one_sided_min_below_one_is_refused():
    """The threshold counts exchanges and must be at least one."""
    with pytest.raises(MetricPrecondition):
        partner_balance(make(EXCHANGES), WINDOW, one_sided_min=0)
