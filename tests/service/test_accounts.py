"""Accounts: hashed passwords, sign-in and out, locking, one-time passwords, the admin's pages."""

from __future__ import annotations

import csv
import io

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from service import create_app
from service.accounts import Accounts
from service.cli import main
from service.errors import AccountError, LoginRefused
from service.settings import Settings

PASSWORD = "correct horse battery"


class Clock:
    """A clock a test moves by hand."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def book(tmp_path):
    return Accounts(tmp_path / "accounts.db", max_failures=3, lockout=600, clock=Clock())


def login(client, name: str, password: str = PASSWORD, next_path: str = ""):
    client.get("/login")
    with client.session_transaction() as session:
        token = session["csrf"]
    url = "/login" + (f"?next={next_path}" if next_path else "")
    return client.post(url, data={"name": name, "password": password, "csrf_token": token})


def actions(app) -> list[tuple[str, str]]:
    """(user, action) of the audit log, oldest first."""
    entries = app.extensions["cobuild.accounts"].audit_log()
    return [(e.user, e.action) for e in reversed(entries)]


def test_passwords_are_stored_as_scrypt_hashes(book):
    """The file holds a scrypt hash, never the password."""
    book.add("wang", "district", password=PASSWORD)
    raw = (book.path).read_bytes()
    assert PASSWORD.encode() not in raw and b"scrypt:" in raw


def test_a_user_without_a_password_gets_a_one_time_one(book):
    """Without a password the account gets a random one and must change it."""
    user, one_time = book.add("li", "viewer")
    assert user.must_change and book.authenticate("li", one_time).name == "li"


@pytest.mark.parametrize(
    ("name", "role", "streets", "password"),
    [
        ("bad name", "viewer", (), PASSWORD),
        ("ok", "superuser", (), PASSWORD),
        ("ok", "street", (), PASSWORD),
        ("ok", "district", ("S1",), PASSWORD),
        ("ok", "viewer", (), "short"),
    ],
    ids=["name", "role", "street-without-streets", "streets-for-district", "short-password"],
)
def test_bad_accounts_are_refused_with_a_reason(book, name, role, streets, password):
    """Names, roles, streets and passwords are checked, each with a sentence."""
    with pytest.raises(AccountError) as refused:
        book.add(name, role, streets, password)
    assert refused.value.message_zh and refused.value.message_en


def test_failures_lock_the_account_for_a_while(book):
    """max_failures wrong passwords lock it; even the right one is refused until it expires."""
    book.add("zhao", "district", password=PASSWORD)
    for _ in range(2):
        with pytest.raises(LoginRefused) as refused:
            book.authenticate("zhao", "wrong password")
        assert not refused.value.locked
    with pytest.raises(LoginRefused) as refused:
        book.authenticate("zhao", "wrong password")
    assert refused.value.locked
    with pytest.raises(LoginRefused, match="locked"):
        book.authenticate("zhao", PASSWORD)
    book.clock.now += 601
    assert book.authenticate("zhao", PASSWORD).name == "zhao"


def test_an_unknown_name_is_refused_like_a_wrong_password(book):
    """Sign-in does not tell whether a user name exists."""
    book.add("zhao", "district", password=PASSWORD)
    messages = []
    for name, password in [("nobody", PASSWORD), ("zhao", "wrong password")]:
        with pytest.raises(LoginRefused) as refused:
            book.authenticate(name, password)
        messages.append(str(refused.value))
    assert messages[0] == messages[1]


def test_the_last_admin_cannot_be_disabled(book):
    """Disabling the only admin would lock everybody out: refused."""
    book.add("root", "admin", password=PASSWORD)
    with pytest.raises(AccountError):
        book.set_disabled("root", True)


def test_sign_in_sets_a_hardened_cookie_and_audits(app):
    """The session cookie is HttpOnly and SameSite=Lax; the sign-in is in the audit log."""
    app.extensions["cobuild.accounts"].add("sun", "district", password=PASSWORD)
    client = app.test_client()
    response = login(client, "sun", next_path="/zones")
    assert response.status_code == 302 and response.location == "/zones"
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    assert ("sun", "login") in actions(app)


def test_cookies_are_secure_over_https(app):
    """Served over HTTPS, the session cookie is marked Secure."""
    app.extensions["cobuild.accounts"].add("sun", "district", password=PASSWORD)
    client = app.test_client()
    client.get("/login", base_url="https://localhost")
    with client.session_transaction() as session:
        token = session["csrf"]
    response = client.post(
        "/login",
        data={"name": "sun", "password": PASSWORD, "csrf_token": token},
        base_url="https://localhost",
    )
    assert "Secure" in response.headers["Set-Cookie"]


def test_a_wrong_password_is_refused_and_logged(app):
    """A failed sign-in answers 401 with a sentence and is in the audit log."""
    app.extensions["cobuild.accounts"].add("sun", "district", password=PASSWORD)
    response = login(app.test_client(), "sun", "not the password")
    assert response.status_code == 401 and "用户名或密码错误" in response.get_data(as_text=True)
    assert ("sun", "login_failed") in actions(app)


def test_five_failures_lock_and_are_logged(app):
    """Five failures in a row lock the account (default settings), logged as such."""
    app.extensions["cobuild.accounts"].add("sun", "district", password=PASSWORD)
    client = app.test_client()
    for _ in range(5):
        login(client, "sun", "not the password")
    response = login(client, "sun")
    assert response.status_code == 401 and "锁定" in response.get_data(as_text=True)
    assert ("sun", "account_locked") in actions(app)


def test_next_never_leads_to_another_site(app):
    """?next=//evil.example is ignored: back to the dashboard."""
    app.extensions["cobuild.accounts"].add("sun", "district", password=PASSWORD)
    response = login(app.test_client(), "sun", next_path="//evil.example/x")
    assert response.location == "/"


