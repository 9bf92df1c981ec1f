"""Unit names as planners write them: normalising, splitting lists, guessing kinds.

Ledgers name units the way people do: with or without the street in front,
with 党委 / 居委会 / 有限公司 behind, full-width spaces, brackets such as
（筹）. :func:`normalise` brings such variants to one key, so that
"沙市街道团结社区党委", "团结社区" and "团结社区居委会" meet; it never decides
on its own which unit a name means (see :mod:`loaders.resolve`).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from graphmodel.records import ActivityKind, UnitKind

#: Separators of a cell that lists several names (a line break counts too).
_NAME_SPLIT = re.compile(r"[、，,;；/／\n\r]+")
_BRACKETS = re.compile(r"[（(\[【〔［][^（()）\]】〕］]*[)）\]】〕］]")
_NOT_WORD = re.compile(r"[\W_]+")
#: Organisational suffixes, longest first (removed repeatedly from the end).
SUFFIXES = (
    "股份有限公司",
    "有限责任公司",
    "居民委员会",
    "联合党支部",
    "党群服务中心",
    "有限公司",
    "党总支部",
    "村委会",
    "居委会",
    "委员会",
    "党总支",
    "党支部",
    "党小组",
    "公司",
    "党委",
    "党组",
    "机关",
    "支部",
)
#: Place prefixes: 省 / 市 / 区 / 县 after two or three characters, 街道 / 镇 / 乡
#: after two to four (one character before 市 is a word such as 城市 or 沙市).
_PLACE = re.compile(
    r"^(?:中共|中国共产党)|^[\u4e00-\u9fff]{2,3}(?:省|(?<!超)市|区|县)"
    r"|^[\u4e00-\u9fff]{2,4}(?:街道办事处|街道|镇|乡)"
)
#: A name shorter than this after stripping keeps what it had (党委 stays 党委).
_SHORTEST = 2
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


@lru_cache(maxsize=1 << 18)  # ledgers repeat the same names thousands of times
def clean(name: str) -> str:
    """A name as written, without surrounding or doubled spaces (full-width too).

    >>> clean("  团结社区\\u3000 党委 ")
    '团结社区 党委'
    """
    return " ".join(unicodedata.normalize("NFKC", name).split())


@lru_cache(maxsize=1 << 18)
def normalise(name: str) -> str:
    """The key under which variants of one unit's name meet.

    Full-width → half-width, lower case, no spaces, punctuation or bracketed
    parts, no place prefix (city, district, street) and no organisational
    suffix (党委, 居委会, 有限公司 …). Idempotent.

    >>> normalise("沙市街道团结社区党委") == normalise("团结社区居委会") == "团结社区"
    True
    >>> normalise("华远建设有限公司（筹）")
    '华远建设'
    """
    text = unicodedata.normalize("NFKC", name)
    text = _BRACKETS.sub("", text)
    text = _NOT_WORD.sub("", text).lower()
    while True:
        shorter = _strip_once(text)
        if shorter == text:
            return text
        text = shorter


def _strip_once(text: str) -> str:
    for suffix in SUFFIXES:
        if text.endswith(suffix) and len(text) - len(suffix) >= _SHORTEST:
            return text[: -len(suffix)]
    match = _PLACE.match(text)
    if match and len(text) - match.end() >= _SHORTEST:
        return text[match.end() :]
    return text


def split_names(cell: object) -> list[str]:
    """The names listed in one cell, separated by 、，,;；/ or line breaks.

    >>> split_names("团结社区、区统计局，华远建设/区档案馆\\n东湖小学")
    ['团结社区', '区统计局', '华远建设', '区档案馆', '东湖小学']
    """
    if cell is None:
        return []
    items = cell if isinstance(cell, list) else _NAME_SPLIT.split(str(cell))
    return [c for c in (clean(str(i)) for i in items if i is not None) if c]


def control_character(text: str) -> str | None:
    """The first NUL or other control character in ``text`` as U+XXXX, if any.

    Such characters make exports invalid XML, so names may not hold them.

    >>> control_character("团结\\x00社区")
    'U+0000'
    """
    found = _CONTROL.search(text)
    return f"U+{ord(found.group()):04X}" if found else None


#: Unit kinds from words in a name or a free-text kind, checked in this order.
UNIT_KIND_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("community", ("社区", "居委会", "居民委员会", "村委会")),
    ("school", ("学校", "小学", "中学", "大学", "学院", "幼儿园", "学校")),
    ("hospital", ("医院", "卫生院", "卫生服务中心", "诊所")),
    ("social_org", ("协会", "商会", "社会组织", "基金会", "联合会", "促进会")),
    ("military", ("部队", "武警", "消防救援", "军分区")),
    ("enterprise", ("公司", "企业", "集团", "厂", "银行", "超市", "酒店")),
    ("institution", ("事业单位", "中心", "馆", "站", "所", "院")),
    ("government", ("机关", "政府", "局", "委", "办", "街道", "法院", "检察院")),
)


def unit_kind(text: str) -> str | None:
    """The unit kind a free-text kind or a name suggests, or None.

    >>> unit_kind("团结社区居委会"), unit_kind("区统计局"), unit_kind("华远建设有限公司")
    ('community', 'government', 'enterprise')
    """
    member = UnitKind.parse(text)
    if member is not None:
        return member.value
    for kind, words in UNIT_KIND_WORDS:
        if any(w in text for w in words):
            return kind
    return None


#: Activity kinds from words in a ledger's free-text 活动类型 or title.
ACTIVITY_KIND_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("theme_day", ("主题党日", "党日")),
    ("lecture", ("党课", "讲座", "宣讲", "报告会", "培训", "学习")),
    ("volunteer", ("志愿", "义诊", "慰问", "服务")),
    ("joint_meeting", ("联席会", "会议", "座谈", "推进会")),
    ("project", ("共建项目", "项目", "共建")),
)


def activity_kind(text: str) -> str | None:
    """The activity kind a free-text kind suggests, or None.

    >>> activity_kind("党史讲座"), activity_kind("义诊志愿服务"), activity_kind("联谊")
    ('lecture', 'volunteer', None)
    """
    member = ActivityKind.parse(text)
    if member is not None:
        return member.value
    for kind, words in ACTIVITY_KIND_WORDS:
        if any(w in text for w in words):
            return kind
    return None
