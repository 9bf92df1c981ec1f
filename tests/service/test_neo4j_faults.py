"""Neo4j going away and coming back: clear errors, a 503 page, recovery on its own.

These tests stop and restart a private server (own port and data directory),
never the session's shared one.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from service import create_app
from service.settings import Settings

STORE_DOWN_ZH = "数据存储暂时无法访问"


@pytest.fixture
def private_neo4j(make_local_neo4j):
    """A private Neo4j, not started."""
    return make_local_neo4j()


@pytest.fixture
def app_on(private_neo4j):
    """The app over the private server's store, built while the server is still down."""
    app = create_app(Settings(store=private_neo4j.store_url, secret_key="test"))
    yield app
    app.extensions["cobuild.store"].close()


def cobuild(*args: str) -> subprocess.CompletedProcess:
    """Run the installed ``cobuild`` command in its own process."""
    command = Path(sys.executable).with_name("cobuild")
    return subprocess.run(
        [str(command), *args], capture_output=True, text=True, timeout=120, check=False
    )


def test_the_app_starts_serves_fails_and_recovers_with_neo4j(app_on, private_neo4j):
    """503 while Neo4j is down (also at start), 200 once it is up, without a restart."""
    client = app_on.test_client()
    assert client.get("/healthz").status_code == 503  # built while Neo4j was down

    private_neo4j.start()
    assert client.get("/healthz").status_code == 200

    private_neo4j.stop()
    page = client.get("/healthz")
    assert page.status_code == 503
    text = page.get_data(as_text=True)
    assert STORE_DOWN_ZH in text and "无法连接" in text and private_neo4j.uri in text
    assert "Traceback" not in text
    body = client.get("/healthz", headers={"Accept": "application/json"}).get_json()
    assert body["error"]["code"] == "store_unavailable"
    assert "cannot reach Neo4j" in body["error"]["message_en"]

    private_neo4j.start()
    assert client.get("/healthz").status_code == 200


def test_cobuild_load_with_neo4j_down_says_so_in_one_sentence(private_neo4j, tmp_path):
    """`cobuild load` against a stopped Neo4j: exit 1, one sentence, no traceback."""
    zones = tmp_path / "zones.csv"
    zones.write_text("id,name,kind\nS1,清河街道,street\n", encoding="utf-8")
    result = cobuild("load", str(zones), "--store", private_neo4j.store_url)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("cobuild: ")
    assert f"cannot reach Neo4j at {private_neo4j.uri}" in result.stderr
    assert "check that the server is running" in result.stderr
    assert private_neo4j.password not in result.stderr
