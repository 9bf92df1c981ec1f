"""Spreadsheet exports: tables written to XLSX the same way everywhere.

Every sheet gets a bold header row that stays in view (frozen), column widths
fitted to the content (a Chinese character counts double), and text that
cannot turn into a formula: a cell starting with ``=``, ``+``, ``-`` or ``@``
is written with a leading apostrophe, so that a name like ``=HYPERLINK(…)``
in uploaded data is shown as text and never run by Excel (CSV/formula
injection). Numbers, dates and booleans are written as they are.

>>> safe_cell("=1+1"), safe_cell(-3), safe_cell("区统计局")
("'=1+1", -3, '区统计局')
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

#: A text cell starting with one of these would be read as a formula.
FORMULA_STARTS = ("=", "+", "-", "@")
MIN_WIDTH, MAX_WIDTH = 6, 60
_BAD_TITLE = re.compile(r"[\[\]:*?/\\]")


@dataclass(frozen=True)
class Sheet:
    """One worksheet: a title, the header labels and the rows (lists of values)."""

    title: str
    headers: Sequence[str]
    #: A list, or any iterable: rows are then written as they come (a city's ledger).
    rows: Iterable[Sequence[Any]]


def safe_cell(value: Any) -> Any:
    """``value`` ready for a cell: formula-like text escaped with ``'``, control
    characters removed, other values unchanged."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if value.startswith(FORMULA_STARTS):
            return "'" + value
    return value


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


def write_xlsx(target: str | Path | IO[bytes], sheets: Iterable[Sheet]) -> None:
    """Write ``sheets`` as one workbook to a path or a binary file object."""
    sheets = list(sheets)
    book = Workbook(write_only=True)
    bold = Font(bold=True)
    for sheet, title in zip(sheets, sheet_titles(s.title for s in sheets), strict=True):
        if not isinstance(sheet.rows, Sequence):  # a stream: widths from its first rows
            rows = iter(sheet.rows)
            head = list(itertools.islice(rows, 2000))
            sheet = Sheet(sheet.title, sheet.headers, itertools.chain(head, rows))
            widths = column_widths(Sheet(sheet.title, sheet.headers, head))
        else:
            widths = column_widths(sheet)
        ws = book.create_sheet(title)
        ws.freeze_panes = "A2"
        for i, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = width
        header = []
        for label in sheet.headers:
            cell = WriteOnlyCell(ws, value=safe_cell(label))
            cell.font = bold
            header.append(cell)
        ws.append(header)
        for row in sheet.rows:
            ws.append([safe_cell(v) for v in row])
    if not sheets:
        book.create_sheet("Sheet")
    book.save(target)
