"""The current network view for Gephi and other tools: GEXF and GraphML downloads.

The file holds what the page draws for the same URL arguments (scope, focus or path,
size and colour), with positions, colours, sizes, the measure, street names and the
window, so that Gephi opens it looking like the page.
"""

from __future__ import annotations

from flask import Blueprint, Response

from visualizations.exchange import to_gexf, to_graphml, view_graph

from ..access import requires
from ..params import analysis
from . import network_build as build
from .network import build_view

bp = Blueprint("exchange", __name__)

FORMATS = {
    "gexf": ("application/gexf+xml", to_gexf),
    "graphml": ("application/graphml+xml", to_graphml),
}


def _download(fmt: str) -> Response:
    request_analysis = analysis()
    view = build_view(request_analysis)
    meta = view.meta
    whole = build.whole_district(request_analysis.window)
    attrs = {
        "window_start": meta["window"]["start"],
        "window_end": meta["window"]["end"],
        "window_months": meta["window"]["months"],
        "measure": meta["size"],
        "colour": meta["colour"],
        "scope": meta["scope"],
        "data_date": meta.get("data_date") or "",
    }
    H = view_graph(view.as_dict(), build.zone_names(whole), attrs)
    mimetype, write = FORMATS[fmt]
    name = f"network-{request_analysis.window.end.isoformat()}.{fmt}"
    return Response(
        write(H),
        mimetype=mimetype,
        headers={"Content-Disposition": f"attachment; filename={name}"},
    )


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
