"""Who to help first: weak units with their best partners, and small units grouped into zones.

:func:`who_to_help` lists the units in scope that are isolated, declining or
only following (as the report finds them: :mod:`graphmodel.metrics.activity`),
each with its best few suggested partners.

:func:`propose_zones` groups the small units (headcount ≤ 30 by default) of
each street into proposed collaboration zones of 4 to 8 nearby, complementary
units. The algorithm, street by street:

1. *Affinity.* For every pair of the street's small units, the mean of the two
   directions' partner scores (:mod:`.scoring`, without the overload part): the
   same structure, complementarity, proximity and kind-diversity parts that
   rank partners.
2. *How many groups.* ``g = ceil(m / max_size)`` groups for ``m`` units, sized
   as evenly as possible (so between ``min_size`` and ``max_size`` whenever
   ``m ≥ min_size``); a street with fewer than ``min_size`` small units forms no
   group, and its units are listed as unplaced.
3. *Seeds.* The first seed is the unit with the least affinity to all others
   (the one hardest to place); each next seed the unit least like the seeds so
   far (farthest-first), so that groups start apart.
4. *Greedy filling.* Repeatedly, the unplaced unit and open group with the
   highest mean affinity (unit to the group's members) are joined, ties by
   unit order; a group closes when it reaches its size.

The result is deterministic. It is a proposal for planners to adjust, not an
optimum: greedy filling can leave the last units a weaker fit, which the
mean affinity shown per group makes visible.

>>> import datetime as dt
>>> from graphmodel.records import Unit
>>> from graphmodel.store import Bundle
>>> from graphmodel.window import Window
>>> units = [Unit(f"U{i}", f"单位{i}", "government", "S1", headcount=12, lat=30.0, lon=112 + i / 100)
...          for i in range(10)]
>>> d = District.from_bundle(Bundle(units=units), Window(dt.date(2026, 6, 30)))
>>> [z["size"] for z in propose_zones(d)["zones"]]
[5, 5]
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection, Iterable, Sequence

import numpy as np

from ..district import District
from ..errors import BadSuggestionRequest
from ..metrics import activity as act
from ..records import Decision, UnitKind
from .features import Features, district_features
from .partners import suggest
from .scoring import DEFAULT_WEIGHTS, NEEDS, PARTS, Weights, part_values, raw_parts

__all__ = ["SMALL_HEADCOUNT", "propose_zones", "weak_units", "who_to_help"]

#: A unit with at most this many staff counts as small.
SMALL_HEADCOUNT = 30
#: Why a unit needs help, in the order the list takes them.
FLAGS = ("isolated", "declining", "follower")


def weak_units(district: District) -> dict[str, dict]:
    """Units in scope that are isolated, declining or followers: per unit its
    ``flags`` (in :data:`FLAGS` order) and the figures behind them."""

    def compute() -> dict[str, dict]:
        in_scope = set(district.scope_units)
        found: dict[str, dict] = {}

        def flag(unit: str, name: str, **detail) -> None:
            if unit in in_scope:
                row = found.setdefault(unit, {"flags": [], "detail": {}})
                row["flags"].append(name)
                row["detail"].update(detail)

        for unit in act.isolated_units(district.collaboration_graph()):
            flag(unit, "isolated")
        for unit, row in act.declining_units(district.incidence, district.window).items():
            flag(unit, "declining", previous=row["previous"], current=row["current"])
        for unit, count in act.followers(district.incidence, district.window).items():
            flag(unit, "follower", activities=count)
        return found

    return district.memo("suggest-weak-units", compute)


def _priority(unit: str, row: dict) -> tuple:
    first = FLAGS.index(row["flags"][0])
    detail = row["detail"]
    if first == 1:  # declining: the steepest fall first
        return (first, detail["current"] / detail["previous"], unit)
    return (first, detail.get("activities", 0), unit)


def who_to_help(
    district: District,
    *,
    per_unit: int = 3,
    limit: int | None = None,
    weights: Weights = DEFAULT_WEIGHTS,
    decisions: Iterable[Decision] = (),
    among: Collection[str] | None = None,
) -> dict:
    """The district-wide list: isolated units first, then declining ones (steepest
    fall first), then followers (fewest activities first), each with its best
    ``per_unit`` partners (from ``among`` when given); ``limit`` cuts the list
    (``total`` tells its length).

    >>> import datetime as dt
    >>> from graphmodel.records import Activity, Participation, Unit
    >>> from graphmodel.store import Bundle
    >>> from graphmodel.window import Window
    >>> units = [Unit("U1", "桂花社区", "community", "S1"), Unit("U2", "一中", "school", "S1"),
    ...          Unit("U3", "二中", "school", "S2")]
    >>> met = [Activity("A1", "党课", "lecture", dt.date(2026, 3, 1))]
    >>> took_part = [Participation("A1", "U2"), Participation("A1", "U3")]
    >>> d = District.from_bundle(Bundle(units=units, activities=met, participations=took_part),
    ...                          Window(dt.date(2026, 6, 30)))
    >>> row = who_to_help(d)["units"][0]
    >>> row["id"], row["flags"], row["suggestions"][0]["partner"]
    ('U1', ['isolated'], 'U2')
    """
    if per_unit < 1 or (limit is not None and limit < 0):
        raise BadSuggestionRequest(
            "每个单位至少推荐 1 个，上限不能为负",
        )
    weak = weak_units(district)
    ranked = sorted(weak, key=lambda u: _priority(u, weak[u]))
    decisions = list(decisions)
    rows = []
    for unit in ranked if limit is None else ranked[:limit]:
        found = suggest(district, unit, per_unit, weights=weights, decisions=decisions, among=among)
        rows.append(unit_row(district, unit, weak[unit], found))
    counts = Counter(flag for row in weak.values() for flag in row["flags"])
    return {
        "total": len(ranked),
        "counts": {flag: counts.get(flag, 0) for flag in FLAGS},
        "units": rows,
    }


def unit_row(district: District, unit: str, weak: dict, found: Iterable) -> dict:
    """One weak unit's row of a list: who it is, why it is weak, its suggested partners."""
    record = district.unit[unit]
    return {
        "id": unit,
        "name": record.name,
        "kind": record.kind,
        "street": record.street,
        "street_name": _zone_name(district, record.street),
        **weak,
        "suggestions": [s.as_dict() for s in found],
    }


