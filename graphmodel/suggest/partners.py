"""Suggested partners for one unit: ranked, with their score parts, evidence and reasons.

:func:`suggest` ranks the units a unit has not worked with in the window by
:mod:`.scoring`'s score and explains the best ``k``. Planners' decisions
(:class:`~graphmodel.records.Decision`) are about a pair, whichever side they
were made from, and the latest one counts: a dismissed partner is left out
unless ``include_dismissed``; an accepted one stays, marked ``"accept"``.

A partner that is itself isolated is flagged (``partner_isolated``); two
isolated units are proposed only together with a third, active unit
(``group_with``: the one whose scores for both sum highest), never alone.

>>> import datetime as dt
>>> from graphmodel.records import Activity, Participation, Unit
>>> from graphmodel.store import Bundle
>>> from graphmodel.window import Window
>>> units = [Unit("U1", "桂花社区", "community", "S1", needs=("医疗",)),
...          Unit("U2", "区人民医院", "hospital", "S1", offers=("医疗",)),
...          Unit("U3", "区档案馆", "government", "S2"),
...          Unit("U4", "实验小学", "school", "S1")]
>>> met = [Activity("A1", "义诊", "volunteer", dt.date(2026, 3, 1))]
>>> took_part = [Participation("A1", "U2"), Participation("A1", "U4")]
>>> d = District.from_bundle(Bundle(units=units, activities=met, participations=took_part),
...                          Window(dt.date(2026, 6, 30)))
>>> best, *_, last = suggest(d, "U1")
>>> best.partner, "；".join(r.zh for r in best.reasons)
('U2', '两者同属S1；桂花社区需要医疗，区人民医院可提供医疗；社区与医院类型互补')
>>> [(s["zh"], s["percent"]) for s in best.shares]
[('地缘相近', 50), ('资源互补', 25), ('类型互补', 25)]
>>> last.partner, last.partner_isolated, last.group_with
('U3', True, ('U2', '区人民医院'))
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

import numpy as np

from ..district import District
from ..errors import UnknownUnit
from ..records import Decision, DecisionKind, Unit
from .features import Features, district_features
from .reasons import Evidence, Reason, reasons
from .scoring import DEFAULT_WEIGHTS, PARTS, Weights, candidates, scores_for, top

__all__ = ["GROUPS", "Suggestion", "evidence", "latest_decisions", "shares", "suggest"]

#: How the parts are grouped when a score is explained as shares: (key, 中文, English, parts).
GROUPS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    (
        "structure",
        "共同伙伴",
        "partners in common",
        ("common_partners", "adamic_adar", "resource_allocation", "weighted_common"),
    ),
    ("complementarity", "资源互补", "needs and offers", ("needs_met", "offers_wanted")),
    ("proximity", "地缘相近", "nearby", ("same_community", "same_street", "shared_zone", "nearby")),
    ("kinds", "类型互补", "different kinds", ("kind_diversity",)),
    ("activity", "对方活跃", "an active partner", ("partner_activity",)),
)


def shares(parts: Mapping[str, float]) -> list[dict]:
    """The share (whole per cent, summing to 100) of each group of parts in the
    positive part of a score, largest first; groups that add nothing are left out
    (the overload mark-down is told apart, in the reasons).

    >>> [(s["zh"], s["percent"]) for s in shares({"common_partners": 0.9, "same_street": 1.1})]
    [('地缘相近', 55), ('共同伙伴', 45)]
    """
    sums = [
        (key, zh, en, sum(max(parts.get(p, 0.0), 0.0) for p in names))
        for key, zh, en, names in GROUPS
    ]
    total = sum(v for *_, v in sums)
    if total <= 0:
        return []
    kept = sorted((row for row in sums if row[3] / total >= 0.005), key=lambda r: -r[3])
    percents = [round(100 * v / total) for *_, v in kept]
    if percents:
        percents[0] += 100 - sum(percents)  # rounding: the largest takes the remainder
    return [
        {"group": key, "zh": zh, "en": en, "percent": pc}
        for (key, zh, en, _), pc in zip(kept, percents, strict=True)
        if pc > 0
    ]


@dataclass(frozen=True)
class Suggestion:
    """One suggested partner: its score, the parts that make it up (they sum to
    the score), what they measured, the reasons in words, and the latest decision."""

    unit: str
    partner: str
    score: float
    parts: Mapping[str, float]
    evidence: Evidence
    reasons: tuple[Reason, ...]
    partner_name: str = ""
    partner_kind: str | None = None
    partner_street: str | None = None
    decision: str | None = None
    #: The partner is itself isolated in the window (对方也是孤立单位).
    partner_isolated: bool = False
    #: For two isolated units: the active unit (id, name) proposed to meet with both.
    group_with: tuple[str, str] | None = None

    @property
    def shares(self) -> list[dict]:
        """Each group of parts' share of the score, largest first (see :func:`shares`)."""
        return shares(self.parts)

    def as_dict(self) -> dict:
        """The JSON shape: ``partner``, ``score``, ``parts``, ``reasons`` and more."""
        return {
            "shares": self.shares,
            "shares_zh": " · ".join(f"{s['zh']} {s['percent']} %" for s in self.shares),
            "shares_en": " · ".join(f"{s['en']} {s['percent']} %" for s in self.shares),
            "partner_isolated": self.partner_isolated,
            "group_with": (
                {"id": self.group_with[0], "name": self.group_with[1]} if self.group_with else None
            ),
            "partner": self.partner,
            "partner_name": self.partner_name,
            "kind": self.partner_kind,
            "street": self.partner_street,
            "score": round(self.score, 4),
            "parts": {name: round(self.parts[name], 4) for name in PARTS},
            "reasons": [r.as_dict() for r in self.reasons],
            "evidence": self.evidence.as_dict(),
            "decision": self.decision,
        }


