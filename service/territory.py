"""What a street planner is told of other streets' units: name, kind and street only.

Every figure is computed on the whole district (see ``service.params``), so a
street planner's unit keeps its ties to units of other streets: they count, and
they are shown, but only by name, kind and street. :func:`redact` walks an
answer (a report, a unit profile, follow-up rows …) before it leaves the server
and takes out every id of another street's unit: a record naming such a unit
loses its ``id`` (and so its link), and any other value equal to such an id is
blanked. Members and personal data of other streets never reach these answers
(a unit page of another street's unit is not found).

>>> import datetime as dt
>>> from graphmodel.district import District
>>> from graphmodel.records import Unit
>>> from graphmodel.store import Bundle
>>> from graphmodel.window import Window
>>> d = District.from_bundle(
...     Bundle(units=[Unit("U1", "甲", "school", "S1"), Unit("U2", "乙", "hospital", "S2")]),
...     Window(dt.date(2026, 6, 30)),
... )
>>> shown = redact({"partners": [{"id": "U2", "name": "乙", "joint": 2.0}]}, d, frozenset({"S1"}))
>>> shown["partners"][0]["name"], "id" in shown["partners"][0], shown["partners"][0]["joint"]
('乙', False, 2.0)
"""

from __future__ import annotations

from typing import Any

from graphmodel.district import District
from graphmodel.records import UnitKind

_KIND_ZH = {k.value: k.zh for k in UnitKind}


def outside_units(district: District, territory: frozenset[str] | None) -> frozenset[str]:
    """Ids of the units that lie outside ``territory`` (none without a territory)."""
    if territory is None:
        return frozenset()
    return district.shared(
        ("outside-units", territory),
        lambda: frozenset(u.id for u in district.units if u.street not in territory),
    )


def redact(value: Any, district: District, territory: frozenset[str] | None) -> Any:
    """``value`` with every id of a unit outside ``territory`` taken out (see the module)."""
    outside = outside_units(district, territory)
    if not outside:
        return value
    return _walk(value, district, outside)


def _walk(value: Any, district: District, outside: frozenset[str]) -> Any:
    if isinstance(value, dict):
        uid = value.get("id")
        if isinstance(uid, str) and uid in outside:
            return _outside_record(value, district, outside)
        return {k: _walk(v, district, outside) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_walk(v, district, outside) for v in value]
    if isinstance(value, str) and (value in outside or _names_outside(value, outside)):
        return None
    return value


def _names_outside(text: str, outside: frozenset[str]) -> bool:
    """Whether ``text`` is a pair key such as ``U1–U4`` naming an outside unit."""
    return "–" in text and any(part in outside for part in text.split("–"))


def _outside_record(record: dict, district: District, outside: frozenset[str]) -> dict:
    """A record of another street's unit: its figures, with name, kind and street only."""
    unit = district.unit[record["id"]]
    street = district.zone.get(unit.street) if unit.street else None
    kept = {k: _walk(v, district, outside) for k, v in record.items() if k != "id"}
    return {
        **kept,
        "name": unit.name,
        "kind": unit.kind,
        "kind_zh": _KIND_ZH.get(unit.kind, unit.kind),
        "street": unit.street,
        "street_name": street.name if street else (unit.street or ""),
        "outside": True,
    }
