"""The score in use for a store, refitted once per store version, and its model card.

:func:`model_for` fits the weights on everything the store holds
(:func:`.backtest.backtest` with the fit: training windows before the
validation split, chosen on it) the first time it is asked after a load — by
the background job after each load (service/background.py), so that no page
waits for it — and keeps the result per (store URL, content version): in the
process, and in the store's shared result file (:mod:`graphmodel.results`)
when an app attached one, so that of several worker processes one fits and the
others read its model. The
records come from the cached snapshot whose window ends on the data end (the
one the pages of the default window read), not from a second read of the
store. :func:`model_card` is what the 建议质量 page shows: how the weights were
learned and chosen, the backtest table against every baseline, when the model
was refitted, and how the accepted suggestions turned out (on the whole history).
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from .. import results
from ..assessment.followup import follow_up
from ..district import whole_history
from ..errors import BadSuggestionRequest
from ..store import Store
from .backtest import BacktestResult, backtest
from .model import FIXED_MODEL, Model
from .scoring import DEFAULT_WEIGHTS, PARTS

__all__ = ["clear_models", "model_card", "model_for", "model_ready", "whole_history"]

#: Stores whose model is kept (one per URL: a new version replaces the old).
CACHE_SIZE = 4

#: The key of the chosen model and its backtest in the store's shared result file.
RESULT_KEY = ("suggestion-model", "whole-history")

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
        shared = results.for_store(store.url)
        if shared is None:
            model, result = _refit(store)
        else:  # one worker process fits, the others wait for it and read its model
            model, result = shared.get_or_compute(version, RESULT_KEY, lambda: _refit(store))
        with _lock:
            _models[store.url] = (version, model, result)
            _models.move_to_end(store.url)
            while len(_models) > CACHE_SIZE:
                _models.popitem(last=False)
    return model, result


def _refit(store: Store) -> tuple[Model, BacktestResult | None]:
    """The model chosen on ``store``'s whole history, and its backtest (none
    without activities or with too little history to split)."""
    history = whole_history(store)
    if history is None:  # no activities yet: nothing to learn or measure
        return FIXED_MODEL, None
    try:
        result = backtest(history)
    except BadSuggestionRequest:  # too little history to split
        return FIXED_MODEL, None
    return result.chosen, result


def model_for(store: Store) -> Model:
    """The score in use for ``store``: fitted once per content version."""
    return _fitted(store)[0]


def model_ready(store: Store) -> bool:
    """Whether the model of ``store``'s current version is already chosen (no fit
    waits): in this process or in the store's shared result file."""
    version = store.version()
    if _cached(store, version) is not None:
        return True
    shared = results.for_store(store.url)
    return shared is not None and shared.get(version, RESULT_KEY)[0]


def clear_models() -> None:
    """Forget every fitted model (tests)."""
    with _lock:
        _models.clear()


def model_card(store: Store, followup_months: int = 3) -> dict:
    """The 建议质量 page's data: the model, the backtest rows, the outcomes.

    The outcomes are counted on the whole history, whatever window a page shows:
    an accepted suggestion is a success when the pair met on or after the accept,
    up to the data end; accepts made after the data end count as pending."""
    model, result = _fitted(store)
    history = whole_history(store)
    rows = (
        []
        if history is None
        else [
            r
            for r in follow_up(history, store.decisions(), months=followup_months, later=True)
            if r["kind"] == "suggestion"
        ]
    )
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
