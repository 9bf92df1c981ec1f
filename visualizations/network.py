"""The network view's data: vis-network nodes, edges, options and a legend.

pyvis builds the network (its ``Network`` holds nodes, edges and options),
but its page is not used: pyvis' template loads CDNs and does not escape text.
Nodes and edges are built here directly from whitelisted display fields —
never phone or ID numbers — and the project's own template and static JS
draw them with the vendored vis-network. Tooltips are plain strings, which
vis-network shows as text.

>>> G = nx.Graph()
>>> G.add_node("U1", name="桂花社区", kind="community", street="S1")
>>> G.add_node("U2", name="区统计局", kind="government", street="S1")
>>> G.add_edge("U1", "U2", weight=3)
>>> view = unit_network(G, {"U1": (0, 0), "U2": (10, 0)})
>>> [n["label"] for n in view.nodes], view.edges[0]["value"]
(['桂花社区', '区统计局'], 3)
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field

import networkx as nx
from pyvis.network import Network

from graphmodel.records import KIND_EN, UnitKind

KIND_COLOURS = {
    "government": "#c62828",
    "enterprise": "#1565c0",
    "institution": "#6a1b9a",
    "community": "#2e7d32",
    "social_org": "#ef6c00",
    "school": "#00838f",
    "hospital": "#ad1457",
    "military": "#4e342e",
    "other": "#757575",
}
#: Colours for detected communities and activity levels (cycled).
PALETTE = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
    "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#637939", "#8c6d31", "#843c39",
)  # fmt: skip
LEVEL_COLOURS = ("#bdbdbd", "#ffcc80", "#ff9800", "#e65100")
ISOLATED_COLOUR = "#9e9e9e"


@dataclass
class NetworkView:
    """What the page draws: vis-network nodes and edges, options, legend, counts."""

    nodes: list[dict]
    edges: list[dict]
    options: dict
    legend: list[dict] = field(default_factory=list)
    aggregated: bool = False

    def as_dict(self) -> dict:
        return {
            "nodes": self.nodes,
            "edges": self.edges,
            "options": self.options,
            "legend": self.legend,
            "aggregated": self.aggregated,
        }


def _options() -> dict:
    """vis-network options through pyvis: positions fixed on the server, physics off."""
    net = Network(directed=False)
    net.toggle_physics(False)
    options = json.loads(net.get_network_data()[5])
    options["edges"]["smooth"] = False  # straight lines draw fast for thousands of ties
    options["edges"]["color"] = {"color": "rgba(120,120,120,0.35)", "highlight": "#b71c1c"}
    options["edges"]["scaling"] = {"min": 1, "max": 8}
    options["interaction"].update({"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": True})
    options["nodes"] = {"shape": "dot", "font": {"size": 12}, "borderWidth": 1}
    return options


def _size(weighted_degree: float, top: float) -> float:
    return 6 + 22 * (weighted_degree / top) ** 0.5 if top else 6


def colour_rule(
    colour_by: str,
    G: nx.Graph,
    *,
    communities: Mapping[Hashable, int] | None = None,
    levels: Mapping[Hashable, int] | None = None,
    language: str = "zh",
) -> tuple[Callable[[Hashable, dict], str], list[dict]]:
    """The colour of each node and the legend, for colouring by kind, community or activity."""
    if colour_by == "community" and communities is not None:
        sizes = Counter(communities.values())
        legend = [
            {"label": f"{'社群' if language == 'zh' else 'Community'} {c + 1} ({n})",
             "colour": PALETTE[c % len(PALETTE)]}
            for c, n in sorted(sizes.items())
        ]  # fmt: skip
        return (lambda node, _: PALETTE[communities.get(node, 0) % len(PALETTE)]), legend
    if colour_by == "activity" and levels is not None:
        names = (
            ("无活动", "低", "中", "高") if language == "zh" else ("none", "low", "middle", "high")
        )
        legend = [{"label": n, "colour": c} for n, c in zip(names, LEVEL_COLOURS, strict=True)]
        return (lambda node, _: LEVEL_COLOURS[levels.get(node, 0)]), legend
    kinds = Counter(kind for _, kind in G.nodes(data="kind"))
    legend = [
        {"label": k.zh if language == "zh" else KIND_EN[k.value], "colour": KIND_COLOURS[k.value]}
        for k in UnitKind
        if kinds[k.value]
    ]
    return (lambda _, attrs: KIND_COLOURS.get(attrs.get("kind"), "#757575")), legend


def unit_network(
    G: nx.Graph,
    positions: Mapping[Hashable, tuple[float, float]],
    *,
    colour: Callable[[Hashable, dict], str] | None = None,
    legend: list[dict] | None = None,
    street_names: Mapping[str, str] | None = None,
    link: Callable[[Hashable], str] | None = None,
    suggested: Iterable[tuple[Hashable, Hashable]] = (),
    language: str = "zh",
) -> NetworkView:
    """vis-network data for a unit graph: one node per unit, one edge per tie.

    Node size follows weighted degree; units with no tie are kept, grey-ringed
    and marked "isolated" in their tooltip; ``suggested`` pairs are drawn as
    dashed ties. Only display fields leave the server.
    """
    zh = language == "zh"
    street_names = street_names or {}
    colour = colour or colour_rule("kind", G, language=language)[0]
    strength = dict(G.degree(weight="weight"))
    top = max(strength.values(), default=0)
    kind_label = {k.value: (k.zh if zh else KIND_EN[k.value]) for k in UnitKind}
    nodes = []
    for node, attrs in G.nodes(data=True):
        degree = G.degree(node)
        x, y = positions.get(node, (0.0, 0.0))
        street = street_names.get(attrs.get("street"), attrs.get("street") or "")
        lines = [
            str(attrs.get("name", node)),
            f"{'类型' if zh else 'Kind'}: {kind_label.get(attrs.get('kind'), attrs.get('kind'))}",
            f"{'街道' if zh else 'Street'}: {street}",
            f"{'合作伙伴' if zh else 'Partners'}: {degree}",
            f"{'共同活动' if zh else 'Joint activities'}: {strength[node]:g}",
        ]
        if degree == 0:
            lines.append("孤立单位" if zh else "Isolated unit")
        item = {
            "id": str(node),
            "label": str(attrs.get("name", node)),
            "title": "\n".join(lines),
            "color": colour(node, attrs),
            "size": round(_size(strength[node], top), 1),
            "x": round(x, 1),
            "y": round(y, 1),
            "kind": attrs.get("kind"),
            "street": attrs.get("street"),
            "isolated": degree == 0,
        }
        if degree == 0:
            item["shapeProperties"] = {"borderDashes": [3, 3]}
            item["color"] = {"background": item["color"], "border": ISOLATED_COLOUR}
            item["borderWidth"] = 2
        if link is not None:
            item["url"] = link(node)
        nodes.append(item)
    edges = [
        {
            "from": str(u),
            "to": str(v),
            "value": w,
            "title": f"{w:g} {'次共同活动' if zh else 'joint activities'}",
        }
        for u, v, w in G.edges(data="weight", default=1)
    ]
    for u, v in suggested:
        edges.append(
            {
                "from": str(u),
                "to": str(v),
                "dashes": True,
                "color": {"color": "#ff6f00"},
                "title": "建议结对" if zh else "suggested partnership",
                "suggested": True,
            }
        )
    return NetworkView(nodes, edges, _options(), legend or [])


def street_network(
    G: nx.Graph,
    street_names: Mapping[str, str],
    positions: Mapping[Hashable, tuple[float, float]],
    *,
    link: Callable[[Hashable], str] | None = None,
    language: str = "zh",
) -> NetworkView:
    """Streets as nodes (size: units), ties between streets summed: the overview of a
    large district, from which a click drills down into one street."""
    zh = language == "zh"
    units: Counter = Counter()
    isolated: Counter = Counter()
    for node, street in G.nodes(data="street"):
        units[street] += 1
        isolated[street] += G.degree(node) == 0
    between: Counter = Counter()
    inside: Counter = Counter()
    for u, v, w in G.edges(data="weight", default=1):
        a, b = G.nodes[u].get("street"), G.nodes[v].get("street")
        if a == b:
            inside[a] += w
        else:
            between[tuple(sorted((a, b), key=str))] += w
    top = max(units.values(), default=1)
    nodes = []
    for street, n in units.items():
        name = street_names.get(street, street or ("未填街道" if zh else "no street"))
        x, y = positions.get(street, (0.0, 0.0))
        title = (
            f"{name}\n单位: {n}\n孤立单位: {isolated[street]}\n街道内共同活动: {inside[street]:g}"
            if zh
            else f"{name}\nUnits: {n}\nIsolated: {isolated[street]}\nJoint activities inside: "
            f"{inside[street]:g}"
        )
        nodes.append(
            {
                "id": str(street),
                "label": f"{name} ({n})",
                "title": title,
                "color": "#b71c1c",
                "size": round(10 + 30 * (n / top) ** 0.5, 1),
                "x": round(x, 1),
                "y": round(y, 1),
                "street": street,
                **({"url": link(street)} if link else {}),
            }
        )
    edges = [
        {
            "from": str(a),
            "to": str(b),
            "value": w,
            "title": f"{w:g} {'次跨街道共同活动' if zh else 'joint activities across'}",
        }
        for (a, b), w in between.items()
    ]
    legend = [{"label": "街道（括号内为单位数）" if zh else "street (units)", "colour": "#b71c1c"}]
    return NetworkView(nodes, edges, _options(), legend, aggregated=True)
