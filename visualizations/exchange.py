"""Network views for other tools: GEXF (Gephi, Gephi Lite) and GraphML.

:func:`view_graph` turns the view the page draws into a NetworkX graph that
looks like it in Gephi: each node keeps only whitelisted fields (name, kind,
street and zone names, the chosen measure, whether it sums units outside the
scope) plus its position, colour and size; each tie its joint activities. The
window, the measure and the colouring are graph attributes. :func:`to_gexf`
writes positions, colours and sizes as GEXF ``viz`` elements, :func:`to_graphml`
as ``x``, ``y``, ``r``, ``g``, ``b`` and ``size`` keys (as Gephi writes them).

>>> view = {"nodes": [{"id": "U1", "name": "桂花社区", "kind": "community", "street": "S1",
...          "x": 1.0, "y": 2.0, "size": 9.0, "color": "#2e7d32", "measure": 3.0, "phone": "138"}],
...         "edges": [], "meta": {"size": "activities"}}
>>> H = view_graph(view, {"S1": "城南街道"}, {"window_end": "2026-06-30"})
>>> H.nodes["U1"]["street_name"], H.nodes["U1"]["viz"]["color"], "phone" in H.nodes["U1"]
('城南街道', {'r': 46, 'g': 125, 'b': 50, 'a': 1.0}, False)
"""

from __future__ import annotations

import io
from collections.abc import Mapping

import networkx as nx


def _rgb(colour) -> tuple[int, int, int]:
    if isinstance(colour, dict):
        colour = colour.get("background", "#757575")
    text = str(colour or "#757575").lstrip("#")
    if len(text) != 6:
        return (117, 117, 117)
    return tuple(int(text[i : i + 2], 16) for i in (0, 2, 4))  # type: ignore[return-value]


def view_graph(
    view: Mapping, zone_names: Mapping[str, str], graph_attrs: Mapping[str, str]
) -> nx.Graph:
    """The drawn view (``NetworkView.as_dict()``) as a graph for Gephi (see the module)."""
    H = nx.Graph(**{k: str(v) for k, v in graph_attrs.items()})
    for node in view["nodes"]:
        r, g, b = _rgb(node.get("color"))
        street = node.get("street") or ""
        H.add_node(
            str(node["id"]),
            label=str(node.get("name", node["id"])),
            name=str(node.get("name", node["id"])),
            kind=str(node.get("kind") or ("outside" if node.get("outside") else "")),
            street=str(street),
            street_name=str(zone_names.get(street, street)),
            zones="; ".join(zone_names.get(z, z) for z in node.get("zones", ())),
            measure=float(node.get("measure", 0) or 0),
            category=str(node.get("cat", "")),
            viz={
                "position": {"x": float(node.get("x", 0)), "y": -float(node.get("y", 0)), "z": 0.0},
                "color": {"r": r, "g": g, "b": b, "a": 1.0},
                "size": float(node.get("size", 6)),
            },
        )
    for edge in view["edges"]:
        if edge.get("suggested"):
            continue
        H.add_edge(str(edge["from"]), str(edge["to"]), weight=float(edge.get("value", 1)))
    return H


def to_gexf(H: nx.Graph) -> bytes:
    """``H`` (from :func:`view_graph`) as a GEXF 1.2 document, with the graph's attributes
    (window, measure) in its description."""
    out = io.BytesIO()
    nx.write_gexf(H, out, encoding="utf-8")
    text = out.getvalue().decode("utf-8")
    about = "; ".join(f"{k}={v}" for k, v in sorted(H.graph.items()))
    escaped = about.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace("<meta ", "<meta ", 1).replace(
        "</creator>", f"</creator>\n    <description>{escaped}</description>", 1
    )
    return text.encode("utf-8")


def to_graphml(H: nx.Graph) -> bytes:
    """``H`` as GraphML: ``viz`` flattened into x, y, r, g, b and size keys."""
    G = nx.Graph(**H.graph)
    for node, data in H.nodes(data=True):
        viz = data.get("viz", {})
        flat = {k: v for k, v in data.items() if k != "viz"}
        position, colour = viz.get("position", {}), viz.get("color", {})
        flat.update(
            x=position.get("x", 0.0), y=position.get("y", 0.0), size=viz.get("size", 6.0),
            r=colour.get("r", 117), g=colour.get("g", 117), b=colour.get("b", 117),
        )  # fmt: skip
        G.add_node(node, **flat)
    G.add_edges_from(H.edges(data=True))
    out = io.BytesIO()
    nx.write_graphml(G, out, encoding="utf-8")
    return out.getvalue()
