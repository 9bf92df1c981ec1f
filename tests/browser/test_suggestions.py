"""Suggestions in Chromium: the unit page lists them (fetched by static JS), a planner accepts one."""

from __future__ import annotations

import pytest

from graphmodel.store import open_store
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
