"""The partner score: network structure, complementarity, proximity, kind diversity, overload.

For a unit ``u`` and a candidate ``v`` it has not worked with in the window,
each *part* is a value in [0, 1] times its weight (:class:`Weights`); the score
is their sum, the overload part counting against. The parts:

========================  ====================================================
``common_partners``       ``c / (c + common_half)``, ``c`` = partners in common
``adamic_adar``           ``a / (a + adamic_adar_half)``, ``a`` = Σ 1/log(deg w)
                          over common partners ``w`` (Adamic & Adar 2003)
``resource_allocation``   ``r / (r + resource_allocation_half)``, ``r`` = Σ
                          1/deg w (Zhou, Lü & Zhang 2009)
``needs_met``             share of ``u``'s needs that ``v`` offers
``offers_wanted``         share of ``v``'s needs that ``u`` offers
``same_community``        1 when both lie in the same community (of one street)
``same_street``           1 when both lie in the same street
``shared_zone``           1 when both belong to a collaboration zone or alliance
``nearby``                ``exp(−d / distance_km)`` for a distance ``d`` in km
                          (0 when a position is unknown)
``kind_diversity``        1 when the kinds differ (an enterprise and a community)
``overload``              how far ``v`` is into the busiest ``overload_share``
                          of units by partners: 0 below, up to 1 for the busiest
``weighted_common``       ``s / (s + weighted_common_half)``, ``s`` = Σ (w(u,z)
                          + w(z,v)) / 2 over common partners ``z``, ``w`` the
                          joint activities of a tie (tie-strength common
                          neighbours, Murata & Moriyasu 2007)
``partner_activity``      ``log(1 + a) / log(1 + max a)``, ``a`` = the activities
                          ``v`` took part in during the window
========================  ====================================================

The hand-set weights give the last two parts no weight; fitted weights
(:mod:`.learn`) may.

The three structural parts are sparse 2-hop products ``A[u] @ D @ A`` (``A``
the window's 0/1 ties, ``D`` diagonal: 1, 1/log deg, 1/deg); for one unit
against all others they are summed over its partners' rows with ``bincount``.
NetworkX's per-pair functions are never used, so that a city of 50,000 units
answers in milliseconds; on small graphs the values equal NetworkX's
``common_neighbors``, ``adamic_adar_index`` and ``resource_allocation_index``.

>>> import networkx as nx
>>> from graphmodel.suggest.features import unit_features
>>> F = unit_features(nx.path_graph(["a", "b", "c", "d"]), [])
>>> raw = raw_parts(F, [F.index["a"]], [F.index["c"]])
>>> float(raw["common_partners"][0, 0]), float(raw["resource_allocation"][0, 0])
(1.0, 0.5)
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Collection, Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from ..errors import BadSuggestionRequest
from .features import Features, overload_penalty
from .one_unit import MEASURES, raw_one

__all__ = [
    "DEFAULT_WEIGHTS",
    "PARTS",
    "Weights",
    "candidates",
    "contributions",
    "overload_penalty",
    "part_values",
    "raw_parts",
    "score_parts",
    "scores_for",
    "top",
]

#: The parts of a score, in the order they are listed.
PARTS: tuple[str, ...] = (
    "common_partners",
    "adamic_adar",
    "resource_allocation",
    "needs_met",
    "offers_wanted",
    "same_community",
    "same_street",
    "shared_zone",
    "nearby",
    "kind_diversity",
    "overload",
    "weighted_common",
    "partner_activity",
)


@dataclass(frozen=True)
class Weights:
    """The weights of the score's parts and the constants that shape them — the one
    place they are set (see the module docstring for what each part measures).

    The defaults were chosen on the demo district's backtest (seed 7; ``cobuild
    backtest``: partnerships that first formed in the last six months, predicted
    from the twelve before) by a coordinate search for precision@10 + MRR/2, then
    rounded, and checked on a second seed (11) that the search never saw;
    bench/RESULTS.md records the figures. What they say:

    - a partner of a partner is the strongest sign: common partners and resource
      allocation (common partners who themselves have few partners) 1.5 each;
      Adamic–Adar adds little beside them (0.25);
    - being in the same street (1.5) and close by (0.75, ``exp(−d / 2 km)``) come
      next; a shared zone adds 0.5; a shared community adds almost nothing once
      the street and the distance are counted (0.1);
    - complementarity alone predicts little across a whole district, but among
      nearby candidates it picks the right ones: needs met 0.75, offers wanted 0.5;
    - different kinds (0.75) go together more often than like kinds;
    - the overload mark-down (0.5 for the busiest 5 % of units by partners) is a
      planning choice, not a prediction: it spreads the load and costs < 1 % of
      MRR in the backtest.

    >>> Weights(nearby=-1)
    Traceback (most recent call last):
    graphmodel.errors.BadSuggestionRequest: 权重 nearby 不能为负数 / the weight nearby must not be negative
    """

    common_partners: float = 1.5
    adamic_adar: float = 0.25
    resource_allocation: float = 1.5
    needs_met: float = 0.75
    offers_wanted: float = 0.5
    same_community: float = 0.1
    same_street: float = 1.5
    shared_zone: float = 0.5
    nearby: float = 0.75
    kind_diversity: float = 0.75
    overload: float = 0.5
    weighted_common: float = 0.0
    partner_activity: float = 0.0
    #: Partners in common at which ``common_partners`` reaches half its weight.
    common_half: float = 1.0
    #: Adamic–Adar index at which ``adamic_adar`` reaches half its weight.
    adamic_adar_half: float = 1.0
    #: Resource allocation index at which ``resource_allocation`` reaches half its weight.
    resource_allocation_half: float = 0.25
    #: Tie-strength common neighbours at which ``weighted_common`` reaches half its weight.
    weighted_common_half: float = 2.0
    #: Distance (km) at which ``nearby`` has fallen to 1/e.
    distance_km: float = 2.0
    #: The busiest share of units (by partners) that the overload part marks down.
    overload_share: float = 0.05

    def __post_init__(self) -> None:
        for name in PARTS:
            value = getattr(self, name)
            if not np.isfinite(value) or value < 0:
                raise BadSuggestionRequest("权重 {name} 不能为负数", name=name)
        for name in (
            "common_half",
            "adamic_adar_half",
            "resource_allocation_half",
            "weighted_common_half",
            "distance_km",
        ):
            if not getattr(self, name) > 0:
                raise BadSuggestionRequest("{name} 须为正数", name=name)
        if not 0 < self.overload_share < 1:
            raise BadSuggestionRequest("overload_share 须在 0 与 1 之间")

    def of(self, part: str) -> float:
        """The weight of ``part``."""
        return getattr(self, part)

    def as_dict(self) -> dict[str, float]:
        return dataclasses.asdict(self)

    def replace(self, **changes: float) -> Weights:
        """A copy with ``changes``."""
        return dataclasses.replace(self, **changes)

    @property
    def shape(self) -> Weights:
        """The constants that shape the parts (the weights themselves)."""
        return self

    @property
    def blend_part(self) -> str | None:
        """The part a blend toward a baseline adds to: none for plain weights."""
        return None

    def contributions(self, values: dict, raw: dict) -> dict[str, np.ndarray]:
        """Each part's contribution from its value (see :func:`contributions`)."""
        return contributions(values, self)


