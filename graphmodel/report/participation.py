"""Sections on who takes part: isolated, inactive and declining units, followers,
dependence on the district, give and take, and members' participation."""

from __future__ import annotations

from ..metrics import activity as act
from ..metrics import balance as bal
from ..metrics import members as mem
from ..records import ZoneKind
from .context import Context


def isolated(c: Context) -> dict:
    """Units in scope with no joint activity in the window."""
    counts = c.counts()
    units = [
        c.unit(
            u,
            kind=c.district.unit[u].kind,
            street=c.district.unit[u].street,
            activities=counts[u]["activities"],
        )
        for u in act.isolated_units(c.graph)
        if u in c.in_scope
    ]
    return {"count": len(units), "units": units}


def inactive(c: Context) -> dict:
    """Units whose last activity is older than the options' number of days."""
    d, days = c.district, c.options.inactive_days
    found = act.inactive_units(d.incidence, d.window.end, days)
    units = [
        c.unit(
            u,
            last_activity=last.isoformat() if last else None,
            days_since=(d.window.end - last).days if last else None,
        )
        for u, last in found.items()
        if u in c.in_scope
    ]
    units.sort(key=lambda r: (r["last_activity"] is not None, r["last_activity"] or "", r["id"]))
    return {"days": days, "count": len(units), "units": units}


def declining(c: Context) -> dict:
    """Units whose activities fell sharply against the previous window."""
    d, o = c.district, c.options
    found = act.declining_units(
        d.incidence, d.window, min_base=o.decline_min_base, drop=o.decline_drop
    )
    units = [c.unit(u, **row) for u, row in found.items() if u in c.in_scope]
    units.sort(key=lambda r: (r["change"], -r["previous"], r["id"]))
    return {
        "min_base": o.decline_min_base,
        "drop": o.decline_drop,
        "previous_window": d.window.previous().as_dict(),
        "count": len(units),
        "units": units,
    }


def followers(c: Context) -> dict:
    """Units that took part but never hosted or co-hosted."""
    found = act.followers(c.district.incidence, c.district.window)
    units = [c.unit(u, activities=n) for u, n in found.items() if u in c.in_scope]
    units.sort(key=lambda r: (-r["activities"], r["id"]))
    return {"count": len(units), "units": units}


def district_dependence(c: Context) -> dict:
    """The share of activities the district initiated, per unit and per zone."""
    d = c.district
    per_unit = act.district_dependence(d.incidence, d.window)
    units = [c.unit(u, **row) for u, row in per_unit.items() if u in c.in_scope]
    units.sort(key=lambda r: (-r["share"], -r["activities"], r["id"]))
    groups = c.groups(
        ZoneKind.STREET.value, ZoneKind.COLLABORATION_ZONE.value, ZoneKind.ALLIANCE.value
    )
    zones = [
        {"id": z, "name": c.zone_name(z), **row}
        for z, row in act.district_dependence(d.incidence, d.window, groups).items()
    ]
    overall = act.district_dependence(d.incidence, d.window, {"scope": sorted(c.in_scope)})
    return {"overall": overall.get("scope"), "units": units, "zones": zones}


def balance(c: Context) -> dict:
    """Give and take per unit and per partner pair (the one-sided pairs apart)."""
    d, o = c.district, c.options
    units = [
        c.unit(u, **row)
        for u, row in bal.unit_balance(d.incidence, d.window).items()
        if u in c.in_scope
    ]
    units.sort(key=lambda r: (r["balance"], r["id"]))
    pairs = [
        p
        for p in bal.partner_balance(
            d.incidence, d.window, max_size=o.max_size, one_sided_min=o.one_sided_min
        )
        if p["a"] in c.in_scope or p["b"] in c.in_scope
    ]
    one_sided = [p for p in pairs if p["one_sided"]]

    def named(rows: list[dict]) -> list[dict]:
        return [{**p, "a": c.unit(p["a"]), "b": c.unit(p["b"])} for p in rows[: o.top]]

    return {
        "units": units,
        "pairs_total": len(pairs),
        "pairs": named(pairs),
        "one_sided_total": len(one_sided),
        "one_sided": named(one_sided),
    }


def members(c: Context) -> dict:
    """Members' participation per organisation, and dual-registration coverage."""
    d = c.district
    orgs = [o for o in d.party_orgs if any(u in c.in_scope for u in o.units)]
    took = mem.org_participation(orgs, d.members, d.members_taking_part)
    registration = mem.dual_registration(d.units, d.party_orgs, d.members)
    communities = {u.community for u in d.units if u.id in c.in_scope and u.community}
    return {
        "organisations": [
            {"id": o.id, "name": o.name, "level": o.level, **took[o.id]} for o in orgs
        ],
        "units": [
            c.unit(u, **row)
            for u, row in registration["units"].items()
            if u in c.in_scope and row["serving"]
        ],
        "communities": [
            {"community": name, **row}
            for name, row in registration["communities"].items()
            if name in communities
        ],
    }
