"""The spreadsheet layer: the report as tables, one per metric, with the headers and
number formats of :mod:`graphmodel.columns` (the lists and the API use the same)."""

from __future__ import annotations

from dataclasses import dataclass

from .. import columns as C
from ..metrics import EXPLANATIONS


@dataclass(frozen=True)
class Table:
    """One sheet: a title, its columns, and rows as dicts."""

    title: str
    columns: tuple[C.Column, ...]
    rows: list[dict]

    def values(self) -> list[list]:
        """The rows as lists of values, in the order of :attr:`columns`."""
        return [[row.get(c.key) for c in self.columns] for row in self.rows]

    @property
    def headers(self) -> list[str]:
        """The Chinese headers."""
        return [c.zh for c in self.columns]

    @property
    def formats(self) -> list[str | None]:
        """The number format of each column."""
        return [c.format for c in self.columns]


GROUP = (
    C.GROUP_ID,
    C.GROUP_NAME,
    C.UNITS,
    C.INTERNAL_TIES,
    C.INTERNAL_DENSITY,
    C.EXTERNAL_TIES,
    C.EXTERNAL_SHARE,
    C.EXTERNAL_DENSITY,
)
SERIES = (C.PERIOD, C.UNITS, C.ACTIVE, C.TIES, C.DENSITY, C.PARTIAL)

#: The columns of each list of units beyond the unit's id and name, by report key: the
#: report's sheet and the service's list of the same name show the same columns.
LIST_COLUMNS: dict[str, tuple[C.Column, ...]] = {
    "isolated": (C.WINDOW_ACTIVITIES,),
    "inactive": (C.LAST_ACTIVITY, C.DAYS_SINCE),
    "declining": (C.PREVIOUS, C.CURRENT, C.CHANGE),
    "followers": (C.WINDOW_ACTIVITIES,),
}
#: The summary sheet's two columns, and the explanations sheet's (the English text
#: under an English header).
SUMMARY = (C.Column("item", "项目", "Item"), C.Column("value", "数值", "Value"))
EXPLAINED = (
    C.Column("metric", "指标", "Metric"),
    C.Column("zh", "说明", "Explanation (Chinese)"),
    C.Column("en", "Explanation", "Explanation"),
)


def _pair_rows(pairs: list[dict]) -> list[dict]:
    return [
        {
            "a_id": p["a"]["id"],
            "a_name": p["a"]["name"],
            "b_id": p["b"]["id"],
            "b_name": p["b"]["name"],
            **{k: v for k, v in p.items() if k not in ("a", "b")},
        }
        for p in pairs
    ]


def _summary(data: dict) -> list[dict]:
    meta, density, brokers = data["meta"], data["density"], data["brokers"]
    window = f"{meta['window']['start']} – {meta['window']['end']}"
    return [
        {"item": f"{zh} {en}", "value": value}
        for zh, en, value in (
            ("时间窗口", "window", window),
            ("范围", "scope", meta["scope_label"]),
            ("范围内单位数", "units in scope", meta["units_in_scope"]),
            ("窗口内活动数", "activities", meta["activities_in_window"]),
            ("协作密度", "density", density["scope"]["density"]),
            ("结对数", "ties", density["scope"]["ties"]),
            ("同类合作系数", "assortativity", density["assortativity"]),
            ("中介中心度算法", "betweenness", brokers["betweenness"]["method"]),
            ("孤立单位", "isolated", data["isolated"]["count"]),
            ("不活跃单位", "inactive", data["inactive"]["count"]),
            ("活跃度下降", "declining", data["declining"]["count"]),
            ("跟随型单位", "followers", data["followers"]["count"]),
            ("纸面协作区", "paper-only zones", len(data["zones"]["paper_only"])),
        )
    ]


