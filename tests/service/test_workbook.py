"""The streaming XLSX writer gives the workbook openpyxl's write-only mode gives."""

from __future__ import annotations

import datetime as dt
import io
import math
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from service import workbook
from service.downloads import caption_tail
from service.exports import Sheet, write_xlsx, write_xlsx_openpyxl
from service.params import analysis
from service.rules import current_rules
from service.views.assessment import ledger

MIXED = [
    ["区统计局", 0.125, 3, dt.date(2026, 3, 31), True, None, "=1+1", "  两端有空格 "],
    ["<a & b>", math.nan, -0.5, dt.datetime(2026, 1, 2, 3, 4, 5), False, "", "a\x00b", 1e20],
    ["@x", math.inf, Decimal("2.5"), dt.date(2025, 12, 1), 0, dt.date(2026, 5, 1), "", 7],
    ["-1", None, 2**40, None, None, None, None, dt.datetime(2026, 5, 1, 12), "第九列", 9.5],
]


def written(writer, sheets: list[Sheet], read_only: bool = False):
    buffer = io.BytesIO()
    writer(buffer, sheets)
    buffer.seek(0)
    return load_workbook(buffer, read_only=read_only)


def cells(book) -> list:
    """Every sheet's title, frozen panes, widths and cells (value, type, format, bold)."""
    found = []
    for ws in book.worksheets:
        widths = {k: d.width for k, d in ws.column_dimensions.items()}
        found.append((ws.title, ws.freeze_panes, widths))
        for row in ws.iter_rows():
            for c in row:
                shown = c.number_format if c.value is not None else None
                found.append((c.coordinate, c.value, type(c.value), shown, bool(c.font.b)))
    return found


def rows(book) -> list:
    """Every sheet's rows as a read-only reader gives them (their lengths too)."""
    return [list(ws.iter_rows(values_only=True)) for ws in book.worksheets]


def mixed_sheets() -> list[Sheet]:
    return [
        Sheet(
            "混合",
            ["名称", "占比", "次数", "日期", "是否", "空", "公式", "文字"],
            iter(MIXED),  # a stream, as the ledger's unit sheet is
            caption="标题 · 范围",
            formats=["@", "0.0%", "0", "yyyy-mm-dd", None, None, None, "0.00"],
        ),
        Sheet("第二/表", ["a"], [[1], [2.5]]),
    ]


def test_mixed_values_are_written_as_openpyxl_writes_them():
    """Text, numbers, NaN, dates, booleans, None, formulas: same cells and formats."""
    assert cells(written(write_xlsx, mixed_sheets())) == cells(
        written(write_xlsx_openpyxl, mixed_sheets())
    )


def test_rows_keep_their_length_for_a_read_only_reader():
    """Empty text and NaN leave an empty cell, so a row read back has the same length."""
    assert rows(written(write_xlsx, mixed_sheets(), read_only=True)) == rows(
        written(write_xlsx_openpyxl, mixed_sheets(), read_only=True)
    )


def test_text_is_escaped_for_xml_and_formulas():
    """Markup characters come back as text and formula-like text keeps its apostrophe."""
    ws = written(write_xlsx, mixed_sheets())["混合"]
    assert (ws["A4"].value, ws["G3"].value, ws["G4"].value) == ("<a & b>", "'=1+1", "ab")
    assert ws["H3"].value == "  两端有空格 "


def test_a_time_zone_is_refused():
    """A datetime with a time zone cannot go into a cell (Excel has none)."""
    aware = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    with pytest.raises(TypeError, match="time zone"):
        write_xlsx(io.BytesIO(), [Sheet("表", ["时间"], [[aware]])])


def test_an_empty_workbook_has_one_sheet():
    """No sheets still makes a workbook Excel opens (one empty sheet)."""
    assert written(write_xlsx, []).sheetnames == ["Sheet"]


def test_the_ledger_is_the_same_as_through_openpyxl(app):
    """The assessment ledger (units by quarter, streets, follow-up, rules) matches openpyxl's."""
    with app.test_request_context("/?end=2026-05-15&months=12"):
        request_analysis = analysis()
        district, rules = request_analysis.district(), current_rules()
        caption = caption_tail(request_analysis, exporter=False)
        fast = written(write_xlsx, ledger(district, rules, caption))
        reference = written(write_xlsx_openpyxl, ledger(district, rules, caption))
    assert fast.sheetnames == ["台账", "街道汇总", "结对跟进", "考核规则"]
    assert fast["台账"].max_row > 10
    assert cells(fast) == cells(reference)


def test_rows_past_excels_limit_are_refused(monkeypatch):
    """A sheet longer than Excel's row limit fails with a message, not a file Excel cuts."""
    monkeypatch.setattr(workbook, "MAX_ROWS", 4)  # Excel's is 1,048,576: too many for a test
    with pytest.raises(ValueError, match="Excel's limit"):
        write_xlsx(io.BytesIO(), [Sheet("表", ["n"], ([i] for i in range(4)))])
    write_xlsx(io.BytesIO(), [Sheet("表", ["n"], ([i] for i in range(3)))])  # header + 3: fits
