"""Shared fixtures: stores of each backend, small bundles, the app and its client."""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import shutil
import socket
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from graphmodel.records import Activity, Agreement, Member, Participation, PartyOrg, Unit, Zone
from graphmodel.store import Bundle, Store, open_store

BACKENDS = ["sqlite", "neo4j"]
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path}/cobuild.db"


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path) -> Store:
    """An empty store of each backend (the same contract tests run over both)."""
    if request.param == "sqlite":
        yield open_store(f"sqlite:///{tmp_path}/cobuild.db")
        return
    neo4j = request.getfixturevalue("neo4j_store")
    yield neo4j


@dataclass(frozen=True)
class Neo4jServer:
    """A running Neo4j: ``store_url`` for the store, ``uri`` without credentials."""

    uri: str
    store_url: str


def import_local_neo4j():
    """tools/local_neo4j.py, imported by path (tools/ is not a package)."""
    if "local_neo4j" not in sys.modules:
        spec = importlib.util.spec_from_file_location("local_neo4j", ROOT / "tools/local_neo4j.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules["local_neo4j"] = module
        spec.loader.exec_module(module)
    return sys.modules["local_neo4j"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def local_neo4j_or_skip(port: int, data_dir: Path, password: str):
    """A LocalNeo4j, its jars built; skips without Java/Maven (fails instead in CI)."""
    missing = [tool for tool in ("java", "mvn") if shutil.which(tool) is None]
    if missing:
        message = (
            f"the Neo4j tests need {' and '.join(missing)}: install a Java 17 runtime and Maven"
            " (Debian/Ubuntu: apt-get install openjdk-17-jre-headless maven),"
            " or set NEO4J_URI (+ NEO4J_USER / NEO4J_PASSWORD) to a throwaway server"
        )
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    server = import_local_neo4j().LocalNeo4j(port, data_dir, password)
    server.build()
    return server


@pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory) -> Neo4jServer:
    """One Neo4j for the whole session: NEO4J_URI if set, else a local server from tools/.

    NEO4J_URI must name a throwaway database: the tests delete everything in it.
    Credentials then come from NEO4J_USER / NEO4J_PASSWORD (read by the store).
    """
    if os.environ.get("NEO4J_URI"):
        yield Neo4jServer(os.environ["NEO4J_URI"], os.environ["NEO4J_URI"])
        return
    server = local_neo4j_or_skip(free_port(), tmp_path_factory.mktemp("neo4j"), "cobuild-tests")
    server.start(timeout=180)
    try:
        yield Neo4jServer(server.uri, server.store_url)
    finally:
        server.stop()


@pytest.fixture
def make_local_neo4j(tmp_path):
    """Make a private local Neo4j (own port and data dir, not started); stopped at the end."""
    servers = []

    def make():
        data_dir = tmp_path / f"neo4j-{len(servers)}"
        servers.append(local_neo4j_or_skip(free_port(), data_dir, "cobuild-private"))
        return servers[-1]

    yield make
    for server in servers:
        server.stop()


def wipe(store) -> None:
    """Delete every node and relationship, in batches (constraints stay)."""
    with store.driver.session(database=store.database) as session:
        session.run(
            "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
        ).consume()


@pytest.fixture
def neo4j_store(neo4j_server):
    """An empty Neo4j store on the session's server."""
    from graphmodel.store.neo4j import Neo4jStore

    store = Neo4jStore(neo4j_server.store_url)
    wipe(store)
    yield store
    store.close()


@pytest.fixture
def small_bundle() -> Bundle:
    """Two streets, four units, one joint branch, two activities in 2026."""
    return Bundle(
        zones=[
            Zone("S1", "清河街道", "street"),
            Zone("S2", "东湖街道", "street"),
            Zone("Z1", "党建协作二区", "collaboration_zone"),
        ],
        units=[
            Unit(
                "U1",
                "桂花社区",
                "community",
                "S1",
                "桂花社区",
                12,
                30.3,
                112.2,
                (),
                ("场地",),
                ("医疗",),
            ),
            Unit(
                "U2", "区统计局", "government", "S1", "桂花社区", 18, zones=("Z1",), needs=("场地",)
            ),
            Unit("U3", "区档案馆", "government", "S2", None, 11, zones=("Z1",)),
            Unit("U4", "华远建设有限公司", "enterprise", "S2", offers=("资金", "志愿者")),
        ],
        party_orgs=[
            PartyOrg("P1", "桂花社区党委", "committee", ("U1",)),
            PartyOrg("P2", "机关联合党支部", "joint_branch", ("U2", "U3")),
            PartyOrg("P3", "第一党小组", "group", ("U1",), "P1"),
        ],
        members=[
            Member(
                "M1", "张伟", "P2", True, "U1", ("支部书记",), "13812345678", "110101199003071234"
            ),
            Member("M2", "李娜", "P1"),
        ],
        agreements=[
            Agreement(
                "G1", "社区与统计局共建协议", ("U1", "U2"), dt.date(2026, 1, 1), None, "active"
            )
        ],
        activities=[
            Activity("A1", "联合主题党日", "theme_day", dt.date(2026, 3, 5), "U1", "G1"),
            Activity("A2", "区域化党建联席会议", "joint_meeting", dt.date(2026, 7, 1), "district"),
        ],
        participations=[
            Participation("A1", "U1", role="host"),
            Participation("A1", "U2", role="co-host"),
            Participation("A1", member="M1"),
            Participation("A2", party_org="P2"),
            Participation("A2", "U4", role="host"),
        ],
    )
