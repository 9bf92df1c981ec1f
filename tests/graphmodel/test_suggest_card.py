"""The model in use is fitted from the cached snapshot of the whole history, not a second read."""

from __future__ import annotations

import datetime as dt

import pytest

from graphmodel.district import District, clear_cache, snapshot
from graphmodel.store import open_store
from graphmodel.suggest.backtest import backtest
from graphmodel.suggest.card import clear_models, model_for
from graphmodel.window import Window
from loaders.demo import generate

END = dt.date(2026, 6, 30)


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
