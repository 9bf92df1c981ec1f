"""What the network view shows, computed on the whole district and shown by scope.

Every measure (sizes, communities, activity levels, health) is computed on the
whole district's graph for the window; the scope (street, zone, kind filters
and a street planner's territory) then decides which units are drawn. Ties
from drawn units to units outside the scope are summed into one node per other
street (or zone): no outside unit's id or name leaves the server that way.

Three forms: the scope's units (streets as nodes above the node budget), a
focus on one unit and its partners to one or two steps, and the chains that
connect two units. The whole district stays a scipy sparse graph (a city has millions
of ties); only the units drawn become a NetworkX graph.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable
from dataclasses import dataclass

import networkx as nx
import numpy as np
import scipy.sparse as sp

from graphmodel.assessment import assess
from graphmodel.district import District, snapshot
from graphmodel.errors import BadScope, NotFound
from graphmodel.metrics.activity import activity_counts
from graphmodel.metrics.communities import louvain
from graphmodel.metrics.paths import path_units, strong_paths, within_hops
from graphmodel.metrics.structure import betweenness, betweenness_sources
from graphmodel.projection import SparseGraph
from graphmodel.records import ZoneKind
from graphmodel.window import Scope
from visualizations import encoding
from visualizations.layout import (
    chain_layout,
    clustered_layout,
    group_centres,
    radial_layout,
    ring_around,
)
from visualizations.network import (
    NetworkView,
    OutsideGroup,
    StreetTally,
    street_network,
    unit_network,
)

from ..extensions import store
from .assessment import current_rules


@dataclass(frozen=True)
class ViewRequest:
    """What the page asks for besides the window and scope."""

    min_weight: float = 1.0
    size: str = "activities"
    colour: str = "kind"
    focus: str | None = None
    hops: int = 1
    path: tuple[str, str] | None = None
    language: str = "zh"
    budget: int = 1500


def whole_district(window) -> District:
    """The cached snapshot of the whole district for ``window`` (no scope, no territory)."""
    return snapshot(store(), window)


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
        raise BadScope(
            f"the scope names unknown streets or zones: {', '.join(unknown)}",
            f"范围中的街道或协作区不存在：{'、'.join(unknown)}",
        )


def visible(whole: District, scope: Scope) -> set[str]:
    """The units this user may see at all: their territory, or the whole district."""
    if scope.territory is None:
        return set(whole.unit)
    return {u.id for u in whole.units if u.street in scope.territory}


def zone_names(whole: District) -> dict[str, str]:
    return {z.id: z.name for z in whole.zones}


def street_names(whole: District) -> dict[str, str]:
    return {z.id: z.name for z in whole.zones if z.kind == ZoneKind.STREET.value}


# -- measures (whole district) --------------------------------------------


def _levels(whole: District) -> dict[Hashable, int]:
    """Activity level 0–3: none, then thirds of the units that took part."""
    counts = activity_counts(whole.incidence, whole.window)
    values = {u: counts.get(u, {}).get("activities", 0) for u in whole.unit}
    active = np.array([v for v in values.values() if v > 0])
    if not len(active):
        return dict.fromkeys(values, 0)
    low, high = np.quantile(active, [1 / 3, 2 / 3])
    return {n: 0 if v == 0 else 1 if v <= low else 2 if v <= high else 3 for n, v in values.items()}


def health_cards(whole: District) -> dict[str, dict]:
    """Each unit's health card (the assessment rules in force), by unit id."""
    return {c["id"]: c for c in assess(whole, current_rules())}


def measure(whole: District, S: SparseGraph, size: str) -> dict[Hashable, float]:
    """The sizing measure for every unit of the district."""
    partners, joint = totals(whole, S)
    if size == "partners":
        return partners
    if size == "betweenness":
        return whole.memo(
            ("network-betweenness", id(S)), lambda: betweenness(S, k=betweenness_sources(S))
        )
    if size == "health":
        return {u: c["score"] or 0.0 for u, c in health_cards(whole).items()}
    return joint


def colouring(
    whole: District, S: SparseGraph, shown: list[str], colour: str, language: str
) -> encoding.Colouring:
    """The colouring of the units ``shown`` (measures of the whole district)."""
    attrs = {n: S.attrs.get(n, {}) for n in shown}
    if colour == "street":
        return encoding.by_street(attrs, street_names(whole))
    if colour == "community":
        found = whole.memo(("network-louvain", id(S)), lambda: louvain(S, weight="weight"))
        wanted = set(shown)
        groups = [[n for n in c if n in wanted] for c in found]
        coloured = encoding.by_community(
            [g for g in groups if g], S.attrs, street_names(whole), language
        )
        key = {**dict.fromkeys(shown, "none"), **coloured.key}
        alone = "无合作" if language == "zh" else "no ties"
        legend = coloured.legend + [
            {"key": "none", "label": alone, "colour": encoding.LEVEL_COLOURS[0],
             "count": sum(v == "none" for v in key.values())}
        ]  # fmt: skip
        return encoding.Colouring(key, [item for item in legend if item["count"]])
    if colour == "activity":
        levels = whole.memo("network-levels", lambda: _levels(whole))
        return encoding.by_level({n: levels.get(n, 0) for n in shown}, language)
    if colour == "health":
        cards = health_cards(whole)
        return encoding.by_health(
            {n: cards.get(n, {}).get("level", "none") for n in shown}, language
        )
    return encoding.by_kind(attrs, language)


