"""Chart geometry computed on the server, drawn as SVG by an autoescaped template."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    x: float
    y: float
    width: float
    height: float


def bar_chart(
    series: list[tuple[str, float]], *, width: float = 720, height: float = 180
) -> list[Bar]:
    """Bars for ``(label, value)`` pairs, scaled to fit ``width`` × ``height``.

    >>> [round(b.height) for b in bar_chart([("a", 1), ("b", 2)], height=100)]
    [50, 100]
    """
    if not series:
        return []
    top = max(v for _, v in series) or 1
    step = width / len(series)
    bars = []
    for i, (label, value) in enumerate(series):
        h = height * value / top
        bars.append(Bar(label, value, i * step + step * 0.1, height - h, step * 0.8, h))
    return bars
