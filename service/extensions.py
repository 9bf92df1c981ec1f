"""Per-app objects, looked up from the current app (never module globals)."""

from __future__ import annotations

import datetime as dt

from flask import current_app, g

from graphmodel.store import Store
from graphmodel.store.memo import Remembered


def store() -> Store:
    """The store this app serves, seen through this request's memo: its version, data
    date, decisions … are asked once per request (on Neo4j each is a transaction) and
    afresh by the next one; a write through it is seen at once (graphmodel.store.memo)."""
    remembered = g.get("cobuild_store")
    if remembered is None:
        remembered = g.cobuild_store = Remembered(current_app.extensions["cobuild.store"])
    return remembered  # type: ignore[return-value]


def today() -> dt.date:
    """The app's "today": the ``COBUILD_TODAY`` setting (tests, replays) or the real date."""
    return current_app.config.get("COBUILD_TODAY") or dt.date.today()
