"""Measured quality: would the suggestions have foreseen the partnerships that formed later?

:func:`backtest` hides everything after a split date, builds the district as
it stood on that day (the usual window of ``months`` before it), and asks
each method for a ranking of partners for every unit. The truth is the
partnerships that *first* formed in the ``horizon`` months after the split:
pairs of units with a joint activity (of at most
:data:`~graphmodel.projection.GATHERING_SIZE` units — a district-wide meeting
is not a partnership) after the split and none at any time before it. Pairs
that had worked together before the split are neither candidates nor truth.

For every unit with at least one new partnership, :func:`rank_metrics`
scores a ranking of all its candidates (ties broken by one seeded random
order of the units, the same for every method):

- precision@k — of the ``k`` first, the share that became partners;
- recall@k — of the new partners, the share among the ``k`` first;
- MRR — the mean of ``1 / rank`` of the first new partner in the whole ranking;

each averaged over those units. *Coverage* counts the units isolated in the
window for which a method has at least one candidate with a positive score
(what :func:`~graphmodel.suggest.suggest` would show).

Methods: ``cobuild`` (the project's score), and the baselines ``random``
(seeded), ``preferential_attachment`` (product of partner counts),
``common_neighbours``, ``adamic_adar`` and ``complementarity`` (needs met
plus offers wanted, in resources).

>>> rank_metrics({"a": ["x", "y", "z"], "b": ["z", "y"]}, {"a": {"y"}, "b": {"x"}}, k=2)
{'units': 2, 'precision': 0.25, 'recall': 0.5, 'mrr': 0.25}
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from ..district import District
from ..projection import GATHERING_SIZE, project
from ..store import Bundle
from ..window import Window, add_months
from .errors import BadSuggestionRequest
from .features import Features, district_features
from .scoring import DEFAULT_WEIGHTS, Weights, candidates, contributions, part_values, raw_parts

__all__ = ["BASELINES", "METHODS", "BacktestResult", "backtest", "default_split", "rank_metrics"]

#: The project's score first, then the baselines it must beat.
BASELINES = (
    "random",
    "preferential_attachment",
    "common_neighbours",
    "adamic_adar",
    "complementarity",
)
METHODS = ("cobuild", *BASELINES)


def rank_metrics(
    rankings: Mapping[str, Sequence[str]], truth: Mapping[str, Collection[str]], k: int
) -> dict:
    """precision@k, recall@k and MRR of ``rankings`` (unit → candidates, best
    first) against ``truth`` (unit → the partners it went on to have), averaged
    over the units with a non-empty truth; a unit without a ranking counts 0.

    >>> rank_metrics({"a": ["x", "y"]}, {"a": {"x", "q"}, "b": set()}, k=1)
    {'units': 1, 'precision': 1.0, 'recall': 0.5, 'mrr': 1.0}
    """
    if k < 1:
        raise BadSuggestionRequest(f"k must be at least 1, not {k}", f"k 至少为 1，而不是 {k}")
    precision = recall = rr = 0.0
    units = 0
    for unit, wanted in truth.items():
        wanted = set(wanted)
        if not wanted:
            continue
        units += 1
        ranking = list(rankings.get(unit, ()))
        hits = len(wanted.intersection(ranking[:k]))
        precision += hits / k
        recall += hits / len(wanted)
        first = next((i for i, c in enumerate(ranking) if c in wanted), None)
        rr += 0.0 if first is None else 1.0 / (first + 1)
    if not units:
        return {"units": 0, "precision": 0.0, "recall": 0.0, "mrr": 0.0}
    return {
        "units": units,
        "precision": precision / units,
        "recall": recall / units,
        "mrr": rr / units,
    }


@dataclass(frozen=True)
class BacktestResult:
    """The figures of one backtest run (see the module docstring)."""

    split: dt.date
    test_end: dt.date
    months: int
    horizon: int
    k: int
    seed: int
    units: int
    isolated: int
    new_partnerships: int
    methods: dict[str, dict] = field(default_factory=dict)

    def margins(self) -> dict[str, dict[str, float | None]]:
        """For each baseline, how many times the project's score beats it
        (cobuild ÷ baseline) on precision, recall and MRR (None when the baseline is 0)."""
        ours = self.methods["cobuild"]
        return {
            name: {
                m: (ours[m] / self.methods[name][m] if self.methods[name][m] else None)
                for m in ("precision", "recall", "mrr")
            }
            for name in BASELINES
            if name in self.methods
        }

    def as_dict(self) -> dict:
        return {
            "split": self.split.isoformat(),
            "test_end": self.test_end.isoformat(),
            "months": self.months,
            "horizon": self.horizon,
            "k": self.k,
            "seed": self.seed,
            "units": self.units,
            "isolated": self.isolated,
            "new_partnerships": self.new_partnerships,
            "methods": self.methods,
            "margins": self.margins(),
        }


def default_split(bundle: Bundle, horizon: int = 6) -> dt.date:
    """The day before the last ``horizon`` months of the data (the latest activity).

    >>> from graphmodel.records import Activity
    >>> default_split(Bundle(activities=[Activity("A1", "t", "other", dt.date(2026, 6, 30))]))
    datetime.date(2025, 12, 31)
    """
    if not bundle.activities:
        raise BadSuggestionRequest(
            "a backtest needs activities: the store holds none", "回测需要活动数据：存储中没有活动"
        )
    last = max(a.date for a in bundle.activities)
    return add_months(last + dt.timedelta(days=1), -horizon) - dt.timedelta(days=1)


Scorer = Callable[[Features, int, dict, dict], np.ndarray]


def _scorers(weights: Weights, seed: int) -> dict[str, Scorer]:
    """Score functions ``(F, row, raw parts, part values) → one score per unit``."""

    def cobuild(F: Features, row: int, raw: dict, values: dict) -> np.ndarray:
        return sum(contributions(values, weights).values())[0]

    def random(F: Features, row: int, raw: dict, values: dict) -> np.ndarray:
        return np.random.default_rng([seed, row]).random(len(F)) + 1e-9

    def preferential(F: Features, row: int, raw: dict, values: dict) -> np.ndarray:
        return float(F.degree[row]) * F.degree.astype(float)

    def of_raw(*names: str) -> Scorer:
        return lambda F, row, raw, values: sum(raw[name][0] for name in names)

    return {
        "cobuild": cobuild,
        "random": random,
        "preferential_attachment": preferential,
        "common_neighbours": of_raw("common_partners"),
        "adamic_adar": of_raw("adamic_adar"),
        "complementarity": of_raw("needs_met", "offers_wanted"),
    }


def _neighbours(matrix, row: int) -> np.ndarray:
    return matrix.indices[matrix.indptr[row] : matrix.indptr[row + 1]]


def backtest(
    bundle: Bundle,
    split: dt.date | None = None,
    *,
    months: int = 12,
    horizon: int = 6,
    k: int = 10,
    weights: Weights = DEFAULT_WEIGHTS,
    seed: int = 7,
    methods: Sequence[str] = METHODS,
) -> BacktestResult:
    """Backtest ``methods`` on ``bundle`` (see the module docstring); the split
    defaults to :func:`default_split`."""
    unknown = sorted(set(methods) - set(METHODS))
    if unknown:
        raise BadSuggestionRequest(
            f"unknown method(s) {', '.join(unknown)}; choose from {', '.join(METHODS)}",
            f"未知的方法 {'、'.join(unknown)}；可选：{'、'.join(METHODS)}",
        )
    if not 1 <= horizon <= 60:
        raise BadSuggestionRequest(
            f"the horizon is 1 to 60 months, not {horizon}",
            f"检验期须为 1 至 60 个月，而不是 {horizon}",
        )
    split = split or default_split(bundle, horizon)
    test_end = add_months(split + dt.timedelta(days=1), horizon) - dt.timedelta(days=1)
    before = District.from_bundle(bundle, Window(split, months))
    after = District.from_bundle(bundle, Window(test_end, months))
    history = project(after.incidence.between(None, split), max_size=GATHERING_SIZE).weight
    future = project(
        after.incidence.between(split + dt.timedelta(days=1), test_end), max_size=GATHERING_SIZE
    ).weight
    F = district_features(before)
    truth: dict[int, set[int]] = {}
    for row in range(len(F)):
        new = set(_neighbours(future, row).tolist()) - set(_neighbours(history, row).tolist())
        if new:
            truth[row] = new
    order = np.random.default_rng(seed).permutation(len(F))  # the tie-break, shared by all
    scorers = _scorers(weights, seed)
    isolated = np.flatnonzero(F.degree == 0)
    evaluated = sorted(set(truth) | set(isolated.tolist()))
    rankings: dict[str, dict[int, list[int]]] = {m: {} for m in methods}
    covered = dict.fromkeys(methods, 0)
    for row in evaluated:
        mask = candidates(F, row)
        mask[_neighbours(history, row)] = False
        rows = np.flatnonzero(mask)
        raw = raw_parts(F, [row])
        values = part_values(F, raw, [row], None, weights)
        for name in methods:
            score = scorers[name](F, row, raw, values)[rows]
            if F.degree[row] == 0 and np.any(score > 0):
                covered[name] += 1
            if row in truth:
                rankings[name][row] = rows[np.lexsort((order[rows], -score))].tolist()
    figures = {
        name: {**rank_metrics(rankings[name], truth, k), "coverage": covered[name]}
        for name in methods
    }
    return BacktestResult(
        split=split,
        test_end=test_end,
        months=months,
        horizon=horizon,
        k=k,
        seed=seed,
        units=len(truth),
        isolated=len(isolated),
        new_partnerships=sum(len(v) for v in truth.values()) // 2,
        methods=figures,
    )