def test_logout_revokes_the_session_on_the_server(client):
    """A cookie copied before logout is refused afterwards (replay)."""
    stolen = client.get_cookie("cobuild_session").value
    assert client.post("/logout").status_code == 302
    replay = client.application.test_client()
    replay.set_cookie("cobuild_session", stolen)
    response = replay.get("/")
    assert response.status_code == 302 and response.location.startswith("/login")


def test_a_session_expires_after_its_lifetime(loaded_store, accounts_path, signed_in):
    """COBUILD_SESSION_HOURS bounds a session on the server too."""
    settings = Settings(store=loaded_store.url, accounts=accounts_path, session_hours=0)
    client = signed_in(create_app(settings, store=loaded_store), "district")
    assert client.get("/").status_code == 302


def test_disabling_a_user_ends_their_sessions(app, client, client_as):
    """The admin disables a district planner: their open session stops working at once."""
    planner = client_as("district")
    assert planner.get("/zones").status_code == 200
    assert client.post("/admin/users/district/disable").status_code == 200
    assert planner.get("/zones").status_code == 302
    assert ("admin", "user_disable") in actions(app)


def test_a_one_time_password_must_be_changed_first(app):
    """Signed in with a one-time password, every page leads to the password form."""
    _, one_time = app.extensions["cobuild.accounts"].add("new", "viewer")
    client = app.test_client()
    assert login(client, "new", one_time).location == "/account/password"
    assert client.get("/zones").location == "/account/password"
    with client.session_transaction() as session:
        token = session["csrf"]
    new = "a brand new password"
    form = {"current": one_time, "new": new, "repeat": new, "csrf_token": token}
    assert client.post("/account/password", data=form).status_code == 302
    assert client.get("/zones").status_code == 200
    assert ("new", "password_change") in actions(app)


