"""Writing bundles in the import format: a folder of CSV files, or one workbook.

The planners' template is the same workbook with no records, a sheet that
explains every column, and drop-down lists for the enumerations.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from graphmodel.store import Bundle

from .ledger_schema import LEDGERS
from .readers import EXPLANATION_SHEETS
from .schema import Column, Table
from .table_formats import TABLE_FORMATS

TEMPLATE_ROWS = 2000  # rows that get drop-down validation in the template

KIND_LABELS = {
    "text": ("文本", "text"),
    "int": ("整数", "whole number"),
    "float": ("数字", "number"),
    "date": ("日期", "date"),
    "bool": ("是/否", "yes/no"),
    "list": ("列表（分号分隔）", "list (separated by ;)"),
    "names": ("名称列表（、，/ 或换行分隔）", "names (separated by 、，/ or line breaks)"),
    "enum": ("选项", "choice"),
}


def cell_text(value: object) -> str:
    """A record's value as the import format writes it.

    >>> cell_text(("场地", "师资")), cell_text(True), cell_text(None)
    ('场地;师资', '是', '')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, tuple):
        return ";".join(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def table_rows(bundle: Bundle, table: Table) -> Iterable[list[str]]:
    for record in bundle.table(table.name):
        yield [cell_text(getattr(record, c.name)) for c in table.columns]


def write_csv_folder(bundle: Bundle, folder: Path) -> list[Path]:
    """One UTF-8 CSV per non-empty table (with a BOM, so that Excel opens it)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for table in TABLE_FORMATS:
        if not bundle.table(table.name):
            continue
        path = folder / f"{table.name}.csv"
        with path.open("w", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out)
            writer.writerow([c.header for c in table.columns])
            writer.writerows(table_rows(bundle, table))
        written.append(path)
    return written


def write_workbook(path: Path | BinaryIO, bundle: Bundle | None = None) -> Path | BinaryIO:
    """A workbook in the import format; with no bundle, the empty template, which
    also holds the three ledgers planners keep (活动台账, 单位名册, 双报到台账).

    ``path`` may be a file name or a binary file object.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.remove(workbook.active)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="FDE9D9")
    lists = _options_sheet(workbook)
    for table in TABLE_FORMATS if bundle is not None else (*LEDGERS, *TABLE_FORMATS):
        sheet = workbook.create_sheet(table.sheet)
        sheet.append([c.header for c in table.columns])
        for index, column in enumerate(table.columns, start=1):
            cell = sheet.cell(row=1, column=index)
            cell.font = bold
            if column.required:
                cell.fill = fill
            sheet.column_dimensions[get_column_letter(index)].width = max(
                12, len(column.header) * 2
            )
        sheet.freeze_panes = "A2"
        if bundle is not None:
            for values in table_rows(bundle, table):
                sheet.append(values)
            for row in sheet.iter_rows(min_row=2):
                for cell in row:
                    if cell.data_type == "f":
                        cell.data_type = "s"  # text stays text, even "=…"
        _add_dropdowns(sheet, table, lists, max(sheet.max_row, TEMPLATE_ROWS))
    _help_sheet(workbook)
    if isinstance(path, Path):
        path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path


def _options_sheet(workbook) -> dict[str, str]:
    """A sheet of allowed values; returns column name → range for validation."""
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(EXPLANATION_SHEETS[1])
    ranges: dict[str, str] = {}
    enums = {c.enum.__name__: c.enum for t in TABLE_FORMATS for c in t.columns if c.enum}
    enums["Bool"] = None
    for index, (name, enum) in enumerate(sorted(enums.items()), start=1):
        letter = get_column_letter(index)
        values = ["是", "否"] if enum is None else [m.zh for m in enum] + [m.value for m in enum]
        sheet.cell(row=1, column=index, value=name)
        for row, value in enumerate(values, start=2):
            sheet.cell(row=row, column=index, value=value)
        ranges[name] = f"'{sheet.title}'!${letter}$2:${letter}${len(values) + 1}"
    return ranges


def _add_dropdowns(sheet, table: Table, lists: dict[str, str], last_row: int) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    for index, column in enumerate(table.columns, start=1):
        name = column.enum.__name__ if column.enum else "Bool" if column.kind == "bool" else None
        if name is None:
            continue
        rule = DataValidation(type="list", formula1=lists[name], allow_blank=not column.required)
        rule.error = "请从下拉列表中选择 / choose a value from the list"
        rule.showErrorMessage = True
        letter = get_column_letter(index)
        rule.add(f"{letter}2:{letter}{last_row}")
        sheet.add_data_validation(rule)


def _help_sheet(workbook) -> None:
    from openpyxl.styles import Alignment, Font

    sheet = workbook.create_sheet(EXPLANATION_SHEETS[0], 0)
    sheet.append(
        [
            "表 table",
            "列 column",
            "表头 header",
            "必填 required",
            "类型 type",
            "可选值 allowed",
            "引用 refers to",
            "说明",
            "explanation",
        ]
    )
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for table in (*LEDGERS, *TABLE_FORMATS):
        sheet.append([table.sheet, "", "", "", "", "", "", table.help_zh, table.help_en])
        sheet[sheet.max_row][0].font = Font(bold=True)
        for column in table.columns:
            sheet.append(_help_row(table, column))
    for letter, width in zip("ABCDEFGHI", (18, 14, 20, 10, 16, 40, 14, 40, 50), strict=True):
        sheet.column_dimensions[letter].width = width
        for cell in sheet[letter]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"


def _help_row(table: Table, column: Column) -> list[str]:
    kind_zh, kind_en = KIND_LABELS[column.kind]
    return [
        table.sheet,
        column.name,
        column.header,
        "是 yes" if column.required else "",
        f"{kind_zh} {kind_en}",
        column.enum.choices()
        if column.enum
        else "是 / 否 (yes / no)"
        if column.kind == "bool"
        else "",
        column.ref or "",
        column.help_zh,
        column.help_en,
    ]
