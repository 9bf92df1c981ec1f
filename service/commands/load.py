"""``cobuild load``: import files; names that need the planner's decision stop it with status 3.

cobuild load 2024活动台账.xlsx --review review.xlsx        # exit 3, review.xlsx written
cobuild load 2024活动台账.xlsx --resolutions review.xlsx   # exit 0, answers remembered
"""

from __future__ import annotations

import json
import sys
import time
from contextlib import closing
from pathlib import Path

import click

from graphmodel.store import TableCounts, open_store, redacted
from translations import Words

from .common import reports_errors, store_option

#: Exit status when names need review (0 done, 1 failed, 2 bad input).
NEEDS_REVIEW = 3


def print_counts(counts: dict[str, TableCounts]) -> None:
    for table, c in counts.items():
        click.echo(
            f"  {table:<15} 新增 added {c.added:>8}  更新 updated {c.updated:>8}"
            f"  未变 unchanged {c.unchanged:>8}"
        )


class Progress:
    """Stage lines on the terminal (stderr) once a load has taken more than a moment."""

    QUIET_FOR = 2.0  # seconds: quick loads print nothing extra

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.start = time.perf_counter()

    def __call__(self, stage: Words) -> None:
        elapsed = time.perf_counter() - self.start
        if self.enabled and (elapsed > self.QUIET_FOR or sys.stderr.isatty()):
            click.echo(f"  [{elapsed:6.1f} s] {stage.zh} / {stage.en}", err=True)


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@store_option
@click.option("--dry-run", is_flag=True, help="Validate only; write nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option(
    "--review",
    "review_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Where to write the names that need review (default: FIRST-FILE.review.xlsx).",
)
@click.option(
    "--resolutions",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="A filled-in review workbook: apply its decisions and remember them.",
)
@click.option(
    "--problems",
    "problems_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Also write the problems as a workbook (one row per problem).",
)
@click.option("--verbose", "-v", is_flag=True, help="Also print notes (which rule matched a name).")
@reports_errors
def load(
    paths: tuple[Path, ...],
    store_url: str,
    dry_run: bool,
    as_json: bool,
    review_path: Path | None,
    resolutions: Path | None,
    problems_path: Path | None,
    verbose: bool,
) -> None:
    """Import CSV / JSON files, folders of them, XLSX workbooks, or planners' ledgers."""
    from loaders.load import load_paths
    from loaders.review import read_resolutions

    answers = []
    if resolutions is not None:
        answers, bad = read_resolutions(resolutions)
        if bad:
            for problem in bad:
                click.echo(str(problem), err=True)
            sys.exit(2)
    progress = Progress(enabled=not as_json)
    with closing(open_store(store_url)) as store:
        report = load_paths(paths, store, dry_run=dry_run, resolutions=answers, progress=progress)
        if report.review:
            review_path = review_path or paths[0].with_suffix(".review.xlsx")
            _write_review(review_path, report, store)
    if problems_path is not None:
        from loaders.problem_book import write_problems

        write_problems(problems_path, report.problems)
    if as_json:
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        _print_report(report, store_url, review_path, verbose)
    if report.errors:
        sys.exit(2)
    if report.review:
        sys.exit(NEEDS_REVIEW)


def _write_review(path: Path, report, store) -> None:
    from graphmodel.records import ZoneKind
    from loaders.review import kind_labels, write_review

    streets = {z.id: z.name for z in store.zones() if z.kind == ZoneKind.STREET.value}
    path.parent.mkdir(parents=True, exist_ok=True)
    write_review(path, report.review, streets, kind_labels())


def _print_report(report, store_url: str, review_path: Path | None, verbose: bool) -> None:
    for problem in report.problems:
        if verbose or problem.severity != "note":
            click.echo(str(problem), err=True)
    if report.rules:
        rules = ", ".join(f"{rule} {n}" for rule, n in sorted(report.rules.items()))
        click.echo(f"名称匹配 names matched: {rules}", err=True)
    if report.errors:
        click.echo(
            f"发现 {len(report.errors)} 个错误，未写入任何数据 / "
            f"{len(report.errors)} error(s); nothing was written",
            err=True,
        )
    if report.review:
        n = len(report.review)
        click.echo(
            f"需要确认 {n} 个名称，未写入任何数据；请在 {review_path} 中填写“决定”列，"
            f"再用 --resolutions {review_path} 导入 / {n} names need review; nothing was"
            f" written. Fill in the decision column of {review_path} and load again with"
            f" --resolutions {review_path}",
            err=True,
        )
    elif report.written:
        click.echo(f"已导入 loaded into {redacted(store_url)}:")
        print_counts(report.counts)
    elif not report.errors:
        click.echo("检查通过，未写入（--dry-run） / valid; nothing written (--dry-run)")
