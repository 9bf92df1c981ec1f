"""The backtest: its arithmetic on hand-made cases, and what counts as a new partnership."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from graphmodel.errors import BadSuggestionRequest
from graphmodel.records import Activity, Participation, Unit
from graphmodel.store import Bundle
from graphmodel.suggest import backtest as backtest_module
from graphmodel.suggest.backtest import (
    BASELINES,
    METHODS,
    backtest,
    baseline_scorers,
    default_split,
    evaluate,
    evaluated_units,
    first_k,
    period,
    rank_metrics,
    weights_scorer,
)
from graphmodel.suggest.scoring import Weights, part_values, raw_parts
from loaders.demo import generate


def test_precision_counts_hits_in_the_first_k():
    """Two of the first four are new partners: precision@4 is 0.5."""
    result = rank_metrics({"a": ["w", "x", "y", "z", "v"]}, {"a": {"x", "z"}}, k=4)
    assert result["precision"] == 0.5


def test_recall_is_the_share_of_new_partners_found():
    """One of two new partners within k: recall 0.5."""
    result = rank_metrics({"a": ["x", "y", "z"]}, {"a": {"x", "q"}}, k=2)
    assert result["recall"] == 0.5


def test_mrr_uses_the_rank_of_the_first_hit_anywhere():
    """A first hit at rank 4 (beyond k) still gives a reciprocal rank of 1/4."""
    result = rank_metrics({"a": ["w", "x", "y", "z"]}, {"a": {"z"}}, k=2)
    assert result["mrr"] == 0.25 and result["precision"] == 0.0


def test_metrics_average_over_units_with_new_partners():
    """Units without new partners are skipped; the others are averaged."""
    rankings = {"a": ["x", "y"], "b": ["y", "x"], "c": ["x"]}
    truth = {"a": {"x"}, "b": {"x"}, "c": set()}
    assert rank_metrics(rankings, truth, k=1) == {
        "units": 2,
        "precision": 0.5,
        "recall": 0.5,
        "mrr": 0.75,
    }


def test_a_unit_without_a_ranking_scores_zero():
    """A unit the method could not rank counts 0, not skipped."""
    assert rank_metrics({}, {"a": {"x"}}, k=3)["mrr"] == 0.0


def test_k_below_one_is_refused():
    """k = 0 is a clear error."""
    with pytest.raises(BadSuggestionRequest):
        rank_metrics({}, {}, k=0)


def test_the_default_split_leaves_the_last_six_months():
    """With data up to 30 June, the split is 31 December."""
    bundle = Bundle(activities=[Activity("A", "t", "other", dt.date(2026, 6, 30))])
    assert default_split(bundle) == dt.date(2025, 12, 31)


def meeting(aid: str, day: dt.date, *units: str) -> tuple[Activity, list[Participation]]:
    return Activity(aid, aid, "theme_day", day), [Participation(aid, u) for u in units]


@pytest.fixture
def history() -> Bundle:
    """a–b and b–c before the split; after it a–c (new) and a–b again (not new)."""
    units = [Unit(u, u, "school", "S1") for u in "abcd"]
    acts, parts = [], []
    for aid, day, members in [
        ("A1", dt.date(2025, 9, 1), "ab"),
        ("A2", dt.date(2025, 10, 1), "bc"),
        ("A3", dt.date(2026, 3, 1), "ac"),
        ("A4", dt.date(2026, 4, 1), "ab"),
    ]:
        a, ps = meeting(aid, day, *members)
        acts.append(a)
        parts += ps
    return Bundle(units=units, activities=acts, participations=parts)


def test_only_first_partnerships_after_the_split_are_the_truth(history):
    """a–c is new; a–b met before the split and does not count."""
    result = backtest(history, dt.date(2025, 12, 31), k=1)
    assert (result.units, result.new_partnerships) == (2, 1)


def test_a_partner_of_a_partner_is_found(history):
    """c is b's partner, so the project's score ranks c first for a (and a for c)."""
    result = backtest(history, dt.date(2025, 12, 31), k=1)
    assert result.methods["cobuild"]["precision"] == 1.0
    assert result.methods["common_neighbours"]["mrr"] == 1.0


def test_every_method_is_reported_with_margins(history):
    """The result lists every method (no fitted one on a short history) and every margin."""
    data = backtest(history, dt.date(2025, 12, 31), k=1).as_dict()
    assert list(data["methods"]) == [m for m in METHODS if m != "fitted"]
    assert set(data["margins"]) == set(BASELINES)


def test_a_short_history_keeps_the_hand_set_weights(history):
    """Four months of history is too short to learn from: the fixed weights are used, and said so."""
    model = backtest(history, dt.date(2025, 12, 31), k=1).model
    assert (model["base"], model["reason"]) == ("fixed", "short-history")


def test_coverage_counts_isolated_units_with_a_suggestion(history):
    """d is isolated; the project's score (same street) and random suggest for it, CN cannot."""
    methods = backtest(history, dt.date(2025, 12, 31), k=1).methods
    assert methods["cobuild"]["coverage"] == 1
    assert methods["random"]["coverage"] == 1
    assert methods["common_neighbours"]["coverage"] == 0


