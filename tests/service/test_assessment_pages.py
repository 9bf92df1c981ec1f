"""Assessment on the web: the table, the health card, the heat map, the ledger, the rules page."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import networkx as nx
from openpyxl import load_workbook

from graphmodel.assessment import DEFAULT_RULES
from graphmodel.records import Decision

PARTNERS = """
[[rule]]
id = "p"
name = "合作伙伴数"
indicator = "distinct_partners"
green = {green}
amber = {amber}
source = "test"
"""


def status_of(page: str, rule: str) -> str:
    """The status shown in the health card's row of ``rule``."""
    row = re.search(rf'<tr data-rule="{rule}">.*?</tr>', page, re.S).group(0)
    return re.search(r'data-status="(\w+)"', row).group(1)


def save(client, text: str):
    return client.post("/admin/rules", data={"rules": text})


def test_the_assessment_page_lists_units_and_street_rollups(client):
    """Every unit in scope has a row; streets are summed up."""
    page = client.get("/assessment").get_data(as_text=True)
    assert all(f'data-unit="{u}"' in page for u in ("U1", "U2", "U3", "U4"))
    assert 'id="street-rollup"' in page and "清河街道" in page and "东湖街道" in page
    assert "党建协作二区" in page  # the zone roll-up


def test_a_street_planner_assesses_only_their_street(client_as):
    """A street planner of S1 sees U1 and U2 only."""
    page = client_as("street").get("/assessment").get_data(as_text=True)
    assert 'data-unit="U1"' in page and 'data-unit="U4"' not in page


def test_the_unit_page_shows_the_health_card(client):
    """The unit page has a status per rule, a score and actions that would help."""
    page = client.get("/units/U1").get_data(as_text=True)
    assert 'id="health"' in page and 'id="health-score"' in page
    assert status_of(page, "dual_registration") in ("green", "amber", "red", "none")
    assert 'id="health-actions"' in page


def test_changing_a_threshold_on_the_admin_page_changes_a_status(client, app):
    """U1 has two partners (U2, and U3 through a member): green at 2, amber once 3 are asked."""
    assert save(client, PARTNERS.format(green=2, amber=1)).status_code == 302
    assert status_of(client.get("/units/U1").get_data(as_text=True), "p") == "green"
    assert save(client, PARTNERS.format(green=3, amber=1)).status_code == 302
    assert status_of(client.get("/units/U1").get_data(as_text=True), "p") == "amber"
    path = Path(app.extensions["cobuild.settings"].rules)
    assert "green = 3" in path.read_text("utf-8")


def test_impossible_rules_are_refused_and_not_saved(client, app):
    """Amber stricter than green is refused with the message; the file stays as it was."""
    response = save(client, PARTNERS.format(green=1, amber=3))
    text = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "规则 p：黄色阈值 3 比绿色阈值 1 更严" in text and 'id="rules-text"' in text
    form = client.get("/admin/rules").get_data(as_text=True)
    assert "dual_registration" in form  # still the shipped rules
    assert DEFAULT_RULES.read_text("utf-8").startswith("# 区域化党建考核规则")


def test_only_the_admin_may_edit_the_rules(client_as):
    """A district planner cannot open or post the rules page."""
    planner = client_as("district")
    assert planner.get("/admin/rules").status_code == 403
    assert save(planner, PARTNERS.format(green=1, amber=0)).status_code == 403


def test_the_dashboard_shows_the_heat_map(client):
    """Streets × quarters, each cell with a colour class."""
    page = client.get("/").get_data(as_text=True)
    heat = re.search(r'<section class="panel" id="heat-map">.*?</section>', page, re.S).group(0)
    assert 'data-street="S1"' in heat and 'data-street="S2"' in heat
    quarters = re.findall(r'<th class="num[^"]*"[^>]*>(\d{4}Q\d)', heat)
    assert len(quarters) >= 4
    cells = re.findall(r'class="num heat-(green|amber|red|none)( partial)?"', heat)
    assert len(cells) == 2 * len(quarters)


