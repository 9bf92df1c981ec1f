"""Judging units by the rules: status per rule, score, trend, and what would help.

:func:`assess` gives each unit in scope a health card: per rule the value,
green / amber / red and the value in the previous window; a score from 0 to
100 (green counts a rule's full weight, amber half, red none; rules that do
not apply are left out); the rating; and the one or two actions that would
change a status, worked out from the counts behind the indicators.
:func:`rollup` sums cards up per street or zone, :func:`heat_map` gives the
mean score of each street quarter by quarter.

>>> import datetime as dt
>>> from graphmodel.records import Unit
>>> from graphmodel.store import Bundle
>>> rules = parse_rules('[[rule]]\\nid="p"\\nindicator="distinct_partners"\\ngreen=2\\namber=1')
>>> d = District.from_bundle(Bundle(units=[Unit("U1", "甲", "school", "S1")]),
...                          Window(dt.date(2026, 6, 30)))
>>> card = assess(d, rules)[0]
>>> card["score"], card["rules"][0]["status"], card["actions"][0]["en"]
(0.0, 'red', 'joint activities with 1 more new partner unit')
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np

from ..district import District
from ..window import Window
from .indicators import indicator_table, unit_indicators
from .rules import INDICATORS, Rule, RuleSet, parse_rules  # noqa: F401 (doctest)

POINTS = {"green": 1.0, "amber": 0.5, "red": 0.0}
RATING_LEVEL = {"excellent": "green", "pass": "amber", "fail": "red", "ineligible": "red"}
#: How many actions a card proposes.
ACTIONS = 2


def score(rules: RuleSet, statuses: Mapping[str, str | None]) -> float | None:
    """0–100: weighted points of the rules that apply (None when none applies).

    >>> rs = parse_rules('[[rule]]\\nid="a"\\nindicator="balance"\\ngreen=0\\namber=-1\\nweight=3')
    >>> score(rs, {"a": "amber"})
    50.0
    """
    applied = [(r.weight, POINTS[statuses[r.id]]) for r in rules.rules if statuses.get(r.id)]
    total = sum(w for w, _ in applied)
    return 100 * sum(w * p for w, p in applied) / total if total else None


def _trend(now: float | None, before: float | None, better: str = "higher") -> str | None:
    if now is None or before is None:
        return None
    if math.isclose(now, before, abs_tol=1e-9):
        return "same"
    return "better" if (now > before) == (better == "higher") else "worse"


def _ceil(x: float) -> int:
    return max(1, math.ceil(x - 1e-9))


def _needed(rule: Rule, target: float, c: Mapping) -> int | None:
    """How many more of the indicator's unit it takes to reach ``target`` (None: no count does)."""
    a, h, g, q = c["activities"], c["hosted"], c["attended"], c["quarters"]
    key = rule.indicator
    if key == "activities_per_quarter":
        return _ceil(target * q - a)
    if key == "community_contacts_per_quarter":
        return _ceil(target * q - c["community_joint"])
    if key in ("distinct_partners", "partners_outside_street"):
        return None  # the current count is not in c; see _action
    if key == "dual_registration":
        return _ceil(target * c["serving"] - c["registered"])
    if key == "member_participation":
        return _ceil(target * c["members"] - c["took_part"])
    if key == "hosted_share":
        return _ceil((target * a - h) / (1 - target)) if target < 1 else None
    if key == "balance":
        return _ceil((target * (h + g) - h + g) / (1 - target)) if target < 1 else None
    if key == "district_dependence":
        return _ceil(c["by_district"] / target - a) if target > 0 else None
    return None


def _plural(n: int, one: str, many: str) -> str:
    return one if n == 1 else many


