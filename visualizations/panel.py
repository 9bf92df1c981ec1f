"""The network view's side panel: one unit at a glance, without leaving the page.

Computed on the whole district for the window; a street planner sees the unit's
partners in other streets summed per street ("东湖街道 · 2 个单位, 3 次共同活动"),
never their ids or names.
"""

from __future__ import annotations

from collections import defaultdict

from graphmodel.district import District
from graphmodel.metrics.activity import activity_counts
from graphmodel.profile import unit_profile
from graphmodel.records import UnitKind
from graphmodel.window import Scope

from .district_graph import require_visible, visible

HEALTH_ZH = {"green": "绿", "amber": "黄", "red": "红", "none": "未评估"}
RATING = {
    "excellent": ("优秀", "excellent"),
    "pass": ("合格", "pass"),
    "fail": ("不合格", "fail"),
    "ineligible": ("取消评优资格", "not eligible"),
}


def _activity(whole, unit_id: str) -> dict:
    def count(window) -> int:
        counts = whole.memo(
            ("network-activity", window), lambda: activity_counts(whole.incidence, window)
        )
        return counts.get(unit_id, {}).get("activities", 0)

    previous = whole.window.previous()
    return {
        "window": whole.window.as_dict(),
        "previous_window": previous.as_dict(),
        "this": count(whole.window),
        "previous": count(previous),
    }


def _partners(whole, profile: dict, mine: set[str], lang: str) -> tuple[list, list]:
    """Partners the user may see (with ids), and the others summed per street."""
    shown, hidden = [], defaultdict(lambda: {"units": 0, "joint": 0.0})
    for p in profile["partners"]:
        if p["id"] in mine:
            kind = whole.unit[p["id"]].kind
            shown.append(
                {
                    "id": p["id"],
                    "name": p["name"],
                    "kind": p["kind_zh"] if lang == "zh" else kind,
                    "street": p["street_name"],
                    "joint": p["joint"],
                    "hosted_for_them": p["hosted_for_them"],
                    "hosted_by_them": p["hosted_by_them"],
                }
            )
        else:
            group = hidden[p["street_name"] or "—"]
            group["units"] += 1
            group["joint"] += p["joint"]
    others = [{"street": s, **v} for s, v in sorted(hidden.items())]
    return shown, others


def unit_panel(
    whole: District, scope: Scope, unit_id: str, lang: str, card: dict, found: list[dict]
) -> dict:
    """Everything the side panel shows about ``unit_id`` (a unit the user may see), with
    its health ``card`` and the suggestions ``found`` for it (the service reads both)."""
    require_visible(whole, scope, unit_id)
    mine = visible(whole, scope)
    profile = unit_profile(whole, unit_id)
    unit = profile["unit"]
    partners, others = _partners(whole, profile, mine, lang)
    kind = UnitKind.parse(unit["kind"])
    level = card.get("level", "none")
    rating = RATING.get(card.get("rating") or "", ("—", "—"))
    return {
        "id": unit_id,
        "name": unit["name"],
        "kind": (kind.zh if lang == "zh" else kind.value) if kind else unit["kind"],
        "street": unit["street_name"],
        "community": unit["community"],
        "zones": [z["name"] for z in unit["zones"]],
        "partners": partners,
        "outside_partners": others,
        "activity": _activity(whole, unit_id),
        "health": {
            "level": level,
            "label": HEALTH_ZH[level] if lang == "zh" else level,
            "score": card.get("score"),
            "rating": rating[0] if lang == "zh" else rating[1],
        },
        "suggestions": [
            {
                "id": s["partner"],
                "name": s["partner_name"],
                "reasons": [r["zh"] if lang == "zh" else r["en"] for r in s["reasons"]],
            }
            for s in found
        ],
    }
