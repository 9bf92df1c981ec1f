"""Suggestions in Chromium: the unit page lists them (fetched by static JS), a planner accepts one."""

from __future__ import annotations

import datetime as dt

import pytest

from graphmodel.records import Activity, Participation, Unit, Zone
from graphmodel.store import Bundle, open_store
from loaders.demo import generate

from .conftest import ARTIFACTS, DEMO_END

#: An isolated unit of the demo (seed 7) in the 12 months to DEMO_END.
UNIT = "U00004"


@pytest.fixture(scope="module")
def deciding(tmp_path_factory, serve_store):
    """A server of its own demo store: these tests record decisions."""
    path = tmp_path_factory.mktemp("suggest") / "demo.db"
    store = open_store(f"sqlite:///{path}")
    store.load(generate(seed=7, scale="district", end=DEMO_END), source="demo")
    server = serve_store(store)
    yield server
    server.stop()


@pytest.fixture
def planner(anonymous_page, deciding):
    deciding.sign_in(anonymous_page.page)
    return anonymous_page


def test_the_unit_page_lists_suggestions_with_reasons(planner, deciding):
    """The 建议结对 section fills in from the API: partners, scores and reasons."""
    planner.page.goto(f"{deciding.url}/units/{UNIT}")
    planner.page.wait_for_selector("#suggestions[data-state=loaded]")
    items = planner.page.locator("#suggestion-list li")
    assert items.count() == 10
    assert "两者同属" in items.first.locator(".reasons").inner_text()
    planner.screenshot("unit-suggestions")


def test_accepting_a_suggestion_marks_it_and_stores_it(planner, deciding):
    """Clicking 采纳 posts the decision (with the CSRF header) and marks the row accepted."""
    planner.page.goto(f"{deciding.url}/units/{UNIT}")
    planner.page.wait_for_selector("#suggestions[data-state=loaded]")
    first = planner.page.locator("#suggestion-list li").first
    partner = first.get_attribute("data-partner")
    first.locator("input.note").fill("先开一次联席会议")
    first.locator("button.decide[data-decision=accept]").click()
    planner.page.wait_for_selector("#suggestion-list li[data-decision=accept]")
    assert first.locator(".decision-status").inner_text() == "已采纳"
    stored = deciding.app.extensions["cobuild.store"].decisions(UNIT)
    assert [(d.partner, d.decision, d.note) for d in stored] == [
        (partner, "accept", "先开一次联席会议")
    ]


def test_dismissing_on_the_district_page_hides_it_next_time(planner, deciding):
    """A dismissal on /suggestions greys the row; the unit page no longer lists the partner."""
    planner.page.goto(f"{deciding.url}/suggestions")
    row = planner.page.locator(f'#help-list tr[data-unit="{UNIT}"] li').nth(1)
    partner = row.get_attribute("data-partner")
    row.locator("button.decide[data-decision=dismiss]").click()
    planner.page.wait_for_selector(
        f'#help-list li[data-partner="{partner}"][data-decision=dismiss]'
    )
    ARTIFACTS.mkdir(exist_ok=True)  # the first screen only: the whole list is very long
    planner.page.screenshot(path=str(ARTIFACTS / "suggestions.png"))
    planner.page.goto(f"{deciding.url}/units/{UNIT}")
    planner.page.wait_for_selector("#suggestions[data-state=loaded]")
    shown = planner.page.locator("#suggestion-list li").evaluate_all(
        "items => items.map(i => i.getAttribute('data-partner'))"
    )
    assert partner not in shown


def test_each_suggestion_says_its_shares_in_words_first(planner, deciding):
    """Every listed suggestion starts with the share of each part, largest first."""
    planner.page.goto(f"{deciding.url}/units/{UNIT}")
    planner.page.wait_for_selector("#suggestions[data-state=loaded]")
    shares = planner.page.locator("#suggestion-list li .shares").first.inner_text()
    percents = [int(p.split()[-2]) for p in shares.split(" · ")]
    assert percents == sorted(percents, reverse=True) and sum(percents) == 100


