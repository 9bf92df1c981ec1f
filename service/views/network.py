"""The network view: the page (filters, legend, search) and its JSON."""

from __future__ import annotations

import math
from collections.abc import Hashable

import networkx as nx
import numpy as np
from flask import Blueprint, current_app, render_template, request, url_for

from graphmodel.district import District
from graphmodel.errors import CobuildError
from graphmodel.metrics.activity import activity_counts
from graphmodel.metrics.communities import louvain
from graphmodel.playback import network_playback
from graphmodel.records import UnitKind, ZoneKind
from graphmodel.suggest.answers import suggestions_for
from visualizations.layout import clustered_layout, group_centres
from visualizations.network import NetworkView, colour_rule, street_network, unit_network

from ..access import requires
from ..extensions import store
from ..i18n import language
from ..params import Analysis, analysis

bp = Blueprint("network", __name__)

#: Above this many units the view shows streets as nodes, with drill-down.
NODE_BUDGET = 1500
COLOURINGS = ("kind", "community", "activity")


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
    return max(value, 0.0)


def colour_by() -> str:
    value = request.args.get("colour", "kind")
    if value not in COLOURINGS:
        raise BadFilter(
            f"colour must be one of {', '.join(COLOURINGS)}",
            f"着色方式须为 {'、'.join(COLOURINGS)} 之一",
        )
    return value


def unit_graph(district: District, min_weight: float) -> nx.Graph:
    """The scope's units and their ties of at least ``min_weight`` joint activities."""
    G = district.collaboration_graph().subgraph(district.scope_units).to_networkx()
    if min_weight > 1:
        G.remove_edges_from([(u, v) for u, v, w in G.edges(data="weight") if w < min_weight])
    return G


def _coordinates(district: District, nodes) -> dict[Hashable, tuple[float, float]]:
    units = district.unit
    return {
        n: (units[n].lat, units[n].lon)
        for n in nodes
        if n in units and units[n].lat is not None and units[n].lon is not None
    }


def _levels(district: District, nodes) -> dict[Hashable, int]:
    """Activity level 0–3: none, then thirds of the units that took part."""
    counts = activity_counts(district.incidence, district.window)
    values = {n: counts.get(n, {}).get("activities", 0) for n in nodes}
    active = np.array([v for v in values.values() if v > 0])
    if not len(active):
        return dict.fromkeys(values, 0)
    low, high = np.quantile(active, [1 / 3, 2 / 3])
    return {n: 0 if v == 0 else 1 if v <= low else 2 if v <= high else 3 for n, v in values.items()}


def build_view(request_analysis: Analysis, min_weight: float, colour_by: str) -> NetworkView:
    """The network view for an analysis: units, or streets when there are too many."""
    district = request_analysis.district()
    lang = language()
    streets = {z.id: z.name for z in district.zones if z.kind == ZoneKind.STREET.value}
    G = district.memo(("network-graph", min_weight), lambda: unit_graph(district, min_weight))
    query = request_analysis.query()
    budget = current_app.config.get("COBUILD_NODE_BUDGET", NODE_BUDGET)
    groups: dict = {}
    for node, street in G.nodes(data="street"):
        groups.setdefault(street, []).append(node)
    # Streets as nodes only help when there are several streets to show.
    if len(G) > budget and len(groups) > 1:

        def aggregate() -> NetworkView:
            centres = group_centres(groups, _coordinates(district, G))
            positions = {s: (x * 1000, y * 1000) for s, (x, y) in centres.items()}
            return street_network(
                G,
                streets,
                positions,
                language=lang,
                link=lambda s: url_for("network.page", **{**query, "street": s}),
            )

        key = ("street-view", min_weight, lang, tuple(sorted(query.items())))
        return district.memo(key, aggregate)
    positions = district.memo(
        ("network-layout", min_weight),
        lambda: clustered_layout(G, coordinates=_coordinates(district, G)),
    )
    communities = levels = None
    if colour_by == "community":
        found = louvain(G, weight="weight")
        communities = {n: i for i, members in enumerate(found) for n in members}
    elif colour_by == "activity":
        levels = _levels(district, G)
    colour, legend = colour_rule(
        colour_by, G, communities=communities, levels=levels, language=lang
    )
    return unit_network(
        G,
        positions,
        colour=colour,
        legend=legend,
        street_names=streets,
        link=lambda n: url_for("units.page", unit_id=n),
        suggested=_suggested(request_analysis, G),
        language=lang,
    )


def _suggested(request_analysis: Analysis, G: nx.Graph) -> list[tuple[str, str]]:
    """``?suggest=UNIT_ID``: dashed ties from that unit to its suggested partners in view."""
    focus = request.args.get("suggest")
    if not focus or focus not in G:
        return []
    window, scope = request_analysis.window, request_analysis.scope
    data = suggestions_for(store(), window, focus, scope)
    return [(focus, s["partner"]) for s in data["suggestions"] if s["partner"] in G]


@bp.get("/network")
@requires("read")
def page():
    """The network page: filters as a GET form, the drawing fetched from the API."""
    request_analysis = analysis()
    district = request_analysis.district()
    api_args = {
        **request.args.to_dict(flat=False),
        "min_weight": request.args.get("min_weight", "1"),
        "colour": colour_by(),
    }
    return render_template(
        "network.html",
        source=url_for("api.network", **api_args),
        window=request_analysis.window,
        streets=request_analysis.streets(),
        zones=sorted(
            (z for z in district.zones if z.kind != ZoneKind.STREET.value), key=lambda z: z.id
        ),
        kinds=list(UnitKind),
        args=request.args,
        min_weight=min_weight(),
        colourings=COLOURINGS,
        playback=url_for("network.playback", **request.args.to_dict(flat=False)),
    )


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
    budget = current_app.config.get("COBUILD_NODE_BUDGET", NODE_BUDGET)
    if len(district.scope_units) > budget:
        return {"freq": freq, "periods": [], "aggregated": True}
    return {**network_playback(district, freq, min_weight=min_weight()), "aggregated": False}
