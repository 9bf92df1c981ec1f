"""The dashboard: what the store holds, and how the district's collaboration goes."""

from __future__ import annotations

from flask import Blueprint, render_template
from markupsafe import Markup

from graphmodel.assessment import RulesError, heat_map
from graphmodel.overview import overview, territory_overview
from graphmodel.records import ZoneKind
from graphmodel.report import LIST_COLUMNS, report
from visualizations.charts import bar_chart
from visualizations.scales import ScoreScale

from ..access import requires
from ..extensions import store, today
from ..glossary import say
from ..i18n import language
from ..params import Analysis, analysis, data_date
from ..rules import current_rules, groups

bp = Blueprint("pages", __name__)

#: Headline figures: (glossary key, report section, field) — counts of units or a density.
HEADLINES = (
    ("density", "density", "density"),
    ("ties", "density", "ties"),
    ("isolated", "isolated", "count"),
    ("declining", "declining", "count"),
    ("followers", "followers", "count"),
    ("inactive", "inactive", "count"),
)
#: What the store holds, as planners call it (never the table's name).
TABLE_LABELS = {
    "units": "单位",
    "party_orgs": "党组织",
    "members": "党员",
    "activities": "活动",
    "participations": "参与记录",
    "agreements": "共建协议",
    "zones": "区域",
}
#: The lists a headline links to.
LISTED = frozenset(LIST_COLUMNS)


def _headline(data: dict, section: str, field: str) -> float:
    value = data[section]
    return value["scope"][field] if section == "density" else value[field]


def headline(key: str, value: float | None, before: float | None) -> dict:
    """One headline figure against the previous window, with which way is better."""
    delta = 0 if value is None or before is None else value - before
    better = say(key).direction
    return {
        "key": key,
        "value": value,
        "before": before,
        "delta": delta,
        "share": key == "density",
        "trend": "flat"
        if delta == 0 or better == "neither"
        else "better"
        if (delta > 0) == (better == "higher")
        else "worse",
        "link": key if key in LISTED else None,
    }


@bp.get("/")
@requires("read")
def dashboard():
    """Headline figures against the previous window, density over time, streets
    and zones ranked, and what the store holds."""
    request_analysis = analysis()
    day = data_date().date or today()
    try:
        rules = current_rules()
    except RulesError:  # a rules file broken by hand: the dashboard still opens
        rules = None
    links = tuple(sorted((name, str(value)) for name, value in request_analysis.query().items()))
    # The content is the same for everyone who sees this snapshot and scope in a language:
    # rendered once (a city's dashboard is 0.5 MB of HTML), the page around it per request.
    key = ("dashboard-body", language(), links, rules, day)
    body = request_analysis.district().memo(key, lambda: _body(request_analysis, day))
    return render_template("dashboard.html", body=Markup(body))


def _body(request_analysis: Analysis, day) -> str:
    window = request_analysis.window
    current = report(store(), window, request_analysis.scope)
    # The previous window only feeds the headline comparison: skip brokers, communities,
    # the density's groups and series ….
    sections = tuple(dict.fromkeys(section for _, section, _ in HEADLINES))
    previous = report(
        store(), window.previous(), request_analysis.scope, sections=sections, brief=True
    )
    headlines = [
        headline(key, _headline(current, section, field), _headline(previous, section, field))
        for key, section, field in HEADLINES
    ]
    territory = request_analysis.territory
    if territory is None:
        summary = overview(store(), today=day)
    else:
        summary = territory_overview(store(), request_analysis.district(), territory)
    monthly = current["density"]["monthly"]
    return render_template(
        "_dashboard_body.html",
        summary=summary,
        bars=bar_chart(summary.activities_by_month),
        density_bars=bar_chart([(m["period"], m["density"]) for m in monthly], height=140),
        partial_months={m["period"] for m in monthly if m.get("partial")},
        whole_district=territory is None,
        headlines=headlines,
        table_labels=TABLE_LABELS,
        streets=sorted(current["density"]["streets"], key=lambda s: -s["internal_density"]),
        paper_only=current["zones"]["paper_only"],
        window=window,
        query=request_analysis.query(),
        heat=street_heat_map(request_analysis),
    )


def street_heat_map(request_analysis: Analysis) -> dict | None:
    """Streets × quarters of the window: each street's mean quarterly score and how many
    units are green / amber / red, on a colour scale graded between the rules' marks."""
    district = request_analysis.district()
    streets = groups(district, ZoneKind.STREET.value)
    try:
        rules = current_rules()
    except RulesError:  # a rules file broken by hand: the dashboard still opens
        return None
    units = {z: g["units"] for z, g in streets.items()}
    heat = heat_map(district, rules, units, name=ZoneKind.STREET.value)
    scale = ScoreScale.over(
        (c["score"] for cells in heat["rows"].values() for c in cells),
        rules.passing,
        rules.excellent,
    )
    rows = [
        {
            "id": z,
            "name": streets[z]["name"],
            "cells": [
                {
                    **cell,
                    "step": scale.step(cell["score"]),
                    "green": cell["excellent"],
                    "amber": cell["pass"],
                    "red": cell["fail"] + cell["ineligible"],
                }
                for cell in cells
            ],
        }
        for z, cells in heat["rows"].items()
    ]
    return {
        "periods": heat["periods"],
        "partial": set(heat["partial"]),
        "streets": rows,
        "scale": scale,
        "rules": rules,
    }
