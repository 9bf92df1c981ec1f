"""The data views over the small district: network JSON, unit page, lists, zones, API."""

from __future__ import annotations

import csv
import io
import re

from openpyxl import load_workbook

WINDOW = "end=2026-07-31&months=12"


def test_network_json_has_every_unit_with_a_position(client, small_bundle):
    """Every unit is a node with server-side coordinates; ties are edges."""
    data = client.get(f"/api/v1/network?{WINDOW}").json
    assert {n["id"] for n in data["nodes"]} == {u.id for u in small_bundle.units}
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in data["nodes"])
    assert not data["aggregated"] and data["edges"]


def test_network_json_carries_no_personal_data(client):
    """Phone and ID numbers never reach the network data."""
    text = client.get(f"/api/v1/network?{WINDOW}").get_data(as_text=True)
    assert "13812345678" not in text and "110101199003071234" not in text


def test_minimum_weight_drops_weak_ties(client):
    """min_weight=2 keeps only ties of two or more joint activities."""
    all_ties = client.get(f"/api/v1/network?{WINDOW}").json["edges"]
    strong = client.get(f"/api/v1/network?{WINDOW}&min_weight=2").json["edges"]
    assert len(strong) < len(all_ties)
    assert all(e["value"] >= 2 for e in strong)


def test_a_large_network_is_aggregated_into_streets(app, client):
    """Above the node budget, streets become the nodes, each linking to its drill-down."""
    app.config["COBUILD_NODE_BUDGET"] = 2
    data = client.get(f"/api/v1/network?{WINDOW}").json
    assert data["aggregated"]
    assert {n["id"] for n in data["nodes"]} == {"S1", "S2"}
    assert all("street=" in n["url"] for n in data["nodes"])


def test_a_street_filter_keeps_only_its_units(client):
    """street=S1 shows S1's units, and S2 only as one node summing the ties to it."""
    data = client.get(f"/api/v1/network?{WINDOW}&street=S1").json
    assert {n["id"] for n in data["nodes"] if not n.get("outside")} == {"U1", "U2"}
    [outside] = [n for n in data["nodes"] if n.get("outside")]
    assert outside["name"] == "东湖街道 · 2 个单位"


def test_a_bad_filter_is_a_json_error(client):
    """A bad colour or window answers 400 with the common error shape."""
    response = client.get("/api/v1/network?colour=rainbow")
    assert response.status_code == 400
    assert set(response.json["error"]) == {"code", "status", "message_zh", "message_en"}


def test_unit_page_lists_partners_and_organisations(client):
    """The unit page shows the unit's partners and its party organisations."""
    page = client.get(f"/units/U2?{WINDOW}").get_data(as_text=True)
    assert "桂花社区" in page and "机关联合党支部" in page and "区档案馆" in page


def test_unknown_unit_is_404(client):
    """A unit that does not exist answers 404."""
    assert client.get("/units/NOPE").status_code == 404
    assert client.get("/api/v1/units/NOPE").json["error"]["code"] == "not_found"


def test_isolated_list_and_its_exports(client):
    """The isolated list exports to XLSX and CSV with Chinese headers."""
    page = client.get("/lists/isolated?end=2026-04-30&months=12")
    assert page.status_code == 200 and "华远建设有限公司" in page.get_data(as_text=True)
    book = load_workbook(io.BytesIO(client.get("/lists/isolated.xlsx?end=2026-04-30").data))
    sheet = book.active
    assert sheet["A1"].value.startswith("孤立单位")  # the title row
    assert sheet["A2"].value == "单位编号 Unit id"
    assert [c.value for c in sheet[3]][:2] == ["U4", "华远建设有限公司"]
    raw = client.get("/lists/isolated.csv?end=2026-04-30").data
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[1][0] == "单位编号 Unit id" and rows[2][1] == "华远建设有限公司"


def test_a_long_list_is_paged(client, monkeypatch):
    """With more units than a page holds, each page lists its share and links to the others."""
    from service.views import lists

    monkeypatch.setattr(lists, "PAGE_SIZE", 1)
    pages = [
        client.get(f"/lists/attention?end=2026-04-30&page={n}").get_data(as_text=True)
        for n in (1, 2)
    ]
    shown = [re.findall(r'<td><a href="/units/(U\d)', page) for page in pages]
    assert all(len(units) == 1 for units in shown) and shown[0] != shown[1]
    assert 'rel="next"' in pages[0] and 'rel="prev"' in pages[1]


def test_unknown_list_is_404(client):
    """Only the named lists exist."""
    assert client.get("/lists/everything").status_code == 404


def test_zones_page_judges_each_zone(client):
    """The zones page lists the collaboration zone with its verdict."""
    page = client.get(f"/zones?{WINDOW}").get_data(as_text=True)
    assert "党建协作二区" in page and "清河街道" in page


def test_openapi_document_lists_the_endpoints(client):
    """The OpenAPI document names every API path."""
    doc = client.get("/api/v1/openapi.json").json
    assert doc["openapi"].startswith("3.1")
    assert {"/api/v1/network", "/api/v1/units", "/api/v1/metrics", "/api/v1/isolated"} <= set(
        doc["paths"]
    )
