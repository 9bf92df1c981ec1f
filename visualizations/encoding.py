"""How the network view encodes units: a size measure and a colour category per unit.

A :class:`Colouring` maps each unit to a legend key and lists the legend
entries (key, label, colour, count) in order; the page hides or shows a key's
units when its legend entry is clicked. Colourings by kind, street, detected
community (named after the street most of its units belong to), activity
level and health status; sizes by any measure, scaled by its square root.

>>> c = by_kind({"U1": {"kind": "school"}, "U2": {"kind": "school"}}, "en")
>>> c.key["U1"], c.legend
('school', [{'key': 'school', 'label': 'school', 'colour': '#00838f', 'count': 2}])
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass

from graphmodel.records import KIND_EN, UnitKind
from translations import words

KIND_COLOURS = {
    "government": "#c62828",
    "enterprise": "#1565c0",
    "institution": "#6a1b9a",
    "community": "#2e7d32",
    "social_org": "#ef6c00",
    "school": "#00838f",
    "hospital": "#ad1457",
    "military": "#4e342e",
    "other": "#757575",
}
#: Colours for streets and detected communities (cycled).
PALETTE = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
    "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#637939", "#8c6d31", "#843c39",
)  # fmt: skip
LEVEL_COLOURS = ("#bdbdbd", "#ffcc80", "#ff9800", "#e65100")
HEALTH_COLOURS = {"green": "#2e7d32", "amber": "#f9a825", "red": "#c62828", "none": "#bdbdbd"}
#: Size measures and colourings a request may ask for (``size=…``, ``colour=…``).
SIZE_MEASURES = ("activities", "partners", "betweenness", "health")
COLOURINGS = ("kind", "street", "community", "activity", "health")


@dataclass(frozen=True)
class Colouring:
    """Each unit's legend key, and the legend (in order) with each key's colour."""

    key: Mapping[Hashable, str]
    legend: list[dict]

    def colour(self, node: Hashable) -> str:
        for item in self.legend:
            if item["key"] == self.key.get(node, ""):
                return item["colour"]
        return "#757575"


def _legend(keys: Mapping[Hashable, str], entries: Iterable[tuple[str, str, str]]) -> list[dict]:
    counts = Counter(keys.values())
    return [
        {"key": key, "label": label, "colour": colour, "count": counts[key]}
        for key, label, colour in entries
        if counts[key]
    ]


def by_kind(attrs: Mapping[Hashable, Mapping], language: str = "zh") -> Colouring:
    """Colour by unit kind (机关, 企业 …)."""
    keys = {n: str(a.get("kind") or "other") for n, a in attrs.items()}
    entries = [
        (k.value, k.zh if language == "zh" else KIND_EN[k.value], KIND_COLOURS[k.value])
        for k in UnitKind
    ]
    return Colouring(keys, _legend(keys, entries))


def by_street(attrs: Mapping[Hashable, Mapping], street_names: Mapping[str, str]) -> Colouring:
    """Colour by street, in the streets' id order."""
    keys = {n: str(a.get("street") or "") for n, a in attrs.items()}
    order = sorted(set(keys.values()))
    entries = [
        (s, street_names.get(s, s or "—"), PALETTE[i % len(PALETTE)]) for i, s in enumerate(order)
    ]
    return Colouring(keys, _legend(keys, entries))


def by_community(
    communities: Iterable[Iterable[Hashable]],
    attrs: Mapping[Hashable, Mapping],
    street_names: Mapping[str, str],
    language: str = "zh",
) -> Colouring:
    """Colour by detected community, each named after the street most of its units lie
    in ("沙市街道一带"), numbered when two match the same street."""
    keys: dict[Hashable, str] = {}
    entries = []
    seen: Counter = Counter()
    for i, members in enumerate(sorted((list(c) for c in communities), key=len, reverse=True)):
        streets = Counter(attrs.get(n, {}).get("street") for n in members)
        street = streets.most_common(1)[0][0] if streets else None
        name = street_names.get(street, street or "—")
        seen[name] += 1
        label = words("{name}一带", name=name).render(language)
        if seen[name] > 1:
            label += f" ({seen[name]})"
        key = f"c{i}"
        keys.update(dict.fromkeys(members, key))
        entries.append((key, label, PALETTE[i % len(PALETTE)]))
    return Colouring(keys, _legend(keys, entries))


def by_level(levels: Mapping[Hashable, int], language: str = "zh") -> Colouring:
    """Colour by activity level 0–3 (none, then thirds of the units that took part)."""
    names = ("无活动", "低", "中", "高") if language == "zh" else ("none", "low", "middle", "high")
    keys = {n: f"l{v}" for n, v in levels.items()}
    entries = [(f"l{i}", names[i], LEVEL_COLOURS[i]) for i in (3, 2, 1, 0)]
    return Colouring(keys, _legend(keys, entries))


def by_health(status: Mapping[Hashable, str], language: str = "zh") -> Colouring:
    """Colour by health status (red / amber / green; grey when not assessed)."""
    names = {
        "zh": {"green": "绿（优秀）", "amber": "黄（合格）", "red": "红（需关注）", "none": "未评估"},
        "en": {"green": "green (excellent)", "amber": "amber (pass)", "red": "red (needs attention)",
               "none": "not assessed"},
    }[language]  # fmt: skip
    keys = {n: s if s in HEALTH_COLOURS else "none" for n, s in status.items()}
    entries = [(s, names[s], HEALTH_COLOURS[s]) for s in ("red", "amber", "green", "none")]
    return Colouring(keys, _legend(keys, entries))


def sizes(values: Mapping[Hashable, float], *, smallest: float = 6, largest: float = 28) -> dict:
    """Node sizes from a measure: the square root of its share of the largest value.

    >>> sizes({"a": 4, "b": 1, "c": 0})
    {'a': 28.0, 'b': 17.0, 'c': 6.0}
    """
    top = max((v for v in values.values() if v is not None), default=0) or 0
    out = {}
    for node, v in values.items():
        share = (max(v or 0, 0) / top) ** 0.5 if top > 0 else 0
        out[node] = round(smallest + (largest - smallest) * share, 1)
    return out
