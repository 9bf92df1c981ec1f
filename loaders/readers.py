"""Reading CSV (UTF-8 or GBK), JSON and XLSX files into raw tables of cells.

Nothing here converts values: a raw table is headers plus numbered rows, so
that every later problem can name its file, sheet, row and column.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from translations import Words, words

from .ledger_schema import is_ledger, recognise, table_names
from .limits import MAX_COLUMNS, MAX_LINE_SEPARATORS, Limits
from .problems import Problem
from .schema import Table

SUFFIXES = (".csv", ".json", ".xlsx")


@dataclass
class RawTable:
    """Cells of one table as found in one file or sheet."""

    file: str
    sheet: str | None
    table: Table
    headers: list[str]
    rows: Sequence[tuple[int, Sequence]]
    #: title rows above the header ("2024年沙市街道活动台账"), which may name a street
    title: str = ""


#: What a JSON load looks like, for the message about an empty document.
_JSON_EXAMPLE = '{"units": [{"id": "U1", …}]}'


def _problem(file: str, message: Words, sheet: str | None = None, **kw) -> Problem:
    return Problem(file=file, message=message, sheet=sheet, **kw)


def read_paths(
    paths: Sequence[Path | str], limits: Limits | None = None
) -> tuple[list[RawTable], list[Problem]]:
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
                        words("文件夹中没有 CSV/JSON/XLSX 文件"),
                    )
                )
            for file in files:
                read_file(file.read_bytes, str(file), tables, problems, limits)
        elif path.exists():
            read_file(path.read_bytes, str(path), tables, problems, limits)
        else:
            problems.append(_problem(str(path), words("文件不存在")))
    return tables, problems


def read_file(
    read,
    label: str,
    tables: list[RawTable],
    problems: list[Problem],
    limits: Limits | None = None,
) -> None:
    """Read one file (``read()`` returns its bytes; ``label`` names it in problems).

    Whatever goes wrong inside a reader becomes a problem naming the file: a
    broken file is bad input, never a crash.
    """
    from .xlsx import read_xlsx

    limits = limits or Limits()
    suffix = Path(label).suffix.lower()
    try:
        data = read()
    except OSError as exc:
        problems.append(_problem(label, words("无法读取文件：{strerror}", strerror=exc.strerror)))
        return
    if not data.strip():
        problems.append(_problem(label, words("文件为空")))
        return
    reader = {".csv": _read_csv, ".json": _read_json, ".xlsx": read_xlsx}.get(suffix)
    if reader is None:
        problems.append(
            _problem(
                label,
                words("不支持的文件类型（应为 .csv、.json 或 .xlsx）"),
            )
        )
        return
    found: list[RawTable] = []
    try:
        reader(data, label, found, problems, limits)
    except Exception as exc:  # noqa: BLE001 - any reader failure is the file's problem
        problems.append(_problem(label, words("无法读取文件：{error}", error=exc)))
        return
    tables.extend(found)


def take_table(
    label: str,
    headers: Sequence[object],
    problems: list[Problem],
    sheet: str | None = None,
    title: str = "",
) -> Table | None:
    """The table a sheet or file holds, by its name or else its headers; a note says which.

    A sheet or file that names no table is skipped with a warning listing the
    names that would be taken.
    """
    name = sheet if sheet is not None else Path(label).stem
    table, by_headers = recognise(f"{name} {title}".strip(), headers)
    title = name
    if table is None:
        what = words("工作表") if sheet is not None else words("文件名")
        problems.append(
            _problem(
                label,
                words(
                    "{what}“{title}”及其表头不对应任何表，已跳过；可用的表名：{tables}",
                    what=what,
                    title=title,
                    tables=table_names(),
                ),
                sheet=sheet,
                severity="warning",
            )
        )
    elif by_headers or is_ledger(table):
        how = words("按表头") if by_headers else words("按名称")
        problems.append(
            _problem(
                label,
                words("{how}识别为 {zh}", how=how, zh=table.zh, name=table.name),
                sheet=sheet,
                severity="note",
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


def _read_csv(
    data: bytes, label: str, tables: list[RawTable], problems: list[Problem], limits: Limits
) -> None:
    text = decode_text(data)
    if text is None:
        problems.append(
            _problem(
                label,
                words("无法识别文件编码（应为 UTF-8 或 GBK）"),
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
            if n > limits.rows + 1:
                problems.append(limits.too_many_rows(label, None, n))
                return
            if any(c.strip() for c in row):
                rows.append((n, row))
    except _TooWide as wide:
        problems.append(
            _problem(
                label,
                words(
                    "列数过多（{cells}，上限 {max_columns} 列）",
                    cells=wide.cells,
                    max_columns=MAX_COLUMNS,
                ),
                row=wide.row,
            )
        )
        return
    except (csv.Error, StopIteration) as exc:
        problems.append(_problem(label, words("CSV 格式错误：{error}", error=exc)))
        return
    table = take_table(label, headers, problems)
    if table is not None:
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


def _read_json(
    data: bytes, label: str, tables: list[RawTable], problems: list[Problem], limits: Limits
) -> None:
    try:
        text = data.decode("utf-8-sig")
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        problems.append(
            _problem(
                label,
                words("JSON 格式错误：{error}", error=exc),
                row=exc.lineno,
                column=str(exc.colno),
            )
        )
        return
    except UnicodeDecodeError as exc:
        problems.append(_problem(label, words("JSON 格式错误：{error}", error=exc)))
        return
    except ValueError as exc:  # e.g. a number of thousands of digits
        row, column = _where_digits(text)
        problems.append(
            _problem(
                label,
                words("JSON 格式错误：数字位数过多（{error}）", error=exc),
                row=row,
                column=column,
            )
        )
        return
    except RecursionError:  # arrays or objects nested thousands deep
        problems.append(_problem(label, words("JSON 格式错误：嵌套过深")))
        return
    if isinstance(doc, list | dict) and not doc:
        # An empty document loads nothing: as with an empty file, say so.
        problems.append(
            _problem(
                label,
                words(
                    "JSON 中没有任何记录：应为对象数组，或以表名为键的对象，如 {example}",
                    example=_JSON_EXAMPLE,
                ),
            )
        )
    elif isinstance(doc, list):
        table = take_table(label, _json_keys(doc), problems)
        if table is not None:
            _json_records(doc, label, None, table, tables, problems)
    elif isinstance(doc, dict):
        for key, records in doc.items():
            table = take_table(label, _json_keys(records), problems, sheet=key)
            if table is not None:
                _json_records(records, label, key, table, tables, problems)
    else:
        problems.append(
            _problem(
                label,
                words("JSON 顶层应为数组或以表名为键的对象"),
            )
        )


def _json_keys(records: object) -> list[str]:
    """The keys of the first record, to recognise a table by its headers."""
    if isinstance(records, list) and records and isinstance(records[0], dict):
        return list(records[0])
    return []


def _where_digits(text: str) -> tuple[int | None, str | None]:
    """Line and column of the first very long number in ``text``."""
    match = re.search(r"\d{4000,}", text)
    if match is None:
        return None, None
    line = text.count("\n", 0, match.start()) + 1
    return line, str(match.start() - text.rfind("\n", 0, match.start()))


def _json_records(
    records,
    label: str,
    key: str | None,
    table: Table,
    tables: list[RawTable],
    problems: list[Problem],
) -> None:
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        problems.append(_problem(label, words("应为对象数组"), sheet=key))
        return
    headers: dict[str, None] = {}
    for record in records:
        headers.update(dict.fromkeys(record))
    names = list(headers)
    rows = [(n, [r.get(h) for h in names]) for n, r in enumerate(records, start=1)]
    tables.append(RawTable(label, key, table, names, rows))


#: Sheets of the template that explain the format and hold no records.
EXPLANATION_SHEETS = ("说明 help", "选项 lists")
