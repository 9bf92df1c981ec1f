"""The embedded store: one SQLite file in WAL mode, one transaction per load.

``sqlite:///var/cobuild.db`` is a path relative to the working directory,
``sqlite:////srv/cobuild.db`` an absolute one.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from ..aliases import Alias
from ..errors import StoreUnavailable, StoreURLError
from ..records import RECORD_TYPES, TABLES, Activity, Decision, Listing, Participation, Record
from .protocol import Bundle, ImportLog, TableCounts
from .shared import (
    LISTING_FIELDS,
    Kind,
    RecordReads,
    counts_text,
    decision_values,
    decisions_in_order,
    field_kinds,
    import_log,
    unit_not_found,
    warnings_text,
)

_LISTING_COLUMNS = ", ".join(LISTING_FIELDS)

#: Key column of each table; participations are keyed by who took part in what.
KEY = {table: "id" for table in TABLES} | {"participations": "key"}


#: How each kind of field is written to a column (kinds not listed go as they are).
ENCODERS = {
    Kind.TUPLE: lambda v: json.dumps(list(v), ensure_ascii=False) if v else "[]",
    Kind.DATE: lambda v: v.isoformat() if v is not None else None,
    Kind.DATETIME: lambda v: v.isoformat() if v is not None else None,
    Kind.BOOL: int,
}
#: How each kind of field is read back from its column.
DECODERS = {
    Kind.TUPLE: lambda v: tuple(json.loads(v)) if v and v != "[]" else (),
    Kind.DATE: lambda v: dt.date.fromisoformat(v) if v else None,
    Kind.DATETIME: lambda v: dt.datetime.fromisoformat(v) if v else None,
    Kind.BOOL: bool,
}


class RowCodec:
    """Turns the records of one type into SQL rows and back (a keyed row starts
    with the record's ``id``, for records such as participations that have no
    ``id`` field of their own)."""

    def __init__(self, record_type: type, *, keyed: bool = False) -> None:
        self.type = record_type
        kinds = field_kinds(record_type)
        self.names = list(kinds)
        self.encoders = [ENCODERS.get(kind) for kind in kinds.values()]
        self.decoders = [DECODERS.get(kind) for kind in kinds.values()]
        self.keyed = keyed

    @property
    def sql_columns(self) -> list[str]:
        return (["key"] if self.keyed else []) + self.names

    def to_row(self, record: Record) -> tuple:
        values = [
            enc(getattr(record, name)) if enc else getattr(record, name)
            for name, enc in zip(self.names, self.encoders, strict=True)
        ]
        return (record.id, *values) if self.keyed else tuple(values)

    def from_row(self, row: Sequence) -> Record:
        values = row[1:] if self.keyed else row
        return self.type(
            *(dec(v) if dec else v for v, dec in zip(values, self.decoders, strict=True))
        )


CODECS = {table: RowCodec(RECORD_TYPES[table], keyed=table == "participations") for table in TABLES}


def _schema() -> str:
    statements = []
    for table, codec in CODECS.items():
        cols = ", ".join(codec.sql_columns)
        statements.append(
            f"CREATE TABLE IF NOT EXISTS {table} ({cols}, PRIMARY KEY ({KEY[table]}))"
        )
    statements += [
        "CREATE INDEX IF NOT EXISTS activities_by_date ON activities (date)",
        "CREATE INDEX IF NOT EXISTS participations_by_activity ON participations (activity)",
        "CREATE TABLE IF NOT EXISTS imports (n INTEGER PRIMARY KEY AUTOINCREMENT,"
        " at TEXT NOT NULL, source TEXT, counts TEXT NOT NULL, warnings TEXT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT)",
        # Planners' decisions on suggestions: a history, never overwritten.
        "CREATE TABLE IF NOT EXISTS decisions (n INTEGER PRIMARY KEY AUTOINCREMENT,"
        " unit TEXT NOT NULL, partner TEXT NOT NULL, decision TEXT NOT NULL,"
        " at TEXT NOT NULL, by_user TEXT NOT NULL, note TEXT NOT NULL,"
        " owner TEXT NOT NULL DEFAULT '', due TEXT)",
        "CREATE INDEX IF NOT EXISTS decisions_by_unit ON decisions (unit)",
        "CREATE INDEX IF NOT EXISTS decisions_by_partner ON decisions (partner)",
        # Needs and offers (需求清单 · 资源清单): kept by id, claimed in place.
        "CREATE TABLE IF NOT EXISTS listings (id TEXT PRIMARY KEY, unit TEXT NOT NULL,"
        " side TEXT NOT NULL, what TEXT NOT NULL, detail TEXT NOT NULL, posted TEXT,"
        " status TEXT NOT NULL, claimed_by TEXT NOT NULL, claimed_at TEXT, partner TEXT NOT NULL)",
        "CREATE INDEX IF NOT EXISTS listings_by_unit ON listings (unit)",
        # Names planners confirmed in ledgers (graphmodel.aliases).
        "CREATE TABLE IF NOT EXISTS aliases (street TEXT NOT NULL, name TEXT NOT NULL,"
        " unit TEXT NOT NULL, PRIMARY KEY (street, name))",
        "INSERT OR IGNORE INTO meta VALUES ('version', '0')",
    ]
    return ";\n".join(statements) + ";"


def _decision_columns(con: sqlite3.Connection) -> None:
    """Add the follow-up owner and due date to a decisions table made before they existed."""
    have = {row[1] for row in con.execute("PRAGMA table_info(decisions)")}
    if "owner" not in have:
        con.execute("ALTER TABLE decisions ADD COLUMN owner TEXT NOT NULL DEFAULT ''")
    if "due" not in have:
        con.execute("ALTER TABLE decisions ADD COLUMN due TEXT")


def sqlite_path(url: str) -> Path:
    """The file a ``sqlite:///…`` URL names."""
    parts = urlsplit(url)
    if parts.scheme != "sqlite" or parts.netloc or not parts.path.startswith("/"):
        raise StoreURLError(
            "SQLite 地址 {url!r} 有误：应写作 sqlite:///相对路径.db 或 sqlite:////绝对路径.db",
            url=url,
        )
    return Path(parts.path[1:])


