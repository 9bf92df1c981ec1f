"""The JSON API under /api/v1: units, metrics, isolated units, the network.

Every response is JSON; errors have the one shape of :func:`service.errors.error_body`.
The OpenAPI document is served at /api/v1/openapi.json.
"""

from __future__ import annotations

from flask import Blueprint, request

from graphmodel.errors import NotFound
from graphmodel.overview import territory_counts
from graphmodel.profile import unit_profile, unit_rows
from graphmodel.report import report

from ..access import can, requires, territory_streets
from ..extensions import store
from ..network_view import build_view
from ..params import analysis
from ..privacy import protect_row
from .openapi import openapi_document

bp = Blueprint("api", __name__, url_prefix="/api/v1")


@bp.get("/openapi.json")
@requires("public")
def openapi():
    """The OpenAPI 3.1 document of this API."""
    return openapi_document()


@bp.get("/stats")
@requires("read")
def stats():
    """How many records each table holds (for a street planner: about their streets)."""
    if territory_streets() is None:
        return store().counts()
    request_analysis = analysis()
    return territory_counts(request_analysis.district(), request_analysis.territory)


@bp.get("/units")
@requires("read")
def units():
    """Units in scope, optionally filtered by a name search ``q``."""
    request_analysis = analysis()
    district = request_analysis.district()
    rows = unit_rows(district, query=request.args.get("q", ""))
    return {"units": rows, "count": len(rows)}


@bp.get("/units/<unit_id>")
@requires("read")
def unit(unit_id: str):
    """One unit: its record, party organisations, partners and metrics."""
    request_analysis = analysis()
    district = request_analysis.district()
    if unit_id not in set(district.scope_units):
        raise NotFound("范围内没有单位 {unit_id!r}", unit_id=unit_id)
    profile = request_analysis.shown(unit_profile(district, unit_id))
    if not can("personal_data"):
        for org in profile["party_orgs"]:
            org["members"] = [protect_row(m) for m in org["members"]]
    return profile


@bp.get("/metrics")
@requires("read")
def metrics():
    """The whole collaboration report for the window and scope."""
    request_analysis = analysis()
    return request_analysis.shown(report(store(), request_analysis.window, request_analysis.scope))


@bp.get("/isolated")
@requires("read")
def isolated():
    """Units with no joint activity in the window."""
    request_analysis = analysis()
    data = report(store(), request_analysis.window, request_analysis.scope)
    return request_analysis.shown({"window": data["meta"]["window"], **data["isolated"]})


@bp.get("/network")
@requires("read")
def network():
    """Nodes and edges of the network view (positions included, physics off)."""
    view = build_view(analysis())
    return view.as_dict()
