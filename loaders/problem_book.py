"""The problems of a load as a workbook: one row per problem, by file, sheet and row."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from .problems import Problem

HEADERS = (
    "文件 file",
    "工作表 sheet",
    "行 row",
    "列 column",
    "级别 severity",
    "问题",
    "problem",
)
_SEVERITY = {"error": "错误 error", "warning": "警告 warning", "note": "说明 note"}


def write_problems(path: Path | BinaryIO, problems: Sequence[Problem]) -> None:
    """Write ``problems`` sorted by file, sheet, row; text stays text (no formulas)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "问题 problems"
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for p in sorted(problems, key=lambda p: p.order):
        sheet.append(
            [
                p.file,
                p.sheet or "",
                p.row,
                p.column or "",
                _SEVERITY[p.severity],
                p.message_zh,
                p.message_en,
            ]
        )
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if cell.data_type == "f":
                cell.data_type = "s"  # a cell that starts with "=" is text, never a formula
    for letter, width in zip("ABCDEFG", (30, 18, 8, 18, 12, 50, 60), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    book.save(path)
