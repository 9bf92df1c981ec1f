"""Properties of the loaders over random input (hypothesis): no crash, and no write on error."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from graphmodel.store import open_store
from loaders.load import load_tables
from loaders.readers import read_file
from loaders.table_formats import TABLE_FORMATS

EXAMPLES = 150
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

#: Cell values that hit every converter: ids that exist or not, numbers, dates, enums, lists.
CELLS = st.one_of(
    st.sampled_from(
        [
            "",
            " ",
            "U1",
            "U2",
            "S1",
            "A1",
            "P1",
            "M1",
            "区委",
            "12",
            "-3",
            "1e9",
            "十二",
            "2026-03-05",
        ]
        + ["2026/3/5", "2026年3月5日", "2026-02-30", "社区", "government", "host", "是", "否"]
        + ["场地；志愿者", "a;b", "=1+2", "<img src=x onerror=alert(1)>", "13812345678"]
    ),
    st.text(max_size=12),
)
HEADERS = [
    *{h for t in TABLE_FORMATS for c in t.columns for h in (c.name, c.zh[0], c.header)},
    "junk",
    "",
]


@st.composite
def csv_table(draw) -> tuple[str, bytes]:
    """A file name of a real table and a CSV of random headers and cells."""
    table = draw(st.sampled_from(TABLE_FORMATS))
    headers = draw(st.lists(st.sampled_from(HEADERS), min_size=1, max_size=8))
    rows = draw(st.lists(st.lists(CELLS, max_size=10), max_size=6))
    text = io.StringIO()
    csv.writer(text).writerows([headers, *rows])
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]))
    name = draw(st.sampled_from([table.name, table.zh]))
    return f"{name}.csv", text.getvalue().encode(encoding, errors="replace")


@st.composite
def json_table(draw) -> tuple[str, bytes]:
    """A JSON object keyed by table names holding random records."""
    doc = draw(
        st.dictionaries(
            st.sampled_from([t.name for t in TABLE_FORMATS] + ["junk"]),
            st.lists(st.dictionaries(st.sampled_from(HEADERS), CELLS | st.integers()), max_size=5),
            max_size=3,
        )
    )
    return "bundle.json", json.dumps(doc, ensure_ascii=False).encode()


@st.composite
def zones_table(draw) -> tuple[str, bytes]:
    """A zones CSV that is mostly valid, so that the writing path is exercised too."""
    ids = draw(st.lists(st.from_regex(r"Z[0-9]{1,3}", fullmatch=True), max_size=5, unique=True))
    names = st.text(st.characters(categories=["L", "N"]), min_size=1, max_size=8)
    kinds = st.sampled_from(["street", "街道", "协作区", "alliance", "联盟"])
    rows = [[i, draw(names), draw(kinds)] for i in ids]
    text = io.StringIO()
    csv.writer(text).writerows([["id", "name", "kind"], *rows])
    return "zones.csv", text.getvalue().encode()


@pytest.fixture(scope="module")
def store():
    """One small store for every example (a valid example may add to it)."""
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(f"sqlite:///{Path(folder)}/props.db")
        tables, problems = [], []
        units = b"id,name,kind,street\nU1,a,community,S1\nU2,b,government,S1\n"
        read_file(lambda: b"id,name,kind\nS1,s,street\n", "zones.csv", tables, problems)
        read_file(lambda: units, "units.csv", tables, problems)
        assert load_tables(tables, problems, store).written
        yield store


def snapshot(store) -> tuple:
    return store.counts(), len(store.imports(limit=10_000))


@SETTINGS
@given(st.lists(st.one_of(csv_table(), json_table(), zones_table()), min_size=1, max_size=3))
def test_random_tables_never_crash_and_never_write_on_error(store, files):
    """Any mix of random tables: a report comes back; on any error the store is unchanged."""
    tables, problems = [], []
    for name, data in files:
        read_file(lambda data=data: data, name, tables, problems)
    before = snapshot(store)
    report = load_tables(tables, problems, store, source="hypothesis")
    event("refused" if report.errors else "written")
    if report.errors:
        assert not report.written and snapshot(store) == before
    else:
        assert report.written and len(store.imports(limit=10_000)) == before[1] + 1


@SETTINGS
@given(st.binary(max_size=2000), st.sampled_from(["units.csv", "units.json", "book.xlsx"]))
def test_random_bytes_never_crash_the_readers(data, name):
    """Arbitrary bytes under any supported name end in tables or problems, never an exception."""
    tables, problems = [], []
    read_file(lambda: data, name, tables, problems)
    assert tables or problems or not data.strip()
