"""A streaming XLSX writer: each worksheet's XML written row by row into the zip.

An .xlsx file is a zip of XML parts. openpyxl (even write-only) makes a cell
object per value and serialises it through an XML library: at a city's ledger
(250,000 rows × 23 columns) that took minutes. This writer formats the
``<row>``/``<c>`` elements as text and streams them into the zip entry, so a
sheet is never held in memory; what it keeps is one copy of each distinct
text (the shared-string table, written last) and the styles used.

What it writes is what :func:`service.exports.write_xlsx` promised with
openpyxl: numbers as numbers (``%.16g``, as openpyxl writes them), dates as
Excel serial numbers with a date format, booleans, text through
:func:`service.exports.safe_cell` (formula-like text escaped, control
characters removed) and XML-escaped; empty text, NaN and infinities as an empty
cell, ``None`` as no cell. The tests read its files back with openpyxl and compare
them with openpyxl's own write-only output.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from math import isfinite
from pathlib import Path
from typing import IO, Any
from xml.sax.saxutils import escape, quoteattr

from openpyxl.styles.numbers import BUILTIN_FORMATS_REVERSE
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPES = "application/vnd.openxmlformats-officedocument.spreadsheetml"
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
#: Formats openpyxl gives a date or time when its column has no date format.
DATE_FORMATS = {
    dt.datetime: "yyyy-mm-dd h:mm:ss",
    dt.date: "yyyy-mm-dd",
    dt.time: "h:mm:ss",
    dt.timedelta: "[hh]:mm:ss",
}
#: Rows formatted before their text goes to the zip (bounds memory, amortises writes).
BATCH = 2000
#: Excel's rows per sheet.
MAX_ROWS = 1_048_576
#: zlib level: at a city's ledger 4 writes ≈ as fast as 1 and a file ≈15 % smaller (6: twice the time).
COMPRESSLEVEL = 4
APPLY_FORMAT, APPLY_FONT, SELECTED = ' applyNumberFormat="1"', ' applyFont="1"', ' tabSelected="1"'


class Styles:
    """The cell formats (``cellXfs``) a workbook uses: bold or not, and a number format."""

    def __init__(self) -> None:
        self.xfs: dict[tuple[bool, str | None], int] = {(False, None): 0, (True, None): 1}
        self.custom: dict[str, int] = {}

    def xf(self, number_format: str | None, bold: bool = False) -> int:
        """The style index of ``number_format`` (``None``: General), added when new."""
        key = (bold, number_format)
        if key not in self.xfs:
            if number_format not in BUILTIN_FORMATS_REVERSE:
                self.custom.setdefault(number_format, 164 + len(self.custom))
            self.xfs[key] = len(self.xfs)
        return self.xfs[key]

    def _format_id(self, number_format: str | None) -> int:
        if number_format is None:
            return 0
        return BUILTIN_FORMATS_REVERSE.get(number_format, self.custom.get(number_format, 0))

    def xml(self) -> str:
        formats = "".join(
            f'<numFmt numFmtId="{i}" formatCode={quoteattr(code)}/>'
            for code, i in self.custom.items()
        )
        number_formats = (
            f'<numFmts count="{len(self.custom)}">{formats}</numFmts>' if formats else ""
        )
        xfs = "".join(
            f'<xf numFmtId="{self._format_id(fmt)}" fontId="{int(bold)}" fillId="0" borderId="0"'
            f' xfId="0"{APPLY_FORMAT if fmt else ""}{APPLY_FONT if bold else ""}/>'
            for bold, fmt in self.xfs
        )
        font = '<sz val="11"/><name val="Calibri"/><family val="2"/>'
        return (
            f'{HEAD}<styleSheet xmlns="{MAIN}">'
            f"{number_formats}"
            f'<fonts count="2"><font>{font}</font><font><b/>{font}</font></fonts>'
            '<fills count="2"><fill><patternFill patternType="none"/></fill>'
            '<fill><patternFill patternType="gray125"/></fill></fills>'
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border>'
            "</borders>"
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
            f'</cellStyleXfs><cellXfs count="{len(self.xfs)}">{xfs}</cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
            "</styleSheet>"
        )


class SharedStrings:
    """Each distinct text once; cells refer to it by index (written after the sheets)."""

    def __init__(self, clean: Callable[[str], Any]) -> None:
        self.clean = clean
        self.by_raw: dict[str, int] = {}
        self.by_text: dict[str, int] = {}
        self.texts: list[str] = []

    def index(self, raw: str) -> int:
        """The index of ``raw`` after ``clean`` (formula escape, control characters)."""
        text = self.clean(raw)
        found = self.by_text.get(text)
        if found is None:
            found = self.by_text[text] = len(self.texts)
            self.texts.append(text)
        self.by_raw[raw] = found
        return found

    def write(self, out: IO[bytes]) -> None:
        out.write(f'{HEAD}<sst xmlns="{MAIN}" uniqueCount="{len(self.texts)}">'.encode())
        for start in range(0, len(self.texts), BATCH * 10):
            part = self.texts[start : start + BATCH * 10]
            out.write(
                "".join(f'<si><t xml:space="preserve">{escape(t)}</t></si>' for t in part).encode()
            )
        out.write(b"</sst>")


class Workbook:
    """A workbook written to ``target`` sheet by sheet; :meth:`close` writes the rest."""

    def __init__(self, target: str | Path | IO[bytes], clean: Callable[[str], Any]) -> None:
        self.zip = zipfile.ZipFile(
            target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=COMPRESSLEVEL
        )
        self.styles = Styles()
        self.strings = SharedStrings(clean)
        self.titles: list[str] = []

    def sheet(
        self,
        title: str,
        bold_rows: Sequence[Sequence[Any]],
        rows: Iterable[Sequence[Any]],
        formats: Sequence[str | None] = (),
        widths: Sequence[float] = (),
    ) -> None:
        """Add a sheet: ``bold_rows`` (caption, header: frozen), then ``rows`` as they come."""
        self.titles.append(title)
        frozen = len(bold_rows) + 1
        views = (
            f'<sheetView workbookViewId="0"{SELECTED if len(self.titles) == 1 else ""}>'
            f'<pane ySplit="{frozen - 1}" topLeftCell="A{frozen}" activePane="bottomLeft"'
            f' state="frozen"/><selection pane="bottomLeft" activeCell="A{frozen}"'
            f' sqref="A{frozen}"/></sheetView>'
            if bold_rows
            else '<sheetView workbookViewId="0"/>'
        )
        cols = "".join(
            f'<col min="{i}" max="{i}" width="{w:g}" customWidth="1"/>'
            for i, w in enumerate(widths, start=1)
        )
        name = f"xl/worksheets/sheet{len(self.titles)}.xml"
        with self.zip.open(name, "w") as out:
            out.write(
                f'{HEAD}<worksheet xmlns="{MAIN}" xmlns:r="{RELS}"><sheetViews>{views}'
                f'</sheetViews><sheetFormatPr defaultRowHeight="15"/>'
                f"{f'<cols>{cols}</cols>' if cols else ''}<sheetData>".encode()
            )
            bold = _Rows(self, [], bold=True)
            _write(out, bold, bold_rows, 1)
            _write(out, _Rows(self, list(formats)), rows, len(bold_rows) + 1)
            out.write(b"</sheetData></worksheet>")

    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, kind, error, trace) -> None:
        if kind is None:
            self.close()
        else:  # release the file; what was written stays an incomplete workbook
            self.zip.close()

    def close(self) -> None:
        """Write the shared strings, styles and the workbook's parts, and close the zip."""
        if not self.titles:
            self.sheet("Sheet", [], [])
        with self.zip.open("xl/sharedStrings.xml", "w") as out:
            self.strings.write(out)
        self.zip.writestr("xl/styles.xml", self.styles.xml())
        n = len(self.titles)
        sheets = "".join(
            f'<sheet name={quoteattr(t)} sheetId="{i}" r:id="rId{i}"/>'
            for i, t in enumerate(self.titles, start=1)
        )
        self.zip.writestr(
            "xl/workbook.xml",
            f'{HEAD}<workbook xmlns="{MAIN}" xmlns:r="{RELS}"><bookViews>'
            f'<workbookView activeTab="0"/></bookViews><sheets>{sheets}</sheets></workbook>',
        )
        relation = f'<Relationship Id="rId{{}}" Type="{RELS}/{{}}" Target="{{}}"/>'
        parts = [
            relation.format(i, "worksheet", f"worksheets/sheet{i}.xml") for i in range(1, n + 1)
        ]
        parts.append(relation.format(n + 1, "styles", "styles.xml"))
        parts.append(relation.format(n + 2, "sharedStrings", "sharedStrings.xml"))
        self.zip.writestr(
            "xl/_rels/workbook.xml.rels",
            f'{HEAD}<Relationships xmlns="{PACKAGE_RELS}">{"".join(parts)}</Relationships>',
        )
        self.zip.writestr(
            "_rels/.rels",
            f'{HEAD}<Relationships xmlns="{PACKAGE_RELS}">'
            f"{relation.format(1, 'officeDocument', 'xl/workbook.xml')}</Relationships>",
        )
        override = '<Override PartName="/xl/{}" ContentType="{}+xml"/>'
        overrides = [override.format("workbook.xml", f"{_TYPES}.sheet.main")]
        overrides += [
            override.format(f"worksheets/sheet{i}.xml", f"{_TYPES}.worksheet")
            for i in range(1, n + 1)
        ]
        overrides.append(override.format("styles.xml", f"{_TYPES}.styles"))
        overrides.append(override.format("sharedStrings.xml", f"{_TYPES}.sharedStrings"))
        self.zip.writestr(
            "[Content_Types].xml",
            f'{HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            f"{''.join(overrides)}</Types>",
        )
        self.zip.close()


