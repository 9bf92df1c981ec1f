"""The network view: the page (filters, legend, search, side panel) and its JSON.

URL forms: ``/network`` (the scope's units), ``?focus=UNIT&hops=1|2`` (a unit
and its partners), ``?path=A,B`` (how two units are connected); ``size=`` and
``colour=`` choose the encoding. The drawing and the side panel are fetched as
JSON by static JS (the CSP allows no inline script).
"""

from __future__ import annotations

import math
from urllib.parse import quote

from flask import Blueprint, current_app, render_template, request, url_for

from graphmodel.errors import CobuildError
from graphmodel.playback import network_playback
from graphmodel.records import UnitKind, ZoneKind
from graphmodel.suggest.answers import suggestions_for
from visualizations.encoding import COLOURINGS, SIZE_MEASURES
from visualizations.network import NetworkView

from ..access import requires
from ..extensions import store
from ..i18n import language
from ..params import Analysis, analysis
from . import network_build as build
from .network_panel import unit_panel

bp = Blueprint("network", __name__)
#: Arguments that choose what the view shows, beyond the window and scope.
VIEW_ARGS = ("min_weight", "size", "colour", "focus", "hops", "path", "suggest")


class BadFilter(CobuildError):
    code = "bad_filter"


def min_weight() -> float:
    raw = request.args.get("min_weight") or "1"
    try:
        value = float(raw)
        if not math.isfinite(value):  # inf, nan, 1e309: no tie is that strong
            raise ValueError(raw)
    except ValueError:
        raise BadFilter(
            f"min_weight must be a finite number, not {raw!r}",
            f"最小联系强度须为有限的数字，而不是 {raw!r}",
        ) from None
    if value != value or value in (float("inf"), float("-inf")):
        raise BadFilter("min_weight must be a finite number", "最小联系强度须为有限的数字")
    return max(value, 0.0)


def _choice(name: str, allowed: tuple[str, ...], zh: str) -> str:
    value = request.args.get(name) or allowed[0]
    if value not in allowed:
        raise BadFilter(
            f"{name} must be one of {', '.join(allowed)}", f"{zh}须为 {'、'.join(allowed)} 之一"
        )
    return value


def colour_by() -> str:
    return _choice("colour", COLOURINGS, "着色方式")


def size_by() -> str:
    return _choice("size", SIZE_MEASURES, "节点大小")


def view_request() -> build.ViewRequest:
    """The view's own arguments, checked."""
    hops = _choice("hops", ("1", "2"), "步数")
    path = None
    if request.args.get("path"):
        ends = [p.strip() for p in request.args["path"].split(",")]
        if len(ends) != 2 or not all(ends) or ends[0] == ends[1]:
            raise BadFilter(
                "path must name two different units: path=UNIT_A,UNIT_B",
                "path 须为两个不同单位的编号：path=单位A,单位B",
            )
        path = (ends[0], ends[1])
    return build.ViewRequest(
        min_weight=min_weight(),
        size=size_by(),
        colour=colour_by(),
        focus=request.args.get("focus") or None,
        hops=int(hops),
        path=path,
        language=language(),
        budget=current_app.config["COBUILD_NODE_BUDGET"],
    )


def build_view(request_analysis: Analysis, want: build.ViewRequest | None = None) -> NetworkView:
    """The network view a request asks for (see the module docstring)."""
    want = want or view_request()
    whole = build.whole_district(request_analysis.window)
    scope = request_analysis.scope
    build.check_scope(whole, scope)
    query = request_analysis.query()
    # One url_for, then the id put in: werkzeug's URL building costs ~0.15 ms a unit.
    template = url_for("units.page", unit_id="__UNIT__", **query)
    link = {"link": lambda n: template.replace("__UNIT__", quote(str(n), safe=""))}
    if want.path:
        view = build.path_view(whole, scope, want, **link)
    elif want.focus:
        view = build.focus_view(whole, scope, want, **link)
    else:
        street_link = lambda s: url_for("network.page", **{**query, "street": s})  # noqa: E731
        suggested = _suggested(request_analysis, whole, want)

        def draw() -> NetworkView:
            return build.scope_view(
                whole, scope, want, street_link=street_link, suggested=suggested, **link
            )

        # The same view is asked for again and again (page loads, exports): build it once.
        # A repeated argument (``kind=a&kind=b``) comes as a list: keyed as a tuple.
        links = tuple(sorted((k, v if isinstance(v, str) else tuple(v)) for k, v in query.items()))
        key = ("network-view", want, scope, links, tuple(suggested))
        view = whole.memo(key, draw)
    view.meta.update(
        size=want.size,
        colour=want.colour,
        window=request_analysis.window.as_dict(),
        data_date=data_date(whole),
        scope=str(scope),
        scope_label=scope_label(whole, scope, want.language),
    )
    return view


def scope_label(whole, scope, lang: str) -> str:
    """The scope in words, for captions: street and zone names, kinds; else the district."""
    names = build.zone_names(whole)
    kinds = {k.value: (k.zh if lang == "zh" else k.value) for k in UnitKind}
    parts = [names.get(z, z) for z in sorted(scope.streets | scope.zones)]
    parts += [kinds.get(k, k) for k in sorted(scope.kinds)]
    if not parts and scope.territory is not None:
        parts = [names.get(z, z) for z in sorted(scope.territory)]
    return "、".join(parts) if parts else ("全区" if lang == "zh" else "whole district")


def data_date(whole) -> str | None:
    """The date of the latest activity in the window's district (the data's own date)."""
    latest = whole.memo(
        "network-data-date", lambda: max((a.date for a in whole.activities), default=None)
    )
    return latest.isoformat() if latest else None


def _suggested(request_analysis: Analysis, whole, want) -> list[tuple[str, str]]:
    """``?suggest=UNIT_ID``: dashed ties from that unit to its suggested partners in view."""
    focus = request.args.get("suggest")
    scope = request_analysis.scope
    if not focus or focus not in whole.unit or not scope.admits(whole.unit[focus]):
        return []
    data = suggestions_for(store(), request_analysis.window, focus, scope)
    shown = {u.id for u in whole.units if scope.admits(u)}
    return [(focus, s["partner"]) for s in data["suggestions"] if s["partner"] in shown]


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
    whole = build.whole_district(request_analysis.window)
    build.check_scope(whole, request_analysis.scope)
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
        raise BadFilter(
            "freq must be month or quarter", "回放周期须为 month（月）或 quarter（季度）"
        )
    district = analysis().district()
    budget = current_app.config["COBUILD_NODE_BUDGET"]
    if len(district.scope_units) > budget:
        return {"freq": freq, "periods": [], "aggregated": True}
    return {**network_playback(district, freq, min_weight=min_weight()), "aggregated": False}
