"""The network view in Chromium: select in place, highlight, focus, path, legend, search."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from graphmodel.district import District
from graphmodel.window import Window

from .conftest import DEMO_END


def _drawn(page, url: str) -> int:
    page.page.goto(url)
    page.page.wait_for_selector("#network[data-state=drawn]", timeout=20_000)
    return page.page.evaluate("window.cobuildNetwork.nodes.length")


@pytest.fixture(scope="module")
def demo_graph(demo_store):
    """The demo district's unit graph for the default window (the test's own computation)."""
    district = District.from_store(demo_store, Window(DEMO_END, 12))
    return district.collaboration_graph().to_networkx()


def _shown_ids(page) -> set[str]:
    return set(page.page.evaluate("window.cobuildNetwork.view.nodeView.getIds()"))


def _click_node(page, node_id: str) -> None:
    """A real mouse click at the node's centre on screen."""
    point = page.page.evaluate(
        "(id) => { const n = window.cobuildNetwork.view.byId[id];"
        " return window.cobuildNetwork.network.canvasToDOM({x: n.x, y: n.y}); }",
        node_id,
    )
    box = page.page.locator("#network").bounding_box()
    page.page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])


def test_network_shows_every_unit_of_the_district(page, live, demo_store):
    """All demo units are nodes, isolated ones included; the counts are stated in words."""
    assert _drawn(page, live.url + "/network") == len(demo_store.units())
    summary = page.page.locator("#network-summary").inner_text()
    assert f"{len(demo_store.units())} 个单位" in summary
    page.screenshot("network")


def test_a_street_filter_keeps_ties_to_other_streets_as_one_node_each(page, live, demo_store):
    """street=S001: its units, plus one summed node per other street it has ties with."""
    street = demo_store.units()[0].street
    expected = sum(1 for u in demo_store.units() if u.street == street)
    _drawn(page, f"{live.url}/network?street={street}")
    nodes = page.page.evaluate("window.cobuildNetwork.nodes.get()")
    assert sum(1 for n in nodes if not n.get("outside")) == expected
    outside = [n for n in nodes if n.get("outside")]
    assert outside and all(" 个单位" in n["name"] and "·" in n["name"] for n in outside)
    assert all(n["id"].startswith("out:") for n in outside)
    page.screenshot("network-street")


def test_a_click_opens_the_side_panel_without_leaving_the_page(page, live, demo_graph):
    """Clicking a unit shows its panel in place; Esc and a background click close it."""
    url = f"{live.url}/network?street=S002"
    _drawn(page, url)
    unit = max(
        (n for n in demo_graph if demo_graph.nodes[n]["street"] == "S002"), key=demo_graph.degree
    )
    _click_node(page, unit)
    page.page.wait_for_selector("#unit-panel[data-state=ready]", timeout=10_000)
    assert page.page.url == url
    panel = page.page.locator("#unit-panel")
    assert panel.get_attribute("data-unit") == unit
    assert demo_graph.nodes[unit]["name"] in page.page.locator("#unit-panel-title").inner_text()
    text = panel.inner_text()
    assert "合作伙伴" in text and "建议结对" in text and "健康状况" in text and "本时间窗口" in text
    assert page.page.locator("#unit-panel .partners li").count() == min(demo_graph.degree(unit), 12)
    assert page.page.locator("#panel-unit-link").get_attribute("href").startswith(f"/units/{unit}")
    page.screenshot("network-panel")
    page.page.keyboard.press("Escape")
    assert panel.is_hidden()
    _click_node(page, unit)
    page.page.wait_for_selector("#unit-panel[data-state=ready]")
    box = page.page.locator("#network").bounding_box()
    page.page.mouse.click(box["x"] + 5, box["y"] + 5)  # a corner: background
    assert panel.is_hidden()


def test_a_click_in_a_dense_street_picks_the_node_under_the_pointer(page, live, demo_store):
    """In the street with most units, a click at a node's centre selects that node."""
    street = Counter(u.street for u in demo_store.units()).most_common(1)[0][0]
    _drawn(page, f"{live.url}/network?street={street}")
    candidates = page.page.evaluate(
        """() => { const v = window.cobuildNetwork.view, ns = v.data.nodes.filter(n => !n.outside);
        return ns.filter(n => ns.every(m => m === n || Math.hypot(m.x - n.x, m.y - n.y) > 3))
                 .filter(n => ns.some(m => m !== n && Math.hypot(m.x - n.x, m.y - n.y) < n.size + m.size))
                 .map(n => n.id).slice(0, 15); }"""
    )
    assert len(candidates) >= 5, "the street should have overlapping nodes"
    wrong = []
    for node in candidates:
        _click_node(page, node)
        selected = page.page.locator("#network").get_attribute("data-selected")
        if selected != node:
            wrong.append((node, selected))
        page.page.keyboard.press("Escape")
    assert wrong == []


