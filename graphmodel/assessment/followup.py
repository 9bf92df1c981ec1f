"""Follow-up of agreed partnerships: did joint activity follow?

For every accepted suggestion (the latest decision on a pair is "accept")
and every co-building agreement (drafts left out), :func:`follow_up` looks for the first joint
activity of the pair (for an agreement: of any two of its units, or any
activity held under it) on or after the day it was agreed:

- ``on_track`` — joint activity within ``months`` months (or by the due date
  the planner set when accepting);
- ``late`` — joint activity, but only after that;
- ``never_started`` — none yet, and the months have passed;
- ``pending`` — none yet, still within the months.

"Today" is the window's end, so that results are reproducible.
:func:`conversion` gives per street the share of accepted suggestions that
led to joint activity, among those no longer pending.

>>> import datetime as dt
>>> from graphmodel.records import Decision, Unit
>>> from graphmodel.store import Bundle
>>> b = Bundle(units=[Unit("U1", "甲", "school", "S1"), Unit("U2", "乙", "school", "S1")])
>>> d = District.from_bundle(b, Window(dt.date(2026, 6, 30)))
>>> rows = follow_up(d, [Decision("U1", "U2", "accept", dt.datetime(2026, 1, 5))], months=3)
>>> rows[0]["state"], rows[0]["deadline"]
('never_started', '2026-04-05')
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

import numpy as np

from ..district import District
from ..records import AgreementStatus, Decision, DecisionKind
from ..suggest.partners import latest_decisions
from ..window import Window, add_months  # noqa: F401 (Window: the doctest)

STATES = ("on_track", "late", "never_started", "pending")


def _first_joint(district: District, units: Iterable[str], since: dt.date, agreement: str = ""):
    """The first activity dated on or after ``since`` that two of ``units`` took part in
    (or, for an agreement, that was held under it) — a few rows of the incidence, not a
    pass over every activity per partnership."""
    inc = district.incidence
    taking_part = district.memo("followup-taking-part", lambda: inc.taking_part.tocsr())
    lo, hi = np.datetime64(since, "D"), np.datetime64(district.window.end, "D")
    rows = [inc.index[u] for u in units if u in inc.index]
    found = []
    if rows:
        columns, times = np.unique(taking_part[rows].indices, return_counts=True)
        found.append(inc.dates[columns[times >= 2]].astype("datetime64[D]"))
    if agreement:
        found.append(
            district.memo("followup-under", lambda: _under(district)).get(agreement, _NONE)
        )
    dates = np.concatenate(found) if found else _NONE
    dates = dates[(dates >= lo) & (dates <= hi)]
    return dates.min().astype(dt.date) if dates.size else None


_NONE = np.array([], dtype="datetime64[D]")


def _under(district: District) -> dict[str, np.ndarray]:
    """The dates of the activities held under each agreement."""
    dates: dict[str, list[dt.date]] = {}
    for a in district.activities:
        if a.agreement:
            dates.setdefault(a.agreement, []).append(a.date)
    return {k: np.array(v, dtype="datetime64[D]") for k, v in dates.items()}


def _state(first: dt.date | None, deadline: dt.date, today: dt.date) -> str:
    if first is not None:
        return "on_track" if first <= deadline else "late"
    return "never_started" if today > deadline else "pending"


def _row(
    district: District,
    kind: str,
    key: str,
    units,
    since: dt.date,
    months: int,
    due: dt.date | None = None,
    **extra,
):
    deadline = due or add_months(since, months)
    first = _first_joint(district, units, since, key if kind == "agreement" else "")
    lead = district.unit[units[0]]
    street = district.zone.get(lead.street or "")
    return {
        "kind": kind,
        "id": key,
        "units": district.names(units),
        "street": lead.street,
        "street_name": street.name if street else lead.street or "",
        "since": since.isoformat(),
        "deadline": deadline.isoformat(),
        "first_joint": first.isoformat() if first else None,
        "state": _state(first, deadline, district.window.end),
        **extra,
    }


def follow_up(
    district: District, decisions: Iterable[Decision], *, months: int = 3, later: bool = False
) -> list[dict]:
    """Every accepted suggestion and agreement of units in scope, with its state
    (see the module docstring); both units must be in the district (a street
    planner's territory cannot show joint activity outside it). Accepts made
    after the window's end are left out, unless ``later``: then they count,
    ``pending`` (planners decide on today's clock, the data end lags behind)."""
    in_scope, known = set(district.scope_units), district.unit
    today = district.window.end
    rows = []
    for pair, decision in sorted(latest_decisions(decisions).items()):
        if decision.decision != DecisionKind.ACCEPT.value:
            continue
        if decision.at.date() > today and not later:
            continue
        units = [decision.unit, decision.partner]
        if all(u in known for u in units) and any(u in in_scope for u in units):
            key = f"{pair[0]}–{pair[1]}"
            rows.append(
                _row(
                    district, "suggestion", key, units, decision.at.date(), months,
                    decision.due, by=decision.by, owner=decision.owner,
                )
            )  # fmt: skip
    # Agreements change only with a load: their rows are worked out once per snapshot.
    rows += district.memo(("followup-agreements", months), lambda: _agreements(district, months))
    return rows


def _agreements(district: District, months: int) -> list[dict]:
    in_scope, known = set(district.scope_units), district.unit
    today = district.window.end
    rows = []
    for agreement in sorted(district.agreements, key=lambda a: a.id):
        units = [u for u in agreement.units if u in known]
        if agreement.status == AgreementStatus.DRAFT.value:
            continue  # not agreed yet
        if agreement.start is None or agreement.start > today or len(units) < 2:
            continue
        if any(u in in_scope for u in units):
            rows.append(
                _row(
                    district, "agreement", agreement.id, units, agreement.start, months,
                    title=agreement.title,
                )
            )  # fmt: skip
    return rows


def conversion(rows: Iterable[Mapping]) -> dict[str, dict]:
    """Per street: accepted suggestions by state and the conversion rate
    (on track or late, over those no longer pending; None when all are pending).

    >>> conversion([{"kind": "suggestion", "street": "S1", "state": "late"}])["S1"]["rate"]
    1.0
    """
    result: dict[str, dict] = {}
    for row in rows:
        if row["kind"] != "suggestion":
            continue
        counts = result.setdefault(
            row["street"] or "",
            {"street_name": row.get("street_name", ""), **dict.fromkeys(STATES, 0)},
        )
        counts[row["state"]] += 1
    for counts in result.values():
        decided = sum(counts[s] for s in ("on_track", "late", "never_started"))
        counts["accepted"] = decided + counts["pending"]
        counts["rate"] = (counts["on_track"] + counts["late"]) / decided if decided else None
    return dict(sorted(result.items()))


__all__ = ["STATES", "conversion", "follow_up"]
