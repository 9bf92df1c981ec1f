"""Ties that leave the view, summed: per other street (or zone) around a scope, and
between streets in the overview of a large district.

No outside unit's id or name leaves the server this way: a drawn unit's ties to units
not drawn become one node per other street or zone, named with its number of units.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import numpy as np
import scipy.sparse as sp

from graphmodel.district import District
from graphmodel.projection import SparseGraph
from graphmodel.records import ZoneKind
from translations import words

from .district_graph import zone_names
from .layout import ring_around
from .network import OutsideGroup, StreetTally

#: Other streets (or zones) drawn one by one; the rest are summed into one node.
OUTSIDE_GROUPS = 12
#: In the streets overview, each street keeps its strongest ties to this many others.
STREET_TIES = 8


def outside_groups(
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
        name = words("其他 {count} 个街道或协作区", count=count).render(language)
        units = sum(len(members[key]) for key in rest)
        groups.append(OutsideGroup("rest", name, units, dict(summed)))
    return groups


def place(groups: list[OutsideGroup], positions: dict) -> list[OutsideGroup]:
    """The groups, each placed on a ring around the units ``positions`` holds."""
    places = ring_around(positions, [g.key for g in groups])
    return [OutsideGroup(g.key, g.name, g.units, g.ties, places[g.key]) for g in groups]


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
