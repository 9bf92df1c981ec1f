"""Import hardening found in trial: bounded reading, every failure a problem, helpful messages."""

from __future__ import annotations

import io
import resource
import time
import tracemalloc
import zipfile

from openpyxl import Workbook, load_workbook

from graphmodel.store import Bundle
from loaders.limits import Limits
from loaders.load import load_paths, load_tables
from loaders.problem_book import write_problems
from loaders.readers import read_file

UPLOAD = Limits.for_upload(64 * 2**20)
SHEET_XML = "xl/worksheets/sheet1.xml"
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def workbook(*rows) -> bytes:
    book = Workbook()
    book.active.title = "units"
    for row in rows or (["id", "name", "kind"], ["U1", "区统计局", "government"]):
        book.active.append(row)
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


def with_sheet(xml: bytes, xlsx: bytes | None = None) -> bytes:
    """A workbook whose first sheet's XML is ``xml``."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx or workbook())) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = xml if info.filename == SHEET_XML else src.read(info)
            dst.writestr(info.filename, data, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def read(name: str, data: bytes, limits: Limits = UPLOAD):
    tables, problems = [], []
    tracemalloc.start()
    start = time.perf_counter()
    try:
        read_file(lambda: data, name, tables, problems, limits)
        seconds = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()
    return tables, [p for p in problems if p.is_error], seconds, peak


def test_a_declared_huge_dimension_is_never_padded():
    """1.6 KB declaring A1:XFD1048576 with one cell at row 1,048,576: refused at once."""
    xml = (
        f'<worksheet {NS}><dimension ref="A1:XFD1048576"/><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c></row>'
        '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>'
    ).encode()
    data = with_sheet(xml)
    assert len(data) < 10_000
    tables, errors, seconds, peak = read("bomb.xlsx", data, Limits())
    assert tables == [] and errors[0].row == 1_048_576 and "rows" in errors[0].message_en
    assert seconds < 2 and peak < 50


def rss_mb() -> float:
    """The process's resident memory now, in MB."""
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS")) / 1024


def test_a_million_short_rows_are_refused_within_the_upload_bounds():
    """7 MB of 10⁶ one-cell rows (82 s and +780 MB in trial): refused in ≤ 10 s and ≤ 500 MB."""
    rows = "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(1, 1_000_001))
    data = with_sheet(f"<worksheet {NS}><sheetData>{rows}</sheetData></worksheet>".encode())
    del rows
    before = rss_mb()
    tables, problems = [], []
    start = time.process_time()  # CPU time: the machine running the tests is shared
    read_file(lambda: data, "rows.xlsx", tables, problems, UPLOAD)
    seconds = time.process_time() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
    assert tables == [] and "100,000 rows" in problems[0].message_en
    assert "cobuild load" in problems[0].message_en
    assert seconds < 10 and peak - before < 500


def test_the_unpacked_size_is_capped_to_a_multiple_of_the_upload_limit():
    """A sheet unpacking past 4× a (small) upload limit is refused before parsing."""
    filler = b"<!--" + b"x" * 300_000 + b"-->"
    data = with_sheet(filler + f"<worksheet {NS}><sheetData/></worksheet>".encode())
    tables, errors, _, _ = read("big.xlsx", data, Limits.for_upload(50_000))
    assert tables == [] and "expands too much" in errors[0].message_en


def test_truncated_sheet_xml_is_a_problem_with_its_row():
    """Sheet XML cut off mid-row: a problem naming the file, sheet and row, not a crash."""
    xml = (
        f'<worksheet {NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t>name</t></is></c>'
        '</row><row r="2"><c r="A2" t="inlineStr"><is><t>U'
    ).encode()
    tables, errors, _, _ = read("cut.xlsx", with_sheet(xml))
    assert tables == []
    assert (errors[0].file, errors[0].sheet, errors[0].row) == ("cut.xlsx", "units", 2)


def test_a_number_of_five_thousand_digits_in_json_is_a_problem():
    """Python refuses to convert it; the loader says where it is instead of crashing."""
    data = ('[{"id": "U1",\n "name": ' + "9" * 5000 + "}]").encode()
    tables, errors, _, _ = read("units.json", data)
    assert tables == [] and (errors[0].row, errors[0].column) == (2, "10")


def test_control_characters_in_names_are_refused(tmp_path, empty_store):
    """A NUL in a name would make the GEXF and GraphML exports invalid XML."""
    (tmp_path / "zones.csv").write_text("id,name,kind\nS1,清河\x00街道,street\n")
    report = load_paths([tmp_path / "zones.csv"], empty_store)
    assert [(p.row, p.column) for p in report.errors] == [(2, "name")]
    assert "U+0000" in report.errors[0].message_en


