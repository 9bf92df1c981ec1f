"""A read-once snapshot of a district's records, shared by all metrics, and its cache.

:func:`snapshot` reads a store once per (store URL, content version, window)
and keeps the last few snapshots, so that repeated requests for the same data
and window cost nothing; a load changes the store's version and so misses the
cache. A :class:`District` also remembers what was computed from it: what
depends on the scope (:meth:`District.memo`: the report, the assessment) and
what does not (:meth:`District.shared`: the graphs), the latter shared by
every scope's view of the same snapshot (:meth:`District.scoped`).

Every figure is computed on the whole district: a scope (and a street
planner's territory, ``Scope.territory``) only decides which units are listed.

The snapshot holds every activity up to the window's end — the previous
window (for declines) and the last activity date (for inactivity) reach back
before the window.

>>> import datetime as dt
>>> bundle = Bundle(units=[Unit("U1", "一中", "school")])
>>> d = District.from_bundle(bundle, Window(dt.date(2026, 6, 30)))
>>> d.scope_units, d.collaboration_graph().number_of_edges
(['U1'], 0)
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from functools import cached_property
from typing import Any

import numpy as np

from . import results
from .errors import BadScope
from .projection import (
    GATHERING_SIZE,
    Incidence,
    SparseGraph,
    party_org_incidence,
    project,
    unit_incidence,
)
from .records import (
    Activity,
    Agreement,
    Member,
    Participation,
    PartyOrg,
    Unit,
    Zone,
    ZoneKind,
)
from .snapshot_read import read
from .store import Bundle, Store
from .took_part import RollUp, TookPart
from .window import LAST_END, WHOLE_DISTRICT, Period, Scope, Window

#: How many snapshots the cache keeps (each holds one district's records).
CACHE_SIZE = 4


class District:
    """One district's records as of a window's end, seen through a scope."""

    def __init__(
        self,
        bundle: Bundle,
        window: Window,
        scope: Scope = WHOLE_DISTRICT,
        *,
        source: str = "",
        version: str = "",
        data_end: dt.date | None = None,
        took_part: TookPart | None = None,
    ) -> None:
        self.window = window
        #: The latest activity the records hold (beyond the window too): periods after it
        #: are partial. Given by a store, which reads only up to the window's end.
        self.data_end = data_end or max((a.date for a in bundle.activities), default=None)
        self.scope = scope
        self.source = source
        self.version = version
        self.zones: list[Zone] = list(bundle.zones)
        order = sorted(range(len(bundle.units)), key=lambda i: bundle.units[i].id)
        self.units: list[Unit] = [bundle.units[i] for i in order]
        self.party_orgs: list[PartyOrg] = list(bundle.party_orgs)
        self.members: list[Member] = list(bundle.members)
        self.agreements: list[Agreement] = list(bundle.agreements)
        kept = np.fromiter(
            (a.date <= window.end for a in bundle.activities), bool, len(bundle.activities)
        )
        self.activities: list[Activity] = [
            a for a, k in zip(bundle.activities, kept, strict=True) if k
        ]
        if took_part is None:
            took_part = TookPart.from_records(
                bundle.participations,
                bundle.activities,
                bundle.units,
                self.party_orgs,
                self.members,
            )
        #: Every participation in these activities, as columns of positions in the lists above.
        self.took_part: TookPart = took_part.renumbered(
            np.where(kept, np.cumsum(kept) - 1, -1), units=order
        )
        self.unit = {u.id: u for u in self.units}
        self.zone = {z.id: z for z in self.zones}
        self._check_scope()
        # One memo for every scope's view of this snapshot (see scoped()), and one lock
        # per key being computed: a long computation (the ledger) must not hold up a
        # page that reads what is already there or computes something else.
        self._memo: dict[Hashable, Any] = {}
        self._computing: dict[Hashable, threading.RLock] = {}
        self._lock = threading.Lock()

    def scoped(self, scope: Scope) -> District:
        """The same snapshot seen through ``scope``: records, graphs and whatever was
        computed with :meth:`shared` are not copied or computed again."""
        if scope == self.scope:
            return self
        view = object.__new__(District)
        view.__dict__.update(
            {k: v for k, v in self.__dict__.items() if k not in ("scope", "scope_units")}
        )
        view.scope = scope
        view._check_scope()
        return view

    @classmethod
    def from_bundle(cls, bundle: Bundle, window: Window, scope: Scope = WHOLE_DISTRICT) -> District:
        """A district from records in memory (tests, the demo, benchmarks)."""
        return cls(bundle, window, scope, source="bundle")

    @classmethod
    def from_store(cls, store: Store, window: Window, scope: Scope = WHOLE_DISTRICT) -> District:
        """Read a store once (without the cache; see :func:`snapshot`)."""
        found = read(store, window.end, LAST_END)
        return cls(
            found.bundle,
            window,
            scope,
            source=store.url,
            version=found.version,
            data_end=found.data_end,
            took_part=found.took_part,
        )

    def _check_scope(self) -> None:
        streets = {u.street for u in self.units if u.street}
        unknown = sorted(self.scope.streets - streets - set(self.zone))
        unknown += sorted(self.scope.zones - set(self.zone))
        if unknown:
            raise BadScope(
                "范围中的街道或协作区不存在：{unknown}",
                unknown=unknown,
            )

    # -- what the metrics read ---------------------------------------------

    @cached_property
    def scope_units(self) -> list[str]:
        """Ids of the units in scope, in id order."""
        return [u.id for u in self.units if self.scope.admits(u)]

    @property
    def unit_attrs(self) -> dict[str, dict]:
        """Node attributes of each unit: name, kind, street, zones."""
        return self.shared(
            "unit_attrs",
            lambda: {
                u.id: {"name": u.name, "kind": u.kind, "street": u.street, "zones": u.zones}
                for u in self.units
            },
        )

    def zone_groups(self, *kinds: str) -> dict[str, list[str]]:
        """Unit ids per zone of the given kinds (collaboration zones and alliances
        by default), in zone order; a street holds the units whose ``street`` it is.
        Once per snapshot (every page reads them): do not change what it returns."""
        kinds = kinds or (ZoneKind.COLLABORATION_ZONE.value, ZoneKind.ALLIANCE.value)

        def build() -> dict[str, list[str]]:
            groups: dict[str, list[str]] = {z.id: [] for z in self.zones if z.kind in kinds}
            for u in self.units:
                for z in dict.fromkeys(((u.street,) if u.street else ()) + u.zones):
                    if z in groups:
                        groups[z].append(u.id)
            return groups

        return self.shared(("zone_groups", kinds), build)

    @property
    def participations(self) -> list[Participation]:
        """The participations as records, built on first use and kept — for callers that
        want records (a bundle of the snapshot); the analysis reads :attr:`took_part`."""
        return self.shared(
            "participations",
            lambda: self.took_part.records(
                self.activities, self.units, self.party_orgs, self.members
            ),
        )

    @property
    def roll_up(self) -> RollUp:
        """Which units each party organisation (and member) stands for."""
        return self.shared("roll_up", lambda: RollUp.of(self.units, self.party_orgs, self.members))

    @property
    def incidence(self) -> Incidence:
        """Units × every activity up to the window's end (roll-ups applied)."""
        return self.shared(
            "incidence",
            lambda: unit_incidence(self.units, self.activities, self.took_part, self.roll_up),
        )

    @property
    def window_incidence(self) -> Incidence:
        """Units × the activities inside the window."""
        return self.shared(
            "window_incidence", lambda: self.incidence.between(self.window.start, self.window.end)
        )

    def collaboration_graph(
        self,
        *,
        max_size: int | None = GATHERING_SIZE,
        half_life: float | None = None,
        own_initiative: bool = False,
    ) -> SparseGraph:
        """The unit–unit graph of the window, over all units of the district;
        ``own_initiative`` leaves out the activities the district initiated."""
        inc = self.window_incidence
        if own_initiative:
            inc = inc.columns(~inc.by_district)
        return self.shared(
            ("collaboration_graph", max_size, half_life, own_initiative),
            lambda: project(
                inc,
                max_size=max_size,
                half_life=half_life,
                end=self.window.end,
                attrs=self.unit_attrs,
            ),
        )

    def periods(self, freq: str = "month") -> list[Period]:
        """The window's calendar months or quarters; a period is ``partial`` when the
        window cuts it or the records end before its last day (a quarter holding one
        day of data must not read as a collapse)."""
        end = self.data_end
        return [
            p
            if p.partial or (end is not None and end >= p.end)
            else dataclasses.replace(p, partial=True)
            for p in self.window.periods(freq)
        ]

    def period_graphs(
        self, freq: str = "month", *, max_size: int | None = GATHERING_SIZE
    ) -> list[tuple[str, SparseGraph]]:
        """One unit–unit graph per calendar month or quarter of the window."""
        return [
            (p.label, project(self.window_incidence.between(p.start, p.end), max_size=max_size))
            for p in self.window.periods(freq)
        ]

    def org_graph(self, *, max_size: int | None = GATHERING_SIZE) -> SparseGraph:
        """The party-organisation graph of the window."""

        def build() -> SparseGraph:
            inc = party_org_incidence(
                self.party_orgs, self.activities, self.took_part, self.roll_up
            ).between(self.window.start, self.window.end)
            attrs = {o.id: {"name": o.name, "level": o.level} for o in self.party_orgs}
            return project(inc, max_size=max_size, attrs=attrs)

        return self.shared(("org_graph", max_size), build)

    @property
    def members_taking_part(self) -> set[str]:
        """Ids of the members named in an activity inside the window."""

        def build() -> set[str]:
            took = self.took_part
            inside = self.incidence.dates[took.activity] >= np.datetime64(self.window.start, "D")
            named = np.unique(took.member[inside & (took.member >= 0)])
            return {self.members[i].id for i in named.tolist()}

        return self.shared("members_taking_part", build)

    def records_bundle(self) -> Bundle:
        """The snapshot's records as a :class:`Bundle`, participations left out (they are
        the columns of :attr:`took_part`): for a snapshot cut from this one."""
        return Bundle(
            zones=self.zones,
            units=self.units,
            party_orgs=self.party_orgs,
            members=self.members,
            agreements=self.agreements,
            activities=self.activities,
        )

    def earlier(self, window: Window, incidence: Incidence | None = None) -> District:
        """These records as they stood at the end of ``window`` (ending no later than this
        snapshot's): the participations shared, not rebuilt, and the incidence cut from
        this one's when it is built (or ``incidence``, already cut by the caller)."""
        cut = District(
            self.records_bundle(),
            window,
            source=self.source,
            version=self.version,
            data_end=self.data_end,
            took_part=self.took_part,
        )
        if incidence is None and "incidence" in self._memo:
            incidence = self.incidence.between(None, window.end)
        if incidence is not None:  # ``incidence`` is a property reading the memo
            cut._memo["incidence"] = incidence
        return cut

    def names(self, ids: Sequence[str]) -> list[dict]:
        """``{"id", "name"}`` for each unit id, as the report lists units."""
        return [{"id": i, "name": self.unit[i].name if i in self.unit else ""} for i in ids]

    def memo(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """``compute()`` once per key for this snapshot and scope (thread-safe)."""
        return self.shared(("scope", self.scope, key), compute)

    def shared(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """``compute()`` once per key for this snapshot, whatever the scope: only for
        what does not depend on the scope (graphs, whole-district metrics)."""
        try:
            return self._memo[key]
        except KeyError:
            pass
        with self._lock:
            computing = self._computing.setdefault(key, threading.RLock())
        # Keys depend on each other without cycles, so threads holding different keys'
        # locks never wait for each other in a circle.
        with computing:
            if key not in self._memo:
                self._memo[key] = compute()
            return self._memo[key]

    def stored(self, key: Hashable, compute: Callable[[], Any], *, scoped: bool = True) -> Any:
        """Like :meth:`memo` (or :meth:`shared` when not ``scoped``), and kept in the store's
        result file (:mod:`graphmodel.results`) for every worker process, so that one of
        them computes it: keyed by the store version, the window and (when ``scoped``) the
        scope. ``compute()`` must return picklable plain data."""
        remember = self.memo if scoped else self.shared
        cache = results.for_store(self.source) if self.version else None
        if cache is None:
            return remember(key, compute)
        full = self.shared_key(key, scoped=scoped)
        return remember(key, lambda: cache.get_or_compute(self.version, full, compute))

    def shared_key(self, key: Hashable, *, scoped: bool = True) -> tuple:
        """The key under which :meth:`stored` keeps ``key`` in the store's result file."""
        return ("district", self.window, self.scope if scoped else None, key)


_cache: OrderedDict[tuple, District] = OrderedDict()
_cache_lock = threading.Lock()
#: One lock per snapshot key: threads asking for the same snapshot read the store once.
_reading: dict[tuple, threading.Lock] = {}


def snapshot(store: Store, window: Window, scope: Scope = WHOLE_DISTRICT) -> District:
    """The district as ``store`` holds it now, read once per content version,
    seen through ``scope``.

    The cache key is (store URL, ``store.version()``, window): every scope shares
    one snapshot and its graphs. The least recently used of :data:`CACHE_SIZE`
    snapshots is dropped first.
    """
    key = (store.url, store.version(), window)
    with _cache_lock:
        district = _cache.get(key)
        if district is not None:
            _cache.move_to_end(key)
        reading = _reading.setdefault(key, threading.Lock())
    if district is None:
        with reading:  # threads asking for the same snapshot read the store once
            with _cache_lock:
                district = _cache.get(key)
            if district is None:
                district = _from_later(key) or District.from_store(store, window)
                with _cache_lock:
                    _cache[key] = district
                    _cache.move_to_end(key)
                    while len(_cache) > CACHE_SIZE:
                        _cache.popitem(last=False)
                    _reading.pop(key, None)
    return district.scoped(scope)


def whole_history(store: Store) -> District | None:
    """The cached snapshot that holds every activity of ``store`` (its window ends
    on the latest one), shared with the pages; None when there is no activity."""
    end = store.last_activity(LAST_END)
    return None if end is None else snapshot(store, Window(end))


def _from_later(key: tuple) -> District | None:
    """The snapshot for ``key`` cut from a cached one of the same store version whose
    window ends later (the previous window): no second read, records shared."""
    url, version, window = key
    with _cache_lock:
        later = [
            d for (u, v, w), d in _cache.items() if (u, v) == (url, version) and w.end >= window.end
        ]
    if not later:
        return None
    return later[-1].earlier(window)


def clear_cache() -> None:
    """Forget every snapshot (tests; after a restore behind the store's back)."""
    with _cache_lock:
        _cache.clear()
