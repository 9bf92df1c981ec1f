"""Errors of the suggestions: an unknown unit, or a request they cannot answer."""

from __future__ import annotations

from ..errors import BadDecision, CobuildError, NotFound

__all__ = ["BadDecision", "BadSuggestionRequest", "SuggestionError", "UnknownUnit"]


class SuggestionError(CobuildError):
    """Base of the suggestions' own errors."""

    code = "suggestion_error"


class BadSuggestionRequest(SuggestionError):
    """A value the scoring or the backtest is not defined for (k < 1, a negative weight …)."""

    code = "bad_suggestion_request"


class UnknownUnit(NotFound):
    """The unit asked about is not in the district (or not in the user's scope)."""

    def __init__(self, unit: str) -> None:
        super().__init__(f"no unit {unit!r} in scope", f"范围内没有单位 {unit!r}")
        self.unit = unit
