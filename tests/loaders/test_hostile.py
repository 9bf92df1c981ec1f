"""Hostile files: refused quickly, with a clear message, never a crash or a huge allocation."""

from __future__ import annotations

import io
import time
import tracemalloc
import zipfile

import pytest
from openpyxl import Workbook

from loaders.limits import MAX_COLUMNS, MAX_XLSX_ENTRIES
from loaders.readers import read_file

QUICK = 5.0  # seconds: "refused quickly"; well above the ~0.1 s these take, so a busy machine
# does not fail the test, and far below what parsing a bomb or 10⁶ columns would take


def read(name: str, data: bytes):
    """Read one file's bytes; return (tables, problems, seconds, peak MB)."""
    tables, problems = [], []
    tracemalloc.start()
    start = time.perf_counter()
    try:
        read_file(lambda: data, name, tables, problems)
        seconds = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()
    return tables, problems, seconds, peak


def refused(problems, *words: str) -> bool:
    """One error names the file and says, in English, all of ``words``."""
    return any(p.is_error and all(w in p.message_en for w in words) for p in problems)


def workbook_bytes() -> bytes:
    """A small valid workbook with one units sheet."""
    book = Workbook()
    book.active.title = "units"
    book.active.append(["id", "name", "kind"])
    book.active.append(["U1", "区统计局", "government"])
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


def replace_entry(xlsx: bytes, entry: str, content: bytes) -> bytes:
    """The workbook with one entry's bytes replaced."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = content if info.filename == entry else src.read(info)
            dst.writestr(info.filename, data, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def test_csv_with_a_million_columns_is_refused_quickly():
    """A header of 10⁶ columns: refused in well under a second, naming the limit."""
    tables, problems, seconds, peak = read("units.csv", ("a," * 10**6 + "a\n").encode())
    assert tables == [] and refused(problems, "too many columns", str(MAX_COLUMNS))
    assert seconds < QUICK
    assert peak < 20, "the header must not be split into a million cells"


def test_a_csv_row_wider_than_the_limit_is_refused_without_building_it():
    """A data row of 30·10⁶ cells (a 30 MB line) is refused before it becomes a list."""
    data = ("id,name,kind\nU1,x," + "," * (30 * 10**6) + "\n").encode()
    tables, problems, seconds, peak = read("units.csv", data)
    assert tables == [] and refused(problems, "too many columns")
    assert problems[0].row == 2
    assert seconds < QUICK and peak < 200  # the text itself, not 30·10⁶ cells


def test_a_row_with_more_cells_than_allowed_is_an_error():
    """A row of 300 cells under a 3-column header is refused, not silently cut."""
    data = ("id,name,kind\nU1,x,government," + ",".join(["y"] * 300) + "\n").encode()
    tables, problems, _, _ = read("units.csv", data)
    assert tables == [] and refused(problems, "too many columns")


def test_a_giant_csv_field_is_refused():
    """One cell of 200,000 characters hits the CSV field limit: a clear problem, no crash."""
    data = b'id,name,kind\nU1,"' + b"x" * 200_000 + b'",government\n'
    tables, problems, _, _ = read("units.csv", data)
    assert tables == [] and refused(problems, "malformed CSV")


def test_deeply_nested_json_is_refused_not_a_crash():
    """100,000 nested arrays would blow Python's recursion limit: reported as malformed JSON."""
    tables, problems, seconds, _ = read("units.json", b"[" * 100_000 + b"]" * 100_000)
    assert tables == [] and refused(problems, "malformed JSON")
    assert seconds < QUICK


def test_an_xlsx_zip_bomb_is_refused_before_parsing():
    """A sheet that unpacks from ~30 kB to 30 MB (ratio ≈ 1000) is refused at once."""
    bomb = replace_entry(workbook_bytes(), "xl/worksheets/sheet1.xml", b"\0" * 30 * 2**20)
    assert len(bomb) < 100_000
    tables, problems, seconds, peak = read("planning.xlsx", bomb)
    assert tables == [] and refused(problems, "expands too much")
    assert seconds < QUICK and peak < 10


def test_an_xlsx_with_too_many_entries_is_refused():
    """More than MAX_XLSX_ENTRIES entries in the archive: refused before openpyxl opens it."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for n in range(MAX_XLSX_ENTRIES + 1):
            archive.writestr(f"x/{n}", b"")
    tables, problems, seconds, _ = read("planning.xlsx", out.getvalue())
    assert tables == [] and refused(problems, "expands too much")
    assert seconds < QUICK


@pytest.mark.parametrize(
    ("entry", "said"),
    [
        ("xl/worksheets/sheet1.xml", "the sheet is damaged"),
        ("xl/workbook.xml", "cannot read the workbook"),
    ],
    ids=["sheet", "workbook"],
)
def test_an_xml_entity_bomb_in_a_workbook_is_refused(entry, said):
    """Billion laughs in a sheet or the workbook part: defusedxml refuses it, reported per file."""
    laughs = '<!ENTITY l0 "lol">' + "".join(
        f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10)
    )
    bomb = (
        f'<?xml version="1.0"?><!DOCTYPE r [{laughs}]>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        "<sheetData><row><c><v>&l9;</v></c></row></sheetData></worksheet>"
    ).encode()
    tables, problems, seconds, _ = read(
        "planning.xlsx", replace_entry(workbook_bytes(), entry, bomb)
    )
    assert tables == [] and refused(problems, said)
    assert seconds < QUICK


def test_defusedxml_is_what_openpyxl_uses():
    """openpyxl guards XML only when defusedxml is installed: it must be."""
    from openpyxl.xml import DEFUSEDXML

    assert DEFUSEDXML


def test_a_file_that_is_not_a_workbook_is_refused():
    """Random bytes named .xlsx: "not a valid XLSX workbook"."""
    tables, problems, _, _ = read("planning.xlsx", b"MZ\x90\x00 not a zip at all")
    assert tables == [] and refused(problems, "not a valid XLSX")
