"""Pages in a real browser: Debian's Chromium driven by Playwright.

The app is served on 127.0.0.1 from a thread; every request the page makes is
recorded, and a test fails if any leaves 127.0.0.1 or the console shows an error.
Screenshots go to tests/artifacts/ to be looked at.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from werkzeug.serving import make_server

from graphmodel.store import open_store
from loaders.demo import generate
from service import create_app
from service.settings import Settings

CHROMIUM = os.environ.get("COBUILD_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]
DEMO_END = dt.date(2026, 6, 30)
#: The admin every live server has; the ``page`` fixture signs in as them.
ADMIN, PASSWORD = "admin", "browser-tests-password"


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        message = "Chromium is missing: apt-get install chromium fonts-noto-cjk"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory):
    """The demo district in an embedded store, shared by the browser tests (read only)."""
    path = tmp_path_factory.mktemp("browser") / "demo.db"
    store = open_store(f"sqlite:///{path}")
    store.load(generate(seed=7, scale="district", end=DEMO_END), source="demo")
    return store


class LiveServer:
    def __init__(self, app) -> None:
        self.app = app
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.thread.join(5)

    def add_user(self, name: str, role: str, streets: tuple[str, ...] = ()) -> None:
        """A user of this server whose password is ``PASSWORD``."""
        accounts = self.app.extensions["cobuild.accounts"]
        if accounts.user(name) is None:
            accounts.add(name, role, streets, PASSWORD)

    def sign_in(self, page, name: str = ADMIN) -> None:
        """Sign ``page`` in through the real login form."""
        page.goto(self.url + "/login")
        page.fill("#login-form input[name=name]", name)
        page.fill("#login-form input[name=password]", PASSWORD)
        page.click("#login-form button[type=submit]")
        page.wait_for_url(lambda url: "/login" not in url)


def serve(store, **settings) -> LiveServer:
    """Serve ``store`` with an admin ``ADMIN`` (accounts in a fresh folder unless given)."""
    if "accounts" not in settings:
        settings["accounts"] = str(Path(tempfile.mkdtemp(prefix="cobuild-")) / "accounts.db")
    app = create_app(Settings(store=store.url, secret_key="browser-tests", **settings), store=store)
    app.config["COBUILD_TODAY"] = DEMO_END
    server = LiveServer(app)
    server.add_user(ADMIN, "admin")
    return server


@pytest.fixture(scope="session")
def serve_store():
    """``serve_store(store, **settings)``: a LiveServer (its admin added) the caller stops."""
    return serve


@pytest.fixture(scope="session")
def live(demo_store, tmp_path_factory):
    server = serve(demo_store, accounts=str(tmp_path_factory.mktemp("accounts") / "accounts.db"))
    yield server
    server.stop()


class Watched:
    """A page whose requests and console errors are recorded."""

    def __init__(self, page) -> None:
        self.page = page
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []  # alert(), confirm() …: a script ran that should not have
        self.expected: list[str] = []  # console texts a test expects, e.g. "status of 422"
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("dialog", self._dialog)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def outside(self) -> list[str]:
        """Requests that left 127.0.0.1 (data: URLs stay inside the page)."""
        return [
            u
            for u in self.requests
            if not u.startswith("data:") and urlsplit(u).hostname not in ("127.0.0.1",)
        ]

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path


def new_page(browser) -> tuple:
    """A fresh browser context (no cookies) and its watched page."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    return context, Watched(context.new_page())


@pytest.fixture
def anonymous_page(browser):
    """A page that has not signed in; it fails on console errors, dialogs or outside requests."""
    context, watched = new_page(browser)
    yield watched
    context.close()
    assert watched.outside() == [], "a request left 127.0.0.1"
    unexpected = [e for e in watched.errors if not any(x in e for x in watched.expected)]
    assert unexpected == [], "the console showed errors"
    assert watched.dialogs == [], "a dialog opened: some script ran that should not have"


@pytest.fixture
def page(anonymous_page, live):
    """A page signed in to ``live`` as its admin (through the login form)."""
    live.sign_in(anonymous_page.page)
    return anonymous_page
