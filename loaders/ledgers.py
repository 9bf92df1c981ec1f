"""Turning the planners' ledgers into records: names resolved, ids derived from content.

Rosters come first (they define units), then the planner's answers from a
review workbook, then activity ledgers and dual-registration ledgers, whose
names are resolved against the store's units, the files' units and the aliases
planners confirmed. A name that cannot be resolved is *pending*: the load stops
before writing and the review workbook lists it (see :mod:`loaders.review`).

Ids are stable: a roster unit is keyed by its normalised name and street, a
ledger activity by its date, title and host, a registered member by name and
unit, so loading a ledger twice changes nothing and a corrected row updates
its record in place.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from graphmodel.aliases import Alias
from graphmodel.records import Activity, Member, Unit, ZoneKind
from graphmodel.store import Store
from translations import Words, words

from .convert import BadCell, converter, is_blank
from .ledger_schema import ACTIVITY_LEDGER, DUAL_LEDGER, UNIT_ROSTER
from .names import activity_kind, clean, normalise, unit_kind
from .problems import Problem
from .readers import RawTable
from .resolve import Candidate, Directory, Resolved, Unresolved

#: Hosts that mean "the district pushed it", not a unit.
DISTRICT_HOSTS = frozenset({"区委", "区委组织部", "district", "district office"})
#: Roster columns copied onto the unit as they are.
_ROSTER_FIELDS = ("community", "headcount", "lat", "lon", "offers", "needs")
#: Notes about names matched by a rule other than "exact", at most this many.
MAX_RULE_NOTES = 200
_RULE_ZH = {"alias": "确认过的别名", "normalised": "规范化后的名称", "similar": "高度相似的名称"}


def stable_id(prefix: str, *parts: str) -> str:
    """An id derived from content: the same parts always give the same id.

    >>> stable_id("U", "团结社区", "S1") == stable_id("U", "团结社区", "S1")
    True
    """
    digest = hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:12]
    return f"{prefix}-{digest}"


@dataclass(frozen=True)
class Resolution:
    """The planner's answer for one name: a unit, a new unit in a street, or ignore."""

    name: str
    street: str  # the street hint the name came with ("" for none)
    unit: str | None = None  # chosen unit id
    new_street: str | None = None  # zone id: create a unit here
    new_kind: str | None = None
    ignore: bool = False
    #: the review workbook's "file:row", for problems with the answer
    where: str = ""


@dataclass
class PendingName:
    """A name the planner must decide on: where it occurs and what it might mean."""

    name: str
    street: str
    places: list[str] = field(default_factory=list)
    candidates: tuple[Candidate, ...] = ()


@dataclass
class LedgerResult:
    """What reading the ledgers left to do: names to review, aliases to remember."""

    pending: list[PendingName] = field(default_factory=list)
    aliases: list[Alias] = field(default_factory=list)
    rules: Counter = field(default_factory=Counter)


