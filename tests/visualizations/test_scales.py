"""The heat map's graded scale: anchored on the pass and excellent marks, spread below pass."""

from __future__ import annotations

import pytest

from visualizations.scales import EXCELLENT_STEP, ScoreScale


def test_scores_all_below_the_pass_mark_still_get_four_shades():
    """A district scoring 17–50 against a pass mark of 60 shows four different steps."""
    scale = ScoreScale.over([17, 25, 33, 42, 50], passing=60, excellent=95)
    assert len({scale.step(s) for s in (17, 25, 33, 42, 50)}) == 4


@pytest.mark.parametrize(
    "score, step", [(60, 4), (94.9, 6), (95, EXCELLENT_STEP), (100, EXCELLENT_STEP)]
)
def test_the_marks_anchor_the_bands(score, step):
    """The pass mark starts the amber band and the excellent mark the green step."""
    assert ScoreScale(60, 95, lowest=10).step(score) == step


def test_a_score_below_the_pass_mark_never_reaches_the_pass_band():
    """59.9 stays in the red band whatever the spread."""
    assert ScoreScale(60, 95, lowest=59).step(59.9) < 4


def test_steps_never_fall_as_scores_rise():
    """The scale is monotone from the lowest score to 100."""
    scale = ScoreScale(60, 95, lowest=12)
    steps = [scale.step(s / 2) for s in range(24, 201)]
    assert steps == sorted(steps)


def test_a_missing_score_has_no_step():
    """A street with no assessed unit in a quarter is left uncoloured."""
    assert ScoreScale(60, 95).step(None) is None


def test_the_legend_covers_every_step_in_order():
    """The legend names each step with its score range."""
    legend = ScoreScale(60, 95, lowest=20).legend()
    assert [r["step"] for r in legend] == list(range(EXCELLENT_STEP + 1))
    assert legend[0]["low"] == 20 and legend[3]["high"] == 60 and legend[-1]["low"] == 95