def test_a_row_with_two_problems_reports_both(tmp_path, empty_store):
    """A bad role and an unknown activity on one row: both in the first pass."""
    (tmp_path / "participations.csv").write_text("activity,unit,role\nA9,U1,嘉宾\n")
    empty_store.load(Bundle())
    report = load_paths([tmp_path / "participations.csv"], empty_store)
    assert {p.column for p in report.errors} == {"role", "activity", "unit"}


def test_a_wrong_kind_suggests_the_right_one(tmp_path, empty_store):
    """ "讲座" is not an activity kind, but the message suggests 党课."""
    (tmp_path / "activities.csv").write_text("id,title,kind,date\nA1,党史,讲座,2024-03-05\n")
    [error] = load_paths([tmp_path / "activities.csv"], empty_store).errors
    assert "是否指“党课”" in error.message_zh and "did you mean 'lecture'" in error.message_en


def test_a_misspelt_street_suggests_the_known_one(tmp_path, empty_store):
    """ "沙河街道" is no zone, but 沙市街道 is: the message says so."""
    (tmp_path / "zones.csv").write_text("id,name,kind\nS1,沙市街道,street\n")
    (tmp_path / "units.csv").write_text("id,name,kind,street\nU1,团结社区,社区,沙河街道\n")
    [error] = load_paths([tmp_path / "zones.csv", tmp_path / "units.csv"], empty_store).errors
    assert "是否指“沙市街道”" in error.message_zh


def test_a_file_that_names_no_table_lists_the_names_that_would(tmp_path, empty_store):
    """The warning lists every table and ledger name a file or sheet may carry."""
    (tmp_path / "stuff.csv").write_text("a,b\n1,2\n")
    report = load_paths([tmp_path / "stuff.csv"], empty_store)
    [warning] = report.warnings
    assert "单位 units" in warning.message_en and "活动台账 activity_ledger" in warning.message_en


def test_the_check_stops_after_the_error_limit(tmp_path, empty_store):
    """A file of thousands of bad rows gives the first N problems and says it stopped."""
    rows = "".join(f"S{n},,town\n" for n in range(3000))
    (tmp_path / "zones.csv").write_text("id,name,kind\n" + rows)
    report = load_paths([tmp_path / "zones.csv"], empty_store, limits=Limits(errors=100))
    assert len(report.errors) == 101
    assert "stopped after 100 errors" in report.errors[0].message_en


def test_the_problem_report_downloads_sorted_by_file_sheet_row(tmp_path, empty_store):
    """The problems workbook has one row per problem in file, sheet, row order."""
    (tmp_path / "zones.csv").write_text("id,name,kind\nS1,,town\nS2,=1+1,街道\n")
    (tmp_path / "a.csv").write_text("x\n1\n")
    report = load_paths([tmp_path / "zones.csv", tmp_path / "a.csv"], empty_store)
    write_problems(tmp_path / "p.xlsx", report.problems)
    rows = list(load_workbook(tmp_path / "p.xlsx").active.iter_rows(min_row=2, values_only=True))
    keys = [(r[0], r[1] or "", r[2] or 0) for r in rows]
    assert keys == sorted(keys)
    assert len(rows) == len(report.problems) and rows[0][0].endswith("a.csv")


def test_every_reader_failure_is_a_problem_not_an_exception(empty_store):
    """A reader that breaks in an unforeseen way reports the file instead of raising."""
    tables, problems = [], []
    read_file(lambda: b"\xff\xfe not json", "units.json", tables, problems)
    report = load_tables(tables, problems, empty_store)
    assert not report.written and report.errors[0].file == "units.json"


def test_shared_strings_are_read_with_runs_and_without_phonetics(tmp_path, empty_store):
    """Rich-text runs join into one string; phonetic guides (rPh) are left out."""
    strings = (
        f"<sst {NS}><si><t>id</t></si><si><t>name</t></si><si><t>kind</t></si>"
        "<si><t>U1</t></si><si><r><t>区统</t></r><r><t>计局</t></r><rPh><t>tongji</t></rPh></si>"
        "<si><t>government</t></si></sst>"
    ).encode()
    cells = [["A1", 0, "B1", 1, "C1", 2], ["A2", 3, "B2", 4, "C2", 5]]
    rows = "".join(
        f'<row r="{n}">'
        + "".join(
            f'<c r="{ref}" t="s"><v>{i}</v></c>' for ref, i in zip(r[::2], r[1::2], strict=True)
        )
        + "</row>"
        for n, r in enumerate(cells, start=1)
    )
    sheet = f"<worksheet {NS}><sheetData>{rows}</sheetData></worksheet>".encode()
    override = (
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(with_sheet(sheet))) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", override)
            dst.writestr(info.filename, data)
        dst.writestr("xl/sharedStrings.xml", strings)
    (tmp_path / "book.xlsx").write_bytes(out.getvalue())
    report = load_paths([tmp_path / "book.xlsx"], empty_store)
    assert report.written, [str(p) for p in report.problems]
    assert [u.name for u in empty_store.units()] == ["区统计局"]
