"""The network view a request asks for: its arguments checked, the snapshot read, links
built; the view itself is built in :mod:`visualizations.network_views`.

Shared by the network page, the JSON API and the Gephi downloads (a blueprint never
imports another blueprint).
"""

from __future__ import annotations

import math
from urllib.parse import quote

from flask import current_app, request, url_for

from graphmodel.district import District, snapshot
from graphmodel.errors import CobuildError
from graphmodel.suggest.answers import suggestions_for
from graphmodel.window import Scope
from visualizations import panel
from visualizations.district_graph import check_scope, require_visible
from visualizations.encoding import COLOURINGS, SIZE_MEASURES
from visualizations.measures import health_cards
from visualizations.network import NetworkView
from visualizations.network_views import ViewRequest
from visualizations.network_views import build_view as build

from .extensions import store
from .i18n import language
from .params import Analysis
from .rules import current_rules

#: Arguments that choose what the view shows, beyond the window and scope.
VIEW_ARGS = ("min_weight", "size", "colour", "focus", "hops", "path", "suggest")


class BadFilter(CobuildError):
    code = "bad_filter"


def min_weight() -> float:
    """The ``min_weight`` argument: ties weaker than this are not drawn (at least 0)."""
    raw = request.args.get("min_weight") or "1"
    try:
        value = float(raw)
        if not math.isfinite(value):  # inf, nan, 1e309: no tie is that strong
            raise ValueError(raw)
    except ValueError:
        raise BadFilter("最小联系强度须为有限的数字，而不是 {raw!r}", raw=raw) from None
    return max(value, 0.0)


def _choice(name: str, allowed: tuple[str, ...], zh: str) -> str:
    value = request.args.get(name) or allowed[0]
    if value not in allowed:
        # The Chinese names the filter by its label, the English by its parameter.
        raise BadFilter("{label}须为 {allowed} 之一", label=zh, name=name, allowed=allowed)
    return value


def colour_by() -> str:
    """The ``colour`` argument, checked."""
    return _choice("colour", COLOURINGS, "着色方式")


def size_by() -> str:
    """The ``size`` argument, checked."""
    return _choice("size", SIZE_MEASURES, "节点大小")


def node_budget() -> int:
    """Above this many units the view shows streets as nodes."""
    return current_app.config["COBUILD_NODE_BUDGET"]


def view_request() -> ViewRequest:
    """The view's own arguments, checked."""
    hops = _choice("hops", ("1", "2"), "步数")
    path = None
    if request.args.get("path"):
        ends = [p.strip() for p in request.args["path"].split(",")]
        if len(ends) != 2 or not all(ends) or ends[0] == ends[1]:
            raise BadFilter("path 须为两个不同单位的编号：path=单位A,单位B")
        path = (ends[0], ends[1])
    return ViewRequest(
        min_weight=min_weight(),
        size=size_by(),
        colour=colour_by(),
        focus=request.args.get("focus") or None,
        hops=int(hops),
        path=path,
        language=language(),
        budget=node_budget(),
    )


def whole_district(window) -> District:
    """The cached snapshot of the whole district for ``window`` (no scope, no territory)."""
    return snapshot(store(), window)


def build_view(request_analysis: Analysis, want: ViewRequest | None = None) -> NetworkView:
    """The network view a request asks for (see :mod:`service.views.network`)."""
    want = want or view_request()
    whole = whole_district(request_analysis.window)
    scope = request_analysis.scope
    check_scope(whole, scope)
    query = request_analysis.query()
    # One url_for, then the id put in: werkzeug's URL building costs ~0.15 ms a unit.
    template = url_for("units.page", unit_id="__UNIT__", **query)
    suggested = [] if (want.path or want.focus) else _suggested(request_analysis, whole)
    # A repeated argument (``kind=a&kind=b``) comes as a list: keyed as a tuple.
    links = tuple(sorted((k, v if isinstance(v, str) else tuple(v)) for k, v in query.items()))
    return build(
        whole,
        scope,
        request_analysis.window,
        want,
        current_rules,
        link=lambda n: template.replace("__UNIT__", quote(str(n), safe="")),
        street_link=lambda s: url_for("network.page", **{**query, "street": s}),
        suggested=suggested,
        links=links,
    )


def _suggested(request_analysis: Analysis, whole: District) -> list[tuple[str, str]]:
    """``?suggest=UNIT_ID``: dashed ties from that unit to its suggested partners in view."""
    focus = request.args.get("suggest")
    scope = request_analysis.scope
    if not focus or focus not in whole.unit or not scope.admits(whole.unit[focus]):
        return []
    data = suggestions_for(store(), request_analysis.window, focus, scope)
    shown = {u.id for u in whole.units if scope.admits(u)}
    return [(focus, s["partner"]) for s in data["suggestions"] if s["partner"] in shown]


def unit_panel(request_analysis: Analysis, unit_id: str, lang: str) -> dict:
    """Everything the side panel shows about ``unit_id`` (a unit the user may see)."""
    whole = whole_district(request_analysis.window)
    scope = request_analysis.scope
    require_visible(whole, scope, unit_id)
    card = health_cards(whole, current_rules()).get(unit_id, {})
    # Suggestions among the user's territory only, whatever the page's filters.
    territory = Scope(territory=scope.territory)
    found = suggestions_for(store(), whole.window, unit_id, territory, k=3)["suggestions"]
    return panel.unit_panel(whole, scope, unit_id, lang, card, found)
