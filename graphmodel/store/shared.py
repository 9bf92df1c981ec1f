"""What the two backends share, so that each says only how it reads and writes.

Both keep decisions, listings and the import log as plain values (dates and
times as ISO text, counts and warnings as JSON) and turn them back into the
project's records the same way; both codecs learn a record's field types here,
from the resolved type hints (a field typed ``datetime.date`` or ``dt.date``
is a date either way).
"""

from __future__ import annotations

import datetime as dt
import json
import types
import typing
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import fields
from enum import Enum

from ..errors import NotFound
from ..records import Agreement, Decision, Listing, Member, PartyOrg, Record, Unit, Zone
from .protocol import ImportLog, TableCounts


class Kind(Enum):
    """How a record field is stored, by its type."""

    PLAIN = "plain"
    TUPLE = "tuple"
    DATE = "date"
    DATETIME = "datetime"
    BOOL = "bool"


def field_kinds(record_type: type) -> dict[str, Kind]:
    """Each field of the dataclass ``record_type`` and how it is stored, in field order.

    >>> field_kinds(Agreement)["start"], field_kinds(Agreement)["units"]
    (<Kind.DATE: 'date'>, <Kind.TUPLE: 'tuple'>)
    """
    hints = typing.get_type_hints(record_type)
    return {f.name: _kind(hints[f.name]) for f in fields(record_type)}


def _kind(hint: object) -> Kind:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        # An optional field is stored as its one other type (None stays None).
        others = [a for a in typing.get_args(hint) if a is not type(None)]
        hint = others[0] if len(others) == 1 else hint
    if typing.get_origin(hint) is tuple:
        return Kind.TUPLE
    if hint is dt.datetime:
        return Kind.DATETIME
    if hint is dt.date:
        return Kind.DATE
    if hint is bool:
        return Kind.BOOL
    return Kind.PLAIN


def unit_not_found(unit: str) -> NotFound:
    """The error of a write that names a unit the store does not hold."""
    return NotFound("存储中没有单位 {unit!r}", unit=unit)


# -- decisions ------------------------------------------------------------------

#: A decision's stored values, in the order :func:`decision_values` gives them.
DECISION_FIELDS = ("unit", "partner", "decision", "at", "by", "note", "owner", "due")


def decision_values(decision: Decision) -> tuple:
    """A decision as stored: ``at`` as given (naive or with its UTC offset), ISO text."""
    return (
        decision.unit,
        decision.partner,
        decision.decision,
        decision.at.isoformat(),
        decision.by,
        decision.note,
        decision.owner,
        decision.due.isoformat() if decision.due else None,
    )


def decisions_in_order(rows: Iterable[Sequence]) -> list[Decision]:
    """The decisions of stored rows (:data:`DECISION_FIELDS`, in the order they were
    recorded), oldest first; ties keep the order they were recorded in."""
    found = [
        Decision(
            unit,
            partner,
            decision,
            dt.datetime.fromisoformat(at),
            by,
            note,
            owner or "",
            dt.date.fromisoformat(due) if due else None,
        )
        for unit, partner, decision, at, by, note, owner, due in rows
    ]
    return sorted(found, key=lambda d: _instant(d.at))  # sorted() is stable


def _instant(at: dt.datetime) -> dt.datetime:
    """A naive datetime to order by: an aware one in UTC, a naive one as it is."""
    return at if at.tzinfo is None else at.astimezone(dt.UTC).replace(tzinfo=None)


#: A listing's stored values, in the order :meth:`Listing.as_row` gives them.
LISTING_FIELDS = tuple(f.name for f in fields(Listing))


# -- the import log -------------------------------------------------------------


def counts_text(counts: Mapping[str, TableCounts]) -> str:
    """What a load did per table, as the import log stores it."""
    return json.dumps({table: c.as_dict() for table, c in counts.items()})


def warnings_text(warnings: Sequence[str]) -> str:
    """A load's warnings, as the import log stores them."""
    return json.dumps(list(warnings), ensure_ascii=False)


def import_log(at: dt.datetime, source: str | None, counts: str, warnings: str) -> ImportLog:
    """One stored import (``counts`` and ``warnings`` as :func:`counts_text` and
    :func:`warnings_text` wrote them)."""
    return ImportLog(
        at=at,
        source=source or "",
        counts={table: TableCounts(**c) for table, c in json.loads(counts).items()},
        warnings=tuple(json.loads(warnings)),
    )


# -- reads ----------------------------------------------------------------------


class RecordReads:
    """The five tables read whole, by id, through the backend's :meth:`_all`."""

    def _all(self, table: str) -> list[Record]:
        """Every record of ``table``, ordered by id."""
        raise NotImplementedError

    def zones(self) -> list[Zone]:
        return self._all("zones")

    def units(self) -> list[Unit]:
        return self._all("units")

    def party_orgs(self) -> list[PartyOrg]:
        return self._all("party_orgs")

    def members(self) -> list[Member]:
        return self._all("members")

    def agreements(self) -> list[Agreement]:
        return self._all("agreements")