class SQLiteStore(RecordReads):
    """The embedded store (see module docstring)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.path = sqlite_path(url)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self._connect() as con:
                con.execute("PRAGMA journal_mode=WAL")
                con.executescript(_schema())
                _decision_columns(con)
        except (OSError, sqlite3.Error) as exc:
            raise self._unavailable(exc) from exc

    def _unavailable(self, exc: Exception) -> StoreUnavailable:
        return StoreUnavailable("无法打开内置存储 {path}：{error}", path=self.path, error=exc)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        # One connection per call: cheap for SQLite, and safe across the web
        # server's threads.
        try:
            con = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        except sqlite3.Error as exc:
            raise self._unavailable(exc) from exc
        try:
            con.execute("PRAGMA synchronous=NORMAL")
            yield con
        finally:
            con.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """A connection inside one write transaction, rolled back on any error."""
        with self._connect() as con:
            con.execute("BEGIN IMMEDIATE")
            try:
                yield con
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise

    # -- writing -----------------------------------------------------------

    def load(
        self, bundle: Bundle, *, source: str = "", warnings: Sequence[str] = ()
    ) -> dict[str, TableCounts]:
        counts: dict[str, TableCounts] = {}
        with self._transaction() as con:
            for table in TABLES:
                records = bundle.table(table)
                if records:
                    counts[table] = self._upsert(con, table, records)
            changed = any(c.added or c.updated for c in counts.values())
            if changed:
                con.execute(
                    "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE name = 'version'"
                )
            con.execute(
                "INSERT INTO imports (at, source, counts, warnings) VALUES (?, ?, ?, ?)",
                (
                    dt.datetime.now().isoformat(timespec="seconds"),
                    source,
                    counts_text(counts),
                    warnings_text(warnings),
                ),
            )
        return counts

    def _upsert(self, con: sqlite3.Connection, table: str, records: list) -> TableCounts:
        codec = CODECS[table]
        cols = codec.sql_columns
        key = KEY[table]
        marks = ", ".join("?" * len(cols))
        con.execute(f"CREATE TEMP TABLE staged AS SELECT * FROM {table} WHERE 0")
        try:
            con.execute(f"CREATE UNIQUE INDEX temp.staged_key ON staged ({key})")
            con.executemany(
                f"INSERT OR REPLACE INTO staged VALUES ({marks})", map(codec.to_row, records)
            )
            staged = con.execute("SELECT count(*) FROM staged").fetchone()[0]
            differs = " OR ".join(f"s.{c} IS NOT t.{c}" for c in cols)
            existing, updated = con.execute(
                f"SELECT count(*), coalesce(sum({differs}), 0) FROM staged s"
                f" JOIN {table} t ON t.{key} = s.{key}"
            ).fetchone()
            assignments = ", ".join(f"{c} = excluded.{c}" for c in cols if c != key)
            con.execute(
                f"INSERT INTO {table} SELECT * FROM staged WHERE true"
                f" ON CONFLICT({key}) DO UPDATE SET {assignments}"
            )
        finally:
            con.execute("DROP TABLE temp.staged")
        return TableCounts(added=staged - existing, updated=updated, unchanged=existing - updated)

    # -- reading -----------------------------------------------------------

    def known_ids(self, table: str, ids: Iterable[str]) -> set[str]:
        wanted = list(set(ids))
        found: set[str] = set()
        key = KEY[table]
        with self._connect() as con:
            for i in range(0, len(wanted), 500):
                chunk = wanted[i : i + 500]
                marks = ", ".join("?" * len(chunk))
                found.update(
                    r[0]
                    for r in con.execute(
                        f"SELECT {key} FROM {table} WHERE {key} IN ({marks})", chunk
                    )
                )
        return found

    def _read(self, table: str, where: str = "", params: Sequence = ()) -> list:
        codec = CODECS[table]
        cols = ", ".join(f"{table}.{c}" for c in codec.sql_columns)
        with self._connect() as con:
            rows = con.execute(f"SELECT {cols} FROM {table} {where}", params).fetchall()
        return [codec.from_row(r) for r in rows]

    def _all(self, table: str) -> list[Record]:
        return self._read(table, "ORDER BY id")

    def activities(
        self, start: dt.date | None = None, end: dt.date | None = None
    ) -> list[Activity]:
        where, params = _date_filter("activities.date", start, end)
        return self._read("activities", f"{where} ORDER BY date, id", params)

    def participations(
        self, start: dt.date | None = None, end: dt.date | None = None
    ) -> list[Participation]:
        where, params = _date_filter("a.date", start, end)
        if not where:
            return self._read("participations", "ORDER BY key")
        join = "JOIN activities a ON a.id = participations.activity"
        return self._read("participations", f"{join} {where} ORDER BY key", params)

    def last_activity(self, until: dt.date) -> dt.date | None:
        with self._connect() as con:
            [found] = con.execute(
                "SELECT max(date) FROM activities WHERE date <= ?", (until.isoformat(),)
            ).fetchone()
        return dt.date.fromisoformat(found) if found else None

    def counts(self) -> dict[str, int]:
        with self._connect() as con:
            return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}

    def imports(self, limit: int = 20) -> list[ImportLog]:
        with self._connect() as con:
            rows = con.execute(
                "SELECT at, source, counts, warnings FROM imports ORDER BY n DESC LIMIT ?",
                (limit,),
            ).fetchall()
        return [
            import_log(dt.datetime.fromisoformat(at), source, counts, warnings)
            for at, source, counts, warnings in rows
        ]

    # -- decisions on suggestions -------------------------------------------

    def record_decision(self, decision: Decision) -> None:
        with self._transaction() as con:
            ids = (decision.unit, decision.partner)
            found = {r[0] for r in con.execute("SELECT id FROM units WHERE id IN (?, ?)", ids)}
            missing = [i for i in ids if i not in found]
            if missing:
                raise unit_not_found(missing[0])
            con.execute(
                "INSERT INTO decisions (unit, partner, decision, at, by_user, note, owner, due)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                decision_values(decision),
            )

    def decisions(self, unit: str | None = None) -> list[Decision]:
        sql = "SELECT unit, partner, decision, at, by_user, note, owner, due FROM decisions"
        with self._connect() as con:
            if unit is None:
                rows = con.execute(f"{sql} ORDER BY n").fetchall()
            else:
                rows = con.execute(
                    f"{sql} WHERE unit = ? OR partner = ? ORDER BY n", (unit, unit)
                ).fetchall()
        return decisions_in_order(rows)

    # -- confirmed names ------------------------------------------------------

    def aliases(self) -> list[Alias]:
        with self._connect() as con:
            rows = con.execute("SELECT name, street, unit FROM aliases ORDER BY street, name")
            return [Alias(*row) for row in rows.fetchall()]

    def remember_aliases(self, aliases: Sequence[Alias]) -> None:
        with self._transaction() as con:
            con.executemany(
                "INSERT INTO aliases (street, name, unit) VALUES (?, ?, ?)"
                " ON CONFLICT(street, name) DO UPDATE SET unit = excluded.unit",
                [(a.street, a.name, a.unit) for a in aliases],
            )

    def save_listing(self, listing: Listing) -> None:
        with self._transaction() as con:
            if not con.execute("SELECT 1 FROM units WHERE id = ?", (listing.unit,)).fetchone():
                raise unit_not_found(listing.unit)
            con.execute(
                f"INSERT OR REPLACE INTO listings ({_LISTING_COLUMNS})"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                listing.as_row(),
            )

    def listings(self, unit: str | None = None) -> list[Listing]:
        sql = f"SELECT {_LISTING_COLUMNS} FROM listings"
        with self._connect() as con:
            if unit is None:
                rows = con.execute(f"{sql} ORDER BY id").fetchall()
            else:
                rows = con.execute(f"{sql} WHERE unit = ? ORDER BY id", (unit,)).fetchall()
        return [Listing.from_row(row) for row in rows]

    def version(self) -> str:
        with self._connect() as con:
            return con.execute("SELECT value FROM meta WHERE name = 'version'").fetchone()[0]

    def ping(self) -> None:
        with self._connect() as con:
            try:
                con.execute("SELECT 1").fetchone()
            except sqlite3.Error as exc:
                raise StoreUnavailable(
                    "内置存储 {path} 无响应：{error}",
                    path=self.path,
                    error=exc,
                ) from exc

    def close(self) -> None:
        """Nothing to release: connections are opened per call."""


def _date_filter(column: str, start: dt.date | None, end: dt.date | None) -> tuple[str, list]:
    clauses, params = [], []
    if start is not None:
        clauses.append(f"{column} >= ?")
        params.append(start.isoformat())
    if end is not None:
        clauses.append(f"{column} <= ?")
        params.append(end.isoformat())
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), params
