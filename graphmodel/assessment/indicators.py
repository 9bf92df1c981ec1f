"""Per-unit indicators for assessment, built from the analytics.

:func:`unit_indicators` gives, for every unit in a district's scope and a
window (by default the district's own; any window ending by then works,
e.g. the previous one or a single quarter), the values the rules judge
(:data:`~graphmodel.assessment.rules.INDICATORS`) and the counts behind them,
which the suggested actions need. A value is None where the indicator does
not apply (no serving members, no activity, no own community …).

Counts per quarter are averaged over the window (a 12-month window has 4
quarters). Partners are counted in the unit–unit graph without gatherings of
more than :data:`~graphmodel.projection.GATHERING_SIZE` units.

>>> import datetime as dt
>>> from graphmodel.records import Activity, Participation, Unit
>>> from graphmodel.store import Bundle
>>> b = Bundle(units=[Unit("U1", "甲", "school", "S1"), Unit("U2", "乙", "school", "S2")],
...            activities=[Activity("A1", "联合党课", "lecture", dt.date(2026, 5, 1))],
...            participations=[Participation("A1", "U1", role="host"), Participation("A1", "U2")])
>>> d = District.from_bundle(b, Window(dt.date(2026, 6, 30), 3))
>>> row = unit_indicators(d)["U1"]
>>> row["activities_per_quarter"], row["partners_outside_street"], row["balance"]
(1.0, 1, 1.0)
"""

from __future__ import annotations

import numpy as np

from ..district import District
from ..metrics import members as mem
from ..metrics.activity import activity_counts, district_dependence
from ..projection import GATHERING_SIZE, project
from ..records import UnitKind
from ..window import Window


def _own_community(district: District) -> dict[str, list[int]]:
    """Per unit (not itself a community): rows of the community units it belongs to."""
    inc = district.incidence
    by_name: dict[str, list[int]] = {}
    for u in district.units:
        if u.kind == UnitKind.COMMUNITY.value:
            for name in {u.community or u.name, u.name}:
                by_name.setdefault(name, []).append(inc.index[u.id])
    return {
        u.id: by_name[u.community]
        for u in district.units
        if u.kind != UnitKind.COMMUNITY.value and u.community in by_name
    }


def _members(district: District, window: Window) -> dict[str, dict[str, int]]:
    """Per unit: members of its party organisations and those who took part in the window."""
    inside = {a.id for a in district.activities if a.date in window}
    took = {p.member for p in district.participations if p.member and p.activity in inside}
    org_units = {o.id: o.units for o in district.party_orgs}
    rows: dict[str, dict[str, int]] = {}
    for m in district.members:
        for unit in org_units.get(m.party_org, ()):
            row = rows.setdefault(unit, {"members": 0, "took_part": 0})
            row["members"] += 1
            row["took_part"] += m.id in took
    return rows


def _share(part: float, whole: float) -> float | None:
    return part / whole if whole else None


def unit_indicators(district: District, window: Window | None = None) -> dict[str, dict]:
    """Indicator values and their counts per unit in scope (see the module docstring)."""
    window = window or district.window
    inc = district.incidence.between(window.start, window.end)
    quarters = window.months / 3
    counts = activity_counts(inc, window)
    pushed = district_dependence(inc, window)
    graph = project(inc, max_size=GATHERING_SIZE)
    weight = graph.weight
    community = _own_community(district)
    registration = mem.dual_registration(district.units, district.party_orgs, district.members)
    taking_part = _members(district, window)
    street = np.array([district.unit[u].street or "" for u in inc.units], dtype=object)
    result = {}
    for uid in district.scope_units:
        i = inc.index[uid]
        lo, hi = weight.indptr[i], weight.indptr[i + 1]
        partners = weight.indices[lo:hi]
        outside = int(np.sum(street[partners] != street[i])) if street[i] else 0
        c = counts[uid]
        reg = registration["units"][uid]
        took = taking_part.get(uid, {"members": 0, "took_part": 0})
        rows = community.get(uid)
        joint = float(weight[[i]][:, rows].sum()) if rows else 0.0
        by_district = pushed.get(uid, {}).get("by_district", 0)
        result[uid] = {
            "activities_per_quarter": c["activities"] / quarters,
            "community_contacts_per_quarter": joint / quarters if rows else None,
            "hosted_share": _share(c["hosted"], c["activities"]),
            "distinct_partners": len(partners),
            "partners_outside_street": outside,
            "dual_registration": reg["coverage"],
            "member_participation": _share(took["took_part"], took["members"]),
            "district_dependence": _share(by_district, c["activities"]),
            "balance": _share(c["hosted"] - c["attended"], c["activities"]),
            "counts": {
                **c,
                "quarters": quarters,
                "community_joint": joint,
                "by_district": by_district,
                "serving": reg["serving"],
                "registered": reg["registered"],
                **took,
            },
        }
    return result
