"""Reading CSV (UTF-8 or GBK), JSON and XLSX files into raw tables of cells.

Nothing here converts values: a raw table is headers plus numbered rows, so
that every later problem can name its file, sheet, row and column.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from .problems import Problem
from .schema import Table, match_table

SUFFIXES = (".csv", ".json", ".xlsx")

#: Limits that keep a hostile or broken file from exhausting the machine.
MAX_COLUMNS = 200
MAX_XLSX_ENTRIES = 10_000
MAX_XLSX_UNCOMPRESSED = 4 * 2**30
MAX_XLSX_RATIO = 250
#: A CSV line with more commas than this is refused before it is split into cells
#: (quoted text may hold commas, so the bound is far above MAX_COLUMNS).
MAX_LINE_SEPARATORS = 50 * MAX_COLUMNS


@dataclass
class RawTable:
    """Cells of one table as found in one file or sheet."""

    file: str
    sheet: str | None
    table: Table
    headers: list[str]
    rows: Sequence[tuple[int, Sequence]]


def _problem(file: str, zh: str, en: str, sheet: str | None = None, **kw) -> Problem:
    return Problem(file=file, sheet=sheet, message_zh=zh, message_en=en, **kw)


def read_paths(paths: Sequence[Path | str]) -> tuple[list[RawTable], list[Problem]]:
    """Read files and folders of CSV / JSON / XLSX into raw tables.

    A folder contributes its ``.csv``, ``.json`` and ``.xlsx`` files in name order.
    """
    tables: list[RawTable] = []
    problems: list[Problem] = []
    for path in map(Path, paths):
        if path.is_dir():
            files = sorted(p for p in path.iterdir() if p.suffix.lower() in SUFFIXES)
            if not files:
                problems.append(
                    _problem(
                        str(path),
                        "文件夹中没有 CSV/JSON/XLSX 文件",
                        "the folder has no CSV, JSON or XLSX file",
                    )
                )
            for file in files:
                read_file(file.read_bytes, str(file), tables, problems)
        elif path.exists():
            read_file(path.read_bytes, str(path), tables, problems)
        else:
            problems.append(_problem(str(path), "文件不存在", "no such file or folder"))
    return tables, problems


def read_file(read, label: str, tables: list[RawTable], problems: list[Problem]) -> None:
    """Read one file (``read()`` returns its bytes; ``label`` names it in problems)."""
    suffix = Path(label).suffix.lower()
    try:
        data = read()
    except OSError as exc:
        problems.append(
            _problem(label, f"无法读取文件：{exc.strerror}", f"unreadable file: {exc.strerror}")
        )
        return
    if not data.strip():
        problems.append(_problem(label, "文件为空", "the file is empty"))
        return
    reader = {".csv": _read_csv, ".json": _read_json, ".xlsx": _read_xlsx}.get(suffix)
    if reader is None:
        problems.append(
            _problem(
                label,
                "不支持的文件类型（应为 .csv、.json 或 .xlsx）",
                "unsupported file type (use .csv, .json or .xlsx)",
            )
        )
        return
    reader(data, label, tables, problems)


def _table_for(label: str, problems: list[Problem], sheet: str | None = None) -> Table | None:
    name = sheet if sheet is not None else Path(label).stem
    table = match_table(name)
    if table is None:
        what = "工作表" if sheet is not None else "文件名"
        problems.append(
            _problem(
                label,
                f"{what}“{name}”不对应任何表，已跳过",
                f"{'sheet' if sheet is not None else 'file name'} {name!r} names no table; skipped",
                sheet=sheet,
                severity="warning",
            )
        )
    return table


def decode_text(data: bytes) -> str | None:
    """Decode CSV bytes: UTF-8 (with or without BOM), else GBK/GB18030.

    Excel on Chinese Windows saves CSV as GBK.

    >>> decode_text("单位".encode("gbk"))
    '单位'
    """
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _read_csv(data: bytes, label: str, tables: list[RawTable], problems: list[Problem]) -> None:
    table = _table_for(label, problems)
    if table is None:
        return
    text = decode_text(data)
    if text is None:
        problems.append(
            _problem(
                label,
                "无法识别文件编码（应为 UTF-8 或 GBK）",
                "cannot decode the file (use UTF-8 or GBK)",
            )
        )
        return
    reader = csv.reader(_narrow_lines(text))
    try:
        headers = next(reader)
        if len(headers) > MAX_COLUMNS:
            raise _TooWide(1, len(headers))
        rows = []
        for n, row in enumerate(reader, start=2):
            if len(row) > MAX_COLUMNS:
                raise _TooWide(n, len(row))
            if any(c.strip() for c in row):
                rows.append((n, row))
    except _TooWide as wide:
        problems.append(
            _problem(
                label,
                f"列数过多（{wide.cells}，上限 {MAX_COLUMNS} 列）",
                f"too many columns ({wide.cells}, at most {MAX_COLUMNS})",
                row=wide.row,
            )
        )
        return
    except (csv.Error, StopIteration) as exc:
        problems.append(_problem(label, f"CSV 格式错误：{exc}", f"malformed CSV: {exc}"))
        return
    tables.append(RawTable(label, None, table, headers, rows))


class _TooWide(Exception):
    """A CSV line with more cells than allowed (``cells`` may be a lower bound)."""

    def __init__(self, row: int, cells: int | str) -> None:
        super().__init__(row, cells)
        self.row, self.cells = row, cells


def _narrow_lines(text: str) -> Iterator[str]:
    """The lines of ``text``, refusing one with very many commas before csv splits it."""
    for n, line in enumerate(io.StringIO(text, newline=""), start=1):
        if line.count(",") > MAX_LINE_SEPARATORS:
            raise _TooWide(n, f">{MAX_LINE_SEPARATORS}")
        yield line


def _read_json(data: bytes, label: str, tables: list[RawTable], problems: list[Problem]) -> None:
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        problems.append(_problem(label, f"JSON 格式错误：{exc}", f"malformed JSON: {exc}"))
        return
    except RecursionError:  # arrays or objects nested thousands deep
        problems.append(
            _problem(label, "JSON 格式错误：嵌套过深", "malformed JSON: nested too deeply")
        )
        return
    if isinstance(doc, list):
        table = _table_for(label, problems)
        if table is not None:
            _json_records(doc, label, None, table, tables, problems)
    elif isinstance(doc, dict):
        for key, records in doc.items():
            table = _table_for(label, problems, sheet=key)
            if table is not None:
                _json_records(records, label, key, table, tables, problems)
    else:
        problems.append(
            _problem(
                label,
                "JSON 顶层应为数组或以表名为键的对象",
                "the JSON must be an array or an object keyed by table names",
            )
        )


def _json_records(
    records,
    label: str,
    key: str | None,
    table: Table,
    tables: list[RawTable],
    problems: list[Problem],
) -> None:
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        problems.append(_problem(label, "应为对象数组", "expected an array of objects", sheet=key))
        return
    headers: dict[str, None] = {}
    for record in records:
        headers.update(dict.fromkeys(record))
    names = list(headers)
    rows = [(n, [r.get(h) for h in names]) for n, r in enumerate(records, start=1)]
    tables.append(RawTable(label, key, table, names, rows))


def _check_zip(data: bytes, label: str, problems: list[Problem]) -> bool:
    """Refuse zip bombs before openpyxl parses anything."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except zipfile.BadZipFile:
        problems.append(_problem(label, "不是有效的 XLSX 文件", "not a valid XLSX workbook"))
        return False
    total = sum(e.file_size for e in entries)
    worst = max((e.file_size / max(e.compress_size, 1) for e in entries), default=0)
    if len(entries) > MAX_XLSX_ENTRIES or total > MAX_XLSX_UNCOMPRESSED or worst > MAX_XLSX_RATIO:
        problems.append(
            _problem(
                label,
                "工作簿解压后过大或压缩比异常，已拒绝",
                "the workbook expands too much when unpacked"
                " (too many entries, too large or too compressed); refused",
            )
        )
        return False
    return True