class _Rows:
    """How one sheet's cells are written: column letters and number styles, per column."""

    def __init__(self, book: Workbook, formats: list[str | None], bold: bool = False) -> None:
        self.book, self.formats, self.bold = book, formats, bold
        self.letters: list[str] = []
        #: Per column, the ``s`` attribute of a number in it ("" for General).
        self.number: list[str] = []

    def grow(self, n: int) -> None:
        """Know columns up to ``n`` (a row may be longer than the formats)."""
        for i in range(len(self.letters), n):
            fmt = self.formats[i] if i < len(self.formats) else None
            style = self.book.styles.xf(fmt, self.bold) if fmt or self.bold else 0
            self.letters.append(get_column_letter(i + 1))
            self.number.append(f' s="{style}"' if style else "")

    def other(self, i: int, ref: str, value: Any) -> str:
        """A cell of a value other than text or float: int, bool, date, Decimal."""
        if isinstance(value, bool):
            return f'<c r="{ref}"{self.number[i]} t="b"><v>{int(value)}</v></c>'
        if isinstance(value, (int, float, Decimal)):
            if not isfinite(value):
                return f'<c r="{ref}"{self.number[i]}/>'
            return f'<c r="{ref}"{self.number[i]}><v>{value:.16g}</v></c>'
        if isinstance(value, (dt.date, dt.time, dt.timedelta)):
            if getattr(value, "tzinfo", None) is not None:
                raise TypeError(f"{ref}: Excel has no time zones ({value!r})")
            fmt = self.formats[i] if i < len(self.formats) else None
            if not fmt:  # the column's format, as openpyxl does, else a date's own
                fmt = DATE_FORMATS[next(k for k in DATE_FORMATS if isinstance(value, k))]
            style = self.book.styles.xf(fmt, self.bold)
            return f'<c r="{ref}" s="{style}"><v>{to_excel(value):.16g}</v></c>'
        if isinstance(value, str):  # a str subclass
            return self.text(i, ref, str(value))
        raise TypeError(f"{ref}: a cell cannot hold {type(value).__name__} ({value!r})")

    def text(self, i: int, ref: str, value: str) -> str:
        strings = self.book.strings
        index = strings.by_raw.get(value)
        if index is None:
            index = strings.index(value)
        bold = ' s="1"' if self.bold else ""
        return f'<c r="{ref}"{bold} t="s"><v>{index}</v></c>'


