"""Suggested partnerships: the district page, the JSON API, decisions and the export.

- ``GET /suggestions`` — the work list (weak units with their best partners, 50 a
  page, filtered by street, status and decision, sortable), small units' zone
  proposals, decisions;
- ``GET /suggestions/list.xlsx`` — the same list, every page;
- ``GET /suggestions/quality`` — the model card (建议质量);
- ``GET /suggestions/accepted.xlsx`` — accepted suggestions as proposed agreements;
- ``GET /api/v1/suggestions/<unit_id>?k=10`` — ranked partners for one unit;
- ``POST /api/v1/suggestions/<unit_id>/decisions`` — ``{partner, decision, note}``.
"""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, g, render_template, request

from graphmodel.errors import BadDecision, BadSuggestionRequest
from graphmodel.limits import DEFAULT_K, MAX_K
from graphmodel.suggest import answers
from graphmodel.suggest.card import model_for

from ..access import can, requires
from ..downloads import caption, workbook
from ..due import default_due, parse_due
from ..exports import SCORE, Sheet
from ..extensions import store
from ..params import analysis
from ..rules import current_rules

bp = Blueprint("suggestions", __name__)

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
    raw = request.args.get("k") or str(DEFAULT_K)
    try:
        k = int(raw)
    except ValueError:
        k = 0
    if not 1 <= k <= MAX_K:
        raise BadSuggestionRequest(
            "k 须为 1 至 {max_k} 的整数，而不是 {raw!r}",
            max_k=MAX_K,
            raw=raw,
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
            '请以 JSON 发送 {{"partner": 编号, "decision": "accept" 或 "dismiss", "note": 备注}}',
        )
    note = body.get("note") or ""
    owner = body.get("owner") or ""
    if not all(isinstance(v, str) for v in (note, owner, body.get("decision"))):
        raise BadDecision("决定、备注和跟进人须为文本")
    due = parse_due(body.get("due"))
    request_analysis = analysis()
    decision = answers.decide(
        store(),
        request_analysis.window,
        unit_id,
        body["partner"],
        body["decision"],
        by=g.user.name,
        note=note,
        owner=owner,
        due=due,
        scope=request_analysis.scope,
        may_undo_any=can("admin"),
    )
    return {
        "decision": {
            "unit": decision.unit,
            "partner": decision.partner,
            "decision": decision.decision,
            "note": decision.note,
            "owner": decision.owner,
            "due": decision.due.isoformat() if decision.due else None,
            "by": decision.by,
            "at": decision.at.isoformat(),
        }
    }, 201


def _filters() -> dict:
    """The work list's filters from the query: status, decision, sort and page."""
    raw = request.args.get("page") or "1"
    try:
        page = int(raw)
    except ValueError:
        raise BadSuggestionRequest("页码须为整数，而不是 {raw!r}", raw=raw) from None
    return {
        "status": request.args.get("status") or None,
        "decision": request.args.get("decision") or None,
        "sort": request.args.get("sort") or "priority",
        "page": page,
    }


@bp.get("/suggestions")
@requires("read")
def page():
    """The work list, zone proposals for small units, and the decisions so far."""
    request_analysis = analysis()
    window, scope = request_analysis.window, request_analysis.scope
    filters = _filters()
    work = answers.work_list_for(store(), window, scope, **filters)
    data = answers.help_first(store(), window, scope, limit=0)
    return render_template(
        "suggestions.html",
        work=work,
        filters=filters,
        zones=data["zones"],
        history=answers.decision_history(store(), window, scope)[:200],
        window=window,
        query=request_analysis.query(),
        default_due=default_due().isoformat(),
        # The background job renders pages with no one signed in.
        me=g.user.name if g.get("user") is not None else "",
        is_admin=can("admin"),
        model=model_for(store()).as_dict(),
    )


LIST_COLUMNS = (
    ("unit", "单位编号", "Unit id"),
    ("unit_name", "单位名称", "Unit"),
    ("street_name", "街道", "Street"),
    ("flags", "情况", "Status"),
    ("rank", "名次", "Rank"),
    ("partner", "结对单位编号", "Partner id"),
    ("partner_name", "结对单位名称", "Partner"),
    ("shares", "得分构成", "Score shares"),
    ("reasons", "建议理由", "Reasons"),
    ("isolated", "对方也是孤立单位", "Partner isolated too"),
    ("group_with", "同组活跃单位", "With active unit"),
    ("decision", "决定", "Decision"),
)
FLAG_ZH = {"isolated": "孤立", "declining": "活跃度下降", "follower": "跟随型"}


@bp.get("/suggestions/list.xlsx")
@requires("export")
def list_xlsx():
    """The work list with the page's filters and sort, every page, one row per suggestion."""
    request_analysis = analysis()
    filters = {**_filters(), "page": 1, "per_page": None}
    work = answers.work_list_for(
        store(), request_analysis.window, request_analysis.scope, **filters
    )
    values = []
    for row in work["units"]:
        flags = "、".join(FLAG_ZH[f] for f in row["flags"])
        lead = [row["id"], row["name"], row["street_name"], flags]
        if not row["suggestions"]:
            values.append([*lead, None, None, None, None, None, None, None, None])
        for rank, s in enumerate(row["suggestions"], start=1):
            values.append(
                [
                    *lead,
                    rank,
                    s["partner"],
                    s["partner_name"],
                    s["shares_zh"],
                    "；".join(r["zh"] for r in s["reasons"]),
                    "是" if s["partner_isolated"] else "否",
                    s["group_with"]["name"] if s["group_with"] else None,
                    {"accept": "已采纳", "dismiss": "不采纳"}.get(s["decision"] or ""),
                ]
            )
    headers = [f"{zh} {en}" for _, zh, en in LIST_COLUMNS]
    what = ("建议结对", "suggestions")
    sheet = Sheet(what[0], headers, values, caption=caption(what[0], request_analysis))
    return workbook([sheet], what, request_analysis)


@bp.get("/suggestions/quality")
@requires("read")
def quality():
    """The model card: how the weights were learned and chosen, the backtest, the outcomes."""
    from graphmodel.suggest.card import model_card

    request_analysis = analysis()
    card = model_card(store(), request_analysis.window, current_rules().followup_months)
    return render_template("suggestion_quality.html", card=card, query=request_analysis.query())


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
