"""Sign-in and sign-out, one's own password, and the admin's pages (users, audit log, reveal)."""

from __future__ import annotations

import csv
import io
import unicodedata

from flask import (
    Blueprint,
    current_app,
    g,
    redirect,
    render_template,
    request,
    send_file,
    session,
    url_for,
)

from graphmodel.errors import CobuildError, NotFound
from graphmodel.store import redacted

from ..access import requires
from ..accounts import ROLES, accounts
from ..audit import PAGE_ENTRIES, audit
from ..errors import AccountError, LoginRefused, status_of
from ..exports import XLSX_MIMETYPE, Sheet, safe_cell, write_xlsx
from ..extensions import store
from ..privacy import MIN_REASON
from ..privacy import reveal as reveal_member
from ..security import new_csrf_token

bp = Blueprint("auth", __name__)

AUDIT_COLUMNS = ("at", "user", "action", "detail", "remote")
ROLE_LABELS = {
    "admin": "管理员",
    "district": "区级规划人员",
    "street": "街道规划人员",
    "viewer": "只读用户",
}


def _safe_next(target: str | None) -> str:
    """A local path to return to after sign-in (never another site).

    Only ``/path`` with no control character, whitespace or backslash anywhere: a
    browser drops a tab or newline from a URL, so ``/%09/evil.example/`` would
    become ``//evil.example/``, and a CR/LF in a header is refused by the server.
    """
    if (
        target
        and target.startswith("/")
        and not target.startswith("//")
        and not any(c.isspace() or c == "\\" or unicodedata.category(c)[0] in "CZ" for c in target)
    ):
        return target
    return url_for("pages.dashboard")


@bp.route("/login", methods=["GET", "POST"])
@requires("public")
def login():
    """The sign-in form; N failures in a row lock the account for a while (audited)."""
    error = None
    name = request.form.get("name", "").strip()
    if request.method == "POST":
        try:
            user = accounts().authenticate(name, request.form.get("password", ""))
        except LoginRefused as refused:
            audit("login_failed", "", user=name or "-")
            if refused.locked:
                audit("account_locked", "too many failed sign-ins", user=name)
            error = refused
        else:
            session.clear()
            hours = current_app.extensions["cobuild.settings"].session_hours
            session["sid"] = accounts().open_session(user.name, hours)
            session.permanent = True
            new_csrf_token()
            audit("login", f"role {user.role}", user=user.name)
            if user.must_change:
                return redirect(url_for("auth.password"))
            return redirect(_safe_next(request.args.get("next")))
    status = 401 if error else 200
    page = render_template(
        "login.html", error=error, name=name, no_admin=not accounts().has_admin()
    )
    return page, status


@bp.post("/logout")
@requires("public")
def logout():
    """End the session on the server: the old cookie is refused from now on."""
    token = session.get("sid")
    if token:
        accounts().close_session(token)
        if g.user is not None:
            audit("logout")
    session.clear()
    return redirect(url_for("auth.login"))


@bp.route("/account/password", methods=["GET", "POST"])
@requires("read")
def password():
    """Change one's own password (required after a one-time password)."""
    error = None
    if request.method == "POST":
        new = request.form.get("new", "")
        try:
            accounts().authenticate(g.user.name, request.form.get("current", ""))
            if new != request.form.get("repeat", ""):
                raise AccountError("两次输入的新密码不一致")
            accounts().set_password(g.user.name, new, keep_session=session.get("sid"))
        except (LoginRefused, AccountError) as refused:
            error = refused
        else:
            audit("password_change")
            return redirect(url_for("pages.dashboard"))
    return render_template("password.html", error=error), 400 if error else 200


@bp.get("/admin/users")
@requires("admin")
def users():
    """Every user, with forms to add, disable, enable and reset."""
    return _users_page()


def _users_page(error=None, handed=None, status: int = 200):
    page = render_template(
        "users.html",
        users=accounts().users(),
        roles=ROLES,
        role_labels=ROLE_LABELS,
        error=error,
        handed=handed,
        store_url=redacted(store().url),
    )
    return page, status


@bp.post("/admin/users")
@requires("admin")
def add_user():
    """Create a user with a one-time password, shown once on the next page."""
    name = request.form.get("name", "").strip()
    role = request.form.get("role", "")
    streets = request.form.get("streets", "").replace(",", " ").replace("，", " ").split()
    try:
        user, one_time = accounts().add(name, role, streets)
    except AccountError as refused:
        return _users_page(error=refused, status=status_of(refused))
    audit("user_add", f"{user.name} role {user.role} streets {' '.join(user.streets) or '-'}")
    return _users_page(handed=(user.name, one_time))


@bp.post("/admin/users/<name>/<any(disable, enable, reset):change>")
@requires("admin")
def change_user(name: str, change: str):
    """Disable (ending its sessions), enable, or reset a user's password."""
    handed = None
    try:
        if change == "reset":
            handed = (name, accounts().reset_password(name))
        else:
            accounts().set_disabled(name, change == "disable")
    except AccountError as refused:
        return _users_page(error=refused, status=status_of(refused))
    audit(f"user_{change}", name)
    return _users_page(handed=handed)


@bp.get("/admin/audit")
@requires("admin")
def audit_log():
    """The latest entries of the audit log (:data:`~service.audit.PAGE_ENTRIES`)."""
    return render_template("audit.html", entries=accounts().audit_log(limit=PAGE_ENTRIES))


@bp.get("/admin/audit.<any(csv, xlsx):fmt>")
@requires("admin")
def audit_export(fmt: str):
    """The whole audit log as CSV (UTF-8 with BOM, for Excel) or XLSX."""
    entries = accounts().audit_log(limit=1_000_000)
    audit("audit_export", f"{fmt}, {len(entries)} entries")
    rows = [[getattr(e, c) for c in AUDIT_COLUMNS] for e in entries]
    data = io.BytesIO()
    if fmt == "csv":
        text = io.StringIO()
        csv.writer(text).writerows([AUDIT_COLUMNS, *([safe_cell(v) for v in r] for r in rows)])
        data.write(text.getvalue().encode("utf-8-sig"))
        mimetype = "text/csv"
    else:
        write_xlsx(data, [Sheet("audit", AUDIT_COLUMNS, rows)])
        mimetype = XLSX_MIMETYPE
    data.seek(0)
    return send_file(
        data, download_name=f"cobuild-audit.{fmt}", as_attachment=True, mimetype=mimetype
    )


@bp.route("/admin/reveal", methods=["GET", "POST"])
@requires("admin")
def reveal():
    """A member's full phone and ID number, for an admin who states why (audited)."""
    member, error = None, None
    member_id = request.values.get("member", "").strip()
    if request.method == "POST":
        found = [m for m in store().members() if m.id == member_id]
        try:
            if not found:
                raise NotFound("没有编号为“{member_id}”的党员", member_id=member_id)
            member = reveal_member(found[0], request.form.get("reason", ""))
        except CobuildError as refused:
            error = refused
    status = 200 if error is None else status_of(error)
    page = render_template(
        "reveal.html", member=member, member_id=member_id, error=error, min_reason=MIN_REASON
    )
    return page, status
