"""Health checks for load balancers and docker-compose: is the store reachable?"""

from __future__ import annotations

from flask import Blueprint, redirect, url_for

from ..access import requires
from ..extensions import store

bp = Blueprint("health", __name__)


@bp.get("/healthz")
@requires("public")
def healthz():
    """200 when the store answers; 503 (through the error handler) when it does not."""
    store().ping()
    return {"status": "ok"}


@bp.get("/favicon.ico")
@requires("public")
def favicon():
    """Browsers ask for /favicon.ico whatever the page links."""
    return redirect(url_for("static", filename="favicon.svg"), code=301)
