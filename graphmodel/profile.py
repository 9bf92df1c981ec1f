"""One unit seen closely: its record, organisations, partners, timeline and metrics.

Plain data for the unit page and the API; personal fields (phone, ID number)
are left out here — the service decides what a role may see.
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from .district import District
from .metrics import balance as bal
from .projection import ROLE_NAMES
from .records import Unit, UnitKind, ZoneKind

_KIND_ZH = {k.value: k.zh for k in UnitKind}


def unit_rows(district: District, query: str = "") -> list[dict]:
    """Units in scope (id, name, kind, street), those whose name or id contains ``query``.

    >>> import datetime as dt
    >>> from graphmodel.records import Unit
    >>> from graphmodel.store import Bundle
    >>> from graphmodel.window import Window
    >>> d = District.from_bundle(Bundle(units=[Unit("U1", "一中", "school")]), Window(dt.date(2026, 6, 30)))
    >>> unit_rows(d, "一")[0]["kind_zh"]
    '学校'
    """
    query = query.strip()
    rows = []
    for uid in district.scope_units:
        u = district.unit[uid]
        if query and query not in u.name and query not in u.id:
            continue
        rows.append(_unit_fields(district, u))
    return rows


def _unit_fields(district: District, u: Unit) -> dict:
    return {
        "id": u.id,
        "name": u.name,
        "kind": u.kind,
        "kind_zh": _KIND_ZH.get(u.kind, u.kind),
        "street": u.street,
        "street_name": _zone_name(district, u.street),
        "community": u.community,
        "headcount": u.headcount,
    }


def _zone_name(district: District, zone_id: str | None) -> str:
    zone = district.zone.get(zone_id) if zone_id else None
    return zone.name if zone else (zone_id or "")


def unit_profile(district: District, unit_id: str) -> dict:
    """Everything the unit page shows about ``unit_id`` (see the module docstring)."""
    u = district.unit[unit_id]
    return {
        "unit": {
            **_unit_fields(district, u),
            "zones": [
                {"id": z, "name": _zone_name(district, z)}
                for z in u.zones
                if z in district.zone and district.zone[z].kind != ZoneKind.STREET.value
            ],
            "offers": list(u.offers),
            "needs": list(u.needs),
        },
        "party_orgs": _party_orgs(district, unit_id),
        "partners": _partners(district, unit_id),
        "timeline": _timeline(district, unit_id),
        "window": district.window.as_dict(),
    }


def _index(district: District) -> tuple[dict[str, list], dict[str, list]]:
    """Organisations per unit and members per organisation, built once per snapshot
    (a city's unit page should not walk every organisation and member)."""
    orgs: dict[str, list] = {}
    for o in district.party_orgs:
        for u in dict.fromkeys(o.units):
            orgs.setdefault(u, []).append(o)
    members: dict[str, list] = {}
    for m in district.members:
        members.setdefault(m.party_org, []).append(m)
    return orgs, members


def _party_orgs(district: District, unit_id: str) -> list[dict]:
    by_unit, by_org = district.memo("profile-index", lambda: _index(district))
    orgs = by_unit.get(unit_id, [])
    members = {o.id: by_org.get(o.id, []) for o in orgs}
    taking_part = district.members_taking_part
    return [
        {
            "id": o.id,
            "name": o.name,
            "level": o.level,
            "joint": len(o.units) > 1,
            "members": [
                {
                    "id": m.id,
                    "name": m.name,
                    "serving": m.serving,
                    "registered_at": m.registered_at,
                    "registered_name": (
                        district.unit[m.registered_at].name
                        if m.registered_at in district.unit
                        else m.registered_at
                    ),
                    "roles": list(m.roles),
                    "took_part": m.id in taking_part,
                }
                for m in sorted(members[o.id], key=lambda m: m.id)
            ],
        }
        for o in sorted(orgs, key=lambda o: o.id)
    ]


def _partners(district: District, unit_id: str) -> list[dict]:
    """Partners in the window with joint activities and who hosted whom."""
    graph = district.collaboration_graph()
    row = graph.weight[[graph.index[unit_id]]].tocoo()
    exchanges = {
        (p["b"] if p["a"] == unit_id else p["a"]): p
        for p in district.shared("partner-balance-by-unit", lambda: _balance_by_unit(district)).get(
            unit_id, ()
        )
    }
    partners = []
    for j, w in zip(row.col, row.data, strict=True):
        other = graph.nodes[j]
        pair = exchanges.get(other)
        gives = takes = 0
        if pair:
            mine = pair["a"] == unit_id
            gives = pair["a_gives"] if mine else pair["b_gives"]
            takes = pair["b_gives"] if mine else pair["a_gives"]
        partner = district.unit.get(other)
        partners.append(
            {
                "id": other,
                "name": partner.name if partner else other,
                "kind": partner.kind if partner else None,
                "kind_zh": _KIND_ZH.get(partner.kind, "") if partner else "",
                "street_name": _zone_name(district, partner.street) if partner else "",
                "joint": float(w),
                "hosted_for_them": gives,
                "hosted_by_them": takes,
            }
        )
    partners.sort(key=lambda p: (-p["joint"], p["id"]))
    return partners


def _balance_by_unit(district: District) -> dict[str, list[dict]]:
    """Each unit's pairs of the window's partner balance, in the balance's order, built
    once per snapshot: a unit page at city scale should not walk every pair (≈ 0.1 s)."""
    by_unit: dict[str, list[dict]] = {}
    pairs = district.shared(
        "partner_balance", lambda: bal.partner_balance(district.incidence, district.window)
    )
    for p in pairs:
        by_unit.setdefault(p["a"], []).append(p)
        if p["b"] != p["a"]:
            by_unit.setdefault(p["b"], []).append(p)
    return by_unit


def _timeline(district: District, unit_id: str) -> dict:
    """The unit's activities in the window, newest first, and counts per month."""
    inc = district.window_incidence
    if unit_id not in inc.index:
        return {"activities": [], "months": []}
    row = inc.roles[[inc.index[unit_id]]].tocoo()
    by_id = district.memo("activities-by-id", lambda: {a.id: a for a in district.activities})
    sizes = district.memo("window-sizes", inc.sizes)
    items = []
    for j, role in zip(row.col, row.data, strict=True):
        activity = by_id[inc.activities[j]]
        items.append(
            {
                "id": activity.id,
                "title": activity.title,
                "kind": activity.kind,
                "date": activity.date.isoformat(),
                "role": ROLE_NAMES.get(int(role), "guest"),
                "units": int(sizes[j]),
                "by_district": bool(inc.by_district[j]),
            }
        )
    items.sort(key=lambda a: (a["date"], a["id"]), reverse=True)
    months = Counter(a["date"][:7] for a in items)
    labels = [p.label for p in district.window.periods("month")]
    return {
        "activities": items,
        "months": [(m, months.get(m, 0)) for m in labels],
        "hosted": int(np.sum(row.data >= 2)),
    }
