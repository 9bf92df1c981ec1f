"""The district's graph as the network view sees it: ties of a minimum strength, what a
user may see, names, coordinates and the words for the scope.

Computed on the whole district for the window (sparse, memoised in the snapshot); the
scope only decides what is drawn. No request and no store here: the service hands in
the snapshot.
"""

from __future__ import annotations

from collections.abc import Hashable

import networkx as nx
import numpy as np
import scipy.sparse as sp

from graphmodel.district import District
from graphmodel.errors import BadScope, NotFound
from graphmodel.projection import SparseGraph
from graphmodel.records import UnitKind, ZoneKind
from graphmodel.window import Scope
from translations import text


def whole_graph(whole: District, min_weight: float) -> SparseGraph:
    """Every unit of the district and its ties of at least ``min_weight`` joint activities."""

    def build() -> SparseGraph:
        S = whole.collaboration_graph()
        if min_weight <= 1:
            return S
        W = S.weight.copy()
        W.data[W.data < min_weight] = 0
        W.eliminate_zeros()
        return SparseGraph(S.nodes, sp.csr_array(W), None, S.attrs)

    return whole.memo(("network-graph", min_weight), build)


def totals(whole: District, S: SparseGraph) -> tuple[dict, dict]:
    """Partners and joint activities of every unit, in the whole district."""

    def build() -> tuple[dict, dict]:
        W = S.weight
        partners = dict(zip(S.nodes, np.diff(W.indptr).tolist(), strict=True))
        joint = dict(zip(S.nodes, np.asarray(W.sum(axis=1)).ravel().tolist(), strict=True))
        return partners, joint

    return whole.memo(("network-totals", id(S)), build)


def drawn_graph(S: SparseGraph, nodes) -> nx.Graph:
    """The units ``nodes`` and the ties among them, as a NetworkX graph."""
    return S.subgraph(nodes).to_networkx()


def check_scope(whole: District, scope: Scope) -> None:
    """Refuse streets or zones the district does not have (as the snapshot would)."""
    streets = {u.street for u in whole.units if u.street}
    unknown = sorted(scope.streets - streets - set(whole.zone)) + sorted(
        scope.zones - set(whole.zone)
    )
    if unknown:
        raise BadScope("范围中的街道或协作区不存在：{unknown}", unknown=unknown)


def visible(whole: District, scope: Scope) -> set[str]:
    """The units this user may see at all: their territory, or the whole district."""
    if scope.territory is None:
        return set(whole.unit)
    return {u.id for u in whole.units if u.street in scope.territory}


def require_visible(whole: District, scope: Scope, unit: str) -> None:
    """Refuse (404) a unit the district lacks or this user may not see."""
    if unit not in whole.unit or unit not in visible(whole, scope):
        raise NotFound("范围内没有单位 {unit!r}", unit=unit)


def visible_graph(whole: District, S: SparseGraph, scope: Scope) -> SparseGraph:
    """The graph among the units this user may see (the whole graph for a district planner)."""
    if scope.territory is None:
        return S
    mine = visible(whole, scope)
    return whole.memo(("network-visible", id(S), scope.territory), lambda: S.subgraph(mine))


def zone_names(whole: District) -> dict[str, str]:
    """Every zone's (street's, collaboration zone's) name by id."""
    return {z.id: z.name for z in whole.zones}


def street_names(whole: District) -> dict[str, str]:
    """Every street's name by id."""
    return {z.id: z.name for z in whole.zones if z.kind == ZoneKind.STREET.value}


def coordinates(whole: District, nodes) -> dict[Hashable, tuple[float, float]]:
    """Latitude and longitude of the units ``nodes`` that have them."""
    units = whole.unit
    return {
        n: (units[n].lat, units[n].lon)
        for n in nodes
        if n in units and units[n].lat is not None and units[n].lon is not None
    }


def scope_label(whole: District, scope: Scope, lang: str) -> str:
    """The scope in words, for captions: street and zone names, kinds; else the district."""
    names = zone_names(whole)
    kinds = {k.value: (k.zh if lang == "zh" else k.value) for k in UnitKind}
    parts = [names.get(z, z) for z in sorted(scope.streets | scope.zones)]
    parts += [kinds.get(k, k) for k in sorted(scope.kinds)]
    if not parts and scope.territory is not None:
        parts = [names.get(z, z) for z in sorted(scope.territory)]
    return "、".join(parts) if parts else text("全区", lang)


def data_date(whole: District) -> str | None:
    """The date of the latest activity in the window's district (the data's own date)."""
    latest = whole.memo(
        "network-data-date", lambda: max((a.date for a in whole.activities), default=None)
    )
    return latest.isoformat() if latest else None
