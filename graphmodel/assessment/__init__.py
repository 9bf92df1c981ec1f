"""Assessment: rules a planner writes, unit health cards, roll-ups and follow-up.

- :mod:`.rules` — :func:`parse_rules` reads and checks a TOML rules file;
- :mod:`.indicators` — :func:`unit_indicators`: per-unit values from the analytics;
- :mod:`.evaluate` — :func:`assess`: status per rule, score, trend and actions;
  :func:`rollup` and :func:`heat_map` per street or zone;
- :mod:`.followup` — :func:`follow_up`: did joint activity follow accepted
  suggestions and agreements?
"""

from __future__ import annotations

from ..errors import RulesError
from .evaluate import (
    Scores,
    assess,
    heat_map,
    level,
    partial_quarters,
    quarters,
    rollup,
    rollup_scores,
    scores,
)
from .indicators import unit_indicators
from .rules import DEFAULT_RULES, INDICATORS, Rule, RuleSet, parse_rules, read_rules

__all__ = [
    "DEFAULT_RULES",
    "INDICATORS",
    "Rule",
    "RuleSet",
    "Scores",
    "RulesError",
    "assess",
    "partial_quarters",
    "heat_map",
    "level",
    "parse_rules",
    "quarters",
    "read_rules",
    "rollup",
    "rollup_scores",
    "scores",
    "unit_indicators",
]
