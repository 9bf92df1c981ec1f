"""What sizes and colours the network view's units: measures of the whole district.

Sizes (joint activities, partners, betweenness, health score) and colourings (kind,
street, community, activity level, health) are computed on the whole district's graph
for the window and memoised in the snapshot; only the units shown are coloured.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

import numpy as np

from graphmodel.assessment import RuleSet, assess
from graphmodel.district import District
from graphmodel.metrics.activity import activity_counts
from graphmodel.metrics.communities import louvain
from graphmodel.metrics.structure import betweenness, betweenness_sources
from graphmodel.projection import SparseGraph
from translations import text

from . import encoding
from .district_graph import street_names, totals

#: The rules in force, read only when a view needs health (the service reads its file).
Rules = Callable[[], RuleSet]


def activity_levels(whole: District) -> dict[Hashable, int]:
    """Activity level 0–3: none, then thirds of the units that took part."""
    counts = activity_counts(whole.incidence, whole.window)
    values = {u: counts.get(u, {}).get("activities", 0) for u in whole.unit}
    active = np.array([v for v in values.values() if v > 0])
    if not len(active):
        return dict.fromkeys(values, 0)
    low, high = np.quantile(active, [1 / 3, 2 / 3])
    return {n: 0 if v == 0 else 1 if v <= low else 2 if v <= high else 3 for n, v in values.items()}


def health_cards(whole: District, rules: RuleSet) -> dict[str, dict]:
    """Each unit's health card under ``rules``, by unit id."""
    return {c["id"]: c for c in assess(whole, rules)}


def measure(whole: District, S: SparseGraph, size: str, rules: Rules) -> dict[Hashable, float]:
    """The sizing measure for every unit of the district."""
    partners, joint = totals(whole, S)
    if size == "partners":
        return partners
    if size == "betweenness":
        return whole.memo(
            ("network-betweenness", id(S)), lambda: betweenness(S, k=betweenness_sources(S))
        )
    if size == "health":
        return {u: c["score"] or 0.0 for u, c in health_cards(whole, rules()).items()}
    return joint


def colouring(
    whole: District, S: SparseGraph, shown: list[str], colour: str, language: str, rules: Rules
) -> encoding.Colouring:
    """The colouring of the units ``shown`` (measures of the whole district)."""
    attrs = {n: S.attrs.get(n, {}) for n in shown}
    if colour == "street":
        return encoding.by_street(attrs, street_names(whole))
    if colour == "community":
        found = whole.memo(("network-louvain", id(S)), lambda: louvain(S, weight="weight"))
        wanted = set(shown)
        groups = [[n for n in c if n in wanted] for c in found]
        coloured = encoding.by_community(
            [g for g in groups if g], S.attrs, street_names(whole), language
        )
        key = {**dict.fromkeys(shown, "none"), **coloured.key}
        alone = text("无合作", language)
        legend = coloured.legend + [
            {"key": "none", "label": alone, "colour": encoding.LEVEL_COLOURS[0],
             "count": sum(v == "none" for v in key.values())}
        ]  # fmt: skip
        return encoding.Colouring(key, [item for item in legend if item["count"]])
    if colour == "activity":
        levels = whole.memo("network-levels", lambda: activity_levels(whole))
        return encoding.by_level({n: levels.get(n, 0) for n in shown}, language)
    if colour == "health":
        cards = health_cards(whole, rules())
        return encoding.by_health(
            {n: cards.get(n, {}).get("level", "none") for n in shown}, language
        )
    return encoding.by_kind(attrs, language)
