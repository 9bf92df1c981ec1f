"""Members: who takes part, and how far dual registration (双报到) has got.

These read records rather than a graph: party organisations, their members,
and the ids of the members who took part in an activity in the window.

>>> orgs = [PartyOrg("P1", "一支部", "branch", ("U1",))]
>>> people = [Member("M1", "张", "P1"), Member("M2", "李", "P1")]
>>> org_participation(orgs, people, {"M1"})["P1"]["share"]
0.5
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..records import Member, PartyOrg, Unit, UnitKind


def org_participation(
    party_orgs: Iterable[PartyOrg], members: Iterable[Member], took_part: Iterable[str]
) -> dict[str, dict]:
    """Per party organisation: its own members (not those of organisations
    under it), how many took part in at least one activity, and the share."""
    active = set(took_part)
    rows = {o.id: {"members": 0, "took_part": 0, "share": None} for o in party_orgs}
    for m in members:
        row = rows.get(m.party_org)
        if row is not None:
            row["members"] += 1
            row["took_part"] += m.id in active
    for row in rows.values():
        if row["members"]:
            row["share"] = row["took_part"] / row["members"]
    return rows


def _unit_counts(
    units: Sequence[Unit], party_orgs: Iterable[PartyOrg], members: Iterable[Member]
) -> dict[str, dict]:
    org_units = {o.id: o.units for o in party_orgs}
    rows = {u.id: {"serving": 0, "registered": 0} for u in units}
    for m in members:
        if not m.serving:
            continue
        for unit in org_units.get(m.party_org, ()):
            row = rows.get(unit)
            if row is not None:
                row["serving"] += 1
                row["registered"] += m.registered_at is not None
    return rows


def _coverage(row: dict) -> dict:
    return {**row, "coverage": row["registered"] / row["serving"] if row["serving"] else None}


def dual_registration(
    units: Sequence[Unit], party_orgs: Iterable[PartyOrg], members: Iterable[Member]
) -> dict[str, dict]:
    """Dual-registration coverage: of the serving members (在职党员), the share
    registered at a community — ``"units"``: per unit (a joint branch's
    members count for each of its units); ``"communities"``: per community the
    units lie in, with ``registered_here``, the members registered at that
    community's own unit.

    >>> units = [Unit("U1", "机关", "government", community="东湖社区"),
    ...          Unit("C1", "东湖社区", "community", community="东湖社区")]
    >>> orgs = [PartyOrg("P1", "机关党支部", "branch", ("U1",))]
    >>> people = [Member("M1", "张", "P1", True, "C1"), Member("M2", "李", "P1", True)]
    >>> dual_registration(units, orgs, people)["communities"]["东湖社区"]["coverage"]
    0.5
    """
    members = list(members)
    per_unit = _unit_counts(units, party_orgs, members)
    communities: dict[str, dict] = {}
    home = {}
    for u in units:
        if u.kind == UnitKind.COMMUNITY.value:
            home[u.id] = u.community or u.name
        if not u.community:
            continue
        row = communities.setdefault(
            u.community, {"units": 0, "serving": 0, "registered": 0, "registered_here": 0}
        )
        row["units"] += 1
        row["serving"] += per_unit[u.id]["serving"]
        row["registered"] += per_unit[u.id]["registered"]
    for m in members:
        name = home.get(m.registered_at or "")
        if name is not None and name in communities:
            communities[name]["registered_here"] += 1
    return {
        "units": {u: _coverage(row) for u, row in per_unit.items()},
        "communities": {c: _coverage(row) for c, row in sorted(communities.items())},
    }
