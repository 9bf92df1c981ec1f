"""Needs and offers on the web: the unit's list (its fields imported), adding one, 对接, claiming.

The tests add the needs and offers they use (法律咨询), so as not to depend on small_bundle's.
"""

from __future__ import annotations

import datetime as dt

import pytest

from graphmodel.listings import listing_id
from graphmodel.suggest.card import clear_models


@pytest.fixture(autouse=True)
def fixed_today(app):
    app.config["COBUILD_TODAY"] = dt.date(2026, 7, 31)
    clear_models()


def add(client, unit, side, what, detail=""):
    return client.post(
        f"/units/{unit}/listings", data={"side": side, "what": what, "detail": detail}
    )


def test_adding_a_need_saves_it_and_counts_it_in_the_units_fields(client, app):
    """A need added on the unit page is stored with its posted date, and joins the unit's needs."""
    response = add(client, "U1", "need", "法律咨询", "每月一次")
    assert response.status_code == 302
    store = app.extensions["cobuild.store"]
    [saved] = [x for x in store.listings("U1") if x.what == "法律咨询"]
    assert (saved.status, saved.posted, saved.detail) == ("open", dt.date(2026, 7, 31), "每月一次")
    assert "法律咨询" in next(u for u in store.units() if u.id == "U1").needs


def test_a_units_field_needs_show_as_open_listings(client, app):
    """The unit page lists the needs and offers of the unit's own fields as open listings."""
    store = app.extensions["cobuild.store"]
    unit = next(u for u in store.units() if u.id == "U4")
    html = client.get("/units/U4?end=2026-07-31").get_data(as_text=True)
    for what in (*unit.needs, *unit.offers):
        assert (
            f'data-listing="{listing_id("U4", "need" if what in unit.needs else "offer", what)}"'
            in html
        )


def test_the_matching_view_lists_offering_units_for_an_open_need(client):
    """对接 lists each open need with the units that offer it."""
    add(client, "U1", "need", "法律咨询")
    add(client, "U4", "offer", "法律咨询")
    html = client.get("/matching?end=2026-07-31").get_data(as_text=True)
    need = listing_id("U1", "need", "法律咨询")
    assert f'data-need="{need}"' in html
    row = html[html.index(f'data-need="{need}"') :]
    assert 'data-partner="U4"' in row[: row.index("</tr>")]


def test_claiming_a_need_records_who_and_creates_an_accepted_suggestion(client, app):
    """Claiming marks the need claimed (by whom, when, with which unit) and accepts the pair."""
    add(client, "U1", "need", "法律咨询")
    need = listing_id("U1", "need", "法律咨询")
    response = client.post(
        f"/api/v1/listings/{need}/claim", json={"partner": "U4", "due": "2026-09-30"}
    )
    assert response.status_code == 201
    store = app.extensions["cobuild.store"]
    [claimed] = [x for x in store.listings("U1") if x.id == need]
    assert (claimed.status, claimed.claimed_by, claimed.partner) == ("claimed", "admin", "U4")
    [decision] = store.decisions("U1")
    assert (decision.partner, decision.decision, decision.due) == (
        "U4",
        "accept",
        dt.date(2026, 9, 30),
    )


def test_a_claimed_need_cannot_be_claimed_again(client):
    """A second claim of the same need is refused (400)."""
    add(client, "U1", "need", "法律咨询")
    need = listing_id("U1", "need", "法律咨询")
    client.post(f"/api/v1/listings/{need}/claim", json={"partner": "U4"})
    assert client.post(f"/api/v1/listings/{need}/claim", json={"partner": "U3"}).status_code == 400


def test_a_viewer_may_not_add_or_claim(client_as):
    """Adding and claiming need the decide permission."""
    viewer = client_as("viewer")
    assert add(viewer, "U1", "need", "法律咨询").status_code == 403


def test_a_street_planner_may_not_add_outside_their_streets(client, app, signed_in):
    """A street planner of another street cannot add a need to U1: as if it did not exist."""
    other = signed_in(app, "street", streets=("S9",), name="li-s9")
    assert add(other, "U1", "need", "法律咨询").status_code == 404
    assert not [x for x in app.extensions["cobuild.store"].listings("U1") if x.what == "法律咨询"]


def test_a_done_need_leaves_the_units_fields(client, app):
    """Marking a need done removes it from the unit's needs (the score stops counting it)."""
    add(client, "U1", "need", "法律咨询")
    need = listing_id("U1", "need", "法律咨询")
    assert (
        client.post(f"/api/v1/listings/{need}/status", json={"status": "done"}).status_code == 200
    )
    store = app.extensions["cobuild.store"]
    assert "法律咨询" not in next(u for u in store.units() if u.id == "U1").needs


def test_posting_a_claimed_need_again_edits_its_detail_and_keeps_the_claim(client, app):
    """The same need added again changes its detail; who claimed it stays."""
    add(client, "U1", "need", "法律咨询", "每月一次")
    need = listing_id("U1", "need", "法律咨询")
    client.post(f"/api/v1/listings/{need}/claim", json={"partner": "U4"})
    add(client, "U1", "need", "法律咨询", "每两周一次")
    [saved] = [x for x in app.extensions["cobuild.store"].listings("U1") if x.id == need]
    assert (saved.detail, saved.status, saved.partner) == ("每两周一次", "claimed", "U4")
