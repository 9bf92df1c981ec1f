"""Every error of the domain: each carries what a user needs to fix the problem.

The classes say what went wrong, never how to answer it: the service maps them
to HTTP statuses in one table (``service/errors.py``). A caller catches
:class:`CobuildError` for all of them, or a family: :class:`AnalysisError`
(a bad window or scope, a graph a metric cannot use), :class:`SuggestionError`,
the store's errors.

>>> issubclass(UnknownUnit, NotFound), issubclass(BadWindow, AnalysisError)
(True, True)
"""

from __future__ import annotations

from translations import Words, words


class CobuildError(Exception):
    """Base of every error the project raises on purpose.

    A raise gives the Chinese text with its format parameters
    (``BadWindow("时间窗口长度须为 1 至 {most} 个月", most=120)``); the English comes
    from the catalogue in :mod:`translations`. ``message_zh`` and ``message_en`` are
    shown to people; ``code`` is a stable key for the JSON error body.
    """

    code = "error"

    def __init__(self, message: str | Words, /, **params: object) -> None:
        self.words = message if isinstance(message, Words) else words(message, **params)
        super().__init__(self.message_en)

    @property
    def message_zh(self) -> str:
        return self.words.zh

    @property
    def message_en(self) -> str:
        return self.words.en

    def __str__(self) -> str:
        if self.message_zh == self.message_en:
            return self.message_en
        return f"{self.message_zh} / {self.message_en}"


class StoreUnavailable(CobuildError):
    """The store cannot be reached (Neo4j down, file unreadable)."""

    code = "store_unavailable"


class StoreURLError(CobuildError):
    """A store URL names no known backend or is malformed."""

    code = "bad_store_url"


class NotFound(CobuildError):
    """A record asked for by id does not exist."""

    code = "not_found"


class StoreFailed(CobuildError):
    """The store answered but refused or failed the request (not a data problem)."""

    code = "store_failed"


class DanglingReference(CobuildError):
    """Records name others that exist neither in the load nor in the store; nothing was written.

    The loaders check references first; this guards direct calls of ``Store.load``
    on a backend (Neo4j) that stores references as relationships.
    """

    code = "dangling_reference"


class StoreBusy(CobuildError):
    """Another import is being written into the store; try again when it is done."""

    code = "store_busy"


class BadDecision(CobuildError):
    """A planner's decision on a suggestion that cannot be recorded as given."""

    code = "bad_decision"


class RulesError(CobuildError):
    """A rules file that cannot be used as written; nothing was changed."""

    code = "bad_rules"


# -- the analysis: a bad window or scope, or a graph a metric cannot use ----


class AnalysisError(CobuildError):
    """Base of the analysis' errors."""

    code = "analysis_error"


class BadWindow(AnalysisError):
    """A time window that cannot be read or makes no sense (e.g. 0 months)."""

    code = "bad_window"


class BadScope(AnalysisError):
    """A scope that names an unknown street, zone or unit kind."""

    code = "bad_scope"


class MetricPrecondition(AnalysisError):
    """A metric was given a graph or a value it is not defined for."""

    code = "metric_precondition"


# -- the suggestions: an unknown unit, or a request they cannot answer ------


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

    def __init__(self, author: str) -> None:
        if author:
            super().__init__("只有决定人{author}或管理员可以撤销此决定", author=author)
        else:
            super().__init__("只有决定人或管理员可以撤销此决定")