def _zone_name(district: District, zone: str | None) -> str:
    return district.zone[zone].name if zone in district.zone else (zone or "")


def affinity(F: Features, rows: Sequence[int], weights: Weights = DEFAULT_WEIGHTS) -> np.ndarray:
    """The symmetric affinity between ``rows`` (step 1 of the module docstring)."""
    rows = np.asarray(rows, dtype=np.int64)
    # Only the parts with a weight: the others add exactly 0 (a city's 300 streets
    # computed every measure for a model that weighs four).
    used = [n for n in PARTS if n != "overload" and weights.shape.of(n) != 0]
    used += [weights.blend_part] if weights.blend_part not in (None, *used) else []
    raw = raw_parts(F, rows, rows, {m for name in used for m in NEEDS[name]})
    values = part_values(F, raw, rows, rows, weights.shape, used)
    parts = weights.contributions(values, raw)
    score = np.zeros((len(rows), len(rows)))
    for name in PARTS:
        if name in used:
            score = score + parts[name]
    score = (score + score.T) / 2
    np.fill_diagonal(score, 0.0)
    return score


def _seeds(M: np.ndarray, g: int) -> list[int]:
    seeds = [int(np.argmin(M.sum(axis=1)))]
    dissimilar = M.max() - M
    while len(seeds) < g:
        nearest = dissimilar[:, seeds].min(axis=1)
        nearest[seeds] = -np.inf
        seeds.append(int(np.argmax(nearest)))
    return seeds


def group(M: np.ndarray, min_size: int = 4, max_size: int = 8) -> list[list[int]]:
    """Positions ``0 … m−1`` grouped by affinity matrix ``M`` (steps 2–4 of the
    module docstring); no group when ``m < min_size``.

    >>> M = np.array([[0, 9, 0, 0], [9, 0, 0, 0], [0, 0, 0, 9], [0, 0, 9, 0]], dtype=float)
    >>> group(M, min_size=2, max_size=2)
    [[0, 1], [2, 3]]
    """
    m = len(M)
    if m < min_size:
        return []
    g = math.ceil(m / max_size)
    base, extra = divmod(m, g)
    groups = [[s] for s in _seeds(M, g)]
    placed = np.zeros(m, dtype=bool)
    placed[[gr[0] for gr in groups]] = True
    total = M[:, [gr[0] for gr in groups]].copy()  # unit × group: summed affinity
    while not placed.all():
        sizes = np.array([len(gr) for gr in groups])
        open_ = (sizes < base) | ((sizes == base) & (extra > 0))
        mean = total / sizes[None, :]
        mean[placed, :] = -np.inf
        mean[:, ~open_] = -np.inf
        unit, best = np.unravel_index(int(np.argmax(mean)), mean.shape)
        if len(groups[best]) == base:
            extra -= 1
        groups[best].append(int(unit))
        placed[unit] = True
        total[:, best] += M[:, unit]
    return [sorted(gr) for gr in sorted(groups, key=min)]