class LedgerReader:
    """Reads the ledger tables of one load into ``parsed`` (see module docstring)."""

    def __init__(self, parsed, store: Store | None, resolutions: Sequence[Resolution]) -> None:
        self.parsed = parsed
        self.store = store
        self.resolutions = list(resolutions)
        self.result = LedgerResult()
        self.streets = self._streets()
        units = [*(store.units() if store else []), *parsed.bundle.units]
        aliases = store.aliases() if store else []
        names = {z: n for n, z in self.streets.items() if not n.startswith("\x00")}
        self.directory = Directory(units, aliases, names)
        self._pending: dict[tuple[str, str], PendingName] = {}
        self._noted: set[tuple[str, str]] = set()
        self._members: dict[str, dict[str, list[Member]]] | None = None
        #: ledger activity id → (raw table, row) that first listed it; participations written
        self.activity_rows: dict[str, tuple[int, int]] = {}
        self.taking_part: set[str] = set()

    # -- streets -------------------------------------------------------------

    def _streets(self) -> dict[str, str]:
        """Street name → zone id (ids map to themselves, behind a NUL so they are not names)."""
        zones = [*(self.store.zones() if self.store else []), *self.parsed.bundle.zones]
        found: dict[str, str] = {}
        for zone in zones:
            found["\x00" + zone.id] = zone.id
            if zone.kind == ZoneKind.STREET.value:
                found[zone.name] = zone.id
        return found

    def street(self, text: str) -> str | None:
        """The zone id of a street given by name or id, or None."""
        return self.streets.get(clean(text)) or self.streets.get("\x00" + clean(text))

    def street_hint(self, raw: RawTable) -> str:
        """The street a sheet's or file's name (or title row) names, or ""."""
        title = " ".join(filter(None, (raw.sheet, raw.file, getattr(raw, "title", ""))))
        return next((z for n, z in self.streets.items() if n[:1] != "\x00" and n in title), "")

    def unknown_street(self, text: str) -> Words:
        names = [n for n in self.streets if n[:1] != "\x00"]
        best = process.extractOne(text, names, scorer=fuzz.ratio, score_cutoff=50)
        hint = words("；是否指“{street}”？", street=best[0]) if best else ""
        return words("所属街道“{text}”不是已知的街道{hint}", text=text, hint=hint)

    # -- rows ------------------------------------------------------------------

    def rows(self, raw: RawTable):
        """(row, values, ok) of a ledger table, every bad cell reported."""
        from .validate import map_headers

        mapped = map_headers(raw, self.parsed)
        if mapped is None:
            return
        plan = [(i, c, converter(c), self.parsed.headers[id(raw)][c.name]) for i, c in mapped]
        for row, cells in raw.rows:
            values, ok = {}, True
            for index, column, convert, header in plan:
                cell = cells[index] if index < len(cells) else None
                if is_blank(cell):
                    if column.required:
                        self.problem(raw, row, header, words("必填项为空"))
                        ok = False
                    continue
                try:
                    values[column.name] = convert(cell)
                except BadCell as bad:
                    self.problem(raw, row, header, bad.words)
                    ok = False
            yield row, values, ok

    def problem(self, raw, row, column, message: Words, severity="error") -> None:
        header = self.parsed.headers.get(id(raw), {}).get(column, column)
        self.parsed.problems.append(
            Problem(raw.file, message, sheet=raw.sheet, row=row, column=header, severity=severity)
        )

    def add(self, table: str, record, raw: RawTable, row: int) -> None:
        self.parsed.bundle.table(table).append(record)
        self.parsed.origins[table].append((raw, row))

    # -- names -----------------------------------------------------------------

    def resolve(self, name: str, street: str, raw: RawTable, row: int, column: str):
        """The unit id ``name`` means; None if ignored; ... (Ellipsis) while pending."""
        found = self.directory.resolve(name, street)
        key = (clean(name), street)
        if isinstance(found, Unresolved):
            pending = self._pending.get(key)
            if pending is None:
                pending = self._pending[key] = PendingName(key[0], street)
                pending.candidates = found.candidates
                self.result.pending.append(pending)
            pending.places.append(_place(raw, row))
            return ...
        self.result.rules[found.rule] += 1
        if found.rule != "exact" and key not in self._noted and found.unit:
            self._noted.add(key)
            if len(self._noted) <= MAX_RULE_NOTES:
                self._note_rule(found, name, raw, row, column)
        return found.unit

    def _note_rule(self, found: Resolved, name: str, raw, row, column) -> None:
        unit = self.directory.unit(found.unit)
        label = f"{unit.name} [{unit.id}]" if unit else found.unit
        self.problem(
            raw,
            row,
            column,
            words(
                "“{name}”按{rule_zh}匹配为 {label}",
                name=name,
                rule_zh=_RULE_ZH[found.rule],
                rule=found.rule,
                label=label,
            ),
            severity="note",
        )

    # -- the planner's answers ---------------------------------------------------

    def apply_resolutions(self) -> None:
        for answer in self.resolutions:
            unit = answer.unit
            if answer.new_street is not None:
                street = self.street(answer.new_street)
                if street is None:
                    self._bad_answer(
                        answer, "新建单位所属街道", self.unknown_street(answer.new_street)
                    )
                    continue
                unit = self._new_unit(answer, street)
            elif not answer.ignore and self.directory.unit(unit or "") is None:
                self._bad_answer(
                    answer,
                    "决定 decision",
                    words("没有编号为“{unit}”的单位；请从下拉列表中选择", unit=unit),
                )
                continue
            alias = Alias(clean(answer.name), answer.street, "" if answer.ignore else unit or "")
            self.directory.confirm(alias)
            self.result.aliases.append(alias)

    def _bad_answer(self, answer: Resolution, column: str, message: Words) -> None:
        file, _, row = answer.where.rpartition(":")
        self.parsed.problems.append(
            Problem(
                file or answer.where,
                message,
                row=int(row) if row.isdigit() else None,
                column=column,
            )
        )

    def _new_unit(self, answer: Resolution, street: str) -> str:
        name = clean(answer.name)
        unit_id = stable_id("U", normalise(name), street)
        if self.directory.unit(unit_id) is None:
            kind = answer.new_kind or unit_kind(name) or "other"
            unit = Unit(unit_id, name, kind, street)
            self.parsed.bundle.units.append(unit)
            self.parsed.origins["units"].append((_ANSWERS, 0))
            self.directory.add(unit)
        return unit_id

    # -- the three ledgers ---------------------------------------------------------

    def read(self, raws: Sequence[RawTable]) -> LedgerResult:
        order = (UNIT_ROSTER.name, None, ACTIVITY_LEDGER.name, DUAL_LEDGER.name)
        for step in order:
            if step is None:
                self.apply_resolutions()
                continue
            for raw in raws:
                if raw.table.name == step:
                    {
                        UNIT_ROSTER.name: self.roster,
                        ACTIVITY_LEDGER.name: self.activities,
                        DUAL_LEDGER.name: self.registrations,
                    }[step](raw)
        return self.result

    def roster(self, raw: RawTable) -> None:
        for row, values, ok in self.rows(raw):
            if "street" not in values:
                continue
            street = self.street(values["street"])
            if street is None:
                self.problem(raw, row, "street", self.unknown_street(values["street"]))
                continue
            if not ok:
                continue
            name = clean(values["name"])
            kind = self._unit_kind(values.get("kind"), name, raw, row)
            given = {f: values[f] for f in _ROSTER_FIELDS if f in values}
            existing = self._same_unit(name, street)
            if existing is not None:
                # Blank cells keep what the store knows (offers, zones, coordinates …).
                kind = kind if values.get("kind") else existing.kind
                unit = dataclasses.replace(existing, name=name, kind=kind, **given)
            else:
                unit_id = stable_id("U", normalise(name), street)
                unit = Unit(unit_id, name, kind, street, **given)
            self.add("units", unit, raw, row)
            self.directory.add(unit)

    def _same_unit(self, name: str, street: str) -> Unit | None:
        """The unit of this name (exact or normalised) already in ``street``, if just one."""
        found = self.directory.resolve(name, street)
        if isinstance(found, Resolved) and found.unit and found.rule != "similar":
            unit = self.directory.unit(found.unit)
            if unit is not None and unit.street == street:
                return unit
        return None

    def _unit_kind(self, text: str | None, name: str, raw, row) -> str:
        if text:
            kind = unit_kind(text)
            if kind is None:
                self.problem(
                    raw,
                    row,
                    "kind",
                    words("未能识别单位类型“{text}”，按“其他”导入", text=text),
                    "warning",
                )
            return kind or "other"
        return unit_kind(name) or "other"

    def activities(self, raw: RawTable) -> None:
        from .ledger_rows import activity_row

        sheet_street = self.street_hint(raw)
        for row, values, ok in self.rows(raw):
            activity_row(self, raw, row, values, ok, sheet_street)

    def registrations(self, raw: RawTable) -> None:
        from .ledger_rows import registration_row

        for row, values, ok in self.rows(raw):
            registration_row(self, raw, row, values, ok)

    # -- members ---------------------------------------------------------------

    def members_of(self, unit: str) -> dict[str, list[Member]]:
        """Members of a unit's party organisations by name (the store's and the files')."""
        if self._members is None:
            store = self.store
            orgs = [*(store.party_orgs() if store else []), *self.parsed.bundle.party_orgs]
            units_of = {o.id: o.units for o in orgs}
            self._org_of_unit = _top_orgs(orgs)
            found: dict[str, dict[str, list[Member]]] = defaultdict(lambda: defaultdict(list))
            members = {m.id: m for m in (*(store.members() if store else []),)}
            members.update({m.id: m for m in self.parsed.bundle.members})
            for member in members.values():
                for unit_id in units_of.get(member.party_org, ()):
                    found[unit_id][clean(member.name)].append(member)
            self._members = found
        return self._members.get(unit, {})

    def org_of(self, unit: str) -> str | None:
        """The unit's own top party organisation, where a new member is registered."""
        self.members_of(unit)
        return self._org_of_unit.get(unit)