def test_the_random_baseline_is_seeded(history):
    """Two runs with the same seed give the same random figures."""
    first = backtest(history, dt.date(2025, 12, 31), k=1, seed=3).methods["random"]
    assert backtest(history, dt.date(2025, 12, 31), k=1, seed=3).methods["random"] == first


def test_an_unknown_method_is_refused(history):
    """Asking for a method that does not exist is a clear error."""
    with pytest.raises(BadSuggestionRequest, match="magic"):
        backtest(history, methods=["cobuild", "magic"])


@pytest.mark.parametrize("k", [1, 10, 40])
@pytest.mark.parametrize("seed", range(12))
def test_first_k_equals_sorting_the_whole_ranking(seed, k):
    """Hits in the first k and the first hit's rank, in linear time, equal a full sort's (ties too)."""
    rng = np.random.default_rng(seed)
    score = rng.integers(0, 4, 300).astype(float)  # many ties
    order = rng.permutation(300)
    wanted = rng.random(300) < 0.05
    ranking = np.lexsort((order, -score))
    truth = {"u": set(np.flatnonzero(wanted).tolist())}
    hits, rr = first_k(score, order, wanted, k)
    expected = rank_metrics({"u": ranking.tolist()}, truth, k=k)
    assert (hits / k, rr) == pytest.approx((expected["precision"], expected["mrr"]))


def test_a_citys_backtest_ranks_a_seeded_sample_of_units(monkeypatch, history):
    """Above MAX_EVALUATED units with new partners, a seeded sample of that many is ranked."""
    monkeypatch.setattr(backtest_module, "MAX_EVALUATED", 1)
    result = backtest(history, fit=False)
    assert result.methods["cobuild"]["units"] == 1 and result.isolated <= 1


def test_a_weighted_score_is_the_sum_of_every_contribution():
    """Adding only the parts with a weight gives exactly the sum of all contributions, per unit."""
    bundle = generate(seed=7, scale="district", end=dt.date(2026, 6, 30))
    F = period(bundle, default_split(bundle)).features
    weights = Weights(adamic_adar=0.0, nearby=0.0, weighted_common=0.3, partner_activity=0.2)
    score = weights_scorer(weights)
    for row in range(0, len(F), 7):
        raw = raw_parts(F, [row])
        values = part_values(F, raw, [row])
        expected = sum(weights.contributions(values, raw).values())[0]
        assert np.array_equal(score(F, row, raw, values), expected)


def test_the_evaluation_equals_sorting_every_candidate_ranking():
    """evaluate's figures equal ranking each unit's candidates by a full sort (the demo district)."""
    bundle = generate(seed=7, scale="district", end=dt.date(2026, 6, 30))
    p = period(bundle, default_split(bundle))
    scorers = {"fixed": weights_scorer(Weights()), **baseline_scorers(7)}
    figures = evaluate(p, scorers, k=10, seed=7)
    F, order = p.features, np.random.default_rng(7).permutation(len(p.features))
    ranked, isolated = evaluated_units(p, 7)
    for name, scorer in scorers.items():
        rankings, covered = {}, 0
        for row in sorted(set(ranked) | set(isolated)):
            cand = p.candidates(row)
            raw = raw_parts(F, [row])
            score = scorer(F, row, raw, part_values(F, raw, [row]))[cand]
            rankings[row] = cand[np.lexsort((order[cand], -score))].tolist()
            covered += bool(F.degree[row] == 0 and np.any(score > 0))
        expected = rank_metrics(rankings, {row: p.truth[row] for row in ranked}, k=10)
        got = figures[name]
        assert (got["units"], got["coverage"]) == (expected["units"], covered)
        for measure in ("precision", "recall", "mrr"):
            assert got[measure] == pytest.approx(expected[measure], rel=1e-12)
