"""The unit page's partners (graphmodel.profile)."""

from __future__ import annotations

import datetime as dt

from graphmodel.district import District
from graphmodel.metrics import balance as bal
from graphmodel.profile import unit_profile
from graphmodel.store import Bundle
from graphmodel.window import Window


def test_each_partner_carries_the_hosting_of_its_pair(small_bundle: Bundle):
    """Every unit's partners show who hosted whom as the window's balance of that pair says."""
    district = District.from_bundle(small_bundle, Window(dt.date(2026, 12, 31)))
    pairs = bal.partner_balance(district.incidence, district.window)
    expected = {}
    for p in pairs:
        expected[(p["a"], p["b"])] = (p["a_gives"], p["b_gives"])
        expected[(p["b"], p["a"])] = (p["b_gives"], p["a_gives"])
    seen = 0
    for unit in district.unit:
        for partner in unit_profile(district, unit)["partners"]:
            hosting = (partner["hosted_for_them"], partner["hosted_by_them"])
            assert hosting == expected.get((unit, partner["id"]), (0, 0))
            seen += hosting != (0, 0)
    assert seen > 0  # some pairs of the bundle hosted one another
