"""The OpenAPI 3.1 document of /api/v1 (written by hand: the API is small)."""

from __future__ import annotations

from graphmodel import limits
from graphmodel.records import UnitKind
from graphmodel.suggest.scoring import PARTS
from visualizations.encoding import COLOURINGS, SIZE_MEASURES

from . import openapi_schemas as S

_WINDOW = [
    {
        "name": "end",
        "in": "query",
        "description": "Last day of the window (YYYY-MM-DD); default today.",
        "schema": {"type": "string", "format": "date"},
    },
    {
        "name": "months",
        "in": "query",
        "description": "Length of the window in months.",
        "schema": {
            "type": "integer",
            "minimum": limits.MIN_MONTHS,
            "maximum": limits.MAX_MONTHS,
            "default": limits.DEFAULT_MONTHS,
        },
    },
    {
        "name": "street",
        "in": "query",
        "description": "Street zone ids (repeatable).",
        "style": "form",
        "explode": True,
        "schema": {"type": "array", "items": {"type": "string"}},
    },
    {
        "name": "zone",
        "in": "query",
        "description": "Collaboration zone or alliance ids (repeatable).",
        "style": "form",
        "explode": True,
        "schema": {"type": "array", "items": {"type": "string"}},
    },
    {
        "name": "kind",
        "in": "query",
        "description": "Unit kinds (repeatable).",
        "style": "form",
        "explode": True,
        "schema": {
            "type": "array",
            "items": {"type": "string", "enum": [k.value for k in UnitKind]},
        },
    },
]


def _ok(schema: dict, description: str) -> dict:
    errors = {
        code: {
            "description": text,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
        }
        for code, text in (
            ("400", "bad parameters"),
            ("401", "not signed in"),
            ("403", "not allowed"),
            ("404", "not found"),
            ("503", "store unavailable"),
        )
    }
    return {
        "200": {"description": description, "content": {"application/json": {"schema": schema}}},
        **errors,
    }


def _get(summary: str, schema: dict, parameters: list | None = None) -> dict:
    return {
        "get": {
            "summary": summary,
            "parameters": parameters or [],
            "responses": _ok(schema, summary),
        }
    }


