"""Needs in Chromium: a planner adds a need on the unit page, finds offering units on 需求对接
and claims the need for the nearest one."""

from __future__ import annotations

import pytest

from graphmodel.listings import listing_id
from graphmodel.store import open_store
from loaders.demo import generate

from .conftest import ARTIFACTS, DEMO_END


@pytest.fixture(scope="module")
def claiming(tmp_path_factory, serve_store):
    """A server of its own demo store: these tests write needs and claims."""
    path = tmp_path_factory.mktemp("needs") / "demo.db"
    store = open_store(f"sqlite:///{path}")
    store.load(generate(seed=7, scale="district", end=DEMO_END), source="demo")
    server = serve_store(store)
    yield server
    server.stop()


def test_claiming_a_need_for_the_nearest_offering_unit(anonymous_page, claiming):
    """Add 心理 (counselling) as a need of U00004, claim it on 需求对接 for the first (nearest) offerer."""
    page = anonymous_page.page
    page.set_default_timeout(90_000)  # a new need changes the store: the next pages recompute
    claiming.sign_in(page)
    unit = "U00004"
    page.goto(f"{claiming.url}/units/{unit}")
    page.select_option("#listing-form select[name=side]", "need")
    page.fill("#listing-form input[name=what]", "心理")
    page.fill("#listing-form input[name=detail]", "老旧小区物业纠纷")
    page.click("#listing-form button[type=submit]")
    need = listing_id(unit, "need", "心理")
    page.wait_for_selector(f'#listing-table tr[data-listing="{need}"][data-status=open]')
    page.goto(f"{claiming.url}/matching", wait_until="domcontentloaded")
    row = page.locator(f'#matching-list tr[data-need="{need}"]')
    first = row.locator("li[data-partner]").first
    partner = first.get_attribute("data-partner")
    first.locator("button.claim").click()
    page.wait_for_selector(f'#matching-list tr[data-need="{need}"][data-claimed="{partner}"]')
    assert first.locator(".claim-status").inner_text() == "已认领"
    ARTIFACTS.mkdir(exist_ok=True)  # the first screen only: the list is long
    page.screenshot(path=str(ARTIFACTS / "matching.png"))
    store = claiming.app.extensions["cobuild.store"]
    [saved] = [x for x in store.listings(unit) if x.id == need]
    assert (saved.status, saved.partner, saved.claimed_by) == ("claimed", partner, "admin")
    assert [(d.partner, d.decision) for d in store.decisions(unit)] == [(partner, "accept")]
