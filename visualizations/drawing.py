"""The nodes, edges and options the page draws, built through pyvis' ``Network``.

pyvis holds the network: its ``add_node`` and ``add_edge`` make each node and tie, and
its options object (physics, edges, interaction) makes vis-network's options. The page
is the project's own template, not pyvis': pyvis' loads CDNs and does not escape text.

pyvis keeps node ids in a list and checks each new tie against every earlier one, so a
district's 46,000 ties would take minutes; :class:`ViewNetwork` keeps its rules (a tie
needs both ends, one tie per pair) with a set each. pyvis labels every node with its id
and gives it the default shape: the label goes (the page draws names itself, only as
many as fit) and so does a shape the item did not ask for (the options' default).

>>> nodes, edges, options = network_data(
...     [{"id": "U1", "color": "#fff"}, {"id": "U2", "color": "#000", "shape": "diamond"}],
...     [{"id": "e0", "from": "U1", "to": "U2", "value": 2}, {"id": "e1", "from": "U2", "to": "U1"}],
... )
>>> nodes == [{"id": "U1", "color": "#fff"}, {"id": "U2", "color": "#000", "shape": "diamond"}]
True
>>> [e["id"] for e in edges], options["physics"]["enabled"]
(['e0'], False)
"""

from __future__ import annotations

import json
from collections.abc import Hashable

from pyvis.edge import Edge
from pyvis.network import Network


class _NodeIds(list):
    """pyvis' list of node ids, with a set beside it so that ``in`` takes constant time."""

    def __init__(self) -> None:
        super().__init__()
        self._members: set[Hashable] = set()

    def append(self, node_id: Hashable) -> None:
        super().append(node_id)
        self._members.add(node_id)

    def __contains__(self, node_id: object) -> bool:
        return node_id in self._members


class ViewNetwork(Network):
    """pyvis' undirected ``Network`` with the view's options, filled in linear time."""

    def __init__(self) -> None:
        super().__init__(directed=False)
        self.node_ids = _NodeIds()
        self._pairs: set[tuple] = set()
        self.toggle_physics(False)  # positions are fixed on the server
        edges = self.options.edges
        edges.smooth = False  # straight lines draw fast for thousands of ties
        edges.color = {"color": "rgba(120,120,120,0.35)", "highlight": "#b71c1c"}
        edges.scaling = {"min": 1, "max": 8}
        interaction = self.options.interaction
        interaction.hover = True
        interaction.tooltipDelay = 300
        interaction.hideEdgesOnDrag = True
        interaction.selectConnectedEdges = False
        self.options.nodes = {"shape": "dot", "borderWidth": 1}

    def add_edge(self, source, to, /, **options) -> None:
        """One tie between two nodes already added (pyvis' rules, in constant time): a
        second tie between the same pair, either way round, is not added."""
        if source not in self.node_map or to not in self.node_map:
            raise ValueError(f"a tie needs both ends among the nodes: {source!r}, {to!r}")
        pair = (source, to) if source < to else (to, source)
        if pair not in self._pairs:
            self._pairs.add(pair)
            self.edges.append(Edge(source, to, self.directed, **options).options)

    def vis_options(self) -> dict:
        """vis-network's options, as pyvis writes them."""
        return json.loads(self.options.to_json())


def network_data(nodes: list[dict], edges: list[dict]) -> tuple[list[dict], list[dict], dict]:
    """The nodes, edges and options as a :class:`ViewNetwork` makes them from these items
    (each node needs ``id`` and ``color``; each edge ``from`` and ``to``)."""
    net = ViewNetwork()
    for item in nodes:
        net.add_node(item["id"], **item)
    for node, item in zip(net.nodes, nodes, strict=True):
        del node["label"]
        if "shape" not in item:
            del node["shape"]
    add_edge = net.add_edge
    for item in edges:
        add_edge(item["from"], item["to"], **item)
    drawn_nodes, drawn_edges, *_ = net.get_network_data()
    return drawn_nodes, drawn_edges, net.vis_options()