def test_follow_up_shows_states_and_conversion(client, app):
    """An accepted suggestion without joint activity never started; the agreement is on track."""
    store = app.extensions["cobuild.store"]
    store.record_decision(Decision("U1", "U4", "accept", dt.datetime(2026, 1, 1), by="admin"))
    page = client.get("/assessment").get_data(as_text=True)
    assert 'data-state="never_started"' in page and 'data-state="on_track"' in page
    conversion = re.search(r'<table id="conversion".*?</table>', page, re.S).group(0)
    assert 'data-street="S1"' in conversion and "0%" in conversion


def test_the_ledger_has_chinese_headers_by_street_and_quarter(client):
    """The XLSX ledger (台账) lists units per street and quarter, and street totals."""
    response = client.get("/assessment.xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.data))
    assert book.sheetnames[:2] == ["台账", "街道汇总"]
    rows = list(book["台账"].values)
    assert rows[0][:6] == ("街道", "期间", "单位编号", "单位名称", "得分", "等级")
    quarters = {r[1] for r in rows[1:]}
    assert len(quarters) >= 4 and len(rows) == 1 + 4 * len(quarters)  # four units each
    assert {r[0] for r in list(book["街道汇总"].values)[1:]} == {"清河街道", "东湖街道"}


def test_a_viewer_cannot_export_the_ledger(client_as):
    """Exports need the export permission."""
    assert client_as("viewer").get("/assessment.xlsx").status_code == 403


def test_gexf_export_reads_back_in_networkx(client, tmp_path):
    """The network as GEXF: the same units and ties, whitelisted fields, position and colour."""
    response = client.get("/network.gexf")
    assert response.status_code == 200
    target = tmp_path / "network.gexf"
    target.write_bytes(response.data)
    G = nx.read_gexf(target)
    assert sorted(G.nodes) == ["U1", "U2", "U3", "U4"]
    assert G.has_edge("U1", "U2") and G.has_edge("U2", "U4")
    assert G.nodes["U1"]["name"] == "桂花社区" and G.nodes["U1"]["street"] == "S1"
    assert G.nodes["U1"]["label"] == "桂花社区"  # Gephi's label is the name
    fields = {k for _, data in G.nodes(data=True) for k in data}
    allowed = {"name", "kind", "street", "street_name", "zones", "measure", "category", "label"}
    assert fields <= allowed | {"viz"}
    assert G.nodes["U1"]["street_name"] == "清河街道" and G.nodes["U2"]["zones"] == "党建协作二区"
    assert set(G.nodes["U1"]["viz"]) == {"position", "color", "size"}
    assert "张伟" not in response.get_data(as_text=True)


def test_graphml_export_keeps_the_min_weight_filter(client, tmp_path):
    """GraphML follows the view's filters: only U2–U3 has two joint activities."""
    response = client.get("/network.graphml?min_weight=2")
    target = tmp_path / "network.graphml"
    target.write_bytes(response.data)
    G = nx.read_graphml(target)
    assert G.number_of_nodes() == 4 and list(G.edges) == [("U2", "U3")]


def test_playback_snapshots_for_the_slider(client):
    """The network page links the slider to snapshots per quarter or month."""
    page = client.get("/network").get_data(as_text=True)
    assert 'id="playback-slider"' in page and "/network/playback.json" in page
    data = client.get("/network/playback.json?freq=month").get_json()
    assert data["freq"] == "month" and not data["aggregated"] and len(data["periods"]) >= 12
    assert all({"period", "edges", "silent", "new_ties"} <= set(p) for p in data["periods"])
    assert client.get("/network/playback.json?freq=week").status_code == 400


def test_a_rules_file_broken_by_hand_is_shown_to_fix(client, app):
    """The admin page shows the broken file with its problem; the dashboard still opens."""
    Path(app.extensions["cobuild.settings"].rules).write_text("[[rule]]\nid = 1\n", "utf-8")
    form = client.get("/admin/rules")
    assert form.status_code == 200 and "缺少 id" in form.get_data(as_text=True)
    assert client.get("/").status_code == 200
    assert client.get("/assessment").status_code == 422