def test_the_admin_adds_a_user_and_sees_the_one_time_password_once(app, client):
    """Adding a street planner shows a one-time password that signs them in."""
    response = client.post("/admin/users", data={"name": "qian", "role": "street", "streets": "S1"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and 'id="one-time-password"' in page
    user = app.extensions["cobuild.accounts"].user("qian")
    assert user.role == "street" and user.streets == ("S1",) and user.must_change
    assert 'id="one-time-password"' not in client.get("/admin/users").get_data(as_text=True)
    assert ("admin", "user_add") in actions(app)


def test_a_bad_new_user_is_refused_on_the_page(client):
    """A street planner without streets: 400 and the reason on the users page."""
    response = client.post("/admin/users", data={"name": "qian", "role": "street"})
    assert response.status_code == 400
    assert "街道用户至少要有一个街道" in response.get_data(as_text=True)


def test_the_audit_log_exports_escaped(app, client):
    """CSV and XLSX exports of the audit log; a name starting with = stays text."""
    app.extensions["cobuild.accounts"].record("=cmd|' /C calc'!A0", "login_failed")
    text = client.get("/admin/audit.csv").get_data().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["at", "user", "action", "detail", "remote"]
    assert rows[1][1:3] == ["'=cmd|' /C calc'!A0", "login_failed"]  # newest first
    sheet = load_workbook(io.BytesIO(client.get("/admin/audit.xlsx").data)).active
    assert any(row[1] == "'=cmd|' /C calc'!A0" for row in sheet.iter_rows(values_only=True))
    assert ("admin", "audit_export") in actions(app)
    assert "audit_export" in client.get("/admin/audit").get_data(as_text=True)


def test_imports_are_audited(app, client):
    """An upload goes to the audit log with its file name and outcome."""
    data = {"files": [(io.BytesIO(b"id,name,kind\nS9,x,street\n"), "zones.csv")]}
    client.post("/import", data=data, content_type="multipart/form-data")
    entry = app.extensions["cobuild.accounts"].audit_log()[0]
    assert (entry.user, entry.action) == ("admin", "import")
    assert "zones.csv: written" in entry.detail and entry.remote == "127.0.0.1"


def test_cli_adds_users_with_a_one_time_or_given_password(tmp_path):
    """`cobuild users add` prints a one-time password, or reads one from stdin."""
    path = str(tmp_path / "accounts.db")
    result = CliRunner().invoke(
        main, ["users", "add", "root", "--role", "admin", "--accounts", path]
    )
    assert result.exit_code == 0 and "one-time password" in result.output
    result = CliRunner().invoke(
        main,
        ["users", "add", "zhou", "--role", "street", "--street", "S1", "--street", "S2"]
        + ["--password-stdin", "--accounts", path],
        input=PASSWORD + "\n",
    )
    assert result.exit_code == 0 and "one-time" not in result.output
    assert Accounts(path).authenticate("zhou", PASSWORD).streets == ("S1", "S2")
    listing = CliRunner().invoke(main, ["users", "list", "--accounts", path]).output
    assert "root" in listing and "must-change" in listing and "S1 S2" in listing


def test_cli_refuses_a_bad_user_with_exit_2(tmp_path):
    """A street planner without --street: one sentence, exit status 2."""
    path = str(tmp_path / "accounts.db")
    result = CliRunner().invoke(main, ["users", "add", "x", "--role", "street", "--accounts", path])
    assert result.exit_code == 2 and "street" in result.output


def test_serve_refuses_to_start_without_an_admin(tmp_path, sqlite_url):
    """`cobuild serve` with no admin exits 1 and says how to create one."""
    path = str(tmp_path / "accounts.db")
    result = CliRunner().invoke(main, ["serve", "--store", sqlite_url, "--accounts", path])
    assert result.exit_code == 1
    assert "cobuild users add NAME --role admin" in result.output


def test_demo_creates_a_demo_admin_once(tmp_path, sqlite_url):
    """`cobuild demo` makes the admin `admin` with a one-time password, only if none exists."""
    path = str(tmp_path / "accounts.db")
    args = ["demo", "--no-serve", "--store", sqlite_url, "--accounts", path, "--end", "2026-06-30"]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 0 and "one-time password for admin" in first.output
    assert Accounts(path).user("admin").must_change
    second = CliRunner().invoke(main, args)
    assert second.exit_code == 0 and "one-time password" not in second.output


def test_exports_are_audited_in_one_place(app, client_as):
    """Any view that needs the export permission is audited, without a search word."""
    planner = client_as("district")
    assert planner.get("/lists/isolated.csv?months=12&q=张伟").status_code == 200
    entry = app.extensions["cobuild.accounts"].audit_log()[0]
    assert (entry.user, entry.action) == ("district", "export")
    assert entry.detail == "GET /lists/isolated.csv?months=12"


def test_decisions_are_audited_in_one_place(app, signed_in):
    """A successful POST to any view that needs the decide permission is audited."""
    from service.access import requires

    @app.post("/suggestions/<sid>/decide-test")
    @requires("decide")
    def decide(sid):
        return {"ok": sid}

    body = {"partner": "U2", "decision": "accept", "note": "张伟 13812345678"}
    response = signed_in(app, "street").post("/suggestions/U1/decide-test", json=body)
    assert response.status_code == 200
    entry = app.extensions["cobuild.accounts"].audit_log()[0]
    assert (entry.user, entry.action) == ("street-S1", "decision")
    assert entry.detail == "POST /suggestions/U1/decide-test partner=U2 decision=accept"
