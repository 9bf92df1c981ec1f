"""Members: participation per party organisation and dual-registration coverage."""

from __future__ import annotations

from graphmodel.metrics.members import dual_registration, org_participation
from graphmodel.records import Member, PartyOrg, Unit

UNITS = [
    Unit("U1", "区统计局", "government", community="桂花社区"),
    Unit("U2", "区档案馆", "government", community="桂花社区"),
    Unit("U3", "华远公司", "enterprise", community="东湖社区"),
    Unit("C1", "桂花社区", "community", community="桂花社区"),
]
ORGS = [
    PartyOrg("P1", "机关联合党支部", "joint_branch", ("U1", "U2")),
    PartyOrg("P2", "华远公司党支部", "branch", ("U3",)),
    PartyOrg("P3", "空支部", "branch", ("U3",)),
]
PEOPLE = [
    Member("M1", "张伟", "P1", serving=True, registered_at="C1"),
    Member("M2", "李娜", "P1", serving=True),
    Member("M3", "王强", "P2", serving=True, registered_at="C1"),
    Member("M4", "赵敏", "P2", serving=False),
]


def test_org_participation_is_share_of_own_members_who_took_part():
    """P1 has two members and one took part: share 0.5."""
    assert org_participation(ORGS, PEOPLE, {"M1", "M3", "M4"})["P1"] == {
        "members": 2,
        "took_part": 1,
        "share": 0.5,
    }


def test_org_without_members_has_no_share():
    """An organisation with no members has no participation rate (None, not 0)."""
    assert org_participation(ORGS, PEOPLE, set())["P3"]["share"] is None


def test_dual_registration_per_unit_counts_serving_members_only():
    """U3: one serving member (registered); the non-serving M4 does not count."""
    row = dual_registration(UNITS, ORGS, PEOPLE)["units"]["U3"]
    assert row == {"serving": 1, "registered": 1, "coverage": 1.0}


def test_joint_branch_members_count_for_each_of_its_units():
    """U1 and U2 share the joint branch: each shows its 2 serving members, 1 registered."""
    rows = dual_registration(UNITS, ORGS, PEOPLE)["units"]
    assert rows["U1"] == rows["U2"] == {"serving": 2, "registered": 1, "coverage": 0.5}


def test_dual_registration_per_community():
    """桂花社区 holds U1, U2 (and its own unit): 4 serving, 2 registered; 2 registered at C1."""
    row = dual_registration(UNITS, ORGS, PEOPLE)["communities"]["桂花社区"]
    assert row == {
        "units": 3,
        "serving": 4,
        "registered": 2,
        "registered_here": 2,
        "coverage": 0.5,
    }


def test_unit_without_serving_members_has_no_coverage():
    """A community unit without serving members shows None, not 0 %."""
    assert dual_registration(UNITS, ORGS, PEOPLE)["units"]["C1"]["coverage"] is None
