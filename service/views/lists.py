"""Lists planners work from: isolated, inactive, declining units, followers and the units
needing attention, filterable by street, sortable, exported to XLSX and CSV with Chinese
headers, a title row and file names that say what, scope and window."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass

from flask import Blueprint, abort, render_template

from graphmodel import columns as C
from graphmodel.attention import FLAG_NAMES, attention_units
from graphmodel.columns import Column
from graphmodel.metrics import EXPLANATIONS
from graphmodel.records import UnitKind
from graphmodel.report import LIST_COLUMNS, report
from graphmodel.suggest.answers import visible_units

from ..access import requires
from ..downloads import caption, caption_tail, download, workbook
from ..exports import Sheet, safe_cell
from ..extensions import store
from ..params import Analysis, analysis
from ..rules import RATING_ZH, current_rules

bp = Blueprint("lists", __name__)


@dataclass(frozen=True)
class UnitList:
    """One list: its key, title and the columns beyond the unit itself."""

    key: str
    zh: str
    en: str
    columns: tuple[Column, ...]


UNIT_COLUMNS = (C.UNIT_ID, C.UNIT_NAME, C.KIND_ZH, C.STREET_NAME)
#: Columns explained in the glossary: field → glossary key.
COLUMN_TERMS = {
    "activities": "window_activities",
    "last_activity": "last_activity",
    "days_since": "days_since",
    "previous": "previous_activities",
    "current": "current_activities",
    "change": "change",
    "score": "score",
    "rating": "rating",
    "flags_zh": "attention",
}
LISTS = {
    lst.key: lst
    for lst in (
        UnitList("isolated", "孤立单位", "Isolated units", LIST_COLUMNS["isolated"]),
        UnitList("inactive", "不活跃单位", "Inactive units", LIST_COLUMNS["inactive"]),
        UnitList("declining", "活跃度下降单位", "Declining units", LIST_COLUMNS["declining"]),
        UnitList("followers", "跟随型单位", "Followers", LIST_COLUMNS["followers"]),
        UnitList(
            "attention",
            "需关注单位",
            "Units needing attention",
            (
                C.FLAGS,
                C.LAST_ACTIVITY,
                C.SCORE_COLUMN,
                C.RATING,
                C.PARTNER_NAME,
                C.REASON,
            ),
        ),
    )
}
KIND_ZH = {k.value: k.zh for k in UnitKind}


#: The attention page suggests partners for this many rows (the export for all of them).
PAGE_PARTNERED = 200


def _attention_rows(request_analysis: Analysis, partnered: int | None = None) -> list[dict]:
    district = request_analysis.district()
    decisions = store().decisions()
    latest = decisions[-1].at if decisions else None
    rows = district.memo(
        ("attention", current_rules(), len(decisions), latest, partnered),
        lambda: attention_units(
            district,
            current_rules(),
            decisions=decisions,
            among=visible_units(district),
            partnered=partnered,
        ),
    )
    return [
        {
            **row,
            "kind_zh": KIND_ZH.get(row["kind"], ""),
            "flags_zh": "、".join(FLAG_NAMES[f][0] for f in row["flags"]),
            "flags_en": ", ".join(FLAG_NAMES[f][1] for f in row["flags"]),
            "rating_code": row["rating"],
            "rating": RATING_ZH.get(row["rating"] or "", ""),
        }
        for row in rows
    ]


def list_rows(request_analysis: Analysis, key: str, *, page: bool = False) -> list[dict]:
    """The rows of one list, each unit with its kind and street names (on a ``page``
    the attention list suggests partners for its first rows only)."""
    if key == "attention":
        return _attention_rows(request_analysis, PAGE_PARTNERED if page else None)
    data = report(store(), request_analysis.window, request_analysis.scope)
    district = request_analysis.district()
    rows = []
    for row in data[key]["units"]:
        unit = district.unit.get(row["id"])
        street = district.zone.get(unit.street) if unit and unit.street else None
        last = row.get("last_activity")
        rows.append(
            {
                **row,
                "last_activity": dt.date.fromisoformat(last) if isinstance(last, str) else last,
                "kind": unit.kind if unit else None,
                "kind_zh": KIND_ZH.get(unit.kind, "") if unit else "",
                "street_name": street.name if street else "",
            }
        )
    return rows


def _list_or_404(key: str) -> UnitList:
    if key not in LISTS:
        abort(404)
    return LISTS[key]


@bp.get("/lists/<key>")
@requires("read")
def page(key: str):
    """One list as a sortable table, with the street filter and export links."""
    unit_list = _list_or_404(key)
    request_analysis = analysis()
    streets = request_analysis.streets()
    explanation = EXPLANATIONS.get(key)
    return render_template(
        "list.html",
        unit_list=unit_list,
        lists=LISTS,
        columns=[(c.key, c.zh, c.en) for c in UNIT_COLUMNS + unit_list.columns],
        column_terms=COLUMN_TERMS,
        rows=list_rows(request_analysis, key, page=True),
        partnered=PAGE_PARTNERED if key == "attention" else None,
        explanation=explanation,
        streets=streets,
        window=request_analysis.window,
        query=request_analysis.query(),
    )


def _sheet(unit_list: UnitList, rows: list[dict], title: str, caption_text: str) -> Sheet:
    columns = UNIT_COLUMNS + unit_list.columns
    return Sheet(
        title,
        [c.header for c in columns],
        [[row.get(c.key) for c in columns] for row in rows],
        caption=caption_text,
        formats=[c.format for c in columns],
    )


def _sheets(key: str) -> tuple[UnitList, list[Sheet], Analysis]:
    """The list as sheets: one, or for the attention list one per street (what streets send on)."""
    unit_list = _list_or_404(key)
    request_analysis = analysis()
    rows = list_rows(request_analysis, key)
    text = caption(unit_list.zh, request_analysis)
    if key != "attention":
        return unit_list, [_sheet(unit_list, rows, unit_list.zh, text)], request_analysis
    tail = caption_tail(request_analysis)
    by_street: dict[str, list[dict]] = {}
    for row in rows:
        by_street.setdefault(row["street_name"] or "未分街道", []).append(row)
    sheets = [
        _sheet(unit_list, mine, street, f"{unit_list.zh} · {street} · {tail}")
        for street, mine in sorted(by_street.items())
    ]
    return unit_list, sheets or [_sheet(unit_list, [], unit_list.zh, text)], request_analysis


@bp.get("/lists/<key>.xlsx")
@requires("export")
def export_xlsx(key: str):
    """The list as a workbook: a title row, Chinese headers (frozen), numbers formatted."""
    unit_list, sheets, request_analysis = _sheets(key)
    return workbook(sheets, (unit_list.zh, unit_list.key), request_analysis)


@bp.get("/lists/<key>.csv")
@requires("export")
def export_csv(key: str):
    """The list as CSV in UTF-8 with a BOM, so that Excel opens it in Chinese: the title
    row, then the header; all streets in one table."""
    unit_list = _list_or_404(key)
    request_analysis = analysis()
    sheet = _sheet(
        unit_list,
        list_rows(request_analysis, key),
        unit_list.zh,
        caption(unit_list.zh, request_analysis),
    )
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([safe_cell(sheet.caption)])
    writer.writerow(sheet.headers)
    writer.writerows([[safe_cell(v) for v in row] for row in sheet.rows])
    what = (unit_list.zh, unit_list.key)
    return download(
        "\ufeff" + out.getvalue(), "text/csv; charset=utf-8", what, request_analysis, "csv"
    )
