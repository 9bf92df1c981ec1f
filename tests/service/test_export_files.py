"""Exports people can send on: names with scope and window, a title row, real number formats,
and the per-street sheet of units needing attention (需关注单位)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from urllib.parse import quote

import pytest
from openpyxl import load_workbook

from graphmodel.district import clear_cache
from service.downloads import content_disposition

WINDOW = "end=2026-06-30&months=12"


@pytest.fixture(autouse=True)
def fresh_cache():
    clear_cache()
    yield
    clear_cache()


def book_of(response):
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return load_workbook(io.BytesIO(response.data))


def test_a_list_file_is_named_by_what_scope_and_window(client):
    """孤立单位_清河街道_2025-07-01_2026-06-30.xlsx, as RFC 5987 filename* with an ASCII fallback."""
    response = client.get(f"/lists/isolated.xlsx?street=S1&{WINDOW}")
    header = response.headers["Content-Disposition"]
    name = "孤立单位_清河街道_2025-07-01_2026-06-30.xlsx"
    assert f"filename*=UTF-8''{quote(name)}" in header
    assert 'filename="isolated_S1_2025-07-01_2026-06-30.xlsx"' in header


def test_the_whole_district_is_named_as_such(client):
    """Without a street filter the scope in the name is 全区."""
    header = client.get(f"/lists/inactive.csv?{WINDOW}").headers["Content-Disposition"]
    assert quote("不活跃单位_全区_2025-07-01_2026-06-30.csv") in header


def test_content_disposition_never_carries_raw_non_ascii():
    """The header is ASCII only: the Chinese name travels percent-encoded."""
    value = content_disposition("需关注单位_沙市街道.xlsx", "attention_S03.xlsx")
    assert value.isascii() and value.startswith("attachment; ")


def test_each_sheet_opens_with_a_title_row(client):
    """Row 1 says what, scope, window, data date, who and when; row 2 is the header."""
    sheet = book_of(client.get(f"/lists/isolated.xlsx?street=S1&{WINDOW}")).active
    title = sheet["A1"].value
    for part in ("孤立单位", "清河街道", "2025-07-01", "2026-06-30", "数据截至", "admin"):
        assert part in title
    assert sheet["A2"].value == "单位编号 Unit id" and sheet.freeze_panes == "A3"


def test_shares_are_percent_formatted_numbers(client, loaded_store):
    """A declining unit's change is a number shown as a percentage, not a string."""
    clear_cache()
    sheet = book_of(client.get("/lists/declining.xlsx?end=2026-12-31&months=3")).active
    header = [c.value for c in sheet[2]]
    column = header.index("变化 Change")
    cells = [row[column] for row in sheet.iter_rows(min_row=3)]
    assert all(isinstance(c.value, float) and c.number_format == "0.0%" for c in cells)


def test_dates_are_dates(client):
    """The last activity of an inactive unit is an Excel date, not text."""
    sheet = book_of(client.get(f"/lists/inactive.xlsx?{WINDOW}")).active
    header = [c.value for c in sheet[2]]
    column = header.index("最后活动日期 Last activity")
    dated = [row[column] for row in sheet.iter_rows(min_row=3) if row[column].value is not None]
    assert dated and all(isinstance(c.value, dt.datetime) for c in dated)
    assert all(c.number_format == "yyyy-mm-dd" for c in dated)


def test_the_csv_opens_with_the_title_row_then_the_header(client):
    """CSV: the title row first, the bilingual header second."""
    text = client.get(f"/lists/isolated.csv?{WINDOW}").data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert "孤立单位" in rows[0][0] and rows[1][0] == "单位编号 Unit id"


def test_attention_has_one_sheet_per_street(client):
    """需关注单位: a sheet per street, each listing its units with status and a partner."""
    book = book_of(client.get(f"/lists/attention.xlsx?{WINDOW}"))
    assert book.sheetnames == ["东湖街道", "清河街道"]
    east = book["东湖街道"]
    assert "需关注单位" in east["A1"].value and "东湖街道" in east["A1"].value
    header = [c.value for c in east[2]]
    for column in (
        "情况 Status",
        "最后活动日期 Last activity",
        "建议结对对象 Suggested partner",
        "建议理由 Why",
    ):
        assert column in header
    ids = [row[0].value for row in east.iter_rows(min_row=3)]
    assert "U3" in ids  # 区档案馆: no activity in the last 90 days


def test_attention_rows_say_why_and_when(client):
    """Each row says why the unit is listed and gives its last activity ever (or none)."""
    book = book_of(client.get(f"/lists/attention.xlsx?{WINDOW}"))
    sheet = book["东湖街道"]
    header = [c.value for c in sheet[2]]
    row = next(r for r in sheet.iter_rows(min_row=3) if r[0].value == "U3")
    assert "不活跃" in row[header.index("情况 Status")].value
    last = row[header.index("最后活动日期 Last activity")]
    assert last.value == dt.datetime(2026, 3, 5) and last.number_format == "yyyy-mm-dd"


def test_the_ledger_rounds_scores_with_a_number_format(client):
    """Ledger scores are numbers shown to one decimal, and shares as percentages."""
    book = book_of(client.get(f"/assessment.xlsx?{WINDOW}"))
    sheet = book["台账"]
    assert "考核台账" in sheet["A1"].value
    header = [c.value for c in sheet[2]]
    scores = [row[header.index("季度得分")] for row in sheet.iter_rows(min_row=3)]
    assert scores and all(c.number_format == "0.0" for c in scores if c.value is not None)
    share = header.index("在职党员双报到率")
    shares = [row[share] for row in sheet.iter_rows(min_row=3) if row[share].value is not None]
    assert shares and all(c.number_format == "0.0%" for c in shares)


def test_the_ledger_file_is_named_by_scope_and_window(client):
    """考核台账_全区_2025-07-01_2026-06-30.xlsx."""
    header = client.get(f"/assessment.xlsx?{WINDOW}").headers["Content-Disposition"]
    assert quote("考核台账_全区_2025-07-01_2026-06-30.xlsx") in header


def test_a_street_planners_export_names_their_street(client_as):
    """A street planner's whole territory is the scope of their file."""
    header = (
        client_as("street").get(f"/lists/isolated.xlsx?{WINDOW}").headers["Content-Disposition"]
    )
    assert quote("孤立单位_清河街道_") in header
