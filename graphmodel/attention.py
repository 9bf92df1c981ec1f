"""Units needing attention (需关注单位): the one list a street sends on.

Every unit in scope that is isolated, declining or inactive (as
:mod:`graphmodel.metrics.activity` finds them) or rated red by the assessment
(fail, or not eligible after a red veto rule), with its last activity ever (up
to the window's end), its assessment score and its best suggested partner with
the reason. Ordered by street, then by how many reasons it is on the list.
Two isolated units are never proposed to each other alone (a suggestion pairs
them only with a third, active unit), so here U1 has no partner to propose.

>>> import datetime as dt
>>> from graphmodel.assessment import parse_rules
>>> from graphmodel.records import Unit
>>> from graphmodel.store import Bundle
>>> from graphmodel.window import Window
>>> units = [Unit("U1", "桂花社区", "community", "S1"), Unit("U2", "一中", "school", "S1")]
>>> d = District.from_bundle(Bundle(units=units), Window(dt.date(2026, 6, 30)))
>>> rules = parse_rules('[[rule]]\\nid="p"\\nindicator="distinct_partners"\\ngreen=2\\namber=1')
>>> row = attention_units(d, rules)[0]
>>> row["id"], row["flags"], row["partner_name"]
('U1', ['isolated', 'inactive', 'red'], None)
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from .assessment import RuleSet, assess
from .district import District
from .metrics import activity as act
from .records import Decision
from .suggest.partners import suggest

#: Why a unit is on the list, in the order the list shows them.
FLAGS = ("isolated", "declining", "inactive", "red")
FLAG_NAMES = {
    "isolated": ("孤立", "isolated"),
    "declining": ("活跃度下降", "declining"),
    "inactive": ("不活跃", "inactive"),
    "red": ("考核为红", "rated red"),
}


def attention_units(
    district: District,
    rules: RuleSet,
    *,
    decisions: Iterable[Decision] = (),
    among: Collection[str] | None = None,
    partnered: int | None = None,
) -> list[dict]:
    """Each unit needing attention: ``id``, ``name``, ``kind``, ``street``,
    ``street_name``, ``flags`` (in :data:`FLAGS` order), ``last_activity``,
    ``score``, ``rating`` and the top partner (``partner``, ``partner_name``,
    ``reason_zh``, ``reason_en``; None when no unit fits), partners from
    ``among`` when given. Only the first ``partnered`` rows get a partner when
    given (a page shows the first few; an export asks for all)."""
    in_scope = set(district.scope_units)
    flags: dict[str, list[str]] = {}

    def flag(units: Iterable[str], name: str) -> None:
        for unit in units:
            if unit in in_scope:
                flags.setdefault(unit, []).append(name)

    end = district.window.end
    flag(act.isolated_units(district.collaboration_graph()), "isolated")
    flag(act.declining_units(district.incidence, district.window), "declining")
    flag(act.inactive_units(district.incidence, end), "inactive")
    cards = {c["id"]: c for c in assess(district, rules)}
    flag((u for u, c in cards.items() if c["level"] == "red"), "red")
    last = act.last_activity(district.incidence, end)
    rows = []
    for unit, why in flags.items():
        record = district.unit[unit]
        street = district.zone.get(record.street) if record.street else None
        card = cards.get(unit, {})
        rows.append(
            {
                "id": unit,
                "name": record.name,
                "kind": record.kind,
                "street": record.street,
                "street_name": street.name if street else "",
                "flags": sorted(why, key=FLAGS.index),
                "last_activity": last.get(unit),
                "score": card.get("score"),
                "rating": card.get("rating"),
            }
        )
    rows.sort(key=lambda r: (r["street_name"], -len(r["flags"]), r["id"]))
    decisions = list(decisions)
    for i, row in enumerate(rows):
        best = [] if partnered is not None and i >= partnered else None
        if best is None:
            best = suggest(district, row["id"], 1, decisions=decisions, among=among)
        top = best[0] if best else None
        row.update(
            partner=top.partner if top else None,
            partner_name=top.partner_name if top else None,
            reason_zh="；".join(r.zh for r in top.reasons) if top else None,
            reason_en="; ".join(r.en for r in top.reasons) if top else None,
        )
    return rows
