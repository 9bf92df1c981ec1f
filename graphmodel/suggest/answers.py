"""The suggestions for a store, as plain data: what the CLI prints and the API returns.

Each function reads the cached snapshot (:func:`graphmodel.district.snapshot`)
and the planners' decisions, and returns JSON-able dicts. A unit must be in
the scope. Partners may lie anywhere in the district, except for a user with
a territory (a street planner: the scope's ``territory``, a set of street
ids): then partners, decisions and agreements stay inside it, so that nothing
of other streets is shown.
"""

from __future__ import annotations

import copy
import datetime as dt
import threading
from collections import OrderedDict

from ..district import District, snapshot
from ..errors import BadDecision, BadSuggestionRequest, NotTheAuthor, UnknownUnit
from ..records import Decision, DecisionKind
from ..store import Store
from ..window import WHOLE_DISTRICT, Scope, Window
from .backtest import METHODS, BacktestResult, backtest
from .card import model_for, whole_history
from .features import district_features
from .partners import evidence, latest_decisions, suggest
from .reasons import reasons
from .scoring import DEFAULT_WEIGHTS, PARTS, Weights, scores_for
from .triage import propose_zones, who_to_help
from .worklist import work_list

__all__ = [
    "accepted_partnerships",
    "backtest_store",
    "decide",
    "decision_history",
    "help_first",
    "suggestions_for",
    "visible_units",
    "work_list_for",
]


def visible_units(district: District) -> frozenset[str] | None:
    """The units the scope's territory lets a user see, or None when it has none."""
    territory = getattr(district.scope, "territory", None)
    if territory is None:
        return None
    return frozenset(u.id for u in district.units if u.street in territory)


def _in_scope(district: District, unit: str) -> None:
    if unit not in district.unit or not district.scope.admits(district.unit[unit]):
        raise UnknownUnit(unit)


def suggestions_for(
    store: Store,
    window: Window,
    unit: str,
    scope: Scope = WHOLE_DISTRICT,
    *,
    k: int = 10,
    weights: Weights | None = None,
    include_dismissed: bool = False,
) -> dict:
    """``{"unit", "unit_name", "window", "suggestions": [{"partner", "score",
    "parts", "reasons", …}]}`` for ``unit`` in ``store``."""
    district = snapshot(store, window, scope)
    _in_scope(district, unit)
    weights = weights or model_for(store)
    found = suggest(
        district,
        unit,
        k,
        weights=weights,
        decisions=store.decisions(unit),
        include_dismissed=include_dismissed,
        among=visible_units(district),
    )
    return {
        "unit": unit,
        "unit_name": district.unit[unit].name,
        "window": window.as_dict(),
        "suggestions": [s.as_dict() for s in found],
    }


def decide(
    store: Store,
    window: Window,
    unit: str,
    partner: str,
    decision: str,
    *,
    by: str,
    note: str = "",
    owner: str = "",
    due: dt.date | None = None,
    scope: Scope = WHOLE_DISTRICT,
    at: dt.datetime | None = None,
    may_undo_any: bool = False,
) -> Decision:
    """Record a planner's decision on ``partner`` for ``unit`` (in scope); the
    decision may be given as ``accept`` / ``dismiss`` / ``undo`` or 采纳 / 不采纳 /
    撤销. An accept may name an ``owner`` and a ``due`` date. An undo withdraws
    the pair's standing decision, and only its author may (or, with
    ``may_undo_any``, an admin)."""
    district = snapshot(store, window, scope)
    _in_scope(district, unit)
    visible = visible_units(district)
    if partner not in district.unit or (visible is not None and partner not in visible):
        raise UnknownUnit(partner)
    kind = DecisionKind.parse(decision or "")
    if kind is DecisionKind.UNDO:
        _check_undo(store, unit, partner, by, may_undo_any)
    record = Decision(
        unit,
        partner,
        kind.value if kind else str(decision),
        at or dt.datetime.now().replace(microsecond=0),
        by=by,
        note=(note or "").strip(),
        owner=(owner or "").strip() if kind is DecisionKind.ACCEPT else "",
        due=due if kind is DecisionKind.ACCEPT else None,
    )
    store.record_decision(record)
    return record


def _check_undo(store: Store, unit: str, partner: str, by: str, may_undo_any: bool) -> None:
    pair = tuple(sorted((unit, partner)))
    standing = latest_decisions(store.decisions(unit)).get(pair)  # type: ignore[arg-type]
    if standing is None:
        raise BadDecision("这对单位没有可撤销的决定")
    if standing.by != by and not may_undo_any:
        raise NotTheAuthor(standing.by)


def _visible(district: District, d: Decision) -> bool:
    """A decision touching a unit in scope, and (with a territory) only units inside it."""
    units = district.unit
    visible = visible_units(district)
    if visible is not None and not {d.unit, d.partner} <= visible:
        return False
    return any(u in units and district.scope.admits(units[u]) for u in (d.unit, d.partner))


def _decision_row(district: District, d: Decision) -> dict:
    def name(uid: str) -> str:
        return district.unit[uid].name if uid in district.unit else uid

    kind = DecisionKind.parse(d.decision)
    return {
        "unit": d.unit,
        "unit_name": name(d.unit),
        "partner": d.partner,
        "partner_name": name(d.partner),
        "decision": d.decision,
        "decision_zh": kind.zh if kind else d.decision,  # type: ignore[attr-defined]
        "note": d.note,
        "owner": d.owner,
        "due": d.due.isoformat() if d.due else None,
        "by": d.by,
        "at": d.at.isoformat(),
    }


