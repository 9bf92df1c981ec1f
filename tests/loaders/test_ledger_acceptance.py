"""A street office's ledger, as it really writes one, over both stores.

It names units only, with suffix variants, full-width spaces, typos, mixed
date forms and one cell of five names. After one review round it loads into
the same records as the equivalent normalised bundle; the next month's ledger
loads without questions, because the answers were remembered as aliases.
"""

from __future__ import annotations

import datetime as dt

from openpyxl import Workbook, load_workbook

from graphmodel.aliases import Alias
from graphmodel.records import Activity, Participation, Unit, Zone
from graphmodel.store import Bundle, Store, open_store
from loaders.load import load_paths
from loaders.review import DECISION, SHEET, read_resolutions, write_review

ZONES = [Zone("S1", "沙市街道", "street"), Zone("S2", "东湖街道", "street")]
UNITS = [
    Unit("U1", "团结社区", "community", "S1"),
    Unit("U2", "区统计局", "government", "S1"),
    Unit("U3", "华远建设有限公司", "enterprise", "S2"),
    Unit("U4", "东湖小学", "school", "S2"),
    Unit("U5", "区档案馆", "government", "S2"),
    Unit("U6", "阳光社区", "community", "S2"),
]
HEADER = ["日期", "活动名称", "活动类型", "牵头单位/主办单位", "参与单位", "备注"]
MARCH = [
    # one cell of five units, every separator, suffix variants
    [
        "2024.3.5",
        "联合主题党日",
        "主题党日",
        "沙市街道团结社区党委",
        "区统计局机关党支部、华远建设有限公司，东湖小学/区档案馆\n阳光社区居委会",
        "",
    ],
    # an Excel date, a typo and a full-width space
    [dt.datetime(2024, 3, 18), "党史讲座", "讲座", "区统记局", "团结社区\u3000 、华远建设公司", ""],
    # 2024-3-5 style, the district as host
    [
        "2024-3-28",
        "区域化党建联席会议",
        "联席会议",
        "区委组织部",
        "团结社区、东湖小学党支部",
        "区委推动",
    ],
]
APRIL = [
    [45394, "学雷锋志愿服务", "志愿服务", "区统记局", "阳光社区居委会、华远建设公司", ""],
    ["2024.4.20", "共建项目推进", "共建项目", "东湖小学", "区统计局党支部、区档案馆机关", ""],
]


def expected_bundle() -> Bundle:
    """The same facts in the normalised format (ids chosen by hand)."""
    a = [
        Activity("A1", "联合主题党日", "theme_day", dt.date(2024, 3, 5), "U1"),
        Activity("A2", "党史讲座", "lecture", dt.date(2024, 3, 18), "U2"),
        Activity("A3", "区域化党建联席会议", "joint_meeting", dt.date(2024, 3, 28), "district"),
    ]
    p = [
        Participation("A1", "U1", role="host"),
        *(Participation("A1", u) for u in ("U2", "U3", "U4", "U5", "U6")),
        Participation("A2", "U2", role="host"),
        Participation("A2", "U1"),
        Participation("A2", "U3"),
        Participation("A3", "U1"),
        Participation("A3", "U4"),
    ]
    return Bundle(zones=ZONES, units=UNITS, activities=a, participations=p)


def ledger(path, rows) -> str:
    book = Workbook()
    sheet = book.active
    sheet.title = "沙市街道活动台账"
    sheet.append(["2024年沙市街道区域化党建活动台账"])
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return str(path)


def facts(store: Store) -> tuple[set, set]:
    """Activities and participations as content, whatever their ids."""
    by_id = {a.id: (a.date, a.title, a.kind, a.initiator) for a in store.activities()}
    taking = {(by_id[p.activity], p.unit, p.role) for p in store.participations()}
    return set(by_id.values()), taking


def answer_with_top_candidates(review_path) -> None:
    """The planner's review round: take the first candidate of every name."""
    book = load_workbook(review_path)
    sheet = book[SHEET]
    for row in sheet.iter_rows(min_row=2):
        row[DECISION - 1].value = row[4].value
    book.save(review_path)


