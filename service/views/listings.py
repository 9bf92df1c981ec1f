"""需求清单 · 资源清单 and 对接: needs and offers, matched and claimed.

- ``GET /matching`` — each open need with the units that offer it, nearest first;
- ``POST /units/<unit_id>/listings`` — a planner adds a need or an offer (form);
- ``POST /api/v1/listings/<listing_id>/status`` — ``{status}``: open / done;
- ``POST /api/v1/listings/<listing_id>/claim`` — ``{partner, due}``: claim a need.

Changes need the decide permission, and both units in the user's territory;
they are audited like every decision.
"""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, g, redirect, render_template, request, url_for

from graphmodel import listings as needs
from graphmodel.errors import BadDecision, NotFound
from graphmodel.suggest.answers import visible_units

from ..access import requires
from ..due import default_due, parse_due
from ..extensions import store, today
from ..params import analysis

bp = Blueprint("listings", __name__)
#: Needs on one page of 对接.
PER_PAGE = 50


def _visible_unit(unit: str) -> None:
    """Refuse a unit outside the user's scope (as if it did not exist)."""
    district = analysis().district()
    if unit not in set(district.scope_units):
        raise NotFound("范围内没有单位 {unit!r}", unit=unit)
    visible = visible_units(district)
    if visible is not None and unit not in visible:
        raise NotFound("范围内没有单位 {unit!r}", unit=unit)


@bp.get("/matching")
@requires("read")
def page():
    """对接: open needs with the units that offer them, nearest first, with their load."""
    request_analysis = analysis()
    district = request_analysis.district()
    visible = visible_units(district)
    units = [u for u in district.units if visible is None or u.id in visible]
    rows = needs.matching(district, needs.listings_of(units, store().listings()))
    pages = max(1, -(-len(rows) // PER_PAGE))
    raw = request.args.get("page") or "1"
    page = min(max(int(raw), 1), pages) if raw.isdigit() else 1
    return render_template(
        "matching.html",
        rows=rows[(page - 1) * PER_PAGE : page * PER_PAGE],
        total=len(rows),
        page=page,
        pages=pages,
        query=request_analysis.query(),
        default_due=default_due().isoformat(),
    )


@bp.post("/units/<unit_id>/listings")
@requires("decide")
def add(unit_id: str):
    """Add a need or an offer of a unit (a form on the unit page), then back to it."""
    _visible_unit(unit_id)
    form = request.form
    needs.post(
        store(), unit_id, form.get("side", ""), form.get("what", ""), form.get("detail", ""),
        today=today(),
    )  # fmt: skip
    return redirect(url_for("units.page", unit_id=unit_id, **analysis().query()) + "#listings")


def _body() -> dict:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise BadDecision("请以 JSON 对象发送")
    return body


@bp.post("/api/v1/listings/<listing_id>/status")
@requires("decide")
def status(listing_id: str):
    """Mark a need or an offer open or done."""
    _visible_unit(needs.find(store(), listing_id).unit)
    changed = needs.set_status(store(), listing_id, str(_body().get("status", "")))
    return {"listing": _as_dict(changed)}


@bp.post("/api/v1/listings/<listing_id>/claim")
@requires("decide")
def claim(listing_id: str):
    """Claim an open need: ``{partner, due}``; the pair becomes an accepted suggestion."""
    body = _body()
    partner = body.get("partner")
    if not isinstance(partner, str):
        raise BadDecision('请发送 {{"partner": 单位编号}}')
    _visible_unit(needs.find(store(), listing_id).unit)
    _visible_unit(partner)
    claimed, decision = needs.claim(
        store(),
        listing_id,
        partner,
        by=g.user.name,
        at=dt.datetime.now().replace(microsecond=0),
        due=parse_due(body.get("due")) or default_due(),
    )
    return {"listing": _as_dict(claimed), "decision": {"unit": decision.unit,
            "partner": decision.partner, "due": decision.due.isoformat()}}, 201  # fmt: skip


def _as_dict(x) -> dict:
    return {
        "id": x.id,
        "unit": x.unit,
        "side": x.side,
        "what": x.what,
        "detail": x.detail,
        "posted": x.posted.isoformat() if x.posted else None,
        "status": x.status,
        "claimed_by": x.claimed_by,
        "claimed_at": x.claimed_at.isoformat() if x.claimed_at else None,
        "partner": x.partner,
    }
