"""The store protocol, its small result types, and the registry of backends.

A store holds one district's records. Two backends implement it: the embedded
SQLite file (``sqlite:///var/cobuild.db``) and Neo4j (``bolt://…``,
``neo4j://…``). :func:`open_store` picks one by the URL's scheme.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable
from urllib.parse import urlsplit

from ..aliases import Alias
from ..errors import StoreURLError
from ..records import (
    TABLES,
    Activity,
    Agreement,
    Decision,
    Listing,
    Member,
    Participation,
    PartyOrg,
    Record,
    Unit,
    Zone,
)


@dataclass
class Bundle:
    """The records of one load, table by table (see :data:`records.TABLES`)."""

    zones: list[Zone] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    party_orgs: list[PartyOrg] = field(default_factory=list)
    members: list[Member] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    participations: list[Participation] = field(default_factory=list)

    def table(self, name: str) -> list[Record]:
        """The records of table ``name``."""
        return getattr(self, name)

    def sizes(self) -> dict[str, int]:
        """How many records each table holds."""
        return {name: len(self.table(name)) for name in TABLES}

    def __len__(self) -> int:
        return sum(self.sizes().values())


@dataclass(frozen=True)
class SnapshotColumns:
    """A snapshot as a backend reads it in one transaction (``snapshot_columns``, offered
    by backends that have a faster way than their record reads): the records with
    participations left empty, the participations as five aligned lists (activity id;
    unit, party organisation and member id, ``''`` when none is named; role code, as in
    :mod:`graphmodel.took_part`), the store's version and its latest activity."""

    bundle: Bundle
    took_part: tuple[list[str], list[str], list[str], list[str], list[int]]
    version: str
    data_end: dt.date | None


@dataclass(frozen=True)
class TableCounts:
    """What a load did to one table."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"added": self.added, "updated": self.updated, "unchanged": self.unchanged}


@dataclass(frozen=True)
class ImportLog:
    """One finished import, as the dashboard shows it."""

    at: dt.datetime
    source: str
    counts: dict[str, TableCounts]
    warnings: tuple[str, ...] = ()

    @property
    def added(self) -> int:
        return sum(c.added for c in self.counts.values())

    @property
    def updated(self) -> int:
        return sum(c.updated for c in self.counts.values())


@runtime_checkable
class Store(Protocol):
    """What every backend offers. Reads return the project's own records."""

    url: str

    def load(
        self, bundle: Bundle, *, source: str = "", warnings: Sequence[str] = ()
    ) -> dict[str, TableCounts]:
        """Write ``bundle`` all-or-nothing (insert new ids, update changed ones)
        and log the import. Returns what happened per table."""

    def known_ids(self, table: str, ids: Iterable[str]) -> set[str]:
        """Those of ``ids`` that already exist in ``table``."""

    def zones(self) -> list[Zone]: ...

    def units(self) -> list[Unit]: ...

    def party_orgs(self) -> list[PartyOrg]: ...

    def members(self) -> list[Member]: ...

    def agreements(self) -> list[Agreement]: ...

    def activities(
        self, start: dt.date | None = None, end: dt.date | None = None
    ) -> list[Activity]:
        """Activities dated in ``[start, end]`` (either bound may be open)."""

    def participations(
        self, start: dt.date | None = None, end: dt.date | None = None
    ) -> list[Participation]:
        """Participations in activities dated in ``[start, end]``."""

    def last_activity(self, until: dt.date) -> dt.date | None:
        """The date of the latest activity on or before ``until`` (None without one):
        the store's data date, where the default window ends."""

    def counts(self) -> dict[str, int]:
        """How many records each table holds (keys: :data:`records.TABLES`)."""

    def imports(self, limit: int = 20) -> list[ImportLog]:
        """The latest imports, newest first."""

    def version(self) -> str:
        """A token that changes whenever a load changes the content."""

    def record_decision(self, decision: Decision) -> None:
        """Keep a planner's decision on a suggestion (history is kept: nothing is
        overwritten). Raises :class:`~graphmodel.errors.NotFound` when the unit or
        the partner is not in the store. Does not change :meth:`version` (decisions
        are not part of the analysed content)."""

    def decisions(self, unit: str | None = None) -> list[Decision]:
        """Every decision, or those naming ``unit`` as unit or partner, oldest first
        (by ``at``, then in the order they were recorded), equal to what was recorded."""

    def save_listing(self, listing: Listing) -> None:
        """Keep a need or an offer (a later save with the same id replaces it).
        Raises :class:`~graphmodel.errors.NotFound` when its unit is not in the
        store. Does not change :meth:`version`."""

    def listings(self, unit: str | None = None) -> list[Listing]:
        """Every need and offer saved, or those of ``unit``, by id."""

    def aliases(self) -> list[Alias]:
        """Every name a planner confirmed, ordered by street and name."""

    def remember_aliases(self, aliases: Sequence[Alias]) -> None:
        """Keep confirmed names (the latest answer for a name and street wins).
        Does not change :meth:`version` (aliases are not analysed content)."""

    def ping(self) -> None:
        """Raise :class:`StoreUnavailable` unless the store answers."""

    def close(self) -> None: ...


#: URL scheme → "module:Class" of the backend; imported on first use so that the
#: embedded store does not need the Neo4j driver.
BACKENDS: dict[str, str] = {
    "sqlite": "graphmodel.store.sqlite:SQLiteStore",
    "neo4j": "graphmodel.store.neo4j.store:Neo4jStore",
    "neo4j+s": "graphmodel.store.neo4j.store:Neo4jStore",
    "neo4j+ssc": "graphmodel.store.neo4j.store:Neo4jStore",
    "bolt": "graphmodel.store.neo4j.store:Neo4jStore",
    "bolt+s": "graphmodel.store.neo4j.store:Neo4jStore",
    "bolt+ssc": "graphmodel.store.neo4j.store:Neo4jStore",
}

DEFAULT_STORE_URL = "sqlite:///var/cobuild.db"


def read_bundle(store: Store, until: dt.date | None = None) -> Bundle:
    """Every record the store holds, as one bundle; activities (and their
    participations) only up to ``until`` when it is given."""
    return Bundle(
        zones=store.zones(),
        units=store.units(),
        party_orgs=store.party_orgs(),
        members=store.members(),
        agreements=store.agreements(),
        activities=store.activities(None, until),
        participations=store.participations(None, until),
    )


def open_store(url: str) -> Store:
    """Open the store named by ``url`` (``sqlite:///var/cobuild.db``, ``bolt://…``)."""
    scheme = urlsplit(url).scheme.lower()
    target = BACKENDS.get(scheme)
    if target is None:
        known = ", ".join(sorted(BACKENDS))
        raise StoreURLError(
            "无法识别的存储地址 {url!r}：协议须为 {known} 之一",
            url=url,
            known=known,
        )
    module_name, class_name = target.split(":")
    backend = getattr(importlib.import_module(module_name), class_name)
    return backend(url)


def redacted(url: str) -> str:
    """``url`` without its password, for pages and logs.

    >>> redacted("bolt://neo4j:secret@127.0.0.1:7687")
    'bolt://neo4j:***@127.0.0.1:7687'
    """
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return parts._replace(netloc=netloc).geturl()
