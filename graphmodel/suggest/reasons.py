"""Reasons in words: one short sentence per score part that counted, in Chinese and English.

Sentences are built from a suggestion's :class:`Evidence` (what the parts
measured, with names) and its parts (which counted, and how much): the
strongest first, a warning about an overloaded partner last.

>>> ev = Evidence(needs_met=("师资",), shared_zones=(("Z2", "党建协作二区"),),
...               common_partners=(("U7", "区统计局"), ("U8", "区档案馆")))
>>> parts = {"needs_met": 1.0, "shared_zone": 0.2, "common_partners": 0.5}
>>> rs = reasons("桂花社区", "市委党校", ev, parts)
>>> "；".join(r.zh for r in rs)
'桂花社区需要师资，市委党校可提供师资；有2个共同共建伙伴（区统计局、区档案馆）；两者同属党建协作二区'
>>> rs[0].en
'桂花社区 needs 师资, which 市委党校 can offer'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from translations import text, words

from ..records import UnitKind

__all__ = ["Evidence", "Reason", "reasons"]

#: Structural parts share one sentence (partners in common).
STRUCTURE = ("common_partners", "adamic_adar", "resource_allocation", "weighted_common")
#: A part whose contribution is below this does not earn a sentence.
NOTICEABLE = 0.01
#: At most this many names are written out in a sentence.
NAMES_SHOWN = 3


@dataclass(frozen=True)
class Evidence:
    """What the parts of one suggestion measured, with names for the sentences.

    Pairs are ``(id, name)``; ``kinds`` is (unit's kind, partner's kind).
    """

    common_partners: tuple[tuple[str, str], ...] = ()
    needs_met: tuple[str, ...] = ()
    offers_wanted: tuple[str, ...] = ()
    community: str | None = None
    street: tuple[str, str] | None = None
    shared_zones: tuple[tuple[str, str], ...] = ()
    distance_km: float | None = None
    kinds: tuple[str | None, str | None] = (None, None)
    partner_partners: int = 0

    def as_dict(self) -> dict:
        return {
            "common_partners": [{"id": i, "name": n} for i, n in self.common_partners],
            "needs_met": list(self.needs_met),
            "offers_wanted": list(self.offers_wanted),
            "community": self.community,
            "street": {"id": self.street[0], "name": self.street[1]} if self.street else None,
            "shared_zones": [{"id": i, "name": n} for i, n in self.shared_zones],
            "distance_km": None if self.distance_km is None else round(self.distance_km, 2),
            "kinds": list(self.kinds),
            "partner_partners": self.partner_partners,
        }


@dataclass(frozen=True)
class Reason:
    """One sentence, in Chinese and English, and the part it comes from."""

    part: str
    zh: str
    en: str

    def as_dict(self) -> dict:
        return {"part": self.part, "zh": self.zh, "en": self.en}


def _listed(names, language: str) -> str:
    names = list(names)
    shown = words("{names}", names=names[:NAMES_SHOWN]).render(language)
    if len(names) > NAMES_SHOWN:
        shown += text("等", language)
    return shown


def _kind(kind: str | None, zh: bool) -> str:
    member = UnitKind.parse(kind or "")
    if member is None:
        return kind or ""
    return member.zh if zh else member.value.replace("_", " ")  # type: ignore[attr-defined]


def _article(noun: str) -> str:
    return "an" if noun and noun[0].lower() in "aeiou" else "a"


def _sentence(part: str, unit: str, partner: str, ev: Evidence) -> Reason | None:
    """The sentence for ``part``, or None when the evidence has nothing to say."""
    if part == "common_partners" and ev.common_partners:
        n = len(ev.common_partners)
        names = [name for _, name in ev.common_partners]
        return Reason(
            part,
            f"有{n}个共同共建伙伴（{_listed(names, 'zh')}）",
            f"{n} partner{'s' if n > 1 else ''} in common ({_listed(names, 'en')})",
        )
    if part == "needs_met" and ev.needs_met:
        res_zh = "、".join(ev.needs_met)
        return Reason(
            part,
            f"{unit}需要{res_zh}，{partner}可提供{res_zh}",
            f"{unit} needs {', '.join(ev.needs_met)}, which {partner} can offer",
        )
    if part == "offers_wanted" and ev.offers_wanted:
        res_zh = "、".join(ev.offers_wanted)
        return Reason(
            part,
            f"{partner}需要{res_zh}，{unit}可提供{res_zh}",
            f"{partner} needs {', '.join(ev.offers_wanted)}, which {unit} can offer",
        )
    if part == "same_community" and ev.community:
        return Reason(part, f"两者同在{ev.community}", f"both are in {ev.community}")
    if part == "same_street" and ev.street:
        name = ev.street[1]
        return Reason(part, f"两者同属{name}", f"both are in {name}")
    if part == "shared_zone" and ev.shared_zones:
        names = [name for _, name in ev.shared_zones]
        return Reason(
            part,
            f"两者同属{_listed(names, 'zh')}",
            f"both belong to {_listed(names, 'en')}",
        )
    if part == "nearby" and ev.distance_km is not None:
        d = ev.distance_km
        return Reason(part, f"相距约{d:.1f}公里", f"about {d:.1f} km apart")
    if part == "kind_diversity" and all(ev.kinds):
        a_zh, b_zh = (_kind(k, True) for k in ev.kinds)
        a_en, b_en = (_kind(k, False) for k in ev.kinds)
        return Reason(
            part,
            f"{a_zh}与{b_zh}类型互补",
            f"{_article(a_en)} {a_en} and {_article(b_en)} {b_en} complement each other",
        )
    if part == "partner_activity":
        return Reason(part, f"{partner}近期较为活跃", f"{partner} has been active recently")
    if part == "overload":
        n = ev.partner_partners
        return Reason(
            part,
            f"注意：{partner}已有{n}个合作伙伴，负担较重",
            f"note: {partner} already has {n} partners and may be overloaded",
        )
    return None


def reasons(
    unit: str, partner: str, evidence: Evidence, parts: Mapping[str, float]
) -> list[Reason]:
    """The sentences for one suggestion of ``partner`` (a name) to ``unit`` (a name),
    strongest part first; the three structural parts share one sentence, and an
    overload warning comes last."""
    weight = {name: value for name, value in parts.items() if name not in STRUCTURE}
    weight["common_partners"] = sum(parts.get(name, 0.0) for name in STRUCTURE)
    ranked = sorted(
        (name for name, value in weight.items() if name != "overload" and value >= NOTICEABLE),
        key=lambda name: -weight[name],
    )
    if weight.get("overload", 0.0) <= -NOTICEABLE:
        ranked.append("overload")
    found = (_sentence(name, unit, partner, evidence) for name in ranked)
    return [r for r in found if r is not None]
