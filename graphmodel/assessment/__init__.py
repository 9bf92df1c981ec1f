"""Assessment: rules a planner writes, unit health cards, roll-ups and follow-up.

- :mod:`.rules` — :func:`parse_rules` reads and checks a TOML rules file;
- :mod:`.indicators` — :func:`unit_indicators`: per-unit values from the analytics;
- :mod:`.evaluate` — :func:`assess`: status per rule, score, trend and actions;
  :func:`rollup` and :func:`heat_map` per street or zone;
- :mod:`.followup` — :func:`follow_up`: did joint activity follow accepted
  suggestions and agreements?
"""

from __future__ import annotations

from .evaluate import assess, heat_map, level, partial_quarters, quarters, rollup
from .indicators import unit_indicators
from .rules import DEFAULT_RULES, INDICATORS, Rule, RulesError, RuleSet, parse_rules, read_rules

__all__ = [
    "DEFAULT_RULES",
    "INDICATORS",
    "Rule",
    "RuleSet",
    "RulesError",
    "assess",
    "partial_quarters",
    "heat_map",
    "level",
    "parse_rules",
    "quarters",
    "read_rules",
    "rollup",
    "unit_indicators",
]
