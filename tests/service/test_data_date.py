"""The data's own date: the default window, the header, links that keep the window,
and periods the window or the data cut short (issue 11 §1)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import openpyxl
import pytest

from graphmodel.store import open_store
from service import create_app
from service.settings import Settings

TODAY = dt.date(2026, 12, 1)
#: small_bundle's two activities moved back two years: the data end on 2024-06-30.
OLD_DATES = {"A1": dt.date(2024, 3, 5), "A2": dt.date(2024, 6, 30)}


@pytest.fixture
def old_app(tmp_path, small_bundle, accounts_path):
    """An app whose store's latest activity is 2024-06-30, opened on 2026-12-01."""
    bundle = dataclasses.replace(
        small_bundle,
        activities=[dataclasses.replace(a, date=OLD_DATES[a.id]) for a in small_bundle.activities],
    )
    store = open_store(f"sqlite:///{tmp_path}/old.db")
    store.load(bundle, source="old.xlsx")
    settings = Settings(
        store=store.url,
        secret_key="test",
        accounts=accounts_path,
        rules=str(Path(accounts_path).with_name("rules.toml")),
    )
    app = create_app(settings, store=store)
    app.config["COBUILD_TODAY"] = TODAY
    return app


def links(page: str) -> list[str]:
    return [h.replace("&amp;", "&") for h in re.findall(r'href="([^"]+)"', page)]


def test_an_old_store_opens_on_its_last_year(old_app, signed_in):
    """With data ending 2024-06-30 and today 2026-12-01, the dashboard shows 2023-07-01 – 2024-06-30."""
    page = signed_in(old_app).get("/").get_data(as_text=True)
    assert "2023-07-01 – 2024-06-30" in page
    assert re.search(r"数据截至 <strong>2024-06-30</strong>", page)


def test_an_old_store_says_so_and_what_to_do(old_app, signed_in):
    """Data older than three months carry a notice to import the latest ledger, in both languages."""
    client = signed_in(old_app)
    assert "请导入最新的活动台账" in client.get("/lists/isolated").get_data(as_text=True)
    english = client.get("/zones?lang=en").get_data(as_text=True)
    assert "Data as of" in english and "Import the latest activity ledger" in english


def test_fresh_data_carry_no_notice(app, client):
    """A store whose latest activity is recent shows its date and no old-data notice."""
    app.config["COBUILD_TODAY"] = dt.date(2026, 8, 15)
    page = client.get("/").get_data(as_text=True)
    assert "数据截至 <strong>2026-07-01</strong>" in page
    assert 'id="old-data"' not in page


def test_the_default_window_ends_at_the_data_date_in_the_api(old_app, signed_in):
    """The API's default window is the data's last year too."""
    data = signed_in(old_app).get("/api/v1/metrics").get_json()
    assert data["meta"]["window"] == {"start": "2023-07-01", "end": "2024-06-30", "months": 12}
    assert data["meta"]["data_end"] == "2024-06-30"
    assert data["density"]["scope"]["ties"] > 0


@pytest.mark.parametrize(
    "path",
    ["/", "/lists/isolated", "/zones", "/assessment", "/suggestions", "/units/U1", "/network"],
)
def test_every_analysis_page_has_the_window_control(client, path):
    """Each analysis page offers the end date and months, set to the window shown."""
    page = client.get(path + "?end=2026-05-31&months=6").get_data(as_text=True)
    assert 'name="end" value="2026-05-31"' in page
    assert 'name="months"' in page and 'value="6"' in page


@pytest.mark.parametrize("path", ["/", "/lists/followers", "/zones", "/assessment", "/units/U1"])
def test_navigation_links_keep_the_window_and_filters(client, path):
    """Every header link, and the language switch, carries end, months and street."""
    page = client.get(path + "?end=2026-05-31&months=6&street=S1").get_data(as_text=True)
    nav = re.search(r"<nav>.*?</nav>", page, re.S).group(0)
    targets = [h for h in links(nav) if h.split("?")[0] != "/import" and "/admin" not in h]
    assert targets
    for href in targets:
        args = parse_qs(urlsplit(href).query)
        assert (args["end"], args["months"], args["street"]) == (["2026-05-31"], ["6"], ["S1"])
    switch = re.search(r'href="([^"]+)" id="lang-switch"', page).group(1).replace("&amp;", "&")
    assert parse_qs(urlsplit(switch).query) == {
        "end": ["2026-05-31"],
        "months": ["6"],
        "street": ["S1"],
        "lang": ["en"],
    }