def test_hover_highlights_the_partners_and_dims_the_rest(page, live, demo_graph):
    """Hovering a unit paints its ties over a dimmed network."""
    _drawn(page, f"{live.url}/network?street=S003")
    unit = max(
        (n for n in demo_graph if demo_graph.nodes[n]["street"] == "S003"), key=demo_graph.degree
    )
    point = page.page.evaluate(
        "(id) => { const n = window.cobuildNetwork.view.byId[id];"
        " return window.cobuildNetwork.network.canvasToDOM({x: n.x, y: n.y}); }",
        unit,
    )
    box = page.page.locator("#network").bounding_box()
    page.page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
    page.page.wait_for_selector(f"#network[data-highlight='{unit}']", timeout=5_000)
    page.page.mouse.move(box["x"] + 3, box["y"] + 3)
    page.page.wait_for_selector("#network[data-highlight='']", timeout=5_000)


def test_focus_with_one_hop_shows_the_unit_and_exactly_its_partners(page, live, demo_graph):
    """/network?focus=U&hops=1: the unit and its partners, nothing else; a breadcrumb leads back."""
    unit = max(demo_graph, key=demo_graph.degree)
    _drawn(page, f"{live.url}/network?focus={unit}&hops=1")
    assert _shown_ids(page) == {unit, *demo_graph[unit]}
    page.page.wait_for_selector("#unit-panel[data-state=ready]", timeout=10_000)
    page.screenshot("network-focus")
    with page.page.expect_navigation():
        page.page.click("#breadcrumb-back")
    assert page.page.url == f"{live.url}/network"


def test_focus_with_two_hops_adds_the_partners_of_partners(page, live, demo_graph):
    """hops=2: every unit within two ties."""
    import networkx as nx

    unit = min((n for n in demo_graph if demo_graph.degree(n) == 2), default=None)
    expected = set(nx.single_source_shortest_path_length(demo_graph, unit, cutoff=2))
    _drawn(page, f"{live.url}/network?focus={unit}&hops=2")
    assert _shown_ids(page) == expected


def test_a_path_lists_its_intermediaries(page, live, demo_graph):
    """/network?path=A,B for units two ties apart: chains through common partners, listed."""
    import networkx as nx

    a = max(demo_graph, key=demo_graph.degree)
    b = next(
        n
        for n, d in sorted(nx.single_source_shortest_path_length(demo_graph, a, cutoff=2).items())
        if d == 2
    )
    _drawn(page, f"{live.url}/network?path={a},{b}")
    page.page.wait_for_selector("#path-result[data-connected=yes]")
    chains = page.page.locator("#path-chains li")
    assert chains.count() >= 1
    via = chains.first.get_attribute("data-via").split(",")
    assert len(via) == 1 and via[0] in set(demo_graph[a]) & set(demo_graph[b])
    assert " → " in chains.first.inner_text()
    assert demo_graph.nodes[via[0]]["name"] in chains.first.inner_text()
    page.screenshot("network-path")


def test_a_path_to_an_isolated_unit_says_not_connected(page, live, demo_graph):
    """No chain of ties: the page says so."""
    a = max(demo_graph, key=demo_graph.degree)
    alone = next(n for n in sorted(demo_graph) if demo_graph.degree(n) == 0)
    _drawn(page, f"{live.url}/network?path={a},{alone}")
    page.page.wait_for_selector("#path-result[data-connected=no]")
    assert "没有合作链" in page.page.locator("#path-summary").inner_text()


def test_a_legend_click_hides_a_kind_and_the_counts_follow(page, live, demo_store):
    """Clicking 社区 in the legend hides the communities at once; clicking again shows them."""
    total = _drawn(page, live.url + "/network")
    communities = sum(1 for u in demo_store.units() if u.kind == "community")
    entry = page.page.locator("#legend button[data-key=community]")
    entry.click()
    assert entry.get_attribute("aria-pressed") == "false"
    visible = int(page.page.locator("#network").get_attribute("data-visible-nodes"))
    assert visible == total - communities
    assert page.page.locator("#node-count").inner_text() == str(total - communities)
    entry.click()
    assert int(page.page.locator("#network").get_attribute("data-visible-nodes")) == total


