"""Suggested partnerships: the district page, the JSON API, decisions and the export.

- ``GET /suggestions`` — who to help first, small units' zone proposals, decisions;
- ``GET /suggestions/accepted.xlsx`` — accepted suggestions as proposed agreements;
- ``GET /api/v1/suggestions/<unit_id>?k=10`` — ranked partners for one unit;
- ``POST /api/v1/suggestions/<unit_id>/decisions`` — ``{partner, decision, note}``.
"""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, g, render_template, request

from graphmodel.suggest import answers
from graphmodel.suggest.errors import BadDecision, BadSuggestionRequest

from ..access import requires
from ..downloads import caption, workbook
from ..exports import SCORE, Sheet
from ..extensions import store
from ..params import analysis

bp = Blueprint("suggestions", __name__)

#: The most partners one request may ask for.
MAX_K = 100
ACCEPTED_COLUMNS = (
    ("unit", "单位编号", "Unit id"),
    ("unit_name", "单位名称", "Unit"),
    ("partner", "结对单位编号", "Partner id"),
    ("partner_name", "结对单位名称", "Partner"),
    ("score", "建议得分", "Score"),
    ("reasons_zh", "建议理由", "Reasons (Chinese)"),
    ("reasons_en", "理由（英文）", "Reasons"),
    ("by", "决定人", "Decided by"),
    ("at", "决定时间", "Decided at"),
    ("note", "备注", "Note"),
)
ACCEPTED_FORMATS = {"score": SCORE, "at": "yyyy-mm-dd hh:mm"}


def _when(text: str) -> dt.datetime:
    """An ISO time as a date-time Excel shows as one (local wall time, no zone)."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=None)


def _k() -> int:
    raw = request.args.get("k") or "10"
    try:
        k = int(raw)
    except ValueError:
        k = 0
    if not 1 <= k <= MAX_K:
        raise BadSuggestionRequest(
            f"k must be a whole number from 1 to {MAX_K}, not {raw!r}",
            f"k 须为 1 至 {MAX_K} 的整数，而不是 {raw!r}",
        )
    return k


@bp.get("/api/v1/suggestions/<unit_id>")
@requires("read")
def api_suggestions(unit_id: str):
    """Ranked partners for a unit in scope: ``{unit, suggestions: [{partner, score, parts,
    reasons, …}]}``; ``include_dismissed=1`` also lists dismissed ones."""
    request_analysis = analysis()
    return answers.suggestions_for(
        store(),
        request_analysis.window,
        unit_id,
        request_analysis.scope,
        k=_k(),
        include_dismissed=request.args.get("include_dismissed") in ("1", "true", "yes"),
    )


@bp.post("/api/v1/suggestions/<unit_id>/decisions")
@requires("decide")
def api_decide(unit_id: str):
    """Accept or dismiss a suggested partner: JSON ``{partner, decision, note}``."""
    body = request.get_json(silent=True)
    if not isinstance(body, dict) or not isinstance(body.get("partner"), str):
        raise BadDecision(
            'send JSON {"partner": ID, "decision": "accept" | "dismiss", "note": TEXT}',
            '请以 JSON 发送 {"partner": 编号, "decision": "accept" 或 "dismiss", "note": 备注}',
        )
    note = body.get("note") or ""
    if not isinstance(note, str) or not isinstance(body.get("decision"), str):
        raise BadDecision("decision and note must be text", "决定和备注须为文本")
    request_analysis = analysis()
    decision = answers.decide(
        store(),
        request_analysis.window,
        unit_id,
        body["partner"],
        body["decision"],
        by=g.user.name,
        note=note,
        scope=request_analysis.scope,
    )
    return {
        "decision": {
            "unit": decision.unit,
            "partner": decision.partner,
            "decision": decision.decision,
            "note": decision.note,
            "by": decision.by,
            "at": decision.at.isoformat(),
        }
    }, 201


@bp.get("/suggestions")
@requires("read")
def page():
    """Who to help first, zone proposals for small units, and the decisions so far."""
    request_analysis = analysis()
    window, scope = request_analysis.window, request_analysis.scope
    data = answers.help_first(store(), window, scope)
    return render_template(
        "suggestions.html",
        help=data["help"],
        zones=data["zones"],
        history=answers.decision_history(store(), window, scope)[:200],
        window=window,
        query=request_analysis.query(),
    )


@bp.get("/suggestions/accepted.xlsx")
@requires("export")
def accepted_xlsx():
    """Accepted suggestions as a list of proposed agreements (one workbook sheet)."""
    request_analysis = analysis()
    rows = answers.accepted_partnerships(store(), request_analysis.window, request_analysis.scope)
    headers = [zh if zh == en else f"{zh} {en}" for _, zh, en in ACCEPTED_COLUMNS]
    values = [
        [_when(row[field]) if field == "at" else row.get(field) for field, _, _ in ACCEPTED_COLUMNS]
        for row in rows
    ]
    what = ("拟签共建协议", "accepted-partnerships")
    formats = [ACCEPTED_FORMATS.get(field) for field, _, _ in ACCEPTED_COLUMNS]
    sheet = Sheet(
        what[0], headers, values, caption=caption(what[0], request_analysis), formats=formats
    )
    return workbook([sheet], what, request_analysis)
