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
(what :func:`~graphmodel.suggest.suggest` would show). Above
:data:`MAX_EVALUATED` units (a city), a seeded sample of that many is ranked.

Methods: ``cobuild`` (the score in use: weights fitted on the district's own
earlier windows, the hand-set weights, or a blend toward the best simple
baseline, whichever :mod:`.learn` chose), ``fitted`` and ``fixed`` (the
fitted and the hand-set weights on their own), and the baselines ``random``
(seeded), ``preferential_attachment`` (product of partner counts),
``common_neighbours``, ``adamic_adar``, ``resource_allocation``,
``weighted_common_neighbours`` (tie strengths of the common partners) and
``complementarity`` (needs met plus offers wanted, in resources).

>>> rank_metrics({"a": ["x", "y", "z"], "b": ["z", "y"]}, {"a": {"y"}, "b": {"x"}}, k=2)
{'units': 2, 'precision': 0.25, 'recall': 0.5, 'mrr': 0.25}
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from ..district import District
from ..errors import BadSuggestionRequest
from ..store import Bundle
from ..window import add_months
from .features import Features
from .periods import Period, period, records
from .scoring import DEFAULT_WEIGHTS, PARTS, Weights, part_values, raw_parts

__all__ = [
    "BASELINES",
    "METHODS",
    "SIMPLE_BASELINES",
    "BacktestResult",
    "Period",
    "backtest",
    "default_split",
    "evaluate",
    "evaluated_units",
    "first_k",
    "period",
    "rank_metrics",
    "records",
]

#: The structural baselines the score must never fall below, each with the raw
#: measure of :func:`~graphmodel.suggest.scoring.raw_parts` it ranks by.
SIMPLE_BASELINES: dict[str, str] = {
    "common_neighbours": "common_partners",
    "adamic_adar": "adamic_adar",
    "resource_allocation": "resource_allocation",
    "weighted_common_neighbours": "weighted_common",
}
#: Every baseline reported.
BASELINES = (
    "random",
    "preferential_attachment",
    *SIMPLE_BASELINES,
    "complementarity",
)
#: The score in use, the fitted and the hand-set weights, then the baselines.
METHODS = ("cobuild", "fitted", "fixed", *BASELINES)


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
        raise BadSuggestionRequest("k 至少为 1，而不是 {k}", k=k)
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
    #: How the score in use was chosen (:meth:`graphmodel.suggest.model.Model.as_dict`).
    model: dict = field(default_factory=dict)
    #: The chosen model itself (:class:`~graphmodel.suggest.model.Model`), to score with.
    chosen: object = field(default=None, compare=False, repr=False)

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
            "best_baseline": self.best_baseline(),
            "model": self.model,
        }

    def best_baseline(self) -> str | None:
        """The simple baseline with the highest precision@k (then MRR)."""
        found = [n for n in SIMPLE_BASELINES if n in self.methods]
        if not found:
            return None
        return max(found, key=lambda n: (self.methods[n]["precision"], self.methods[n]["mrr"]))


def default_split(bundle: Bundle, horizon: int = 6) -> dt.date:
    """The day before the last ``horizon`` months of the data (the latest activity).

    >>> from graphmodel.records import Activity
    >>> default_split(Bundle(activities=[Activity("A1", "t", "other", dt.date(2026, 6, 30))]))
    datetime.date(2025, 12, 31)
    """
    if not bundle.activities:
        raise BadSuggestionRequest("回测需要活动数据：存储中没有活动")
    last = max(a.date for a in bundle.activities)
    return add_months(last + dt.timedelta(days=1), -horizon) - dt.timedelta(days=1)


Scorer = Callable[[Features, int, dict, dict], np.ndarray]


