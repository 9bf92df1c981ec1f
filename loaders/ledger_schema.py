"""The planners' own ledgers: 活动台账, 单位名册, 双报到台账 — their columns and how a
sheet is recognised as one of them.

Ledgers name units instead of giving ids; :mod:`loaders.ledgers` turns their
rows into records. A sheet is taken for a ledger by its name (a title holding
"活动台账" …) or, failing that, by its headers.
"""

from __future__ import annotations

from collections.abc import Sequence

from .schema import Column, Table, match_column, tokens
from .table_formats import TABLE_BY_NAME, TABLE_FORMATS

#: Roster columns that mean what the units table's columns mean (same headers).
_UNITS = TABLE_BY_NAME["units"]

_NAMES_HELP = "单位名称，多个用 、，/ 或换行分隔"
_NAMES_HELP_EN = "unit names, separated by 、，/ ; or line breaks"

ACTIVITY_LEDGER = Table(
    "activity_ledger",
    "活动台账",
    (
        Column(
            "date",
            ("日期", "活动日期", "时间", "活动时间"),
            "date",
            True,
            help_zh="活动日期，如 2024-03-05、2024.3.5、2024年3月5日 或 Excel 日期",
            help_en="date, e.g. 2024-03-05, 2024.3.5, 2024年3月5日 or an Excel date",
        ),
        Column(
            "title",
            ("活动名称", "名称", "活动主题", "主题", "活动内容"),
            required=True,
            help_zh="活动名称",
            help_en="title of the activity",
        ),
        Column(
            "kind",
            ("活动类型", "类型", "活动形式"),
            help_zh="主题党日、党课/讲座、志愿服务、联席会议、共建项目等（按关键词识别）",
            help_en="theme day, lecture, volunteer service, joint meeting, project … (by keyword)",
        ),
        Column(
            "hosts",
            ("牵头单位", "主办单位", "牵头", "主办", "host", "hosts"),
            "names",
            help_zh=_NAMES_HELP + "；区委、区委组织部 表示区委推动",
            help_en=_NAMES_HELP_EN + "; 区委 / 区委组织部 means the district initiated it",
        ),
        Column(
            "co_hosts",
            ("协办单位", "协办", "co-hosts"),
            "names",
            help_zh=_NAMES_HELP,
            help_en=_NAMES_HELP_EN,
        ),
        Column(
            "guests",
            ("参与单位", "参加单位", "共建单位", "参与", "participants", "units"),
            "names",
            help_zh=_NAMES_HELP,
            help_en=_NAMES_HELP_EN,
        ),
        Column(
            "members",
            ("参加党员", "参与党员", "党员"),
            "names",
            help_zh="参加的党员姓名（可选）",
            help_en="names of the members who took part (optional)",
        ),
        Column(
            "attendance",
            ("参加人数", "人数"),
            "int",
            help_zh="参加人数（可选，目前只检查不保存）",
            help_en="number of people (optional; checked, not stored yet)",
        ),
        Column(
            "agreement",
            ("共建协议", "协议"),
            help_zh="所属共建协议的编号或名称（可选）",
            help_en="id or title of the co-building agreement (optional)",
        ),
        Column(
            "street",
            ("所属街道", "街道"),
            help_zh="台账所属街道（可选；用于匹配同名单位）",
            help_en="the ledger's street (optional; helps tell apart units of the same name)",
        ),
        Column("note", ("备注",), help_zh="备注（不导入）", help_en="remarks (not imported)"),
    ),
    "活动台账：一行一项活动，单位写名称",
    "activity ledger: one row per activity, units by name",
)