def openapi_document() -> dict:
    """The document; response schemas name the keys clients may rely on."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "cobuild API",
            "version": "1",
            "description": "区域化党建协作网络分析 / regional party-building collaboration analysis. "
            "Every figure is computed on the whole district; a street planner sees their"
            " streets' units, and other streets' units only by name, kind and street.",
        },
        "paths": {
            "/api/v1/stats": _get(
                "Records per table (for a street planner: about their streets)",
                {"type": "object", "additionalProperties": {"type": "integer"}},
            ),
            "/api/v1/units": _get(
                "Units in scope",
                {
                    "type": "object",
                    "required": ["units", "count"],
                    "properties": {
                        "units": {"type": "array", "items": S.UNIT_ROW},
                        "count": {"type": "integer"},
                    },
                },
                [*_WINDOW, {"name": "q", "in": "query", "schema": {"type": "string"}}],
            ),
            "/api/v1/units/{unit_id}": _get(
                "One unit: record, party organisations, partners, timeline",
                {
                    "type": "object",
                    "required": ["unit", "party_orgs", "partners", "timeline", "window"],
                },
                [
                    {
                        "name": "unit_id",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string"},
                    },
                    *_WINDOW,
                ],
            ),
            "/api/v1/metrics": _get("The collaboration report", S.REPORT, _WINDOW),
            "/api/v1/isolated": _get(
                "Isolated units",
                {
                    "type": "object",
                    "required": ["window", "count", "units"],
                    "properties": {
                        "count": {"type": "integer"},
                        "units": {"type": "array", "items": S.ISOLATED_ROW},
                    },
                },
                _WINDOW,
            ),
            "/api/v1/network": _get(
                "Network view data (vis-network nodes and edges with positions)",
                S.NETWORK,
                [
                    *_WINDOW,
                    {
                        "name": "min_weight",
                        "in": "query",
                        "schema": {"type": "number", "minimum": 0},
                    },
                    {
                        "name": "size",
                        "in": "query",
                        "schema": {"type": "string", "enum": list(SIZE_MEASURES)},
                    },
                    {
                        "name": "colour",
                        "in": "query",
                        "schema": {"type": "string", "enum": list(COLOURINGS)},
                    },
                    {
                        "name": "focus",
                        "in": "query",
                        "description": "A unit id: the unit and its partners (404 if unknown).",
                        "schema": {"type": "string"},
                    },
                    {
                        "name": "hops",
                        "in": "query",
                        "schema": {"type": "string", "enum": ["1", "2"]},
                    },
                    {
                        "name": "path",
                        "in": "query",
                        "description": "Two unit ids, A,B: the chains of ties between them.",
                        "schema": {"type": "string"},
                    },
                    {
                        "name": "suggest",
                        "in": "query",
                        "description": "A unit id: draw its suggested partners as dashed ties.",
                        "schema": {"type": "string"},
                    },
                ],
            ),
            **_suggestion_paths(),
            **_listing_paths(),
        },
        "components": {"schemas": {"Error": S.ERROR}},
    }


def _listing_paths() -> dict:
    """Needs and offers: mark one open or done, claim a need (issue 14)."""
    listing_id = {
        "name": "listing_id",
        "in": "path",
        "required": True,
        "schema": {"type": "string"},
    }
    text = {"type": "string"}

    def post(summary: str, body: dict, answer: dict, status: str) -> dict:
        answers = _ok(answer, summary)
        answers[status] = answers.pop("200")
        return {
            "post": {
                "summary": summary + " (needs the X-CSRF-Token header)",
                "parameters": [listing_id],
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": body}},
                },
                "responses": answers,
            }
        }

    return {
        "/api/v1/listings/{listing_id}/status": post(
            "Mark a need or an offer open or done",
            {
                "type": "object",
                "required": ["status"],
                "properties": {"status": {"type": "string", "enum": ["open", "done"]}},
            },
            {"type": "object", "required": ["listing"], "properties": {"listing": S.LISTING}},
            "200",
        ),
        "/api/v1/listings/{listing_id}/claim": post(
            "Claim an open need for a unit that offers it; the pair becomes an accepted suggestion",
            {
                "type": "object",
                "required": ["partner"],
                "properties": {"partner": text, "due": {"type": "string", "format": "date"}},
            },
            {
                "type": "object",
                "required": ["listing", "decision"],
                "properties": {"listing": S.LISTING, "decision": {"type": "object"}},
            },
            "201",
        ),
    }


def _suggestion_paths() -> dict:
    """Suggested partners for a unit, and a planner's decision on one (issue 5)."""
    unit_id = {"name": "unit_id", "in": "path", "required": True, "schema": {"type": "string"}}
    text = {"type": "string"}
    suggestion = {
        "type": "object",
        "required": ["partner", "score", "parts", "reasons"],
        "properties": {
            "partner": text,
            "partner_name": text,
            "score": {"type": "number"},
            "parts": {
                "type": "object",
                "description": "Each part's contribution; they sum to the score.",
                "properties": {name: {"type": "number"} for name in PARTS},
            },
            "reasons": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["part", "zh", "en"],
                    "properties": {"part": text, "zh": text, "en": text},
                },
            },
            "evidence": {"type": "object"},
            "decision": {"type": ["string", "null"], "enum": ["accept", "dismiss", None]},
            "shares": {"type": "array", "items": {"type": "object"}},
            "shares_zh": text,
            "shares_en": text,
            "partner_isolated": {"type": "boolean"},
            "group_with": {"type": ["object", "null"]},
        },
    }
    decision = {
        "type": "object",
        "required": ["partner", "decision"],
        "properties": {
            "partner": text,
            "decision": {
                "type": "string",
                "enum": ["accept", "dismiss", "undo", "采纳", "不采纳", "撤销"],
                "description": "undo withdraws the pair's standing decision (its author or an admin)",
            },
            "note": {"type": "string", "maxLength": limits.NOTE_MAX},
            "owner": {
                "type": "string",
                "maxLength": limits.OWNER_MAX,
                "description": "Who follows it up",
            },
            "due": {"type": "string", "format": "date", "description": "Follow-up due date"},
        },
    }
    recorded = {
        "type": "object",
        "required": ["decision"],
        "properties": {
            "decision": {
                "type": "object",
                "required": ["unit", "partner", "decision", "note", "by", "at"],
                "properties": {
                    "unit": text,
                    "partner": text,
                    "decision": text,
                    "note": text,
                    "owner": text,
                    "due": {"type": ["string", "null"], "format": "date"},
                    "by": text,
                    "at": {"type": "string", "format": "date-time"},
                },
            }
        },
    }
    answers = _ok(recorded, "The decision as recorded")
    answers["201"] = answers.pop("200")
    return {
        "/api/v1/suggestions/{unit_id}": _get(
            "Suggested partners for a unit, with score parts and reasons",
            {
                "type": "object",
                "required": ["unit", "suggestions"],
                "properties": {
                    "unit": text,
                    "unit_name": text,
                    "suggestions": {"type": "array", "items": suggestion},
                },
            },
            [
                unit_id,
                *_WINDOW,
                {
                    "name": "k",
                    "in": "query",
                    "schema": {
                        "type": "integer",
                        "minimum": 1,
                        "maximum": limits.MAX_K,
                        "default": limits.DEFAULT_K,
                    },
                },
                {"name": "include_dismissed", "in": "query", "schema": {"type": "boolean"}},
            ],
        ),
        "/api/v1/suggestions/{unit_id}/decisions": {
            "post": {
                "summary": "Accept or dismiss a suggested partner (needs the X-CSRF-Token header)",
                "parameters": [unit_id],
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": decision}},
                },
                "responses": answers,
            }
        },
    }
