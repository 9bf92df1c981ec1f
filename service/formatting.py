"""Template filters that say numbers as people read them.

Scores and counts per quarter get one decimal, shares are percentages with one
decimal ("2.45 %" needs two: pass ``digits``), and a missing value (a zone of
one unit has no density) is a dash.
"""

from __future__ import annotations

from flask import Flask

MISSING = "—"


def number(value: float | None, pattern: str = "%.3f") -> str:
    """``value`` formatted, or a dash when there is none.

    >>> number(0.12345), number(None)
    ('0.123', '—')
    """
    return MISSING if value is None else pattern % value


def percent(value: float | None, digits: int = 1) -> str:
    """A share (0–1) as a percentage with ``digits`` decimals, or a dash.

    >>> percent(0.256), percent(0.0245, 2), percent(None)
    ('25.6 %', '2.45 %', '—')
    """
    return MISSING if value is None else f"{value * 100:.{digits}f} %"


def score(value: float | None) -> str:
    """A score or mean score with one decimal (14.28571… → 14.3), or a dash.

    >>> score(14.28571428571429), score(None)
    ('14.3', '—')
    """
    return MISSING if value is None else f"{value:.1f}"


def init_app(app: Flask) -> None:
    app.jinja_env.filters.update(number=number, percent=percent, score=score)
