"""A street planner's figures equal the district's for every one of their units (issue 11 §2).

On the demo district: every figure of every unit of one street, read by a street planner
of that street and by a district planner, in pages, the API, the lists' exports, the
assessment and its ledger; both ways (nothing more, nothing less, nothing different).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

import openpyxl
import pytest

from graphmodel.store import open_store
from loaders.demo import generate
from service import create_app
from service.settings import Settings

from .conftest import sign_in

END = dt.date(2026, 6, 30)
STREET = "S003"


def table(rows: list, first_header: str) -> list:
    """The header row (its first cell starting with ``first_header``) and the rows after it:
    title rows above it name the reader and the scope, and differ by design."""
    start = next(i for i, r in enumerate(rows) if r and str(r[0]).startswith(first_header))
    return [list(r) for r in rows[start:]]


@pytest.fixture(scope="module")
def demo_app(tmp_path_factory):
    """The demo district served with today = its end date."""
    folder = tmp_path_factory.mktemp("territory")
    store = open_store(f"sqlite:///{folder}/demo.db")
    store.load(generate(seed=7, scale="district", end=END), source="demo")
    settings = Settings(
        store=store.url,
        secret_key="test",
        accounts=str(folder / "accounts.db"),
        rules=str(Path(folder) / "rules.toml"),
    )
    app = create_app(settings, store=store)
    app.config["COBUILD_TODAY"] = END
    return app


@pytest.fixture(scope="module")
def clients(demo_app):
    """(street planner of STREET, district planner)."""
    return sign_in(demo_app, "street", (STREET,)), sign_in(demo_app, "district", ())


@pytest.fixture(scope="module")
def street_units(clients):
    _, district = clients
    units = district.get("/api/v1/units").get_json()["units"]
    found = {u["id"]: u for u in units if u["street"] == STREET}
    assert len(found) > 20
    return found


def test_unit_answers_are_equal(clients, street_units):
    """Every unit's API answer (partners with give and take, timeline, organisations,
    members) holds the same figures for both planners."""
    street, district = clients
    crossing = 0
    for uid in street_units:
        mine = street.get(f"/api/v1/units/{uid}").get_json()
        theirs = district.get(f"/api/v1/units/{uid}").get_json()
        assert mine["timeline"] == theirs["timeline"]
        for org in theirs["party_orgs"]:  # a member registered in another street: no unit id
            for member in org["members"]:
                if member["registered_at"] not in street_units:
                    member["registered_at"] = None
        assert mine["party_orgs"] == theirs["party_orgs"]
        assert mine["unit"] == theirs["unit"]
        figures = ("name", "kind_zh", "street_name", "joint", "hosted_for_them", "hosted_by_them")
        assert [{k: p[k] for k in figures} for p in mine["partners"]] == [
            {k: p[k] for k in figures} for p in theirs["partners"]
        ]
        for m, t in zip(mine["partners"], theirs["partners"], strict=True):
            assert m.get("id") == (t["id"] if t["id"] in street_units else None)
        crossing += sum(1 for p in mine["partners"] if p.get("outside"))
    assert crossing > 0, "no tie reaches another street: the comparison would prove little"


@pytest.mark.parametrize("key", ["isolated", "inactive", "declining", "followers"])
def test_list_exports_are_equal(clients, street_units, key):
    """Each list's CSV for the street planner is the district's, cut to their street, and
    the district planner's list filtered to the street."""
    street, district = clients

    def rows(client, query=""):
        text = client.get(f"/lists/{key}.csv{query}").get_data(as_text=True).lstrip("\ufeff")
        return list(csv.reader(io.StringIO(text)))

    mine, everyone = table(rows(street), "单位编号"), table(rows(district), "单位编号")
    assert mine[0] == everyone[0]
    assert mine[1:] == [r for r in everyone[1:] if r[0] in street_units]
    assert mine == table(rows(district, f"?street={STREET}"), "单位编号")


def test_per_unit_metrics_are_equal(clients, street_units):
    """In the metrics API, every per-unit row of the street (lists, give and take, district
    push, brokerage, community, dual registration) equals the district's row."""
    street, district = clients
    mine = street.get("/api/v1/metrics").get_json()
    theirs = district.get("/api/v1/metrics").get_json()
    sections = [
        ("isolated", "units"),
        ("inactive", "units"),
        ("declining", "units"),
        ("followers", "units"),
        ("district_dependence", "units"),
        ("balance", "units"),
        ("communities", "units"),
        ("members", "units"),
    ]
    for section, field in sections:
        expected = [r for r in theirs[section][field] if r["id"] in street_units]
        assert mine[section][field] == expected, section
    brokers = {r["id"]: r for r in theirs["brokers"]["units"]}
    shown = mine["brokers"]["units"]
    assert shown and all(brokers[r["id"]] == r for r in shown if r["id"] in brokers)
    streets = {r["id"]: r for r in theirs["density"]["streets"]}
    assert mine["density"]["streets"] == [streets[STREET]]
    assert 0 < streets[STREET]["external_share"] < 1


def test_assessment_rows_are_equal(clients, street_units):
    """The assessment page's row of each of the street's units, and the street's roll-up,
    read the same for both planners."""
    street, district = clients

    def rows(client):
        page = client.get("/assessment").get_data(as_text=True)
        return {
            uid: row for row, uid in re.findall(r'(<tr data-unit="([^"]+)".*?</tr>)', page, re.S)
        }

    mine, theirs = rows(street), rows(district)
    assert set(mine) == set(street_units)
    assert mine == {u: theirs[u] for u in street_units}


def test_ledgers_are_equal(clients, street_units):
    """The ledger (台账) rows and street summary of the street are the same in both workbooks."""
    street, district = clients

    def book(client):
        data = client.get("/assessment.xlsx").data
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True)

    mine, theirs = book(street), book(district)
    name = next(iter(street_units.values()))["street_name"]
    for sheet in ("台账", "街道汇总"):
        own = table(list(mine[sheet].iter_rows(values_only=True)), "街道")
        everyone = table(list(theirs[sheet].iter_rows(values_only=True)), "街道")
        assert own[0] == everyone[0]
        assert own[1:] == [r for r in everyone[1:] if r[0] == name], sheet
        assert len(own) > 1


def test_the_dashboard_and_stats_count_the_street(clients, street_units):
    """The street planner's stats and dashboard count their units, not the district's."""
    street, district = clients
    assert street.get("/api/v1/stats").get_json()["units"] == len(street_units)
    assert district.get("/api/v1/stats").get_json()["units"] == 640
    page = street.get("/").get_data(as_text=True)
    units = re.search(r'data-table="units"><span class="value">(\d+)<', page).group(1)
    assert int(units) == len(street_units)
    last_import = re.search(r'id="last-import">.*?</section>', page, re.S).group(0)
    assert "640" not in last_import  # the load's district-wide counts are not shown
    isolated = district.get(f"/api/v1/isolated?street={STREET}").get_json()["count"]
    shown = re.search(r'data-metric="isolated">\s*<span class="value">(\d+)<', page).group(1)
    assert int(shown) == isolated
