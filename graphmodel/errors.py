"""The project's errors: each carries what a user needs to fix the problem."""

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
    http_status = 400

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
    http_status = 503


class StoreURLError(CobuildError):
    """A store URL names no known backend or is malformed."""

    code = "bad_store_url"


class LoadRejected(CobuildError):
    """A load found problems; nothing was written."""

    code = "load_rejected"
    http_status = 422

    def __init__(self, problems: list) -> None:
        errors = [p for p in problems if p.is_error]
        super().__init__("发现 {count} 个问题，未写入任何数据", count=len(errors))
        self.problems = problems


class NotFound(CobuildError):
    """A record asked for by id does not exist."""

    code = "not_found"
    http_status = 404


class StoreFailed(CobuildError):
    """The store answered but refused or failed the request (not a data problem)."""

    code = "store_failed"
    http_status = 500


class DanglingReference(CobuildError):
    """Records name others that exist neither in the load nor in the store; nothing was written.

    The loaders check references first; this guards direct calls of ``Store.load``
    on a backend (Neo4j) that stores references as relationships.
    """

    code = "dangling_reference"
    http_status = 422


class StoreBusy(CobuildError):
    """Another import is being written into the store; try again when it is done."""

    code = "store_busy"
    http_status = 409


class BadDecision(CobuildError):
    """A planner's decision on a suggestion that cannot be recorded as given."""

    code = "bad_decision"
