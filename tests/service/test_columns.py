"""One field, one header: the report's workbook, the lists' exports and the OpenAPI
document call each field of a list of units the same (graphmodel/columns.py)."""

from __future__ import annotations

import io

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from graphmodel.district import clear_cache
from graphmodel.report import LIST_COLUMNS
from service.commands.report import report
from service.glossary import catalogue
from service.views.lists import COLUMN_TERMS
from service.views.openapi import openapi_document

#: The report's sheet of each list the service exports.
REPORT_SHEETS = {
    "isolated": "孤立单位",
    "inactive": "不活跃单位",
    "declining": "活跃度下降",
    "followers": "跟随型单位",
}


@pytest.fixture(autouse=True)
def fresh_cache():
    clear_cache()
    yield
    clear_cache()


def _headers(sheet) -> list[str]:
    """Row 2 of a sheet (row 1 is the title row)."""
    return [c.value for c in sheet[2]]


def _report_section(key: str) -> dict:
    """The OpenAPI schema of one list in /api/v1/metrics: field → title."""
    ok = openapi_document()["paths"]["/api/v1/metrics"]["get"]["responses"]["200"]
    section = ok["content"]["application/json"]["schema"]["properties"][key]
    rows = section["properties"]["units"]["items"]["properties"]
    return {field: schema["title"] for field, schema in rows.items()}


@pytest.mark.parametrize("key", sorted(REPORT_SHEETS))
def test_a_list_has_the_same_headers_in_the_report_the_export_and_the_api(
    key, client, loaded_store, tmp_path
):
    """The report's sheet (Chinese), the list's XLSX export ("中文 English") and the
    API's schema (titles) give each field of a list the same header, in the same order."""
    out = tmp_path / "report.xlsx"
    done = CliRunner().invoke(
        report, ["--store", loaded_store.url, "--end", "2026-06-30", "--out", str(out)]
    )
    assert done.exit_code == 0, done.output
    in_report = _headers(load_workbook(out)[REPORT_SHEETS[key]])
    response = client.get(f"/lists/{key}.xlsx?end=2026-06-30&months=12")
    assert response.status_code == 200
    exported = _headers(load_workbook(io.BytesIO(response.data)).active)
    titles = list(_report_section(key).values())
    # id and name open every table; the list's own fields close it.
    assert exported[:2] == titles[:2] and in_report[:2] == [t.split(" ")[0] for t in titles[:2]]
    own = titles[2:]
    assert own and exported[-len(own) :] == own
    assert in_report[-len(own) :] == [t.split(" ")[0] for t in own]


def test_the_glossary_names_a_list_column_as_its_header_does():
    """A list column's glossary entry (the ? beside its header) uses the header's words."""
    columns = {c.key: c for cs in LIST_COLUMNS.values() for c in cs}
    for key, column in columns.items():
        term = catalogue()[COLUMN_TERMS[key]]
        assert (term.zh, term.en) == (column.zh, column.en), key
