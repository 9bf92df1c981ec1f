"""The unit page: organisations and members, partners with give and take, timeline."""

from __future__ import annotations

from flask import Blueprint, g, render_template

from graphmodel.assessment import assess
from graphmodel.errors import NotFound
from graphmodel.listings import listings_of
from graphmodel.profile import unit_profile
from visualizations.charts import bar_chart

from ..access import can, requires
from ..due import default_due
from ..extensions import store
from ..params import analysis
from ..rules import RATING_ZH, current_rules, rules_shown

bp = Blueprint("units", __name__)


@bp.get("/units/<unit_id>")
@requires("read")
def page(unit_id: str):
    """Everything about one unit in the window (with its health card); members only for roles
    that may see them."""
    request_analysis = analysis()
    district = request_analysis.district()
    if unit_id not in set(district.scope_units):
        raise NotFound("范围内没有单位 {unit_id!r}", unit_id=unit_id)
    profile = request_analysis.shown(unit_profile(district, unit_id))
    rules = current_rules()
    [health] = assess(district, rules, units=[unit_id])
    return render_template(
        "unit.html",
        profile=profile,
        bars=bar_chart(profile["timeline"]["months"], height=120),
        show_members=can("personal_data"),
        health=health,
        shown_rules=rules_shown(rules),
        rating_zh=RATING_ZH,
        query=request_analysis.query(),
        # The background job renders pages with no one signed in.
        me=g.user.name if g.get("user") is not None else "",
        default_due=default_due().isoformat(),
        listings=listings_of([district.unit[unit_id]], store().listings(unit_id)),
        window=request_analysis.window,
        partial_months={p.label for p in district.periods("month") if p.partial},
    )
