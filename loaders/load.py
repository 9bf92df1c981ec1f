"""The one way records enter a store: read, validate everything, then write once."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from graphmodel.store import Store

from .problems import LoadReport, Problem
from .readers import RawTable, read_paths
from .validate import check_references, parse


def load_tables(
    raw_tables: Sequence[RawTable],
    problems: Sequence[Problem],
    store: Store,
    *,
    source: str = "",
    dry_run: bool = False,
) -> LoadReport:
    """Validate raw tables against each other and the store; write only if all is well.

    The store is untouched when any error is found (or on ``dry_run``).
    """
    parsed = parse(raw_tables)
    check_references(parsed, store)
    report = LoadReport(problems=[*problems, *parsed.problems])
    if not raw_tables and not report.errors:
        report.problems.append(Problem(source or "-", "没有可导入的表", "found no table to import"))
    if report.ok and not dry_run:
        report.counts = store.load(
            parsed.bundle, source=source, warnings=[str(w) for w in report.warnings]
        )
        report.written = True
    return report


def load_paths(paths: Sequence[Path | str], store: Store, *, dry_run: bool = False) -> LoadReport:
    """Read files and folders (CSV, JSON, XLSX) and load them into ``store``."""
    raw_tables, problems = read_paths(paths)
    source = ", ".join(str(p) for p in paths)
    return load_tables(raw_tables, problems, store, source=source, dry_run=dry_run)
