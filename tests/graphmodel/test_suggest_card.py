"""The model in use is fitted from the cached snapshot of the whole history, not a second read."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from graphmodel.district import District, clear_cache, snapshot
from graphmodel.store import open_store
from graphmodel.suggest.backtest import backtest
from graphmodel.suggest.card import clear_models, model_for
from graphmodel.window import Window
from loaders.demo import generate

END = dt.date(2026, 6, 30)
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def demo():
    """The demo district (seed 7) as records."""
    return generate(seed=7, scale="district", end=END)


@pytest.fixture
def fresh():
    """No snapshot and no model cached before or after the test."""
    clear_cache()
    clear_models()
    yield
    clear_cache()
    clear_models()


def test_a_snapshot_backtests_as_its_records_do(demo):
    """A snapshot of the whole history (its incidence reused) gives the bundle's very figures."""
    from_records = backtest(demo)
    from_snapshot = backtest(District.from_bundle(demo, Window(END)))
    assert from_snapshot.methods == from_records.methods


def test_the_fit_reads_no_activities_when_the_snapshot_is_cached(demo, tmp_path, fresh):
    """Once the pages' snapshot of the data end is cached, fitting reads no activity again."""
    store = open_store(f"sqlite:///{tmp_path}/cobuild.db")
    store.load(demo)
    snapshot(store, Window(END))
    reads = []
    original = store.activities

    def counted(*args, **kwargs):
        reads.append(args)
        return original(*args, **kwargs)

    store.activities = counted
    model = model_for(store)
    assert (model.base, reads) == ("fitted", [])


#: A worker process: the model in use for the store, through the shared result file.
WORKER = textwrap.dedent(
    """
    import sys, time
    from graphmodel import results
    from graphmodel.store import open_store
    from graphmodel.suggest.card import model_for

    store = open_store(sys.argv[1])
    cache = results.attach(store.url, sys.argv[2])
    time.sleep(max(0.0, float(sys.argv[3]) - time.time()))  # both workers ask at once
    model = model_for(store)
    print(cache.computed, model.method, model.made_at.isoformat())
    """
)


def test_two_worker_processes_fit_the_model_once(demo, tmp_path):
    """Two processes asking for the model at once: one fits it, the other reads that very model."""
    store = open_store(f"sqlite:///{tmp_path}/w.db")
    store.load(demo)
    start_at = str(time.time() + 3)
    args = [sys.executable, "-c", WORKER, store.url, str(tmp_path / "w.results"), start_at]
    workers = [
        subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE, text=True) for _ in range(2)
    ]
    answers = [w.communicate(timeout=240)[0].split() for w in workers]
    assert sorted(int(a[0]) for a in answers) == [0, 1]
    assert answers[0][1:] == answers[1][1:]  # the same model, made at the same moment
