"""The time window and the scope that every metric takes.

A :class:`Window` is an end date and a length in months: the 12 months up to
30 June 2026 run from 1 July 2025 to 30 June 2026, both days included. "Today"
is never read inside the analysis; callers pass it (``Window.last(today=…)``)
so that results are reproducible.

A :class:`Scope` narrows the units a report lists: streets and zones name
places (a unit is in scope when it lies in any of them), kinds name unit kinds
(a unit must also be of one of them). An empty scope is the whole district.

>>> w = Window(dt.date(2026, 6, 30), 12)
>>> w.start, w.previous().end
(datetime.date(2025, 7, 1), datetime.date(2025, 6, 30))
>>> parse_scope(["street:S001", "kind:社区"]).kinds
frozenset({'community'})
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from .errors import BadScope, BadWindow
from .limits import DEFAULT_MONTHS, MAX_MONTHS, MIN_MONTHS
from .records import Unit, UnitKind


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by ``months`` calendar months, clamped to the month's last day.

    >>> add_months(dt.date(2026, 3, 31), -1)
    datetime.date(2026, 2, 28)
    """
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


@dataclass(frozen=True)
class Period:
    """One step of a time series: a calendar month or quarter, clipped to the window."""

    label: str
    start: dt.date
    end: dt.date
    partial: bool

    def as_dict(self) -> dict:
        return {
            "period": self.label,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "partial": self.partial,
        }


#: The range of window ends the analysis accepts.
FIRST_END, LAST_END = dt.date(1949, 10, 1), dt.date(2199, 12, 31)


@dataclass(frozen=True)
class Window:
    """The ``months`` calendar months that end on ``end`` (both ends included)."""

    end: dt.date
    months: int = DEFAULT_MONTHS

    def __post_init__(self) -> None:
        if isinstance(self.end, dt.datetime) or not isinstance(self.end, dt.date):
            raise BadWindow(
                "时间窗口的截止日期须为日期，而不是 {end!r}",
                end=self.end,
            )
        if not FIRST_END <= self.end <= LAST_END:
            # Far-off dates are typing errors, and the previous window must stay a date.
            raise BadWindow(
                "时间窗口的截止日期须在 {first_end} 与 {last_end} 之间，而不是 {end}",
                first_end=FIRST_END,
                last_end=LAST_END,
                end=self.end,
            )
        if not isinstance(self.months, int) or not MIN_MONTHS <= self.months <= MAX_MONTHS:
            raise BadWindow(
                "时间窗口长度须为 1 至 {max_months} 个月，而不是 {months!r}",
                max_months=MAX_MONTHS,
                months=self.months,
            )

    @classmethod
    def last(cls, months: int = DEFAULT_MONTHS, *, today: dt.date) -> Window:
        """The last ``months`` months up to ``today``."""
        return cls(today, months)

    @cached_property
    def start(self) -> dt.date:
        """The first day inside the window."""
        return add_months(self.end + dt.timedelta(days=1), -self.months)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Window:
        """The window of the same length that ends the day before this one starts."""
        return Window(self.start - dt.timedelta(days=1), self.months)

    def __contains__(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def periods(self, freq: str = "month") -> list[Period]:
        """Calendar months (``"month"``) or quarters (``"quarter"``) that meet the window.

        >>> [p.label for p in Window(dt.date(2026, 6, 30), 6).periods("quarter")]
        ['2026Q1', '2026Q2']
        """
        if freq not in ("month", "quarter"):
            raise BadWindow(
                "时间序列须按月（month）或按季度（quarter），而不是 {freq!r}",
                freq=freq,
            )
        step = 1 if freq == "month" else 3
        first_month = (self.start.month - 1) // step * step + 1
        cursor = dt.date(self.start.year, first_month, 1)
        periods = []
        while cursor <= self.end:
            following = add_months(cursor, step)
            last = following - dt.timedelta(days=1)
            start, end = max(cursor, self.start), min(last, self.end)
            label = (
                f"{cursor:%Y-%m}" if step == 1 else f"{cursor.year}Q{(cursor.month - 1) // 3 + 1}"
            )
            periods.append(Period(label, start, end, (start, end) != (cursor, last)))
            cursor = following
        return periods

    def as_dict(self) -> dict:
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "months": self.months,
        }


