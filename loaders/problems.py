"""Problems found in input files, and the report a load returns."""

from __future__ import annotations

from dataclasses import dataclass, field

from graphmodel.store import TableCounts


@dataclass(frozen=True)
class Problem:
    """One problem at ``file[:sheet]:row:column``; warnings do not stop a load.

    ``row`` counts as a spreadsheet does (the header is row 1); a JSON record's
    row is its position in the array, from 1. ``None`` means the whole file.
    """

    file: str
    message_zh: str
    message_en: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    severity: str = "error"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    @property
    def where(self) -> str:
        place = self.file + (f":{self.sheet}" if self.sheet else "")
        return f"{place}:{self.row if self.row is not None else '-'}:{self.column or '-'}"

    def __str__(self) -> str:
        label = "" if self.is_error else "警告 warning: "
        return f"{self.where}: {label}{self.message_zh} / {self.message_en}"

    def as_dict(self) -> dict:
        return {
            "file": self.file,
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "severity": self.severity,
            "message_zh": self.message_zh,
            "message_en": self.message_en,
        }


@dataclass
class LoadReport:
    """What a load found and did: problems, and per-table counts when written."""

    problems: list[Problem] = field(default_factory=list)
    counts: dict[str, TableCounts] = field(default_factory=dict)
    written: bool = False

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_dict(self) -> dict:
        return {
            "written": self.written,
            "counts": {t: c.as_dict() for t, c in self.counts.items()},
            "problems": [p.as_dict() for p in self.problems],
        }
