"""Network views for other tools: GEXF (Gephi, Gephi Lite) and GraphML.

:func:`exchange_graph` copies a unit graph keeping only whitelisted node
attributes (:data:`NODE_FIELDS`: name, kind, street — never members or other
personal data) and the joint-activity ``weight`` of each tie; :func:`to_gexf`
and :func:`to_graphml` write it with NetworkX. The given graph is not changed.

>>> G = nx.Graph([("U1", "U2", {"weight": 2.0, "newman": 1.0})])
>>> G.nodes["U1"].update(name="桂花社区", kind="community", street="S1", phone="138")
>>> H = exchange_graph(G)
>>> H.nodes["U1"], H.nodes["U2"], H.edges["U1", "U2"]
({'name': '桂花社区', 'kind': 'community', 'street': 'S1'}, {'name': 'U2', 'kind': '', 'street': ''}, {'weight': 2.0})
"""

from __future__ import annotations

import io

import networkx as nx

#: The only node attributes that leave the service.
NODE_FIELDS = ("name", "kind", "street")


def exchange_graph(G: nx.Graph) -> nx.Graph:
    """A copy of ``G`` with only :data:`NODE_FIELDS` (as text) and edge weights."""
    H = nx.Graph()
    for node, data in G.nodes(data=True):
        fields = {key: str(data.get(key) or "") for key in NODE_FIELDS}
        fields["name"] = fields["name"] or str(node)
        H.add_node(str(node), **fields)
    H.add_edges_from(
        (str(u), str(v), {"weight": float(w)}) for u, v, w in G.edges(data="weight", default=1.0)
    )
    return H


def to_gexf(G: nx.Graph) -> bytes:
    """``G`` (whitelisted) as a GEXF 1.2 document; Gephi labels nodes by their names."""
    H = exchange_graph(G)
    nx.set_node_attributes(H, {n: d["name"] for n, d in H.nodes(data=True)}, "label")
    out = io.BytesIO()
    nx.write_gexf(H, out, encoding="utf-8")
    return out.getvalue()


def to_graphml(G: nx.Graph) -> bytes:
    """``G`` (whitelisted) as a GraphML document."""
    out = io.BytesIO()
    nx.write_graphml(exchange_graph(G), out, encoding="utf-8")
    return out.getvalue()
