"""Assessment rules a planner writes in TOML, checked before they are used.

A rules file lists ``[[rule]]`` tables. Each names an indicator (see
:data:`INDICATORS`), the thresholds for green and amber (worse than amber is
red), a weight for the score and the rule's source::

    [[rule]]
    id = "dual_registration"
    name = "双报到率"
    name_en = "Dual-registration rate"
    indicator = "dual_registration"
    green = 0.95
    amber = 0.90
    weight = 20
    veto = true            # red here: the unit loses its assessment eligibility
    source = "…"

``[score]`` sets the rating bands (``excellent``, ``pass``) and ``[followup]``
the months within which an agreed partnership should show joint activity.
Anything that cannot be right — an unknown indicator, amber stricter than
green, a share outside 0–1 — is refused with a message naming the rule.

>>> rules = parse_rules('[[rule]]\\nid="a"\\nindicator="distinct_partners"\\ngreen=3\\namber=1')
>>> rules.rules[0].better, rules.rules[0].weight
('higher', 1.0)
>>> parse_rules('[[rule]]\\nid="a"\\nindicator="partners"\\ngreen=3\\namber=1')  # doctest: +ELLIPSIS
Traceback (most recent call last):
graphmodel.errors.RulesError: 规则 a：未知指标 'partners'...
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass
from pathlib import Path

from translations import Words, words

from ..errors import RulesError

#: The rules shipped with the service (the published examples, with their sources).
DEFAULT_RULES = Path(__file__).with_name("default_rules.toml")


@dataclass(frozen=True)
class Indicator:
    """A per-unit indicator: its names, unit of measure, range and which way is better."""

    key: str
    zh: str
    en: str
    measure: str  # "count" (≥ 0), "share" (0–1) or "balance" (−1–1)
    better: str  # "higher" or "lower"


INDICATORS: dict[str, Indicator] = {
    i.key: i
    for i in (
        Indicator("activities_per_quarter", "每季度参加活动数", "Activities per quarter", "count", "higher"),
        Indicator("community_contacts_per_quarter", "每季度与所在社区联合活动数",
                  "Joint activities with own community per quarter", "count", "higher"),
        Indicator("hosted_share", "主办协办占比", "Hosted share", "share", "higher"),
        Indicator("distinct_partners", "合作伙伴数", "Distinct partners", "count", "higher"),
        Indicator("partners_outside_street", "街道外合作伙伴数", "Partners outside own street",
                  "count", "higher"),
        Indicator("dual_registration", "双报到率", "Dual-registration rate", "share", "higher"),
        Indicator("member_participation", "党员参与率", "Member participation", "share", "higher"),
        Indicator("district_dependence", "依赖区里推动程度", "District dependence", "share", "lower"),
        Indicator("balance", "供需平衡分", "Give/take balance", "balance", "higher"),
    )
}  # fmt: skip

RANGES = {"count": (0.0, float("inf")), "share": (0.0, 1.0), "balance": (-1.0, 1.0)}
RULE_KEYS = {"id", "name", "name_en", "indicator", "green", "amber", "weight", "veto", "source"}


@dataclass(frozen=True)
class Rule:
    """One rule: an indicator judged green / amber / red against two thresholds."""

    id: str
    indicator: str
    green: float
    amber: float
    name: str = ""
    name_en: str = ""
    weight: float = 1.0
    veto: bool = False
    source: str = ""

    @property
    def better(self) -> str:
        return INDICATORS[self.indicator].better

    def status(self, value: float | None) -> str | None:
        """``"green"``, ``"amber"``, ``"red"``, or None when the indicator does not apply.

        >>> Rule("r", "distinct_partners", 3, 1).status(2)
        'amber'
        """
        if value is None:
            return None
        if self.better == "higher":
            return "green" if value >= self.green else "amber" if value >= self.amber else "red"
        return "green" if value <= self.green else "amber" if value <= self.amber else "red"


@dataclass(frozen=True)
class RuleSet:
    """Rules in file order, the rating bands and the follow-up period."""

    rules: tuple[Rule, ...]
    excellent: float = 95.0
    passing: float = 60.0
    followup_months: int = 3

    def rating(self, score: float | None, eligible: bool = True) -> str | None:
        """``"excellent"``, ``"pass"``, ``"fail"`` or ``"ineligible"`` (a veto rule is red)."""
        if not eligible:
            return "ineligible"
        if score is None:
            return None
        return (
            "excellent" if score >= self.excellent else "pass" if score >= self.passing else "fail"
        )


def _fail(rule: str, problem: Words) -> RulesError:
    return RulesError("规则 {rule}：{problem}", rule=rule, problem=problem)


def _number(rule: str, table: dict, key: str, default=None) -> float:
    value = table.get(key, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _fail(rule, words("{key} 须为数字，而不是 {value!r}", key=key, value=value))
    if not math.isfinite(value):  # TOML allows inf and nan; no threshold or weight is either
        raise _fail(
            rule,
            words("{key} 须为有限的数字，而不是 {value!r}", key=key, value=value),
        )
    return float(value)


def _rule(table: object, position: int, seen: set[str]) -> Rule:
    if not isinstance(table, dict):
        raise _fail(f"#{position}", words("须为 [[rule]] 表"))
    rid = table.get("id")
    if not isinstance(rid, str) or not rid.strip():
        raise _fail(f"#{position}", words("缺少 id"))
    if rid in seen:
        raise _fail(rid, words("id 重复"))
    unknown = sorted(set(table) - RULE_KEYS)
    if unknown:
        raise _fail(rid, words("未知的键 {unknown}", unknown=unknown))
    key = table.get("indicator")
    if key not in INDICATORS:
        choices = ", ".join(INDICATORS)
        raise _fail(
            rid,
            words("未知指标 {key!r}；可用：{choices}", key=key, choices=choices),
        )
    indicator = INDICATORS[key]
    green, amber = _number(rid, table, "green"), _number(rid, table, "amber")
    low, high = RANGES[indicator.measure]
    for name, value in (("green", green), ("amber", amber)):
        if not low <= value <= high:
            raise _fail(
                rid,
                words(
                    "{name} = {value:g} 超出{indicator}的取值范围 {low:g}–{high:g}",
                    name=name,
                    value=value,
                    indicator=indicator.zh,
                    indicator_en=indicator.en,
                    low=low,
                    high=high,
                ),
            )
    if (amber > green) if indicator.better == "higher" else (amber < green):
        side = words("高于") if indicator.better == "higher" else words("低于")
        raise _fail(
            rid,
            words(
                "黄色阈值 {amber:g} 比绿色阈值 {green:g} 更严（{side}绿色），无法成立",
                amber=amber,
                green=green,
                side=side,
            ),
        )
    weight = _number(rid, table, "weight", 1.0)
    if weight < 0:
        raise _fail(rid, words("权重不能为负数"))
    veto = table.get("veto", False)
    texts = {k: table.get(k, "") for k in ("name", "name_en", "source")}
    if not isinstance(veto, bool) or not all(isinstance(v, str) for v in texts.values()):
        raise _fail(
            rid,
            words("veto 须为 true/false，名称与来源须为文本"),
        )
    seen.add(rid)
    return Rule(rid, key, green, amber, weight=weight, veto=veto, **texts)


def parse_rules(text: str) -> RuleSet:
    """The rule set written in ``text`` (TOML), or :class:`RulesError` saying what is wrong."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise RulesError("规则文件不是有效的 TOML：{error}", error=error) from None
    tables = data.get("rule", [])
    if not isinstance(tables, list) or not tables:
        raise RulesError("规则文件中没有任何 [[rule]] 规则")
    seen: set[str] = set()
    rules = tuple(_rule(t, i, seen) for i, t in enumerate(tables, start=1))
    score = data.get("score", {})
    excellent = _number("[score]", score, "excellent", 95.0)
    passing = _number("[score]", score, "pass", 60.0)
    if not 0 <= passing <= excellent <= 100:
        raise _fail("[score]", words("须满足 0 ≤ pass ≤ excellent ≤ 100"))
    months = data.get("followup", {}).get("months", 3)
    if isinstance(months, bool) or not isinstance(months, int) or not 1 <= months <= 36:
        raise _fail("[followup]", words("months 须为 1 至 36 的整数"))
    return RuleSet(rules, excellent, passing, months)


def read_rules(path: str | Path | None) -> tuple[RuleSet, str]:
    """The rules in ``path`` and their text; the shipped rules while that file does not exist."""
    source = Path(path) if path else DEFAULT_RULES
    if not source.exists():
        source = DEFAULT_RULES
    text = source.read_text("utf-8")
    return parse_rules(text), text
