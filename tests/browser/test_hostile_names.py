"""Names holding HTML or script show as text on every page, and nothing runs.

A district is loaded whose street, unit and activity names are XSS payloads; every
page of the app (walked from its URL map, so new pages are covered too) is opened in
Chromium: no dialog may fire, no injected element may exist, and the page fixture
fails on any console error (a CSP violation included).
"""

from __future__ import annotations

import datetime as dt

import pytest

from graphmodel.records import Activity, Participation, Unit, Zone
from graphmodel.store import Bundle, open_store

UNIT = "<img src=x onerror=alert(1)>"
ACTIVITY = "<script>alert(2)</script>"
STREET = '"><svg onload=alert(3)>'
FILE = "<img src=x onerror=alert(4)>.csv"
#: Route arguments for the pages that take one.
SAMPLES = {"unit_id": "X1", "key": "isolated"}
#: Paths that download a file or answer JSON rather than show a page.
NOT_PAGES = (".xlsx", ".csv", ".json", ".gexf", ".graphml", ".ico", "/api/", "/static/", "/healthz")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, serve_store):
    """A live server over a district of hostile names (served as of 2026-06-30)."""
    folder = tmp_path_factory.mktemp("hostile")
    store = open_store(f"sqlite:///{folder}/hostile.db")
    day = dt.date(2026, 6, 1)
    store.load(
        Bundle(
            zones=[Zone("S1", STREET, "street")],
            units=[
                Unit("X1", UNIT, "community", "S1"),
                Unit("X2", "正常单位", "government", "S1"),
                Unit("X3", "孤立单位", "enterprise", "S1"),
            ],
            activities=[Activity("A1", ACTIVITY, "theme_day", day, "X1")],
            participations=[
                Participation("A1", "X1", role="host"),
                Participation("A1", "X2", role="guest"),
            ],
        ),
        source=FILE,
    )
    server = serve_store(store, accounts=str(folder / "accounts.db"))
    yield server
    server.stop()


def pages(server) -> list[str]:
    """Every GET page of the app, with sample arguments."""
    from flask import url_for

    paths = []
    for rule in server.app.url_map.iter_rules():
        if "GET" not in rule.methods or set(rule.arguments) - set(SAMPLES):
            continue
        with server.app.test_request_context():
            path = url_for(rule.endpoint, **{a: SAMPLES[a] for a in rule.arguments})
        if not any(marker in path for marker in NOT_PAGES) and path not in ("/logout",):
            paths.append(path)
    return sorted(set(paths))


def no_injection(page) -> None:
    assert page.dialogs == []
    assert page.page.locator("img[src=x], svg[onload], script:not([src])").count() == 0


def test_no_page_runs_a_hostile_name(page, hostile):
    """Every page over the hostile district: no dialog, no injected element."""
    hostile.sign_in(page.page)
    opened = pages(hostile)
    assert "/" in opened and "/units/X1" in opened
    for path in opened:
        page.page.goto(hostile.url + path)
        page.page.wait_for_load_state("networkidle")
        no_injection(page)


def test_the_unit_page_shows_the_names_as_text(page, hostile):
    """The unit's name and its activity's title are visible, literally."""
    hostile.sign_in(page.page)
    page.page.goto(hostile.url + "/units/X1")
    assert page.page.locator("h1").inner_text().startswith(UNIT)
    assert page.page.get_by_text(ACTIVITY).first.is_visible()
    no_injection(page)


def test_the_import_page_shows_a_hostile_file_name_as_text(page, hostile, tmp_path):
    """An uploaded file named like markup appears, as text, in the report and history."""
    hostile.sign_in(page.page)
    bad = tmp_path / "upload.csv"
    bad.write_text("id,name,kind\nS9,x,street\n", encoding="utf-8")
    page.expected.append("status of 422")
    page.page.goto(hostile.url + "/import")
    page.page.set_input_files(
        "input[name=files]",
        files=[{"name": FILE, "mimeType": "text/csv", "buffer": bad.read_bytes()}],
    )
    page.page.click("#import-form button[type=submit]")
    page.page.wait_for_load_state()
    assert FILE in page.page.locator("#import-report").inner_text()
    assert FILE in page.page.locator("#import-history").inner_text()
    no_injection(page)
