"""A read-once snapshot of a district's records, shared by all metrics, and its cache.

:func:`snapshot` reads a store once per (store URL, content version, window,
scope) and keeps the last few snapshots, so that repeated requests for the
same data and window cost nothing; a load changes the store's version and
so misses the cache. A :class:`District` also remembers what was computed
from it (:meth:`District.memo`): the graphs and the report.

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
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from functools import cached_property
from typing import Any

from . import results
from .metrics.errors import BadScope
from .projection import (
    GATHERING_SIZE,
    Incidence,
    SparseGraph,
    incidence,
    org_incidence,
    project,
)
from .records import Activity, Agreement, Member, Participation, PartyOrg, Unit, Zone, ZoneKind
from .store import Bundle, Store
from .window import WHOLE_DISTRICT, Scope, Window

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
    ) -> None:
        self.window = window
        self.scope = scope
        self.source = source
        self.version = version
        if scope.territory is not None:
            bundle = within(bundle, scope.territory)
        self.zones: list[Zone] = list(bundle.zones)
        self.units: list[Unit] = sorted(bundle.units, key=lambda u: u.id)
        self.party_orgs: list[PartyOrg] = list(bundle.party_orgs)
        self.members: list[Member] = list(bundle.members)
        self.agreements: list[Agreement] = list(bundle.agreements)
        self.activities: list[Activity] = [a for a in bundle.activities if a.date <= window.end]
        kept = {a.id for a in self.activities}
        self.participations: list[Participation] = [
            p for p in bundle.participations if p.activity in kept
        ]
        self.unit = {u.id: u for u in self.units}
        self.zone = {z.id: z for z in self.zones}
        self._check_scope()
        self._memo: dict[Hashable, Any] = {}
        self._lock = threading.RLock()

    @classmethod
    def from_bundle(cls, bundle: Bundle, window: Window, scope: Scope = WHOLE_DISTRICT) -> District:
        """A district from records in memory (tests, the demo, benchmarks)."""
        return cls(bundle, window, scope, source="bundle")

    @classmethod
    def from_store(cls, store: Store, window: Window, scope: Scope = WHOLE_DISTRICT) -> District:
        """Read a store once (without the cache; see :func:`snapshot`)."""
        version = store.version()
        bundle = Bundle(
            zones=store.zones(),
            units=store.units(),
            party_orgs=store.party_orgs(),
            members=store.members(),
            agreements=store.agreements(),
            activities=store.activities(None, window.end),
            participations=store.participations(None, window.end),
        )
        return cls(bundle, window, scope, source=store.url, version=version)

    def _check_scope(self) -> None:
        streets = {u.street for u in self.units if u.street}
        unknown = sorted(self.scope.streets - streets - set(self.zone))
        unknown += sorted(self.scope.zones - set(self.zone))
        if unknown:
            raise BadScope(
                f"the scope names unknown streets or zones: {', '.join(unknown)}",
                f"范围中的街道或协作区不存在：{'、'.join(unknown)}",
            )

    # -- what the metrics read ---------------------------------------------

    @cached_property
    def scope_units(self) -> list[str]:
        """Ids of the units in scope, in id order."""
        return [u.id for u in self.units if self.scope.admits(u)]

    @cached_property
    def unit_attrs(self) -> dict[str, dict]:
        """Node attributes of each unit: name, kind, street, zones."""
        return {
            u.id: {"name": u.name, "kind": u.kind, "street": u.street, "zones": u.zones}
            for u in self.units
        }

    def zone_groups(self, *kinds: str) -> dict[str, list[str]]:
        """Unit ids per zone of the given kinds (collaboration zones and alliances
        by default), in zone order; a street holds the units whose ``street`` it is."""
        kinds = kinds or (ZoneKind.COLLABORATION_ZONE.value, ZoneKind.ALLIANCE.value)
        groups: dict[str, list[str]] = {z.id: [] for z in self.zones if z.kind in kinds}
        for u in self.units:
            for z in dict.fromkeys(((u.street,) if u.street else ()) + u.zones):
                if z in groups:
                    groups[z].append(u.id)
        return groups

    @cached_property
    def incidence(self) -> Incidence:
        """Units × every activity up to the window's end (roll-ups applied)."""
        return incidence(
            self.units, self.activities, self.participations, self.party_orgs, self.members
        )

    @cached_property
    def window_incidence(self) -> Incidence:
        """Units × the activities inside the window."""
        return self.incidence.between(self.window.start, self.window.end)

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
        return self.memo(
            ("collaboration_graph", max_size, half_life, own_initiative),
            lambda: project(
                inc,
                max_size=max_size,
                half_life=half_life,
                end=self.window.end,
                attrs=self.unit_attrs,
            ),
        )

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
            inc = org_incidence(
                self.party_orgs, self.activities, self.participations, self.members
            ).between(self.window.start, self.window.end)
            attrs = {o.id: {"name": o.name, "level": o.level} for o in self.party_orgs}
            return project(inc, max_size=max_size, attrs=attrs)

        return self.memo(("org_graph", max_size), build)

    @cached_property
    def members_taking_part(self) -> set[str]:
        """Ids of the members named in an activity inside the window."""
        inside = {a.id for a in self.activities if a.date in self.window}
        return {p.member for p in self.participations if p.member and p.activity in inside}

    def names(self, ids: Sequence[str]) -> list[dict]:
        """``{"id", "name"}`` for each unit id, as the report lists units."""
        return [{"id": i, "name": self.unit[i].name if i in self.unit else ""} for i in ids]

    def memo(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """``compute()`` once per key for this snapshot (thread-safe)."""
        with self._lock:
            if key not in self._memo:
                self._memo[key] = compute()
            return self._memo[key]

    def shared(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """Like :meth:`memo`, and shared with every process through the store's
        result file (:mod:`graphmodel.results`), so that one of them computes it.

        The file's key is the store version, the window and the scope the
        analysis ran on (plain data only: ``compute()`` must return picklable values).
        """
        cache = results.for_store(self.source) if self.version else None
        if cache is None:
            return self.memo(key, compute)
        full = self.shared_key(key)
        return self.memo(key, lambda: cache.get_or_compute(self.version, full, compute))

    def shared_key(self, key: Hashable) -> tuple:
        """The key under which :meth:`shared` keeps ``key`` in the store's result file."""
        return ("district", self.window, self.scope, key)


def within(bundle: Bundle, streets: frozenset[str]) -> Bundle:
    """Only what happens inside ``streets``: their units, the organisations and
    members of those units, and the part of each activity taken by them.

    A street planner's territory is a world of its own: ties to units outside
    it, and the outside units themselves, are not part of it.

    >>> b = Bundle(units=[Unit("U1", "甲", "school", "S1"), Unit("U2", "乙", "school", "S2")])
    >>> [u.id for u in within(b, frozenset({"S1"})).units]
    ['U1']
    """
    units = [u for u in bundle.units if u.street in streets]
    inside = {u.id for u in units}
    orgs = [
        dataclasses.replace(o, units=tuple(u for u in o.units if u in inside))
        for o in bundle.party_orgs
        if any(u in inside for u in o.units)
    ]
    org_ids = {o.id for o in orgs}
    members = [m for m in bundle.members if m.party_org in org_ids]
    member_ids = {m.id for m in members}
    participations = [
        p
        for p in bundle.participations
        if p.unit in inside
        or (p.unit is None and (p.party_org in org_ids or p.member in member_ids))
    ]
    taking_part = {p.activity for p in participations}
    return Bundle(
        zones=list(bundle.zones),
        units=units,
        party_orgs=orgs,
        members=members,
        agreements=[a for a in bundle.agreements if any(u in inside for u in a.units)],
        activities=[a for a in bundle.activities if a.id in taking_part],
        participations=participations,
    )


_cache: OrderedDict[tuple, District] = OrderedDict()
_cache_lock = threading.Lock()
#: One lock per snapshot key: threads asking for the same snapshot read the store once.
_reading: dict[tuple, threading.Lock] = {}


def snapshot(store: Store, window: Window, scope: Scope = WHOLE_DISTRICT) -> District:
    """The district as ``store`` holds it now, read once per content version.

    The cache key is (store URL, ``store.version()``, window, scope); the
    least recently used of :data:`CACHE_SIZE` snapshots is dropped first.
    """
    key = (store.url, store.version(), window, scope)
    with _cache_lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
        reading = _reading.setdefault(key, threading.Lock())
    with reading:
        with _cache_lock:
            if key in _cache:
                return _cache[key]
        district = _from_later(key) or District.from_store(store, window, scope)
        with _cache_lock:
            _cache[key] = district
            _cache.move_to_end(key)
            while len(_cache) > CACHE_SIZE:
                _cache.popitem(last=False)
            _reading.pop(key, None)
    return district


def _from_later(key: tuple) -> District | None:
    """The snapshot for ``key`` cut from a cached one of the same store version and scope
    whose window ends later (the previous window): no second read, records shared."""
    url, version, window, scope = key
    with _cache_lock:
        later = [
            d
            for (u, v, w, s), d in _cache.items()
            if (u, v, s) == (url, version, scope) and w.end >= window.end
        ]
    if not later:
        return None
    d = later[-1]
    bundle = Bundle(
        zones=d.zones,
        units=d.units,
        party_orgs=d.party_orgs,
        members=d.members,
        agreements=d.agreements,
        activities=d.activities,
        participations=d.participations,
    )
    # The later snapshot already applied the territory: cut the window only.
    unscoped = dataclasses.replace(scope, territory=None)
    cut = District(bundle, window, unscoped, source=d.source, version=d.version)
    cut.scope = scope
    if "incidence" in d.__dict__:  # the later incidence's columns up to this end: no rebuild
        cut.__dict__["incidence"] = d.incidence.between(None, window.end)
    return cut


def clear_cache() -> None:
    """Forget every snapshot (tests; after a restore behind the store's back)."""
    with _cache_lock:
        _cache.clear()
