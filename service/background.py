"""Computing ahead: after each load the default window's analysis runs in the background.

Every worker polls the store's version (:data:`POLL_SECONDS`); when it changes —
a load from the command line, the import page, or the worker's own start — the
worker starts a :class:`Job` for the default window: the steps of :data:`STEPS`
(report, the dashboard's comparison with the previous window and its heat map of
quarters, the assessment, the suggestion model's refit, suggestions, the network
layout, the shared parts of the unit page, and last, for the default window only,
the ledger workbook), each by calling the page's own view inside a request context,
so that exactly what the pages read gets computed. The expensive results go through
:mod:`graphmodel.results`, one file shared by all workers: whichever worker comes
first computes a result, the others wait for its lock and read it.

A page of the analysis (:data:`GATED`) asked for while its window's job runs
waits up to ``wait_seconds`` and then answers at once with the job's progress
("正在计算：评估 3/5"); a static script reloads it. A window nobody computed yet
(another ``end`` or scope) starts its own job on demand. Jobs are keyed by store
version, window and the analysis scope — never by a user's territory, which only
decides the rows a page shows.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from urllib.parse import urlencode

from flask import Flask, current_app, render_template, request

from graphmodel import results

from .extensions import store
from .params import analysis

log = logging.getLogger(__name__)

#: (Chinese, English, endpoint) of each step, in order; the view is called with no user.
STEPS = (
    ("报告", "report", "zones.page"),
    ("首页对比", "comparison", "pages.dashboard"),
    ("评估", "assessment", "assessment.page"),
    # The suggestion model is refitted here after a load, not on a first page request.
    ("建议模型", "suggestion model", "suggestions.quality"),
    ("建议", "suggestions", "suggestions.page"),
    ("网络布局", "network layout", "api.network"),
    ("单位页", "unit pages", "units.page"),
    ("台账", "ledger", "assessment.export_xlsx"),
)
#: The steps of another window's job: not the ledger file (made when somebody downloads it).
OTHER_WINDOW_STEPS = STEPS[:-1]
#: The path of the default window's job: the only one that also writes the ledger file.
DEFAULT_PATH = "/"
#: Pages that show progress instead of waiting while their window is computed.
GATED = frozenset(
    {
        "pages.dashboard",
        "zones.page",
        "lists.page",
        "assessment.page",
        "suggestions.page",
        "units.page",
        "network.page",
    }
)
#: The request arguments that choose an analysis (window and scope).
ANALYSIS_ARGS = ("end", "months", "street", "zone", "kind")
POLL_SECONDS = 3.0
#: Jobs remembered per worker (finished ones are dropped first).
MAX_JOBS = 16


@dataclass
class Job:
    """One window's computation in this worker: which step it is at, and when it ended."""

    key: tuple
    path: str
    step: int = 0
    started: float = field(default_factory=time.monotonic)
    seconds: float | None = None
    error: str | None = None
    #: Set once every step is done, the default window's ledger too: a page asked for
    #: meanwhile shows the progress, and none competes with the ledger for the CPU
    #: (at M it takes seconds, not minutes, since its rows are written as text).
    finished: threading.Event = field(default_factory=threading.Event)

    @property
    def steps(self) -> tuple[tuple[str, str, str], ...]:
        """The steps this job runs: every one for the default window, the pages' for others."""
        return STEPS if self.path == DEFAULT_PATH else OTHER_WINDOW_STEPS

    @property
    def total(self) -> int:
        return len(self.steps)

    @property
    def label(self) -> tuple[str, str]:
        zh, en, _ = self.steps[max(self.step, 1) - 1]
        return zh, en


