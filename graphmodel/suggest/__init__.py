"""Suggested partnerships: who should work with whom, why, and how good the guesses are.

- :mod:`.scoring` — the score of a candidate partner and its parts, with the
  weights in one place (:class:`Weights`);
- :mod:`.partners` — :func:`suggest`: ranked partners for one unit with reasons;
- :mod:`.triage` — :func:`who_to_help`: the district's isolated, declining and
  following units with their best partners, and :func:`propose_zones`: small
  units grouped into collaboration zones;
- :mod:`.backtest` — :func:`.backtest.backtest`: precision@k, recall@k and MRR of the
  scoring against simple baselines on partnerships that formed later;
- :mod:`.answers` — the same for a store, as JSON-able dicts for the CLI and the API.
"""

from __future__ import annotations

from ..errors import BadDecision, BadSuggestionRequest, SuggestionError, UnknownUnit
from .backtest import BacktestResult, rank_metrics
from .features import Features, district_features, unit_features
from .partners import Suggestion, latest_decisions, suggest
from .reasons import Evidence, Reason
from .scoring import DEFAULT_WEIGHTS, PARTS, Weights, score_parts
from .triage import propose_zones, who_to_help

__all__ = [
    "DEFAULT_WEIGHTS",
    "PARTS",
    "BacktestResult",
    "BadDecision",
    "BadSuggestionRequest",
    "Evidence",
    "Features",
    "Reason",
    "Suggestion",
    "SuggestionError",
    "UnknownUnit",
    "Weights",
    "district_features",
    "latest_decisions",
    "propose_zones",
    "rank_metrics",
    "score_parts",
    "suggest",
    "unit_features",
    "who_to_help",
]
