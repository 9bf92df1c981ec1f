"""Reading a district's snapshot, its participations as columns (:mod:`graphmodel.took_part`).

:func:`read` reads a whole snapshot. From SQLite the participations never become
Python objects: one query joins each to the row numbers of its activity, unit,
organisation and member and hands them over as one text per column, which numpy
parses (:func:`_read_sqlite`). A backend that offers ``snapshot_columns`` (Neo4j) hands
over the participations as lists of ids, made positions here (:meth:`TookPart.from_ids`).
Any other store is read through the store protocol and its records converted
(:meth:`TookPart.from_records`).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import Any

import numpy as np

from .store import Bundle, Store, read_bundle
from .store.protocol import SnapshotColumns
from .took_part import NONE, UNKNOWN, TookPart


@dataclass(frozen=True)
class Snapshot:
    """What :func:`read` returns: the records (participations left empty), the
    participations as columns, the store's version and its latest activity."""

    bundle: Bundle
    took_part: TookPart
    version: str
    data_end: dt.date | None


def read(store: Store, until: dt.date | None, last: dt.date) -> Snapshot:
    """Every record of ``store`` with activities up to ``until``; ``data_end`` is its
    latest activity on or before ``last``."""
    path = _sqlite_path(store)
    if path is not None:
        return _read_sqlite(path, until, last)
    columns_of = getattr(store, "snapshot_columns", None)
    if columns_of is not None:
        return _from_columns(columns_of(until, last))
    version = store.version()
    bundle = read_bundle(store, until)
    took = TookPart.from_records(
        bundle.participations, bundle.activities, bundle.units, bundle.party_orgs, bundle.members
    )
    bundle.participations = []
    return Snapshot(bundle, took, version, store.last_activity(last))


def _from_columns(read: SnapshotColumns) -> Snapshot:
    """The snapshot a backend read with its participations as lists of ids."""
    b = read.bundle
    took = TookPart.from_ids(read.took_part, b.activities, b.units, b.party_orgs, b.members)
    return Snapshot(b, took, read.version, read.data_end)


def _sqlite_path(store: Store) -> str | None:
    from .store.memo import unwrapped
    from .store.sqlite import SQLiteStore

    store = unwrapped(store)
    return str(store.path) if isinstance(store, SQLiteStore) else None


# -- SQLite -----------------------------------------------------------------------

_PERSON = "CASE WHEN coalesce(p.{col}, '') = '' THEN 0 ELSE coalesce({t}.rowid, -1) END"
#: Each participation as row numbers: its activity's, its unit's, organisation's and
#: member's (0: none named, -1: not found), and its role code — one text per column.
_TOOK_PART = (
    "SELECT group_concat(a.rowid), group_concat("
    + _PERSON.format(col="unit", t="un")
    + "), group_concat("
    + _PERSON.format(col="party_org", t="po")
    + "), group_concat("
    + _PERSON.format(col="member", t="me")
    + "), group_concat(CASE p.role WHEN 'host' THEN 3 WHEN 'co-host' THEN 2 ELSE 1 END)"
    " FROM participations p JOIN activities a ON a.id = p.activity"
    " LEFT JOIN units un ON un.id = p.unit"
    " LEFT JOIN party_orgs po ON po.id = p.party_org"
    " LEFT JOIN members me ON me.id = p.member"
)


def _read_sqlite(path: str, until: dt.date | None, last: dt.date) -> Snapshot:
    """The snapshot from a SQLite store file, in one read transaction."""
    con = sqlite3.connect(path)
    try:
        con.execute("BEGIN")  # one consistent view: a load meanwhile is not half seen
        [[version]] = con.execute("SELECT value FROM meta WHERE name = 'version'")
        rowids: dict[str, np.ndarray] = {}
        tables: dict[str, list] = {}
        for table in ("zones", "units", "party_orgs", "members", "agreements"):
            rowids[table], tables[table] = _records(con, table, "ORDER BY id")
        where, params = ("WHERE date <= ?", [until.isoformat()]) if until else ("", [])
        rowids["activities"], tables["activities"] = _records(
            con, "activities", f"{where} ORDER BY date, id", params
        )
        [[data_end]] = con.execute(
            "SELECT max(date) FROM activities WHERE date <= ?", (last.isoformat(),)
        )
        took_where = "WHERE a.date <= ?" if until else ""
        columns = con.execute(f"{_TOOK_PART} {took_where}", params).fetchone()
    finally:
        con.close()
    parsed = [_ints(text) for text in columns]
    took = TookPart(
        _positions(parsed[0], rowids["activities"], missing=NONE),
        *(
            _positions(parsed[k], rowids[table])
            for k, table in ((1, "units"), (2, "party_orgs"), (3, "members"))
        ),
        parsed[4].astype(np.int8),
    )
    bundle = Bundle(**tables)
    return Snapshot(bundle, took, version, dt.date.fromisoformat(data_end) if data_end else None)


def _records(
    con: sqlite3.Connection, table: str, tail: str, params: Sequence = ()
) -> tuple[np.ndarray, list]:
    """(row numbers, records) of a table, decoding only the columns that need it."""
    from .store.sqlite import CODECS

    codec = CODECS[table]
    cols = ", ".join(codec.names)
    rows = con.execute(f"SELECT rowid, {cols} FROM {table} {tail}", params).fetchall()
    rowids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
    decoding = [
        (i, _tuple if annotation.startswith("tuple") else decode)
        for i, (annotation, decode) in enumerate(
            zip([str(f.type) for f in fields(codec.type)], codec.decoders, strict=True),
            start=1,
        )
        if decode
    ]
    make = codec.type
    records = []
    for row in rows:
        values: list[Any] = list(row)
        for i, decode in decoding:
            values[i] = decode(values[i])
        records.append(make(*values[1:]))
    return rowids, records


def _tuple(text: str | None) -> tuple[str, ...]:
    """A stored JSON list of strings as a tuple; the common case (no escapes) without
    the JSON parser, which took a third of reading the records at city scale."""
    if not text or text == "[]":
        return ()
    if text.startswith('["') and text.endswith('"]') and "\\" not in text:
        return tuple(text[2:-2].split('", "'))
    return tuple(json.loads(text))


def _ints(text: str | None) -> np.ndarray:
    """The integers of a comma-separated text (None: none)."""
    if not text:
        return np.zeros(0, dtype=np.int64)
    return np.fromstring(text, dtype=np.int64, sep=",")


def _positions(rowid: np.ndarray, rowids: np.ndarray, *, missing: int = UNKNOWN) -> np.ndarray:
    """Positions in a table read as ``rowids`` of each value of ``rowid`` (0: :data:`NONE`,
    -1 or a row not read: ``missing``)."""
    top = int(max(rowids.max(initial=0), rowid.max(initial=0))) + 1
    at = np.full(top + 1, missing, dtype=np.int32)
    at[rowids] = np.arange(len(rowids), dtype=np.int32)
    at[0] = NONE
    out = at[np.where(rowid < 0, top, rowid)]
    return out.astype(np.int32)
