"""Errors of the suggestions: an unknown unit, or a request they cannot answer."""

from __future__ import annotations

from ..errors import BadDecision, CobuildError, NotFound

__all__ = [
    "BadDecision",
    "BadSuggestionRequest",
    "NotTheAuthor",
    "SuggestionError",
    "UnknownUnit",
]


class SuggestionError(CobuildError):
    """Base of the suggestions' own errors."""

    code = "suggestion_error"


class BadSuggestionRequest(SuggestionError):
    """A value the scoring or the backtest is not defined for (k < 1, a negative weight …)."""

    code = "bad_suggestion_request"


class UnknownUnit(NotFound):
    """The unit asked about is not in the district (or not in the user's scope)."""

    def __init__(self, unit: str) -> None:
        super().__init__("范围内没有单位 {unit!r}", unit=unit)
        self.unit = unit


class NotTheAuthor(BadDecision):
    """Only a decision's author (or an admin) may undo it."""

    code = "not_the_author"
    http_status = 403

    def __init__(self, author: str) -> None:
        if author:
            super().__init__("只有决定人{author}或管理员可以撤销此决定", author=author)
        else:
            super().__init__("只有决定人或管理员可以撤销此决定")
