"""Learned weights: fitted on earlier windows, chosen on the validation split, never below
the best simple baseline — on the demo and on demo districts whose partners meet for other reasons."""

from __future__ import annotations

import datetime as dt

import pytest

from graphmodel.suggest.backtest import SIMPLE_BASELINES, backtest, default_split
from graphmodel.suggest.learn import fit_weights
from graphmodel.suggest.scoring import PARTS, Weights
from loaders.demo import PARTNER_RULES, generate

END = dt.date(2026, 6, 30)


@pytest.fixture(scope="module", params=PARTNER_RULES)
def variant(request):
    """The demo district (seed 7) generated with each partner rule, and its backtest."""
    bundle = generate(seed=7, scale="district", end=END, partner_rule=request.param)
    return bundle, backtest(bundle)


def best_baseline(methods: dict) -> float:
    return max(methods[name]["precision"] for name in SIMPLE_BASELINES)


def test_the_score_in_use_is_never_below_the_best_baseline(variant):
    """On every partner rule, precision@10 of the score in use ≥ 1.0 × the best simple baseline."""
    _, result = variant
    assert result.methods["cobuild"]["precision"] >= best_baseline(result.methods)


def test_the_fitted_model_is_reported_beside_the_fixed_weights(variant):
    """Three years of history are enough to fit: both are measured on the validation split."""
    _, result = variant
    assert {"fitted", "fixed"} <= set(result.methods) and result.model["fit"]["weights"]


def test_training_windows_end_before_the_validation_split(variant):
    """No training pair looks past the split: every training window's truth ends by it."""
    _, result = variant
    windows = result.model["fit"]["windows"]
    assert windows and all(w["test_end"] <= result.split.isoformat() for w in windows)


def test_fitted_weights_are_never_negative(variant):
    """Every fitted weight is ≥ 0, so the score stays a readable sum of parts."""
    bundle, _ = variant
    fit = fit_weights(bundle, default_split(bundle))
    assert all(fit.weights.of(name) >= 0 for name in PARTS)


def test_a_poor_score_is_blended_toward_the_best_baseline():
    """Weights that only reward a different kind lose to the baselines, so the score is blended
    toward the best one and reaches it."""
    bundle = generate(seed=7, scale="district", end=END, partner_rule="structure")
    poor = Weights(**{name: 0.0 for name in PARTS}).replace(kind_diversity=1.0)
    result = backtest(bundle, weights=poor, fit=False)
    assert result.model["method"].startswith("blend-")
    assert result.methods["cobuild"]["precision"] >= best_baseline(result.methods)
