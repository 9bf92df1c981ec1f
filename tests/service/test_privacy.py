"""Personal data: masked numbers, names hidden from viewers, the admin's audited reveal."""

from __future__ import annotations

import pytest
from flask import g

from graphmodel.records import Member
from service.access import ROLE_PERMISSIONS
from service.errors import RevealRefused
from service.privacy import (
    HIDDEN,
    mask_id_number,
    mask_phone,
    protect_member,
    protect_row,
    reveal,
)

MEMBER = Member("M1", "张伟", "P2", phone="13812345678", id_number="110101199003071234")


@pytest.mark.parametrize(
    ("phone", "masked"),
    [
        ("13812345678", "138****5678"),
        ("+8613812345678", "+86*******5678"),
        ("027-87654321", "027*****4321"),
        ("5551234", "*****34"),
        ("12", "**"),
        ("", ""),
        (None, None),
    ],
)
def test_phone_numbers_keep_only_their_ends(phone, masked):
    """Mobile numbers show 3 + 4 digits; short ones at most their last two."""
    assert mask_phone(phone) == masked


@pytest.mark.parametrize(
    ("number", "masked"),
    [
        ("110101199003071234", "1101**********1234"),
        ("11010119900307123X", "1101**********123X"),
        ("110101900307123", "1101********123"),
        ("E12345678", "E1*****78"),
        (None, None),
    ],
)
def test_id_numbers_never_show_the_birth_date(number, masked):
    """18- and 15-digit ID numbers hide the birth date; other documents keep two ends."""
    assert mask_id_number(number) == masked
    if number and len(number) in (15, 18):
        assert "900307" not in mask_id_number(number)


@pytest.mark.parametrize("role", ["admin", "district", "street", "viewer"])
def test_members_are_protected_for_every_role(app, role):
    """Numbers are masked for all; the name only for roles without personal_data."""
    with app.test_request_context():
        g.permissions = ROLE_PERMISSIONS[role]
        shown = protect_member(MEMBER)
        row = protect_row({"name": "张伟", "phone": "13812345678", "id_number": None})
    assert (shown.phone, shown.id_number) == ("138****5678", "1101**********1234")
    expected = HIDDEN if role == "viewer" else "张伟"
    assert shown.name == row["name"] == expected
    assert row["phone"] == "138****5678" and row["id_number"] is None


def test_only_an_admin_may_reveal(app):
    """A district planner asking for full numbers is refused."""
    with app.test_request_context():
        g.permissions = ROLE_PERMISSIONS["district"]
        with pytest.raises(RevealRefused):
            reveal(MEMBER, "a good reason")


def test_the_admin_sees_full_numbers_with_a_reason_and_it_is_audited(app, client):
    """The reveal page shows the full numbers and logs who, which member and why."""
    response = client.post("/admin/reveal", data={"member": "M1", "reason": "核实报到信息"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "13812345678" in page and "110101199003071234" in page
    entry = app.extensions["cobuild.accounts"].audit_log()[0]
    assert (entry.user, entry.action) == ("admin", "reveal")
    assert "M1" in entry.detail and "核实报到信息" in entry.detail
    assert "13812345678" not in entry.detail and "张伟" not in entry.detail


def test_no_reveal_without_a_reason(app, client):
    """An empty reason: refused, nothing shown, nothing logged as a reveal."""
    response = client.post("/admin/reveal", data={"member": "M1", "reason": "  "})
    assert response.status_code == 403 and "13812345678" not in response.get_data(as_text=True)
    assert all(e.action != "reveal" for e in app.extensions["cobuild.accounts"].audit_log())


def test_an_unknown_member_is_a_readable_404(client):
    """Revealing a member id that does not exist says so on the form."""
    response = client.post("/admin/reveal", data={"member": "M404", "reason": "核实报到信息"})
    assert response.status_code == 404 and "M404" in response.get_data(as_text=True)


def test_the_reveal_page_is_only_for_the_admin(client_as):
    """Planners cannot even open the reveal form."""
    assert client_as("district").get("/admin/reveal").status_code == 403
