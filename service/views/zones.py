"""Streets and zones: do they really work together, or exist on paper only?"""

from __future__ import annotations

from flask import Blueprint, render_template

from graphmodel.metrics import EXPLANATIONS
from graphmodel.report import report

from ..access import requires
from ..extensions import store
from ..params import analysis

bp = Blueprint("zones", __name__)


@bp.get("/zones")
@requires("read")
def page():
    """Internal density of each street and zone, paper-only zones flagged, and the
    agreement of detected communities with the official zones."""
    request_analysis = analysis()
    data = request_analysis.shown(report(store(), request_analysis.window, request_analysis.scope))
    return render_template(
        "zones.html",
        density=data["density"],
        zones=data["zones"],
        communities=data["communities"],
        explanations=EXPLANATIONS,
        window=request_analysis.window,
        query=request_analysis.query(),
    )