def _write(out: IO[bytes], how: _Rows, rows: Iterable[Sequence[Any]], first: int) -> None:
    """Write ``rows`` from row number ``first`` on, :data:`BATCH` rows a write."""
    by_raw = how.book.strings.by_raw
    letters, number = how.letters, how.number
    text_style = ' s="1"' if how.bold else ""
    parts: list[str] = []
    for n, row in _numbered(rows, first):
        if len(row) > len(letters):
            how.grow(len(row))
        r = str(n)
        parts.append(f'<row r="{r}">')
        for i, value in enumerate(row):
            kind = type(value)
            if kind is str:
                if value:
                    index = by_raw.get(value)
                    if index is None:
                        index = how.book.strings.index(value)
                    parts.append(f'<c r="{letters[i]}{r}"{text_style} t="s"><v>{index}</v></c>')
                else:  # an empty cell, there (as openpyxl writes it: a row keeps its length)
                    parts.append(f'<c r="{letters[i]}{r}"/>')
            elif kind is float:
                if value - value == 0.0:
                    parts.append(f'<c r="{letters[i]}{r}"{number[i]}><v>{value:.16g}</v></c>')
                else:  # NaN and infinities: an empty cell
                    parts.append(f'<c r="{letters[i]}{r}"{number[i]}/>')
            elif kind is int:
                parts.append(f'<c r="{letters[i]}{r}"{number[i]}><v>{value:.16g}</v></c>')
            elif value is not None:
                parts.append(how.other(i, letters[i] + r, value))
        parts.append("</row>")
        if len(parts) > BATCH * 30:
            out.write("".join(parts).encode())
            parts.clear()
    out.write("".join(parts).encode())


def _numbered(rows: Iterable[Sequence[Any]], first: int) -> Iterator[tuple[int, Sequence[Any]]]:
    """``(row number, row)`` from ``first`` on, within Excel's limit (past it Excel
    "repairs" the file by dropping rows: say so instead)."""
    for n, row in enumerate(rows, start=first):
        if n > MAX_ROWS:
            raise ValueError(f"more than {MAX_ROWS:,} rows, Excel's limit for a sheet")
        yield n, row
