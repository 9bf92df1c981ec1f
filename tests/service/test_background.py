"""Computing ahead: a page asked for during the background computation answers at once."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from graphmodel import results
from graphmodel.report import KEYS, ReportOptions
from graphmodel.suggest.card import model_ready
from service import create_app
from service.background import STEPS
from service.params import analysis
from service.settings import Settings


def _settings(store, accounts_path, background: bool) -> Settings:
    return Settings(
        store=store.url,
        secret_key="test",
        accounts=accounts_path,
        rules=str(Path(accounts_path).with_name("rules.toml")),
        background=background,
        wait_seconds=0.2,
    )


@pytest.fixture
def report_lock(loaded_store, accounts_path):
    """The file lock another worker holds while it computes the default window's report."""
    quiet = create_app(_settings(loaded_store, accounts_path, False), store=loaded_store)
    with quiet.test_request_context("/"):
        district = analysis().district()
    key = district.shared_key(("report", ReportOptions(), KEYS), scoped=False)
    return results.for_store(loaded_store.url).lock(district.version, key)


@pytest.fixture
def background_app(loaded_store, accounts_path):
    """An app computing ahead (its first job starts at once)."""
    app = create_app(_settings(loaded_store, accounts_path, True), store=loaded_store)
    yield app
    _settle(app)


def _settle(app) -> None:
    for job in list(app.extensions["cobuild.background"].jobs.values()):
        job.finished.wait(60)  # no thread outlives its test's files


def test_a_page_answers_with_progress_while_its_window_is_computed(
    report_lock, loaded_store, accounts_path, signed_in
):
    """While another worker computes the report, the dashboard answers at once with progress."""
    with report_lock:
        app = create_app(_settings(loaded_store, accounts_path, True), store=loaded_store)
        client = signed_in(app)
        started = time.perf_counter()
        response = client.get("/")
        elapsed = time.perf_counter() - started
    _settle(app)
    body = response.get_data(as_text=True)
    assert (response.status_code, f"正在计算：报告 1/{len(STEPS)}" in body) == (202, True)
    assert elapsed < 2


def test_the_progress_page_reloads_through_a_static_script(
    report_lock, loaded_store, accounts_path, signed_in
):
    """The progress page loads its reload script from a file: no inline script."""
    with report_lock:
        app = create_app(_settings(loaded_store, accounts_path, True), store=loaded_store)
        body = signed_in(app).get("/zones").get_data(as_text=True)
    _settle(app)
    assert re.search(r'<script src="/static/js/progress\.js\?v=\w+"></script>', body)
    assert "<script>" not in body


def test_the_page_shows_the_analysis_once_the_computation_ends(background_app, signed_in):
    """After the background job, the same page is the dashboard itself."""
    client = signed_in(background_app)
    job = background_app.extensions["cobuild.background"].default_job()
    assert job.finished.wait(60) and job.error is None
    response = client.get("/")
    assert (response.status_code, "正在计算" in response.get_data(as_text=True)) == (200, False)


def test_another_window_is_computed_on_demand_once(background_app, signed_in):
    """A window nobody asked for starts its own job; asking again reuses it."""
    client = signed_in(background_app)
    jobs = background_app.extensions["cobuild.background"].jobs
    client.get("/?end=2026-03-31")
    before = len(jobs)
    client.get("/zones?end=2026-03-31")
    assert len(jobs) == before and any(k[1].end.isoformat() == "2026-03-31" for k in jobs)


def test_the_background_job_refits_the_suggestion_model(background_app, loaded_store):
    """After a load, the job chooses the suggestion model: no page request has to fit it."""
    job = background_app.extensions["cobuild.background"].default_job()
    assert job.finished.wait(60) and job.error is None
    assert model_ready(loaded_store)


def test_another_window_leaves_its_ledger_until_somebody_downloads_it(background_app, signed_in):
    """An on-demand window computes its pages' steps; only the default window writes the ledger."""
    client = signed_in(background_app)
    client.get("/?end=2026-03-31")
    background = background_app.extensions["cobuild.background"]
    other = next(j for k, j in background.jobs.items() if k[1].end.isoformat() == "2026-03-31")
    assert other.finished.wait(60) and other.error is None
    assert [en for _, en, _ in other.steps] == [en for _, en, _ in STEPS if en != "ledger"]
    assert background.default_job().total == len(STEPS)
