"""The ``cobuild`` command: load, template, stats, demo, serve and the reports.

Every command takes ``--store URL`` (default: ``COBUILD_STORE``, else
``sqlite:///var/cobuild.db``). Exit status: 0 done, 1 failed, 2 bad input,
3 names need review (``cobuild load``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sys
from contextlib import closing
from pathlib import Path

import click

from graphmodel.store import open_store, redacted

from .commands.common import reports_errors, store_option
from .commands.load import load, print_counts
from .commands.report import report
from .commands.suggest import backtest, suggest
from .commands.users import accounts_option, ensure_admin, hand_over, open_accounts, users


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """cobuild — 区域化党建协作网络分析 / collaboration network analysis."""


main.add_command(users)
main.add_command(load)  # issue 12: ledgers, review, exit status 3
main.add_command(report)  # issue 4
main.add_command(suggest)  # issue 5
main.add_command(backtest)


@main.command()
@click.argument("out", type=click.Path(path_type=Path, dir_okay=False))
def template(out: Path) -> None:
    """Write the empty planning workbook (one sheet per table, with help)."""
    from loaders.files import write_workbook

    write_workbook(out)
    click.echo(f"已写出模板 template written: {out}")


@main.command()
@store_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON keyed by table name.")
@reports_errors
def stats(store_url: str, as_json: bool) -> None:
    """How many records of each table the store holds."""
    with closing(open_store(store_url)) as store:
        counts = store.counts()
    if as_json:
        click.echo(json.dumps(counts))
    else:
        for table, n in counts.items():
            click.echo(f"{table:<15} {n:>9}")


@main.command()
@click.option("--seed", default=7, show_default=True, help="Random seed of the district.")
@click.option(
    "--scale",
    type=click.Choice(["district", "S", "M"]),
    default="district",
    show_default=True,
    help="district: hundreds of units; S ≈ 5,000; M ≈ 50,000.",
)
@click.option(
    "--end",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help="Last day of the three years of activities (default: today).",
)
@click.option(
    "--out", type=click.Path(path_type=Path, file_okay=False), help="Also write CSV + XLSX here."
)
@click.option(
    "--partner-rule",
    type=click.Choice(["mixed", "structure", "proximity", "no-offers"]),
    default="mixed",
    show_default=True,
    help="Why partners meet: the mixed rules, only partners of partners, only the nearest "
    "units, or the mixed rules with no offers and needs recorded.",
)
@click.option("--no-serve", is_flag=True, help="Load the demo and stop.")
@store_option
@accounts_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True)
@reports_errors
def demo(
    seed: int,
    scale: str,
    end: dt.datetime | None,
    out: Path | None,
    partner_rule: str,
    no_serve: bool,
    store_url: str,
    accounts_path: str,
    host: str,
    port: int,
) -> None:
    """Generate the demo district, load it, and serve it (creating a demo admin if none)."""
    from loaders.demo import generate
    from loaders.files import write_csv_folder, write_workbook
    from loaders.load import load_tables
    from loaders.problems import LoadReport
    from loaders.readers import read_paths

    bundle = generate(
        seed=seed, scale=scale, end=end.date() if end else None, partner_rule=partner_rule
    )
    click.echo(f"已生成示范城区 demo district generated: {bundle.sizes()}")
    if out:
        write_csv_folder(bundle, out / "csv")
        workbook = write_workbook(out / "demo.xlsx", bundle) if scale == "district" else None
        click.echo(
            f"示范数据已写出 demo files written: {out / 'csv'}"
            + (f", {workbook}" if workbook else "")
        )
    source = f"demo seed={seed} scale={scale}" + (
        f" partner-rule={partner_rule}" if partner_rule != "mixed" else ""
    )
    with closing(open_store(store_url)) as store:
        if out:
            # Load the files just written: the demo doubles as a check of the import format.
            tables, problems = read_paths([out / "csv"])
            report = load_tables(tables, problems, store, source=source)
        else:
            report = LoadReport(written=True)
            report.counts = store.load(bundle, source=source)
    for problem in report.problems:
        click.echo(str(problem), err=True)
    if report.errors:
        sys.exit(2)
    click.echo(f"已导入 loaded into {redacted(store_url)}:")
    print_counts(report.counts)
    password = ensure_admin(open_accounts(accounts_path))
    if password:
        click.echo("已创建示范管理员 demo admin created: admin")
        hand_over("admin", password)
    if not no_serve:
        _serve(store_url, accounts_path, host, port)


@main.command()
@store_option
@accounts_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True)
@reports_errors
def serve(store_url: str, accounts_path: str, host: str, port: int) -> None:
    """Serve the web app (Flask's server; production runs gunicorn)."""
    if not open_accounts(accounts_path).has_admin():
        click.echo(
            "cobuild: 没有管理员账户，拒绝启动 / no admin account, refusing to serve.\n"
            "  先创建一个 create one first:  cobuild users add NAME --role admin",
            err=True,
        )
        sys.exit(1)
    _serve(store_url, accounts_path, host, port)


def _serve(store_url: str, accounts_path: str, host: str, port: int) -> None:
    from . import create_app
    from .settings import Settings

    settings = dataclasses.replace(Settings.from_env(), store=store_url, accounts=accounts_path)
    app = create_app(settings)
    click.echo(f"cobuild 已启动 serving at http://{host}:{port}/  (store {redacted(store_url)})")
    app.run(host=host, port=port, threaded=True)


if __name__ == "__main__":
    main()
