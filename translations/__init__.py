"""One catalogue of the project's words: Chinese first, English beside it.

Code writes the Chinese text; the English comes from here, keyed by that text.
A text with format parameters keeps them as ``{name}`` in both languages::

    >>> text("单位", "en")
    'Units'
    >>> words("找到 {n} 个单位", n=3).en
    '3 units found'
    >>> words("找到 {n} 个单位", n=3).zh
    '找到 3 个单位'

A Chinese text with no entry shows as it is, in both languages; the i18n test
lists every text the code passes here that lacks its English. This package
imports nothing from the project, so every layer may use it.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import accounts, assessment, errors, network, pages, problems, suggestions

LANGUAGES = ("zh", "en")

#: the topics, one module each; a key belongs to one topic only (the i18n test checks)
TOPICS = (pages, accounts, suggestions, assessment, network, errors, problems)

EN: dict[str, str] = {}
for _topic in TOPICS:
    EN.update(_topic.EN)

#: how a list parameter is joined in each language
_SEPARATORS = {"zh": "、", "en": ", "}


def english(zh: str) -> str:
    """The English of a Chinese text (the text itself when the catalogue has none)."""
    return EN.get(zh, zh)


def text(zh: str, language: str) -> str:
    """A Chinese text in ``language`` (``zh`` or ``en``)."""
    return english(zh) if language == "en" else zh


@dataclass(frozen=True)
class Words:
    """A Chinese text with its format parameters, to be shown in either language.

    A parameter that is itself :class:`Words` is shown in the same language; a
    list or tuple is joined with 、 in Chinese and a comma in English. The
    template is a format string: a literal brace is written ``{{`` or ``}}``.
    """

    template: str
    params: tuple[tuple[str, object], ...] = ()

    def render(self, language: str) -> str:
        """The text in ``language``, parameters filled in."""
        # Always formatted, so that a literal brace is written {{ }} with or without parameters.
        template = text(self.template, language)
        return template.format(**{k: _shown(v, language) for k, v in self.params})

    @property
    def zh(self) -> str:
        """The text in Chinese."""
        return self.render("zh")

    @property
    def en(self) -> str:
        """The text in English."""
        return self.render("en")


@dataclass(frozen=True)
class Said:
    """Words already shown in both languages, read back from a stored report."""

    zh: str
    en: str

    def render(self, language: str) -> str:
        """The text in ``language``."""
        return self.en if language == "en" else self.zh


def words(zh: str, /, **params: object) -> Words:
    """The Chinese text ``zh`` with format parameters, e.g. ``words("第 {row} 行", row=3)``."""
    return Words(zh, tuple((k, _frozen(v)) for k, v in params.items()))


def _frozen(value: object) -> object:
    return tuple(value) if isinstance(value, list) else value


def _shown(value: object, language: str) -> object:
    if isinstance(value, Words):
        return value.render(language)
    if isinstance(value, tuple):
        return _SEPARATORS[language].join(str(_shown(v, language)) for v in value)
    return value
