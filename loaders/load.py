"""The one way records enter a store: read, validate and resolve everything, then write once."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from graphmodel.store import Store
from translations import Words, words

from .ledger_schema import is_ledger
from .ledgers import LedgerReader, Resolution
from .limits import Limits
from .problems import LoadReport, Problem, Problems, TooManyErrors, stopped
from .readers import RawTable, read_paths
from .validate import Parsed, check_duplicates, check_references, parse


def load_tables(
    raw_tables: Sequence[RawTable],
    problems: Sequence[Problem],
    store: Store,
    *,
    source: str = "",
    dry_run: bool = False,
    resolutions: Sequence[Resolution] = (),
    limits: Limits | None = None,
    progress: Callable[[Words], None] | None = None,
) -> LoadReport:
    """Validate raw tables against each other and the store; write only if all is well.

    Ledgers are read by name (:mod:`loaders.ledgers`): names that need the
    planner's decision end up in ``report.review`` and nothing is written. The
    planner's answers (``resolutions``) are remembered as aliases once written.
    The store is untouched when any error is found (or on ``dry_run``).
    """
    with paused_gc():
        return _load_tables(
            raw_tables, problems, store, source, dry_run, resolutions, limits, progress
        )


def _load_tables(raw_tables, problems, store, source, dry_run, resolutions, limits, progress):
    limits = limits or Limits()
    progress = progress or _quiet
    parsed = Parsed(problems=Problems(limit=limits.errors))
    report = LoadReport(problems=parsed.problems)
    aliases = []
    try:
        parsed.problems.extend(problems)
        progress(words("检查单元格"))
        parse(raw_tables, parsed)
        ledgers = [raw for raw in raw_tables if is_ledger(raw.table)]
        if ledgers or resolutions:
            progress(words("匹配台账中的名称"))
            found = LedgerReader(parsed, store, resolutions).read(ledgers)
            report.review, report.rules, aliases = found.pending, dict(found.rules), found.aliases
        progress(words("检查编号与引用"))
        check_duplicates(parsed)
        check_references(parsed, store)
        report.problems = list(parsed.problems)
    except TooManyErrors:
        report.problems = [*parsed.problems, stopped(limits.errors)]
    report.sort()
    if not raw_tables and not report.errors:
        report.problems.append(Problem(source or "-", words("没有可导入的表")))
    if report.ok and not dry_run:
        progress(words("写入 {count:,} 条记录", count=len(parsed.bundle)))
        report.counts = store.load(
            parsed.bundle, source=source, warnings=[str(w) for w in report.warnings]
        )
        if aliases:
            store.remember_aliases(aliases)
        report.written = True
    progress(words("完成"))
    return report


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while a load builds its records.

    A ledger of 200,000 rows makes millions of small objects, none of them in
    cycles; with the collector on, its full passes over the growing heap made
    resolving names superlinear (83 s at M against 2 s at a tenth of the size).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _quiet(stage: Words) -> None:
    """No progress to show."""


def load_paths(
    paths: Sequence[Path | str],
    store: Store,
    *,
    dry_run: bool = False,
    resolutions: Sequence[Resolution] = (),
    limits: Limits | None = None,
    progress: Callable[[Words], None] | None = None,
) -> LoadReport:
    """Read files and folders (CSV, JSON, XLSX) and load them into ``store``."""
    if progress:
        progress(words("读取文件"))
    with paused_gc():
        raw_tables, problems = read_paths(paths, limits)
    source = ", ".join(str(p) for p in paths)
    return load_tables(
        raw_tables,
        problems,
        store,
        source=source,
        dry_run=dry_run,
        resolutions=resolutions,
        limits=limits,
        progress=progress,
    )
