"""单位名册 and 双报到台账: units and registrations by name, stable ids, sheets known by headers."""

from __future__ import annotations

from openpyxl import Workbook

from graphmodel.store import Bundle
from loaders.load import load_paths

ROSTER = [
    ["单位名称", "单位类型", "所属街道", "所属社区", "人数"],
    ["星火书店", "个体工商户", "清河街道", "桂花社区", 6],
    ["东湖第一小学", "小学", "东湖街道", "", 80],
    ["桂花社区居委会", "社区", "清河街道", "", 15],
]


def workbook(tmp_path, rows, title="Sheet", name="book.xlsx"):
    book = Workbook()
    book.active.title = title
    for row in rows:
        book.active.append(row)
    book.save(tmp_path / name)
    return tmp_path / name


def test_a_sheet_is_recognised_by_its_headers_and_says_so(tmp_path, empty_store, small_bundle):
    """A roster on "Sheet" is read as 单位名册 and a note says which kind it was taken for."""
    empty_store.load(Bundle(zones=small_bundle.zones, units=small_bundle.units))
    report = load_paths([workbook(tmp_path, ROSTER)], empty_store)
    assert report.written, [str(p) for p in report.problems]
    assert any(
        "read as unit_roster" in n.message_en and "headers" in n.message_en for n in report.notes
    )


def test_roster_units_get_stable_ids_and_existing_units_keep_theirs(
    tmp_path, empty_store, small_bundle
):
    """New units get ids from name and street; 桂花社区居委会 in 清河街道 is the known U1."""
    empty_store.load(Bundle(zones=small_bundle.zones, units=small_bundle.units))
    path = workbook(tmp_path, ROSTER)
    load_paths([path], empty_store)
    by_name = {u.name: u for u in empty_store.units()}
    assert by_name["星火书店"].id.startswith("U-") and by_name["星火书店"].street == "S1"
    assert by_name["东湖第一小学"].kind == "school"
    assert "桂花社区居委会" in by_name and by_name["桂花社区居委会"].id == "U1"
    again = load_paths([path], empty_store)
    assert again.counts["units"].as_dict() == {"added": 0, "updated": 0, "unchanged": 3}


def test_a_corrected_roster_row_updates_the_unit_in_place(tmp_path, empty_store, small_bundle):
    """The same name and street with a new headcount updates the unit, adds none."""
    empty_store.load(Bundle(zones=small_bundle.zones))
    load_paths([workbook(tmp_path, ROSTER[:2])], empty_store)
    fixed = [ROSTER[0], [*ROSTER[1][:4], 9]]
    report = load_paths([workbook(tmp_path, fixed, name="b.xlsx")], empty_store)
    assert report.counts["units"].as_dict() == {"added": 0, "updated": 1, "unchanged": 0}
    assert [u.headcount for u in empty_store.units()] == [9]


def test_an_unknown_kind_is_other_with_a_warning(tmp_path, empty_store, small_bundle):
    """个体工商户 maps to no kind: loaded as other, and the row is named."""
    empty_store.load(Bundle(zones=small_bundle.zones))
    report = load_paths([workbook(tmp_path, ROSTER[:2])], empty_store)
    [warning] = report.warnings
    assert (warning.row, warning.column) == (2, "单位类型") and "other" in warning.message_en


def test_an_unknown_street_suggests_the_known_one(tmp_path, empty_store, small_bundle):
    """清和街道 is refused with "did you mean 清河街道"."""
    empty_store.load(Bundle(zones=small_bundle.zones))
    rows = [ROSTER[0], ["星火书店", "企业", "清和街道", "", 6]]
    [error] = load_paths([workbook(tmp_path, rows)], empty_store).errors
    assert (error.row, error.column) == (2, "所属街道") and "清河街道" in error.message_zh


DUAL = [
    ["姓名", "手机号", "工作单位", "报到社区", "报到日期"],
    ["李娜", "13900001111", "桂花社区党委", "桂花社区", "2024.3.1"],
    ["王强", "", "区统计局", "桂花社区居委会", "2024-3-2"],
]


def test_a_dual_registration_ledger_updates_and_adds_members(tmp_path, empty_store, small_bundle):
    """李娜 of 桂花社区 is found by name in her unit; 王强 is added under 区统计局's organisation."""
    empty_store.load(small_bundle)
    report = load_paths([workbook(tmp_path, DUAL, title="双报到台账")], empty_store)
    assert report.written, [str(p) for p in report.problems]
    members = {m.name: m for m in empty_store.members()}
    assert (members["李娜"].id, members["李娜"].registered_at) == ("M2", "U1")
    assert members["李娜"].phone == "13900001111"
    assert members["王强"].party_org == "P2" and members["王强"].registered_at == "U1"
    again = load_paths([workbook(tmp_path, DUAL, title="双报到台账", name="b.xlsx")], empty_store)
    assert again.counts["members"].as_dict() == {"added": 0, "updated": 0, "unchanged": 2}


def test_a_member_of_a_unit_without_party_organisation_is_refused(
    tmp_path, empty_store, small_bundle
):
    """华远建设 has no party organisation: the row is an error naming the unit column."""
    empty_store.load(small_bundle)
    rows = [DUAL[0], ["赵敏", "", "华远建设有限公司", "桂花社区", ""]]
    [error] = load_paths([workbook(tmp_path, rows, title="双报到台账")], empty_store).errors
    assert (error.row, error.column) == (2, "工作单位")


def test_a_ledger_in_csv_is_recognised_by_its_headers(tmp_path, empty_store, small_bundle):
    """A CSV named anything, with a ledger's headers, is read as that ledger."""
    empty_store.load(small_bundle)
    (tmp_path / "三月.csv").write_text(
        "日期,活动名称,牵头单位,参与单位\n2026-3-9,读书会,桂花社区,区档案馆、区统计局\n",
        encoding="utf-8",
    )
    report = load_paths([tmp_path / "三月.csv"], empty_store)
    assert report.written and report.counts["participations"].added == 3


def test_blank_roster_cells_keep_what_the_store_knows(tmp_path, empty_store, small_bundle):
    """A roster row for 桂花社区 without offers keeps the unit's offers and coordinates."""
    empty_store.load(small_bundle)
    rows = [ROSTER[0], ["桂花社区", "", "清河街道", "", 20]]
    load_paths([workbook(tmp_path, rows)], empty_store)
    unit = next(u for u in empty_store.units() if u.id == "U1")
    assert (unit.headcount, unit.offers, unit.lat, unit.kind) == (20, ("场地",), 30.3, "community")
