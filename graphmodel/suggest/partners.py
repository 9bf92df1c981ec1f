"""Suggested partners for one unit: ranked, with their score parts, evidence and reasons.

:func:`suggest` ranks the units a unit has not worked with in the window by
:mod:`.scoring`'s score and explains the best ``k``. Planners' decisions
(:class:`~graphmodel.records.Decision`) are about a pair, whichever side they
were made from, and the latest one counts: a dismissed partner is left out
unless ``include_dismissed``; an accepted one stays, marked ``"accept"``.

>>> import datetime as dt
>>> from graphmodel.records import Unit
>>> from graphmodel.store import Bundle
>>> from graphmodel.window import Window
>>> units = [Unit("U1", "桂花社区", "community", "S1", needs=("医疗",)),
...          Unit("U2", "区人民医院", "hospital", "S1", offers=("医疗",)),
...          Unit("U3", "区档案馆", "government", "S2")]
>>> d = District.from_bundle(Bundle(units=units), Window(dt.date(2026, 6, 30)))
>>> best, other = suggest(d, "U1")
>>> best.partner, "；".join(r.zh for r in best.reasons)
('U2', '两者同属S1；桂花社区需要医疗，区人民医院可提供医疗；社区与医院类型互补')
>>> other.partner, round(other.score, 2), other.parts["kind_diversity"]
('U3', 0.75, 0.75)
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

import numpy as np

from ..district import District
from ..records import Decision, DecisionKind, Unit
from .errors import UnknownUnit
from .features import Features, district_features
from .reasons import Evidence, Reason, reasons
from .scoring import DEFAULT_WEIGHTS, PARTS, Weights, candidates, scores_for, top

__all__ = ["Suggestion", "evidence", "latest_decisions", "suggest"]


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

    def as_dict(self) -> dict:
        """The JSON shape: ``partner``, ``score``, ``parts``, ``reasons`` and more."""
        return {
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
    """The latest decision per pair (decisions given oldest first, as stores list them).

    >>> import datetime as dt
    >>> at = dt.datetime(2026, 7, 1)
    >>> ds = [Decision("A", "B", "dismiss", at), Decision("B", "A", "accept", at)]
    >>> latest_decisions(ds)[("A", "B")].decision
    'accept'
    """
    latest: dict[tuple[str, str], Decision] = {}
    for d in decisions:
        latest[d.pair] = d
    return latest


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
    found = []
    for col in top(total, mask, k):
        partner = F.units[col]
        record = district.unit.get(partner)
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
            )
        )
    return found