DEFAULT_WEIGHTS = Weights()


def _columns(cols) -> slice | np.ndarray:
    return slice(None) if cols is None else np.asarray(cols, dtype=np.int64)


def raw_parts(
    F: Features,
    rows: Sequence[int],
    cols: Sequence[int] | None = None,
    only: Collection[str] | None = None,
) -> dict:
    """The raw measures between ``rows`` and ``cols`` (all units when None), each a
    dense ``len(rows) × len(cols)`` array: counts of common partners, the
    Adamic–Adar and resource allocation indices, needs met and offers wanted
    (counts of resources), 0/1 for same community / street / kind-differs,
    shared zones (count) and the distance in km (``nan`` when unknown); those not
    in ``only`` (when given) are left out."""
    rows = np.asarray(rows, dtype=np.int64)
    if cols is None and len(rows) == 1:
        return raw_one(F, int(rows[0]), only)
    want = set(MEASURES if only is None else only)
    C = _columns(cols)
    A = F.adjacency
    A_rows = A[rows] if want & _STRUCTURE else None

    @functools.cache
    def transposed() -> tuple:
        # A is symmetric, so A[:, C] == A[C].T; products stay sparse until the end.
        return F.transposed if cols is None else (A[C].T, F.strength[C].T)

    def two_hop(scale: np.ndarray | None) -> np.ndarray:
        left = A_rows if scale is None else A_rows @ sp.diags_array(scale)
        return (left @ transposed()[0]).toarray()

    def weighted() -> np.ndarray:
        A_cols_t, W_cols_t = transposed()
        return (F.strength[rows] @ A_cols_t + A_rows @ W_cols_t).toarray() / 2

    def same(codes: np.ndarray) -> np.ndarray:
        mine = codes[rows][:, None]
        return ((mine == codes[C][None, :]) & (mine >= 0)).astype(float)

    def kind_diversity() -> np.ndarray:
        known = (F.kind[rows][:, None] >= 0) & (F.kind[C][None, :] >= 0)
        return (known & (same(F.kind) == 0)).astype(float)

    makers = {
        "common_partners": lambda: two_hop(None),
        "adamic_adar": lambda: two_hop(F.inverse_log_degree),
        "resource_allocation": lambda: two_hop(F.inverse_degree),
        "weighted_common": weighted,
        "partner_activity": lambda: np.broadcast_to(
            F.activity[C][None, :], (len(rows), len(F.activity[C]))
        ),
        "needs_met": lambda: (F.needs[rows] @ F.offers[C].T).toarray(),
        "offers_wanted": lambda: (F.offers[rows] @ F.needs[C].T).toarray(),
        "shared_zone": lambda: (F.zones[rows] @ F.zones[C].T).toarray(),
        "distance_km": lambda: F.distance_km(rows, cols),
        "same_community": lambda: same(F.community),
        "same_street": lambda: same(F.street),
        "kind_diversity": kind_diversity,
    }
    return {name: make() for name, make in makers.items() if name in want}


