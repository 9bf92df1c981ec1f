"""The network view's tools in Chromium: exports, playback, keyboard, English, street planners."""

from __future__ import annotations

import json
import time

import networkx as nx

from graphmodel.district import District
from graphmodel.window import Window

from .conftest import ARTIFACTS, DEMO_END, PASSWORD


def _drawn(page, url: str) -> None:
    page.page.goto(url)
    page.page.wait_for_selector("#network[data-state=drawn]", timeout=20_000)


def test_the_png_export_downloads_the_view_with_legend_and_caption(page, live):
    """PNG: a non-empty image wider than the drawing (the legend beside it)."""
    _drawn(page, live.url + "/network?street=S001")
    with page.page.expect_download() as info:
        page.page.click("#export-png")
    download = info.value
    ARTIFACTS.mkdir(exist_ok=True)
    target = ARTIFACTS / "network-export.png"  # to be looked at
    download.save_as(target)
    data = target.read_bytes()
    assert download.suggested_filename == "network-2026-06-30.png"
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
    width = int.from_bytes(data[16:20], "big")
    canvas = page.page.evaluate("document.querySelector('#network canvas').width")
    assert width > canvas
    assert page.page.evaluate("window.cobuildNetwork.data.meta.scope_label") == "清河街道"


def test_the_gexf_export_carries_positions_colours_and_street_names(
    page, live, tmp_path, demo_store
):
    """GEXF from the page's link reads back in NetworkX with viz positions and street names."""
    _drawn(page, live.url + "/network?size=betweenness")
    with page.page.expect_download() as info:
        page.page.click("#export-gexf")
    target = tmp_path / "network.gexf"
    info.value.save_as(target)
    G = nx.read_gexf(target)
    drawn = {n["id"]: n for n in page.page.evaluate("window.cobuildNetwork.data.nodes")}
    assert set(G) == set(drawn)
    unit = next(iter(drawn))
    viz = G.nodes[unit]["viz"]
    assert viz["position"]["x"] == drawn[unit]["x"] and viz["size"] == drawn[unit]["size"]
    streets = {z.id: z.name for z in demo_store.zones() if z.kind == "street"}
    assert G.nodes[unit]["street_name"] == streets[drawn[unit]["street"]]
    text = target.read_text("utf-8")
    assert "measure=betweenness" in text and "window_end=2026-06-30" in text


def test_playback_plays_pauses_and_marks_its_periods(page, live):
    """Play advances period by period; ticks name every period; pause stops."""
    _drawn(page, live.url + "/network?street=S001")
    page.page.wait_for_selector("#playback[data-periods='4']", timeout=10_000)
    ticks = page.page.locator("#playback-ticks li")
    assert [ticks.nth(i).inner_text() for i in range(4)] == ["2025Q3", "2025Q4", "2026Q1", "2026Q2"]
    page.page.select_option("#playback-freq", "month")
    page.page.wait_for_selector("#playback[data-periods='12']", timeout=10_000)
    page.page.select_option("#playback-freq", "quarter")
    page.page.wait_for_selector("#playback[data-periods='4']", timeout=10_000)
    play = page.page.locator("#playback-play")
    play.click()
    assert play.get_attribute("aria-pressed") == "true"
    page.page.wait_for_selector("#playback[data-period='2025Q4']", timeout=5_000)
    play.click()
    assert play.get_attribute("aria-pressed") == "false"
    stopped = page.page.locator("#playback").get_attribute("data-period")
    page.page.wait_for_timeout(1500)
    assert page.page.locator("#playback").get_attribute("data-period") == stopped


def test_a_partial_period_is_marked(page, live):
    """A window ending mid-quarter marks its last quarter as partial."""
    _drawn(page, live.url + "/network?street=S001&end=2026-05-15")
    page.page.wait_for_selector("#playback:not([data-periods='0'])", timeout=10_000)
    last = page.page.locator("#playback-ticks li").last
    assert last.inner_text().endswith("*") and "partial" in last.get_attribute("class")


