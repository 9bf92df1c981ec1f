"""``cobuild suggest`` and ``cobuild backtest``: suggested partners, and how good they are.

The commands parse their options, call :mod:`graphmodel.suggest.answers` and
print; the web pages read the same functions. The analysis is imported when a
command runs, so that ``cobuild`` itself starts quickly.
"""

from __future__ import annotations

import datetime as dt
import json

import click

from graphmodel.store import open_store, redacted
from graphmodel.window import parse_date, parse_scope, parse_window

from .common import reports_errors, store_option

k_option = click.option(
    "-k", "k", default=10, show_default=True, type=click.IntRange(1, 200), help="How many partners."
)
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON.")


@click.command("suggest")
@click.argument("unit_id")
@store_option
@k_option
@json_option
@click.option("--end", default=None, help="Last day of the window, YYYY-MM-DD (default: today).")
@click.option("--months", default=12, show_default=True, type=int, help="Window length in months.")
@click.option("--scope", "scope_items", multiple=True, help="street:ID, zone:ID or kind:KIND.")
@click.option("--include-dismissed", is_flag=True, help="Also list partners planners dismissed.")
@reports_errors
def suggest(
    unit_id: str,
    store_url: str,
    k: int,
    as_json: bool,
    end: str | None,
    months: int,
    scope_items: tuple[str, ...],
    include_dismissed: bool,
) -> None:
    """Suggested partners (建议结对) for UNIT_ID, with score parts and reasons."""
    from graphmodel.suggest.answers import suggestions_for
    from graphmodel.suggest.scoring import PARTS

    window = parse_window(end, months, today=dt.date.today())
    store = open_store(store_url)
    try:
        data = suggestions_for(
            store,
            window,
            unit_id,
            parse_scope(scope_items),
            k=k,
            include_dismissed=include_dismissed,
        )
    finally:
        store.close()
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=1))
        return
    w = data["window"]
    click.echo(f"{data['unit_name']} ({data['unit']})  {w['start']} – {w['end']}")
    if not data["suggestions"]:
        click.echo("没有可建议的结对单位 / no partner to suggest")
    for rank, s in enumerate(data["suggestions"], start=1):
        mark = f"  [{s['decision']}]" if s["decision"] else ""
        click.echo(f"{rank:>3}. {s['partner_name']} ({s['partner']})  {s['score']:.3f}{mark}")
        parts = "  ".join(f"{p} {s['parts'][p]:+.2f}" for p in PARTS if s["parts"][p])
        click.echo(f"     {parts}")
        click.echo(f"     {'；'.join(r['zh'] for r in s['reasons'])}")
        click.echo(f"     {'; '.join(r['en'] for r in s['reasons'])}")


@click.command("backtest")
@store_option
@click.option(
    "--split",
    default=None,
    help="Hide what happened after this day, YYYY-MM-DD (default: the last --horizon months).",
)
@k_option
@json_option
@click.option("--months", default=12, show_default=True, type=int, help="Window before the split.")
@click.option("--horizon", default=6, show_default=True, type=int, help="Months after the split.")
@click.option("--seed", default=7, show_default=True, type=int, help="Seed of the random baseline.")
@reports_errors
def backtest(
    store_url: str, split: str | None, k: int, as_json: bool, months: int, horizon: int, seed: int
) -> None:
    """Precision@k, recall@k and MRR of the suggestions against baselines (回测)."""
    from graphmodel.suggest.answers import backtest_store

    store = open_store(store_url)
    try:
        result = backtest_store(
            store,
            parse_date(split) if split else None,
            months=months,
            horizon=horizon,
            k=k,
            seed=seed,
        )
    finally:
        store.close()
    data = result.as_dict()
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=1))
        return
    click.echo(
        f"{redacted(store_url)}: 以 {data['split']} 为界 split, 检验期 test to {data['test_end']}; "
        f"{data['units']} 个单位有新结对 units with new partners, "
        f"{data['new_partnerships']} 对新结对 new partnerships, "
        f"{data['isolated']} 个孤立单位 isolated"
    )
    model = data["model"]
    click.echo(
        f"在用的评分 score in use: {model['method']} ({model['reason']}); "
        + (
            f"权重拟合于 fitted on {len(model['fit']['windows'])} 个更早的窗口 earlier windows, "
            f"{model['fit']['pairs']:,} 对样本 pairs, {model['fit']['seconds']:.1f} s"
            if model["fit"] and model["fit"]["weights"]
            else "手设权重 hand-set weights"
        )
    )
    click.echo(f"{'method':<28}{'P@' + str(k):>9}{'R@' + str(k):>9}{'MRR':>9}{'coverage':>10}")
    for name, row in data["methods"].items():
        click.echo(
            f"{name:<28}{row['precision']:>9.4f}{row['recall']:>9.4f}{row['mrr']:>9.4f}"
            f"{row['coverage']:>6}/{data['isolated']}"
        )
    for name, margin in data["margins"].items():
        ratios = "  ".join(
            f"{m} {'—' if margin[m] is None else format(margin[m], '.2f') + '×'}"
            for m in ("precision", "recall", "mrr")
        )
        click.echo(f"cobuild ÷ {name:<23} {ratios}")
