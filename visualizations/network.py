"""The network view's data: vis-network nodes, edges, options, legend and captions.

pyvis builds the network: the nodes, edges and options made here go through its
``Network`` (:mod:`visualizations.drawing`); its page is not used.
Nodes carry whitelisted display fields only — never phone or ID numbers — and
no ``label``: the page draws the names itself, only as many as fit without
overlapping. Tooltips are plain strings, which vis-network shows as text.

Ties that leave the view (a street or zone filter, a street planner's
territory) are drawn as one node per other street or zone, weighted by the
joint activities, named with the number of units behind it and no unit's id.

>>> G = nx.Graph()
>>> G.add_node("U1", name="桂花社区", kind="community", street="S1")
>>> G.add_node("U2", name="区统计局", kind="government", street="S1")
>>> G.add_edge("U1", "U2", weight=3)
>>> view = unit_network(G, {"U1": (0, 0), "U2": (10, 0)})
>>> [n["name"] for n in view.nodes], view.edges[0]["value"], view.captions[0]["text"]
(['桂花社区', '区统计局'], 3, 'S1')
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field

import networkx as nx

from graphmodel.records import KIND_EN, UnitKind
from translations import text, words

from .drawing import network_data
from .encoding import Colouring, by_kind, sizes

ISOLATED_COLOUR = "#9e9e9e"
OUTSIDE_COLOUR = "#90a4ae"
STREET_COLOUR = "#b71c1c"


@dataclass
class NetworkView:
    """What the page draws: vis-network nodes and edges, options, legend, captions."""

    nodes: list[dict]
    edges: list[dict]
    options: dict
    legend: list[dict] = field(default_factory=list)
    aggregated: bool = False
    captions: list[dict] = field(default_factory=list)
    meta: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "nodes": self.nodes,
            "edges": self.edges,
            "options": self.options,
            "legend": self.legend,
            "aggregated": self.aggregated,
            "captions": self.captions,
            "meta": self.meta,
        }


@dataclass(frozen=True)
class OutsideGroup:
    """Units of one other street (or zone) tied to units in view: how many, and the joint
    activities each unit in view has with them."""

    key: str
    name: str
    units: int
    ties: Mapping[Hashable, float]
    position: tuple[float, float] = (0.0, 0.0)


def _tooltip(attrs: Mapping, street: str, partners: int, joint: float, language: str) -> str:
    kind = attrs.get("kind")
    kinds = KIND_EN if language == "en" else _KIND_ZH
    lines = [
        str(attrs.get("name", "")),
        f"{text('类型', language)}: {kinds.get(kind, kind)}",
        f"{text('街道', language)}: {street}",
        f"{text('合作伙伴', language)}: {partners}",
        f"{text('共同活动', language)}: {joint:g}",
    ]
    if partners == 0:
        lines.append(text("孤立单位（无合作伙伴）", language))
    return "\n".join(lines)


_KIND_ZH = {k.value: k.zh for k in UnitKind}


def unit_network(
    G: nx.Graph,
    positions: Mapping[Hashable, tuple[float, float]],
    *,
    colouring: Colouring | None = None,
    measure: Mapping[Hashable, float] | None = None,
    totals: Mapping[Hashable, tuple[int, float]] | None = None,
    street_names: Mapping[str, str] | None = None,
    outside: Iterable[OutsideGroup] = (),
    link: Callable[[Hashable], str] | None = None,
    suggested: Iterable[tuple[Hashable, Hashable]] = (),
    captions: bool = True,
    language: str = "zh",
) -> NetworkView:
    """vis-network data for a unit graph: one node per unit, one edge per tie.

    ``measure`` sizes the nodes (default: joint activities in view); ``totals``
    gives each unit's partners and joint activities in the whole district for
    its tooltip; ``outside`` adds one node per other street or zone; units with
    no tie are grey-ringed; ``suggested`` pairs are dashed ties.
    """
    street_names = street_names or {}
    colouring = colouring or by_kind(dict(G.nodes(data=True)), language)
    if measure is None:
        measure = dict(G.degree(weight="weight"))
    if totals is None:
        totals = {n: (G.degree(n), G.degree(n, weight="weight")) for n in G}
    size = sizes({n: measure.get(n, 0) for n in G})
    nodes = []
    for node, attrs in G.nodes(data=True):
        x, y = positions.get(node, (0.0, 0.0))
        street = street_names.get(attrs.get("street"), attrs.get("street") or "")
        partners, joint = totals.get(node, (0, 0.0))
        item = {
            "id": str(node),
            "name": str(attrs.get("name", node)),
            "title": _tooltip({"name": node, **attrs}, street, partners, joint, language),
            "color": colouring.colour(node),
            "size": size[node],
            "x": round(x, 1),
            "y": round(y, 1),
            "kind": attrs.get("kind"),
            "street": attrs.get("street"),
            "zones": [z for z in attrs.get("zones") or () if z != attrs.get("street")],
            "cat": colouring.key.get(node, ""),
            "measure": round(float(measure.get(node, 0) or 0), 4),
            "isolated": partners == 0,
        }
        if partners == 0:
            item["shapeProperties"] = {"borderDashes": [3, 3]}
            item["color"] = {"background": item["color"], "border": ISOLATED_COLOUR}
            item["borderWidth"] = 2
        if link is not None:
            item["url"] = link(node)
        nodes.append(item)
    titles: dict[float, str] = {}  # a few distinct weights: format each once
    unit = text("次共同活动", language)
    edges = [
        {
            "id": f"e{i}",
            "from": str(u),
            "to": str(v),
            "value": w,
            "title": titles.get(w) or titles.setdefault(w, f"{w:g} {unit}"),
        }
        for i, (u, v, w) in enumerate(G.edges(data="weight", default=1))
    ]
    legend = list(colouring.legend)
    out_nodes, out_edges = _outside(list(outside), G, language)
    if out_nodes:
        label = text("其他街道或协作区（汇总）", language)
        legend.append(
            {"key": "outside", "label": label, "colour": OUTSIDE_COLOUR, "count": len(out_nodes)}
        )
    for u, v in suggested:
        out_edges.append(
            {
                "id": f"s-{u}-{v}",
                "from": str(u),
                "to": str(v),
                "dashes": True,
                "color": {"color": "#ff6f00"},
                "title": text("建议结对", language),
                "suggested": True,
            }
        )
    drawn_nodes, drawn_edges, options = network_data(nodes + out_nodes, edges + out_edges)
    view = NetworkView(drawn_nodes, drawn_edges, options, legend)
    if captions:
        view.captions = group_captions(G, positions, street_names)
    return view


def _outside(
    groups: list[OutsideGroup], G: nx.Graph, language: str
) -> tuple[list[dict], list[dict]]:
    """One node per other street or zone, and one tie from each unit in view tied to it."""
    nodes, edges = [], []
    top = max((sum(g.ties.values()) for g in groups), default=0)
    for group in groups:
        node_id = f"out:{group.key}"
        total = sum(group.ties.values())
        units = words("{units} 个单位", units=group.units).render(language)
        x, y = group.position
        nodes.append(
            {
                "id": node_id,
                "name": f"{group.name} · {units}",
                "title": f"{group.name} · {units}\n" + f"{text('共同活动', language)}: {total:g}",
                "color": OUTSIDE_COLOUR,
                "shape": "diamond",
                "size": sizes({"g": total, "top": top}, smallest=8, largest=22)["g"],
                "x": round(x, 1),
                "y": round(y, 1),
                "cat": "outside",
                "outside": True,
                "measure": total,
            }
        )
        for unit, w in group.ties.items():
            if unit in G:
                edges.append(
                    {
                        "id": f"o-{unit}-{group.key}",
                        "from": str(unit),
                        "to": node_id,
                        "value": w,
                        "dashes": [4, 4],
                        "title": f"{w:g} {text('次共同活动', language)}",
                        "outside": True,
                    }
                )
    return nodes, edges


def group_captions(
    G: nx.Graph,
    positions: Mapping[Hashable, tuple[float, float]],
    names: Mapping[str, str],
    attribute: str = "street",
) -> list[dict]:
    """A caption per group (street) of more than one unit: its name, centred above its units."""
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for node, group in G.nodes(data=attribute):
        if node in positions:
            points[group].append(positions[node])
    captions = []
    for group, where in sorted(points.items(), key=lambda item: str(item[0])):
        if len(where) < 2:
            continue
        xs, ys = [p[0] for p in where], [p[1] for p in where]
        captions.append(
            {
                "text": names.get(group, group or "—"),
                "x": round((min(xs) + max(xs)) / 2, 1),
                "y": round(min(ys) - 30, 1),
                "units": len(where),
            }
        )
    return captions


@dataclass
class StreetTally:
    """One street of the overview: its units, isolated units, joint activities inside it."""

    units: int = 0
    isolated: int = 0
    inside: float = 0.0


def street_network(
    tallies: Mapping[str, StreetTally],
    between: Mapping[tuple[str, str], float],
    street_names: Mapping[str, str],
    positions: Mapping[Hashable, tuple[float, float]],
    *,
    link: Callable[[Hashable], str] | None = None,
    language: str = "zh",
) -> NetworkView:
    """Streets as nodes (size: units), ties between streets summed: the overview of a
    large district, from which a click drills down into one street.

    >>> view = street_network({"S1": StreetTally(3, 1, 2.0)}, {}, {"S1": "城南街道"}, {})
    >>> view.nodes[0]["name"], view.aggregated
    ('城南街道 (3)', True)
    """
    size = sizes({s: t.units for s, t in tallies.items()}, smallest=10, largest=40)
    nodes = []
    for street, t in tallies.items():
        name = street_names.get(street, street or text("未填街道", language))
        x, y = positions.get(street, (0.0, 0.0))
        title = words(
            "{name}\n单位: {units}\n孤立单位: {isolated}\n街道内共同活动: {inside:g}",
            name=name,
            units=t.units,
            isolated=t.isolated,
            inside=t.inside,
        ).render(language)
        nodes.append(
            {
                "id": str(street),
                "name": f"{name} ({t.units})",
                "title": title,
                "color": STREET_COLOUR,
                "size": size[street],
                "x": round(x, 1),
                "y": round(y, 1),
                "street": street,
                "cat": "street",
                "measure": t.units,
                **({"url": link(street)} if link else {}),
            }
        )
    edges = [
        {
            "id": f"e{i}",
            "from": str(a),
            "to": str(b),
            "value": w,
            "title": f"{w:g} {text('次跨街道共同活动', language)}",
        }
        for i, ((a, b), w) in enumerate(between.items())
    ]
    legend = [
        {
            "key": "street",
            "label": text("街道（括号内为单位数）", language),
            "colour": STREET_COLOUR,
            "count": len(nodes),
        }
    ]
    drawn_nodes, drawn_edges, options = network_data(nodes, edges)
    return NetworkView(drawn_nodes, drawn_edges, options, legend, aggregated=True)
