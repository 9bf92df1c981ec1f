"""Pages in a real browser: Debian's Chromium driven by Playwright.

The app is served on 127.0.0.1 from a thread; every request the page makes is
recorded, and a test fails if any leaves 127.0.0.1 or the console shows an error.
Screenshots go to tests/artifacts/ to be looked at.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
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
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.thread.join(5)


def serve(store, **settings) -> LiveServer:
    app = create_app(Settings(store=store.url, secret_key="browser-tests", **settings), store=store)
    app.config["COBUILD_TODAY"] = DEMO_END
    return LiveServer(app)


@pytest.fixture(scope="session")
def live(demo_store):
    server = serve(demo_store)
    yield server
    server.stop()


class Watched:
    """A page whose requests and console errors are recorded."""

    def __init__(self, page) -> None:
        self.page = page
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.expected: list[str] = []  # console texts a test expects, e.g. "status of 422"
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))

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


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    watched = Watched(context.new_page())
    yield watched
    context.close()
    assert watched.outside() == [], "a request left 127.0.0.1"
    unexpected = [e for e in watched.errors if not any(x in e for x in watched.expected)]
    assert unexpected == [], "the console showed errors"
