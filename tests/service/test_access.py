"""Every route × every role: allowed, denied, or filtered to the user's territory.

The routes come from the app's URL map, so a new page is walked as soon as it exists;
each is checked against the permission its view declares with ``@requires``.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import openpyxl
import pytest
from flask import url_for

from graphmodel.records import Activity, Member, Participation, PartyOrg
from graphmodel.store import Bundle
from service.access import ROLE_PERMISSIONS, declared_permission, requires

ROLES = (None, "viewer", "street", "district", "admin")  # None: not signed in
#: Values for route arguments, by name: inside the street planner's territory (S1).
INSIDE = {
    "unit_id": "U1",
    "key": "isolated",
    "name": "nobody",
    "change": "disable",
    "fmt": "csv",
    "filename": "css/app.css",
}
#: The same arguments pointing outside street S1 (small_bundle: U3 and U4 are in S2).
OUTSIDE = {"unit_id": "U4"}
#: What a street planner of S1 must never see: the names of S2's units.
OUTSIDE_NAMES = ("华远建设有限公司", "区档案馆")
OUTSIDE_IDS = ("U3", "U4")
#: All a street planner learns of another street's partner unit.
PARTNER_FIELDS = {
    "name",
    "kind",
    "kind_zh",
    "street",
    "street_name",
    "outside",
    "joint",
    "hosted_for_them",
    "hosted_by_them",
}
MEMBER_NAMES = ("张伟", "李娜")
FULL_NUMBERS = ("13812345678", "110101199003071234", "19900307")


def routes(app):
    """(endpoint, method, rule) for every route but HEAD / OPTIONS."""
    for rule in app.url_map.iter_rules():
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield rule.endpoint, method, rule


def path_of(app, rule, samples=INSIDE) -> str:
    values = {arg: samples.get(arg, INSIDE.get(arg, "U1")) for arg in rule.arguments}
    with app.test_request_context():
        return url_for(rule.endpoint, **values)


@pytest.fixture
def session_for(app):
    """``session_for(role)``: a fresh client with a server-side session of ``role``.

    Sessions are opened directly (no password check) so that walking the matrix is
    cheap; each request gets its own client, so a logout cannot spoil the next case.
    """
    book = app.extensions["cobuild.accounts"]
    names = {}
    for role in ROLES[1:]:
        names[role] = f"matrix-{role}"
        book.add(names[role], role, ("S1",) if role == "street" else (), "matrix-password")

    def make(role):
        client = app.test_client()
        with client.session_transaction() as session:
            session["csrf"] = "matrix-csrf"
            if role:
                session["sid"] = book.open_session(names[role], 1)
        client.environ_base.update(HTTP_X_CSRF_TOKEN="matrix-csrf", HTTP_ACCEPT="application/json")
        return client

    return make


def fetch(client, path: str, method: str = "GET"):
    """The response, read in full and closed (static files are streamed from disk)."""
    response = client.open(path, method=method)
    response.get_data()
    response.close()
    return response


def denial(response) -> str | None:
    """How a response refuses: "unauthorized", "forbidden", or None (it did not)."""
    if response.status_code in (301, 302, 303) and "/login?next=" in response.location:
        return "unauthorized"
    body = response.get_json(silent=True) or {}
    code = body.get("error", {}).get("code") if isinstance(body, dict) else None
    return code if code in ("unauthorized", "forbidden") else None


def text_of(response) -> str:
    """A response's text; an XLSX's sheet names and cell values (its XML's cell addresses,
    such as ``A1:M9``, would read as ids), any other zip's parts unpacked."""
    data = response.get_data()
    if data.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            parts = [archive.read(n).decode("utf-8", "replace") for n in names]
        if "xl/workbook.xml" not in names:
            return " ".join(parts)
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
        cells = [
            str(value)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        ]
        text = " ".join([*book.sheetnames, *cells])
        book.close()
        return text
    return data.decode("utf-8", "replace")


def test_every_endpoint_declares_a_permission(app):
    """No view is reachable without saying who may use it."""
    undeclared = {e for e, _, _ in routes(app) if declared_permission(app, e) is None}
    assert undeclared == set()


def test_route_role_matrix(app, session_for):
    """Each role reaches exactly the routes its permissions allow; no route answers 5xx."""
    wrong = []
    for endpoint, method, rule in routes(app):
        needed = declared_permission(app, endpoint)
        path = path_of(app, rule)
        for role in ROLES:
            response = fetch(session_for(role), path, method)
            granted = ROLE_PERMISSIONS[role] if role else {"public"}
            expected = (
                None if needed in granted else "unauthorized" if role is None else "forbidden"
            )
            got = denial(response)
            if got != expected or response.status_code >= 500:
                wrong.append(f"{method} {path} as {role}: {response.status_code} {got}")
    assert wrong == []


def test_a_street_planner_gets_no_id_of_another_streets_unit(app, session_for):
    """No page, JSON answer or export a street planner of S1 may read carries S2's unit ids
    (other streets' units appear by name, kind and street only)."""
    leaks = []
    for endpoint, method, rule in routes(app):
        if method != "GET" or endpoint == "static":
            continue
        for samples in (INSIDE, OUTSIDE):
            response = fetch(session_for("street"), path_of(app, rule, samples))
            if response.status_code == 200:
                text = text_of(response)
                leaks += [f"{rule.rule}: {i}" for i in OUTSIDE_IDS if re.search(rf"\b{i}\b", text)]
    assert leaks == []


