"""The import page: upload a workbook or CSV/JSON files, see the validation report."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from flask import Blueprint, render_template, request, send_file

from loaders.files import write_workbook
from loaders.load import load_tables
from loaders.readers import RawTable, read_file

from ..access import requires
from ..accounts import audit
from ..background import progress
from ..extensions import store

bp = Blueprint("imports", __name__)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@bp.get("/import")
@requires("import")
def form():
    """The upload form and the last imports."""
    return render_template("import.html", report=None, imports=store().imports(limit=10))


@bp.post("/import")
@requires("import")
def upload():
    """Validate the uploaded files together; write only if all of them are valid."""
    files = [f for f in request.files.getlist("files") if f.filename]
    tables: list[RawTable] = []
    problems = []
    for upload in files:
        data = upload.read()
        read_file(lambda data=data: data, Path(upload.filename).name, tables, problems)
    source = ", ".join(Path(f.filename).name for f in files) or "-"
    report = load_tables(tables, problems, store(), source=source, dry_run="check" in request.form)
    status = 200 if report.ok else 422
    if report.written:
        progress().notice()  # compute the new data's default window now, in the background
    outcome = "written" if report.written else ("rejected" if report.errors else "checked")
    added = sum(c.added for c in report.counts.values())
    audit("import", f"{source[:200]}: {outcome}, {len(report.errors)} error(s), {added} added")
    return (
        render_template(
            "import.html", report=report, source=source, imports=store().imports(limit=10)
        ),
        status,
    )


@bp.get("/template.xlsx")
@requires("import")
def template():
    """The empty planning workbook."""
    data = BytesIO()
    write_workbook(data)
    data.seek(0)
    return send_file(data, download_name="cobuild-template.xlsx", as_attachment=True, mimetype=XLSX)
