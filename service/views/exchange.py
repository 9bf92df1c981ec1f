"""The current network view for Gephi and other tools: GEXF and GraphML downloads.

The file holds what the page draws for the same URL arguments (scope, focus or path,
size and colour), with positions, colours, sizes, the measure, street names and the
window, so that Gephi opens it looking like the page.
"""

from __future__ import annotations

from flask import Blueprint, Response

from visualizations.district_graph import zone_names
from visualizations.exchange import to_gexf, to_graphml, view_graph

from ..access import requires
from ..downloads import download
from ..network_view import build_view, whole_district
from ..params import analysis

bp = Blueprint("exchange", __name__)

FORMATS = {
    "gexf": ("application/gexf+xml", to_gexf),
    "graphml": ("application/graphml+xml", to_graphml),
}


def _download(fmt: str) -> Response:
    request_analysis = analysis()
    view = build_view(request_analysis)
    meta = view.meta
    whole = whole_district(request_analysis.window)
    attrs = {
        "window_start": meta["window"]["start"],
        "window_end": meta["window"]["end"],
        "window_months": meta["window"]["months"],
        "measure": meta["size"],
        "colour": meta["colour"],
        "scope": meta["scope"],
        "data_date": meta.get("data_date") or "",
    }
    H = view_graph(view.as_dict(), zone_names(whole), attrs)
    mimetype, write = FORMATS[fmt]
    return download(write(H), mimetype, ("协作网络", "network"), request_analysis, fmt)


@bp.get("/network.gexf")
@requires("export")
def gexf():
    """The network view as drawn (same arguments as the page) as GEXF for Gephi."""
    return _download("gexf")


@bp.get("/network.graphml")
@requires("export")
def graphml():
    """The network view as drawn (same arguments as the page) as GraphML."""
    return _download("graphml")