def test_keyboard_reaches_search_legend_panel_and_playback(page, live):
    """Tab reaches the search box, legend entries and playback; every control has a name."""
    _drawn(page, live.url + "/network?street=S001")
    page.page.wait_for_selector("#playback:not([hidden])", timeout=10_000)
    reached = set()
    for _ in range(80):
        page.page.keyboard.press("Tab")
        reached.add(
            page.page.evaluate("document.activeElement.id || document.activeElement.className")
        )
    assert {"unit-search", "playback-play", "playback-slider", "export-png"} <= reached
    assert "legend-entry" in reached
    page.page.focus("#legend button[data-key=community]")
    page.page.keyboard.press("Enter")
    assert (
        page.page.locator("#legend button[data-key=community]").get_attribute("aria-pressed")
        == "false"
    )
    page.page.fill("#unit-search", "社区")
    page.page.keyboard.press("Enter")
    assert page.page.evaluate("document.activeElement.closest('#search-results') !== null")
    page.page.keyboard.press("Enter")
    page.page.wait_for_selector("#unit-panel[data-state=ready]")
    assert page.page.locator("#unit-panel-close").get_attribute("aria-label")
    unnamed = page.page.evaluate(
        """() => [...document.querySelectorAll(`#network-filters select, #network-filters input,
            #unit-search, #playback select, #playback input, #playback button, #legend button`)]
           .filter(e => e.type !== 'hidden' && !(e.labels && e.labels.length) &&
                   !e.getAttribute('aria-label') && !e.textContent.trim()).map(e => e.outerHTML)"""
    )
    assert unnamed == []


def test_the_english_pages_read_in_english(page, live, demo_store):
    """Screenshots in English: district, panel, focus and path."""
    _drawn(page, live.url + "/network?lang=en")
    assert "Showing 640 units" in page.page.locator("#network-summary").inner_text()
    page.screenshot("network-en")
    _drawn(page, f"{live.url}/network?street=S002&lang=en")
    first = page.page.evaluate("window.cobuildNetwork.view.order.find(n => !n.outside).id")
    page.page.evaluate("(id) => window.cobuildNetwork.actions.select(id)", first)
    page.page.wait_for_selector("#unit-panel[data-state=ready]")
    assert "Partners" in page.page.locator("#unit-panel").inner_text()
    page.screenshot("network-panel-en")
    _drawn(page, f"{live.url}/network?focus={first}&hops=1&lang=en")
    assert "Focus on this unit" in page.page.locator(".breadcrumb").inner_text()
    page.screenshot("network-focus-en")
    G = District.from_store(demo_store, Window(DEMO_END, 12)).collaboration_graph().to_networkx()
    distance = nx.single_source_shortest_path_length(G, first, cutoff=3)
    other = next(n for n in sorted(distance) if distance[n] == 3)
    _drawn(page, f"{live.url}/network?path={first},{other}&lang=en")
    page.page.wait_for_selector("#path-result[data-connected=yes]")
    assert "chains found" in page.page.locator("#path-summary").inner_text()
    page.screenshot("network-path-en")
    page.page.goto(live.url + "/network?lang=zh")


def test_a_street_planner_sees_other_streets_only_as_summed_nodes(anonymous_page, live, demo_store):
    """A planner of S001: S001's units, other streets as summed nodes, no other unit's id."""
    live.add_user("planner-s001", "street", ("S001",))
    page = anonymous_page.page
    page.goto(live.url + "/login")
    page.fill("#login-form input[name=name]", "planner-s001")
    page.fill("#login-form input[name=password]", PASSWORD)
    page.click("#login-form button[type=submit]")
    page.wait_for_url(lambda url: "/login" not in url)
    page.goto(live.url + "/network")
    page.wait_for_selector("#network[data-state=drawn]", timeout=20_000)
    data = page.evaluate("window.cobuildNetwork.data")
    inside = {u.id for u in demo_store.units() if u.street == "S001"}
    others = {u.id for u in demo_store.units()} - inside
    assert {n["id"] for n in data["nodes"] if not n.get("outside")} == inside
    assert any(n.get("outside") for n in data["nodes"])
    text = json.dumps(data)
    assert [u for u in others if f'"{u}"' in text] == []
    unit = max(inside, key=lambda u: sum(1 for e in data["edges"] if u in (e["from"], e["to"])))
    page.evaluate("(id) => window.cobuildNetwork.actions.select(id)", unit)
    page.wait_for_selector("#unit-panel[data-state=ready]")
    anonymous_page.screenshot("network-street-planner")


def test_the_network_stays_put_when_the_playback_bar_arrives(page, live):
    """The playback bar loads after the drawing; its room is kept, so nothing moves under the pointer."""

    def late(route):
        time.sleep(1.0)  # the playback answer arrives well after the network is drawn
        route.continue_()

    page.page.route("**/network/playback.json*", late)
    _drawn(page, live.url + "/network")
    top = "document.getElementById('network').getBoundingClientRect().top"
    assert page.page.evaluate("document.getElementById('playback').hidden")
    before = page.page.evaluate(top)
    page.page.wait_for_selector("#playback:not([hidden])", timeout=10_000)
    assert page.page.evaluate(top) == before