def report_tables(data: dict) -> list[Table]:
    """The report as tables, one per metric, with Chinese headers (for XLSX)."""
    density, brokers, members = data["density"], data["brokers"], data["members"]
    explanations = [{"metric": k, "zh": v["zh"], "en": v["en"]} for k, v in EXPLANATIONS.items()]
    unit, pair = C.UNIT, C.PAIR
    return [
        Table("概况", SUMMARY, _summary(data)),
        Table("街道密度", GROUP, density["streets"]),
        Table("协作区密度", GROUP, density["zones"]),
        Table(
            "单位类型交叉",
            (C.KIND_A, C.KIND_B, C.TIES, C.POSSIBLE, C.DENSITY, C.KIND_SHARE),
            density["kinds"],
        ),
        Table("逐月密度", SERIES, density["monthly"]),
        Table("逐季密度", SERIES, density["quarterly"]),
        Table(
            "孤立单位",
            (*unit, C.KIND, C.STREET, *LIST_COLUMNS["isolated"]),
            data["isolated"]["units"],
        ),
        Table("不活跃单位", (*unit, *LIST_COLUMNS["inactive"]), data["inactive"]["units"]),
        Table("活跃度下降", (*unit, *LIST_COLUMNS["declining"]), data["declining"]["units"]),
        Table("跟随型单位", (*unit, *LIST_COLUMNS["followers"]), data["followers"]["units"]),
        Table(
            "区里推动占比",
            (*unit, C.WINDOW_ACTIVITIES, C.BY_DISTRICT, C.DISTRICT_SHARE),
            data["district_dependence"]["units"],
        ),
        Table(
            "各区域推动占比",
            (C.GROUP_ID, C.GROUP_NAME, C.GROUP_ACTIVITIES, C.BY_DISTRICT, C.DISTRICT_SHARE),
            data["district_dependence"]["zones"],
        ),
        Table(
            "供需平衡",
            (*unit, C.WINDOW_ACTIVITIES, C.HOSTED, C.ATTENDED, C.BALANCE),
            data["balance"]["units"],
        ),
        Table(
            "单向结对",
            (*pair, C.A_GIVES, C.B_GIVES, C.BALANCE),
            _pair_rows(data["balance"]["one_sided"]),
        ),
        Table(
            "枢纽单位",
            (
                *unit,
                C.STREET,
                C.DEGREE,
                C.STRENGTH,
                C.BETWEENNESS,
                C.CLUSTERING,
                C.STREETS_LINKED,
                C.ARTICULATION,
            ),
            brokers["units"],
        ),
        Table("关键联系", (*pair, C.JOINT, C.CROSS_STREET), _pair_rows(brokers["bridges"])),
        Table(
            "街道之间联系",
            (C.STREET_A, C.STREET_B, C.TIES, C.UNITS_A, C.UNITS_B, C.FRAGILE),
            brokers["street_links"],
        ),
        Table("实际协作群", (*unit, C.COMMUNITY_NO), data["communities"]["units"]),
        Table(
            "协作区评估",
            (
                C.GROUP_ID,
                C.GROUP_NAME,
                C.UNITS,
                C.OWN_INTERNAL_TIES,
                C.OWN_INTERNAL_DENSITY,
                C.OWN_EXTERNAL_DENSITY,
                C.BASELINE_DENSITY,
                C.INTERNAL_DENSITY_ALL,
                C.PAPER_ONLY,
            ),
            data["zones"]["zones"],
        ),
        Table(
            "党员参与",
            (C.ORG_ID, C.ORG_NAME, C.MEMBERS, C.TOOK_PART, C.PARTICIPATION),
            members["organisations"],
        ),
        Table("双报到（单位）", (*unit, C.SERVING, C.REGISTERED, C.COVERAGE), members["units"]),
        Table(
            "双报到（社区）",
            (C.COMMUNITY, C.UNITS, C.SERVING, C.REGISTERED, C.COVERAGE, C.REGISTERED_HERE),
            members["communities"],
        ),
        Table("指标说明", EXPLAINED, explanations),
    ]
