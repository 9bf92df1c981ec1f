"""Shared fixtures: stores of each backend, small bundles, the app and its client."""

from __future__ import annotations

import datetime as dt

import pytest

from graphmodel.records import Activity, Agreement, Member, Participation, PartyOrg, Unit, Zone
from graphmodel.store import Bundle, Store, open_store

BACKENDS = ["sqlite"]


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
