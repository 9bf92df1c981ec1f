"""The planners' pages."""

from __future__ import annotations

from flask import Blueprint, render_template

from graphmodel.overview import overview
from graphmodel.store import redacted
from visualizations.charts import bar_chart

from ..extensions import store, today

bp = Blueprint("pages", __name__)


@bp.get("/")
def dashboard():
    """Counts by kind and street, activities per month, the last import."""
    summary = overview(store(), today=today())
    bars = bar_chart(summary.activities_by_month)
    return render_template(
        "dashboard.html", summary=summary, bars=bars, store_url=redacted(store().url)
    )
