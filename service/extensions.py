"""Per-app objects, looked up from the current app (never module globals)."""

from __future__ import annotations

from flask import current_app

from graphmodel.store import Store


def store() -> Store:
    """The store this app serves."""
    return current_app.extensions["cobuild.store"]