#: The measures that read the window's ties.
_STRUCTURE = frozenset({"common_partners", "adamic_adar", "resource_allocation", "weighted_common"})


def part_values(
    F: Features,
    raw: dict,
    rows: Sequence[int],
    cols: Sequence[int] | None = None,
    weights: Weights = DEFAULT_WEIGHTS,
    only: Collection[str] | None = None,
) -> dict[str, np.ndarray]:
    """Each part's value in [0, 1] (see the module docstring) from :func:`raw_parts`;
    the parts not in ``only`` (when given) are 0 and need no raw measure."""
    rows = np.asarray(rows, dtype=np.int64)
    C = _columns(cols)
    w = weights
    shape = (len(rows), len(F) if cols is None else len(C))
    want = set(PARTS if only is None else only)
    zero = np.zeros(shape)
    busiest = float(F.activity.max()) if len(F.activity) else 0.0

    def share(name: str, counts: np.ndarray) -> np.ndarray:
        return np.where(counts > 0, raw[name] / np.where(counts > 0, counts, 1.0), 0.0)

    makers = {
        "common_partners": lambda: _saturate(raw["common_partners"], w.common_half),
        "adamic_adar": lambda: _saturate(raw["adamic_adar"], w.adamic_adar_half),
        "resource_allocation": lambda: _saturate(
            raw["resource_allocation"], w.resource_allocation_half
        ),
        "needs_met": lambda: share("needs_met", F.need_counts[rows][:, None].astype(float)),
        "offers_wanted": lambda: share("offers_wanted", F.need_counts[C][None, :].astype(float)),
        "same_community": lambda: raw["same_community"],
        "same_street": lambda: raw["same_street"],
        "shared_zone": lambda: np.minimum(raw["shared_zone"], 1.0),
        "nearby": lambda: np.nan_to_num(np.exp(-raw["distance_km"] / w.distance_km), nan=0.0),
        "kind_diversity": lambda: raw["kind_diversity"],
        "overload": lambda: np.broadcast_to(F.overload(w.overload_share)[C][None, :], shape),
        "weighted_common": lambda: _saturate(raw["weighted_common"], w.weighted_common_half),
        "partner_activity": lambda: (
            np.log1p(raw["partner_activity"]) / np.log1p(busiest) if busiest > 0 else zero
        ),
    }
    return {name: makers[name]() if name in want else zero for name in PARTS}