def propose_zones(
    district: District,
    *,
    weights: Weights = DEFAULT_WEIGHTS,
    max_headcount: int = SMALL_HEADCOUNT,
    min_size: int = 4,
    max_size: int = 8,
    unzoned_only: bool = False,
) -> dict:
    """Small units in scope (headcount ≤ ``max_headcount``; with ``unzoned_only``,
    only those in no collaboration zone or alliance) grouped street by street
    into proposed zones of ``min_size`` to ``max_size`` units (see the module
    docstring for the algorithm)."""
    if not 2 <= min_size <= max_size or max_headcount < 1:
        raise BadSuggestionRequest(
            "协作区须满足 2 ≤ 最小规模 ≤ 最大规模，人数上限须为正",
        )
    F = district_features(district)
    by_street: dict[str, list[int]] = {}
    for unit in district.scope_units:
        u = district.unit[unit]
        if u.headcount is None or u.headcount > max_headcount:
            continue
        if unzoned_only and F.zones[[F.index[unit]]].nnz:
            continue
        by_street.setdefault(u.street or "", []).append(F.index[unit])
    zones, unplaced = [], []
    for street in sorted(by_street):
        rows = by_street[street]
        M = affinity(F, rows, weights)
        groups = group(M, min_size, max_size)
        if not groups:
            unplaced.extend(F.units[r] for r in rows)
        for n, members in enumerate(groups, start=1):
            chosen = [rows[i] for i in members]
            zones.append(_proposal(district, F, street, n, chosen, M[np.ix_(members, members)]))
    return {
        "max_headcount": max_headcount,
        "min_size": min_size,
        "max_size": max_size,
        "zones": zones,
        "unplaced": district.names(unplaced),
    }


def _proposal(
    district: District, F: Features, street: str, n: int, rows: list[int], M: np.ndarray
) -> dict:
    units = [district.unit[F.units[r]] for r in rows]
    complementary = sum(
        1 for a in units for b in units if a is not b and set(a.needs) & set(b.offers)
    )
    # Ties among the members from their partner lists (scipy's sub-matrix took a
    # millisecond per proposal: two seconds for a city's).
    ties = int(np.isin(np.concatenate([F.neighbours(r) for r in rows]), rows).sum()) // 2
    distances = F.distance_km(rows, rows)[np.triu_indices(len(rows), k=1)]
    distances = distances[~np.isnan(distances)]
    mean_km = float(distances.mean()) if len(distances) else None
    kinds = Counter(u.kind for u in units)
    pairs = len(rows) * (len(rows) - 1) / 2
    kinds_zh = "、".join(f"{_kind_zh(k)}{c}个" for k, c in kinds.most_common())
    kinds_en = ", ".join(f"{c} {k}" for k, c in kinds.most_common())
    zh = [f"成员间有{complementary}处需求可互补", f"含{kinds_zh}"]
    en = [f"{complementary} needs met within the group", f"{kinds_en}"]
    if mean_km is not None:
        zh.insert(1, f"平均相距{mean_km:.1f}公里")
        en.insert(1, f"{mean_km:.1f} km apart on average")
    if ties:
        zh.append(f"已有{ties}对在合作")
        en.append(f"{ties} pairs already work together")
    return {
        "id": f"{street or '-'}-{n}",
        "street": street or None,
        "street_name": _zone_name(district, street),
        "size": len(rows),
        "units": [
            {
                "id": u.id,
                "name": u.name,
                "kind": u.kind,
                "headcount": u.headcount,
                "zones": [_zone_name(district, z) for z in u.zones if z in F.zone_names],
            }
            for u in units
        ],
        "complementary_pairs": complementary,
        "ties": ties,
        "mean_distance_km": None if mean_km is None else round(mean_km, 2),
        "mean_affinity": round(float(M.sum() / (2 * pairs)), 4) if pairs else 0.0,
        "kinds": dict(kinds),
        "reasons": {"zh": "；".join(zh), "en": "; ".join(en)},
    }


def _kind_zh(kind: str) -> str:
    member = UnitKind.parse(kind)
    return member.zh if member else kind  # type: ignore[attr-defined]
