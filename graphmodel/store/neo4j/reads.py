"""Whole tables, and a district's snapshot, read from Neo4j as a few large records.

The driver decodes the Bolt stream one record at a time, in Python; read as one record
per node or relationship, the M district's participations cost several times the
server's own work. Every query here returns ONE record: a table as one list of field
lists (:data:`cypher.ALL_ROWS`), the participations as five aligned lists
(:data:`cypher.PARTICIPATION_COLUMNS`). With the driver's Rust extension
(``neo4j-rust-ext``, a dependency) such lists decode at C speed.
"""

from __future__ import annotations

import datetime as dt
from operator import attrgetter
from typing import Any

from neo4j import ManagedTransaction, Result

from ...records import Record
from ..protocol import Bundle, SnapshotColumns
from . import cypher
from .codec import CODECS
from .load import read_rows

#: How each table is ordered when read (as the SQLite store orders it).
_ORDER = {table: attrgetter("id") for table in cypher.LABELS} | {
    "activities": attrgetter("date", "id")
}
#: The tables a snapshot reads whole (its activities are read up to a day).
_WHOLE = ("zones", "units", "party_orgs", "members", "agreements")


def records(
    tx: ManagedTransaction, hidden: list[str], table: str, read: cypher.Read, **params: Any
) -> list[Record]:
    """The records of ``table`` that ``read`` finds (visible ones only), in table order."""
    [[rows]] = read_rows(tx, read.given(hidden), hidden=hidden, **params)
    return _records(table, rows)


def _records(table: str, rows: list[list[Any]]) -> list[Record]:
    return sorted(map(CODECS[table].from_row, rows), key=_ORDER[table])


def version_text(epoch: str | None, version: int | None) -> str:
    """The store's version token (:meth:`Neo4jStore.version`) from its two properties."""
    return f"{epoch}-{version}" if version else "0"


def snapshot(
    tx: ManagedTransaction, hidden: list[str], until: dt.date | None, last: dt.date
) -> SnapshotColumns:
    """Everything with activities up to ``until`` (all without), in one read transaction
    together with the store's version, so that a load meanwhile is not half seen.

    Each statement is sent before the previous one's result is decoded and made records:
    the server runs the next while this process works on the last (Bolt lets a
    transaction hold several open results), so their times overlap instead of adding up.
    """
    [(epoch, version)] = read_rows(tx, cypher.VERSION)
    [[data_end]] = read_rows(tx, cypher.LAST_ACTIVITY, end=last, hidden=hidden)
    end = until or dt.date.max
    steps = [(table, cypher.ALL_ROWS[table], {}) for table in _WHOLE]
    steps.append(("activities", cypher.ACTIVITY_ROWS_BETWEEN, {"start": dt.date.min, "end": end}))
    steps.append(("", cypher.PARTICIPATION_COLUMNS, {"end": end}))
    tables: dict[str, list[Record]] = {}
    pending: tuple[str, Result] | None = None
    for table, read, params in steps:
        result = tx.run(read.given(hidden), {"hidden": hidden, **params})
        if pending is not None:
            [[rows]] = pending[1].values()
            tables[pending[0]] = _records(pending[0], rows)
        pending = (table, result)
    [columns] = result.values()
    return SnapshotColumns(
        Bundle(**tables),
        tuple(columns),
        version_text(epoch, version),
        data_end.to_native() if data_end is not None else None,
    )
