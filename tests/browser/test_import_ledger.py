"""A ledger through the import page in Chromium: decide on a name, confirm, loaded."""

from __future__ import annotations

from openpyxl import Workbook

from graphmodel.store import open_store


def test_a_ledger_name_is_decided_and_confirmed_in_the_browser(
    anonymous_page, serve_store, small_bundle, tmp_path
):
    """区统记局 is offered 区统计局; choosing it and confirming loads the ledger."""
    store = open_store(f"sqlite:///{tmp_path}/ledger.db")
    store.load(small_bundle)
    book = Workbook()
    book.active.append(["日期", "活动名称", "牵头单位", "参与单位"])
    book.active.append(["2026.3.9", "读书会", "桂花社区党委", "区统记局、区档案馆"])
    book.save(tmp_path / "台账.xlsx")
    server = serve_store(store, accounts=str(tmp_path / "accounts.db"))
    try:
        page = anonymous_page.page
        server.sign_in(page)
        page.goto(server.url + "/import")
        page.set_input_files("input[name=files]", str(tmp_path / "台账.xlsx"))
        page.click("#import-form button[type=submit]")
        assert "区统记局" in page.locator("#import-review").inner_text()
        page.select_option("select[name=decision-0]", "unit:U2")
        anonymous_page.screenshot("import-ledger-review")
        page.click("#confirm-names")
        assert "导入成功" in page.locator("#import-report").inner_text()
        assert store.counts()["activities"] == 3
        assert [(a.name, a.unit) for a in store.aliases()] == [("区统记局", "U2")]
    finally:
        server.stop()
