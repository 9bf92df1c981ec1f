"""Colour scales for scores: a graded scale anchored on the pass and excellent marks.

Three colours (red below pass, amber to excellent, green above) cannot tell
streets apart when all of them are below the pass mark, as a new district's
first year often is. :func:`score_step` keeps those anchors and grades each band:
below the pass mark it spreads the steps over the scores actually present (from
the lowest score up to the pass mark), between pass and excellent it grades
evenly. Steps are CSS classes (``heat-0`` … ``heat-7``): the strict CSP allows no
inline colours.

>>> scale = ScoreScale(passing=60, excellent=95, lowest=17)
>>> [scale.step(s) for s in (17, 30, 45, 59, 60, 80, 94, 95)]
[0, 1, 2, 3, 4, 5, 6, 7]
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

#: Steps below the pass mark (0 … 3), between pass and excellent (4 … 6), excellent (7).
BELOW, BETWEEN = 4, 3
EXCELLENT_STEP = BELOW + BETWEEN


@dataclass(frozen=True)
class ScoreScale:
    """The pass and excellent marks, and the lowest score the scale must show apart."""

    passing: float
    excellent: float
    lowest: float = 0.0

    @classmethod
    def over(cls, scores: Iterable[float | None], passing: float, excellent: float):
        """The scale for ``scores`` (missing ones ignored): its floor is their minimum.

        >>> ScoreScale.over([40, None, 55], 60, 95).lowest
        40
        """
        present = [s for s in scores if s is not None and math.isfinite(s)]
        return cls(passing, excellent, min([*present, passing]))

    def step(self, score: float | None) -> int | None:
        """The colour step of ``score`` (None when there is no score)."""
        if score is None:
            return None
        if score >= self.excellent:
            return EXCELLENT_STEP
        if score >= self.passing:
            span = self.excellent - self.passing
            share = (score - self.passing) / span if span > 0 else 0.0
            return BELOW + min(BETWEEN - 1, int(share * BETWEEN))
        span = self.passing - self.lowest
        share = (score - self.lowest) / span if span > 0 else 0.0
        return max(0, min(BELOW - 1, int(share * BELOW)))

    def legend(self) -> list[dict]:
        """Each step with the scores it covers: ``[{"step", "low", "high"}]``, low to high."""
        below = (self.passing - self.lowest) / BELOW
        between = (self.excellent - self.passing) / BETWEEN
        rows = [
            {"step": i, "low": self.lowest + i * below, "high": self.lowest + (i + 1) * below}
            for i in range(BELOW)
        ]
        rows += [
            {
                "step": BELOW + i,
                "low": self.passing + i * between,
                "high": self.passing + (i + 1) * between,
            }
            for i in range(BETWEEN)
        ]
        rows.append({"step": EXCELLENT_STEP, "low": self.excellent, "high": 100.0})
        return rows
