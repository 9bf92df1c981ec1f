"""The current network view for Gephi and other tools: GEXF and GraphML downloads."""

from __future__ import annotations

from flask import Blueprint, Response

from visualizations.exchange import to_gexf, to_graphml

from ..access import requires
from ..downloads import download
from ..params import analysis
from .network import min_weight, unit_graph

bp = Blueprint("exchange", __name__)

FORMATS = {
    "gexf": ("application/gexf+xml", to_gexf),
    "graphml": ("application/graphml+xml", to_graphml),
}


def _download(fmt: str) -> Response:
    request_analysis = analysis()
    district = request_analysis.district()
    weight = min_weight()
    G = district.memo(("network-graph", weight), lambda: unit_graph(district, weight))
    mimetype, write = FORMATS[fmt]
    return download(write(G), mimetype, ("协作网络", "network"), request_analysis, fmt)


@bp.get("/network.gexf")
@requires("export")
def gexf():
    """The network view's units and ties (same filters as the page) as GEXF for Gephi."""
    return _download("gexf")


@bp.get("/network.graphml")
@requires("export")
def graphml():
    """The network view's units and ties (same filters as the page) as GraphML."""
    return _download("graphml")
