"""Assessment in Chromium: the heat map, the health card, and editing the rules."""

from __future__ import annotations

RULE = """[[rule]]
id = "p"
name = "合作伙伴数"
indicator = "distinct_partners"
green = {green}
amber = 0
source = "browser test"
"""


def test_dashboard_heat_map_colours_streets_by_quarter(page, live):
    """The heat map has a coloured cell per street and quarter of the window."""
    page.page.goto(live.url + "/")
    heat = page.page.locator("#heat-map")
    quarters = heat.locator("thead th.num").all_inner_texts()
    assert quarters == ["2025Q3", "2025Q4", "2026Q1", "2026Q2"]
    streets = heat.locator("tbody tr").count()
    assert streets >= 2
    assert heat.locator("td[data-level]").count() == streets * 4
    colour = heat.locator("td[data-level]").first.evaluate(
        "e => getComputedStyle(e).backgroundColor"
    )
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
    page.screenshot("dashboard-heat-map")


def test_unit_page_shows_the_health_card(page, live):
    """From the assessment table to a unit: status per rule, score and actions."""
    page.page.goto(live.url + "/assessment")
    with page.page.expect_navigation():
        page.page.locator("#assessment-table tbody tr a").first.click()
    card = page.page.locator("#health")
    assert card.is_visible()
    assert card.locator("#health-rules tbody tr").count() >= 1
    assert card.locator("#health-rules .status").count() >= 1
    assert card.locator("#health-score").inner_text().strip() != ""
    page.screenshot("unit-health-card")


def test_a_planner_changes_a_threshold_and_sees_statuses_change(
    anonymous_page, demo_store, serve_store, tmp_path
):
    """Raising a threshold on the admin page turns green units amber on the assessment page."""
    server = serve_store(demo_store, rules=str(tmp_path / "rules.toml"))
    try:
        browser_page = anonymous_page.page
        server.sign_in(browser_page)

        def greens(green: int) -> int:
            browser_page.goto(server.url + "/admin/rules")
            browser_page.fill("#rules-text", RULE.format(green=green))
            with browser_page.expect_navigation():
                browser_page.click("#rules-form button[type=submit]")
            assert browser_page.locator("#rules-saved").is_visible()
            browser_page.goto(server.url + "/assessment")
            return browser_page.locator('#assessment-table [data-status="green"]').count()

        assert greens(1) > greens(1000) == 0
        browser_page.goto(server.url + "/admin/rules")
        browser_page.fill("#rules-text", RULE.format(green=-1))
        anonymous_page.expected.append("status of 422")
        with browser_page.expect_navigation():
            browser_page.click("#rules-form button[type=submit]")
        assert "超出" in browser_page.locator("#rules-error").inner_text()
    finally:
        server.stop()


def test_the_slider_replays_the_network_by_period(page, live):
    """Moving the slider shows one quarter's ties (new ones green), then the whole window again."""
    page.page.goto(live.url + "/network?street=S001")
    page.page.wait_for_selector("#network[data-state=drawn]", timeout=20_000)
    page.page.wait_for_selector("#playback[data-periods='4']", timeout=10_000)
    whole = page.page.evaluate("window.cobuildNetwork.edges.length")
    slider = page.page.locator("#playback-slider")
    slider.evaluate("s => { s.value = '0'; s.dispatchEvent(new Event('input')); }")
    assert page.page.locator("#playback").get_attribute("data-period") == "2025Q3"
    shown = page.page.evaluate("window.cobuildNetwork.edges.length")
    assert 0 < shown < whole
    assert shown == int(page.page.locator("#playback").get_attribute("data-shown-edges"))
    assert "2025Q3" in page.page.locator("#playback-label").inner_text()
    page.screenshot("network-playback")
    page.page.select_option("#playback-freq", "month")
    page.page.wait_for_selector("#playback[data-periods='12']", timeout=10_000)
    page.page.click("#playback-all")
    assert page.page.evaluate("window.cobuildNetwork.edges.length") == whole
