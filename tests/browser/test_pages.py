"""The first pages in Chromium: they load, stay on 127.0.0.1, switch language."""

from __future__ import annotations

from pathlib import Path


def test_dashboard_loads_with_counts(page, live):
    """The dashboard shows the demo's counts and a chart, with no console error."""
    page.page.goto(live.url + "/")
    assert page.page.locator('[data-table="units"] .value').inner_text() == "640"
    assert page.page.locator("#activity-chart rect").count() == 24
    assert page.page.locator("#headlines .figure").count() == 6
    page.screenshot("dashboard")


def test_language_switch_changes_the_page(page, live):
    """Clicking English shows the English dashboard."""
    page.page.goto(live.url + "/")
    page.page.click("#lang-switch")
    page.page.wait_for_load_state()
    assert page.page.locator("h1").inner_text().startswith("Collaboration at a glance")
    page.screenshot("dashboard-en")
    page.page.click("#lang-switch")


def test_import_page_reports_a_bad_file(page, live, tmp_path):
    """Uploading a bad CSV shows the problem table and writes nothing."""
    bad = tmp_path / "zones.csv"
    bad.write_text("id,name,kind\nS99,,street\n", encoding="utf-8")
    page.expected.append("status of 422")
    page.page.goto(live.url + "/import")
    page.page.set_input_files("input[name=files]", str(bad))
    page.page.click("#import-form button[type=submit]")
    assert "zones.csv:2:name" in page.page.locator("#import-report").inner_text()
    page.screenshot("import-bad-file")


def test_template_downloads(page, live, tmp_path):
    """The template link downloads a workbook."""
    page.page.goto(live.url + "/import")
    with page.page.expect_download() as download:
        page.page.click("#template-link")
    target = tmp_path / "t.xlsx"
    download.value.save_as(target)
    assert Path(target).stat().st_size > 5000


def test_a_list_exports_a_workbook_openpyxl_reads(page, live, tmp_path):
    """The isolated list's Excel export downloads a workbook with Chinese headers."""
    from openpyxl import load_workbook

    page.page.goto(live.url + "/lists/isolated?end=2026-06-30")
    rows = page.page.locator("#unit-list tbody tr").count()
    with page.page.expect_download() as download:
        page.page.click("#export-xlsx")
    target = tmp_path / "isolated.xlsx"
    download.value.save_as(target)
    sheet = load_workbook(target).active
    assert sheet["A1"].value.startswith("孤立单位")  # the title row
    assert sheet["A2"].value == "单位编号 Unit id"
    assert sheet.max_row == rows + 2
    assert download.value.suggested_filename == "孤立单位_全区_2025-07-01_2026-06-30.xlsx"
    page.screenshot("list-isolated")
