"""Words for every figure: one catalogue of what each figure, column and status means.

The catalogue (``glossary.toml`` beside this file) says, in Chinese and English,
what a figure counts, over which period and which way is good. Templates show an
entry behind a "?" (``{{ help("density") }}`` from ``_help.html``), the help page
``/help/metrics`` lists them all, and exports use the same names.

>>> entry = catalogue()["density"]
>>> entry.zh, entry.better
('协作密度', 'higher')
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from flask import Flask

from graphmodel.records import KIND_EN, UnitKind, ZoneKind

from .i18n import language

CATALOGUE = Path(__file__).with_name("glossary.toml")
BETTER = ("higher", "lower", "neither")

KIND_ZH = {k.value: k.zh for k in (*UnitKind, *ZoneKind)}


@dataclass(frozen=True)
class Term:
    """One figure, column or status: its names, what it counts, its period, which way is good."""

    key: str
    group: str
    zh: str
    en: str
    what_zh: str
    what_en: str
    window: str
    better: str


@dataclass(frozen=True)
class Said:
    """A term in one language, ready for a page."""

    key: str
    name: str
    what: str
    window: str
    better: str
    direction: str  # "higher", "lower" or "neither"


@cache
def _data() -> dict:
    return tomllib.loads(CATALOGUE.read_text("utf-8"))


@cache
def catalogue() -> dict[str, Term]:
    """Every term by key, checked: a known group, period and direction, both languages."""
    data = _data()
    terms = {}
    for key, entry in data["term"].items():
        term = Term(key=key, **entry)
        if term.group not in data["groups"] or term.window not in data["windows"]:
            raise ValueError(f"glossary term {key}: unknown group or window")
        if term.better not in BETTER or not all((term.zh, term.en, term.what_zh, term.what_en)):
            raise ValueError(f"glossary term {key}: direction or a text is missing")
        terms[key] = term
    return terms


def say(key: str, lang: str | None = None) -> Said:
    """The term ``key`` in ``lang`` (default: the request's language); KeyError if unknown."""
    lang = lang or language()
    term, data = catalogue()[key], _data()
    pick = "zh" if lang == "zh" else "en"
    return Said(
        key=key,
        name=term.zh if pick == "zh" else term.en,
        what=term.what_zh if pick == "zh" else term.what_en,
        window=data["windows"][term.window][pick],
        better=data["better"][term.better][pick],
        direction=term.better,
    )


def grouped(lang: str | None = None) -> list[tuple[str, list[Said]]]:
    """Every term in its group, groups in catalogue order: ``[(group name, [Said…])]``."""
    lang = lang or language()
    pick = "zh" if lang == "zh" else "en"
    groups = _data()["groups"]
    return [
        (names[pick], [say(k, lang) for k, t in catalogue().items() if t.group == group])
        for group, names in groups.items()
    ]


def kind_label(code: str | None, lang: str | None = None) -> str:
    """A unit or zone kind as people say it: 社会组织 / social organisation, never social_org.

    >>> kind_label("social_org", "en"), kind_label("social_org", "zh")
    ('social organisation', '社会组织')
    """
    if not code:
        return ""
    lang = lang or language()
    return (KIND_ZH if lang == "zh" else KIND_EN).get(code, code)


def init_app(app: Flask) -> None:
    """Templates get ``term(key)`` and the ``kind_label`` filter."""
    app.jinja_env.globals.update(term=say)
    app.jinja_env.filters.update(kind_label=kind_label)
