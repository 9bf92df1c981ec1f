"""Pages that list a whole city show it a page at a time (the demo district, small pages)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from graphmodel.store import open_store
from loaders.demo import generate

END = dt.date(2026, 6, 30)


@pytest.fixture
def loaded_store(tmp_path):
    """The demo district instead of the small one (enough small units for several zones)."""
    store = open_store(f"sqlite:///{tmp_path}/demo.db")
    store.load(generate(seed=7, scale="district", end=END), source="demo")
    return store


def test_zone_proposals_are_paged(client, monkeypatch):
    """Each page of zone proposals lists its share and links to the next and previous."""
    from service.views import suggestions

    monkeypatch.setattr(suggestions, "ZONE_PAGE_SIZE", 1)
    pages = [
        client.get(f"/suggestions?end={END}&zone_page={n}").get_data(as_text=True) for n in (1, 2)
    ]
    shown = [re.findall(r'<tr data-zone="([^"]+)"', page) for page in pages]
    assert all(len(zones) == 1 for zones in shown) and shown[0] != shown[1]
    assert 'id="zone-pager"' in pages[0] and "zone_page=2" in pages[0]
    assert "zone_page=1" in pages[1]