def test_accepting_with_an_owner_and_a_due_date_then_undoing(planner, deciding):
    """采纳 sends the owner and due date typed in; 撤销 withdraws it, and the store keeps both."""
    unit = "U00010"
    planner.page.goto(f"{deciding.url}/units/{unit}")
    planner.page.wait_for_selector("#suggestions[data-state=loaded]")
    item = planner.page.locator("#suggestion-list li").first
    partner = item.get_attribute("data-partner")
    assert item.locator("input.due").input_value() == "2026-09-30"  # today + 3 follow-up months
    item.locator("input.owner").fill("王五（清河街道）")
    item.locator("input.due").fill("2026-08-15")
    item.locator("button.decide[data-decision=accept]").click()
    planner.page.wait_for_selector("#suggestion-list li[data-decision=accept]")
    item.locator("button.undo").click()
    planner.page.wait_for_selector(
        f'#suggestion-list li[data-partner="{partner}"][data-decision=""]'
    )
    assert item.locator(".decision-status").inner_text() == "已撤销"
    stored = deciding.app.extensions["cobuild.store"].decisions(unit)
    assert [(d.decision, d.owner, str(d.due)) for d in stored] == [
        ("accept", "王五（清河街道）", "2026-08-15"),
        ("undo", "", "None"),
    ]


def test_the_work_list_pages_by_fifty(planner, deciding):
    """/suggestions shows 50 units a page; 下一页 shows the next 50, none repeated."""
    planner.page.goto(f"{deciding.url}/suggestions")
    first = planner.page.locator("#help-list tr[data-unit]").evaluate_all(
        "rows => rows.map(r => r.getAttribute('data-unit'))"
    )
    planner.page.click("#work-pager a[rel=next]")
    planner.page.wait_for_url(lambda url: "page=2" in url)
    second = planner.page.locator("#help-list tr[data-unit]").evaluate_all(
        "rows => rows.map(r => r.getAttribute('data-unit'))"
    )
    assert len(first) == 50 and second and not set(first) & set(second)
    assert "第 2 /" in planner.page.locator("#work-page").inner_text()


def test_the_work_list_filters_by_status(planner, deciding):
    """Choosing 跟随型 and 筛选 lists only followers."""
    planner.page.goto(f"{deciding.url}/suggestions")
    planner.page.select_option("#filter-status", "follower")
    planner.page.click("#work-filters button[type=submit]")
    planner.page.wait_for_url(lambda url: "status=follower" in url)
    tags = planner.page.locator("#help-list tr[data-unit] td:nth-child(2)").all_inner_texts()
    assert tags and all("跟随型" in t for t in tags)


@pytest.fixture(scope="module")
def two_isolated(tmp_path_factory, serve_store):
    """A street of two isolated units (甲, 乙) and two active ones that met once."""
    units = [
        Unit("A", "甲社区", "community", "S1", lat=30.30, lon=112.20),
        Unit("B", "乙社区", "community", "S1", lat=30.31, lon=112.20),
        Unit("C", "丙小学", "school", "S1", lat=30.30, lon=112.21),
        Unit("D", "丁医院", "hospital", "S1", lat=30.32, lon=112.21),
    ]
    met = [Activity("E1", "义诊", "volunteer", DEMO_END - dt.timedelta(days=30))]
    took_part = [Participation("E1", "C", role="host"), Participation("E1", "D")]
    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('isolated') / 'two.db'}")
    store.load(
        Bundle(zones=[Zone("S1", "清河街道", "street")], units=units, activities=met,
               participations=took_part),
        source="test",
    )  # fmt: skip
    server = serve_store(store)
    yield server
    server.stop()


def test_an_isolated_partner_is_flagged_and_grouped_with_an_active_unit(
    anonymous_page, two_isolated
):
    """Two isolated units are proposed to each other only with an active third, and flagged."""
    page = anonymous_page.page
    two_isolated.sign_in(page)
    page.goto(f"{two_isolated.url}/suggestions?status=isolated")
    item = page.locator('#help-list tr[data-unit="A"] li[data-partner="B"]')
    assert item.locator(".isolated-partner").inner_text() == "对方也是孤立单位"
    assert item.locator(".group-with a").inner_text() in ("丙小学", "丁医院")
    anonymous_page.screenshot("suggestions-isolated")
