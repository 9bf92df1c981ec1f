"""The import format's vocabulary: a table, its columns, and how a header is matched.

The tables themselves are declared in :mod:`loaders.table_formats` (the record
tables) and :mod:`loaders.ledger_schema` (the planners' ledgers).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graphmodel.records import Labelled


@dataclass(frozen=True)
class Column:
    """One column of an import table.

    ``kind`` is one of text, int, float, date, bool, list, enum; ``ref`` names
    the table whose ids the values must be.
    """

    name: str
    zh: tuple[str, ...]
    kind: str = "text"
    required: bool = False
    enum: type[Labelled] | None = None
    ref: str | None = None
    help_zh: str = ""
    help_en: str = ""

    @property
    def header(self) -> str:
        """The template's header: Chinese first, the English name beside."""
        return f"{self.zh[0]} {self.name}"


@dataclass(frozen=True)
class Table:
    """One import table (a CSV file, a JSON array or a workbook sheet)."""

    name: str
    zh: str
    columns: tuple[Column, ...]
    help_zh: str = ""
    help_en: str = ""

    @property
    def sheet(self) -> str:
        return f"{self.zh} {self.name}"

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


_SPLIT = re.compile(r"[\s()（）/\\|:：,，]+")


def tokens(text: str) -> list[str]:
    """The words of a header, sheet or file name, for matching either language.

    >>> tokens("名称 name")
    ['名称 name', '名称', 'name']
    """
    text = text.strip()
    return [text, *(t for t in _SPLIT.split(text) if t and t != text)]


def match_column(table: Table, header: str) -> Column | None:
    """The column a header means (either language, or "中文 english").

    >>> street = Column("street", ("所属街道", "街道"))
    >>> match_column(Table("units", "单位", (street,)), "所属街道 street").name
    'street'
    """
    for token in tokens(header):
        for column in table.columns:
            if token.lower() == column.name or token in column.zh:
                return column
    return None
