"""Working through suggestions on the web: owner and due date, undo, the paged work list,
its export, and the model card (建议质量).

small_bundle's window (to 31 July 2026): U1 works with U2 and U3, who work with U4;
so U4 is U1's one candidate, with two partners in common.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from graphmodel.records import Decision
from graphmodel.suggest.card import clear_models


@pytest.fixture(autouse=True)
def fixed_today(app):
    app.config["COBUILD_TODAY"] = dt.date(2026, 7, 31)
    clear_models()


def decide(client, decision="accept", **fields):
    return client.post(
        "/api/v1/suggestions/U1/decisions", json={"partner": "U4", "decision": decision, **fields}
    )


def test_accepting_stores_the_owner_and_the_due_date(client, app):
    """An accept with an owner and a due date stores both and answers them."""
    response = decide(client, owner="李四", due="2026-10-31")
    assert response.status_code == 201
    assert response.get_json()["decision"]["due"] == "2026-10-31"
    [stored] = app.extensions["cobuild.store"].decisions("U1")
    assert (stored.owner, stored.due) == ("李四", dt.date(2026, 10, 31))


def test_a_bad_due_date_is_refused(client, app):
    """A due date that is not YYYY-MM-DD is a 400 naming the value; nothing is stored."""
    response = decide(client, due="31.10.2026")
    assert response.status_code == 400 and "31.10.2026" in response.get_data(as_text=True)
    assert app.extensions["cobuild.store"].decisions("U1") == []


def test_the_author_may_undo_a_dismissal_and_the_partner_returns(client):
    """Undoing a dismissal by its author brings the partner back to the suggestions."""
    decide(client, decision="dismiss")
    assert client.get("/api/v1/suggestions/U1").get_json()["suggestions"] == []
    assert decide(client, decision="undo").status_code == 201
    assert client.get("/api/v1/suggestions/U1").get_json()["suggestions"][0]["partner"] == "U4"


def test_another_planner_may_not_undo(app, client_as, signed_in):
    """Only the decision's author (or an admin) may undo it: another planner gets 403."""
    decide(client_as("district"), decision="dismiss")
    response = decide(signed_in(app, "district", name="zhao"), decision="undo")
    assert response.status_code == 403
    assert response.get_json()["error"]["code"] == "not_the_author"


def test_an_admin_may_undo_anyones_decision(client, client_as):
    """An admin undoes a planner's decision."""
    decide(client_as("district"), decision="dismiss")
    assert decide(client, decision="undo").status_code == 201


def test_an_undo_is_audited(client, app):
    """An undo goes to the audit log like every decision."""
    decide(client)
    decide(client, decision="undo")
    log = app.extensions["cobuild.accounts"].audit_log()
    assert any("decision=undo" in entry.detail for entry in log)


def test_undo_without_a_decision_is_refused(client):
    """There is nothing to undo on a pair without a decision: 400."""
    assert decide(client, decision="undo").status_code == 400


def test_the_work_list_filters_by_status(client):
    """?status=isolated lists only isolated units."""
    html = client.get("/suggestions?status=isolated").get_data(as_text=True)
    assert 'id="help-list"' in html and 'value="isolated" selected' in html


def test_an_unknown_status_is_a_clear_error(client):
    """A status that does not exist is a 400 naming it."""
    response = client.get("/suggestions?status=sleepy")
    assert response.status_code == 400 and "sleepy" in response.get_data(as_text=True)


def test_the_work_list_export_is_the_same_list(client):
    """The XLSX holds one row per suggestion of the listed units, with shares and flags."""
    html = client.get("/suggestions").get_data(as_text=True)
    sheet = load_workbook(io.BytesIO(client.get("/suggestions/list.xlsx").data)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=3)]  # title, header
    assert rows and all(f'data-unit="{row[0]}"' in html for row in rows)
    assert sheet.cell(2, 8).value == "得分构成 Score shares"


def test_the_model_card_shows_the_backtest_and_the_reason(client):
    """建议质量 shows why the weights in use were chosen and the backtest table."""
    html = client.get("/suggestions/quality").get_data(as_text=True)
    assert 'id="model-reason" data-reason="short-history"' in html
    assert 'data-method="common_neighbours"' in html and 'data-method="cobuild"' in html


def test_the_model_card_counts_accepted_suggestions_that_became_ties(client, app):
    """Two accepted suggestions, one followed by joint activity (U2–U4 met on 1 July): one success."""
    store = app.extensions["cobuild.store"]
    store.record_decision(Decision("U2", "U4", "accept", dt.datetime(2026, 6, 15), by="admin"))
    store.record_decision(Decision("U1", "U4", "accept", dt.datetime(2026, 6, 15), by="admin"))
    html = client.get("/suggestions/quality?end=2026-07-31").get_data(as_text=True)
    assert '<dd id="accepted-count">2</dd>' in html
    assert '<dd id="success-count">1</dd>' in html


def test_the_model_card_counts_successes_after_the_pages_window(client, app):
    """The card counts on the whole history: a meeting after the window's end is a success, and
    an accept made after the data end (1 July) counts as accepted, pending."""
    store = app.extensions["cobuild.store"]
    store.record_decision(Decision("U2", "U4", "accept", dt.datetime(2026, 6, 15), by="admin"))
    store.record_decision(Decision("U1", "U4", "accept", dt.datetime(2026, 7, 20), by="admin"))
    html = client.get("/suggestions/quality?end=2026-06-30").get_data(as_text=True)
    assert '<dd id="accepted-count">2</dd>' in html
    assert '<dd id="success-count">1</dd>' in html


def test_the_unit_page_puts_suggestions_beside_the_health_card(client):
    """The suggestions sit in the first row of the unit page, next to the health card."""
    html = client.get("/units/U1?end=2026-07-31").get_data(as_text=True)
    top = html.index('id="unit-top"')
    assert top < html.index('id="health"') < html.index('id="suggestions"')
    assert html.index('id="suggestions"') < html.index("活动时间线")
