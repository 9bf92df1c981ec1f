"""The app over a small loaded store, and test clients signed in as each role."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphmodel.store import open_store
from service import create_app
from service.settings import Settings

PASSWORD = "correct horse battery"
#: The streets a street planner gets unless a test says otherwise (small_bundle's 清河街道).
STREETS = {"street": ("S1",)}


@pytest.fixture
def loaded_store(tmp_path, small_bundle):
    store = open_store(f"sqlite:///{tmp_path}/app.db")
    store.load(small_bundle, source="small.xlsx")
    return store


@pytest.fixture
def accounts_path(tmp_path) -> str:
    return str(tmp_path / "accounts.db")


@pytest.fixture
def app(loaded_store, accounts_path):
    settings = Settings(
        store=loaded_store.url,
        secret_key="test",
        accounts=accounts_path,
        rules=str(Path(accounts_path).with_name("rules.toml")),
    )
    return create_app(settings, store=loaded_store)


def csrf_of(client) -> str:
    """The CSRF token in a test client's session (after a page has made one)."""
    with client.session_transaction() as session:
        return session["csrf"]


def sign_in(app, role: str = "admin", streets: tuple[str, ...] | None = None, name=None):
    """A test client signed in through the login form as a new user of ``role``.

    The client sends the session's CSRF token as a header on every request.
    """
    streets = STREETS.get(role, ()) if streets is None else tuple(streets)
    name = name or "-".join([role, *streets])
    book = app.extensions["cobuild.accounts"]
    if book.user(name) is None:
        book.add(name, role, streets, PASSWORD)
    client = app.test_client()
    client.get("/login")
    response = client.post(
        "/login", data={"name": name, "password": PASSWORD, "csrf_token": csrf_of(client)}
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    client.environ_base["HTTP_X_CSRF_TOKEN"] = csrf_of(client)
    return client


@pytest.fixture
def signed_in():
    """``signed_in(app, role="admin", streets=None)``: a client of any app, signed in."""
    return sign_in


@pytest.fixture
def client(app):
    """The admin's client."""
    return sign_in(app, "admin")


@pytest.fixture
def client_as(app):
    """``client_as(role, streets=None)``: a client signed in as ``role`` (street: S1)."""

    def make(role: str, streets: tuple[str, ...] | None = None):
        return sign_in(app, role, streets)

    return make


@pytest.fixture
def anonymous(app):
    """A client that has not signed in."""
    return app.test_client()
