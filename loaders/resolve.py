"""Which unit a name in a ledger means: exact → confirmed alias → normalised → candidates.

A :class:`Directory` knows the units (of the store and of the files being
loaded) and the aliases planners confirmed. :meth:`Directory.resolve` answers
with the unit and the rule that matched, or with ranked candidates for the
planner to choose from. It never merges silently: a name that matches units of
two streets is resolved only when the ledger's street picks one of them, and a
merely similar name only above :data:`AUTO_MERGE` with no close second.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from graphmodel.aliases import Alias
from graphmodel.records import Unit

from .names import clean, normalise

#: Similarity (0–100, on normalised names) at or above which a name is taken
#: without asking, if it is also well ahead of the next candidate and in the
#: ledger's street. Below it, the planner decides.
AUTO_MERGE = 95.0
#: How far ahead of the second candidate an automatic merge must be.
AUTO_LEAD = 10.0
#: Candidates below this similarity are not offered.
LEAST_SIMILAR = 50.0
#: Extra similarity for a candidate in the street the ledger names.
SAME_STREET_BONUS = 5.0
#: Candidates offered per name.
OFFERED = 3

#: The rules, in the order they are tried (the report says which one matched).
RULES = ("alias", "exact", "normalised", "similar")


@dataclass(frozen=True)
class Candidate:
    """A unit a name might mean, with its street and similarity (0–100)."""

    unit: str
    name: str
    street: str | None
    score: float


@dataclass(frozen=True)
class Resolved:
    """The unit a name means (``None``: a confirmed "ignore") and the rule that said so."""

    unit: str | None
    rule: str


@dataclass(frozen=True)
class Unresolved:
    """A name the planner must decide on, with the candidates found."""

    candidates: tuple[Candidate, ...]


class Directory:
    """Units and confirmed aliases, indexed for :meth:`resolve`."""

    def __init__(
        self,
        units: Iterable[Unit] = (),
        aliases: Iterable[Alias] = (),
        streets: dict[str, str] | None = None,
    ) -> None:
        #: zone id → street name, to recognise a street written in front of a name
        self.streets = dict(streets or {})
        self._units: dict[str, Unit] = {}
        self._exact: dict[str, set[str]] = defaultdict(set)
        self._normal: dict[str, set[str]] = defaultdict(set)
        self._aliases: dict[tuple[str, str], str] = {}
        self._choices: dict[str, str] | None = None
        self._cache: dict[tuple[str, str], Resolved | Unresolved] = {}
        for unit in units:
            self.add(unit)
        for alias in aliases:
            self.confirm(alias)

    def add(self, unit: Unit) -> None:
        """Know ``unit`` (a later unit with the same id replaces the earlier one)."""
        old = self._units.get(unit.id)
        if old is not None:
            self._exact[clean(old.name)].discard(old.id)
            self._normal[normalise(old.name)].discard(old.id)
        self._units[unit.id] = unit
        self._exact[clean(unit.name)].add(unit.id)
        self._normal[normalise(unit.name)].add(unit.id)
        self._choices = None
        self._cache.clear()

    def confirm(self, alias: Alias) -> None:
        """Know that ``alias.name`` in ``alias.street`` means ``alias.unit``."""
        self._aliases[(alias.street, clean(alias.name))] = alias.unit
        self._cache.clear()

    def unit(self, unit_id: str) -> Unit | None:
        return self._units.get(unit_id)

    def street_of(self, name: str) -> str | None:
        """The zone id of a street written in front of ``name`` (沙市街道团结社区), if any."""
        text = clean(name)
        for zone, street in self.streets.items():
            if street and text.startswith(street) and len(text) > len(street):
                return zone
        return None

    def resolve(self, name: str, street: str | None = None) -> Resolved | Unresolved:
        """The unit ``name`` means, given the street the ledger names (if any)."""
        key = (clean(name), street or "")
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = self._resolve(*key)
        return found

    def _resolve(self, name: str, street: str) -> Resolved | Unresolved:
        for scope in (street, ""):
            if (scope, name) in self._aliases:
                target = self._aliases[(scope, name)]
                return Resolved(target or None, "alias")
        street = street or self.street_of(name) or ""
        exact, normal = self._exact.get(name), self._normal.get(normalise(name))
        for rule, ids in (("exact", exact), ("normalised", normal)):
            if not ids:
                continue
            chosen = self._pick(ids, street)
            if chosen is not None:
                return Resolved(chosen, rule)
            return Unresolved(self._rank(name, street, among=ids))
        candidates = self._rank(name, street)
        if candidates and self._sure(candidates, street):
            return Resolved(candidates[0].unit, "similar")
        return Unresolved(candidates)

    def _pick(self, ids: set[str], street: str) -> str | None:
        """The one unit of ``ids``, or the one in ``street``; None when that is not clear."""
        if len(ids) == 1:
            return next(iter(ids))
        local = [i for i in ids if self._units[i].street == street] if street else []
        return local[0] if len(local) == 1 else None

    def _rank(self, name: str, street: str, among: set[str] | None = None) -> tuple[Candidate, ...]:
        key = normalise(name)
        if among is not None:
            choices = {i: normalise(self._units[i].name) for i in among}
        else:
            if self._choices is None:
                self._choices = {i: normalise(u.name) for i, u in self._units.items()}
            choices = self._choices
        found = process.extract(
            key, choices, scorer=fuzz.ratio, limit=OFFERED * 4, score_cutoff=LEAST_SIMILAR
        )
        ranked = []
        for _, score, unit_id in found:
            unit = self._units[unit_id]
            ranked.append(Candidate(unit_id, unit.name, unit.street, round(score, 1)))

        def order(c: Candidate) -> tuple:
            bonus = SAME_STREET_BONUS if street and c.street == street else 0.0
            return (-(c.score + bonus), c.name, c.unit)

        return tuple(sorted(ranked, key=order)[:OFFERED])

    def _sure(self, candidates: tuple[Candidate, ...], street: str) -> bool:
        best = candidates[0]
        second = candidates[1].score if len(candidates) > 1 else 0.0
        in_street = not street or best.street == street
        return best.score >= AUTO_MERGE and best.score - second >= AUTO_LEAD and in_street
