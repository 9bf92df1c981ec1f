"""Bounds that keep a hostile, broken or merely huge file from exhausting the machine.

The command line reads with the generous defaults; the import page derives its
bounds from the upload limit (:meth:`Limits.for_upload`), so that any upload it
accepts is read or refused within seconds and a few hundred MB.
"""

from __future__ import annotations

from dataclasses import dataclass

from translations import Words, words

from .problems import Problem

MAX_COLUMNS = 200
#: A CSV line with more commas than this is refused before it is split into cells
#: (quoted text may hold commas, so the bound is far above MAX_COLUMNS).
MAX_LINE_SEPARATORS = 50 * MAX_COLUMNS
MAX_XLSX_ENTRIES = 10_000
MAX_XLSX_RATIO = 250


@dataclass(frozen=True)
class Limits:
    """How much one file may hold; ``errors``: problems collected before a load stops."""

    rows: int = 1_000_000
    cells: int = 20_000_000
    unpacked: int = 4 * 2**30
    errors: int = 1_000
    #: what to tell the planner when a file is over a bound
    hint: Words | str = ""

    @classmethod
    def for_upload(cls, max_upload_bytes: int) -> Limits:
        """Bounds for the import page: unpacked at most 4× the upload limit, rows
        and cells that openpyxl reads in a few seconds."""
        return cls(
            rows=100_000,
            cells=600_000,
            unpacked=4 * max_upload_bytes,
            hint=words("；更大的文件请用命令行 cobuild load 导入"),
        )

    def too_many_rows(self, label: str, sheet: str | None, row: int) -> Problem:
        return Problem(
            label,
            words("行数超过上限 {rows:,}，已拒绝{hint}", rows=self.rows, hint=self.hint),
            sheet=sheet,
            row=row,
        )

    def too_many_cells(self, label: str, sheet: str | None, row: int) -> Problem:
        return Problem(
            label,
            words("单元格数超过上限 {cells:,}，已拒绝{hint}", cells=self.cells, hint=self.hint),
            sheet=sheet,
            row=row,
        )
