"""Reading XLSX workbooks, streaming and bounded.

openpyxl (with defusedxml, which guards its XML) parses the parts; the rows of
a sheet are taken straight from its parser as they are stored, never padded
to the dimension the file declares (a 1.6 KB file declaring ``A1:XFD1048576``
would otherwise become 17·10⁹ cells), and counted against :class:`Limits`
while they stream. openpyxl's ``load_workbook(read_only=True)`` is not used:
it reads every sheet to its end looking for a dimension before a single row
is returned (82 s for a 2.2 MiB workbook of a million rows in trial).
"""

from __future__ import annotations

import io
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from translations import words

from .limits import MAX_COLUMNS, MAX_XLSX_ENTRIES, MAX_XLSX_RATIO, Limits
from .problems import Problem
from .readers import EXPLANATION_SHEETS, RawTable, take_table
from .sheet_xml import shared_strings, sheet_rows

#: Rows of a single filled cell above the header that are taken as its title.
TITLE_ROWS = 3


class _Refused(Exception):
    """A sheet over a bound: carries the problem to report."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message_en)
        self.problem = problem


def read_xlsx(
    data: bytes, label: str, tables: list[RawTable], problems: list[Problem], limits: Limits
) -> None:
    """Read every sheet of a workbook into raw tables (see module docstring)."""
    if not _check_zip(data, label, problems, limits):
        return
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about features it drops
            book, sheets = _open(data, limits)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for broken files
        problems.append(Problem(label, words("无法读取工作簿：{error}", error=exc)))
        return
    cells = [0]
    try:
        for sheet in sheets:
            if sheet.title not in EXPLANATION_SHEETS:
                _read_sheet(sheet, label, tables, problems, limits, cells)
    finally:
        book.archive.close()


@dataclass
class _Sheet:
    """One worksheet part of an open workbook."""

    title: str
    path: str
    book: object  # openpyxl's ExcelReader

    def open(self):
        return self.book.archive.open(self.path)


def _open(data: bytes, limits: Limits):
    """openpyxl's reader with workbook and styles read, our shared strings (bounded by the
    cell limit: a string no cell uses is no data), and the sheets' parts."""
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.styles.stylesheet import apply_stylesheet
    from openpyxl.xml.constants import SHARED_STRINGS

    book = ExcelReader(io.BytesIO(data), read_only=True, data_only=True)
    book.read_manifest()
    part = book.package.find(SHARED_STRINGS)
    if part is not None:
        with book.archive.open(part.PartName[1:]) as source:
            book.shared_strings = shared_strings(source, limits.cells)
    book.read_workbook()
    apply_stylesheet(book.archive, book.parser.wb)
    sheets = [
        _Sheet(sheet.name, rel.target, book)
        for sheet, rel in book.parser.find_sheets()
        if rel.target in book.valid_files and "chartsheet" not in rel.Type
    ]
    return book, sheets


def _read_sheet(sheet, label, tables, problems, limits, cells) -> None:
    rows = _sheet_rows(sheet, label, limits, cells)
    last = 0
    try:
        header, titles = next(rows, None), []
        # Ledgers often carry a title row or two above the header ("2024年活动台账").
        while header is not None and len(titles) < TITLE_ROWS and _filled(header[1]) == 1:
            titles.append(str(next(c for c in header[1] if c not in (None, ""))))
            header = next(rows, None)
        if header is None:  # an empty sheet of the template, or one of notes only
            if titles:
                take_table(label, [], problems, sheet=sheet.title, title=" ".join(titles))
            return
        last = header[0]
        headers = ["" if h is None else str(h) for h in header[1]]
        while headers and not headers[-1]:
            headers.pop()
        title = " ".join(titles)
        table = take_table(label, headers, problems, sheet=sheet.title, title=title)
        if table is None:
            return
        body = []
        for n, values in rows:
            last = n
            if any(c not in (None, "") for c in values):
                body.append((n, values))
    except _Refused as refused:
        problems.append(refused.problem)
        return
    except Exception as exc:  # noqa: BLE001 - truncated or malformed sheet XML
        problems.append(
            Problem(
                label,
                words(
                    "工作表内容损坏，无法读取（第 {last} 行之后）：{error}", last=last, error=exc
                ),
                sheet=sheet.title,
                row=last + 1,
            )
        )
        return
    tables.append(RawTable(label, sheet.title, table, headers, body, title))


def _filled(values: tuple) -> int:
    return sum(1 for c in values if c not in (None, ""))


def _sheet_rows(sheet, label: str, limits: Limits, cells: list[int]) -> Iterator[tuple[int, tuple]]:
    """(row number, values) of the rows stored in the sheet, bounded by ``limits``."""
    workbook = sheet.book.parser.wb
    with sheet.open() as source:
        rows = sheet_rows(
            source, sheet.book.shared_strings, set(workbook._date_formats), workbook.epoch
        )
        for number, found in rows:
            if number > limits.rows + 1:
                raise _Refused(limits.too_many_rows(label, sheet.title, number))
            width = max((c for c, _ in found), default=0)
            if width > MAX_COLUMNS:
                raise _Refused(
                    Problem(
                        label,
                        words(
                            "列数过多（{width} 列，上限 {max_columns} 列）",
                            width=width,
                            max_columns=MAX_COLUMNS,
                        ),
                        sheet=sheet.title,
                        row=number,
                    )
                )
            cells[0] += len(found)
            if cells[0] > limits.cells:
                raise _Refused(limits.too_many_cells(label, sheet.title, number))
            values = [None] * width
            for column, value in found:
                values[column - 1] = value
            yield number, tuple(values)


def _check_zip(data: bytes, label: str, problems: list[Problem], limits: Limits) -> bool:
    """Refuse zip bombs before openpyxl parses anything."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except zipfile.BadZipFile:
        problems.append(Problem(label, words("不是有效的 XLSX 文件")))
        return False
    total = sum(e.file_size for e in entries)
    worst = max((e.file_size / max(e.compress_size, 1) for e in entries), default=0)
    if len(entries) > MAX_XLSX_ENTRIES or total > limits.unpacked or worst > MAX_XLSX_RATIO:
        problems.append(
            Problem(
                label,
                words("工作簿解压后过大或压缩比异常，已拒绝", unpacked=limits.unpacked),
            )
        )
        return False
    return True
