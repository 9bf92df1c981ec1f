"""Every exported field's column, defined once: its key, Chinese and English header,
number format and JSON type.

The report's workbook, the lists and their exports, the assessment ledger and the
API's OpenAPI document all take their headers from here, so one field is called the
same everywhere. A key may name different quantities in different tables (a unit's
``activities`` and a zone's); each quantity is its own :class:`Column`.

>>> WINDOW_ACTIVITIES.zh, WINDOW_ACTIVITIES.header
('窗口内活动数', '窗口内活动数 Activities in the window')
>>> CHANGE.format
'0.0%'
"""

from __future__ import annotations

from dataclasses import dataclass

#: Number formats in a workbook: a share 0–1 shown as 12.5 %, a score as 14.3, a date,
#: a whole number.
PERCENT, SCORE, DATE, WHOLE = "0.0%", "0.0", "yyyy-mm-dd", "0"


@dataclass(frozen=True)
class Column:
    """One field as a column: the row's key, the headers, the number format (``None``:
    as it is) and the JSON Schema type of its values."""

    key: str
    zh: str
    en: str
    format: str | None = None
    type: str | tuple[str, ...] = "string"

    @property
    def header(self) -> str:
        """Both headers in one cell, Chinese first (the lists' exports)."""
        return f"{self.zh} {self.en}"

    def schema(self) -> dict:
        """The field in a JSON Schema: its type, and the header as the title."""
        kind = list(self.type) if isinstance(self.type, tuple) else self.type
        return {"type": kind, "title": self.header}


def row_schema(columns: tuple[Column, ...], required: tuple[str, ...] = ("id", "name")) -> dict:
    """A JSON Schema object of one row with ``columns``."""
    return {
        "type": "object",
        "required": [key for key in required if key in {c.key for c in columns}],
        "properties": {c.key: c.schema() for c in columns},
    }


_N, _INT, _NUM, _BOOL = ("string", "null"), "integer", "number", "boolean"

# -- a unit --------------------------------------------------------------------------------
UNIT_ID = Column("id", "单位编号", "Unit id")
UNIT_NAME = Column("name", "单位名称", "Unit")
KIND = Column("kind", "单位类型", "Unit kind")
KIND_ZH = Column("kind_zh", "类型", "Kind")
STREET = Column("street", "街道编号", "Street id", type=_N)
STREET_NAME = Column("street_name", "街道", "Street")
COMMUNITY_OF_UNIT = Column("community", "所属社区", "Community", type=_N)
HEADCOUNT = Column("headcount", "人数", "Headcount", type=(_INT, "null"))
UNIT = (UNIT_ID, UNIT_NAME)

# -- taking part ---------------------------------------------------------------------------
WINDOW_ACTIVITIES = Column("activities", "窗口内活动数", "Activities in the window", type=_INT)
LAST_ACTIVITY = Column("last_activity", "最后活动日期", "Last activity", DATE, _N)
DAYS_SINCE = Column("days_since", "距截止日期天数", "Days before the end date", type=(_INT, "null"))
PREVIOUS = Column("previous", "上一窗口活动数", "Activities, previous window", type=_INT)
CURRENT = Column("current", "本窗口活动数", "Activities, this window", type=_INT)
CHANGE = Column("change", "变化", "Change", PERCENT, _NUM)
BY_DISTRICT = Column("by_district", "区里发起数", "Initiated by the district", type=_INT)
DISTRICT_SHARE = Column("share", "占比", "Share initiated by the district", PERCENT, _NUM)
HOSTED = Column("hosted", "主办协办", "Hosted or co-hosted", type=_INT)
ATTENDED = Column("attended", "参与", "Attended", type=_INT)
BALANCE = Column("balance", "平衡分", "Balance", type=_NUM)

# -- groups of units (streets, zones) ------------------------------------------------------
GROUP_ID = Column("id", "编号", "Id")
GROUP_NAME = Column("name", "名称", "Name")
UNITS = Column("units", "单位数", "Units", type=_INT)
GROUP_ACTIVITIES = Column("activities", "活动数", "Activities", type=_INT)
INTERNAL_TIES = Column("internal_ties", "内部结对数", "Internal ties", type=_INT)
INTERNAL_DENSITY = Column("internal_density", "内部密度", "Internal density", PERCENT, _NUM)
EXTERNAL_TIES = Column("external_ties", "对外结对数", "External ties", type=_INT)
EXTERNAL_SHARE = Column("external_share", "对外联系占比", "External share", PERCENT, _NUM)
EXTERNAL_DENSITY = Column("external_density", "对外密度", "External density", PERCENT, _NUM)

# -- density over time and by kind ---------------------------------------------------------
PERIOD = Column("period", "期间", "Period")
ACTIVE = Column("active", "有合作的单位数", "Units with a partner", type=_INT)
TIES = Column("ties", "结对数", "Ties", type=_INT)
DENSITY = Column("density", "密度", "Density", PERCENT, _NUM)
PARTIAL = Column("partial", "部分期间", "Partial period")
KIND_A = Column("kind_a_zh", "单位类型", "Unit kind")
KIND_B = Column("kind_b_zh", "合作对象类型", "Partner kind")
POSSIBLE = Column("possible", "可能结对数", "Possible ties", type=_INT)
KIND_SHARE = Column("share", "占该类单位结对的比例", "Share of the kind's ties", PERCENT, _NUM)