def baseline_scorers(seed: int) -> dict[str, Scorer]:
    """Score functions ``(F, row, raw parts, part values) → one score per unit``
    of every baseline."""

    def random(F: Features, row: int, raw: dict, values: dict) -> np.ndarray:
        return np.random.default_rng([seed, row]).random(len(F)) + 1e-9

    def preferential(F: Features, row: int, raw: dict, values: dict) -> np.ndarray:
        return float(F.degree[row]) * F.degree.astype(float)

    def of_raw(*names: str) -> Scorer:
        return lambda F, row, raw, values: sum(raw[name][0] for name in names)

    return {
        "random": random,
        "preferential_attachment": preferential,
        **{name: of_raw(part) for name, part in SIMPLE_BASELINES.items()},
        "complementarity": of_raw("needs_met", "offers_wanted"),
    }


def weights_scorer(weights) -> Scorer:
    """The score of ``weights`` (a :class:`Weights` or a fitted model) as a scorer.

    Without a blend, only the parts with a weight are added, in the order of
    :data:`~.scoring.PARTS`: a part with no weight adds exactly 0, so the sum is
    the same number (a city's backtest ranks 2,000 units by ten scores each)."""
    if weights.blend_part is not None:

        def blended(F: Features, row: int, raw: dict, values: dict) -> np.ndarray:
            return sum(weights.contributions(values, raw).values())[0]

        return blended
    used = [
        ((-1.0 if name == "overload" else 1.0) * weights.shape.of(name), name)
        for name in PARTS
        if weights.shape.of(name) != 0
    ]

    def score(F: Features, row: int, raw: dict, values: dict) -> np.ndarray:
        total = np.zeros(len(F))
        for signed, name in used:
            total += signed * values[name][0]
        return total

    return score


#: Units evaluated at most, each of those with new partners and of the isolated
#: ones (a seeded sample above it: a city's backtest stays within a minute).
MAX_EVALUATED = 1000


def first_k(score: np.ndarray, order: np.ndarray, wanted: np.ndarray, k: int) -> tuple[int, float]:
    """Hits among the ``k`` best of ``score`` (ties by ``order``, lowest first) and
    ``1 / rank`` of the best ``wanted`` one (0 without one): what sorting the whole
    ranking gives, in linear time — each wanted one's rank is one plus the units
    before it (a higher score, or the same and a lower ``order``).

    >>> first_k(np.array([0.5, 0.9, 0.5, 0.1]), np.array([3, 0, 1, 2]),
    ...         np.array([True, False, False, True]), 2)
    (0, 0.3333333333333333)
    """
    if not wanted.any():
        return 0, 0.0
    best = score[wanted].max()
    tied = score == best
    first = order[wanted & tied].min()
    rank = int(np.count_nonzero(score > best) + np.count_nonzero(tied & (order < first)))
    if rank >= k:  # the best wanted one is below the k first: so is every other
        return 0, 1.0 / (rank + 1)
    mine, place = score[wanted], order[wanted]
    before = np.count_nonzero(score[None, :] > mine[:, None], axis=1)
    tied = score[None, :] == mine[:, None]
    before += np.count_nonzero(tied & (order[None, :] < place[:, None]), axis=1)
    return int(np.count_nonzero(before < k)), 1.0 / (rank + 1)


def evaluated_units(p: Period, seed: int = 7) -> tuple[list[int], list[int]]:
    """The units with new partners and the isolated units a backtest ranks for
    (each a seeded sample of :data:`MAX_EVALUATED` when there are more)."""
    rng = np.random.default_rng(seed)

    def sample(rows: list[int]) -> list[int]:
        if len(rows) <= MAX_EVALUATED:
            return rows
        return sorted(rng.choice(rows, MAX_EVALUATED, replace=False).tolist())

    isolated = np.flatnonzero(p.features.degree == 0).tolist()
    return sample(sorted(p.truth)), sample(isolated)