_LEVELS = ("committee", "general_branch", "branch", "joint_branch", "group")


def _top_orgs(orgs) -> dict[str, str]:
    best: dict[str, tuple[int, str]] = {}
    for org in orgs:
        rank = _LEVELS.index(org.level) if org.level in _LEVELS else len(_LEVELS)
        for unit in org.units:
            if unit not in best or (rank, org.id) < best[unit]:
                best[unit] = (rank, org.id)
    return {unit: org for unit, (_, org) in best.items()}


#: Where units created from the planner's answers come from (for problem reports).
_ANSWERS = RawTable("名称确认 review", None, UNIT_ROSTER, [], [])


def _place(raw: RawTable, row: int) -> str:
    return f"{raw.file}{':' + raw.sheet if raw.sheet else ''}:{row}"


def activity_record(values: dict, kind: str, initiator: str | None, host_key: str) -> Activity:
    date = values["date"]
    title = clean(values["title"])
    return Activity(stable_id("A", date.isoformat(), title, host_key), title, kind, date, initiator)


def activity_kind_of(reader: LedgerReader, raw, row, values) -> str:
    text = values.get("kind")
    if text:
        kind = activity_kind(text)
        if kind is None:
            reader.problem(
                raw,
                row,
                "kind",
                words("未能识别活动类型“{text}”，按“其他”导入", text=text),
                "warning",
            )
        return kind or "other"
    return activity_kind(values["title"]) or "other"