def test_a_street_planner_gets_nothing_of_another_streets_members(app, session_for):
    """A member of an S2 unit's organisation (registered at an S1 community, and taking part
    with an S1 unit) appears nowhere a street planner of S1 may read: no name, id or number."""
    app.extensions["cobuild.store"].load(
        Bundle(
            party_orgs=[PartyOrg("P9", "华远建设党支部", "branch", ("U4",))],
            members=[Member("M9", "欧阳秘密", "P9", True, "U1", (), "13900001111")],
            activities=[Activity("A9", "结对共建", "project", dt.date(2026, 6, 1), "U1")],
            participations=[
                Participation("A9", "U1", role="host"),
                Participation("A9", member="M9"),
            ],
        )
    )
    secrets = ("欧阳秘密", "华远建设党支部", "13900001111", "0001111")
    leaks = []
    for endpoint, method, rule in routes(app):
        if method != "GET" or endpoint == "static":
            continue
        for samples in (INSIDE, OUTSIDE):
            response = fetch(session_for("street"), path_of(app, rule, samples))
            if response.status_code == 200:
                text = text_of(response)
                leaks += [f"{rule.rule}: {n}" for n in secrets if n in text]
                leaks += [f"{rule.rule}: {i}" for i in ("M9", "P9") if re.search(rf"\b{i}\b", text)]
    assert leaks == []


@pytest.mark.parametrize("path", ["/units/U4", "/api/v1/units/U4", "/units/U3"])
def test_another_streets_unit_is_not_found_for_a_street_planner(session_for, path):
    """The unit page of another street's unit stays closed to a street planner."""
    assert fetch(session_for("street"), path).status_code == 404


def test_other_streets_partners_show_by_name_kind_and_street_only(session_for):
    """U2's partners in S2 (through the joint branch and the district meeting) count and
    show, without an id, a link, members or personal fields."""
    answer = session_for("street").get("/api/v1/units/U2?end=2026-07-31").get_json()
    outside = [p for p in answer["partners"] if p.get("outside")]
    assert {p["name"] for p in outside} == set(OUTSIDE_NAMES)
    for partner in outside:
        assert "id" not in partner and partner["street"] == "S2" and partner["kind"]
        assert set(partner) <= PARTNER_FIELDS
    page = session_for("street").get("/units/U2?end=2026-07-31").get_data(as_text=True)
    assert "区档案馆" in page and "/units/U3" not in page


def test_viewers_never_see_members_names(app, session_for):
    """No page, JSON answer or export open to a viewer shows a member's name."""
    leaks = []
    for endpoint, method, rule in routes(app):
        if method == "GET" and endpoint != "static":
            response = fetch(session_for("viewer"), path_of(app, rule))
            if response.status_code == 200:
                leaks += [f"{rule.rule}: {n}" for n in MEMBER_NAMES if n in text_of(response)]
    assert leaks == []


@pytest.mark.parametrize("role", ROLES[1:])
def test_full_phone_and_id_numbers_appear_nowhere(app, session_for, role):
    """Not even the admin sees a full phone or ID number (or birth date) on any GET."""
    leaks = []
    for endpoint, method, rule in routes(app):
        if method == "GET" and endpoint != "static":
            text = text_of(fetch(session_for(role), path_of(app, rule)))
            leaks += [f"{rule.rule}: {n}" for n in FULL_NUMBERS if n in text]
    assert leaks == []


def test_anonymous_pages_redirect_to_the_login_page(anonymous):
    """A page asked for without signing in sends the browser to sign in, then back."""
    response = anonymous.get("/network?months=6")
    assert response.status_code == 302
    assert response.location == "/login?next=%2Fnetwork%3Fmonths%3D6"


def test_anonymous_api_calls_get_401_json(anonymous):
    """Under /api/ the answer is 401 in the one error shape."""
    response = anonymous.get("/api/v1/stats")
    assert response.status_code == 401
    assert response.json["error"]["code"] == "unauthorized"


def test_a_role_without_the_permission_gets_a_403_page(client_as):
    """A viewer opening the import page gets a readable 403 page."""
    response = client_as("viewer").get("/import")
    assert response.status_code == 403
    assert "您的角色无权访问此内容" in response.get_data(as_text=True)


def test_a_view_without_a_declared_permission_is_refused_to_everyone(app, signed_in):
    """A view someone forgot to mark is denied, even to the admin."""

    @app.get("/forgotten")
    def forgotten():
        return "secret"

    @app.get("/remembered")
    @requires("read")
    def remembered():
        return "fine"

    admin = signed_in(app, "admin")
    assert admin.get("/forgotten").status_code == 403
    assert admin.get("/remembered").status_code == 200


def test_templates_hide_links_the_role_cannot_use(client_as, client):
    """The viewer's menu has no import or admin links; the admin's has both."""
    viewer = client_as("viewer").get("/lists/isolated").get_data(as_text=True)
    admin = client.get("/lists/isolated").get_data(as_text=True)
    assert 'href="/import"' not in viewer and 'href="/admin/users"' not in viewer
    assert 'href="/import"' in admin and 'href="/admin/users"' in admin


#: The network view's forms, each read by a street planner of S1.
NETWORK_FORMS = (
    "/network?{q}",
    "/api/v1/network?{q}",
    "/api/v1/network?{q}&colour=community&size=betweenness",
    "/api/v1/network?{q}&focus=U2&hops=2",
    "/api/v1/network?{q}&street=S1&colour=health",
    "/network/units/U2.json?{q}",
    "/network.gexf?{q}",
    "/network.graphml?{q}&focus=U2",
)


@pytest.mark.parametrize("form", NETWORK_FORMS)
def test_a_street_planner_gets_no_id_of_other_streets_units_from_the_network(session_for, form):
    """Ties to S2 are summed into one node; neither U3 nor U4 (ids or names) leave the server."""
    response = fetch(session_for("street"), form.format(q="end=2026-07-31&months=12"))
    text = text_of(response)
    assert response.status_code == 200
    assert [x for x in ("U3", "U4", *OUTSIDE_NAMES) if x in text] == []
