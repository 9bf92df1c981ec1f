"""The network view: the page (filters, legend, search, side panel) and its JSON.

URL forms: ``/network`` (the scope's units), ``?focus=UNIT&hops=1|2`` (a unit
and its partners), ``?path=A,B`` (how two units are connected); ``size=`` and
``colour=`` choose the encoding. The drawing and the side panel are fetched as
JSON by static JS (the CSP allows no inline script).
"""

from __future__ import annotations

from flask import Blueprint, render_template, request, url_for

from graphmodel.playback import network_playback
from graphmodel.records import UnitKind, ZoneKind
from visualizations.district_graph import check_scope, data_date
from visualizations.encoding import COLOURINGS, SIZE_MEASURES

from ..access import requires
from ..i18n import language
from ..network_view import (
    BadFilter,
    min_weight,
    node_budget,
    unit_panel,
    view_request,
    whole_district,
)
from ..params import analysis

bp = Blueprint("network", __name__)


def _back_args() -> dict:
    """Where the planner was before a focus or path: the same page without them."""
    return {
        k: request.args.getlist(k)
        for k in request.args
        if k not in ("focus", "hops", "path", "suggest")
    }


@bp.get("/network")
@requires("read")
def page():
    """The network page: filters as a GET form, the drawing and panel fetched as JSON."""
    request_analysis = analysis()
    want = view_request()
    whole = whole_district(request_analysis.window)
    check_scope(whole, request_analysis.scope)
    args = request.args.to_dict(flat=False)
    names = {u: whole.unit[u].name for u in (want.path or ()) + (want.focus,) if u in whole.unit}
    return render_template(
        "network.html",
        source=url_for("api.network", **args),
        panel=url_for("network.panel", unit_id="UNIT", **request_analysis.query()),
        window=request_analysis.window,
        streets=request_analysis.streets(),
        zones=sorted(
            (z for z in whole.zones if z.kind != ZoneKind.STREET.value), key=lambda z: z.id
        ),
        kinds=list(UnitKind),
        args=request.args,
        want=want,
        names=names,
        back=url_for("network.page", **_back_args()) if (want.focus or want.path) else None,
        min_weight=want.min_weight,
        colourings=COLOURINGS,
        measures=SIZE_MEASURES,
        playback=url_for("network.playback", **args),
        data_date=data_date(whole),
    )


@bp.get("/network/units/<unit_id>.json")
@requires("read")
def panel(unit_id: str):
    """The side panel of one unit: who it is, its partners, activity, health, suggestions."""
    request_analysis = analysis()
    data = unit_panel(request_analysis, unit_id, language())
    query = request_analysis.query()
    data["url"] = url_for("units.page", unit_id=unit_id, **query)
    data["focus_url"] = url_for("network.page", focus=unit_id, hops=1, **query)
    return data


@bp.get("/network/playback.json")
@requires("read")
def playback():
    """Snapshots of the unit network per month or quarter (``freq``), for the slider;
    none when the view shows streets instead of units."""
    freq = request.args.get("freq", "quarter")
    if freq not in ("month", "quarter"):
        raise BadFilter("回放周期须为 month（月）或 quarter（季度）")
    district = analysis().district()
    if len(district.scope_units) > node_budget():
        return {"freq": freq, "periods": [], "aggregated": True}
    return {**network_playback(district, freq, min_weight=min_weight()), "aggregated": False}
