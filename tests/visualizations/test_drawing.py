"""The view's nodes, edges and options made through pyvis' Network (visualizations.drawing)."""

from __future__ import annotations

import pytest

from visualizations.drawing import ViewNetwork, network_data

NODES = [
    {"id": "U1", "name": "桂花社区", "color": "#fff", "x": 1.5},
    {"id": "out:S2", "name": "东湖街道 · 3 个单位", "color": "#000", "shape": "diamond"},
]


def test_nodes_keep_their_fields_and_get_no_label():
    """Each node comes out with exactly its own fields: pyvis' id label and default shape go."""
    nodes, _, _ = network_data(NODES, [])
    assert nodes == NODES


def test_a_second_tie_between_the_same_pair_is_not_added():
    """As in pyvis, one tie per pair of nodes, whichever way round the second one runs."""
    edges = [
        {"id": "e0", "from": "U1", "to": "out:S2", "value": 2},
        {"id": "e1", "from": "out:S2", "to": "U1", "value": 5},
    ]
    _, drawn, _ = network_data(NODES, edges)
    assert drawn == [{"id": "e0", "from": "U1", "to": "out:S2", "value": 2}]


def test_a_tie_to_a_node_not_added_is_refused():
    """A tie needs both of its ends among the nodes."""
    net = ViewNetwork()
    net.add_node("U1", color="#fff")
    with pytest.raises(ValueError, match="U9"):
        net.add_edge("U1", "U9")


def test_the_options_fix_positions_and_draw_straight_ties():
    """Physics is off (positions come from the server) and ties are straight lines."""
    options = ViewNetwork().vis_options()
    assert options["physics"]["enabled"] is False and options["edges"]["smooth"] is False
    assert options["nodes"] == {"shape": "dot", "borderWidth": 1}
