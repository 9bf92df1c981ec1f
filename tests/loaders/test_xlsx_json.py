"""Loading workbooks (Chinese headers, Excel dates, the template) and JSON."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from openpyxl import Workbook, load_workbook

from loaders.files import write_workbook
from loaders.ledger_schema import LEDGERS
from loaders.load import load_paths
from loaders.table_formats import TABLE_FORMATS

from .conftest import ACTIVITIES, PARTICIPATIONS, UNITS, ZONES


def _workbook(path, sheets: dict[str, list[list]]):
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def test_a_workbook_with_chinese_sheets_and_headers_loads(tmp_path, empty_store):
    """Sheets named in Chinese with Chinese headers load like the CSV folder."""
    activities = [ACTIVITIES[0], ["A1", "联合主题党日", "主题党日", dt.datetime(2026, 3, 5), "U1"]]
    path = _workbook(
        tmp_path / "规划.xlsx",
        {"区域": ZONES, "单位": UNITS, "活动": activities, "参与": PARTICIPATIONS[:3]},
    )
    report = load_paths([path], empty_store)
    assert report.ok, [str(p) for p in report.problems]
    assert empty_store.activities()[0].date == dt.date(2026, 3, 5)


def test_numbers_typed_into_text_columns_are_read_as_text(tmp_path, empty_store):
    """An id typed as a number in Excel (1001) is the text "1001", not "1001.0"."""
    path = _workbook(
        tmp_path / "n.xlsx", {"zones": [["id", "name", "kind"], [1001, "街道", "street"]]}
    )
    load_paths([path], empty_store)
    assert empty_store.zones()[0].id == "1001"


def test_the_template_has_a_sheet_per_table_and_an_explanation(tmp_path):
    """The empty template: the three ledgers, one sheet per table, bilingual headers, help."""
    path = write_workbook(tmp_path / "planning.xlsx")
    book = load_workbook(path)
    assert [t.sheet for t in (*LEDGERS, *TABLE_FORMATS)] == [
        s for s in book.sheetnames if s not in ("说明 help", "选项 lists")
    ]
    units = book["单位 units"]
    assert [c.value for c in units[1]][:3] == ["编号 id", "名称 name", "类型 kind"]
    validated = {str(r.sqref).split(":")[0] for r in units.data_validations.dataValidation}
    assert "C2" in validated  # the kind column has a drop-down
    help_columns = {row[1] for row in book["说明 help"].iter_rows(min_row=2, values_only=True)}
    assert {"street", "registered_at", "role"} <= help_columns


def test_the_empty_template_loads_as_nothing_to_do(tmp_path, empty_store):
    """Loading the untouched template writes no records and reports no error."""
    path = write_workbook(tmp_path / "planning.xlsx")
    report = load_paths([path], empty_store)
    assert report.ok
    assert sum(empty_store.counts().values()) == 0


def test_a_filled_template_round_trips(tmp_path, empty_store, small_bundle):
    """A bundle written as a workbook loads back equal."""
    path = write_workbook(tmp_path / "bundle.xlsx", small_bundle)
    report = load_paths([path], empty_store)
    assert report.ok, [str(p) for p in report.problems]
    assert empty_store.units() == small_bundle.units
    assert empty_store.members() == small_bundle.members


def test_json_object_keyed_by_table_loads(tmp_path, empty_store):
    """A JSON object whose keys are table names loads each table; list cells may be arrays."""
    doc = {
        "zones": [{"id": "S1", "name": "清河街道", "kind": "street"}],
        "units": [
            {
                "id": "U1",
                "name": "桂花社区",
                "kind": "community",
                "street": "S1",
                "offers": ["场地", "师资"],
            }
        ],
    }
    path = tmp_path / "district.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    report = load_paths([path], empty_store)
    assert report.ok
    assert empty_store.units()[0].offers == ("场地", "师资")


def test_json_array_named_by_file_loads(tmp_path, empty_store):
    """A JSON array in units.json is the units table."""
    (tmp_path / "zones.json").write_text(
        '[{"id": "S1", "name": "街道", "kind": "街道"}]', encoding="utf-8"
    )
    report = load_paths([tmp_path / "zones.json"], empty_store)
    assert report.ok and empty_store.counts()["zones"] == 1


@pytest.mark.parametrize("text", ["{}", "[]", " { } "])
def test_a_json_file_without_records_is_an_error_naming_it(tmp_path, empty_store, text: str):
    """units.json holding {} (or []) is refused with an error naming the file, nothing written."""
    path = tmp_path / "units.json"
    path.write_text(text, encoding="utf-8")
    report = load_paths([path], empty_store)
    assert [(e.file, e.row) for e in report.errors] == [(str(path), None)]
    assert "no records" in report.errors[0].message_en
    assert empty_store.imports() == []


def test_text_that_looks_like_a_formula_stays_text(tmp_path, empty_store):
    """A name starting with "=" is written and read back as text, never as a formula."""
    from graphmodel.records import Zone
    from graphmodel.store import Bundle

    path = write_workbook(tmp_path / "f.xlsx", Bundle(zones=[Zone("S1", "=1+1", "street")]))
    assert load_workbook(path)["区域 zones"]["B2"].data_type == "s"
    load_paths([path], empty_store)
    assert empty_store.zones()[0].name == "=1+1"
