"""Template filters for numbers that may be missing (a zone of one unit has no density)."""

from __future__ import annotations

from flask import Flask

MISSING = "—"


def number(value: float | None, pattern: str = "%.3f") -> str:
    """``value`` formatted, or a dash when there is none.

    >>> number(0.12345), number(None)
    ('0.123', '—')
    """
    return MISSING if value is None else pattern % value


def percent(value: float | None) -> str:
    """A share as a whole percentage, or a dash.

    >>> percent(0.256), percent(None)
    ('26%', '—')
    """
    return MISSING if value is None else f"{round(value * 100)}%"


def init_app(app: Flask) -> None:
    app.jinja_env.filters.update(number=number, percent=percent)
