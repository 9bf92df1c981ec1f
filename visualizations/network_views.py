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

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass

import networkx as nx

from graphmodel.district import District
from graphmodel.metrics.paths import path_units, strong_paths, within_hops
from graphmodel.projection import SparseGraph
from graphmodel.window import Scope, Window

from .district_graph import (
    coordinates,
    data_date,
    drawn_graph,
    require_visible,
    scope_label,
    street_names,
    totals,
    visible,
    visible_graph,
    whole_graph,
)
from .layout import chain_layout, clustered_layout, group_centres, radial_layout
from .measures import Rules, colouring, measure
from .network import NetworkView, OutsideGroup, street_network, unit_network
from .outside import outside_groups, place, street_tallies


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


def _draw(
    whole: District,
    S: SparseGraph,
    H: nx.Graph,
    positions: dict,
    want: ViewRequest,
    outside: list[OutsideGroup],
    rules: Rules,
    **extra,
) -> NetworkView:
    shown = list(H)
    values = measure(whole, S, want.size, rules)
    partners, joint = totals(whole, S)
    return unit_network(
        H,
        positions,
        colouring=colouring(whole, S, shown, want.colour, want.language, rules),
        measure={n: values.get(n, 0) for n in shown},
        totals={n: (partners[n], joint[n]) for n in shown},
        street_names=street_names(whole),
        outside=place(outside, positions),
        language=want.language,
        **extra,
    )


def scope_view(
    whole: District, scope: Scope, want: ViewRequest, rules: Rules, **extra
) -> NetworkView:
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
            centres = group_centres(groups, coordinates(whole, shown))
            positions = {s: (x * 1000, y * 1000) for s, (x, y) in centres.items()}
            return street_network(
                tallies, between, street_names(whole), positions, link=link, language=want.language
            )

        return whole.memo(key, aggregate)
    H = whole.memo(("network-drawn", want.min_weight, scope), lambda: drawn_graph(S, shown))
    positions = whole.memo(
        ("network-layout", want.min_weight, scope),
        lambda: clustered_layout(H, coordinates=coordinates(whole, shown)),
    )
    leaves = bool(scope.streets or scope.zones or scope.territory is not None)
    outside = (
        outside_groups(whole, S, set(shown), bool(scope.zones), language=want.language)
        if leaves
        else []
    )
    return _draw(
        whole, S, H, positions, want, outside, rules, link=extra.get("link"),
        suggested=extra.get("suggested", ()),
    )  # fmt: skip


def focus_view(
    whole: District, scope: Scope, want: ViewRequest, rules: Rules, **extra
) -> NetworkView:
    """A unit and its partners to ``hops`` steps, laid out around it; the unit's ties
    outside the user's territory summed per street."""
    S = whole_graph(whole, want.min_weight)
    require_visible(whole, scope, want.focus)
    V = visible_graph(whole, S, scope)
    distance = within_hops(V, want.focus, want.hops)
    shown = sorted(distance, key=lambda n: (distance[n], n))
    H = drawn_graph(V, shown)
    positions = radial_layout(H, distance)
    mine = visible(whole, scope)
    outside = (
        outside_groups(whole, S, {want.focus}, False, mine, want.language) if V is not S else []
    )
    view = _draw(
        whole, S, H, positions, want, outside, rules, link=extra.get("link"), captions=False
    )
    view.meta["focus"] = {"id": want.focus, "name": whole.unit[want.focus].name, "hops": want.hops}
    return view


def path_view(
    whole: District, scope: Scope, want: ViewRequest, rules: Rules, **extra
) -> NetworkView:
    """The shortest chains of ties between two units (strong ties preferred)."""
    S = whole_graph(whole, want.min_weight)
    a, b = want.path
    for unit in (a, b):
        require_visible(whole, scope, unit)
    V = visible_graph(whole, S, scope)
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
    view = _draw(whole, S, H, positions, want, [], rules, link=extra.get("link"), captions=False)
    name = {n: whole.unit[n].name for n in shown}
    view.meta["path"] = {
        "from": {"id": a, "name": name[a]},
        "to": {"id": b, "name": name[b]},
        "connected": bool(chains),
        "chains": [[{"id": n, "name": name[n]} for n in chain] for chain in chains],
    }
    return view


def build_view(
    whole: District,
    scope: Scope,
    window: Window,
    want: ViewRequest,
    rules: Rules,
    *,
    link: Callable[[Hashable], str],
    street_link: Callable[[Hashable], str],
    suggested: Iterable[tuple[str, str]] = (),
    links: Hashable = (),
) -> NetworkView:
    """The view ``want`` asks for: the chains between two units, a focus, or the scope.

    ``link`` and ``street_link`` give a unit's and a street's page; ``links`` names what
    they depend on (the page's arguments), for the cache: the scope's view is built once
    per snapshot and arguments, since pages and exports ask for it again and again.
    """
    if want.path:
        view = path_view(whole, scope, want, rules, link=link)
    elif want.focus:
        view = focus_view(whole, scope, want, rules, link=link)
    else:

        def draw() -> NetworkView:
            return scope_view(
                whole, scope, want, rules, street_link=street_link, suggested=suggested, link=link
            )

        view = whole.memo(("network-view", want, scope, links, tuple(suggested)), draw)
    view.meta.update(
        size=want.size,
        colour=want.colour,
        window=window.as_dict(),
        data_date=data_date(whole),
        scope=str(scope),
        scope_label=scope_label(whole, scope, want.language),
    )
    return view