def test_search_lists_results_and_choosing_one_selects_it(page, live, demo_store):
    """A search for 社区 lists every match; choosing one selects it and opens its panel."""
    _drawn(page, live.url + "/network")
    page.page.fill("#unit-search", "社区")
    page.page.press("#unit-search", "Enter")
    matches = [u for u in demo_store.units() if "社区" in u.name]
    assert f"{len(matches)}" in page.page.locator("#search-status").inner_text()
    results = page.page.locator("#search-results button")
    assert results.count() == min(len(matches), 50)
    chosen = results.nth(2).get_attribute("data-unit")
    results.nth(2).click()
    page.page.wait_for_selector("#unit-panel[data-state=ready]")
    assert page.page.locator("#network").get_attribute("data-selected") == chosen
    assert page.page.evaluate("window.cobuildNetwork.network.getScale()") >= 1.4


INITIALS = (
    Path(__file__).resolve().parents[2] / "service" / "static" / "data" / "pinyin-initials.txt"
)


def _spelled(name: str, table: dict[str, str], query: str) -> bool:
    """Whether some run of ``name``'s characters can be spelled with the letters of ``query``
    (the test's own reading of the table: a character may have several initials)."""
    letters = [table.get(c) or c.lower() for c in name if c in table or c.isascii() and c.isalnum()]
    return any(
        all(query[i] in letters[start + i] for i in range(len(query)))
        for start in range(len(letters) - len(query) + 1)
    )


def test_search_by_pinyin_initials_lists_the_units_so_spelled(page, live, demo_store):
    """Typing a unit's pinyin initials (桂花社区 → ghsq) lists it and every unit spelled so."""
    table: dict[str, str] = {}
    for line in INITIALS.read_text(encoding="utf-8").splitlines():
        for char in line[2:]:
            table[char] = table.get(char, "") + line[0]
    unit = next(
        u for u in demo_store.units() if len(u.name) >= 4 and all(c in table for c in u.name)
    )
    query = "".join(table[c][0] for c in unit.name[:4])
    expected = {
        u.id for u in demo_store.units() if query in u.name or _spelled(u.name, table, query)
    }
    _drawn(page, live.url + "/network")
    page.page.fill("#unit-search", query.upper())
    page.page.press("#unit-search", "Enter")
    page.page.wait_for_selector("#search-results:not([hidden])")
    assert f"{len(expected)}" in page.page.locator("#search-status").inner_text()
    listed = page.page.locator("#search-results button")
    shown = {listed.nth(i).get_attribute("data-unit") for i in range(listed.count())}
    assert unit.id in shown and shown <= expected and len(shown) == min(len(expected), 50)


@pytest.mark.parametrize(
    ("size", "colour", "keys"),
    [
        ("betweenness", "health", {"red", "amber", "green", "none"}),
        ("partners", "street", None),
        ("health", "community", None),
        ("activities", "activity", {"l0", "l1", "l2", "l3"}),
    ],
)
def test_size_and_colour_follow_the_url(page, live, size, colour, keys):
    """size=… and colour=… change the sizes and the legend."""
    _drawn(page, f"{live.url}/network?size={size}&colour={colour}")
    legend = page.page.evaluate("window.cobuildNetwork.data.legend.map(i => i.key)")
    meta = page.page.evaluate("window.cobuildNetwork.data.meta")
    assert meta["size"] == size and meta["colour"] == colour
    if keys:
        assert set(legend) <= keys and len(legend) >= 2
    else:
        assert len(legend) >= 3
    sizes = page.page.evaluate("new Set(window.cobuildNetwork.data.nodes.map(n => n.size)).size")
    assert sizes > 3


def test_names_do_not_overlap_at_the_default_zoom(page, live):
    """The district view names its most important units and captions every street, without overlaps."""
    _drawn(page, live.url + "/network")
    boxes = page.page.evaluate("window.cobuildNetwork.view.labelBoxes")
    captions = page.page.evaluate("window.cobuildNetwork.data.captions.map(c => c.text)")
    assert len(boxes) >= 5 and len(captions) == 12

    def meet(a, b):
        return (
            a["x"] < b["x"] + b["w"]
            and b["x"] < a["x"] + a["w"]
            and a["y"] < b["y"] + b["h"]
            and b["y"] < a["y"] + a["h"]
        )

    assert [
        (a["id"], b["id"]) for i, a in enumerate(boxes) for b in boxes[i + 1 :] if meet(a, b)
    ] == []
    assert all(b["h"] >= 11 for b in boxes), "names are drawn at a legible size"
    page.page.evaluate("window.cobuildNetwork.network.moveTo({scale: 3})")
    page.page.evaluate("window.cobuildNetwork.network.redraw()")
    assert len(page.page.evaluate("window.cobuildNetwork.view.labelBoxes")) > len(boxes)
