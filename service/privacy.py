"""Personal data on screen, in the API and in exports: de-identified on the server.

PIPL and GB/T 35273 §7 ask for least privilege and de-identification: phone and
ID numbers are always masked (admin sees them only through :func:`reveal`,
with a stated reason that goes to the audit log); members' names are hidden
from roles without the ``personal_data`` permission (viewers).

Views pass every member (or member row) through :func:`protect_member` or
:func:`protect_row` before rendering, serialising or exporting it.

>>> mask_phone("13812345678")
'138****5678'
>>> mask_id_number("11010119900307123X")
'1101**********123X'
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Mapping

from graphmodel.records import Member

from .access import can
from .audit import REASON_MAX, audit
from .errors import RevealRefused

#: What a hidden name shows.
HIDDEN = "***"
#: Shortest reason an admin must give to see a member's numbers.
MIN_REASON = 4
PHONE_KEYS = frozenset({"phone", "手机号"})
ID_NUMBER_KEYS = frozenset({"id_number", "身份证号"})


def mask_phone(phone: str | None) -> str | None:
    """Keep the first three and the last four digits: ``138****5678``.

    Short numbers keep less (a 7-digit one only its last two):

    >>> mask_phone("5551234")
    '*****34'
    """
    if not phone:
        return phone
    phone = str(phone).strip()
    if len(phone) >= 11:
        return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]
    return "*" * max(len(phone) - 2, 1) + phone[-2:] if len(phone) > 2 else "*" * len(phone)


def mask_id_number(number: str | None) -> str | None:
    """Hide everything but the region's first four and the last digits; the birth date never shows.

    An 18-character number keeps 4 + 4 (``1101**********123X``); the old
    15-digit one keeps 4 + 3, since its birth date ends at the 12th digit.

    >>> mask_id_number("110101900307123")
    '1101********123'
    """
    if not number:
        return number
    number = str(number).strip()
    if len(number) == 18:
        return number[:4] + "*" * 10 + number[-4:]
    if len(number) == 15:
        return number[:4] + "*" * 8 + number[-3:]
    keep = 2 if len(number) >= 8 else 0
    return number[:keep] + "*" * (len(number) - 2 * keep) + (number[-keep:] if keep else "")


def member_name(name: str | None) -> str | None:
    """A member's name as the current user may see it (hidden from viewers)."""
    if name is None or can("personal_data"):
        return name
    return HIDDEN


def protect_member(member: Member) -> Member:
    """A copy of ``member`` fit to show the current user: numbers masked, name as allowed."""
    return dataclasses.replace(
        member,
        name=member_name(member.name),
        phone=mask_phone(member.phone),
        id_number=mask_id_number(member.id_number),
    )


def protect_row(row: Mapping, name_key: str | None = "name") -> dict:
    """A copy of one member's row (JSON, export) with numbers masked and name as allowed.

    ``name_key`` names the member's name column (None when the row has none).

    >>> protect_row({"id": "M1", "phone": "13812345678"}, name_key=None)
    {'id': 'M1', 'phone': '138****5678'}
    """
    out = dict(row)
    for key, value in row.items():
        if key in PHONE_KEYS:
            out[key] = mask_phone(value)
        elif key in ID_NUMBER_KEYS:
            out[key] = mask_id_number(value)
    if name_key is not None and name_key in out:
        out[name_key] = member_name(out[name_key])
    return out


def visible_length(text: str) -> int:
    """How many characters of ``text`` a reader can see: spaces, control and format
    characters (zero-width spaces, joiners, direction marks) do not count.

    >>> visible_length("核对\u200b号码"), visible_length("\u200b" * 4)
    (4, 0)
    """
    return sum(1 for c in text if unicodedata.category(c)[0] not in "CZ")


def reveal(member: Member, reason: str) -> Member:
    """The member with full phone and ID number, for an admin who states why (audited)."""
    if not can("admin"):
        raise RevealRefused("只有管理员可以查看完整号码")
    reason = " ".join(reason.split())
    if visible_length(reason) < MIN_REASON:
        raise RevealRefused(
            "请说明查看理由（至少 {min_reason} 个字）",
            min_reason=MIN_REASON,
        )
    audit("reveal", f"member {member.id}; reason: {reason[:REASON_MAX]}")
    return member
