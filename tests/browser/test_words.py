"""Words for every figure in Chromium: the "?" opens by keyboard, the navigation fits 1366 px,
the heat map tells streets apart, a viewer sees no export; screenshots in both languages."""

from __future__ import annotations

import pytest

from service.glossary import say
from service.views.pages import HEADLINES

from .conftest import ARTIFACTS, new_page

EXPORTS = "a[href*='.xlsx'], a[href*='.csv'], a[href*='.gexf'], a[href*='.graphml']"


def test_every_headline_figure_has_a_working_help(page, live):
    """Each headline's "?" opens with Enter from the keyboard, says what it counts, and Escape closes it."""
    p = page.page
    p.goto(live.url + "/")
    for key, _, _ in HEADLINES:
        figure = p.locator(f'#headlines .figure[data-metric="{key}"]')
        summary = figure.locator("details.help summary")
        body = figure.locator("details.help .help-body")
        assert not body.is_visible()
        summary.focus()
        p.keyboard.press("Enter")
        assert body.is_visible(), key
        said = say(key, "zh")
        text = body.inner_text()
        assert said.what[:12] in text and said.window in text and said.better in text
        p.keyboard.press("Escape")
        assert not body.is_visible()


def test_opening_one_help_closes_another(page, live):
    """Only one explanation is open at a time; a click elsewhere closes it."""
    p = page.page
    p.goto(live.url + "/")
    first = p.locator('#headlines .figure[data-metric="density"] details.help')
    second = p.locator('#headlines .figure[data-metric="ties"] details.help')
    first.locator("summary").click()
    second.locator("summary").click()
    assert (
        second.locator(".help-body").is_visible() and not first.locator(".help-body").is_visible()
    )
    p.locator("h1").click()
    assert not second.locator(".help-body").is_visible()


def test_the_help_page_is_reached_from_a_figure(page, live):
    """The link inside a "?" leads to the term on 指标说明."""
    p = page.page
    p.goto(live.url + "/")
    figure = p.locator('#headlines .figure[data-metric="isolated"]')
    figure.locator("summary").click()
    figure.locator(".help-body a").click()
    p.wait_for_url(lambda url: "/help/metrics" in url)
    assert p.locator("#term-isolated").is_visible()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_navigation_fits_1366_pixels(browser, live, lang):
    """At 1366 px the admin's navigation (the longest) neither overflows nor wraps."""
    context = browser.new_context(viewport={"width": 1366, "height": 800})
    p = context.new_page()
    try:
        live.sign_in(p)
        p.goto(f"{live.url}/?lang={lang}")
        nav = p.locator("header.top nav")
        fits = nav.evaluate("n => n.scrollWidth <= n.clientWidth")
        tops = {round(a.bounding_box()["y"]) for a in nav.locator("a").all()}
        page_width = p.evaluate("document.documentElement.scrollWidth")
        assert fits and len(tops) == 1 and page_width <= 1366
        assert nav.locator("a").count() >= 10
    finally:
        context.close()


def test_the_heat_map_shows_at_least_three_colours(page, live):
    """Streets below the pass mark are still told apart: three or more cell colours."""
    p = page.page
    p.goto(live.url + "/")
    colours = p.locator("#heat-map td.heat-cell").evaluate_all(
        "cells => cells.map(c => getComputedStyle(c).backgroundColor)"
    )
    assert len(set(colours)) >= 3
    counts = p.locator("#heat-map td.heat-cell .heat-counts").first.inner_text()
    assert counts.count("/") == 2


@pytest.fixture
def viewer_page(browser, live):
    live.add_user("viewer-words", "viewer")
    context, watched = new_page(browser)
    live.sign_in(watched.page, "viewer-words")
    yield watched
    context.close()
    assert watched.errors == []


@pytest.mark.parametrize(
    "path", ["/", "/lists/isolated", "/lists/attention", "/assessment", "/suggestions", "/network"]
)
def test_a_viewers_pages_have_no_export_buttons(viewer_page, live, path):
    """A viewer sees no Excel, CSV, GEXF or GraphML link on any page."""
    viewer_page.page.goto(live.url + path)
    assert viewer_page.page.locator(EXPORTS).count() == 0


@pytest.mark.parametrize("path", ["/", "/lists/attention", "/assessment"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_screenshots_in_both_languages(browser, live, path, lang):
    """The dashboard, a list and the assessment, at 1366 px, in Chinese and English."""
    context = browser.new_context(viewport={"width": 1366, "height": 1600})
    p = context.new_page()
    try:
        live.sign_in(p)
        p.goto(f"{live.url}{path}?lang={lang}")
        assert p.locator("h1").count() == 1
        name = (path.strip("/").replace("/", "-") or "dashboard") + f"-{lang}"
        ARTIFACTS.mkdir(exist_ok=True)
        # Whole dashboard; the long tables only as far as the first screens.
        p.screenshot(path=str(ARTIFACTS / f"words-{name}.png"), full_page=path == "/")
    finally:
        context.close()
