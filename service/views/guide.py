"""指标说明: every figure, column and status of the pages, in one place."""

from __future__ import annotations

from flask import Blueprint, render_template

from ..access import requires
from ..glossary import grouped

bp = Blueprint("help", __name__)


@bp.get("/help/metrics")
@requires("read")
def metrics():
    """The catalogue of figures by group: what each counts, over which period, which way is good."""
    return render_template("help.html", groups=grouped())
