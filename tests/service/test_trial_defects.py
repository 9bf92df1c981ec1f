"""Defects found in trial, each pinned: viewer exports, next=, non-finite numbers, rules,
reveal reasons, and sessions after a password change."""

from __future__ import annotations

import re

import pytest

from graphmodel.assessment import RulesError, parse_rules

from .conftest import PASSWORD, csrf_of, sign_in

EXPORT_LINK = re.compile(r'href="[^"]*\.(xlsx|csv|gexf|graphml)\b')


@pytest.mark.parametrize("path", ["/lists/isolated", "/assessment", "/suggestions", "/network"])
def test_a_viewer_is_offered_no_export(client_as, path):
    """A viewer's pages carry no link to an export they would be refused."""
    page = client_as("viewer").get(path).get_data(as_text=True)
    assert EXPORT_LINK.search(page) is None


def test_a_planner_is_offered_the_list_exports(client_as):
    """The export buttons are still there for those who may export."""
    page = client_as("district").get("/lists/isolated").get_data(as_text=True)
    assert 'id="export-xlsx"' in page and 'id="export-csv"' in page


def test_a_refusal_says_not_permitted(client_as):
    """A viewer asking for an export reads "没有权限", not "请求有误"."""
    response = client_as("viewer").get("/lists/isolated.xlsx")
    page = response.get_data(as_text=True)
    assert response.status_code == 403 and "没有权限" in page and "请求有误" not in page


def test_a_refusal_in_english_says_not_permitted(client_as):
    """The English refusal reads "Not permitted"."""
    page = client_as("viewer").get("/assessment.xlsx?lang=en").get_data(as_text=True)
    assert "Not permitted" in page and "Bad request" not in page


def login_to(app, target: str) -> str:
    """Sign in through the form with ``?next=target`` (raw, already encoded); the redirect."""
    book = app.extensions["cobuild.accounts"]
    if book.user("nexter") is None:
        book.add("nexter", "district", (), PASSWORD)
    client = app.test_client()
    client.get("/login")
    response = client.post(
        "/login?next=" + target,
        data={"name": "nexter", "password": PASSWORD, "csrf_token": csrf_of(client)},
    )
    assert response.status_code == 302
    return response.headers["Location"]


@pytest.mark.parametrize(
    "target",
    [
        "/%09/evil.example/",
        "/%0A/evil.example/",
        "/%0D/evil.example/",
        "/%0D%0ASet-Cookie:x=1",
        "//evil.example/",
        "/%5Cevil.example/",
        "https://evil.example/",
        "/%20/evil.example/",
        "/%E2%80%8B/evil.example/",
    ],
)
def test_next_goes_nowhere_but_a_local_path(app, target):
    """A next= with a control character, whitespace, backslash or another host leads home."""
    assert login_to(app, target) == "/"


def test_next_keeps_a_local_path_with_its_query(app):
    """An ordinary local path with a query is where sign-in returns."""
    assert login_to(app, "/lists/isolated%3Fstreet%3DS1") == "/lists/isolated?street=S1"


@pytest.mark.parametrize(
    "path",
    [
        "/network?min_weight=inf",
        "/network?min_weight=1e309",
        "/network?min_weight=nan",
        "/network?min_weight=-inf",
        "/network.gexf?min_weight=Infinity",
        "/lists/isolated?months=inf",
        "/api/v1/suggestions/U1?k=1e309",
    ],
)
def test_non_finite_numbers_are_refused_in_the_one_error_shape(client, path):
    """inf, nan and overflowing numbers answer 400 with the JSON error shape, never 500."""
    response = client.get(path, headers={"Accept": "application/json"})
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert set(error) == {"code", "status", "message_zh", "message_en"}


RULE = '[[rule]]\nid = "p"\nindicator = "distinct_partners"\ngreen = {green}\namber = {amber}\nweight = {weight}\n'


@pytest.mark.parametrize(
    "green, amber, weight",
    [
        ("inf", 1, 1),
        (3, "inf", 1),
        (3, 1, "nan"),
        ("nan", 1, 1),
        (3, 1, "inf"),
        ("-inf", "-inf", 1),
    ],
)
def test_rules_with_non_finite_values_are_refused(green, amber, weight):
    """A threshold or weight of inf or nan is refused when the rules are checked."""
    with pytest.raises(RulesError):
        parse_rules(RULE.format(green=green, amber=amber, weight=weight))


def test_non_finite_rule_marks_are_refused():
    """[score] marks must be finite too."""
    with pytest.raises(RulesError):
        parse_rules(
            "[score]\nexcellent = inf\npass = 60\n" + RULE.format(green=3, amber=1, weight=1)
        )


@pytest.mark.parametrize(
    "reason", ["\u200b" * 4, "\u200b\u200c\u200d\ufeff" * 3, "a\u200b\u200b\u200bb"]
)
def test_a_reveal_reason_counts_visible_characters(app, client, reason):
    """Zero-width characters do not make a reason: refused, nothing shown, nothing logged."""
    response = client.post("/admin/reveal", data={"member": "M1", "reason": reason})
    assert response.status_code == 403 and "13812345678" not in response.get_data(as_text=True)
    assert all(e.action != "reveal" for e in app.extensions["cobuild.accounts"].audit_log())


def test_changing_ones_password_ends_ones_other_sessions(app):
    """After a password change the user's other sessions are refused; this one stays."""
    here = sign_in(app, "district", name="changer")
    elsewhere = sign_in(app, "district", name="changer")
    new = "another good password"
    form = {"current": PASSWORD, "new": new, "repeat": new, "csrf_token": csrf_of(here)}
    assert here.post("/account/password", data=form).status_code == 302
    assert here.get("/zones").status_code == 200
    assert elsewhere.get("/zones").status_code == 302
