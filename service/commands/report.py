"""``cobuild report``: the collaboration report for a window and a scope, as XLSX or JSON.

The command only parses its options, asks :func:`graphmodel.report.report`
and writes the file; the service's pages read the same function.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import sys
from pathlib import Path

import click

from graphmodel.errors import CobuildError
from graphmodel.report import report as collaboration_report
from graphmodel.report import report_tables
from graphmodel.store import open_store, redacted
from graphmodel.window import parse_scope, parse_window
from service.exports import Sheet, write_xlsx

from .common import store_option

FORMATS = (".xlsx", ".json")


def write_report(data: dict, out: Path) -> None:
    """Write ``data`` (a report) to ``out``: one sheet per metric, or JSON."""
    if out.suffix.lower() == ".json":
        out.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        return
    meta = data["meta"]
    made = f"导出 exported by：{getpass.getuser()}，{dt.datetime.now():%Y-%m-%d %H:%M}"
    tail = (
        f"范围 scope：{meta['scope_label']} · "
        f"时间窗口 window：{meta['window']['start']} 至 {meta['window']['end']} · {made}"
    )
    sheets = [
        Sheet(
            t.title,
            t.headers,
            t.values(),
            caption=f"{t.title} · {tail}",
            formats=t.formats,
        )
        for t in report_tables(data)
    ]
    write_xlsx(out, sheets)


@click.command("report")
@store_option
@click.option("--end", default=None, help="Last day of the window, YYYY-MM-DD (default: today).")
@click.option("--months", default=12, show_default=True, type=int, help="Window length in months.")
@click.option(
    "--scope",
    "scope_items",
    multiple=True,
    help="street:ID, zone:ID or kind:KIND (repeatable; default: the whole district).",
)
@click.option(
    "--out",
    required=True,
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Output file: .xlsx (one sheet per metric) or .json.",
)
def report(
    store_url: str, end: str | None, months: int, scope_items: tuple[str, ...], out: Path
) -> None:
    """Write the collaboration report (协作分析报告) as XLSX or JSON."""
    if out.suffix.lower() not in FORMATS:
        raise click.BadParameter("the file must end in .xlsx or .json", param_hint="--out")
    try:
        window = parse_window(end, months, today=dt.date.today())
        scope = parse_scope(scope_items)
        store = open_store(store_url)
        try:
            data = collaboration_report(store, window, scope)
        finally:
            store.close()
        write_report(data, out)
    except CobuildError as exc:
        click.echo(f"cobuild: {exc}", err=True)
        sys.exit(1)
    meta = data["meta"]
    click.echo(
        f"{out}: {meta['units_in_scope']} 个单位 units, "
        f"{meta['window']['start']} – {meta['window']['end']}, "
        f"{meta['scope_label']} ({redacted(store_url)})"
    )
