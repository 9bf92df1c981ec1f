"""Turning raw tables into validated records, collecting every problem.

Nothing here writes: :func:`parse` checks cells, :func:`check_references`
checks that every id a record names exists in the files or in the store.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from graphmodel.records import DISTRICT, RECORD_TYPES, TABLES, Participation
from graphmodel.store import Bundle, Store
from translations import Words, words

from .convert import BadCell, converter, is_blank
from .ledger_schema import is_ledger
from .problems import Problem, Problems
from .readers import RawTable
from .schema import Column, match_column
from .table_formats import TABLE_BY_NAME

#: Values of ``initiator`` that mean the district office, not a unit.
DISTRICT_NAMES = {DISTRICT, "区委", "区委组织部", "district office"}

#: How messages name one record of a table.
_SINGULAR = {
    "zones": "zone",
    "units": "unit",
    "party_orgs": "party organisation",
    "members": "member",
    "agreements": "agreement",
    "activities": "activity",
}

_RANGES = {
    "headcount": (0, 10_000_000),
    "lat": (-90.0, 90.0),
    "lon": (-180.0, 180.0),
}


@dataclass
class Parsed:
    """Records read so far, with where each came from (for later problems)."""

    bundle: Bundle = field(default_factory=Bundle)
    #: per table, aligned with the bundle's list: (raw table, row number)
    origins: dict[str, list[tuple[RawTable, int]]] = field(
        default_factory=lambda: {t: [] for t in TABLES}
    )
    #: per raw table: canonical column name → header as written
    headers: dict[int, dict[str, str]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=Problems)
    #: ids of rows that had problems, so references to them do not add noise
    failed_ids: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    #: per table: the good cells of rows that had problems, (values, raw table, row),
    #: so that a bad reference on the same row is reported in the same pass
    partial: dict[str, list[tuple[dict, RawTable, int]]] = field(
        default_factory=lambda: defaultdict(list)
    )

    def problem_at(self, table: str, index: int, column: str | None, message: Words) -> Problem:
        raw, row = self.origins[table][index]
        header = self.headers[id(raw)].get(column, column) if column else None
        return Problem(raw.file, message, sheet=raw.sheet, row=row, column=header)


def parse(raw_tables: Sequence[RawTable], parsed: Parsed | None = None) -> Parsed:
    """Convert every cell of every raw table of the import format (ledgers are
    read by :mod:`loaders.ledgers`); collect problems, never stop early."""
    parsed = parsed or Parsed()
    for raw in raw_tables:
        if not is_ledger(raw.table):
            _parse_table(raw, parsed)
    return parsed


def check_duplicates(parsed: Parsed) -> None:
    """Two records of one table with the same id (or participant) are an error."""
    _check_duplicates(parsed)


def _bad(
    raw: RawTable, row: int | None, column: str | None, message: Words, severity: str = "error"
) -> Problem:
    return Problem(raw.file, message, sheet=raw.sheet, row=row, column=column, severity=severity)


def map_headers(raw: RawTable, parsed: Parsed) -> list[tuple[int, Column]] | None:
    """Which column each header means; None (with problems) when a required one is missing."""
    table = raw.table
    mapped: list[tuple[int, Column]] = []
    written: dict[str, str] = {}
    for index, header in enumerate(raw.headers):
        if not header.strip():
            continue
        column = match_column(table, header)
        if column is None:
            parsed.problems.append(_bad(raw, 1, header, words("未知的列，已忽略"), "warning"))
        elif column.name in written:
            parsed.problems.append(
                _bad(
                    raw,
                    1,
                    header,
                    words("与“{written}”重复的列", written=written[column.name]),
                )
            )
        else:
            written[column.name] = header
            mapped.append((index, column))
    parsed.headers[id(raw)] = written
    missing = [c for c in table.columns if c.required and c.name not in written]
    for column in missing:
        parsed.problems.append(_bad(raw, 1, column.header, words("缺少必填列", name=column.name)))
    return None if missing else mapped


def _parse_table(raw: RawTable, parsed: Parsed) -> None:
    mapped = map_headers(raw, parsed)
    if mapped is None:
        return
    table = raw.table.name
    record_type = RECORD_TYPES[table]
    plan = [
        (i, c, converter(c), written)
        for i, c in mapped
        for written in [parsed.headers[id(raw)][c.name]]
    ]
    records = parsed.bundle.table(table)
    origins = parsed.origins[table]
    problems = parsed.problems
    for row, cells in raw.rows:
        values: dict[str, object] = {}
        ok = True
        for index, column, convert, header in plan:
            cell = cells[index] if index < len(cells) else None
            if is_blank(cell) or (column.kind == "list" and cell == []):
                if column.required:
                    problems.append(_bad(raw, row, header, words("必填项为空")))
                    ok = False
                continue
            try:
                value = convert(cell)
            except BadCell as bad:
                problems.append(_bad(raw, row, header, bad.words))
                ok = False
                continue
            bounds = _RANGES.get(column.name)
            if bounds and not bounds[0] <= value <= bounds[1]:
                problems.append(
                    _bad(
                        raw,
                        row,
                        header,
                        words("数值超出范围 {low}–{high}", low=bounds[0], high=bounds[1]),
                    )
                )
                ok = False
                continue
            values[column.name] = value
        if table == "participations" and not ({"unit", "party_org", "member"} & values.keys()):
            header = parsed.headers[id(raw)].get("unit", "unit")
            problems.append(
                _bad(
                    raw,
                    row,
                    header,
                    words("单位、党组织、党员至少填一项"),
                )
            )
            ok = False
        if table == "activities" and values.get("initiator") in DISTRICT_NAMES:
            values["initiator"] = DISTRICT
        if ok:
            records.append(record_type(**values))
            origins.append((raw, row))
        else:
            if "id" in values:
                parsed.failed_ids[table].add(values["id"])
            parsed.partial[table].append((values, raw, row))


def _check_duplicates(parsed: Parsed) -> None:
    for table in TABLES:
        seen: dict[str, int] = {}
        for index, record in enumerate(parsed.bundle.table(table)):
            key = record.id
            first = seen.setdefault(key, index)
            if first != index:
                raw, row = parsed.origins[table][first]
                where = f"{raw.file}{':' + raw.sheet if raw.sheet else ''}:{row}"
                column = "activity" if isinstance(record, Participation) else "id"
                parsed.problems.append(
                    parsed.problem_at(
                        table,
                        index,
                        column,
                        words("重复的编号（首次出现在 {where}）", where=where),
                    )
                )


def check_references(parsed: Parsed, store: Store | None) -> None:
    """Every id a record names must exist in the files or already in the store.

    Streets may be given by zone id or name; they are replaced by the zone id.
    Rows that had other problems are checked too, so a row's problems come in one pass.
    """
    ids = {
        t: {r.id for r in parsed.bundle.table(t)} | parsed.failed_ids[t]
        for t in TABLES
        if t != "participations"
    }
    _resolve_streets(parsed, store, ids["zones"])
    for table in TABLES:
        refs = [c for c in TABLE_BY_NAME[table].columns if c.ref and c.name != "street"]
        for column in refs:
            wanted = _wanted(parsed, table, column, ids[column.ref])
            if wanted and store is not None:
                for known in store.known_ids(column.ref, wanted):
                    del wanted[known]
            for ref, places in wanted.items():
                for place in places:
                    parsed.problems.append(_unknown(parsed, table, column, ref, place))


def _refs(value: object) -> tuple:
    return value if isinstance(value, tuple) else (value,)


def _wanted(parsed: Parsed, table: str, column: Column, known: set[str]) -> dict[str, list]:
    """References of ``column`` to ids not in the files: ref → places (index or (raw, row))."""
    wanted: dict[str, list] = defaultdict(list)

    def missing(ref: object) -> bool:
        district = column.name == "initiator" and ref in DISTRICT_NAMES
        return ref is not None and ref not in known and not district

    for index, record in enumerate(parsed.bundle.table(table)):
        for ref in _refs(getattr(record, column.name)):
            if missing(ref):
                wanted[ref].append(index)
    for values, raw, row in parsed.partial.get(table, ()):
        for ref in _refs(values.get(column.name)):
            if missing(ref):
                wanted[ref].append((raw, row))
    return wanted


def _unknown(parsed: Parsed, table: str, column: Column, ref: str, place) -> Problem:
    message = words(
        "引用了不存在的{table}“{ref}”（文件和库中都没有）",
        table=TABLE_BY_NAME[column.ref].zh,
        singular=_SINGULAR[column.ref],
        ref=ref,
    )
    if isinstance(place, int):
        return parsed.problem_at(table, place, column.name, message)
    raw, row = place
    return _bad(raw, row, parsed.headers[id(raw)].get(column.name, column.name), message)


def _resolve_streets(parsed: Parsed, store: Store | None, zone_ids: set[str]) -> None:
    by_name = {z.name: z.id for z in parsed.bundle.zones}
    known = set(zone_ids)
    units = parsed.bundle.units
    if store is not None and any(
        u.street and u.street not in known and u.street not in by_name for u in units
    ):
        for zone in store.zones():
            known.add(zone.id)
            by_name.setdefault(zone.name, zone.id)
    for index, unit in enumerate(units):
        if unit.street is None or unit.street in known:
            continue
        if unit.street in by_name:
            units[index] = dataclasses.replace(unit, street=by_name[unit.street])
        else:
            guess = _closest(unit.street, by_name)
            parsed.problems.append(
                parsed.problem_at(
                    "units",
                    index,
                    "street",
                    words(
                        "所属街道“{street}”不是已知区域的编号或名称{hint}",
                        street=unit.street,
                        hint=words("；是否指“{street}”？", street=guess) if guess else "",
                    ),
                )
            )


def _closest(text: str, names) -> str | None:
    """The known name ``text`` most probably meant ("沙河街道" → 沙市街道), if any is close."""
    from rapidfuzz import fuzz, process

    best = process.extractOne(text, list(names), scorer=fuzz.ratio, score_cutoff=50)
    return best[0] if best else None
