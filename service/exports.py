"""Spreadsheet exports: tables written to XLSX the same way everywhere.

Every sheet may open with a title row (what, scope, window, data date, who
exported it and when), then gets a bold header row that stays in view (frozen),
number formats per column (shares as percentages, scores with one decimal,
dates as dates: numbers stay numbers, never strings), column widths
fitted to the content (a Chinese character counts double), and text that
cannot turn into a formula: a cell starting with ``=``, ``+``, ``-`` or ``@``
is written with a leading apostrophe, so that a name like ``=HYPERLINK(…)``
in uploaded data is shown as text and never run by Excel (CSV/formula
injection). Numbers, dates and booleans are written as they are.

>>> safe_cell("=1+1"), safe_cell(-3), safe_cell("区统计局")
("'=1+1", -3, '区统计局')
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook as OpenpyxlWorkbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from graphmodel.columns import DATE, PERCENT, SCORE, WHOLE

from .workbook import Workbook

__all__ = [
    "DATE",
    "PERCENT",
    "SCORE",
    "WHOLE",
    "XLSX_MIMETYPE",
    "Sheet",
    "column_widths",
    "display_width",
    "safe_cell",
    "sheet_titles",
    "write_xlsx",
    "write_xlsx_openpyxl",
]

#: A text cell starting with one of these would be read as a formula.
FORMULA_STARTS = ("=", "+", "-", "@")
MIN_WIDTH, MAX_WIDTH = 6, 60
_BAD_TITLE = re.compile(r"[\[\]:*?/\\]")
#: The media type of an XLSX workbook, for every download of one.
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Sheet:
    """One worksheet: a title, the header labels and the rows (lists of values);
    optionally a caption (the title row above the header) and a number format per
    column (``None``: as it is)."""

    title: str
    headers: Sequence[str]
    #: A list, or any iterable: rows are then written as they come (a city's ledger).
    rows: Iterable[Sequence[Any]]
    caption: str | None = None
    formats: Sequence[str | None] = ()


def safe_cell(value: Any) -> Any:
    """``value`` ready for a cell: formula-like text escaped with ``'``, control
    characters removed, other values unchanged."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if value.startswith(FORMULA_STARTS):
            return "'" + value
    return value


def _cell(ws, value: Any, number_format: str | None) -> Any:
    """A value for a write-only row: formatted when it is a number or date and a format applies."""
    value = safe_cell(value)
    if number_format is None or value is None or isinstance(value, (str, bool)):
        return value
    cell = WriteOnlyCell(ws, value=value)
    cell.number_format = number_format
    return cell


def display_width(value: Any) -> int:
    """How many columns ``value`` needs: wide (CJK) characters count two.

    >>> display_width("ab"), display_width("区统计局")
    (2, 8)
    """
    if value is None:
        return 0
    if isinstance(value, float):
        text = f"{value:.4g}"
    elif isinstance(value, (dt.date, dt.datetime)):
        text = value.isoformat()
    else:
        text = str(value)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def column_widths(sheet: Sheet, sample: int = 2000) -> list[float]:
    """Widths fitted to the header and the first ``sample`` rows, within limits."""
    widths = [display_width(h) for h in sheet.headers]
    for row in itertools.islice(sheet.rows, sample):
        for i, value in enumerate(row[: len(widths)]):
            widths[i] = max(widths[i], display_width(value))
    return [float(min(max(w + 2, MIN_WIDTH), MAX_WIDTH)) for w in widths]


def sheet_titles(titles: Iterable[str]) -> list[str]:
    """Titles Excel accepts: no ``[]:*?/\\``, at most 31 characters, unique.

    >>> sheet_titles(["a/b", "a/b", ""])
    ['a_b', 'a_b (2)', 'Sheet']
    """
    seen: set[str] = set()
    result = []
    for title in titles:
        base = _BAD_TITLE.sub("_", title).strip("'") or "Sheet"
        base = base[:31]
        candidate, n = base, 1
        while candidate.lower() in seen:
            n += 1
            suffix = f" ({n})"
            candidate = base[: 31 - len(suffix)] + suffix
        seen.add(candidate.lower())
        result.append(candidate)
    return result


def _prepared(sheets: Iterable[Sheet]) -> list[tuple[Sheet, str, list[float]]]:
    """Each sheet with its Excel title and column widths (a stream's from its first rows)."""
    sheets = list(sheets)
    prepared = []
    for sheet, title in zip(sheets, sheet_titles(s.title for s in sheets), strict=True):
        if not isinstance(sheet.rows, Sequence):  # a stream: widths from its first rows
            rows = iter(sheet.rows)
            head = list(itertools.islice(rows, 2000))
            widths = column_widths(dataclasses.replace(sheet, rows=head))
            sheet = dataclasses.replace(sheet, rows=itertools.chain(head, rows))
        else:
            widths = column_widths(sheet)
        prepared.append((sheet, title, widths))
    return prepared


def write_xlsx(target: str | Path | IO[bytes], sheets: Iterable[Sheet]) -> None:
    """Write ``sheets`` as one workbook to a path or a binary file object, row by row
    (:mod:`service.workbook`: a city's ledger in seconds, where openpyxl took minutes)."""
    with Workbook(target, safe_cell) as book:
        for sheet, title, widths in _prepared(sheets):
            bold = [[sheet.caption]] if sheet.caption else []
            bold.append(list(sheet.headers))
            book.sheet(title, bold, sheet.rows, sheet.formats, widths)


def write_xlsx_openpyxl(target: str | Path | IO[bytes], sheets: Iterable[Sheet]) -> None:
    """The same workbook through openpyxl's write-only mode: the reference that
    :func:`write_xlsx` is tested against, and the baseline of ``bench/ledger_xlsx.py``."""
    book = OpenpyxlWorkbook(write_only=True)
    bold = Font(bold=True)
    prepared = _prepared(sheets)
    for sheet, title, widths in prepared:
        ws = book.create_sheet(title)
        ws.freeze_panes = "A3" if sheet.caption else "A2"
        for i, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = width
        if sheet.caption:
            cell = WriteOnlyCell(ws, value=safe_cell(sheet.caption))
            cell.font = bold
            ws.append([cell])
        header = []
        for label in sheet.headers:
            cell = WriteOnlyCell(ws, value=safe_cell(label))
            cell.font = bold
            header.append(cell)
        ws.append(header)
        formats = list(sheet.formats)
        for row in sheet.rows:
            ws.append(
                [_cell(ws, v, formats[i] if i < len(formats) else None) for i, v in enumerate(row)]
            )
    if not prepared:
        book.create_sheet("Sheet")
    book.save(target)
