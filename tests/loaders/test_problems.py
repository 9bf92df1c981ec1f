"""Bad input: every problem reported with file, row and column, and nothing written."""

from __future__ import annotations

import pytest

from loaders.load import load_paths

from .conftest import ACTIVITIES, PARTICIPATIONS, UNITS, write_csv


def _problems(folder, store) -> list[str]:
    before = store.counts()
    report = load_paths([folder], store)
    assert not report.written
    assert store.counts() == before, "a rejected load must write nothing"
    return [str(p) for p in report.errors]


def _replace(rows, row, column, value):
    rows = [list(r) for r in rows]
    rows[row][column] = value
    return rows


@pytest.mark.parametrize(
    ("file", "rows", "expected"),
    [
        (
            "units",
            _replace(UNITS, 1, 1, ""),
            "units.csv:2:名称 name: 必填项为空 / required value is missing",
        ),
        ("units", _replace(UNITS, 2, 2, "公司"), "units.csv:3:类型 kind: “公司”不是允许的值"),
        ("units", _replace(UNITS, 1, 4, "十二"), "units.csv:2:人数: “十二”不是整数"),
        (
            "units",
            _replace(UNITS, 1, 3, "无名街道"),
            "units.csv:2:所属街道 street: 所属街道“无名街道”不是已知区域",
        ),
        ("units", _replace(UNITS, 2, 0, "U1"), "units.csv:3:编号 id: 重复的编号（首次出现在"),
        (
            "activities",
            _replace(ACTIVITIES, 1, 3, "2026-02-30"),
            "activities.csv:2:date: “2026-02-30”不是有效日期",
        ),
        (
            "activities",
            _replace(ACTIVITIES, 2, 3, "next week"),
            "activities.csv:3:date: “next week”不是有效日期",
        ),
        (
            "participations",
            _replace(PARTICIPATIONS, 2, 1, "U9"),
            "participations.csv:3:单位: 引用了不存在的单位“U9”",
        ),
        (
            "participations",
            _replace(PARTICIPATIONS, 1, 0, "A9"),
            "participations.csv:2:活动: 引用了不存在的活动“A9”",
        ),
        (
            "participations",
            _replace(PARTICIPATIONS, 3, 1, ""),
            "participations.csv:4:单位: 单位、党组织、党员至少填一项",
        ),
    ],
)
def test_a_bad_cell_is_reported_where_it_is(folder, empty_store, file, rows, expected):
    """Each kind of bad cell names file, row and column, and nothing is written."""
    write_csv(folder / f"{file}.csv", rows)
    problems = _problems(folder, empty_store)
    assert any(expected in p for p in problems), problems


def test_every_problem_is_reported_at_once(folder, empty_store):
    """All problems of all files come in one report, not just the first."""
    write_csv(folder / "units.csv", _replace(_replace(UNITS, 1, 1, ""), 2, 4, "x"))
    write_csv(folder / "activities.csv", _replace(ACTIVITIES, 1, 3, "bad"))
    assert len(_problems(folder, empty_store)) >= 3


def test_a_missing_required_column_is_reported_on_the_header(folder, empty_store):
    """A table without a required column fails at row 1."""
    write_csv(folder / "zones.csv", [["id", "name"], ["S1", "清河街道"]])
    problems = _problems(folder, empty_store)
    assert any("zones.csv:1:类型 kind: 缺少必填列" in p for p in problems), problems


def test_an_empty_file_is_an_error(folder, empty_store):
    """A zero-byte file is reported as empty."""
    (folder / "agreements.csv").write_bytes(b"")
    assert any("agreements.csv:-:-: 文件为空" in p for p in _problems(folder, empty_store))


def test_an_undecodable_file_is_an_error(folder, empty_store):
    """Bytes that are neither UTF-8 nor GBK are reported, not guessed."""
    (folder / "zones.csv").write_bytes(b"id,name,kind\n\xff\xfe\xfa\x80,x,street\n")
    assert any("无法识别文件编码" in p for p in _problems(folder, empty_store))


def test_a_corrupt_workbook_is_an_error(tmp_path, empty_store):
    """A file named .xlsx that is not a workbook is reported."""
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"PK\x03\x04 this is not a zip")
    problems = _problems(bad, empty_store)
    assert any("bad.xlsx:-:-: 不是有效的 XLSX 文件" in p for p in problems), problems


def test_unknown_columns_and_files_are_warnings(folder, empty_store):
    """An extra column or an unknown file name warns but does not stop the load."""
    write_csv(folder / "units.csv", [[*UNITS[0], "备注"], *[[*r, "x"] for r in UNITS[1:]]])
    write_csv(folder / "notes.csv", [["a"], ["b"]])
    report = load_paths([folder], empty_store)
    assert report.written
    warnings = [str(w) for w in report.warnings]
    assert any("units.csv:1:备注: 警告 warning: 未知的列" in w for w in warnings), warnings
    assert any("notes.csv" in w and "不对应任何表" in w for w in warnings), warnings


def test_an_unknown_sheet_is_a_warning(tmp_path, empty_store):
    """A workbook sheet that names no table is skipped with a warning."""
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "草稿"
    book.active.append(["x"])
    zones = book.create_sheet("zones")
    zones.append(["id", "name", "kind"])
    zones.append(["S1", "街道", "street"])
    book.save(tmp_path / "w.xlsx")
    report = load_paths([tmp_path / "w.xlsx"], empty_store)
    assert report.written
    assert any(w.sheet == "草稿" for w in report.warnings)


def test_a_bad_load_into_a_full_store_changes_nothing(folder, empty_store):
    """After a good load, a bad one leaves every table as it was."""
    load_paths([folder], empty_store)
    write_csv(folder / "units.csv", _replace(UNITS, 1, 2, "公司"))
    _problems(folder, empty_store)
    assert empty_store.units()[0].kind == "community"
