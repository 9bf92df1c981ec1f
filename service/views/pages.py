"""The dashboard: what the store holds, and how the district's collaboration goes."""

from __future__ import annotations

from flask import Blueprint, render_template

from graphmodel.assessment import RulesError, heat_map
from graphmodel.overview import overview, territory_overview
from graphmodel.records import ZoneKind
from graphmodel.report import report
from graphmodel.store import redacted
from visualizations.charts import bar_chart

from ..access import requires
from ..extensions import store, today
from ..params import Analysis, analysis, data_date
from .assessment import current_rules, groups

bp = Blueprint("pages", __name__)

#: Headline figures: (label, report section, field) — counts of units or a density.
HEADLINES = (
    ("协作密度", "density", "density"),
    ("结对数", "density", "ties"),
    ("孤立单位", "isolated", "count"),
    ("活跃度下降单位", "declining", "count"),
    ("跟随型单位", "followers", "count"),
    ("不活跃单位", "inactive", "count"),
)


def _headline(data: dict, section: str, field: str) -> float:
    value = data[section]
    return value["scope"][field] if section == "density" else value[field]


@bp.get("/")
@requires("read")
def dashboard():
    """Headline figures against the previous window, density over time, streets
    and zones ranked, and what the store holds."""
    request_analysis = analysis()
    window = request_analysis.window
    current = report(store(), window, request_analysis.scope)
    # The previous window only feeds the headline comparison: skip brokers, communities ….
    sections = tuple(dict.fromkeys(section for _, section, _ in HEADLINES))
    previous = report(store(), window.previous(), request_analysis.scope, sections=sections)
    headlines = [
        {
            "label": label,
            "key": section,
            "value": (value := _headline(current, section, field)),
            "before": (before := _headline(previous, section, field)),
            "delta": 0 if value is None or before is None else value - before,
            "pattern": "%.4f" if field == "density" else "%d",
            "link": section
            if section in ("isolated", "declining", "followers", "inactive")
            else None,
        }
        for label, section, field in HEADLINES
    ]
    territory = request_analysis.territory
    if territory is None:
        summary = overview(store(), today=data_date().date or today())
    else:
        summary = territory_overview(store(), request_analysis.district(), territory)
    monthly = current["density"]["monthly"]
    return render_template(
        "dashboard.html",
        summary=summary,
        bars=bar_chart(summary.activities_by_month),
        density_bars=bar_chart([(m["period"], m["density"]) for m in monthly], height=140),
        partial_months={m["period"] for m in monthly if m.get("partial")},
        whole_district=territory is None,
        headlines=headlines,
        streets=sorted(current["density"]["streets"], key=lambda s: -s["internal_density"]),
        paper_only=current["zones"]["paper_only"],
        window=window,
        query=request_analysis.query(),
        store_url=redacted(store().url),
        heat=street_heat_map(request_analysis),
    )


def street_heat_map(request_analysis: Analysis) -> dict | None:
    """Streets × quarters of the window: the mean assessment score, coloured by rating band."""
    district = request_analysis.district()
    streets = groups(district, ZoneKind.STREET.value)
    try:
        rules = current_rules()
    except RulesError:  # a rules file broken by hand: the dashboard still opens
        return None
    heat = heat_map(district, rules, {z: g["units"] for z, g in streets.items()})
    return {
        "periods": heat["periods"],
        "partial": set(heat["partial"]),
        "streets": [
            {"id": z, "name": streets[z]["name"], "cells": cells}
            for z, cells in heat["rows"].items()
        ],
    }