# -- pairs of units ------------------------------------------------------------------------
PAIR = (
    Column("a_id", "单位甲编号", "Unit A id"),
    Column("a_name", "单位甲名称", "Unit A"),
    Column("b_id", "单位乙编号", "Unit B id"),
    Column("b_name", "单位乙名称", "Unit B"),
)
A_GIVES = Column("a_gives", "甲付出次数", "A gives", type=_INT)
B_GIVES = Column("b_gives", "乙付出次数", "B gives", type=_INT)
JOINT = Column("weight", "共同活动数", "Joint activities", type=_NUM)
CROSS_STREET = Column("cross_street", "是否跨街道", "Across streets", type=_BOOL)

# -- brokers and links between streets -----------------------------------------------------
DEGREE = Column("degree", "合作伙伴数", "Partners", type=_INT)
STRENGTH = Column("strength", "合作强度", "Strength", type=_NUM)
BETWEENNESS = Column("betweenness", "中介中心度", "Betweenness", type=_NUM)
CLUSTERING = Column("clustering", "聚集系数", "Clustering", type=_NUM)
STREETS_LINKED = Column("streets_linked", "联系的其他街道数", "Other streets linked", type=_INT)
ARTICULATION = Column("articulation", "是否关键单位", "Cut unit", type=_BOOL)
STREET_A = Column("name_a", "街道甲", "Street A")
STREET_B = Column("name_b", "街道乙", "Street B")
UNITS_A = Column("units_a", "甲方承担单位数", "Units carrying A's side", type=_INT)
UNITS_B = Column("units_b", "乙方承担单位数", "Units carrying B's side", type=_INT)
FRAGILE = Column("fragile", "是否脆弱", "Fragile", type=_BOOL)

# -- communities and zones -----------------------------------------------------------------
COMMUNITY_NO = Column("community", "协作群编号", "Community", type=_INT)
OWN_INTERNAL_TIES = Column("internal_ties", "自主内部结对数", "Own internal ties", type=_INT)
OWN_INTERNAL_DENSITY = Column(
    "internal_density", "自主内部密度", "Own internal density", PERCENT, _NUM
)
OWN_EXTERNAL_DENSITY = Column(
    "external_density", "自主对外密度", "Own external density", PERCENT, _NUM
)
BASELINE_DENSITY = Column(
    "baseline_density", "全区自主密度", "District's own density", PERCENT, _NUM
)
INTERNAL_DENSITY_ALL = Column(
    "internal_density_all", "内部密度（含区里推动）", "Internal density, all", PERCENT, _NUM
)
PAPER_ONLY = Column("paper_only", "纸面协作区", "Paper only", type=_BOOL)

# -- members -------------------------------------------------------------------------------
ORG_ID = Column("id", "党组织编号", "Party organisation id")
ORG_NAME = Column("name", "党组织名称", "Party organisation")
MEMBERS = Column("members", "党员数", "Members", type=_INT)
TOOK_PART = Column("took_part", "参加活动党员数", "Members who took part", type=_INT)
PARTICIPATION = Column("share", "参与率", "Participation", PERCENT, _NUM)
SERVING = Column("serving", "在职党员数", "Serving members", type=_INT)
REGISTERED = Column("registered", "已报到数", "Registered", type=_INT)
COVERAGE = Column("coverage", "覆盖率", "Coverage", PERCENT, _NUM)
COMMUNITY = Column("community", "社区", "Community")
REGISTERED_HERE = Column("registered_here", "在本社区报到数", "Registered here", type=_INT)

# -- assessment and attention --------------------------------------------------------------
FLAGS = Column("flags_zh", "情况", "Status")
SCORE_COLUMN = Column("score", "考核得分", "Score", SCORE, (_NUM, "null"))
QUARTER_SCORE = Column("score", "季度得分", "Quarterly score", SCORE, (_NUM, "null"))
RATING = Column("rating", "考核等级", "Rating")
QUARTER_RATING = Column("rating", "等级", "Rating in the quarter")
PARTNER_NAME = Column("partner_name", "建议结对对象", "Suggested partner")
REASON = Column("reason_zh", "建议理由", "Why")

# -- the assessment ledger -----------------------------------------------------------------
MEAN_QUARTER_SCORE = Column("score", "平均季度得分", "Mean quarterly score", SCORE, _NUM)
FOLLOW_KIND = Column("kind", "类别", "Kind")
FOLLOW_UNITS = Column("units", "单位", "Units")
AGREED = Column("since", "商定日期", "Agreed", DATE, _N)
DUE = Column("deadline", "应开展日期", "Due", DATE, _N)
FIRST_JOINT = Column("first_joint", "首次联合活动", "First joint activity", DATE, _N)
FOLLOW_STATE = Column("state", "状态", "State")
