"""Exports people can send on: names that say what, where and when, and a title row.

A download is named ``孤立单位_沙市街道_2025-07-01_2026-06-30.xlsx`` (what, scope,
window) and sent with an RFC 5987 ``filename*`` so that the Chinese name
survives, beside a plain ASCII fallback (``isolated_S03_2025-07-01_2026-06-30.xlsx``)
for clients that cannot read it. Each sheet opens with a title row: what it is,
the scope, the window, the data date, who exported it and when.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from urllib.parse import quote

from flask import Response, g

from graphmodel.district import District

from .exports import XLSX_MIMETYPE, Sheet, write_xlsx
from .glossary import kind_label
from .params import Analysis

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\s]+')


def data_date(district: District) -> dt.date | None:
    """The day of the latest activity the district holds up to the window's end."""
    return district.memo(
        "data-date", lambda: max((a.date for a in district.activities), default=None)
    )


def scope_names(request_analysis: Analysis) -> tuple[str, str]:
    """The scope in words and as an ASCII tag: ``("沙市街道", "S03")``, ``("全区", "district")``."""
    scope, district = request_analysis.scope, request_analysis.district()
    ids = sorted(scope.streets) + sorted(scope.zones)
    if not ids and scope.territory is not None:
        ids = sorted(scope.territory)
    words = [district.zone[z].name if z in district.zone else z for z in ids]
    words += [kind_label(k, "zh") for k in sorted(scope.kinds)]
    tags = ids + sorted(scope.kinds)
    if not words:
        return "全区", "district"
    return "、".join(words), "-".join(tags)


def file_names(what_zh: str, what_en: str, request_analysis: Analysis, ext: str) -> tuple[str, str]:
    """The download's name and its ASCII fallback, both naming what, scope and window.

    Characters a file system refuses (``/ \\ : * ? " < > |``, controls, spaces) become ``-``.
    """
    words, tag = scope_names(request_analysis)
    window = request_analysis.window
    span = f"{window.start.isoformat()}_{window.end.isoformat()}"
    name = "_".join(_UNSAFE.sub("-", part) for part in (what_zh, words, span))
    fallback = "_".join(_UNSAFE.sub("-", part) for part in (what_en, tag, span))
    fallback = fallback.encode("ascii", "replace").decode("ascii").replace("?", "-")
    return f"{name}.{ext}", f"{fallback}.{ext}"


def content_disposition(name: str, fallback: str) -> str:
    """``attachment`` with an ASCII ``filename`` and the UTF-8 ``filename*`` (RFC 5987 / 6266).

    >>> content_disposition("孤立单位.xlsx", "isolated.xlsx")
    'attachment; filename="isolated.xlsx"; filename*=UTF-8\\'\\'%E5%AD%A4%E7%AB%8B%E5%8D%95%E4%BD%8D.xlsx'
    """
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def caption(what_zh: str, request_analysis: Analysis, *, now: dt.datetime | None = None) -> str:
    """The title row: what, scope, window, data date, who exported it and when."""
    return f"{what_zh} · {caption_tail(request_analysis, now=now)}"


def caption_tail(
    request_analysis: Analysis, *, now: dt.datetime | None = None, exporter: bool = True
) -> str:
    """The title row after its "what": scope, window, data date, who exported it and when
    (``exporter=False``: only when it was made, for a file shared by every downloader)."""
    window = request_analysis.window
    date = data_date(request_analysis.district())
    now = now or dt.datetime.now()
    user = g.user.name if g.get("user") is not None else "-"
    parts = (
        f"范围 scope：{scope_names(request_analysis)[0]}",
        f"时间窗口 window：{window.start.isoformat()} 至 {window.end.isoformat()}",
        f"数据截至 data as of：{date.isoformat() if date else '—'}",
        f"导出 exported by：{user}，{now.strftime('%Y-%m-%d %H:%M')}"
        if exporter
        else f"生成于 made at：{now.strftime('%Y-%m-%d %H:%M')}",
    )
    return " · ".join(parts)


def download(
    body: bytes | str, mimetype: str, what: tuple[str, str], request_analysis: Analysis, ext: str
) -> Response:
    """``body`` as an attachment named by ``what`` (Chinese, ASCII), scope and window."""
    name, fallback = file_names(*what, request_analysis, ext)
    return Response(
        body,
        mimetype=mimetype,
        headers={"Content-Disposition": content_disposition(name, fallback)},
    )


def workbook(sheets: list[Sheet], what: tuple[str, str], request_analysis: Analysis) -> Response:
    """``sheets`` as an XLSX download named by ``what``, scope and window."""
    out = io.BytesIO()
    write_xlsx(out, sheets)
    return download(out.getvalue(), XLSX_MIMETYPE, what, request_analysis, "xlsx")
