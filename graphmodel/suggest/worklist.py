"""The planners' work list: weak units with their best partners, filtered, sorted and paged.

:func:`work_list` takes the units :func:`~.triage.weak_units` finds in the
district's scope (a street filter is the scope's), keeps those with the asked
status (``isolated`` / ``declining`` / ``follower``) and decision state
(``undecided``: no standing decision on any of its pairs; ``accepted`` /
``dismissed``: at least one such), sorts them (``priority`` — isolated first,
then the steepest decline, then the fewest activities — or ``name`` or
``street``) and suggests partners only for the units of the asked page, so
that a page costs the same however long the list is.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection, Iterable

from ..district import District
from ..errors import BadSuggestionRequest
from ..records import Decision, DecisionKind
from .partners import latest_decisions, suggest
from .scoring import DEFAULT_WEIGHTS, Weights
from .triage import FLAGS, _priority, _zone_name, unit_row, weak_units

__all__ = ["DECISION_FILTERS", "PER_PAGE", "SORTS", "work_list"]

#: Units on one page.
PER_PAGE = 50
SORTS = ("priority", "name", "street")
DECISION_FILTERS = ("undecided", "accepted", "dismissed")


def _standing(decisions: Iterable[Decision]) -> dict[str, set[str]]:
    """Per unit, the kinds of the standing decisions on its pairs."""
    found: dict[str, set[str]] = {}
    for d in latest_decisions(decisions).values():
        for unit in (d.unit, d.partner):
            found.setdefault(unit, set()).add(d.decision)
    return found


def _check(status: str | None, decision: str | None, sort: str, page: int) -> None:
    if status not in (None, *FLAGS):
        raise BadSuggestionRequest(
            "状态须为 {flags} 之一，而不是 {status!r}",
            flags=FLAGS,
            status=status,
        )
    if decision not in (None, *DECISION_FILTERS):
        raise BadSuggestionRequest(
            "决定须为 {decision_filters} 之一，而不是 {decision!r}",
            decision_filters=DECISION_FILTERS,
            decision=decision,
        )
    if sort not in SORTS:
        raise BadSuggestionRequest(
            "排序须为 {sorts} 之一，而不是 {sort!r}",
            sorts=SORTS,
            sort=sort,
        )
    if page < 1:
        raise BadSuggestionRequest("页码至少为 1，而不是 {page}", page=page)


def work_list(
    district: District,
    *,
    decisions: Iterable[Decision] = (),
    status: str | None = None,
    decision: str | None = None,
    sort: str = "priority",
    page: int = 1,
    per_page: int | None = PER_PAGE,
    per_unit: int = 3,
    weights: Weights = DEFAULT_WEIGHTS,
    among: Collection[str] | None = None,
) -> dict:
    """One page of the work list (see the module docstring): ``{"total", "page",
    "pages", "counts", "units": [{"id", "name", "flags", "suggestions", …}]}``;
    ``per_page=None`` gives every unit on one page (the export)."""
    _check(status, decision, sort, page)
    decisions = list(decisions)
    weak = weak_units(district)
    standing = _standing(decisions)
    ids = [u for u in weak if status is None or status in weak[u]["flags"]]
    if decision == "undecided":
        ids = [u for u in ids if not standing.get(u)]
    elif decision is not None:
        kind = DecisionKind.ACCEPT.value if decision == "accepted" else DecisionKind.DISMISS.value
        ids = [u for u in ids if kind in standing.get(u, ())]
    key = {
        "priority": lambda u: _priority(u, weak[u]),
        "name": lambda u: (district.unit[u].name, u),
        "street": lambda u: (_zone_name(district, district.unit[u].street), _priority(u, weak[u])),
    }[sort]
    ids.sort(key=key)
    size = per_page or max(len(ids), 1)
    pages = max(1, math.ceil(len(ids) / size))
    page = min(page, pages)
    rows = []
    for unit in ids[(page - 1) * size : page * size]:
        found = suggest(district, unit, per_unit, weights=weights, decisions=decisions, among=among)
        row = unit_row(district, unit, weak[unit], found)
        rows.append({**row, "decisions": sorted(standing.get(unit, ()))})
    counts = Counter(flag for row in weak.values() for flag in row["flags"])
    return {
        "total": len(ids),
        "page": page,
        "pages": pages,
        "per_page": size,
        "counts": {flag: counts.get(flag, 0) for flag in FLAGS},
        "units": rows,
    }
