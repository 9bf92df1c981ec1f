"""Participations as columns of numbers: who took part in what, in which role.

At city scale a snapshot holds some 850,000 participations. Kept as one
:class:`~graphmodel.records.Participation` each (five strings and a frozen dataclass)
they took most of the snapshot's read time and a good part of the server's memory,
although the analysis only ever asks "which unit (or organisation, or member) took part
in which activity, in which role". :class:`TookPart` holds exactly that: five integer
arrays, one entry per participation, the ids replaced by positions in the snapshot's
lists of activities, units, party organisations and members. :class:`RollUp` says which
units an organisation (and a member, through their organisation) stands for.

>>> import datetime as dt
>>> from graphmodel.records import Activity, Participation, Unit
>>> acts = [Activity("A1", "x", "other", dt.date(2026, 1, 1))]
>>> units = [Unit("U1", "一中", "school"), Unit("U2", "二中", "school")]
>>> took = TookPart.from_records([Participation("A1", "U2", role="host")], acts, units, [], [])
>>> took.activity.tolist(), took.unit.tolist(), took.role.tolist()
([0], [1], [3])
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import repeat

import numpy as np

from .records import Activity, Member, Participation, PartyOrg, Role, Unit

#: Role codes (a bigger code is a stronger role), as the incidence matrix holds them.
ROLE_CODES: dict[str, int] = {Role.GUEST.value: 1, Role.CO_HOST.value: 2, Role.HOST.value: 3}
ROLE_NAMES: dict[int, str] = {code: name for name, code in ROLE_CODES.items()}
#: A column's value when the participation names nobody there.
NONE = -1
#: A column's value when the participation names an id the snapshot does not hold.
UNKNOWN = -2


@dataclass(frozen=True, eq=False)
class TookPart:
    """Participations as columns: positions in the snapshot's activities, units, party
    organisations and members (:data:`NONE`, :data:`UNKNOWN`), and the role code."""

    activity: np.ndarray
    unit: np.ndarray
    party_org: np.ndarray
    member: np.ndarray
    role: np.ndarray

    def __len__(self) -> int:
        return len(self.activity)

    @classmethod
    def from_records(
        cls,
        participations: Iterable[Participation],
        activities: Sequence[Activity],
        units: Sequence[Unit],
        party_orgs: Sequence[PartyOrg],
        members: Sequence[Member],
    ) -> TookPart:
        """The columns of records in memory; a participation in an activity not among
        ``activities`` is left out."""
        act = {a.id: i for i, a in enumerate(activities)}
        maps = [{r.id: i for i, r in enumerate(rs)} for rs in (units, party_orgs, members)]
        rows = []
        for p in participations:
            j = act.get(p.activity)
            if j is None:
                continue
            rows.append(
                (
                    j,
                    *(
                        NONE if not value else index.get(value, UNKNOWN)
                        for value, index in zip((p.unit, p.party_org, p.member), maps, strict=True)
                    ),
                    ROLE_CODES.get(p.role, 1),
                )
            )
        table = np.array(rows, dtype=np.int64).reshape(-1, 5)
        return cls(*(table[:, k].astype(np.int32) for k in range(4)), table[:, 4].astype(np.int8))

    @classmethod
    def from_ids(
        cls,
        columns: tuple[Sequence[str], Sequence[str], Sequence[str], Sequence[str], Sequence[int]],
        activities: Sequence[Activity],
        units: Sequence[Unit],
        party_orgs: Sequence[PartyOrg],
        members: Sequence[Member],
    ) -> TookPart:
        """The columns of participations given as five aligned lists: activity id; unit,
        party organisation and member id (``''``: none named); role code. A participation
        in an activity not among ``activities`` is left out."""
        activity, *named, role = columns
        act = _index(activities)
        at = _positions(activity, act, len(activity))
        keep = at >= 0
        people = []
        for ids, records in zip(named, (units, party_orgs, members), strict=True):
            index = _index(records)
            index[""] = NONE
            people.append(_positions(ids, index, len(activity)))
        return cls(
            at[keep],
            *(column[keep] for column in people),
            np.asarray(role, dtype=np.int8)[keep],
        )

    def where(self, keep: np.ndarray) -> TookPart:
        """The participations where boolean ``keep`` is true."""
        return TookPart(*(column[keep] for column in self._columns()))

    def renumbered(self, new_activity: np.ndarray, *, units: Sequence[int] = ()) -> TookPart:
        """The participations of the activities that ``new_activity`` (old position → new
        position, or negative: dropped) keeps, with their new positions; ``units``, when
        given, is the new order of the units (new position → old position)."""
        moved = new_activity[self.activity] if len(self) else self.activity
        kept = moved >= 0
        unit = self.unit[kept]
        if len(units) and list(units) != list(range(len(units))):
            new_unit = np.empty(len(units), dtype=np.int32)
            new_unit[np.asarray(units)] = np.arange(len(units), dtype=np.int32)
            unit = np.where(unit >= 0, new_unit[np.maximum(unit, 0)], unit)
        return TookPart(
            moved[kept].astype(np.int32),
            unit,
            self.party_org[kept],
            self.member[kept],
            self.role[kept],
        )

    def records(
        self,
        activities: Sequence[Activity],
        units: Sequence[Unit],
        party_orgs: Sequence[PartyOrg],
        members: Sequence[Member],
    ) -> list[Participation]:
        """The participations as records again (ids the snapshot did not hold come back
        as None) — for the few callers that want records, e.g. a store's bundle."""

        def ids(column: np.ndarray, records: Sequence) -> list[str | None]:
            return [records[i].id if i >= 0 else None for i in column.tolist()]

        return [
            Participation(activities[a].id, u, o, m, ROLE_NAMES[int(r)])
            for a, u, o, m, r in zip(
                self.activity.tolist(),
                ids(self.unit, units),
                ids(self.party_org, party_orgs),
                ids(self.member, members),
                self.role.tolist(),
                strict=True,
            )
        ]

    def organisation(self, member_org: np.ndarray) -> np.ndarray:
        """The party organisation each participation stands for: the one it names, else
        the organisation of the member it names (:data:`NONE`, :data:`UNKNOWN`: none)."""
        via_member = np.full(len(self), NONE, dtype=np.int32)
        named = self.member >= 0
        via_member[named] = member_org[self.member[named]]
        return np.where(self.party_org != NONE, self.party_org, via_member)

    def unit_rows(self, roll_up: RollUp) -> tuple[np.ndarray, np.ndarray]:
        """(unit position, participation) pairs: the unit a participation names, else each
        unit of the organisation it stands for (a joint branch counts for all of them)."""
        direct = np.flatnonzero(self.unit >= 0)
        org = self.organisation(roll_up.member_org)
        rolled = np.flatnonzero((self.unit == NONE) & (org >= 0))
        which, units = roll_up.expand(org[rolled])
        return np.concatenate([self.unit[direct], units]), np.concatenate([direct, rolled[which]])

    def _columns(self) -> tuple[np.ndarray, ...]:
        return (self.activity, self.unit, self.party_org, self.member, self.role)


