"""Lists planners work from: isolated, inactive, declining units and followers,
filterable by street, sortable, exported to XLSX and CSV with Chinese headers."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from flask import Blueprint, Response, abort, render_template, send_file

from graphmodel.metrics import EXPLANATIONS
from graphmodel.records import UnitKind
from graphmodel.report import report

from ..access import requires
from ..exports import Sheet, safe_cell, write_xlsx
from ..extensions import store
from ..params import Analysis, analysis

bp = Blueprint("lists", __name__)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class UnitList:
    """One list: its report section, title and the columns beyond the unit itself."""

    key: str
    zh: str
    en: str
    columns: tuple[tuple[str, str, str], ...]  # (field, Chinese header, English header)


UNIT_COLUMNS = (
    ("id", "单位编号", "Unit id"),
    ("name", "单位名称", "Unit"),
    ("kind_zh", "类型", "Kind"),
    ("street_name", "街道", "Street"),
)
LISTS = {
    lst.key: lst
    for lst in (
        UnitList(
            "isolated",
            "孤立单位",
            "Isolated units",
            (("activities", "窗口内活动数", "Activities"),),
        ),
        UnitList(
            "inactive",
            "不活跃单位",
            "Inactive units",
            (
                ("last_activity", "最后活动日期", "Last activity"),
                ("days_since", "距今天数", "Days since"),
            ),
        ),
        UnitList(
            "declining",
            "活跃度下降单位",
            "Declining units",
            (
                ("previous", "上一窗口活动数", "Previous window"),
                ("current", "本窗口活动数", "This window"),
                ("change", "变化", "Change"),
            ),
        ),
        UnitList(
            "followers", "跟随型单位", "Followers", (("activities", "参与活动数", "Activities"),)
        ),
    )
}


def list_rows(request_analysis: Analysis, key: str) -> list[dict]:
    """The rows of one list, each unit with its kind and street names."""
    data = report(store(), request_analysis.window, request_analysis.scope)
    district = request_analysis.district()
    kinds = {k.value: k.zh for k in UnitKind}
    rows = []
    for row in data[key]["units"]:
        unit = district.unit.get(row["id"])
        street = district.zone.get(unit.street) if unit and unit.street else None
        rows.append(
            {
                **row,
                "kind_zh": kinds.get(unit.kind, "") if unit else "",
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
    return render_template(
        "list.html",
        unit_list=unit_list,
        lists=LISTS,
        columns=UNIT_COLUMNS + unit_list.columns,
        rows=list_rows(request_analysis, key),
        explanation=EXPLANATIONS.get(key, {}),
        streets=streets,
        window=request_analysis.window,
        query=request_analysis.query(),
    )


def _table(key: str) -> tuple[UnitList, list[str], list[list]]:
    unit_list = _list_or_404(key)
    columns = UNIT_COLUMNS + unit_list.columns
    rows = list_rows(analysis(), key)
    headers = [f"{zh} {en}" for _, zh, en in columns]
    return unit_list, headers, [[row.get(field) for field, _, _ in columns] for row in rows]


@bp.get("/lists/<key>.xlsx")
@requires("export")
def export_xlsx(key: str):
    """The list as a workbook (Chinese headers, frozen header row)."""
    unit_list, headers, values = _table(key)
    out = io.BytesIO()
    write_xlsx(out, [Sheet(unit_list.zh, headers, values)])
    out.seek(0)
    return send_file(out, mimetype=XLSX, as_attachment=True, download_name=f"{key}.xlsx")


@bp.get("/lists/<key>.csv")
@requires("export")
def export_csv(key: str):
    """The list as CSV in UTF-8 with a BOM, so that Excel opens it in Chinese."""
    _, headers, values = _table(key)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    writer.writerows([[safe_cell(v) for v in row] for row in values])
    return Response(
        "\ufeff" + out.getvalue(),
        mimetype="text/csv; charset=utf-8",
        headers={"Content-Disposition": f"attachment; filename={key}.csv"},
    )
