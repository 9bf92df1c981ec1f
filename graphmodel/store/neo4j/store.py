"""The graph store: Neo4j through the official driver.

``bolt://user:password@host:7687?database=neo4j`` (also ``neo4j://``, ``+s``,
``+ssc``). Without a user or password in the URL, ``NEO4J_USER`` (default
``neo4j``) and ``NEO4J_PASSWORD`` are used; the database defaults to ``neo4j``
and is named on every call.

How a load stays all-or-nothing (one transaction, or staged for large loads)
is described in :mod:`graphmodel.store.neo4j.load`; every statement lives in
:mod:`graphmodel.store.neo4j.cypher`. Reads hide the records of a staged load until it is
published, and return the project's own records, never driver types.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from neo4j import (
    READ_ACCESS,
    WRITE_ACCESS,
    Driver,
    GraphDatabase,
    ManagedTransaction,
    Session,
)
from neo4j.exceptions import (
    AuthError,
    ConfigurationError,
    ConnectionAcquisitionTimeoutError,
    DatabaseUnavailable,
    DriverError,
    IncompleteCommit,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)

from translations import words

from ...aliases import Alias
from ...errors import StoreFailed, StoreUnavailable, StoreURLError
from ...records import TABLES, Activity, Decision, Listing, Participation, Record
from ..protocol import Bundle, ImportLog, SnapshotColumns, TableCounts, redacted
from ..shared import (
    DECISION_FIELDS,
    LISTING_FIELDS,
    RecordReads,
    decision_values,
    decisions_in_order,
    import_log,
    unit_not_found,
    warnings_text,
)
from . import cypher, reads
from . import load as neo4j_load
from .load import batches, read_rows, write_rows

DEFAULT_DATABASE = "neo4j"
#: Managed transactions are retried on transient errors for this long. The
#: driver's default (30 s) would keep a web request waiting while Neo4j is down.
RETRY_SECONDS = 5.0
CONNECT_SECONDS = 5.0

# Without any logging set up, Python prints a library's warnings to stderr; the
# driver's "will be retried" warnings would then clutter the CLI's one-sentence
# errors. An application that configures logging still receives them.
logging.getLogger("neo4j").addHandler(logging.NullHandler())


def _parse_url(url: str) -> tuple[str, str, str | None, str]:
    """(driver URI without credentials, user, password, database) of a store URL."""
    parts = urlsplit(url)
    try:
        parts.port  # noqa: B018 - raises ValueError on a bad port
        params = parse_qs(parts.query, keep_blank_values=True, strict_parsing=bool(parts.query))
    except ValueError as exc:
        raise _bad_url(url, str(exc)) from exc
    unknown = set(params) - {"database"}
    if not parts.hostname or parts.path not in ("", "/") or unknown or parts.fragment:
        raise _bad_url(url, "expected scheme://user:password@host:port?database=name")
    user = unquote(parts.username) if parts.username else os.environ.get("NEO4J_USER", "neo4j")
    password = unquote(parts.password) if parts.password is not None else None
    if password is None:
        password = os.environ.get("NEO4J_PASSWORD")
    database = params.get("database", [DEFAULT_DATABASE])[-1] or DEFAULT_DATABASE
    host_port = parts.netloc.rpartition("@")[2]
    return f"{parts.scheme.lower()}://{host_port}", user, password, database


def _bad_url(url: str, why: str) -> StoreURLError:
    return StoreURLError(
        "Neo4j 地址 {redacted!r} 有误（{why}）：应写作 bolt://用户:密码@主机:7687?database=neo4j",
        redacted=redacted(url),
        why=why,
    )


class Neo4jStore(RecordReads):
    """The Neo4j store (see module docstring). One driver per store object."""

    #: Loads of more records than this are staged instead of one transaction.
    stage_above = 50_000

    def __init__(self, url: str) -> None:
        self.url = url
        self.uri, self.user, password, self.database = _parse_url(url)
        auth = (self.user, password) if password is not None else None
        try:
            self._driver = GraphDatabase.driver(
                self.uri,
                auth=auth,
                connection_timeout=CONNECT_SECONDS,
                max_transaction_retry_time=RETRY_SECONDS,
                user_agent="cobuild",
            )
        except (ConfigurationError, ValueError) as exc:
            raise _bad_url(url, str(exc)) from exc
        self._schema_ready = False
        self._schema_lock = threading.Lock()

    @property
    def driver(self) -> Driver:
        """The store's driver, for tests and benchmarks that query the graph directly."""
        return self._driver

    # -- plumbing ------------------------------------------------------------

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """Turn the driver's errors into the project's, with what to check."""
        where = words("Neo4j（{uri}，数据库 {database}）", uri=self.uri, database=self.database)
        try:
            yield
        except AuthError as exc:
            raise StoreUnavailable(
                "{where}拒绝了用户 {user} 的登录：请检查存储地址或 NEO4J_USER / NEO4J_PASSWORD"
                " 中的用户名和密码",
                where=where,
                user=self.user,
            ) from exc
        except IncompleteCommit as exc:
            raise StoreUnavailable(
                "{where}在提交时断开，本次导入可能未写入：请检查数据库服务，再查看统计或重新导入",
                where=where,
            ) from exc
        except (ServiceUnavailable, SessionExpired, ConnectionAcquisitionTimeoutError) as exc:
            raise StoreUnavailable(
                "无法连接{where}：请检查数据库服务是否已启动、存储地址中的主机和端口是否正确",
                where=where,
            ) from exc
        except Neo4jError as exc:
            if isinstance(exc, DatabaseUnavailable) or exc.code in (
                "Neo.ClientError.Database.DatabaseNotFound",
                "Neo.TransientError.General.DatabaseUnavailable",
            ):
                raise StoreUnavailable(
                    "{where}中的数据库 {database} 不可用：请检查存储地址中的 ?database= 以及该数据库是否在线",
                    where=where,
                    database=self.database,
                ) from exc
            raise self._failed(exc) from exc
        except DriverError as exc:
            raise self._failed(exc) from exc

    def _failed(self, exc: Exception) -> StoreFailed:
        message = getattr(exc, "message", None) or str(exc)
        return StoreFailed(
            "Neo4j（{uri}，数据库 {database}）执行失败：{message}",
            uri=self.uri,
            database=self.database,
            message=message,
        )

    def _session(self, mode: str) -> Session:
        return self._driver.session(database=self.database, default_access_mode=mode)

    def _read(self, work: Callable[..., Any], /, **params: Any) -> Any:
        """Run ``work(tx, hidden, **params)`` in a managed read transaction.

        ``hidden`` lists the staged loads whose records the read must skip.
        """

        def visible(tx: ManagedTransaction) -> Any:
            [[hidden]] = read_rows(tx, cypher.HIDDEN)
            return work(tx, hidden, **params)

        with self._errors(), self._session(READ_ACCESS) as session:
            return session.execute_read(visible)

    def _values(self, query: str, **params: Any) -> list[list[Any]]:
        return self._read(lambda tx, hidden: read_rows(tx, query, hidden=hidden, **params))

    def ensure_schema(self) -> None:
        """Create the uniqueness constraints and indexes unless they exist (idempotent)."""
        with self._schema_lock:
            if self._schema_ready:
                return
            with self._errors():
                for statement in (*cypher.SCHEMA, cypher.AWAIT_INDEXES):
                    self._driver.execute_query(statement, database_=self.database)
            self._schema_ready = True

    # -- writing -------------------------------------------------------------

    def load(
        self, bundle: Bundle, *, source: str = "", warnings: Sequence[str] = ()
    ) -> dict[str, TableCounts]:
        tables = neo4j_load.plan(bundle)
        self.ensure_schema()
        entry = {"source": source, "warnings": warnings_text(warnings)}
        with self._errors(), self._session(WRITE_ACCESS) as session:
            neo4j_load.clear_stale(session)
            if sum(map(len, tables.values())) > self.stage_above:
                return neo4j_load.in_stages(session, tables, entry)
            return session.execute_write(neo4j_load.in_one_transaction, tables, entry)

    # -- reading -------------------------------------------------------------

    def known_ids(self, table: str, ids: Iterable[str]) -> set[str]:
        query = cypher.KNOWN_IDS[table]
        wanted = list(set(ids))
        if not wanted:
            return set()

        def work(tx: ManagedTransaction, hidden: list[str]) -> set[str]:
            found: set[str] = set()
            for chunk in batches(wanted):
                found.update(row[0] for row in read_rows(tx, query, ids=chunk, hidden=hidden))
            return found

        return self._read(work)

    def _nodes(self, table: str, query: cypher.Read, **params: Any) -> list:
        return self._read(lambda tx, hidden: reads.records(tx, hidden, table, query, **params))

    def _all(self, table: str) -> list[Record]:
        return self._nodes(table, cypher.ALL_ROWS[table])

    def activities(
        self, start: dt.date | None = None, end: dt.date | None = None
    ) -> list[Activity]:
        if start is None and end is None:
            return self._nodes("activities", cypher.ALL_ROWS["activities"])
        return self._nodes("activities", cypher.ACTIVITY_ROWS_BETWEEN, **_window(start, end))

    def participations(
        self, start: dt.date | None = None, end: dt.date | None = None
    ) -> list[Participation]:
        if start is None and end is None:
            query, params = cypher.ALL_PARTICIPATIONS, {}
        else:
            query, params = cypher.PARTICIPATIONS_BETWEEN, _window(start, end)

        def work(tx: ManagedTransaction, hidden: list[str]) -> list[list[Any]]:
            [[rows]] = read_rows(tx, query.given(hidden), hidden=hidden, **params)
            return rows

        return sorted((Participation(*row) for row in self._read(work)), key=_by_id)

    def snapshot_columns(self, until: dt.date | None, last: dt.date) -> SnapshotColumns:
        """The snapshot with activities up to ``until`` in one read transaction, its
        participations as columns (graphmodel.snapshot_read); ``last`` bounds its data date."""
        return self._read(reads.snapshot, until=until, last=last)

    def last_activity(self, until: dt.date) -> dt.date | None:
        [[found]] = self._values(cypher.LAST_ACTIVITY, end=until)
        return found.to_native() if found is not None else None

    def counts(self) -> dict[str, int]:
        def work(tx: ManagedTransaction, hidden: list[str]) -> dict[str, int]:
            queries = cypher.COUNT_VISIBLE if hidden else cypher.COUNT
            return {t: read_rows(tx, queries[t], hidden=hidden)[0][0] for t in TABLES}

        return self._read(work)

    def imports(self, limit: int = 20) -> list[ImportLog]:
        rows = self._values(cypher.IMPORTS, limit=limit)
        return [
            import_log(at.to_native(), source, counts, warnings)
            for at, source, counts, warnings in rows
        ]

    # -- decisions on suggestions -------------------------------------------

    def record_decision(self, decision: Decision) -> None:
        self.ensure_schema()
        with self._errors(), self._session(WRITE_ACCESS) as session:
            session.execute_write(_record_decision, decision)

    def decisions(self, unit: str | None = None) -> list[Decision]:
        mine = {} if unit is None else {"unit": unit}
        rows = self._values(cypher.DECISIONS_OF_UNIT if mine else cypher.ALL_DECISIONS, **mine)
        return decisions_in_order(rows)

    def save_listing(self, listing: Listing) -> None:
        self.ensure_schema()
        params = dict(zip(LISTING_FIELDS, listing.as_row(), strict=True))
        with self._errors(), self._session(WRITE_ACCESS) as session:
            saved = session.execute_write(write_rows, cypher.SAVE_LISTING, **params)
        if not saved:
            raise unit_not_found(listing.unit)

    def listings(self, unit: str | None = None) -> list[Listing]:
        mine = {} if unit is None else {"unit": unit}
        rows = self._values(cypher.LISTINGS_OF_UNIT if mine else cypher.ALL_LISTINGS, **mine)
        return [Listing.from_row(row) for row in rows]

    # -- confirmed names ------------------------------------------------------

    def aliases(self) -> list[Alias]:
        return [Alias(*row) for row in self._values(cypher.ALL_ALIASES)]

    def remember_aliases(self, aliases: Sequence[Alias]) -> None:
        rows = [
            {"key": a.key, "name": a.name, "street": a.street, "unit": a.unit}
            for a in {a.key: a for a in aliases}.values()
        ]
        if not rows:
            return
        self.ensure_schema()

        def work(tx: ManagedTransaction) -> None:
            for chunk in batches(rows):
                write_rows(tx, cypher.REMEMBER_ALIASES, rows=chunk)

        with self._errors(), self._session(WRITE_ACCESS) as session:
            session.execute_write(work)

    def version(self) -> str:
        # The version is on the store's own node, which a staged load does not hide:
        # one statement, without first reading the hidden loads (every request asks).
        with self._errors(), self._session(READ_ACCESS) as session:
            [(epoch, version)] = session.execute_read(read_rows, cypher.VERSION)
        return reads.version_text(epoch, version)

    def ping(self) -> None:
        # An auto-commit query is not retried: a health check answers at once.
        with self._errors(), self._session(READ_ACCESS) as session:
            session.run(cypher.PING).consume()

    def close(self) -> None:
        self._driver.close()


def _record_decision(tx: ManagedTransaction, decision: Decision) -> None:
    [[hidden]] = read_rows(tx, cypher.HIDDEN)
    ids = list(dict.fromkeys((decision.unit, decision.partner)))
    missing = [row[0] for row in read_rows(tx, cypher.MISSING_UNITS, ids=ids, hidden=hidden)]
    if missing:
        raise unit_not_found(missing[0])
    values = dict(zip(DECISION_FIELDS, decision_values(decision), strict=True))
    write_rows(tx, cypher.RECORD_DECISION, epoch=uuid.uuid4().hex, **values)


def _by_id(record: Record) -> str:
    return record.id


def _window(start: dt.date | None, end: dt.date | None) -> dict[str, dt.date]:
    return {"start": start or dt.date.min, "end": end or dt.date.max}
