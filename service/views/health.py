"""Health checks for load balancers and docker-compose: is the store reachable?"""

from __future__ import annotations

from flask import Blueprint

from ..extensions import store

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    """200 when the store answers; 503 (through the error handler) when it does not."""
    store().ping()
    return {"status": "ok"}
