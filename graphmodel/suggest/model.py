"""The score in use: a weighted sum of parts, and where its weights came from.

A :class:`Model` holds the weights of the parts (fitted on the district's own
history by :mod:`.learn`, or the hand-set :data:`~.scoring.DEFAULT_WEIGHTS`)
and, when neither beat the best simple baseline on the validation split, a
blend toward that baseline: the score becomes ``(1 − α) · Σ parts + α ·
baseline / scale``, the baseline's share counted in its structural part, so
that the parts still sum to the score and the reasons stay true.

>>> import numpy as np
>>> m = Model(DEFAULT_WEIGHTS, "fixed", baseline="adamic_adar", alpha=1.0, scale=2.0)
>>> values = {name: np.zeros((1, 2)) for name in PARTS}
>>> raw = {"adamic_adar": np.array([[0.0, 4.0]])}
>>> m.contributions(values, raw)["adamic_adar"].tolist()
[[0.0, 2.0]]
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np

from .scoring import DEFAULT_WEIGHTS, PARTS, Weights, contributions

__all__ = ["BASELINE_PART", "FIXED_MODEL", "Model"]

#: The structural part each simple baseline's measure belongs to.
BASELINE_PART: dict[str, str] = {
    "common_neighbours": "common_partners",
    "adamic_adar": "adamic_adar",
    "resource_allocation": "resource_allocation",
    "weighted_common_neighbours": "weighted_common",
}


@dataclass(frozen=True, eq=False)
class Model:
    """The weights in use (``base``: ``fitted`` or ``fixed``), an optional blend
    toward a baseline, and the record of how they were chosen."""

    weights: Weights
    base: str
    baseline: str | None = None
    alpha: float = 0.0
    scale: float = 1.0
    #: Why the model is what it is (``fitted-better``, ``fixed-better``,
    #: ``short-history``, ``blended``), for the model card.
    reason: str = "fixed-better"
    #: Validation figures per method (precision, recall, mrr, coverage).
    validation: dict = field(default_factory=dict)
    #: The fit's record (:meth:`graphmodel.suggest.learn.Fit.as_dict`), or None.
    fit: dict | None = None
    split: dt.date | None = None
    test_end: dt.date | None = None
    made_at: dt.datetime | None = None

    @property
    def shape(self) -> Weights:
        """The constants that shape the parts."""
        return self.weights

    @property
    def blend_part(self) -> str | None:
        """The part the blend toward a baseline adds to (None without a blend)."""
        return BASELINE_PART[self.baseline] if self.baseline and self.alpha > 0 else None

    @property
    def method(self) -> str:
        """The method name of this model in the validation figures."""
        return f"blend-{self.alpha:g}" if self.baseline and self.alpha > 0 else self.base

    def contributions(self, values: dict, raw: dict) -> dict[str, np.ndarray]:
        """Each part's contribution; they sum to the score."""
        parts = contributions(values, self.weights)
        if not self.baseline or self.alpha <= 0:
            return parts
        parts = {name: (1 - self.alpha) * value for name, value in parts.items()}
        part = BASELINE_PART[self.baseline]
        parts[part] = parts[part] + self.alpha * raw[part] / self.scale
        return parts

    def as_dict(self) -> dict:
        """The JSON shape for the CLI, the API and the model card."""
        return {
            "method": self.method,
            "base": self.base,
            "reason": self.reason,
            "baseline": self.baseline,
            "alpha": self.alpha,
            "scale": round(self.scale, 6),
            "weights": {name: round(self.weights.of(name), 4) for name in PARTS},
            "fit": self.fit,
            "split": self.split.isoformat() if self.split else None,
            "test_end": self.test_end.isoformat() if self.test_end else None,
            "made_at": self.made_at.isoformat() if self.made_at else None,
        }


#: The hand-set weights as a model (no history to learn from).
FIXED_MODEL = Model(DEFAULT_WEIGHTS, "fixed", reason="short-history")