# -- the three forms -------------------------------------------------------


#: Other streets (or zones) drawn one by one; the rest are summed into one node.
OUTSIDE_GROUPS = 12
#: In the streets overview, each street keeps its strongest ties to this many others.
STREET_TIES = 8


def _outside_groups(
    whole: District,
    S: SparseGraph,
    shown: set[str],
    by_zone: bool,
    drawn: set[str] | None = None,
    language: str = "zh",
) -> list[OutsideGroup]:
    """Ties from units ``shown`` to units not ``drawn`` (default: not shown), summed per
    other street (or zone)."""
    drawn = shown if drawn is None else drawn
    names = zone_names(whole)
    collaboration = {z.id for z in whole.zones if z.kind != ZoneKind.STREET.value}
    ties: dict[str, Counter] = defaultdict(Counter)
    members: dict[str, set] = defaultdict(set)
    W = S.weight
    for u in shown:
        i = S.index[u]
        row = slice(W.indptr[i], W.indptr[i + 1])
        for j, w in zip(W.indices[row], W.data[row], strict=True):
            v = S.nodes[j]
            if v in drawn:
                continue
            unit = whole.unit[v]
            key = unit.street or ""
            if by_zone:
                key = next((z for z in unit.zones if z in collaboration), key)
            ties[key][u] += float(w)
            members[key].add(v)
    # A city's street ties every other one: the strongest few by name, the rest as one node.
    ranked = sorted(ties, key=lambda k: (-sum(ties[k].values()), str(k)))
    kept, rest = sorted(ranked[:OUTSIDE_GROUPS], key=str), ranked[OUTSIDE_GROUPS:]
    groups = [
        OutsideGroup(key, names.get(key, key or "—"), len(members[key]), dict(ties[key]))
        for key in kept
    ]
    if rest:
        summed: Counter = Counter()
        for key in rest:
            summed.update(ties[key])
        count = len(rest)
        name = (
            f"其他 {count} 个街道或协作区" if language == "zh" else f"{count} more streets or zones"
        )
        units = sum(len(members[key]) for key in rest)
        groups.append(OutsideGroup("rest", name, units, dict(summed)))
    return groups


def _place(groups: list[OutsideGroup], positions: dict) -> list[OutsideGroup]:
    places = ring_around(positions, [g.key for g in groups])
    return [OutsideGroup(g.key, g.name, g.units, g.ties, places[g.key]) for g in groups]


def _coordinates(whole: District, nodes) -> dict[Hashable, tuple[float, float]]:
    units = whole.unit
    return {
        n: (units[n].lat, units[n].lon)
        for n in nodes
        if n in units and units[n].lat is not None and units[n].lon is not None
    }


def _draw(
    whole: District,
    S: SparseGraph,
    H: nx.Graph,
    positions: dict,
    want: ViewRequest,
    outside: list[OutsideGroup],
    **extra,
) -> NetworkView:
    shown = list(H)
    values = measure(whole, S, want.size)
    partners, joint = totals(whole, S)
    return unit_network(
        H,
        positions,
        colouring=colouring(whole, S, shown, want.colour, want.language),
        measure={n: values.get(n, 0) for n in shown},
        totals={n: (partners[n], joint[n]) for n in shown},
        street_names=street_names(whole),
        outside=_place(outside, positions),
        language=want.language,
        **extra,
    )


def street_tallies(
    S: SparseGraph, shown: list[str]
) -> tuple[dict[str, StreetTally], dict[tuple[str, str], float]]:
    """Per street of the units ``shown``: units, isolated units and joint activities inside;
    and the joint activities between pairs of streets, each street keeping its ties to the
    :data:`STREET_TIES` streets it works with most (sparse sums, no NetworkX)."""
    H = S.subgraph(shown)
    streets = [H.attrs.get(n, {}).get("street") or "" for n in H.nodes]
    names = sorted(set(streets))
    column = {s: k for k, s in enumerate(names)}
    P = sp.csr_array(
        (np.ones(len(streets)), (np.arange(len(streets)), [column[s] for s in streets])),
        shape=(len(streets), len(names)),
    )
    between = (P.T @ H.weight @ P).toarray()
    degree = np.diff(H.weight.indptr)
    tallies = {s: StreetTally() for s in names}
    for s, d in zip(streets, degree, strict=True):
        tallies[s].units += 1
        tallies[s].isolated += int(d == 0)
    for k, s in enumerate(names):
        tallies[s].inside = float(between[k, k]) / 2
    np.fill_diagonal(between, 0)
    # Each street's strongest ties to STREET_TIES others (a city's streets all touch).
    strongest = np.argsort(-between, axis=1)[:, :STREET_TIES]
    pairs = {}
    for a, row in enumerate(strongest):
        for b in row:
            if between[a, b] > 0:
                low, high = sorted((a, int(b)))
                pairs[(names[low], names[high])] = float(between[low, high])
    return tallies, pairs


