"""Converting one cell to the value its column wants, or saying why not."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from translations import Words, words

from .names import control_character, split_names
from .schema import Column


class BadCell(ValueError):
    """A cell that cannot become its column's value; carries both languages."""

    def __init__(self, message: Words) -> None:
        super().__init__(message.en)
        self.words = message


_LIST_SPLIT = re.compile(r"[;；]")
_DATE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]00:00(?::00)?)?$")
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_TRUE = {"yes", "y", "true", "1", "是", "在职", "√"}
_FALSE = {"no", "n", "false", "0", "否", "不在职", "×"}


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def to_text(value: object) -> str:
    """A cell as text; whole numbers from spreadsheets lose their ".0".

    >>> to_text(1001.0)
    '1001'
    """
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    return str(value).strip()


def to_int(value: object) -> int:
    if isinstance(value, bool):
        raise BadCell(words("应为整数"))
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    try:
        return int(str(value).strip().replace(",", ""))
    except ValueError:
        raise BadCell(words("“{value}”不是整数", value=value)) from None


def to_float(value: object) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    try:
        return float(str(value).strip())
    except ValueError:
        raise BadCell(words("“{value}”不是数字", value=value)) from None


def to_date(value: object) -> dt.date:
    """Dates as ISO text, 2024/3/5, 2024年3月5日, or an Excel date or serial.

    >>> to_date("2024/3/5")
    datetime.date(2024, 3, 5)
    >>> to_date(45356)
    datetime.date(2024, 3, 5)
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1 <= value < 2958466:  # Excel's serial days (1900 system)
            return _EXCEL_EPOCH + dt.timedelta(days=int(value))
    else:
        match = _DATE.match(str(value).strip())
        if match:
            try:
                return dt.date(*map(int, match.groups()))
            except ValueError:
                pass
    raise BadCell(
        words("“{value}”不是有效日期（应为 YYYY-MM-DD）", value=value),
    )


def to_bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    text = to_text(value).lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise BadCell(words("“{value}”应为 是 或 否", value=value))


def to_list(value: object) -> tuple[str, ...]:
    """A list cell: items separated by ; or ；, or a JSON array.

    >>> to_list("场地；师资; ")
    ('场地', '师资')
    """
    items = value if isinstance(value, list) else _LIST_SPLIT.split(to_text(value))
    return tuple(t for t in (to_text(i) for i in items if i is not None) if t)


def to_names(value: object) -> tuple[str, ...]:
    """A ledger's cell of unit or member names (separated by 、，,;；/ or line breaks)."""
    return tuple(split_names(value))


def _refusing_controls(convert: Callable[[object], object]) -> Callable[[object], object]:
    """Text with NUL or other control characters is refused: exports would be invalid XML."""

    def checked(value: object) -> object:
        result = convert(value)
        for text in result if isinstance(result, tuple) else (result,):
            code = control_character(text)
            if code is not None:
                raise BadCell(words("包含不允许的控制字符 {code}", code=code))
        return result

    return checked


def did_you_mean(text: str, enum) -> Words | str:
    """A hint naming the allowed value ``text`` probably meant ("讲座" → 党课), or ""."""
    from rapidfuzz import fuzz, process

    from .names import activity_kind, unit_kind

    guess = {"ActivityKind": activity_kind, "UnitKind": unit_kind}.get(enum.__name__)
    code = guess(text) if guess else None
    if code is None:
        labels = {m.zh: m.value for m in enum} | {m.value: m.value for m in enum}
        best = process.extractOne(text, list(labels), scorer=fuzz.ratio, score_cutoff=60)
        code = labels[best[0]] if best else None
    if code is None:
        return ""
    member = enum(code)
    return words("是否指“{label}”？", label=member.zh, code=member.value)


def converter(column: Column) -> Callable[[object], object]:
    """The function that turns a non-blank cell into ``column``'s value."""
    if column.kind in ("text", "list", "names"):
        return _refusing_controls(
            {"text": to_text, "list": to_list, "names": to_names}[column.kind]
        )
    if column.kind == "enum":
        enum = column.enum

        def to_enum(value: object) -> str:
            member = enum.parse(to_text(value))
            if member is None:
                raise BadCell(
                    words(
                        "“{value}”不是允许的值；{hint}可选：{choices}",
                        value=value,
                        hint=did_you_mean(to_text(value), enum),
                        choices=enum.choices(),
                    )
                )
            return member.value

        return to_enum
    return {
        "text": to_text,
        "int": to_int,
        "float": to_float,
        "date": to_date,
        "bool": to_bool,
        "list": to_list,
    }[column.kind]
