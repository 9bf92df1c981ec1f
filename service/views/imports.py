"""The import page: upload, see the validation report, decide on ledger names, confirm.

A ledger whose names need the planner's decision is kept (``service.pending``)
and the page lists each name with its candidates; confirming loads the same
files with the answers, which are remembered as aliases. Any rejected upload's
report downloads as a workbook.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from flask import Blueprint, abort, current_app, render_template, request, send_file

from graphmodel.records import ZoneKind
from loaders.files import write_workbook
from loaders.ledgers import PendingName, Resolution
from loaders.limits import Limits
from loaders.load import load_tables
from loaders.problem_book import write_problems
from loaders.problems import Problem
from loaders.readers import RawTable, read_file
from loaders.resolve import Candidate
from loaders.review import kind_labels, write_review

from ..access import requires
from ..audit import audit
from ..background import progress
from ..exports import XLSX_MIMETYPE
from ..extensions import store
from ..pending import PendingImports

bp = Blueprint("imports", __name__)


def pending() -> PendingImports:
    settings = current_app.extensions["cobuild.settings"]
    return PendingImports(Path(settings.accounts).resolve().parent / "pending-imports")


def _streets() -> dict[str, str]:
    return {z.id: z.name for z in store().zones() if z.kind == ZoneKind.STREET.value}


@bp.get("/import")
@requires("import")
def form():
    """The upload form and the last imports."""
    return render_template("import.html", report=None, imports=store().imports(limit=10))


@bp.post("/import")
@requires("import")
def upload():
    """Validate the uploaded files together; write only if all of them are valid."""
    files = [
        (Path(f.filename).name, f.read()) for f in request.files.getlist("files") if f.filename
    ]
    return _load(files, dry_run="check" in request.form)


@bp.post("/import/confirm")
@requires("import")
def confirm():
    """Load a kept upload again with the planner's decisions on its names."""
    token = request.form.get("token", "")
    files = pending().files(token)
    if files is None:
        abort(404)
    answers = [a for i in range(int(request.form.get("count", 0) or 0)) if (a := _answer(i))]
    return _load(files, dry_run=False, answers=answers, token=token)


def _answer(index: int) -> Resolution | None:
    """The decision made in the form for the index-th name, if any."""
    name = request.form.get(f"name-{index}", "")
    hint = request.form.get(f"hint-{index}", "")
    choice = request.form.get(f"decision-{index}", "")
    where = f"form:{index + 1}"
    if not name or not choice:
        return None
    if choice == "ignore":
        return Resolution(name, hint, ignore=True, where=where)
    if choice == "new":
        street = request.form.get(f"street-{index}") or ""
        return Resolution(name, hint, new_street=street, where=where)
    return Resolution(name, hint, unit=choice.removeprefix("unit:"), where=where)


def _load(files, *, dry_run: bool, answers=(), token: str | None = None):
    limits = Limits.for_upload(current_app.config["MAX_CONTENT_LENGTH"])
    tables: list[RawTable] = []
    problems: list[Problem] = []
    for name, data in files:
        read_file(lambda data=data: data, name, tables, problems, limits)
    source = ", ".join(name for name, _ in files) or "-"
    report = load_tables(
        tables,
        problems,
        store(),
        source=source,
        dry_run=dry_run,
        resolutions=answers,
        limits=limits,
    )
    if report.written:
        progress().notice()  # compute the new data's default window now, in the background
    kept = pending()
    if token:
        kept.drop(token)
    token = kept.save(files, report.as_dict()) if report.review or report.errors else None
    outcome = (
        "written"
        if report.written
        else "rejected"
        if report.errors
        else "needs review"
        if report.review
        else "checked"
    )
    added = sum(c.added for c in report.counts.values())
    audit(
        "import",
        f"{source[:200]}: {outcome}, {len(report.errors)} error(s), {len(report.review)} name(s)"
        f" to review, {added} added",
    )
    page = render_template(
        "import.html",
        report=report,
        source=source,
        token=token,
        streets=sorted(_streets().items(), key=lambda s: s[1]),
        imports=store().imports(limit=10),
    )
    return page, 200 if report.ok or (report.review and not report.errors) else 422


@bp.get("/import/<token>/problems.xlsx")
@requires("import")
def problems_workbook(token: str):
    """The kept report's problems, one row per problem, by file, sheet and row."""
    report = pending().report(token) or abort(404)
    data = BytesIO()
    write_problems(data, [Problem.from_dict(p) for p in report["problems"]])
    data.seek(0)
    return send_file(
        data, download_name="import-problems.xlsx", as_attachment=True, mimetype=XLSX_MIMETYPE
    )


@bp.get("/import/<token>/review.xlsx")
@requires("import")
def review_workbook(token: str):
    """The kept report's names to review, as the command line writes them."""
    report = pending().report(token) or abort(404)
    names = [
        PendingName(
            r["name"], r["street"], r["places"], tuple(Candidate(**c) for c in r["candidates"])
        )
        for r in report["review"]
    ]
    data = BytesIO()
    write_review(data, names, _streets(), kind_labels())
    data.seek(0)
    return send_file(
        data, download_name="import-review.xlsx", as_attachment=True, mimetype=XLSX_MIMETYPE
    )


@bp.get("/template.xlsx")
@requires("import")
def template():
    """The empty planning workbook."""
    data = BytesIO()
    write_workbook(data)
    data.seek(0)
    return send_file(
        data, download_name="cobuild-template.xlsx", as_attachment=True, mimetype=XLSX_MIMETYPE
    )