def test_a_window_that_cannot_be_read_is_not_carried_on(client):
    """A 400 page's header links lead back to the default window."""
    page = client.get("/zones?end=2026-13-45").get_data(as_text=True)
    nav = re.search(r"<nav>.*?</nav>", page, re.S).group(0)
    assert "end=" not in nav and 'href="/zones"' in nav


def test_the_language_switch_keeps_the_window_and_the_street(client):
    """Following ?lang=en keeps the street-filtered list and its window."""
    page = client.get("/lists/isolated?end=2026-05-31&months=6&street=S2&lang=en")
    text = page.get_data(as_text=True)
    assert "2025-12-01 – 2026-05-31" in text
    assert '<option value="S2" selected' in text


@pytest.mark.parametrize(
    ("path", "export"),
    [
        ("/lists/isolated", "/lists/isolated.xlsx"),
        ("/lists/isolated", "/lists/isolated.csv"),
        ("/assessment", "/assessment.xlsx"),
        ("/suggestions", "/suggestions/accepted.xlsx"),
        ("/network", "/network.gexf"),
    ],
)
def test_export_links_carry_the_window(client, path, export):
    """Export links name the window and filters of the page they are on."""
    page = client.get(path + "?end=2026-05-31&months=6&street=S1").get_data(as_text=True)
    found = [h for h in links(page) if h.split("?")[0] == export]
    assert found, f"no {export} link"
    args = parse_qs(urlsplit(found[0]).query)
    assert (args["end"], args["months"], args["street"]) == (["2026-05-31"], ["6"], ["S1"])


def test_periods_cut_by_the_window_are_partial(client):
    """A window ending mid-quarter marks that quarter and month partial in the report."""
    data = client.get("/api/v1/metrics?end=2026-05-15&months=6").get_json()
    partial = {row["period"]: row["partial"] for row in data["density"]["quarterly"]}
    assert partial == {"2025Q4": True, "2026Q1": False, "2026Q2": True}
    months = {row["period"]: row["partial"] for row in data["density"]["monthly"]}
    assert months["2026-05"] and not months["2026-04"]


def test_periods_after_the_data_end_are_partial(client):
    """A quarter the data stop inside (or before) is partial though the window covers it."""
    data = client.get("/api/v1/metrics?end=2026-12-31&months=12").get_json()
    partial = {row["period"]: row["partial"] for row in data["density"]["quarterly"]}
    assert partial == {"2026Q1": False, "2026Q2": False, "2026Q3": True, "2026Q4": True}


def test_the_dashboard_marks_partial_periods(client):
    """Density bars and heat-map quarters cut short are hatched and labelled 部分."""
    page = client.get("/?end=2026-05-15&months=6").get_data(as_text=True)
    chart = re.search(r'<svg[^>]*id="density-chart".*?</svg>', page, re.S).group(0)
    assert len(re.findall(r'class="partial" data-partial="1"', chart)) == 2  # 2025-11, 2026-05
    heat = re.search(r'<section class="panel" id="heat-map">.*?</section>', page, re.S).group(0)
    assert re.findall(r'data-partial="1">(\d{4}Q\d)<br><small>部分', heat) == ["2025Q4", "2026Q2"]


def test_the_unit_timeline_marks_partial_months(client):
    """The unit page's months cut short by the window are marked partial."""
    page = client.get("/units/U1?end=2026-05-15&months=6").get_data(as_text=True)
    chart = re.search(r'<svg[^>]*id="timeline-chart".*?</svg>', page, re.S).group(0)
    assert len(re.findall(r'class="partial" data-partial="1"', chart)) == 2


def test_the_ledger_marks_partial_quarters(client):
    """The ledger's last column says which quarters the window or the data cut short."""
    response = client.get("/assessment.xlsx?end=2026-05-15&months=6")
    book = openpyxl.load_workbook(io.BytesIO(response.data), read_only=True)
    for sheet in ("台账", "街道汇总"):
        rows = list(book[sheet].iter_rows(values_only=True))
        header = next(i for i, row in enumerate(rows) if row and row[0] == "街道")
        assert rows[header][-1] == "部分期间"
        marks = {row[1]: bool(row[-1]) for row in rows[header + 1 :]}
        assert marks == {"2025Q4": True, "2026Q1": False, "2026Q2": True}


def test_playback_periods_say_which_are_partial(client):
    """The slider's periods carry the partial flag."""
    data = client.get("/network/playback.json?end=2026-05-15&months=6").get_json()
    assert [p["partial"] for p in data["periods"]] == [True, False, True]
