"""The app and its test client over a small loaded store."""

from __future__ import annotations

import pytest

from graphmodel.store import open_store
from service import create_app
from service.settings import Settings


@pytest.fixture
def loaded_store(tmp_path, small_bundle):
    store = open_store(f"sqlite:///{tmp_path}/app.db")
    store.load(small_bundle, source="small.xlsx")
    return store


@pytest.fixture
def app(loaded_store):
    return create_app(Settings(store=loaded_store.url, secret_key="test"), store=loaded_store)


@pytest.fixture
def client(app):
    return app.test_client()