def evaluate(
    p: Period,
    scorers: Mapping[str, Scorer],
    *,
    k: int = 10,
    seed: int = 7,
    shape: Weights = DEFAULT_WEIGHTS,
) -> dict[str, dict]:
    """precision@k, recall@k, MRR and coverage of each scorer on period ``p``
    (ties broken by one seeded order of the units, the same for every method),
    over :func:`evaluated_units`."""
    F = p.features
    order = np.random.default_rng(seed).permutation(len(F))
    ranked, isolated = evaluated_units(p, seed)
    ranking = set(ranked)
    sums = {name: np.zeros(3) for name in scorers}  # precision, recall, reciprocal rank
    covered = dict.fromkeys(scorers, 0)
    for row in sorted(ranking | set(isolated)):
        # The units that are no candidates score −inf: below every candidate, so the
        # ranks are those among the candidates alone, without copying the
        # candidates' scores out for every method.
        shut = p.shut_out(row)
        raw = raw_parts(F, [row])
        values = part_values(F, raw, [row], None, shape)
        wanted = np.zeros(len(F), dtype=bool)
        wanted[list(p.truth.get(row, ()))] = True
        wanted[shut] = False
        for name, scorer in scorers.items():
            score = scorer(F, row, raw, values)
            if not score.flags.owndata:  # a view of a measure that others read too
                score = score.copy()
            score[shut] = -np.inf
            if F.degree[row] == 0 and np.any(score > 0):
                covered[name] += 1
            if row in ranking:
                hits, rr = first_k(score, order, wanted, k)
                sums[name] += (hits / k, hits / len(p.truth[row]), rr)
    units = max(len(ranked), 1)
    return {
        name: {
            "units": len(ranked),
            "precision": float(sums[name][0] / units),
            "recall": float(sums[name][1] / units),
            "mrr": float(sums[name][2] / units),
            "coverage": covered[name],
        }
        for name in scorers
    }


def backtest(
    data: Bundle | District,
    split: dt.date | None = None,
    *,
    months: int = 12,
    horizon: int = 6,
    k: int = 10,
    weights: Weights = DEFAULT_WEIGHTS,
    seed: int = 7,
    methods: Sequence[str] = METHODS,
    fit: bool = True,
) -> BacktestResult:
    """Backtest ``methods`` on ``data`` (a bundle, or a snapshot whose window ends
    on its data end: see the module docstring); the split defaults to
    :func:`default_split`. With ``fit``, the weights are fitted on the windows
    before the split (:func:`.learn.fit_weights`) and ``cobuild`` is the chosen
    model; without, ``cobuild`` and ``fitted`` are ``weights``."""
    from .learn import choose, fit_weights  # learn builds on this module

    unknown = sorted(set(methods) - set(METHODS))
    if unknown:
        raise BadSuggestionRequest(
            "未知的方法 {unknown}；可选：{methods}",
            unknown=unknown,
            methods=METHODS,
        )
    bundle, whole = records(data)
    split = split or default_split(bundle, horizon)
    validation = period(bundle, split, months, horizon, whole=whole)
    scorers: dict[str, Scorer] = {"fixed": weights_scorer(weights), **baseline_scorers(seed)}
    fitted = fit_weights(data, split, months=months, horizon=horizon) if fit else None
    if fitted is not None and fitted.weights is not None:
        scorers["fitted"] = weights_scorer(fitted.weights)
    figures = evaluate(validation, scorers, k=k, seed=seed)
    model = choose(validation, figures, fitted, weights, k=k, seed=seed)
    figures = {**figures, **model.validation}
    figures["cobuild"] = figures[model.method]
    ordered = {name: figures[name] for name in METHODS if name in methods and name in figures}
    return BacktestResult(
        split=split,
        test_end=validation.test_end,
        months=months,
        horizon=horizon,
        k=k,
        seed=seed,
        units=len(validation.truth),
        isolated=len(evaluated_units(validation, seed)[1]),
        new_partnerships=sum(len(v) for v in validation.truth.values()) // 2,
        methods=ordered,
        model=model.as_dict(),
        chosen=model,
    )