#: The raw measure each part is made from (the overload part needs none).
NEEDS = {name: (name,) for name in PARTS if name not in ("nearby", "overload")}
NEEDS |= {"nearby": ("distance_km",), "overload": ()}


def _saturate(x: np.ndarray, half: float) -> np.ndarray:
    """``x / (x + half)``: 0 at 0, one half at ``half``, approaching 1."""
    return x / (x + half)


def score_parts(
    F: Features,
    rows: Sequence[int],
    cols: Sequence[int] | None = None,
    weights: Weights = DEFAULT_WEIGHTS,
) -> dict[str, np.ndarray]:
    """Each part's contribution (value × weight; the overload part negative) between
    ``rows`` and ``cols``; their sum is the score.

    >>> import networkx as nx
    >>> from graphmodel.records import Unit
    >>> from graphmodel.suggest.features import unit_features
    >>> F = unit_features(nx.empty_graph(["a", "b"]), [Unit("a", "甲", "community", needs=("医疗",)),
    ...                                               Unit("b", "乙", "hospital", offers=("医疗",))])
    >>> parts = score_parts(F, [0], weights=Weights(needs_met=2.0))
    >>> parts["needs_met"][0].tolist(), parts["kind_diversity"][0].tolist()
    ([0.0, 2.0], [0.0, 0.75])
    """
    raw = raw_parts(F, rows, cols)
    return weights.contributions(part_values(F, raw, rows, cols, weights.shape), raw)


def contributions(values: dict[str, np.ndarray], weights: Weights) -> dict[str, np.ndarray]:
    """Each part's value times its weight; the overload part counts against."""
    return {
        name: (-1.0 if name == "overload" else 1.0) * weights.of(name) * values[name]
        for name in PARTS
    }


def candidates(F: Features, row: int, exclude: Collection[str] = ()) -> np.ndarray:
    """Which units may be suggested to unit ``row``: not itself, not a partner in
    the window, not in ``exclude`` (a boolean mask over all units)."""
    mask = np.ones(len(F), dtype=bool)
    mask[row] = False
    mask[F.neighbours(row)] = False
    for unit in exclude:
        j = F.index.get(unit)
        if j is not None:
            mask[j] = False
    return mask


def scores_for(
    F: Features, row: int, weights: Weights = DEFAULT_WEIGHTS
) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """The score of every unit as a partner for unit ``row``, and each part's
    contribution (one value per unit). Parts with no weight are 0 and not computed."""
    used = {name for name in PARTS if weights.shape.of(name) > 0}
    if weights.blend_part:
        used.add(weights.blend_part)
    raw = raw_one(F, row, {m for name in used for m in NEEDS[name]})
    values = part_values(F, raw, [row], None, weights.shape, used)
    parts = {name: v[0] for name, v in weights.contributions(values, raw).items()}
    total = np.zeros(len(F))
    for name in used:
        total += parts[name]
    return total, parts


def top(score: np.ndarray, mask: np.ndarray, k: int, minimum: float | None = 0.0) -> np.ndarray:
    """Rows of the ``k`` best-scored units where ``mask`` holds (and, unless
    ``minimum`` is None, the score exceeds it), best first, ties by row.

    >>> top(np.array([0.5, 0.9, 0.5, 0.0]), np.array([True, True, True, True]), 2).tolist()
    [1, 0]
    """
    if k < 1:
        raise BadSuggestionRequest("k 至少为 1，而不是 {k}", k=k)
    keep = mask if minimum is None else mask & (score > minimum)
    rows = np.flatnonzero(keep)
    if len(rows) > k:
        values = score[rows]
        cut = np.partition(values, len(values) - k)[len(values) - k]
        rows = rows[values >= cut]
    order = np.lexsort((rows, -score[rows]))
    return rows[order][:k]