class Background:
    """The jobs of one app (one per worker process)."""

    def __init__(self, app: Flask, *, enabled: bool, wait: float) -> None:
        self.app = app
        self.enabled = enabled
        self.wait = wait
        self.jobs: OrderedDict[tuple, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._seen: str | None = None
        self._poller: threading.Thread | None = None

    # -- jobs ----------------------------------------------------------------

    def key(self, version: str, request_analysis) -> tuple:
        """The job key: store version, window and the analysis scope (no territory)."""
        scope = dataclasses.replace(request_analysis.scope, territory=None)
        return (version, request_analysis.window, scope)

    def start(self, key: tuple, path: str) -> Job:
        """The job of ``key``, started now unless it exists."""
        with self._lock:
            job = self.jobs.get(key)
            if job is not None:
                return job
            job = self.jobs[key] = Job(key, path)
            for old in [k for k, j in self.jobs.items() if j.finished.is_set()]:
                if len(self.jobs) <= MAX_JOBS:
                    break
                del self.jobs[old]
        thread = threading.Thread(target=self._run, args=(job,), daemon=True, name="cobuild-job")
        thread.start()
        return job

    def _run(self, job: Job) -> None:
        try:
            for number, (_, en, endpoint) in enumerate(job.steps, start=1):
                job.step = number
                # No request hooks run: no user, so no territory — the whole district.
                with self.app.test_request_context(job.path):
                    started = time.perf_counter()
                    args = {}
                    if endpoint == "units.page":  # one unit warms what every unit page shares
                        units = analysis().district().scope_units
                        if not units:
                            continue
                        args["unit_id"] = units[0]
                    self.app.view_functions[endpoint](**args)
                    log.info("background %s: %.1f s", en, time.perf_counter() - started)
        except Exception as failed:  # a page computes for itself when its step failed
            job.error = f"{type(failed).__name__}: {failed}"
            log.exception("background computation failed at step %s", job.step)
        finally:
            job.seconds = time.monotonic() - job.started
            job.finished.set()

    def default_job(self) -> Job | None:
        """Start (or find) the job of the default window for the store's current version."""
        with self.app.test_request_context("/"):
            version = store().version()
            return self.start(self.key(version, analysis()), DEFAULT_PATH)

    # -- watching for loads ----------------------------------------------------

    def watch(self) -> None:
        """Poll the store version in a daemon thread; a new version starts the default job."""
        if not self.enabled or self._poller is not None:
            return
        self._poller = threading.Thread(target=self._poll, daemon=True, name="cobuild-poll")
        self._poller.start()

    def _poll(self) -> None:
        while True:
            self.notice()
            time.sleep(POLL_SECONDS)

    def notice(self) -> None:
        """Start the default job if the store's version changed since the last look."""
        if not self.enabled:
            return
        try:
            with self.app.app_context():
                version = store().version()
            if version != self._seen:
                self._seen = version
                self.default_job()
        except Exception:  # the store is down: the pages say so; look again later
            log.warning("background: cannot read the store version", exc_info=True)

    # -- pages -----------------------------------------------------------------

    def gate(self):
        """Before a page of the analysis: its window's job done, or its progress page."""
        if not self.enabled or request.endpoint not in GATED:
            return None
        try:
            request_analysis = analysis()
            version = store().version()
        except Exception:  # bad window or store down: the view answers with the error
            return None
        query = urlencode(
            [(name, value) for name in ANALYSIS_ARGS for value in request.args.getlist(name)]
        )
        path = f"/?{query}" if query else DEFAULT_PATH
        job = self.start(self.key(version, request_analysis), path)
        if job.finished.wait(self.wait):
            return None
        zh, en = job.label
        page = render_template("progress.html", job=job, label_zh=zh, label_en=en)
        return page, 202, {"Retry-After": "2"}


def init_app(app: Flask, *, enabled: bool, wait: float, results_path: str) -> Background:
    """Share results through ``results_path``; compute ahead when ``enabled``."""
    results.attach(app.extensions["cobuild.store"].url, results_path)
    background = Background(app, enabled=enabled, wait=wait)
    app.extensions["cobuild.background"] = background
    app.before_request(background.gate)
    background.watch()
    return background


def progress() -> Background:
    """This app's background jobs."""
    return current_app.extensions["cobuild.background"]
