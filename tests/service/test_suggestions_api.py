"""Suggestions on the web: the JSON API, decisions, the page, the unit page section, the export.

small_bundle's window (to 31 July 2026): U1 works with U2 and U3, who work with U4;
so U4 is U1's one candidate, with two partners in common.
"""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from openpyxl import load_workbook

from graphmodel.suggest import PARTS
from service.views.openapi import openapi_document

END = "2026-07-31"


@pytest.fixture(autouse=True)
def fixed_today(app):
    app.config["COBUILD_TODAY"] = dt.date(2026, 7, 31)


def decide(client, partner="U4", decision="accept", note="", unit="U1"):
    return client.post(
        f"/api/v1/suggestions/{unit}/decisions",
        json={"partner": partner, "decision": decision, "note": note},
    )


def test_the_api_lists_ranked_partners_with_parts_and_reasons(client):
    """GET /api/v1/suggestions/U1 answers unit and suggestions with partner, score, parts, reasons."""
    data = client.get("/api/v1/suggestions/U1?k=10").get_json()
    assert data["unit"] == "U1"
    best = data["suggestions"][0]
    assert best["partner"] == "U4"
    assert set(best["parts"]) == set(PARTS)
    assert best["score"] == pytest.approx(sum(best["parts"].values()), abs=1e-3)
    assert "有2个共同共建伙伴（区统计局、区档案馆）" in [r["zh"] for r in best["reasons"]]
    assert all(r["en"] for r in best["reasons"])


def test_k_must_be_a_small_whole_number(client):
    """k=0 is answered 400 in the one error shape."""
    response = client.get("/api/v1/suggestions/U1?k=0")
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "bad_suggestion_request"


def test_an_unknown_unit_is_404(client):
    """A unit that does not exist is not found."""
    response = client.get("/api/v1/suggestions/U9")
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "not_found"


def test_a_viewer_may_read_suggestions(client_as):
    """Suggestions need the read permission only."""
    assert client_as("viewer").get("/api/v1/suggestions/U1").status_code == 200


def test_accepting_records_who_decided(client, app):
    """POST … /decisions stores the decision with the signed-in user's name and answers 201."""
    response = decide(client, note="先开一次联席会议")
    assert response.status_code == 201
    assert response.get_json()["decision"]["decision"] == "accept"
    stored = app.extensions["cobuild.store"].decisions("U1")
    assert [(d.partner, d.decision, d.by, d.note) for d in stored] == [
        ("U4", "accept", "admin", "先开一次联席会议")
    ]


def test_a_dismissed_suggestion_does_not_come_back(client):
    """After a dismissal the partner is gone from the list, unless include_dismissed=1."""
    assert decide(client, decision="dismiss").status_code == 201
    assert client.get("/api/v1/suggestions/U1").get_json()["suggestions"] == []
    again = client.get("/api/v1/suggestions/U1?include_dismissed=1").get_json()["suggestions"]
    assert [(s["partner"], s["decision"]) for s in again] == [("U4", "dismiss")]


def test_an_accepted_suggestion_is_marked(client):
    """An accepted partner stays listed, marked accept."""
    decide(client)
    best = client.get("/api/v1/suggestions/U1").get_json()["suggestions"][0]
    assert best["decision"] == "accept"


def test_the_decision_may_be_given_in_chinese(client, app):
    """不采纳 is read as dismiss."""
    assert decide(client, decision="不采纳").status_code == 201
    assert app.extensions["cobuild.store"].decisions("U1")[0].decision == "dismiss"


@pytest.mark.parametrize(
    "body",
    [
        {"partner": "U4", "decision": "maybe"},
        {"decision": "accept"},
        ["U4"],
        {"partner": "U1", "decision": "accept"},
    ],
)
def test_a_bad_decision_is_400(client, body):
    """A decision that is not accept or dismiss, without a partner, or with itself: 400."""
    response = client.post("/api/v1/suggestions/U1/decisions", json=body)
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "bad_decision"


def test_a_decision_on_an_unknown_partner_is_404(client):
    """The partner must exist."""
    assert decide(client, partner="U9").status_code == 404


