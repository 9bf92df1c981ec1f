"""Each request sees the store through its own memo (graphmodel.store.memo): asked once
per request, read afresh by the next one."""

from __future__ import annotations

import dataclasses
import datetime as dt

from graphmodel.records import Activity, Participation
from graphmodel.store import open_store
from graphmodel.store.memo import Remembered, unwrapped
from service.extensions import store


def test_a_request_sees_one_memo_of_the_apps_store(app):
    """Within a request store() is one memo over the app's store; the next request has its own."""
    with app.test_request_context("/"):
        first = store()
        assert first is store()
        assert isinstance(first, Remembered)
        assert unwrapped(first) is app.extensions["cobuild.store"]
    with app.test_request_context("/"):
        assert store() is not first


def test_a_load_elsewhere_shows_on_the_next_page(app, client, small_bundle):
    """A load by another process between two requests moves the next page's data date."""
    app.config["COBUILD_TODAY"] = dt.date(2026, 12, 1)
    assert "数据截至 <strong>2026-07-01</strong>" in client.get("/").get_data(as_text=True)
    later = dataclasses.replace(
        small_bundle,
        activities=[
            *small_bundle.activities,
            Activity("A3", "志愿服务", "volunteer", dt.date(2026, 8, 3), "U1"),
        ],
        participations=[*small_bundle.participations, Participation("A3", "U1", role="host")],
    )
    other = open_store(app.extensions["cobuild.store"].url)
    try:
        other.load(later, source="later.xlsx")
    finally:
        other.close()
    assert "数据截至 <strong>2026-08-03</strong>" in client.get("/").get_data(as_text=True)
