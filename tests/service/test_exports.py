"""XLSX exports (escaping, frozen header, widths) and the `report` command that uses them."""

from __future__ import annotations

import io
import json

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from graphmodel.district import clear_cache
from graphmodel.store import open_store
from service.commands.report import report
from service.exports import Sheet, column_widths, safe_cell, sheet_titles, write_xlsx


@pytest.fixture(autouse=True)
def fresh_cache():
    clear_cache()
    yield
    clear_cache()


def workbook(*sheets: Sheet):
    buffer = io.BytesIO()
    write_xlsx(buffer, sheets)
    buffer.seek(0)
    return load_workbook(buffer)


@pytest.mark.parametrize(
    "text", ["=SUM(A1:A2)", "+1", "-2+3", "@cmd", '=HYPERLINK("http://x","点我")']
)
def test_formula_like_text_is_escaped(text):
    """Text starting with = + - @ gets a leading apostrophe."""
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", [-3, -0.5, 0, "区统计局", "a=b", None, True])
def test_other_values_are_unchanged(value):
    """Numbers (negative too), ordinary text, None and booleans pass through."""
    assert safe_cell(value) == value


def test_no_formula_reaches_the_workbook():
    """A cell that would start a formula is stored as text, not as a formula."""
    ws = workbook(Sheet("表", ["名称"], [["=1+1"], ["@x"]]))["表"]
    assert [(c.value, c.data_type) for c in ws["A"][1:]] == [("'=1+1", "s"), ("'@x", "s")]


def test_control_characters_are_removed():
    """Characters XML cannot hold are dropped instead of failing the export."""
    assert safe_cell("a\x00b\x1fc") == "abc"


def test_header_row_is_frozen_and_bold():
    """The header stays in view (panes frozen at A2) and is bold."""
    ws = workbook(Sheet("表", ["单位名称", "密度"], [["区统计局", 0.5]]))["表"]
    assert ws.freeze_panes == "A2" and ws["A1"].font.b


def test_column_widths_fit_chinese_text():
    """A Chinese character counts double; widths stay within the limits."""
    widths = column_widths(Sheet("t", ["单位名称", "n"], [["区统计局档案馆", 1], ["x" * 500, 2]]))
    assert widths == [60.0, 6.0]


def test_widths_are_written_to_the_sheet():
    """The fitted widths are set on the columns."""
    ws = workbook(Sheet("表", ["单位名称"], [["区统计局"]]))["表"]
    assert ws.column_dimensions["A"].width == 10


def test_sheet_titles_are_made_valid_and_unique():
    """Forbidden characters are replaced, titles cut to 31 and duplicates numbered."""
    assert sheet_titles(["a:b", "a:b", "长" * 40]) == ["a_b", "a_b (2)", "长" * 31]


def test_numbers_stay_numbers():
    """Numeric cells are written as numbers, not text."""
    ws = workbook(Sheet("表", ["密度"], [[0.25]]))["表"]
    assert ws["A2"].value == 0.25 and ws["A2"].data_type == "n"


# -- the report command ------------------------------------------------------------------


@pytest.fixture
def store_url(sqlite_url, small_bundle) -> str:
    open_store(sqlite_url).load(small_bundle)
    return sqlite_url


def test_report_command_writes_json(tmp_path, store_url):
    """`report --out x.json` writes the report with its stable keys."""
    out = tmp_path / "report.json"
    result = CliRunner().invoke(
        report, ["--store", store_url, "--end", "2026-06-30", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["isolated"]["units"] == [
        {
            "id": "U4",
            "name": "华远建设有限公司",
            "kind": "enterprise",
            "street": "S2",
            "activities": 0,
        }
    ]


def test_report_command_writes_one_sheet_per_metric(tmp_path, store_url):
    """`report --out x.xlsx` writes a workbook with the metric sheets and frozen headers."""
    out = tmp_path / "report.xlsx"
    result = CliRunner().invoke(
        report, ["--store", store_url, "--end", "2026-06-30", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    book = load_workbook(out)
    assert {"孤立单位", "不活跃单位", "枢纽单位", "协作区评估"} <= set(book.sheetnames)
    assert book["孤立单位"]["A1"].value.startswith("孤立单位 · 范围 scope")  # the title row
    assert book["孤立单位"]["B3"].value == "华远建设有限公司"
    assert book["孤立单位"].freeze_panes == "A3"


def test_report_shares_are_percent_formatted(tmp_path, store_url):
    """Densities and shares in the report workbook are numbers shown as percentages."""
    out = tmp_path / "report.xlsx"
    CliRunner().invoke(report, ["--store", store_url, "--end", "2026-06-30", "--out", str(out)])
    sheet = load_workbook(out)["协作区评估"]
    header = [c.value for c in sheet[2]]
    cells = [row[header.index("内部密度（含区里推动）")] for row in sheet.iter_rows(min_row=3)]
    assert cells and all(c.number_format == "0.0%" for c in cells if c.value is not None)


def test_report_command_reads_the_store_from_the_environment(tmp_path, store_url):
    """Without --store the command uses COBUILD_STORE."""
    out = tmp_path / "report.json"
    result = CliRunner(env={"COBUILD_STORE": store_url}).invoke(
        report, ["--end", "2026-06-30", "--scope", "street:S2", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text(encoding="utf-8"))["meta"]["units_in_scope"] == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--scope", "street:NOPE"], "NOPE"),
        (["--end", "30/06/2026"], "30/06/2026"),
        (["--months", "0"], "0"),
    ],
)
def test_report_command_explains_bad_input(tmp_path, store_url, args, message):
    """A bad scope, date or length exits with status 1 and says what was wrong."""
    out = tmp_path / "report.json"
    result = CliRunner().invoke(report, ["--store", store_url, "--out", str(out), *args])
    assert result.exit_code == 1 and message in result.output and not out.exists()


def test_report_command_refuses_other_file_types(tmp_path, store_url):
    """Only .xlsx and .json are written."""
    result = CliRunner().invoke(report, ["--store", store_url, "--out", str(tmp_path / "r.csv")])
    assert result.exit_code == 2