def latest_decisions(decisions: Iterable[Decision]) -> dict[tuple[str, str], Decision]:
    """The standing decision per pair (decisions given oldest first, as stores list
    them): the latest accept or dismiss, an undo withdrawing the one before it.

    >>> import datetime as dt
    >>> at = dt.datetime(2026, 7, 1)
    >>> ds = [Decision("A", "B", "dismiss", at), Decision("B", "A", "accept", at)]
    >>> latest_decisions(ds)[("A", "B")].decision
    'accept'
    >>> latest_decisions([*ds, Decision("A", "B", "undo", at)])[("A", "B")].decision
    'dismiss'
    """
    stacks: dict[tuple[str, str], list[Decision]] = {}
    for d in decisions:
        stack = stacks.setdefault(d.pair, [])
        if d.decision == DecisionKind.UNDO.value:
            if stack:
                stack.pop()
        else:
            stack.append(d)
    return {pair: stack[-1] for pair, stack in stacks.items() if stack}


def evidence(
    F: Features,
    units: Mapping[str, Unit],
    zone_names: Mapping[str, str],
    row: int,
    col: int,
) -> Evidence:
    """What the parts measured between units ``row`` and ``col``, with names."""
    u = units.get(F.units[row])
    v = units.get(F.units[col])
    common = np.intersect1d(F.neighbours(row), F.neighbours(col))

    def name(uid: str) -> str:
        return units[uid].name if uid in units else uid

    distance = float(F.distance_km([row], [col])[0, 0])
    same = {
        "community": F.community[row] >= 0 and F.community[row] == F.community[col],
        "street": F.street[row] >= 0 and F.street[row] == F.street[col],
    }
    shared = [z for z in (u.zones if u else ()) if v and z in v.zones and z in F.zone_names]
    return Evidence(
        common_partners=tuple((F.units[w], name(F.units[w])) for w in common),
        needs_met=tuple(r for r in u.needs if r in v.offers) if u and v else (),
        offers_wanted=tuple(r for r in v.needs if r in u.offers) if u and v else (),
        community=v.community if same["community"] and v else None,
        street=(v.street, zone_names.get(v.street, v.street)) if same["street"] and v else None,
        shared_zones=tuple((z, zone_names.get(z, z)) for z in shared),
        distance_km=None if np.isnan(distance) else distance,
        kinds=(u.kind if u else None, v.kind if v else None),
        partner_partners=int(F.degree[col]),
    )


def suggest(
    district: District,
    unit: str,
    k: int = 10,
    *,
    weights: Weights = DEFAULT_WEIGHTS,
    decisions: Iterable[Decision] = (),
    include_dismissed: bool = False,
    exclude: Collection[str] = (),
    among: Collection[str] | None = None,
) -> list[Suggestion]:
    """The ``k`` best partners for ``unit`` among the units it has not worked with
    in the district's window (nor in ``exclude``; only those in ``among`` when
    given), best first; only candidates with a positive score are suggested.
    ``decisions`` (oldest first) filter and mark them (see the module docstring)."""
    F = district_features(district)
    row = F.index.get(unit)
    if row is None:
        raise UnknownUnit(unit)
    latest = latest_decisions(d for d in decisions if unit in (d.unit, d.partner))
    verdict = {(d.partner if d.unit == unit else d.unit): d.decision for d in latest.values()}
    dismissed = {p for p, v in verdict.items() if v == DecisionKind.DISMISS.value}
    mask = candidates(F, row, set(exclude) | (set() if include_dismissed else dismissed))
    if among is not None:
        allowed = np.zeros(len(F), dtype=bool)
        allowed[[F.index[u] for u in among if u in F.index]] = True
        mask &= allowed
    total, parts = scores_for(F, row, weights)
    zone_names = {z.id: z.name for z in district.zones}
    me = district.unit[unit].name
    alone = F.degree[row] == 0
    found = []
    for col in top(total, mask, 3 * k):
        if len(found) == k:
            break
        partner = F.units[col]
        record = district.unit.get(partner)
        isolated = bool(F.degree[col] == 0)
        group_with = None
        if alone and isolated:
            # Two isolated units are never proposed alone: only with an active third.
            group_with = _third(F, district, row, int(col), total, mask, weights)
            if group_with is None:
                continue
        own = {name: float(parts[name][col]) for name in PARTS}
        ev = evidence(F, district.unit, zone_names, row, int(col))
        name = record.name if record else partner
        found.append(
            Suggestion(
                unit=unit,
                partner=partner,
                score=float(total[col]),
                parts=own,
                evidence=ev,
                reasons=tuple(reasons(me, name, ev, own)),
                partner_name=name,
                partner_kind=record.kind if record else None,
                partner_street=record.street if record else None,
                decision=verdict.get(partner),
                partner_isolated=isolated,
                group_with=group_with,
            )
        )
    return found


def _third(
    F: Features,
    district: District,
    row: int,
    col: int,
    total: np.ndarray,
    mask: np.ndarray,
    weights: Weights,
) -> tuple[str, str] | None:
    """The active unit (one with partners in the window) that suits both isolated
    units ``row`` and ``col`` best: the highest sum of its scores for each."""
    theirs, _ = scores_for(F, col, weights)
    both = total + theirs
    active = mask & (F.degree > 0)
    active[col] = False
    best = top(both, active, 1)
    if not len(best):
        return None
    third = F.units[int(best[0])]
    record = district.unit.get(third)
    return third, record.name if record else third