UNIT_ROSTER = Table(
    "unit_roster",
    "单位名册",
    (
        Column(
            "name",
            ("单位名称", "名称", "单位"),
            required=True,
            help_zh="单位全称",
            help_en="name of the unit",
        ),
        Column(
            "kind",
            ("单位类型", "类型", "单位性质"),
            help_zh="机关、企业、学校、医院、社区、社会组织等（按关键词识别）",
            help_en="organ, enterprise, school, hospital, community, social organisation … "
            "(by keyword)",
        ),
        Column(
            "street",
            ("所属街道", "街道"),
            required=True,
            help_zh="所属街道名称",
            help_en="name of the unit's street",
        ),
        _UNITS.column("community"),
        _UNITS.column("headcount"),
        Column("address", ("地址",), help_zh="地址（不导入）", help_en="address (not imported)"),
        _UNITS.column("lon"),
        _UNITS.column("lat"),
        Column(
            "offers",
            ("可提供资源", "资源"),
            "list",
            help_zh="可提供的资源，分号分隔",
            help_en="resources offered, separated by ;",
        ),
        Column(
            "needs", ("需求",), "list", help_zh="需求，分号分隔", help_en="needs, separated by ;"
        ),
    ),
    "单位名册：编号自动生成（同一街道同名单位编号不变）",
    "unit roster: ids are generated (same name in the same street, same id)",
)

DUAL_LEDGER = Table(
    "dual_registration",
    "双报到台账",
    (
        Column("name", ("姓名",), required=True, help_zh="党员姓名", help_en="member's name"),
        Column(
            "phone",
            ("手机号", "电话", "联系电话"),
            help_zh="手机号（敏感信息）",
            help_en="phone (personal data)",
        ),
        Column(
            "unit",
            ("工作单位", "所在单位"),
            required=True,
            help_zh="工作单位名称",
            help_en="name of the member's unit",
        ),
        Column(
            "community",
            ("报到社区", "双报到社区"),
            required=True,
            help_zh="报到社区名称",
            help_en="name of the community where the member registered",
        ),
        Column("date", ("报到日期",), "date", help_zh="报到日期", help_en="date of registration"),
        Column(
            "services",
            ("服务次数",),
            "int",
            help_zh="服务次数（可选，只检查）",
            help_en="times served (optional; checked only)",
        ),
        Column(
            "hours",
            ("服务时长",),
            "float",
            help_zh="服务时长（小时，可选，只检查）",
            help_en="hours served (optional; checked only)",
        ),
    ),
    "在职党员到社区报到（双报到）",
    "serving members registering at a community (dual registration)",
)

LEDGERS: tuple[Table, ...] = (ACTIVITY_LEDGER, UNIT_ROSTER, DUAL_LEDGER)
LEDGER_NAMES = frozenset(t.name for t in LEDGERS)


def is_ledger(table: Table) -> bool:
    return table.name in LEDGER_NAMES


def table_by_title(title: str) -> Table | None:
    """The table a sheet or file title names: a record table by one of its words
    (Chinese or English), else a ledger anywhere in it ("2024年活动台账").

    >>> table_by_title("单位 units").name, table_by_title("2024年活动台账").name
    ('units', 'activity_ledger')
    >>> table_by_title("unknown") is None
    True
    """
    for token in tokens(title):
        for table in TABLE_FORMATS:
            if token.lower() == table.name or token == table.zh:
                return table
    lowered = title.lower()
    for table in LEDGERS:
        if table.zh in title or table.name in lowered:
            return table
    return None


def recognise(title: str, headers: Sequence[object]) -> tuple[Table | None, bool]:
    """The table a sheet or file holds, and whether its headers (not its title) said so.

    The title wins when it names a table or a ledger; otherwise the table whose
    required columns are all among the headers and which matches most of them.

    >>> recognise("Sheet1", ["日期", "活动名称", "牵头单位"])[0].name
    'activity_ledger'
    """
    table = table_by_title(title)
    if table is not None:
        return table, False
    texts = [str(h) for h in headers if h is not None and str(h).strip()]
    best, best_hits = None, 0
    for candidate in (*LEDGERS, *TABLE_FORMATS):
        hits = {c.name for h in texts if (c := match_column(candidate, h)) is not None}
        required = {c.name for c in candidate.columns if c.required}
        if required <= hits and len(hits) > best_hits:
            best, best_hits = candidate, len(hits)
    return best, best is not None


def table_names() -> str:
    """Every name a sheet or file may carry, for the "names no table" message."""
    return "、".join(f"{t.zh} {t.name}" for t in (*TABLE_FORMATS, *LEDGERS))
