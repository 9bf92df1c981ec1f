"""The review workbook: names that need the planner's decision, and reading the answers.

One row per distinct unresolved name (with the street the ledger gave): where
it occurs, the top candidates with their street and similarity, and a decision
column with a drop-down — a candidate, 新建单位 (create a unit; choose its
street beside it) or 忽略 (ignore the name). Loading again with the filled-in
workbook (``--resolutions``) applies the answers and remembers them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from translations import words

from .ledgers import PendingName, Resolution
from .names import clean
from .problems import Problem
from .readers import EXPLANATION_SHEETS

SHEET = "名称确认 review"
NEW_UNIT = "新建单位 new unit"
IGNORE = "忽略 ignore"
HEADERS = (
    "名称 name",
    "台账街道 street",
    "出现位置 where",
    "次数 count",
    *(
        h
        for n in (1, 2, 3)
        for h in (f"候选{n} candidate {n}", f"候选{n}街道 street", f"相似度{n} similarity")
    ),
    "决定 decision",
    "新建单位所属街道 street of a new unit",
    "新建单位类型 kind of a new unit",
)
DECISION, NEW_STREET, NEW_KIND = 14, 15, 16  # 1-based columns of the answers
_ID = re.compile(r"\[([^\[\]]+)\]\s*$")
#: Places listed per name; the count says how many there are in all.
PLACES_SHOWN = 5


def labelled(name: str, ident: str | None) -> str:
    """How the workbook shows a unit or street: "团结社区 [U1]" (the id is read back)."""
    return f"{name} [{ident}]" if ident else name


def write_review(
    path: Path | BinaryIO,
    pending: Sequence[PendingName],
    streets: dict[str, str],
    kinds: Sequence[str] = (),
) -> None:
    """Write the review workbook for ``pending`` names.

    ``streets`` maps zone id → street name (for the hints and the new-unit
    drop-down); ``kinds`` are the unit kind labels offered for a new unit.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    lists = book.create_sheet(EXPLANATION_SHEETS[1])
    lists.sheet_state = "hidden"
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    street_labels = [labelled(n, z) for z, n in sorted(streets.items(), key=lambda s: s[1])]
    for row, label in enumerate(street_labels, start=1):
        lists.cell(row=row, column=7, value=label)
    for row, kind in enumerate(kinds, start=1):
        lists.cell(row=row, column=8, value=kind)
    for index, name in enumerate(pending, start=2):
        sheet.append(_row(name, streets))
        options = [labelled(c.name, c.unit) for c in name.candidates] + [NEW_UNIT, IGNORE]
        for column, option in enumerate(options, start=1):
            lists.cell(row=index, column=column, value=option)
        last = get_column_letter(len(options))
        _dropdown(
            sheet, DataValidation, f"'{lists.title}'!$A${index}:${last}${index}", DECISION, index
        )
        if street_labels:
            _dropdown(
                sheet,
                DataValidation,
                f"'{lists.title}'!$G$1:$G${len(street_labels)}",
                NEW_STREET,
                index,
            )
        if kinds:
            _dropdown(
                sheet, DataValidation, f"'{lists.title}'!$H$1:$H${len(kinds)}", NEW_KIND, index
            )
    fill = PatternFill("solid", fgColor="FFF2CC")
    for row in sheet.iter_rows(min_row=2, min_col=DECISION, max_col=NEW_KIND):
        for cell in row:
            cell.fill = fill
    for column, width in enumerate((24, 16, 40, 8, *(24, 12, 8) * 3, 28, 24, 16), start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    for cell in sheet["C"]:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "B2"
    book.save(path)


def _row(name: PendingName, streets: dict[str, str]) -> list:
    places = "\n".join(name.places[:PLACES_SHOWN])
    if len(name.places) > PLACES_SHOWN:
        places += f"\n… 共 {len(name.places)} 处 / {len(name.places)} in all"
    cells: list = [
        name.name,
        labelled(streets.get(name.street, name.street), name.street) if name.street else "",
        places,
        len(name.places),
    ]
    for n in range(3):
        if n < len(name.candidates):
            c = name.candidates[n]
            street = labelled(streets.get(c.street or "", c.street or ""), c.street)
            cells += [labelled(c.name, c.unit), street if c.street else "", c.score]
        else:
            cells += ["", "", None]
    return cells


def _dropdown(sheet, DataValidation, formula: str, column: int, row: int) -> None:  # noqa: N803
    from openpyxl.utils import get_column_letter

    rule = DataValidation(type="list", formula1=formula, allow_blank=True)
    rule.error = "请从下拉列表中选择 / choose a value from the list"
    rule.showErrorMessage = True
    rule.add(f"{get_column_letter(column)}{row}")
    sheet.add_data_validation(rule)


def read_resolutions(path: Path) -> tuple[list[Resolution], list[Problem]]:
    """The answers filled in a review workbook; blank decisions are no answer.

    Unit and street ids are read from the "[id]" the labels end with (a typed
    id or name is taken as it is and checked when the ledger is loaded).
    """
    import openpyxl

    label = str(path)
    problems: list[Problem] = []
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any unreadable file is the planner's problem
        return [], [Problem(label, words("无法读取确认表：{error}", error=exc))]
    try:
        if SHEET not in book.sheetnames:
            return [], [Problem(label, words("确认表中没有工作表“{sheet}”", sheet=SHEET))]
        rows = list(book[SHEET].iter_rows(min_row=2, values_only=True))
    finally:
        book.close()
    answers = []
    for number, cells in enumerate(rows, start=2):
        answer = _answer(label, number, list(cells) + [None] * len(HEADERS), problems)
        if answer is not None:
            answers.append(answer)
    return answers, problems


def _answer(label: str, row: int, cells: list, problems: list[Problem]) -> Resolution | None:
    name, decision = cells[0], cells[DECISION - 1]
    if name is None or not str(name).strip() or decision is None or not str(decision).strip():
        return None
    name, decision = clean(str(name)), clean(str(decision))
    street = _id_of(cells[1]) or ""
    where = f"{label}:{row}"
    if decision == IGNORE or decision in ("忽略", "ignore"):
        return Resolution(name, street, ignore=True, where=where)
    if decision == NEW_UNIT or decision in ("新建单位", "new unit"):
        new_street = _id_of(cells[NEW_STREET - 1])
        if not new_street:
            problems.append(
                Problem(
                    label,
                    words("选择“新建单位”时须填写新建单位所属街道"),
                    sheet=SHEET,
                    row=row,
                    column=HEADERS[NEW_STREET - 1],
                )
            )
            return None
        kind = cells[NEW_KIND - 1]
        return Resolution(name, street, new_street=new_street, new_kind=_kind(kind), where=where)
    return Resolution(name, street, unit=_id_of(decision), where=where)


def _id_of(text: object) -> str | None:
    """The id in "名称 [id]", or the text itself when it has none."""
    if text is None or not str(text).strip():
        return None
    text = str(text).strip()
    match = _ID.search(text)
    return match.group(1).strip() if match else text


def _kind(text: object) -> str | None:
    from graphmodel.records import UnitKind

    if text is None:
        return None
    member = UnitKind.parse(str(text).split()[0]) if str(text).strip() else None
    return member.value if member else None


def kind_labels() -> list[str]:
    """The unit kinds offered for a new unit, as "中文 code"."""
    from graphmodel.records import UnitKind

    return [f"{k.zh} {k.value}" for k in UnitKind]