def _read_xlsx(data: bytes, label: str, tables: list[RawTable], problems: list[Problem]) -> None:
    import openpyxl  # openpyxl uses defusedxml for its XML once it is installed

    if not _check_zip(data, label, problems):
        return
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for broken files
        problems.append(
            _problem(label, f"无法读取工作簿：{exc}", f"cannot read the workbook: {exc}")
        )
        return
    try:
        for sheet in workbook.worksheets:
            table = match_table(sheet.title)
            if table is None:
                if sheet.title not in EXPLANATION_SHEETS:
                    _table_for(label, problems, sheet=sheet.title)
                continue
            rows = _sheet_rows(sheet)
            header = next(rows, None)
            if header is None:
                continue  # an empty sheet of the template: nothing to load
            headers = ["" if h is None else str(h) for h in header[1]]
            while headers and not headers[-1]:
                headers.pop()
            if len(headers) > MAX_COLUMNS:
                problems.append(
                    _problem(
                        label,
                        f"列数过多（{len(headers)} 列）",
                        f"too many columns ({len(headers)})",
                        sheet=sheet.title,
                        row=1,
                    )
                )
                continue
            body = [(n, cells) for n, cells in rows if any(c not in (None, "") for c in cells)]
            tables.append(RawTable(label, sheet.title, table, headers, body))
    finally:
        workbook.close()


def _sheet_rows(sheet) -> Iterator[tuple[int, tuple]]:
    yield from enumerate(sheet.iter_rows(values_only=True), start=1)


#: Sheets of the template that explain the format and hold no records.
EXPLANATION_SHEETS = ("说明 help", "选项 lists")
