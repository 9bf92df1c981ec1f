"""Long tables shown a page at a time (``?page=N``), so that no page of a city is megabytes."""

from __future__ import annotations

from dataclasses import dataclass

from flask import request


@dataclass(frozen=True)
class Page:
    """Page ``number`` (1-based) of ``pages``: rows ``start``–``stop`` (0-based, stop excluded)."""

    number: int
    pages: int
    start: int
    stop: int

    @property
    def first(self) -> int:
        """The 1-based number of the page's first row."""
        return self.start + 1


def requested_page(count: int, size: int, arg: str = "page") -> Page:
    """The page the request asks for (``?page=N``, or another ``arg``; a bad or
    out-of-range number is clamped) of ``count`` rows, ``size`` to a page."""
    pages = max(1, -(-count // size))
    try:
        number = int(request.args.get(arg, "1"))
    except ValueError:
        number = 1
    number = min(max(number, 1), pages)
    start = (number - 1) * size
    return Page(number, pages, start, min(start + size, count))