def test_a_viewer_may_not_decide(client_as):
    """Deciding needs the decide permission: a viewer gets 403."""
    assert decide(client_as("viewer")).status_code == 403


def test_a_decision_without_the_csrf_header_is_refused(client):
    """The POST without X-CSRF-Token is refused by the CSRF check."""
    del client.environ_base["HTTP_X_CSRF_TOKEN"]
    response = decide(client)
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "csrf_failed"


def test_the_unit_page_has_the_suggestions_section(client):
    """The unit page ends with a 建议结对 section fed by the API, with its static script."""
    html = client.get(f"/units/U1?end={END}").get_data(as_text=True)
    assert 'id="suggestions"' in html and "建议结对" in html
    assert "/api/v1/suggestions/U1?" in html
    assert re.search(r'<script src="/static/js/suggestions\.js\?v=\w+">', html)


def test_the_suggestions_page_lists_who_to_help_first(client):
    """/suggestions shows the help-first list, the zone proposals and the decision history."""
    html = client.get("/suggestions").get_data(as_text=True)
    for section in ('id="help-first"', 'id="zone-proposals"', 'id="decision-history"'):
        assert section in html
    assert "优先帮扶" in html


def test_the_suggestions_page_shows_decisions(client):
    """A decision appears in the history with the partner's name and the note."""
    decide(client, note="下季度启动")
    html = client.get("/suggestions").get_data(as_text=True)
    assert "华远建设有限公司" in html and "下季度启动" in html


def test_the_suggestions_page_speaks_english(client):
    """?lang=en shows the page in English."""
    html = client.get("/suggestions?lang=en").get_data(as_text=True)
    assert "Who to help first" in html and "优先帮扶" not in html


def test_accepted_suggestions_export_as_proposed_agreements(client):
    """The XLSX lists each accepted pair with names, reasons and who accepted it."""
    decide(client, note="=HYPERLINK(1)")
    response = client.get("/suggestions/accepted.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.data)).active
    assert sheet["A1"].value.startswith("拟签共建协议")  # the title row
    header, row = [c.value for c in sheet[2]], [c.value for c in sheet[3]]
    assert header[:4] == [
        "单位编号 Unit id",
        "单位名称 Unit",
        "结对单位编号 Partner id",
        "结对单位名称 Partner",
    ]
    assert row[:4] == ["U1", "桂花社区", "U4", "华远建设有限公司"]
    assert "共同共建伙伴" in row[5] and row[7] == "admin"
    assert row[-1] == "'=HYPERLINK(1)"  # a formula in a note is written as text


def test_a_dismissed_pair_is_not_exported(client):
    """Only pairs whose latest decision is accept are exported."""
    decide(client)
    decide(client, decision="dismiss")
    sheet = load_workbook(io.BytesIO(client.get("/suggestions/accepted.xlsx").data)).active
    assert sheet.max_row == 2  # the title row and the header


def test_a_viewer_may_not_export(client_as):
    """The export needs the export permission."""
    assert client_as("viewer").get("/suggestions/accepted.xlsx").status_code == 403


def test_the_openapi_document_lists_the_suggestion_paths():
    """Both API paths are in the OpenAPI document."""
    paths = openapi_document()["paths"]
    assert "get" in paths["/api/v1/suggestions/{unit_id}"]
    assert "post" in paths["/api/v1/suggestions/{unit_id}/decisions"]


def test_the_network_draws_suggestions_as_dashed_ties(client):
    """/api/v1/network?suggest=U1 adds a dashed, marked edge from U1 to each suggested partner."""
    edges = client.get("/api/v1/network?suggest=U1").get_json()["edges"]
    assert [(e["from"], e["to"], e["dashes"]) for e in edges if e.get("suggested")] == [
        ("U1", "U4", True)
    ]


def test_the_network_ignores_an_unknown_suggest_unit(client):
    """An unknown unit in ?suggest= draws no suggested tie (and no error)."""
    edges = client.get("/api/v1/network?suggest=U9").get_json()["edges"]
    assert not any(e.get("suggested") for e in edges)