def _action(rule: Rule, row: Mapping, street: str, community: str) -> dict | None:
    """The step that lifts ``rule`` one status up (red → amber, amber → green)."""
    status = rule.status(row[rule.indicator])
    if status not in ("red", "amber"):
        return None
    target, to = (rule.amber, "amber") if status == "red" else (rule.green, "green")
    key, c = rule.indicator, row["counts"]
    if key in ("distinct_partners", "partners_outside_street"):
        n = _ceil(target - row[key])
    else:
        n = _needed(rule, target, c)
    if n is None:
        return None
    acts = _plural(n, "activity", "activities")
    texts = {
        "activities_per_quarter": lambda: (
            f"本季度再参加{n}次共建活动",
            f"take part in {n} more co-building {acts} this quarter",
        ),
        "community_contacts_per_quarter": lambda: (
            f"本季度再与{community}开展{n}次联合活动",
            f"{n} more joint {acts} with {community} this quarter",
        ),
        "distinct_partners": lambda: (
            f"再与{n}个新单位开展联合活动",
            f"joint activities with {n} more new partner {_plural(n, 'unit', 'units')}",
        ),
        "partners_outside_street": lambda: (
            f"本季度再与{street}以外的单位开展{n}次联合活动",
            f"{n} more joint {acts} with a unit outside {street} this quarter",
        ),
        "dual_registration": lambda: (
            f"再动员{n}名在职党员到社区报到",
            f"{n} more serving {_plural(n, 'member', 'members')} registered at a community",
        ),
        "member_participation": lambda: (
            f"再动员{n}名党员参加活动",
            f"{n} more {_plural(n, 'member', 'members')} taking part in an activity",
        ),
        "hosted_share": lambda: (f"再主办或协办{n}次活动", f"host or co-host {n} more {acts}"),
        "balance": lambda: (f"再主办{n}次活动", f"host {n} more {acts}"),
        "district_dependence": lambda: (
            f"再自主开展{n}次活动（非区里发起）",
            f"{n} more self-started {acts} (not initiated by the district)",
        ),
    }
    zh, en = texts[key]()  # only the text needed: a city has 50,000 cards
    partner_related = key in ("distinct_partners", "partners_outside_street")
    return {"rule": rule.id, "n": n, "to": to, "zh": zh, "en": en, "suggestions": partner_related}


def _card(rules: RuleSet, district: District, uid: str, row: Mapping, before: Mapping | None):
    unit = district.unit[uid]
    street = district.zone[unit.street].name if unit.street in district.zone else unit.street or ""
    results, statuses, eligible = [], {}, True
    for rule in rules.rules:
        value = row[rule.indicator]
        status = rule.status(value)
        previous = before[rule.indicator] if before else None
        statuses[rule.id] = status
        eligible &= not (rule.veto and status == "red")
        results.append(
            {
                "id": rule.id,
                "name": rule.name or INDICATORS[rule.indicator].zh,
                "name_en": rule.name_en or INDICATORS[rule.indicator].en,
                "indicator": rule.indicator,
                "measure": INDICATORS[rule.indicator].measure,
                "value": value,
                "status": status,
                "previous": previous,
                "previous_status": rule.status(previous),
                "trend": _trend(value, previous, rule.better),
                "veto": rule.veto,
            }
        )
    now = score(rules, statuses)
    was = (
        score(rules, {r.id: r.status(before[r.indicator]) for r in rules.rules}) if before else None
    )
    order = sorted(rules.rules, key=lambda r: (not (r.veto and statuses[r.id] == "red"), -r.weight))
    actions = []
    for r in order:  # the first ACTIONS that apply; the rest are never shown
        if len(actions) == ACTIONS:
            break
        if action := _action(r, row, street, unit.community or ""):
            actions.append(action)
    rating = rules.rating(now, eligible)
    return {
        "id": uid,
        "name": unit.name,
        "street": unit.street,
        "street_name": street,
        "zones": list(unit.zones),
        "rules": results,
        "score": now,
        "previous_score": was,
        "trend": _trend(now, was),
        "eligible": eligible,
        "rating": rating,
        "level": RATING_LEVEL.get(rating or "", "none"),
        "actions": actions[:ACTIONS],
    }


def assess(
    district: District,
    rules: RuleSet,
    window: Window | None = None,
    *,
    compare: bool = True,
    units: list[str] | None = None,
) -> list[dict]:
    """A health card per unit in scope, in id order (against the previous window when
    ``compare``), or only for ``units`` (a page of the table, one unit's page): the
    indicators are computed once per snapshot and window, the cards when asked for."""
    window = window or district.window

    def build(ids: list[str] | None) -> list[dict]:
        now = unit_indicators(district, window, ids)
        before = unit_indicators(district, window.previous(), ids) if compare else {}
        return [_card(rules, district, u, row, before.get(u)) for u, row in now.items()]

    if units is not None:
        return build(units)
    return district.memo(("assessment", rules, window, compare), lambda: build(None))


@dataclass(frozen=True)
class Scores:
    """One window's assessment of every unit in scope, as arrays (no card per unit):
    per rule the value (NaN: does not apply) and status (-1 none, 0 red, 1 amber,
    2 green), the score (NaN: none) and the rating."""

    units: tuple[str, ...]
    values: np.ndarray
    status: np.ndarray
    score: np.ndarray
    rating: tuple[str | None, ...]


STATUS_CODES = (None, "red", "amber", "green")  # status + 1


def scores(district: District, rules: RuleSet, window: Window | None = None) -> Scores:
    """:func:`assess`'s statuses, scores and ratings for every unit in scope, computed as
    array operations over the indicator table (once per snapshot, rules and window)."""
    window = window or district.window
    return district.memo(("scores", rules, window), lambda: _scores(district, rules, window))


