"""The window in Chromium: it survives every link and the language switch; old data say so."""

from __future__ import annotations

import datetime as dt

import pytest

from graphmodel.store import open_store
from loaders.demo import generate

from .conftest import new_page

WINDOW = "end=2026-03-31&months=6&street=S002"
SHOWN = "2025-10-01 – 2026-03-31"


def window_of(page) -> str:
    return page.locator("h1 small").first.inner_text()


def test_the_window_survives_navigation_and_the_language_switch(page, live):
    """A street-filtered list's window stays through the header links and both languages."""
    p = page.page
    p.goto(f"{live.url}/lists/isolated?{WINDOW}")
    assert SHOWN in window_of(p)
    p.click("header nav a[href^='/assessment']")
    p.wait_for_load_state()
    assert "end=2026-03-31" in p.url and "street=S002" in p.url
    assert SHOWN in window_of(p)
    assert p.locator("#window-control input[name=end]").input_value() == "2026-03-31"
    p.click("#lang-switch")
    p.wait_for_load_state()
    assert "lang=en" in p.url and SHOWN in window_of(p)
    p.click("header nav a[href^='/lists/']")
    p.wait_for_load_state()
    assert SHOWN in window_of(p)
    assert p.locator("select[name=street]").input_value() == "S002"
    page.screenshot("window-list-en")
    p.click("#lang-switch")
    p.wait_for_load_state()
    assert SHOWN in window_of(p) and p.locator("html").get_attribute("lang") == "zh-CN"


def test_the_window_control_changes_the_window_and_keeps_the_filters(page, live):
    """Setting months on the dashboard's control keeps the street and changes the window."""
    p = page.page
    p.goto(f"{live.url}/zones?street=S002")
    p.fill("#window-control input[name=months]", "3")
    p.click("#window-control button[type=submit]")
    p.wait_for_load_state()
    assert "street=S002" in p.url and "months=3" in p.url
    assert window_of(p).startswith("2026-04-01")


@pytest.fixture(scope="module")
def old_store(tmp_path_factory):
    """The demo district generated to end on 2024-06-30."""
    path = tmp_path_factory.mktemp("old") / "old.db"
    store = open_store(f"sqlite:///{path}")
    store.load(generate(seed=7, scale="district", end=dt.date(2024, 6, 30)), source="old")
    return store


def test_old_data_open_on_their_last_year_with_a_notice(browser, serve_store, old_store):
    """Data ending 2024-06-30 opened on 2026-12-01: the last year, its date and the notice."""
    server = serve_store(old_store)
    server.app.config["COBUILD_TODAY"] = dt.date(2026, 12, 1)
    context, watched = new_page(browser)
    try:
        server.sign_in(watched.page)
        p = watched.page
        p.goto(server.url + "/")
        assert "数据截至 2024-06-30" in p.locator("#data-date").inner_text()
        assert p.locator("#old-data").is_visible()
        assert window_of(p) == "2023-07-01 – 2024-06-30"
        density = p.locator('[data-metric="density"] .value').first.inner_text()
        assert float(density) > 0
        watched.screenshot("old-data-dashboard")
        p.click("#lang-switch")
        p.wait_for_load_state()
        assert "Data as of 2024-06-30" in p.locator("#data-date").inner_text()
        assert "Import the latest activity ledger" in p.locator("#old-data").inner_text()
        watched.screenshot("old-data-dashboard-en")
        assert watched.errors == [] and watched.outside() == []
    finally:
        context.close()
        server.stop()


def test_partial_periods_are_marked_on_the_dashboard(page, live):
    """A window ending mid-May: its first and last months and quarters are marked partial."""
    p = page.page
    p.goto(f"{live.url}/?end=2026-05-15&months=6")
    assert p.locator("#density-chart rect.partial").count() == 2
    assert p.locator("#density-chart text.partial-label").count() == 2
    assert p.locator("#heat-map th.partial").all_inner_texts() == ["2025Q4\n部分", "2026Q2\n部分"]
    assert p.locator("#partial-note").is_visible()
    page.screenshot("dashboard-partial")


def test_the_playback_says_which_periods_are_partial(page, live):
    """A quarter the window cuts short is labelled partial on the slider."""
    p = page.page
    p.goto(f"{live.url}/network?street=S001&end=2026-05-15&months=6")
    p.wait_for_selector("#network[data-state=drawn]", timeout=20_000)
    p.wait_for_selector("#playback[data-periods='3']", timeout=10_000)
    slider = p.locator("#playback-slider")
    labels = []
    for index in range(3):
        slider.evaluate(f"s => {{ s.value = '{index}'; s.dispatchEvent(new Event('input')); }}")
        labels.append(p.locator("#playback-label").inner_text())
    assert labels == ["2025Q4 (部分)", "2026Q1", "2026Q2 (部分)"]