def test_a_street_office_ledger_loads_after_one_review_like_the_normalised_bundle(
    store: Store, tmp_path
):
    """One review round, then the same records as the normalised bundle; April needs none."""
    store.load(Bundle(zones=ZONES, units=UNITS))
    march = ledger(tmp_path / "3月.xlsx", MARCH)

    first = load_paths([march], store)
    assert not first.written and not first.errors
    assert [p.name for p in first.review] == ["区统记局"]
    review = tmp_path / "review.xlsx"
    write_review(review, first.review, {z.id: z.name for z in ZONES})
    answer_with_top_candidates(review)
    answers, problems = read_resolutions(review)
    assert problems == []

    second = load_paths([march], store, resolutions=answers)
    assert second.written, [str(p) for p in second.problems]
    reference = open_store(f"sqlite:///{tmp_path}/reference.db")
    reference.load(expected_bundle())
    assert facts(store) == facts(reference)
    assert Alias("区统记局", "S1", "U2") in store.aliases()

    april = load_paths([ledger(tmp_path / "4月.xlsx", APRIL)], store)
    assert april.written and april.review == []
    assert april.rules.get("alias") == 1


def test_loading_a_ledger_twice_changes_nothing(store: Store, tmp_path):
    """Ledger activities have ids from date, title and host: a reload adds nothing."""
    store.load(Bundle(zones=ZONES, units=UNITS))
    path = ledger(tmp_path / "4月.xlsx", APRIL[1:])
    assert load_paths([path], store).written
    version = store.version()
    again = load_paths([path], store)
    assert all(c.added == c.updated == 0 for c in again.counts.values())
    assert store.version() == version


def test_a_corrected_row_updates_its_activity_in_place(store: Store, tmp_path):
    """Changing a row's kind keeps its id: the activity is updated, not added."""
    store.load(Bundle(zones=ZONES, units=UNITS))
    row = APRIL[1]
    load_paths([ledger(tmp_path / "a.xlsx", [row])], store)
    fixed = [*row[:2], "联席会议", *row[3:]]
    report = load_paths([ledger(tmp_path / "b.xlsx", [fixed])], store)
    assert report.counts["activities"].as_dict() == {"added": 0, "updated": 1, "unchanged": 0}
    assert [a.kind for a in store.activities()] == ["joint_meeting"]


def test_a_new_unit_and_an_ignored_name_from_the_review(store: Store, tmp_path):
    """新建单位 creates a unit with a stable id in the chosen street; 忽略 drops the name."""
    store.load(Bundle(zones=ZONES, units=UNITS))
    rows = [["2024.5.4", "青年志愿服务", "", "团结社区", "星火书店、全体党员", ""]]
    path = ledger(tmp_path / "5月.xlsx", rows)
    report = load_paths([path], store)
    review = tmp_path / "r.xlsx"
    write_review(review, report.review, {z.id: z.name for z in ZONES})
    book = load_workbook(review)
    for row in book[SHEET].iter_rows(min_row=2):
        if row[0].value == "星火书店":
            row[DECISION - 1].value, row[DECISION].value = "新建单位 new unit", "东湖街道 [S2]"
        else:
            row[DECISION - 1].value = "忽略 ignore"
    book.save(review)
    answers, _ = read_resolutions(review)
    assert load_paths([path], store, resolutions=answers).written
    new = [u for u in store.units() if u.name == "星火书店"]
    assert [(u.street, u.id.startswith("U-")) for u in new] == [("S2", True)]
    assert {p.unit for p in store.participations()} == {"U1", new[0].id}


def test_two_rows_of_one_activity_are_merged(empty_store, tmp_path):
    """The same date, title and host on two rows: one activity with the units of both, noted."""
    empty_store.load(Bundle(zones=ZONES, units=UNITS))
    rows = [
        ["2024.6.1", "读书会", "", "团结社区", "区统计局", ""],
        ["2024.6.1", "读书会", "", "团结社区", "东湖小学", ""],
    ]
    report = load_paths([ledger(tmp_path / "6月.xlsx", rows)], empty_store)
    assert report.counts["activities"].added == 1
    assert {p.unit for p in empty_store.participations()} == {"U1", "U2", "U4"}
    assert any(n.row == 4 and "same activity" in n.message_en for n in report.notes)
