"""A lean streaming reader of one worksheet's XML: (row number, [(column, value)]) per row.

openpyxl's own sheet parser builds an object per cell and took most of the time
of a 200,000-row ledger; this one keeps only what a load needs — values, with
shared strings, inline strings, booleans, numbers and dates (by the cell's
style) — and feeds expat in chunks so that rows stream. A DOCTYPE or entity
declaration is refused outright (a worksheet never needs one: that is how XML
bombs start).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import BinaryIO
from xml.parsers import expat

CHUNK = 1 << 16


class SheetXMLError(ValueError):
    """The sheet's XML is malformed or declares what a worksheet never declares."""


class _Reader:
    def __init__(self, shared: list, date_styles: set[int], epoch: dt.datetime) -> None:
        self.shared, self.date_styles, self.epoch = shared, date_styles, epoch
        self.rows: list[tuple[int, list]] = []
        self.row_number = 0
        self.cells: list = []
        self.column = 0
        self.kind = self.style = None
        self.text: list[str] | None = None  # collecting <v> or inline <t> text
        self.value: str | None = None
        self.in_inline = False

    def start(self, name: str, attrs: dict) -> None:
        if name == "c":
            ref = attrs.get("r")
            self.column = _column(ref) if ref else self.column + 1
            self.kind, self.style = attrs.get("t", "n"), attrs.get("s")
            self.value, self.in_inline = None, False
        elif name == "v" or (name == "t" and self.in_inline):
            self.text = []
        elif name == "is":
            self.in_inline, self.value = True, ""
        elif name == "row":
            ref = attrs.get("r")
            self.row_number = int(ref) if ref else self.row_number + 1
            self.cells, self.column = [], 0

    def end(self, name: str) -> None:
        if name == "v" and self.text is not None:
            self.value, self.text = "".join(self.text), None
        elif name == "t" and self.text is not None:
            self.value, self.text = (self.value or "") + "".join(self.text), None
        elif name == "c":
            if self.value is not None:
                self.cells.append((self.column, self._convert(self.value)))
        elif name == "row":
            self.rows.append((self.row_number, self.cells))

    def chars(self, data: str) -> None:
        if self.text is not None:
            self.text.append(data)

    def _convert(self, value: str) -> object:
        kind = self.kind
        if kind == "s":
            return self.shared[int(value)]
        if kind in ("inlineStr", "str", "e"):
            return value
        if kind == "b":
            return value.strip() in ("1", "true")
        if kind == "d":
            return _iso(value)
        if not value.strip():
            return None
        number = float(value) if any(c in value for c in ".eE") else int(value)
        if self.style is not None and int(self.style) in self.date_styles:
            return _excel_date(number, self.epoch)
        return number


def sheet_rows(
    source: BinaryIO, shared: list, date_styles: set[int], epoch: dt.datetime
) -> Iterator[tuple[int, list]]:
    """Stream ``(row number, [(column, value), …])`` of a worksheet part."""
    reader = _Reader(shared, date_styles, epoch)
    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.StartElementHandler = reader.start
    parser.EndElementHandler = reader.end
    parser.CharacterDataHandler = reader.chars
    parser.StartDoctypeDeclHandler = _refuse
    parser.EntityDeclHandler = _refuse
    try:
        while chunk := source.read(CHUNK):
            parser.Parse(chunk, False)
            yield from reader.rows
            reader.rows.clear()
        parser.Parse(b"", True)
    except expat.ExpatError as exc:
        raise SheetXMLError(str(exc)) from None
    yield from reader.rows


def _refuse(*_args) -> None:
    raise SheetXMLError("a worksheet may not declare a DOCTYPE or entities")


_COLUMNS: dict[str, int] = {}


def _column(ref: str) -> int:
    letters = ref.rstrip("0123456789")
    found = _COLUMNS.get(letters)
    if found is None:
        found = 0
        for letter in letters.upper():
            found = found * 26 + ord(letter) - 64
        if len(_COLUMNS) < 20_000:
            _COLUMNS[letters] = found
    return found


def _excel_date(number: float, epoch: dt.datetime) -> object:
    try:
        moment = epoch + dt.timedelta(days=number)
    except (OverflowError, ValueError):
        return number
    if epoch.year == 1899 and number < 60:  # Excel's 1900 leap-year bug
        moment += dt.timedelta(days=1)
    return moment


def _iso(text: str) -> object:
    try:
        return dt.datetime.fromisoformat(text.rstrip("Z"))
    except ValueError:
        return text


class _Strings:
    """Collects the shared strings table: the text of each ``<si>`` (runs joined, no phonetics)."""

    def __init__(self, most: int) -> None:
        self.most = most
        self.strings: list[str] = []
        self.parts: list[str] | None = None
        self.in_t = False
        self.phonetic = 0

    def start(self, name: str, attrs: dict) -> None:
        if name == "si":
            self.parts = []
        elif name == "rPh":
            self.phonetic += 1
        elif name == "t" and self.parts is not None and not self.phonetic:
            self.in_t = True

    def end(self, name: str) -> None:
        if name == "si":
            self.strings.append("".join(self.parts or ()))
            self.parts = None
            if len(self.strings) > self.most:
                raise SheetXMLError(f"more than {self.most:,} shared strings")
        elif name == "rPh":
            self.phonetic -= 1
        elif name == "t":
            self.in_t = False

    def chars(self, data: str) -> None:
        if self.in_t and self.parts is not None:
            self.parts.append(data)


def shared_strings(source: BinaryIO, most: int) -> list[str]:
    """The shared strings of a workbook part, at most ``most`` of them."""
    reader = _Strings(most)
    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.StartElementHandler = reader.start
    parser.EndElementHandler = reader.end
    parser.CharacterDataHandler = reader.chars
    parser.StartDoctypeDeclHandler = _refuse
    parser.EntityDeclHandler = _refuse
    try:
        while chunk := source.read(CHUNK):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError as exc:
        raise SheetXMLError(f"shared strings: {exc}") from None
    return reader.strings
