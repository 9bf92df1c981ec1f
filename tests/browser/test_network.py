"""The network view in Chromium: drawn from the server's positions, filterable, clickable."""

from __future__ import annotations


def _drawn(page, url: str) -> int:
    page.page.goto(url)
    page.page.wait_for_selector("#network[data-state=drawn]", timeout=20_000)
    return page.page.evaluate("window.cobuildNetwork.nodes.length")


def test_network_shows_every_unit_of_the_district(page, live, demo_store):
    """All demo units are nodes, isolated ones included."""
    assert _drawn(page, live.url + "/network") == len(demo_store.units())
    page.screenshot("network")


def test_a_street_filter_narrows_the_network(page, live, demo_store):
    """Filtering by one street shows only that street's units."""
    street = demo_store.units()[0].street
    expected = sum(1 for u in demo_store.units() if u.street == street)
    assert _drawn(page, f"{live.url}/network?street={street}") == expected
    page.screenshot("network-street")


def test_clicking_a_node_opens_its_unit_page(page, live, demo_store):
    """A click on a node navigates to the unit page."""
    street = demo_store.units()[0].street
    _drawn(page, f"{live.url}/network?street={street}")
    first = page.page.evaluate("window.cobuildNetwork.nodes.get()[0]")
    position = page.page.evaluate(
        "(id) => window.cobuildNetwork.network.canvasToDOM("
        "window.cobuildNetwork.network.getPositions([id])[id])",
        first["id"],
    )
    # Nodes may overlap: the one vis-network finds under the pointer is the one clicked.
    expected = page.page.evaluate("(p) => window.cobuildNetwork.network.getNodeAt(p)", position)
    box = page.page.locator("#network").bounding_box()
    with page.page.expect_navigation():
        page.page.mouse.click(box["x"] + position["x"], box["y"] + position["y"])
    assert page.page.url.endswith(f"/units/{expected}")
    page.screenshot("unit")
