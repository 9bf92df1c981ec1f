"""One row of an activity ledger or a dual-registration ledger, turned into records."""

from __future__ import annotations

import dataclasses

from graphmodel.records import DISTRICT, Member, Participation
from translations import words

from .ledgers import (
    DISTRICT_HOSTS,
    LedgerReader,
    activity_kind_of,
    activity_record,
    stable_id,
)
from .names import clean
from .readers import RawTable


def activity_row(
    reader: LedgerReader, raw: RawTable, row: int, values: dict, ok: bool, sheet_street: str
) -> None:
    """An activity and its participations; names resolved, pending ones recorded."""
    street = sheet_street
    if values.get("street"):
        street = reader.street(values["street"]) or ""
        if not street:
            reader.problem(raw, row, "street", reader.unknown_street(values["street"]))
            ok = False
    district, taking_part = _units_of_row(reader, raw, row, values, street)
    if taking_part is None or not ok:
        return
    hosts = [u for u, r in taking_part.items() if r == "host"]
    initiator = DISTRICT if district else (hosts[0] if hosts else None)
    kind = activity_kind_of(reader, raw, row, values)
    activity = activity_record(values, kind, initiator, _host_key(district, taking_part))
    agreement = _agreement(reader, raw, row, values.get("agreement"))
    if agreement:
        activity = dataclasses.replace(activity, agreement=agreement)
    first = reader.activity_rows.setdefault(activity.id, (id(raw), row))
    if first == (id(raw), row):
        reader.add("activities", activity, raw, row)
    else:  # the same date, title and host again: one activity listed on two rows
        reader.problem(
            raw,
            row,
            "title",
            words("与第 {first} 行日期、名称、牵头单位相同，合并为同一活动", first=first[1]),
            "note",
        )
    taking = [Participation(activity.id, unit, role=role) for unit, role in taking_part.items()]
    members = _members(reader, raw, row, values.get("members", ()), taking_part)
    taking += [Participation(activity.id, member=member) for member in members]
    for participation in taking:
        if participation.id not in reader.taking_part:
            reader.taking_part.add(participation.id)
            reader.add("participations", participation, raw, row)


def _units_of_row(reader, raw, row, values, street) -> tuple[bool, dict[str, str] | None]:
    """(district initiated?, unit id → role) of a row; None while a name is pending.

    The first role a unit is given wins (hosts, then co-hosts, then guests).
    """
    district, taking_part, pending = False, {}, False
    for column, role in (("hosts", "host"), ("co_hosts", "co-host"), ("guests", "guest")):
        for name in values.get(column, ()):
            if column == "hosts" and clean(name) in DISTRICT_HOSTS:
                district = True
                continue
            unit = reader.resolve(name, street, raw, row, column)
            if unit is ...:
                pending = True
            elif unit is not None:
                taking_part.setdefault(unit, role)
    return district, None if pending else taking_part


def _host_key(district: bool, taking_part: dict[str, str]) -> str:
    """Who hosted, for the activity's id: the host units (and the district). An activity
    with no host unit (the district's own) is told apart by the units that took part."""
    hosts = sorted(u for u, r in taking_part.items() if r == "host")
    key = ([DISTRICT] if district else []) + hosts
    if not hosts:
        key += sorted(taking_part)
    return "|".join(key)


def _agreement(reader: LedgerReader, raw, row, text: str | None) -> str | None:
    if not text:
        return None
    store = reader.store
    agreements = [*(store.agreements() if store else []), *reader.parsed.bundle.agreements]
    for agreement in agreements:
        if text in (agreement.id, agreement.title):
            return agreement.id
    reader.problem(
        raw,
        row,
        "agreement",
        words("未找到共建协议“{text}”，活动不关联协议", text=text),
        "warning",
    )
    return None


def _members(reader: LedgerReader, raw, row, names, units: dict[str, str]) -> list[str]:
    """Member ids for the names given, matched within the row's units."""
    found = []
    for name in names:
        matches = {m.id for u in units for m in reader.members_of(u).get(clean(name), ())}
        if len(matches) == 1:
            found.append(matches.pop())
            continue
        why = words("有多名同名党员") if matches else words("在参加单位中未找到该党员")
        reader.problem(
            raw,
            row,
            "members",
            words("党员“{name}”：{why}，已略过", name=name, why=why),
            "warning",
        )
    return sorted(set(found))


def registration_row(reader: LedgerReader, raw: RawTable, row: int, values: dict, ok: bool) -> None:
    """A member's dual registration: found by name within their unit, or added."""
    unit = reader.resolve(values["unit"], "", raw, row, "unit") if "unit" in values else None
    community = (
        reader.resolve(values["community"], "", raw, row, "community")
        if "community" in values
        else None
    )
    if not ok or unit is ... or community is ... or unit is None or community is None:
        return
    name = clean(values["name"])
    same = reader.members_of(unit).get(name, [])
    if len(same) > 1:
        reader.problem(
            raw,
            row,
            "name",
            words(
                "工作单位中有 {count} 名党员叫“{name}”，无法确定是谁", count=len(same), name=name
            ),
        )
        return
    if same:
        member = dataclasses.replace(
            same[0], registered_at=community, phone=values.get("phone") or same[0].phone
        )
    else:
        org = reader.org_of(unit)
        if org is None:
            reader.problem(
                raw,
                row,
                "unit",
                words("工作单位没有党组织，无法登记党员"),
            )
            return
        member = Member(
            stable_id("M", name, unit),
            name,
            org,
            serving=True,
            registered_at=community,
            phone=values.get("phone"),
        )
    reader.add("members", member, raw, row)
