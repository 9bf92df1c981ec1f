"""Weights learned from the district's own history, never worse than the simple baselines.

:func:`fit_weights` builds training pairs from windows *before* the
validation split: for a split ``s`` it takes the district as it stood on ``s``
(its window's features) and marks a candidate pair positive when the two first
worked together in the ``horizon`` months after ``s``. The earlier splits are
``s − horizon``, ``s − 2·horizon`` … as far as the history allows (each
window must lie inside the data). The weights minimise a listwise ranking loss
— per unit, the softmax cross-entropy of its new partners among its
candidates (ListNet, Cao et al. 2007) — with an L2 penalty, by
``scipy.optimize`` (L-BFGS-B). Every weight is bounded below by 0, so the
score stays a sum of parts a planner can read (the overload part counts
against). Above :data:`MAX_UNITS` units per window, or
:data:`MAX_CANDIDATES` candidates per unit, both are sampled (the candidates
as the hardest half by the hand-set score plus a random half).

:func:`choose` then compares, on the validation split (the last ``horizon``
months, never seen by the fit), the fitted weights, the hand-set ones and
every simple baseline (common neighbours, Adamic–Adar, resource allocation,
tie-strength common neighbours): the better of the fitted and the hand-set
weights is used when it reaches the best baseline's precision@k; otherwise
the score is blended toward that baseline (:class:`~.model.Model`), the blend
with the best precision@k winning, and a full blend (α = 1) ranks exactly as
the baseline does — so the score in use is never below the best simple
baseline on the district's own backtest.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import minimize

from ..district import District
from ..store import Bundle
from ..window import add_months
from .backtest import SIMPLE_BASELINES, Period, evaluate, period, records, weights_scorer
from .model import Model
from .scoring import DEFAULT_WEIGHTS, PARTS, Weights, part_values, raw_parts

__all__ = ["MAX_CANDIDATES", "MAX_UNITS", "Fit", "choose", "fit_weights"]

#: Units with new partners used per training window (sampled above this).
MAX_UNITS = 150
#: Candidates kept per unit (sampled above this).
MAX_CANDIDATES = 200
#: Cells (rows × units) of the dense blocks the parts are computed in.
CHUNK_CELLS = 500_000
#: Training windows at most, and the fewest units with new partners over all of
#: them below which the history counts as too short to learn from.
MAX_WINDOWS = 3
MIN_UNITS = 30
#: L2 penalty on the weights.
PENALTY = 1e-3
#: Blend shares tried toward the best baseline (1.0 ranks as the baseline).
ALPHAS = (0.3, 0.5, 0.7, 0.85, 0.95, 1.0)


@dataclass(frozen=True)
class Fit:
    """The fitted weights (None when the history was too short) and what they were fitted on."""

    weights: Weights | None
    windows: list[dict] = field(default_factory=list)
    pairs: int = 0
    positives: int = 0
    seconds: float = 0.0

    def as_dict(self) -> dict:
        return {
            "windows": self.windows,
            "pairs": self.pairs,
            "positives": self.positives,
            "seconds": round(self.seconds, 2),
            "weights": None
            if self.weights is None
            else {name: round(self.weights.of(name), 4) for name in PARTS},
        }


def _first_date(bundle: Bundle) -> dt.date | None:
    return min((a.date for a in bundle.activities), default=None)


def training_splits(
    bundle: Bundle, split: dt.date, months: int, horizon: int, windows: int = MAX_WINDOWS
) -> list[dt.date]:
    """The splits before ``split`` whose whole window lies inside the data."""
    first = _first_date(bundle)
    found = []
    for i in range(1, windows + 1):
        s = add_months(split + dt.timedelta(days=1), -horizon * i) - dt.timedelta(days=1)
        start = add_months(s + dt.timedelta(days=1), -months)
        if first is None or start < first - dt.timedelta(days=31):
            break
        found.append(s)
    return found


#: The sign of each part in a training pair's features: the overload part negated
#: (so every weight is ≥ 0).
SIGNS = tuple(-1.0 if n == "overload" else 1.0 for n in PARTS)


def _signed(values: dict) -> np.ndarray:
    """Parts × rows × units, the overload part negated (so every weight is ≥ 0)."""
    return np.stack([(-1.0 if n == "overload" else 1.0) * values[n] for n in PARTS])


def _pairs(values: dict, i: int, cand: np.ndarray) -> np.ndarray:
    """Candidates × parts of row ``i`` of a block (the overload part negated),
    filled part by part without stacking the whole block; the transpose of a parts
    × candidates array, the layout the pairs always had, so that ``X @ weights``
    sums in the same order and picks the same hard negatives."""
    out = np.empty((len(PARTS), len(cand)))
    for j, name in enumerate(PARTS):
        out[j] = SIGNS[j] * values[name][i, cand]
    return out.T


def samples(
    p: Period, rng: np.random.Generator, shape: Weights = DEFAULT_WEIGHTS
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Training pairs of period ``p``: features (pairs × parts), labels and the
    group (the unit) of each pair, groups contiguous."""
    F = p.features
    units = sorted(p.truth)
    if len(units) > MAX_UNITS:
        units = sorted(rng.choice(units, MAX_UNITS, replace=False).tolist())
    xs, ys, gs = [], [], []
    fixed = np.array([(-1.0 if n == "overload" else 1.0) * DEFAULT_WEIGHTS.of(n) for n in PARTS])
    chunk = max(1, CHUNK_CELLS // max(len(F), 1))
    for first in range(0, len(units), chunk):
        rows = units[first : first + chunk]
        raw = raw_parts(F, rows)
        values = part_values(F, raw, rows, None, shape)
        for i, row in enumerate(rows):
            cand = p.candidates(row)
            label = np.isin(cand, list(p.truth[row]))
            if not label.any():
                continue
            X = _pairs(values, i, cand)
            if len(cand) > MAX_CANDIDATES:
                keep = _subsample(X @ fixed, label, rng)
                X, label = X[keep], label[keep]
            xs.append(X)
            ys.append(label)
            gs.append(np.full(len(label), first + i))
    if not xs:
        return np.zeros((0, len(PARTS))), np.zeros(0, bool), np.zeros(0, int)
    return np.vstack(xs), np.concatenate(ys), np.concatenate(gs)


def _subsample(score: np.ndarray, label: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Positives, the hardest negatives by ``score`` and as many random ones."""
    half = MAX_CANDIDATES // 2
    negatives = np.flatnonzero(~label)
    order = np.argsort(-score[negatives], kind="stable")
    hard, rest = negatives[order[:half]], negatives[order[half:]]
    easy = rng.choice(rest, min(half, len(rest)), replace=False)
    return np.sort(np.concatenate([np.flatnonzero(label), hard, easy]))


def _loss(
    w: np.ndarray,
    X: np.ndarray,
    y: np.ndarray,
    group: np.ndarray,
    starts: np.ndarray,
    npos: np.ndarray,
):
    """Listwise softmax loss (mean over units) + L2, and its gradient; ``group``
    numbers each pair's unit 0, 1, … and ``npos`` counts each unit's positives."""
    s = X @ w
    top = np.maximum.reduceat(s, starts)  # groups are contiguous
    e = np.exp(s - top[group])
    z = np.bincount(group, weights=e, minlength=len(npos))
    pos_sum = np.bincount(group, weights=np.where(y, s, 0.0), minlength=len(npos))
    loss = np.mean(np.log(z) + top - pos_sum / npos)
    coef = e / z[group] - np.where(y, 1.0, 0.0) / npos[group]
    grad = coef @ X / len(npos)
    return loss + PENALTY * w @ w, grad + 2 * PENALTY * w


def fit_weights(
    data: Bundle | District,
    split: dt.date,
    *,
    months: int = 12,
    horizon: int = 6,
    seed: int = 7,
    shape: Weights = DEFAULT_WEIGHTS,
) -> Fit:
    """Weights fitted on the windows before ``split`` (see the module docstring);
    ``data`` is a bundle or a snapshot holding every activity (whose incidence is reused)."""
    started = time.perf_counter()
    bundle, whole = records(data)
    rng = np.random.default_rng(seed)
    xs, ys, gs, windows = [], [], [], []
    offset = 0
    for s in training_splits(bundle, split, months, horizon):
        p = period(bundle, s, months, horizon, whole=whole)
        X, y, g = samples(p, rng, shape)
        windows.append(
            {
                "split": s.isoformat(),
                "test_end": p.test_end.isoformat(),
                "units": int(len(np.unique(g))),
                "positives": int(y.sum()),
            }
        )
        xs.append(X)
        ys.append(y)
        gs.append(g + offset)
        offset += int(g.max()) + 1 if len(g) else 0
    units = sum(w["units"] for w in windows)
    if units < MIN_UNITS:
        return Fit(None, windows, seconds=time.perf_counter() - started)
    X, y, g = np.vstack(xs), np.concatenate(ys), np.concatenate(gs)
    starts = np.flatnonzero(np.r_[True, g[1:] != g[:-1]])
    group = np.repeat(np.arange(len(starts)), np.diff(np.r_[starts, len(g)]))
    npos = np.bincount(group, weights=y.astype(float))
    w0 = np.array([max(DEFAULT_WEIGHTS.of(n), 0.1) for n in PARTS])
    result = minimize(
        _loss,
        w0,
        args=(X, y, group, starts, npos),
        jac=True,
        method="L-BFGS-B",
        bounds=[(0.0, None)] * len(PARTS),
        options={"maxiter": 300},
    )
    weights = shape.replace(**{n: float(round(v, 4)) for n, v in zip(PARTS, result.x, strict=True)})
    return Fit(
        weights,
        windows,
        pairs=len(y),
        positives=int(y.sum()),
        seconds=time.perf_counter() - started,
    )


def _better(a: dict, b: dict) -> bool:
    """``a`` ranks better than ``b``: higher precision@k, then MRR."""
    return (a["precision"], a["mrr"]) > (b["precision"], b["mrr"])


def _blend_scale(p: Period, model: Model, part: str, rows: int = 50) -> float:
    """How many units of the baseline's measure make one unit of the model's
    score, at the top of the rankings (medians over some units)."""
    F = p.features
    tops_raw, tops_model = [], []
    for row in sorted(p.truth)[:rows]:
        raw = raw_parts(F, [row])
        values = part_values(F, raw, [row], None, model.shape)
        cand = p.candidates(row)
        tops_raw.append(float(raw[part][0][cand].max(initial=0.0)))
        tops_model.append(
            float(sum(model.contributions(values, raw).values())[0][cand].max(initial=0.0))
        )
    r, m = float(np.median(tops_raw)), float(np.median(tops_model))
    return r / m if r > 0 and m > 0 else 1.0


def choose(
    p: Period,
    figures: dict[str, dict],
    fit: Fit | None,
    fixed: Weights = DEFAULT_WEIGHTS,
    *,
    k: int = 10,
    seed: int = 7,
) -> Model:
    """The model to use, from the validation ``figures`` (see the module docstring)."""
    common = {
        "fit": None if fit is None else fit.as_dict(),
        "split": p.split,
        "test_end": p.test_end,
        "made_at": dt.datetime.now().replace(microsecond=0),
    }
    if fit is not None and fit.weights is not None and _better(figures["fitted"], figures["fixed"]):
        base = Model(fit.weights, "fitted", reason="fitted-better", **common)
    else:
        reason = (
            "not-fitted"
            if fit is None
            else "short-history"
            if fit.weights is None
            else "fixed-better"
        )
        base = Model(fixed, "fixed", reason=reason, **common)
    best = max(SIMPLE_BASELINES, key=lambda n: (figures[n]["precision"], figures[n]["mrr"]))
    if figures[base.base]["precision"] >= figures[best]["precision"]:
        return _with(base, validation=figures)
    part = SIMPLE_BASELINES[best]
    scale = _blend_scale(p, base, part)
    blends = {
        alpha: _with(base, baseline=best, alpha=alpha, scale=scale, reason="blended")
        for alpha in ALPHAS
    }
    found = evaluate(p, {m.method: weights_scorer(m) for m in blends.values()}, k=k, seed=seed)
    figures = {**figures, **found}
    chosen = blends[1.0]
    for alpha in ALPHAS:  # the smallest share toward the baseline that is best
        if _better(found[blends[alpha].method], found[chosen.method]):
            chosen = blends[alpha]
    return _with(chosen, validation=figures)


def _with(model: Model, **changes) -> Model:
    return dataclasses.replace(model, **changes)
