"""How the Neo4j store writes a load, all or nothing.

Every load compares the new records with the stored ones (by id, in Python, so
that "unchanged" means every field equal), creates the new records and their
relationships with batched ``UNWIND … CREATE`` (their ids were just found
missing, and the uniqueness constraints reject any duplicate), replaces the
changed ones with ``UNWIND … MERGE … SET`` and rebuilds their relationships,
and logs the import.

Two ways to make that all-or-nothing:

- **One transaction** (loads up to :attr:`Neo4jStore.stage_above` records):
  the whole load is one managed write transaction, retried from scratch on a
  transient error.
- **Staged** (larger loads, e.g. a city of 1.25 M records, whose single
  transaction would need several GB of server heap): the new records are
  written in many small transactions, each marked ``staged_by: <token>`` and
  hidden from every read while the token is listed in ``StoreInfo.hidden``.
  One last transaction applies the changes to existing records, un-hides the
  token and logs the import: that is the commit point. On any failure the
  staged records are deleted again; if the process dies instead, the next load
  deletes them once the staged load has been silent for
  :data:`STALE_MINUTES`. Only one load writes at a time.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from neo4j import ManagedTransaction, Session
from neo4j.exceptions import DriverError, Neo4jError

from translations import words

from ...errors import DanglingReference, StoreBusy
from ...records import TABLES, Participation, Record
from ..protocol import Bundle, TableCounts
from ..shared import counts_text
from . import cypher
from .codec import CODECS, participant

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())

#: Rows per ``UNWIND`` statement (and per transaction of a staged load).
BATCH = 10_000
#: A staged load that wrote nothing for this long is taken to have died.
STALE_MINUTES = 10

#: Runs one statement of a load in the transaction at hand (a read while
#: classifying, a write afterwards) and returns its rows as plain values.
Run = Callable[..., list[list[Any]]]


@dataclass
class Changes:
    """What a load will do, table by table."""

    counts: dict[str, TableCounts] = field(default_factory=dict)
    added: dict[str, list] = field(default_factory=dict)
    updated: dict[str, list] = field(default_factory=dict)

    @property
    def any(self) -> bool:
        return any(self.added.values()) or any(self.updated.values())


def plan(bundle: Bundle) -> dict[str, list]:
    """The records of each non-empty table, the last of each id winning.

    Raises :class:`DanglingReference` for a participation that names nobody,
    before anything is written.
    """
    tables = {
        table: list({r.id: r for r in bundle.table(table)}.values())
        for table in TABLES
        if bundle.table(table)
    }
    for p in tables.get("participations", ()):
        participant(p)
    return tables


def read_rows(tx: ManagedTransaction, query: str, /, **params: Any) -> list[list[Any]]:
    """Run one reading statement inside a transaction function; its rows as plain values."""
    return tx.run(query, params).values()


def write_rows(tx: ManagedTransaction, query: str, /, **params: Any) -> list[list[Any]]:
    """Run one writing statement inside a write transaction function; the rows it
    returns (what it wrote or found missing) as plain values."""
    return tx.run(query, params).values()


def batches(items: Sequence, size: int = BATCH) -> Iterator[Sequence]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def busy(since: str | None = None) -> StoreBusy:
    """Another load holds the store (``since``: when it last wrote, if known)."""
    return StoreBusy(
        "另一次导入仍在写入该 Neo4j 数据库{when}：请等待其完成；中断的导入会在 {minutes} 分钟后被清除",
        when=words("（最近一批写于 {since}）", since=since) if since else "",
        minutes=STALE_MINUTES,
    )


# -- the steps both ways share ---------------------------------------------------


def classify(run: Run, tables: dict[str, list]) -> Changes:
    """Compare the load with the stored records: added, updated, unchanged."""
    changes = Changes()
    for table, records in tables.items():
        existing = _existing(run, table, records)
        added = [r for r in records if r.id not in existing]
        updated = [r for r in records if r.id in existing and existing[r.id] != r]
        changes.added[table], changes.updated[table] = added, updated
        changes.counts[table] = TableCounts(
            added=len(added),
            updated=len(updated),
            unchanged=len(records) - len(added) - len(updated),
        )
    return changes


def _existing(run: Run, table: str, records: list) -> dict[str, Record]:
    if not run(cypher.COUNT[table])[0][0]:
        return {}
    found: dict[str, Record] = {}
    for chunk in batches([r.id for r in records]):
        for row in run(cypher.EXISTING[table], ids=chunk):
            record = CODECS[table].record(row[0]) if table in CODECS else Participation(*row)
            found[record.id] = record
    return found


def write_added(run: Run, changes: Changes, staged: str | None) -> None:
    """Create the new records, then their relationships, then the participations."""
    marker = {"staged_by": staged} if staged else {}
    for table, records in changes.added.items():
        if table in CODECS:
            codec = CODECS[table]
            for chunk in batches(records):
                rows = [{"id": r.id, "props": codec.props(r) | marker} for r in chunk]
                run(cypher.CREATE_NODES[table], rows=rows)
    _write_links(run, changes.added, staged)
    _create_participations(run, changes.added.get("participations", []), staged)


def write_updated(run: Run, changes: Changes) -> None:
    """Replace the changed records and rebuild their relationships."""
    for table, records in changes.updated.items():
        if table in CODECS and records:
            codec = CODECS[table]
            for chunk in batches(records):
                rows = [{"id": r.id, "props": codec.props(r)} for r in chunk]
                run(cypher.UPSERT_NODES[table], rows=rows)
            if table in cypher.UNLINK:
                for chunk in batches([r.id for r in records]):
                    run(cypher.UNLINK[table], ids=chunk)
    _write_links(run, changes.updated, None)
    for chunk in batches(changes.updated.get("participations", [])):
        run(cypher.UPDATE_TOOK_PART, rows=[{"key": p.id, "role": p.role} for p in chunk])


def _targets(record: Record, names: tuple[str, ...]) -> list[str]:
    found: list[str] = []
    for name in names:
        value = getattr(record, name)
        found += value if isinstance(value, tuple) else [value] if value is not None else []
    return list(dict.fromkeys(found))


def _write_links(run: Run, records: dict[str, list], staged: str | None) -> None:
    for link in cypher.LINKS:
        rows = [
            {"id": r.id, "targets": targets}
            for r in records.get(link.table, ())
            if (targets := _targets(r, link.fields))
        ]
        for chunk in batches(rows):
            run(link.query, rows=chunk, staged=staged)


def _create_participations(run: Run, records: list[Participation], staged: str | None) -> None:
    by_label: dict[str, list[dict[str, Any]]] = {}
    for p in records:
        label, source = participant(p)
        row = {"activity": p.activity, "source": source, "key": p.id, "role": p.role}
        row |= {"unit": p.unit, "party_org": p.party_org, "member": p.member}
        by_label.setdefault(label, []).append(row)
    for label, rows in by_label.items():
        for chunk in batches(rows):
            [[written]] = run(cypher.CREATE_TOOK_PART[label], rows=chunk, staged=staged)
            if written != len(chunk):
                missing = [k for [k] in run(cypher.DANGLING_TOOK_PART[label], rows=chunk)]
                raise DanglingReference(
                    "{count} 条参与记录引用的活动或参与者既不在本次导入中也不在库中，例如 {missing}：请先导入这些记录",
                    count=len(chunk) - written,
                    missing=missing,
                )


def _finish(run: Run, changes: Changes, log_entry: dict[str, str]) -> None:
    run(
        cypher.FINISH_LOAD,
        bump=int(changes.any),
        at=dt.datetime.now().replace(microsecond=0),
        counts=counts_text(changes.counts),
        **log_entry,
    )


# -- one transaction ---------------------------------------------------------------


def in_one_transaction(
    tx: ManagedTransaction, tables: dict[str, list], log_entry: dict[str, str]
) -> dict[str, TableCounts]:
    """The whole load as one transaction function (re-run from scratch on a retry)."""
    # One write transaction: classifying reads through it, then the load writes.
    run = partial(write_rows, tx)
    [[staging]] = run(cypher.LOCK_STORE, epoch=uuid.uuid4().hex)
    if staging is not None:
        raise busy()
    changes = classify(run, tables)
    write_added(run, changes, None)
    write_updated(run, changes)
    _finish(run, changes, log_entry)
    return changes.counts


# -- staged ------------------------------------------------------------------------


def in_stages(
    session: Session, tables: dict[str, list], log_entry: dict[str, str]
) -> dict[str, TableCounts]:
    """The load in many hidden transactions and one that publishes them (see above)."""
    token = uuid.uuid4().hex
    [[claimed]] = session.execute_write(
        write_rows, cypher.CLAIM_STAGING, epoch=uuid.uuid4().hex, staged=token
    )
    if not claimed:
        raise busy()
    try:
        changes = classify(partial(session.execute_read, read_rows), tables)
        write_added(partial(session.execute_write, _staged_step, token), changes, token)
        session.execute_write(_publish, token, changes, log_entry)
    except BaseException:
        discard(session, token)
        raise
    return changes.counts


def _staged_step(
    tx: ManagedTransaction, token: str, query: str, /, **params: Any
) -> list[list[Any]]:
    [[owned]] = write_rows(tx, cypher.HEARTBEAT, staged=token)
    if not owned:
        raise busy()
    return write_rows(tx, query, **params)


def _publish(
    tx: ManagedTransaction, token: str, changes: Changes, log_entry: dict[str, str]
) -> None:
    run = partial(write_rows, tx)
    [[owned]] = run(cypher.PUBLISH, staged=token)
    if not owned:
        raise busy()
    write_updated(run, changes)
    _finish(run, changes, log_entry)


def discard(session: Session, token: str) -> None:
    """Delete what staged load ``token`` wrote and forget it (errors only logged)."""
    try:
        for statement in cypher.DELETE_STAGED:
            session.run(statement, staged=token).consume()
        session.run(cypher.ABANDON, staged=token).consume()
    except (DriverError, Neo4jError) as exc:
        log.warning("could not remove staged load %s yet (%s); the next load will", token, exc)


def clear_stale(session: Session) -> None:
    """Remove a staged load that died; raise :class:`StoreBusy` if one is running."""
    [[token, since, stale]] = session.execute_read(
        read_rows, cypher.STAGING_STATE, stale_minutes=STALE_MINUTES
    )
    if token is None:
        return
    if not stale:
        raise busy(since)
    log.warning("removing the staged load %s, silent since %s", token, since)
    discard(session, token)