def _index(records: Sequence) -> dict[str, int]:
    """Each record's position, by id."""
    return {r.id: i for i, r in enumerate(records)}


def _positions(ids: Iterable[str], index: dict[str, int], count: int) -> np.ndarray:
    """The position ``index`` gives each of ``ids`` (:data:`UNKNOWN` for those it lacks)."""
    found = map(index.get, ids, repeat(UNKNOWN))
    return np.fromiter(found, dtype=np.int32, count=count)


@dataclass(frozen=True, eq=False)
class RollUp:
    """How organisations and members roll up to units, as positions: the units of
    organisation ``o`` are ``units[indptr[o]:indptr[o + 1]]``; ``member_org`` holds each
    member's organisation (:data:`UNKNOWN`: not among the organisations)."""

    indptr: np.ndarray
    units: np.ndarray
    member_org: np.ndarray

    @classmethod
    def of(
        cls, units: Sequence[Unit], party_orgs: Sequence[PartyOrg], members: Sequence[Member]
    ) -> RollUp:
        """The roll-up of a snapshot's lists (unknown unit ids are left out)."""
        unit_at = {u.id: i for i, u in enumerate(units)}
        org_at = {o.id: i for i, o in enumerate(party_orgs)}
        per_org = [[unit_at[u] for u in o.units if u in unit_at] for o in party_orgs]
        indptr = np.zeros(len(party_orgs) + 1, dtype=np.int64)
        indptr[1:] = np.cumsum([len(us) for us in per_org])
        flat = np.fromiter((u for us in per_org for u in us), dtype=np.int32, count=int(indptr[-1]))
        member_org = np.fromiter(
            (org_at.get(m.party_org, UNKNOWN) for m in members), dtype=np.int32, count=len(members)
        )
        return cls(indptr, flat, member_org)

    def expand(self, orgs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(k, unit position) for every unit of each organisation ``orgs[k]`` (all ≥ 0)."""
        starts = self.indptr[orgs]
        counts = self.indptr[orgs + 1] - starts
        which = np.repeat(np.arange(len(orgs)), counts)
        # Entry i of the repeated rows is unit (i − first entry of its row) of its organisation.
        offset = np.arange(len(which)) - np.repeat(np.cumsum(counts) - counts, counts)
        return which, self.units[np.repeat(starts, counts) + offset]
