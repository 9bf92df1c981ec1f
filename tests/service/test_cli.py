"""The cobuild command: load, stats, template, demo."""

from __future__ import annotations

import json

from click.testing import CliRunner
from openpyxl import load_workbook

from service.cli import main


def test_load_prints_what_it_added(tmp_path, sqlite_url):
    """`cobuild load FOLDER` prints counts per table and exits 0."""
    (tmp_path / "zones.csv").write_text("id,name,kind\nS1,清河街道,street\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["load", str(tmp_path / "zones.csv"), "--store", sqlite_url])
    assert result.exit_code == 0, result.output
    assert "zones" in result.output and "新增 added        1" in result.output


def test_load_with_bad_rows_exits_2_and_lists_them(tmp_path, sqlite_url):
    """Bad input: exit status 2, each problem as file:row:column: message, nothing written."""
    (tmp_path / "zones.csv").write_text(
        "id,name,kind\nS1,,street\nS2,东湖,town\n", encoding="utf-8"
    )
    result = CliRunner().invoke(main, ["load", str(tmp_path / "zones.csv"), "--store", sqlite_url])
    assert result.exit_code == 2
    assert "zones.csv:2:name: 必填项为空 / required value is missing" in result.output
    assert "zones.csv:3:kind: “town”不是允许的值" in result.output
    stats = CliRunner().invoke(main, ["stats", "--json", "--store", sqlite_url])
    assert json.loads(stats.output)["zones"] == 0


def test_store_url_comes_from_the_environment(tmp_path, sqlite_url):
    """COBUILD_STORE is the default for --store."""
    result = CliRunner().invoke(main, ["stats", "--json"], env={"COBUILD_STORE": sqlite_url})
    assert json.loads(result.output) == {
        "zones": 0,
        "units": 0,
        "party_orgs": 0,
        "members": 0,
        "agreements": 0,
        "activities": 0,
        "participations": 0,
    }


def test_a_bad_store_url_is_one_clear_sentence(tmp_path):
    """An unknown scheme exits 1 with a sentence, not a traceback."""
    result = CliRunner().invoke(main, ["stats", "--store", "mysql://x"])
    assert result.exit_code == 1
    assert "unknown store URL" in result.output and "Traceback" not in result.output


def test_template_writes_a_workbook(tmp_path):
    """`cobuild template FILE` writes the planning workbook."""
    out = tmp_path / "planning.xlsx"
    assert CliRunner().invoke(main, ["template", str(out)]).exit_code == 0
    assert "单位 units" in load_workbook(out).sheetnames


def test_demo_writes_files_and_loads_them(tmp_path, sqlite_url):
    """`cobuild demo --no-serve --out DIR` writes CSV and XLSX and loads the district."""
    result = CliRunner().invoke(
        main,
        [
            "demo",
            "--no-serve",
            "--out",
            str(tmp_path / "demo"),
            "--store",
            sqlite_url,
            "--accounts",
            str(tmp_path / "accounts.db"),
            "--end",
            "2026-06-30",
        ],
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "demo" / "csv" / "units.csv").exists()
    assert (tmp_path / "demo" / "demo.xlsx").exists()
    stats = json.loads(CliRunner().invoke(main, ["stats", "--json", "--store", sqlite_url]).output)
    assert stats["units"] > 300 and stats["participations"] > 5000