def decision_history(store: Store, window: Window, scope: Scope = WHOLE_DISTRICT) -> list[dict]:
    """Every decision touching a unit in scope, newest first, with names."""
    district = snapshot(store, window, scope)
    decisions = store.decisions()
    standing = {id(d) for d in latest_decisions(decisions).values()}
    return [
        {**_decision_row(district, d), "standing": id(d) in standing}
        for d in reversed(decisions)
        if _visible(district, d)
    ]


def accepted_partnerships(
    store: Store,
    window: Window,
    scope: Scope = WHOLE_DISTRICT,
    weights: Weights | None = None,
) -> list[dict]:
    """The pairs whose latest decision is "accept" (a unit in scope), as proposed
    agreements: both units, who accepted and when, and the reasons as they stand
    in the window (empty once the two have worked together)."""
    district = snapshot(store, window, scope)
    weights = weights or model_for(store)
    F = district_features(district)
    zone_names = {z.id: z.name for z in district.zones}
    rows = []
    for d in latest_decisions(store.decisions()).values():
        if d.decision != DecisionKind.ACCEPT.value or not _visible(district, d):
            continue
        row = _decision_row(district, d)
        a, b = F.index.get(d.unit), F.index.get(d.partner)
        said = []
        if a is not None and b is not None:
            total, parts = scores_for(F, a, weights)
            own = {name: float(parts[name][b]) for name in PARTS}
            ev = evidence(F, district.unit, zone_names, a, b)
            said = reasons(row["unit_name"], row["partner_name"], ev, own)
            row["score"] = round(float(total[b]), 4)
        row["reasons_zh"] = "；".join(r.zh for r in said)
        row["reasons_en"] = "; ".join(r.en for r in said)
        rows.append(row)
    rows.sort(key=lambda r: r["at"], reverse=True)
    return rows


def help_first(
    store: Store,
    window: Window,
    scope: Scope = WHOLE_DISTRICT,
    *,
    per_unit: int = 3,
    limit: int | None = 200,
    weights: Weights | None = None,
) -> dict:
    """The "who to help first" list and the small units' zone proposals."""
    district = snapshot(store, window, scope)
    weights = weights or model_for(store)
    decisions = store.decisions()
    return {
        "window": window.as_dict(),
        "help": district.stored(
            ("suggest-help", per_unit, limit, weights, len(decisions), _last(decisions)),
            lambda: who_to_help(
                district,
                per_unit=per_unit,
                limit=limit,
                weights=weights,
                decisions=decisions,
                among=visible_units(district),
            ),
            scoped=False,
        ),
        "zones": district.stored(
            ("suggest-zones", weights),
            lambda: propose_zones(district, weights=weights),
            scoped=False,
        ),
    }


def _last(decisions: list[Decision]) -> tuple | None:
    return (decisions[-1].pair, decisions[-1].at, decisions[-1].decision) if decisions else None


def backtest_store(
    store: Store,
    split: dt.date | None = None,
    *,
    months: int = 12,
    horizon: int = 6,
    k: int = 10,
    seed: int = 7,
    weights: Weights | None = None,
) -> BacktestResult:
    """:func:`~graphmodel.suggest.backtest.backtest` on everything ``store`` holds
    (the cached snapshot whose window ends on the latest activity)."""
    history = whole_history(store)
    if history is None:
        raise BadSuggestionRequest("回测需要活动数据：存储中没有活动")
    return backtest(
        history,
        split,
        months=months,
        horizon=horizon,
        k=k,
        seed=seed,
        weights=weights or DEFAULT_WEIGHTS,
        methods=METHODS,
    )


def work_list_for(
    store: Store,
    window: Window,
    scope: Scope = WHOLE_DISTRICT,
    *,
    weights: Weights | None = None,
    **filters,
) -> dict:
    """:func:`.worklist.work_list` for a store: the snapshot, the model in use,
    every decision, and partners kept inside a street planner's territory.

    Remembered per snapshot for the same decisions, model and filters (the last
    :data:`WORK_LISTS` of them): a warm page at city scale should not score its
    units' partners again (≈ 0.2 s at M); a new decision is a new key."""
    district = snapshot(store, window, scope)
    decisions = store.decisions()
    weights = weights or model_for(store)
    among = visible_units(district)

    def compute() -> dict:
        return work_list(district, decisions=decisions, weights=weights, among=among, **filters)

    try:
        key = (tuple(decisions), weights, among, tuple(sorted(filters.items())))
        hash(key)
    except TypeError:  # a filter that cannot be a key: computed for this request only
        found = compute()
    else:
        found = copy.deepcopy(_remembered(district, key, compute))
    return {"window": window.as_dict(), **found}


#: Work lists remembered per snapshot and scope (pages, sorts, filters, decisions).
WORK_LISTS = 16


def _remembered(district: District, key: tuple, compute) -> dict:
    """``compute()``'s answer for ``key``, kept in the snapshot's memo among its
    :data:`WORK_LISTS` latest (the caller copies it: callers may change theirs)."""
    lock, answers = district.memo("work-lists", lambda: (threading.Lock(), OrderedDict()))
    with lock:
        if key in answers:
            answers.move_to_end(key)
            return answers[key]
    found = compute()
    with lock:
        answers[key] = found
        while len(answers) > WORK_LISTS:
            answers.popitem(last=False)
    return found