_DATE = re.compile(r"^\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?\s*$")


def parse_date(text: str) -> dt.date:
    """A date written 2026-06-30, 2026/6/30 or 2026年6月30日.

    >>> parse_date("2026/6/30")
    datetime.date(2026, 6, 30)
    """
    match = _DATE.match(text or "")
    try:
        if match is None:
            raise ValueError(text)
        return dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        raise BadWindow(
            "无法识别日期 {text!r}：请写作 YYYY-MM-DD",
            text=text,
        ) from None


def parse_window(
    end: str | dt.date | None = None, months: int | str = DEFAULT_MONTHS, *, today: dt.date
) -> Window:
    """The window a request asks for; ``end`` defaults to ``today``.

    >>> parse_window("2026-06-30", "6", today=dt.date(2027, 1, 1)).start
    datetime.date(2026, 1, 1)
    """
    if isinstance(end, str):
        end = parse_date(end) if end.strip() else None
    try:
        count = int(months)
    except (TypeError, ValueError):
        raise BadWindow(
            "时间窗口长度须为整数个月，而不是 {months!r}",
            months=months,
        ) from None
    return Window(end or today, count)


@dataclass(frozen=True)
class Scope:
    """Which units a report is about (see the module docstring)."""

    streets: frozenset[str] = frozenset()
    zones: frozenset[str] = frozenset()
    kinds: frozenset[str] = frozenset()
    #: The streets a user may see (a street planner's territory); None: all of them.
    #: Unlike ``streets`` it narrows whatever else the scope admits. Like the rest of the
    #: scope it only decides which units are listed: figures are the whole district's.
    territory: frozenset[str] | None = None

    @property
    def is_district(self) -> bool:
        return not (self.streets or self.zones or self.kinds) and self.territory is None

    def admits(self, unit: Unit) -> bool:
        """Whether ``unit`` is in scope.

        >>> Scope(kinds=frozenset({"school"})).admits(Unit("U1", "一中", "school"))
        True
        """
        if self.territory is not None and unit.street not in self.territory:
            return False
        if self.kinds and unit.kind not in self.kinds:
            return False
        if not (self.streets or self.zones):
            return True
        return unit.street in self.streets or any(z in self.zones for z in unit.zones)

    def as_dict(self) -> dict:
        data = {
            "streets": sorted(self.streets),
            "zones": sorted(self.zones),
            "kinds": sorted(self.kinds),
        }
        if self.territory is not None:
            data["territory"] = sorted(self.territory)
        return data

    def __str__(self) -> str:
        prefix = {"streets": "street", "zones": "zone", "kinds": "kind", "territory": "within"}
        parts = [f"{prefix[name]}:{v}" for name, vs in self.as_dict().items() for v in vs]
        return " ".join(parts) or "district"


#: The empty scope: the whole district.
WHOLE_DISTRICT = Scope()


def parse_scope(items: Iterable[str]) -> Scope:
    """A scope from ``street:ID``, ``zone:ID`` and ``kind:KIND`` items (kind in either language).

    Street and zone ids are checked against the district when the data is read.
    """
    wanted: dict[str, set[str]] = {"street": set(), "zone": set(), "kind": set()}
    for item in items:
        name, _, value = item.partition(":")
        name, value = name.strip().lower(), value.strip()
        if name not in wanted or not value:
            raise BadScope(
                "无法识别范围 {item!r}：请写作 street:编号、zone:编号 或 kind:类型",
                item=item,
            )
        if name == "kind":
            kind = UnitKind.parse(value)
            if kind is None:
                raise BadScope(
                    "未知的单位类型 {value!r}；可选：{choices}",
                    value=value,
                    choices=UnitKind.choices(),
                )
            value = kind.value
        wanted[name].add(value)
    return Scope(frozenset(wanted["street"]), frozenset(wanted["zone"]), frozenset(wanted["kind"]))
