"""`cobuild suggest` and `cobuild backtest`: their output and JSON shape."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from graphmodel.store import open_store
from graphmodel.suggest import PARTS
from graphmodel.suggest.backtest import METHODS
from service.cli import main


@pytest.fixture
def loaded(sqlite_url, small_bundle) -> str:
    open_store(sqlite_url).load(small_bundle)
    return sqlite_url


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_suggest_json_has_unit_and_ranked_suggestions(loaded):
    """--json prints {unit, suggestions: [{partner, score, parts, reasons}]}."""
    result = run("suggest", "U1", "--store", loaded, "--end", "2026-07-31", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["unit"] == "U1"
    first = data["suggestions"][0]
    assert {"partner", "score", "parts", "reasons"} <= set(first)
    assert first["partner"] == "U4" and set(first["parts"]) == set(PARTS)
    assert {"part", "zh", "en"} == set(first["reasons"][0])


def test_suggest_prints_partners_with_parts_and_reasons(loaded):
    """The plain output lists each partner, its score parts and reasons in both languages."""
    result = run("suggest", "U1", "--store", loaded, "--end", "2026-07-31", "-k", "3")
    assert result.exit_code == 0, result.output
    assert "1. 华远建设有限公司 (U4)" in result.output
    assert "common_partners +" in result.output
    assert "有2个共同共建伙伴" in result.output and "2 partners in common" in result.output


def test_suggest_for_an_unknown_unit_exits_1_with_a_sentence(loaded):
    """An unknown unit is one clear line on stderr and exit status 1."""
    result = run("suggest", "U9", "--store", loaded)
    assert result.exit_code == 1
    assert "U9" in result.output and "Traceback" not in result.output


def test_suggest_refuses_k_zero(loaded):
    """-k 0 is a usage error."""
    assert run("suggest", "U1", "--store", loaded, "-k", "0").exit_code == 2


def test_backtest_json_reports_every_method(loaded):
    """--json prints the split, the figures of every method and the margins."""
    result = run("backtest", "--store", loaded, "--split", "2026-06-01", "--json", "-k", "2")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["split"] == "2026-06-01" and data["k"] == 2
    assert list(data["methods"]) == [m for m in METHODS if m != "fitted"]  # too short to fit
    assert data["model"]["reason"] == "short-history"
    assert {"precision", "recall", "mrr", "coverage", "units"} <= set(data["methods"]["cobuild"])
    assert data["new_partnerships"] == 2  # U2–U4 and U3–U4, first met on 1 July


def test_backtest_prints_a_table(loaded):
    """The plain output is a table with one row per method."""
    result = run("backtest", "--store", loaded, "--split", "2026-06-01")
    assert result.exit_code == 0, result.output
    assert all(name in result.output for name in METHODS if name != "fitted")


def test_backtest_json_on_a_demo_variant_reports_fitted_fixed_and_baselines(sqlite_url, tmp_path):
    """`cobuild demo --partner-rule proximity`, then `backtest --json`: the fitted model beside
    the fixed weights and every baseline, with the validation split, and not below the best."""
    accounts = str(tmp_path / "accounts.db")
    made = run(
        "demo", "--store", sqlite_url, "--accounts", accounts, "--end", "2026-06-30",
        "--partner-rule", "proximity", "--no-serve",
    )  # fmt: skip
    assert made.exit_code == 0, made.output
    data = json.loads(run("backtest", "--store", sqlite_url, "--json").output)
    assert list(data["methods"]) == list(METHODS)
    assert data["split"] == "2025-12-31" and data["model"]["split"] == "2025-12-31"
    best = data["methods"][data["best_baseline"]]["precision"]
    assert data["methods"]["cobuild"]["precision"] >= best > 0


def test_backtest_of_an_empty_store_exits_1(sqlite_url):
    """With no activities there is nothing to backtest: one sentence, exit status 1."""
    result = run("backtest", "--store", sqlite_url)
    assert result.exit_code == 1
    assert "activities" in result.output
