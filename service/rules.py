"""The assessment rules in force and the words pages show them in.

Shared by the assessment, unit, list, dashboard, suggestion and network pages (a
blueprint never imports another blueprint).
"""

from __future__ import annotations

from pathlib import Path

from flask import current_app

from graphmodel.assessment import RuleSet, read_rules
from graphmodel.assessment.rules import INDICATORS
from graphmodel.district import District

from .i18n import language

RATING_ZH = {"excellent": "优秀", "pass": "合格", "fail": "不合格", "ineligible": "取消评优资格"}


def rules_path() -> Path:
    """The COBUILD_RULES file."""
    return Path(current_app.extensions["cobuild.settings"].rules)


def current_rules() -> RuleSet:
    """The rules in force: the COBUILD_RULES file, or the shipped rules until it exists."""
    return read_rules(rules_path())[0]


def bilingual(text: str, lang: str) -> str:
    """The part of a "中文 / English" text for ``lang`` (the whole text when it has no " / ").

    >>> bilingual("示例 / an example", "en"), bilingual("示例", "en")
    ('an example', '示例')
    """
    zh, sep, en = text.partition(" / ")
    return (en if lang == "en" else zh).strip() if sep else text


def rules_shown(rules: RuleSet) -> list[dict]:
    """The rules as every role sees them: name, indicator, thresholds, weight, veto, source."""
    lang = language()
    return [
        {
            "id": r.id,
            "label": (r.name or INDICATORS[r.indicator].zh)
            if lang == "zh"
            else (r.name_en or r.name or INDICATORS[r.indicator].en),
            "indicator": r.indicator,
            "measure": INDICATORS[r.indicator].measure,
            "better": r.better,
            "green": r.green,
            "amber": r.amber,
            "weight": r.weight,
            "veto": r.veto,
            "source_text": bilingual(r.source, lang) or "—",
        }
        for r in rules.rules
    ]


def groups(district: District, *kinds: str) -> dict[str, dict]:
    """Zones of ``kinds`` holding units in scope, as the rules roll up over them:
    ``{id: {"name", "units"}}``; once per snapshot and scope."""

    def build() -> dict[str, dict]:
        in_scope = set(district.scope_units)
        return {
            z: {"name": district.zone[z].name, "units": us}
            for z, us in district.zone_groups(*kinds).items()
            if any(u in in_scope for u in us)
        }

    return district.memo(("rule-groups", kinds), build)
