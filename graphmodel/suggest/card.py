"""The score in use for a store, refitted once per store version, and its model card.

:func:`model_for` fits the weights on everything the store holds
(:func:`.backtest.backtest` with the fit: training windows before the
validation split, chosen on it) the first time it is asked after a load, and
keeps the result per (store URL, content version). :func:`model_card` is what
the 建议质量 page shows: how the weights were learned and chosen, the backtest
table against every baseline, when the model was refitted, and how the
accepted suggestions turned out.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from ..assessment.followup import follow_up
from ..district import snapshot
from ..errors import BadSuggestionRequest
from ..store import Store, read_bundle
from ..window import Window
from .backtest import BacktestResult, backtest
from .model import FIXED_MODEL, Model
from .scoring import DEFAULT_WEIGHTS, PARTS

__all__ = ["clear_models", "model_card", "model_for"]

#: Stores whose model is kept (one per URL: a new version replaces the old).
CACHE_SIZE = 4

_models: OrderedDict[str, tuple[str, Model, BacktestResult | None]] = OrderedDict()
_lock = threading.Lock()
_fitting: dict[str, threading.Lock] = {}


def _cached(store: Store, version: str) -> tuple[Model, BacktestResult | None] | None:
    with _lock:
        found = _models.get(store.url)
        if found and found[0] == version:
            _models.move_to_end(store.url)
            return found[1], found[2]
    return None


def _fitted(store: Store) -> tuple[Model, BacktestResult | None]:
    version = store.version()
    found = _cached(store, version)
    if found:
        return found
    with _lock:
        fitting = _fitting.setdefault(store.url, threading.Lock())
    with fitting:  # one fit per store at a time: the others wait for its result
        found = _cached(store, version)
        if found:
            return found
        try:
            result = backtest(read_bundle(store))
        except BadSuggestionRequest:  # no activities yet: nothing to learn or measure
            model, result = FIXED_MODEL, None
        else:
            model = result.chosen
        with _lock:
            _models[store.url] = (version, model, result)
            _models.move_to_end(store.url)
            while len(_models) > CACHE_SIZE:
                _models.popitem(last=False)
    return model, result


def model_for(store: Store) -> Model:
    """The score in use for ``store``: fitted once per content version."""
    return _fitted(store)[0]


def clear_models() -> None:
    """Forget every fitted model (tests)."""
    with _lock:
        _models.clear()


def model_card(store: Store, window: Window, followup_months: int = 3) -> dict:
    """The 建议质量 page's data: the model, the backtest rows, the outcomes."""
    model, result = _fitted(store)
    district = snapshot(store, window)
    rows = [
        r
        for r in follow_up(district, store.decisions(), months=followup_months)
        if r["kind"] == "suggestion"
    ]
    states = {
        s: sum(1 for r in rows if r["state"] == s)
        for s in ("on_track", "late", "never_started", "pending")
    }
    return {
        "model": model.as_dict(),
        "weights": [
            {"part": name, "fixed": DEFAULT_WEIGHTS.of(name), "used": model.weights.of(name)}
            for name in PARTS
        ],
        "backtest": None if result is None else result.as_dict(),
        "outcomes": {
            "accepted": len(rows),
            "became_ties": states["on_track"] + states["late"],
            **states,
        },
    }
