"""Bounds that keep a hostile, broken or merely huge file from exhausting the machine.

The command line reads with the generous defaults; the import page derives its
bounds from the upload limit (:meth:`Limits.for_upload`), so that any upload it
accepts is read or refused within seconds and a few hundred MB.
"""

from __future__ import annotations

from dataclasses import dataclass

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
    hint_zh: str = ""
    hint_en: str = ""

    @classmethod
    def for_upload(cls, max_upload_bytes: int) -> Limits:
        """Bounds for the import page: unpacked at most 4× the upload limit, rows
        and cells that openpyxl reads in a few seconds."""
        return cls(
            rows=100_000,
            cells=600_000,
            unpacked=4 * max_upload_bytes,
            hint_zh="；更大的文件请用命令行 cobuild load 导入",
            hint_en="; load larger files with the command `cobuild load`",
        )

    def too_many_rows(self, label: str, sheet: str | None, row: int) -> Problem:
        return Problem(
            label,
            f"行数超过上限 {self.rows:,}，已拒绝{self.hint_zh}",
            f"more than {self.rows:,} rows; refused{self.hint_en}",
            sheet=sheet,
            row=row,
        )

    def too_many_cells(self, label: str, sheet: str | None, row: int) -> Problem:
        return Problem(
            label,
            f"单元格数超过上限 {self.cells:,}，已拒绝{self.hint_zh}",
            f"more than {self.cells:,} cells; refused{self.hint_en}",
            sheet=sheet,
            row=row,
        )