def scope_view(whole: District, scope: Scope, want: ViewRequest, **extra) -> NetworkView:
    """The units in scope (streets as nodes above the budget), ties leaving it summed."""
    S = whole_graph(whole, want.min_weight)
    shown = [u.id for u in whole.units if scope.admits(u)]
    streets = {whole.unit[u].street for u in shown}
    if len(shown) > want.budget and len(streets) > 1:
        link = extra.get("street_link")
        key = ("street-view", want.min_weight, want.language, scope)

        def aggregate() -> NetworkView:
            tallies, between = street_tallies(S, shown)
            groups: dict = defaultdict(list)
            for u in shown:
                groups[whole.unit[u].street or ""].append(u)
            centres = group_centres(groups, _coordinates(whole, shown))
            positions = {s: (x * 1000, y * 1000) for s, (x, y) in centres.items()}
            return street_network(
                tallies, between, street_names(whole), positions, link=link, language=want.language
            )

        return whole.memo(key, aggregate)
    H = whole.memo(("network-drawn", want.min_weight, scope), lambda: drawn_graph(S, shown))
    positions = whole.memo(
        ("network-layout", want.min_weight, scope),
        lambda: clustered_layout(H, coordinates=_coordinates(whole, shown)),
    )
    leaves = bool(scope.streets or scope.zones or scope.territory is not None)
    outside = (
        _outside_groups(whole, S, set(shown), bool(scope.zones), language=want.language)
        if leaves
        else []
    )
    return _draw(
        whole, S, H, positions, want, outside, link=extra.get("link"),
        suggested=extra.get("suggested", ()),
    )  # fmt: skip


def require_visible(whole: District, scope: Scope, unit: str) -> None:
    """Refuse (404) a unit the district lacks or this user may not see."""
    if unit not in whole.unit or unit not in visible(whole, scope):
        raise NotFound(f"no unit {unit!r} in scope", f"范围内没有单位 {unit!r}")


def _visible_graph(whole: District, S: SparseGraph, scope: Scope) -> SparseGraph:
    """The graph among the units this user may see (the whole graph for a district planner)."""
    if scope.territory is None:
        return S
    mine = visible(whole, scope)
    return whole.memo(("network-visible", id(S), scope.territory), lambda: S.subgraph(mine))


def focus_view(whole: District, scope: Scope, want: ViewRequest, **extra) -> NetworkView:
    """A unit and its partners to ``hops`` steps, laid out around it; the unit's ties
    outside the user's territory summed per street."""
    S = whole_graph(whole, want.min_weight)
    require_visible(whole, scope, want.focus)
    V = _visible_graph(whole, S, scope)
    distance = within_hops(V, want.focus, want.hops)
    shown = sorted(distance, key=lambda n: (distance[n], n))
    H = drawn_graph(V, shown)
    positions = radial_layout(H, distance)
    mine = visible(whole, scope)
    outside = (
        _outside_groups(whole, S, {want.focus}, False, mine, want.language) if V is not S else []
    )
    view = _draw(whole, S, H, positions, want, outside, link=extra.get("link"), captions=False)
    view.meta["focus"] = {"id": want.focus, "name": whole.unit[want.focus].name, "hops": want.hops}
    return view


def path_view(whole: District, scope: Scope, want: ViewRequest, **extra) -> NetworkView:
    """The shortest chains of ties between two units (strong ties preferred)."""
    S = whole_graph(whole, want.min_weight)
    a, b = want.path
    for unit in (a, b):
        require_visible(whole, scope, unit)
    V = _visible_graph(whole, S, scope)
    near = path_units(V, a, b)
    chains = strong_paths(drawn_graph(V, near), a, b) if near else []
    shown = list(dict.fromkeys([a, b] + [n for chain in chains for n in chain]))
    H = nx.Graph()
    H.add_nodes_from((n, dict(S.attrs.get(n, {}))) for n in shown)
    W, index = S.weight, S.index
    for chain in chains:
        H.add_edges_from(
            (u, v, {"weight": float(W[index[u], index[v]])})
            for u, v in zip(chain, chain[1:], strict=False)
        )
    positions = chain_layout(chains or [[a, b]])
    view = _draw(whole, S, H, positions, want, [], link=extra.get("link"), captions=False)
    name = {n: whole.unit[n].name for n in shown}
    view.meta["path"] = {
        "from": {"id": a, "name": name[a]},
        "to": {"id": b, "name": name[b]},
        "connected": bool(chains),
        "chains": [[{"id": n, "name": name[n]} for n in chain] for chain in chains],
    }
    return view