def _scores(district: District, rules: RuleSet, window: Window) -> Scores:
    ids, values, _ = indicator_table(district, window)
    n = len(ids)
    matrix = np.column_stack([values[r.indicator] for r in rules.rules] or [np.zeros(n)])
    status = np.full(matrix.shape, -1, dtype=np.int8)
    for k, rule in enumerate(rules.rules):
        v = matrix[:, k]
        ok = ~np.isnan(v)
        if rule.better == "higher":
            green, amber = v >= rule.green, v >= rule.amber
        else:
            green, amber = v <= rule.green, v <= rule.amber
        status[:, k] = np.where(ok, np.where(green, 2, np.where(amber, 1, 0)), -1)
    weights = np.array([r.weight for r in rules.rules] or [0.0])
    applied = status >= 0
    points = np.choose(np.clip(status, 0, 2), [0.0, 0.5, 1.0])
    total = (applied * weights).sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        score = np.where(total > 0, 100 * (applied * weights * points).sum(axis=1) / total, np.nan)
    vetoes = np.array([r.veto for r in rules.rules] or [False])
    eligible = ~((status == 0) & vetoes).any(axis=1)
    rating = tuple(
        rules.rating(None if s != s else s, bool(e))
        for s, e in zip(score.tolist(), eligible.tolist(), strict=True)
    )
    return Scores(ids, matrix, status, score, rating)


def rollup_scores(result: Scores, groups: Mapping[str, Iterable[str]]) -> dict[str, dict]:
    """:func:`rollup` from :class:`Scores` (same rows)."""
    position = {u: j for j, u in enumerate(result.units)}
    out = {}
    for group, members in groups.items():
        index = np.array([position[u] for u in members if u in position], dtype=np.int64)
        found = result.score[index]
        found = found[~np.isnan(found)]
        ratings = [result.rating[j] for j in index.tolist()]
        out[group] = {
            "units": len(index),
            "score": float(found.mean()) if found.size else None,
            **{k: ratings.count(k) for k in RATING_LEVEL},
        }
    return out


def rollup(cards: Iterable[Mapping], groups: Mapping[str, Iterable[str]]) -> dict[str, dict]:
    """Per group of unit ids: units assessed, mean score and how many of each rating.

    >>> rollup([{"id": "U1", "score": 80.0, "rating": "pass"}], {"S1": ["U1"]})["S1"]["score"]
    80.0
    """
    by_id = {c["id"]: c for c in cards}
    result = {}
    for group, members in groups.items():
        mine = [by_id[u] for u in members if u in by_id]
        scores = [c["score"] for c in mine if c["score"] is not None]
        ratings = {k: sum(c["rating"] == k for c in mine) for k in RATING_LEVEL}
        result[group] = {
            "units": len(mine),
            "score": sum(scores) / len(scores) if scores else None,
            **ratings,
        }
    return result


def level(rules: RuleSet, value: float | None) -> str:
    """The colour of a (mean) score: green from excellent, amber from pass, else red."""
    if value is None:
        return "none"
    return "green" if value >= rules.excellent else "amber" if value >= rules.passing else "red"


def quarters(district: District) -> list[tuple[str, Window]]:
    """The quarters of the district's window, each as a 3-month window ending with it."""
    return [(p.label, Window(p.end, 3)) for p in district.window.periods("quarter")]


def partial_quarters(district: District) -> set[str]:
    """Labels of the quarters the window or the data's end cut short."""
    return {p.label for p in district.periods("quarter") if p.partial}


def heat_map(
    district: District,
    rules: RuleSet,
    groups: Mapping[str, Iterable[str]],
    *,
    name: str | None = None,
) -> dict:
    """Mean score per group (street) and quarter: ``{"periods": […], "rows": {group: [cell…]}}``;
    once per store version, window, scope, rules and groups, for every worker. ``name``,
    when given, names the groups within the snapshot and scope (e.g. their zone kind)."""
    # Kept in the store's result file: one worker scores the quarters, the others read it.
    # ``name`` (the groups' zone kind) spares a digest of every unit id on each request.
    if name is None:
        name = hashlib.sha256(repr(sorted(groups.items())).encode()).hexdigest()[:24]
    return district.stored(("heat-map", rules, name), lambda: _heat_map(district, rules, groups))


def _heat_map(district: District, rules: RuleSet, groups: Mapping[str, Iterable[str]]) -> dict:
    groups = {g: tuple(members) for g, members in groups.items()}  # read once per quarter
    periods = quarters(district)
    rows: dict[str, list[dict]] = {g: [] for g in groups}
    for _, window in periods:
        sums = rollup_scores(scores(district, rules, window), groups)
        for g in groups:
            cell = sums[g]
            rows[g].append({**cell, "level": level(rules, cell["score"])})
    return {
        "periods": [label for label, _ in periods],
        "partial": sorted(partial_quarters(district)),
        "rows": rows,
    }
