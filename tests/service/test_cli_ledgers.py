"""`cobuild load` with ledgers: exit status 3 and a review workbook, then --resolutions."""

from __future__ import annotations

import json

from click.testing import CliRunner
from openpyxl import Workbook, load_workbook

from graphmodel.store import Bundle, open_store
from loaders.review import DECISION, SHEET
from service.cli import main

LEDGER = [
    ["日期", "活动名称", "活动类型", "牵头单位", "参与单位"],
    ["2026.3.5", "联合主题党日", "主题党日", "清河街道桂花社区党委", "区统记局、华远建设公司"],
]


def ledger(tmp_path, rows=LEDGER):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    path = tmp_path / "台账.xlsx"
    book.save(path)
    return path


def store_url(tmp_path, small_bundle) -> str:
    url = f"sqlite:///{tmp_path}/cli.db"
    store = open_store(url)
    store.load(Bundle(zones=small_bundle.zones, units=small_bundle.units))
    return url


def run(*args):
    return CliRunner().invoke(main, ["load", *map(str, args)])


def test_unresolved_names_exit_3_with_a_review_workbook(tmp_path, small_bundle):
    """A typo stops the load with status 3, writes nothing and writes the review workbook."""
    url = store_url(tmp_path, small_bundle)
    review = tmp_path / "review.xlsx"
    result = run(ledger(tmp_path), "--store", url, "--review", review)
    assert result.exit_code == 3, result.output
    assert "需要确认 1 个名称" in result.output and "1 names need review" in result.output
    assert open_store(url).counts()["activities"] == 0
    sheet = load_workbook(review)[SHEET]
    assert sheet.cell(row=2, column=1).value == "区统记局"
    assert sheet.cell(row=2, column=5).value == "区统计局 [U2]"


def test_the_decision_column_is_a_drop_down(tmp_path, small_bundle):
    """The decision cell validates against a list: the candidates, 新建单位 and 忽略."""
    url = store_url(tmp_path, small_bundle)
    review = tmp_path / "review.xlsx"
    run(ledger(tmp_path), "--store", url, "--review", review)
    book = load_workbook(review)
    rules = book[SHEET].data_validations.dataValidation
    decision = next(r for r in rules if "N2" in str(r.sqref))
    assert decision.type == "list"
    sheet_name, cells = decision.formula1.split("!")
    options = [c.value for row in book[sheet_name.strip("'")][cells.replace("$", "")] for c in row]
    assert options == ["区统计局 [U2]", "新建单位 new unit", "忽略 ignore"]


def test_loading_with_resolutions_writes_and_remembers(tmp_path, small_bundle):
    """With the filled-in review the load exits 0 and the next load needs no review."""
    url = store_url(tmp_path, small_bundle)
    review = tmp_path / "review.xlsx"
    path = ledger(tmp_path)
    run(path, "--store", url, "--review", review)
    book = load_workbook(review)
    book[SHEET].cell(row=2, column=DECISION).value = "区统计局 [U2]"
    book.save(review)
    result = run(path, "--store", url, "--resolutions", review)
    assert result.exit_code == 0, result.output
    assert open_store(url).counts()["participations"] == 3
    assert run(path, "--store", url).exit_code == 0


def test_dry_run_with_resolutions_writes_nothing(tmp_path, small_bundle):
    """--dry-run checks the ledger with the answers but writes neither records nor aliases."""
    url = store_url(tmp_path, small_bundle)
    review = tmp_path / "review.xlsx"
    path = ledger(tmp_path)
    run(path, "--store", url, "--review", review)
    book = load_workbook(review)
    book[SHEET].cell(row=2, column=DECISION).value = "忽略 ignore"
    book.save(review)
    result = run(path, "--store", url, "--resolutions", review, "--dry-run")
    assert result.exit_code == 0, result.output
    assert open_store(url).counts()["activities"] == 0 and open_store(url).aliases() == []


def test_the_json_report_lists_names_to_review(tmp_path, small_bundle):
    """--json carries the names, where they occur and their candidates."""
    url = store_url(tmp_path, small_bundle)
    result = run(ledger(tmp_path), "--store", url, "--json", "--review", tmp_path / "r.xlsx")
    report = json.loads(result.output)
    assert result.exit_code == 3
    [name] = report["review"]
    assert name["name"] == "区统记局" and name["candidates"][0]["unit"] == "U2"
    assert name["places"] == [f"{tmp_path / '台账.xlsx'}:Sheet:2"]


def test_a_bad_answer_is_bad_input_naming_the_review_row(tmp_path, small_bundle):
    """A decision naming no unit exits 2 with the review file's row and column."""
    url = store_url(tmp_path, small_bundle)
    review = tmp_path / "review.xlsx"
    path = ledger(tmp_path)
    run(path, "--store", url, "--review", review)
    book = load_workbook(review)
    book[SHEET].cell(row=2, column=DECISION).value = "不存在 [U99]"
    book.save(review)
    result = run(path, "--store", url, "--resolutions", review)
    assert result.exit_code == 2
    assert f"{review}:2:决定 decision" in result.output
