"""Problems found in input files, and the report a load returns."""

from __future__ import annotations

from dataclasses import dataclass, field

from graphmodel.store import TableCounts
from translations import Said, Words, words


@dataclass(frozen=True)
class Problem:
    """One problem at ``file[:sheet]:row:column``; warnings and notes do not stop a load.

    ``severity`` is ``error``, ``warning`` or ``note`` (what the loader took a
    sheet for, which rule resolved a name …).

    ``row`` counts as a spreadsheet does (the header is row 1); a JSON record's
    row is its position in the array, from 1. ``None`` means the whole file.

    ``message`` is the Chinese text with its parameters; the English comes from
    the catalogue (:mod:`translations`).
    """

    file: str
    message: Words | Said
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    severity: str = "error"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    @property
    def message_zh(self) -> str:
        return self.message.zh

    @property
    def message_en(self) -> str:
        return self.message.en

    @property
    def where(self) -> str:
        place = self.file + (f":{self.sheet}" if self.sheet else "")
        return f"{place}:{self.row if self.row is not None else '-'}:{self.column or '-'}"

    @property
    def order(self) -> tuple:
        """Sort key: by file, sheet, row (whole-file problems first), column."""
        return (self.file, self.sheet or "", self.row or 0, self.column or "")

    def __str__(self) -> str:
        label = {"error": "", "warning": "警告 warning: ", "note": "说明 note: "}[self.severity]
        return f"{self.where}: {label}{self.message_zh} / {self.message_en}"

    @classmethod
    def from_dict(cls, stored: dict) -> Problem:
        """The problem :meth:`as_dict` gave, with its messages as they were shown."""
        said = Said(stored["message_zh"], stored["message_en"])
        fields = {k: stored[k] for k in ("file", "sheet", "row", "column", "severity")}
        return cls(message=said, **fields)

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


class TooManyErrors(Exception):
    """Raised by :class:`Problems` once it holds its limit of errors."""


class Problems(list):
    """A list of problems that stops the check once ``limit`` errors are in it.

    A file with a million bad rows needs its first thousand problems, not all
    of them: collecting every one cost minutes and gigabytes in trial.
    """

    def __init__(self, items=(), limit: int = 1_000) -> None:
        super().__init__()
        self.limit = limit
        self.error_count = 0
        self.extend(items)

    def append(self, problem: Problem) -> None:
        super().append(problem)
        if problem.is_error:
            self.error_count += 1
            if self.error_count >= self.limit:
                raise TooManyErrors(self.limit)

    def extend(self, problems) -> None:
        for problem in problems:
            self.append(problem)


def stopped(limit: int) -> Problem:
    """The problem that says the check stopped after ``limit`` errors."""
    return Problem(
        "-",
        words("错误已达 {limit} 个，停止检查；请先改正以上问题", limit=limit),
    )


@dataclass
class LoadReport:
    """What a load found and did: problems, and per-table counts when written."""

    problems: list[Problem] = field(default_factory=list)
    counts: dict[str, TableCounts] = field(default_factory=dict)
    written: bool = False
    #: names the planner must decide on before anything is written (loaders.ledgers)
    review: list = field(default_factory=list)
    #: how many names each resolution rule matched
    rules: dict[str, int] = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def notes(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "note"]

    @property
    def ok(self) -> bool:
        """Nothing stands in the way of writing: no error and no name to review."""
        return not self.errors and not self.review

    def sort(self) -> None:
        """Problems in file, sheet, row order (stable, so a row's problems keep theirs)."""
        self.problems.sort(key=lambda p: p.order)

    def as_dict(self) -> dict:
        return {
            "written": self.written,
            "counts": {t: c.as_dict() for t, c in self.counts.items()},
            "problems": [p.as_dict() for p in self.problems],
            "review": [
                {
                    "name": p.name,
                    "street": p.street,
                    "places": p.places,
                    "candidates": [
                        {"unit": c.unit, "name": c.name, "street": c.street, "score": c.score}
                        for c in p.candidates
                    ],
                }
                for p in self.review
            ],
            "rules": self.rules,
        }
