"""Per-app objects, looked up from the current app (never module globals)."""

from __future__ import annotations

import datetime as dt

from flask import current_app

from graphmodel.store import Store


def store() -> Store:
    """The store this app serves."""
    return current_app.extensions["cobuild.store"]


def today() -> dt.date:
    """The app's "today": the ``COBUILD_TODAY`` setting (tests, replays) or the real date."""
    return current_app.config.get("COBUILD_TODAY") or dt.date.today()
