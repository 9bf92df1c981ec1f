"""A street planner in Chromium: their street's figures, other streets' partners by name only."""

from __future__ import annotations

from .conftest import new_page

STREET = "S003"


def test_a_street_planner_sees_their_street_and_partners_elsewhere_by_name(
    browser, live, demo_store
):
    """The dashboard counts the street's units; a unit's partner in another street shows
    its name, kind and street, without a link."""
    live.add_user("street-s003", "street", (STREET,))
    mine = [u.id for u in demo_store.units() if u.street == STREET]
    context, watched = new_page(browser)
    try:
        live.sign_in(watched.page, "street-s003")
        p = watched.page
        p.goto(live.url + "/")
        assert p.locator('[data-table="units"] .value').inner_text() == str(len(mine))
        watched.screenshot("dashboard-street-planner")
        unit = next(
            u
            for u in mine
            if any(
                x.get("outside")
                for x in p.request.get(f"{live.url}/api/v1/units/{u}").json()["partners"]
            )
        )
        p.goto(f"{live.url}/units/{unit}")
        outside = p.locator("#partners tr.outside")
        assert outside.count() > 0
        assert outside.locator("a").count() == 0
        assert "其他街道" in outside.first.inner_text()
        watched.screenshot("unit-street-planner")
        assert watched.errors == [] and watched.outside() == []
    finally:
        context.close()
