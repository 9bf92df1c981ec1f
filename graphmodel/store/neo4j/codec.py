"""Records as Neo4j properties and back, so that a read returns what was loaded."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ...errors import DanglingReference
from ...records import RECORD_TYPES, Participation, Record
from ..shared import Kind, field_kinds
from . import cypher


class NodeCodec:
    """Turns the records of one type into node properties and back.

    ``None`` and empty tuples are left out (Neo4j stores no nulls); reading puts
    them back, and ignores bookkeeping properties such as ``staged_by``. Dates
    and times are stored as Neo4j's own and read back as Python's.
    """

    def __init__(self, record_type: type) -> None:
        self.type = record_type
        kinds = field_kinds(record_type)
        self.names = list(kinds)
        self.tuples = {name for name, kind in kinds.items() if kind is Kind.TUPLE}
        self.dates = {name for name, kind in kinds.items() if kind in (Kind.DATE, Kind.DATETIME)}
        # Positions in a row (cypher.ALL_ROWS) of the fields that need converting.
        self._tuple_at = [i for i, name in enumerate(self.names) if name in self.tuples]
        self._date_at = [
            (i, dt.date.fromisoformat if kinds[name] is Kind.DATE else _native)
            for i, name in enumerate(self.names)
            if name in self.dates
        ]

    def props(self, record: Record) -> dict[str, Any]:
        """The node properties of ``record``."""
        props = {}
        for name in self.names:
            value = getattr(record, name)
            if value is None or (name in self.tuples and not value):
                continue
            props[name] = list(value) if name in self.tuples else value
        return props

    def record(self, props: dict[str, Any]) -> Record:
        """The record a node's properties hold."""
        values = {}
        for name in self.names:
            value = props.get(name)
            if name in self.tuples:
                value = tuple(value) if value else ()
            elif name in self.dates and value is not None:
                value = value.to_native()
            values[name] = value
        return self.type(**values)

    def from_row(self, row: list[Any]) -> Record:
        """The record of a row of field values (dates as ISO text), as cypher.ALL_ROWS reads
        it; ``row`` is used up."""
        for i in self._tuple_at:
            row[i] = tuple(row[i]) if row[i] else ()
        for i, parse in self._date_at:
            if row[i] is not None:
                row[i] = parse(row[i])
        return self.type(*row)


def _native(value: Any) -> Any:
    """A driver's date-time as Python's."""
    return value.to_native()


CODECS = {table: NodeCodec(RECORD_TYPES[table]) for table in cypher.LABELS}


def participant(p: Participation) -> tuple[str, str]:
    """The label and id of the node a participation's TOOK_PART edge starts from.

    >>> participant(Participation("A1", unit="U1", member="M1"))
    ('Member', 'M1')
    """
    for name, label in cypher.PARTICIPANTS:
        value = getattr(p, name)
        if value is not None:
            return label, value
    raise DanglingReference(
        "活动“{activity}”的参与记录没有填写单位、党组织或党员",
        activity=p.activity,
    )
