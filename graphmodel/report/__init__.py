"""The collaboration report: every metric for a window and a scope, as plain data.

:func:`build_report` turns a :class:`~graphmodel.district.District` into a
JSON-able dict whose top-level keys are stable (:data:`KEYS`, plus ``meta``);
units are listed by ``id`` and ``name``. :func:`report` does the same for a
store, through the snapshot cache, and remembers the result per content
version. :func:`report_tables` flattens a report into tables with Chinese
headers for spreadsheets.

Lists of units are complete; only the broker table and the partner pairs are
cut to the ``top`` rows (their totals are given).

The package: :mod:`.build` (which sections, in which order, and the cache),
:mod:`.context` (the options and what every section reads), the sections by
purpose (:mod:`.cohesion`, :mod:`.participation`, :mod:`.brokers`) and the
spreadsheet layer (:mod:`.sheets`).
"""

from .build import KEYS, SECTIONS, build_report, report
from .context import ReportOptions
from .sheets import LIST_COLUMNS, Table, report_tables

__all__ = [
    "KEYS",
    "LIST_COLUMNS",
    "SECTIONS",
    "ReportOptions",
    "Table",
    "build_report",
    "report",
    "report_tables",
]
