"""The response schemas of the OpenAPI document (:mod:`.openapi` holds the paths).

A field's title is its column header (:mod:`graphmodel.columns`): the API, the
report's workbook and the lists' exports call a field the same.
"""

from __future__ import annotations

from graphmodel import columns as C
from graphmodel.report import KEYS, LIST_COLUMNS

ERROR = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "status", "message_zh", "message_en"],
            "properties": {
                "code": {"type": "string"},
                "status": {"type": "integer"},
                "message_zh": {"type": "string"},
                "message_en": {"type": "string"},
            },
        }
    },
}

#: A unit in the units list.
UNIT_ROW = C.row_schema(
    (
        C.UNIT_ID,
        C.UNIT_NAME,
        C.KIND,
        C.KIND_ZH,
        C.STREET,
        C.STREET_NAME,
        C.COMMUNITY_OF_UNIT,
        C.HEADCOUNT,
    ),
    required=("id", "name", "kind", "street"),
)
#: An isolated unit, as /api/v1/isolated lists it (the report's columns).
ISOLATED_ROW = C.row_schema((*C.UNIT, C.KIND, C.STREET, *LIST_COLUMNS["isolated"]))


def _unit_list(key: str) -> dict:
    """A list section of the report: its count and its units with the list's columns
    (a unit of another street comes without its id, so nothing is required)."""
    return {
        "type": "object",
        "properties": {
            "count": {"type": "integer"},
            "units": {
                "type": "array",
                "items": C.row_schema((*C.UNIT, *LIST_COLUMNS[key]), required=()),
            },
        },
    }


#: The collaboration report: every section required, the lists of units described.
REPORT = {
    "type": "object",
    "required": ["meta", *KEYS],
    "properties": {key: _unit_list(key) for key in LIST_COLUMNS},
}

NETWORK = {
    "type": "object",
    "required": ["nodes", "edges", "options", "legend", "aggregated", "captions", "meta"],
    "properties": {
        "nodes": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "name", "title", "x", "y", "size", "cat"],
                "properties": {
                    "id": {"type": "string"},
                    "name": {"type": "string"},
                    "title": {"type": "string"},
                    "x": {"type": "number"},
                    "y": {"type": "number"},
                    "size": {"type": "number"},
                    "cat": {"type": "string"},
                    "measure": {"type": "number"},
                    "outside": {"type": "boolean"},
                    "url": {"type": "string"},
                },
            },
        },
        "captions": {"type": "array", "items": {"type": "object"}},
        "meta": {"type": "object"},
        "edges": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["from", "to"],
                "properties": {"from": {"type": "string"}, "to": {"type": "string"}},
            },
        },
        "options": {"type": "object"},
        "legend": {"type": "array"},
        "aggregated": {"type": "boolean"},
    },
}

_TEXT = {"type": "string"}
#: A need or an offer (issue 14).
LISTING = {
    "type": "object",
    "required": ["id", "unit", "side", "what", "status"],
    "properties": {
        "id": _TEXT,
        "unit": _TEXT,
        "side": {"type": "string", "enum": ["need", "offer"]},
        "what": _TEXT,
        "detail": _TEXT,
        "posted": {"type": ["string", "null"]},
        "status": {"type": "string", "enum": ["open", "claimed", "done"]},
        "claimed_by": _TEXT,
        "claimed_at": {"type": ["string", "null"]},
        "partner": _TEXT,
    },
}
