"""Limits are declared once (graphmodel.limits) and the OpenAPI document and forms read them."""

from __future__ import annotations

from graphmodel import limits
from service.views.openapi import openapi_document


def _parameter(document: dict, path: str, name: str) -> dict:
    [found] = [p for p in document["paths"][path]["get"]["parameters"] if p["name"] == name]
    return found["schema"]


def test_openapi_window_bounds_are_the_declared_ones():
    """Every ``months`` parameter of the API says 1–120 (default 12) as declared."""
    document = openapi_document()
    schemas = [
        p["schema"]
        for item in document["paths"].values()
        for operation in item.values()
        for p in operation.get("parameters", [])
        if p["name"] == "months"
    ]
    assert schemas
    for schema in schemas:
        assert (schema["minimum"], schema["maximum"], schema["default"]) == (
            limits.MIN_MONTHS,
            limits.MAX_MONTHS,
            limits.DEFAULT_MONTHS,
        )


def test_openapi_k_bound_is_the_declared_one():
    """The suggestions' ``k`` is bounded by MAX_K with the declared default."""
    schema = _parameter(openapi_document(), "/api/v1/suggestions/{unit_id}", "k")
    assert (schema["maximum"], schema["default"]) == (limits.MAX_K, limits.DEFAULT_K)


def test_openapi_decision_text_bounds_are_the_declared_ones():
    """A decision's note and owner are as long as declared."""
    path = "/api/v1/suggestions/{unit_id}/decisions"
    body = openapi_document()["paths"][path]["post"]["requestBody"]["content"]
    properties = body["application/json"]["schema"]["properties"]
    assert properties["note"]["maxLength"] == limits.NOTE_MAX
    assert properties["owner"]["maxLength"] == limits.OWNER_MAX


def test_the_window_form_offers_the_declared_months(client):
    """The window form's months field is bounded as declared."""
    page = client.get("/lists/isolated").get_data(as_text=True)
    assert f'min="{limits.MIN_MONTHS}" max="{limits.MAX_MONTHS}"' in page


def test_a_window_one_month_too_long_is_refused(client):
    """A request for MAX_MONTHS + 1 months is refused with 400."""
    answer = client.get(f"/api/v1/isolated?months={limits.MAX_MONTHS + 1}")
    assert answer.status_code == 400
    assert answer.json["error"]["code"] == "bad_window"
