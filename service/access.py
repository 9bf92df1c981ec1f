"""Who may do what: every view declares the permission it needs, here in one place.

Views are decorated with :func:`requires`; templates ask :func:`can`; data
views narrow what they read with :func:`territory_streets` (a street planner
sees only their streets).

One ``before_request`` hook (:func:`init_app`) enforces it all: it finds the
signed-in user from the server-side session, refuses endpoints that declare no
permission, sends anonymous visitors to the login page (401 JSON under
``/api/``) and answers 403 to a user whose role lacks the permission. Successful
exports and suggestion decisions are written to the audit log here too.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from flask import Flask, current_app, g, redirect, request, session, url_for

from .audit import REQUEST_MAX, audit
from .errors import Forbidden, Unauthorized

#: Permissions, from least to most.
PERMISSIONS = (
    "public",  # login page, health check, static files
    "read",  # any signed-in user: dashboards, network, lists
    "personal_data",  # members' names (not viewers)
    "export",  # XLSX / CSV downloads (not viewers)
    "decide",  # accept or dismiss suggestions
    "import",  # upload data
    "admin",  # users, audit log, rules
)

_PLANNER = frozenset({"public", "read", "personal_data", "export", "decide"})

#: What each role may do; a street planner's reach is further limited to their streets.
ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    "admin": frozenset(PERMISSIONS),
    "district": _PLANNER,
    "street": _PLANNER,
    "viewer": frozenset({"public", "read"}),
}
ANONYMOUS = frozenset({"public"})
#: Endpoints a user who must change their password may still reach.
PASSWORD_CHANGE_ENDPOINTS = frozenset({"auth.password", "auth.logout", "static"})


def requires(permission: str) -> Callable[[Callable], Callable]:
    """Declare the permission a view needs (checked before every request)."""
    if permission not in PERMISSIONS:
        raise ValueError(f"unknown permission {permission!r}")

    def mark(view: Callable) -> Callable:
        view.permission = permission
        return view

    return mark


def can(permission: str) -> bool:
    """Whether the current user holds ``permission`` (for templates and views)."""
    granted = g.get("permissions")
    return True if granted is None else permission in granted


def territory_streets() -> frozenset[str] | None:
    """The streets the current user may see, or None for the whole district."""
    return g.get("territory")


def declared_permission(app: Flask, endpoint: str) -> str | None:
    """The permission the view of ``endpoint`` declares (``static`` is public)."""
    if endpoint == "static":
        return "public"
    return getattr(app.view_functions.get(endpoint), "permission", None)


def _sign_in_from_session() -> None:
    """Set ``g.user``, ``g.permissions`` and ``g.territory`` from the session cookie."""
    from .accounts import accounts

    token = session.get("sid")
    user = accounts().session_user(token) if token else None
    if token and user is None:
        session.pop("sid", None)  # ended, expired or replayed after logout
    g.user = user
    if user is None:
        g.permissions, g.territory = ANONYMOUS, frozenset()
    else:
        g.permissions = ROLE_PERMISSIONS[user.role]
        g.territory = frozenset(user.streets) if user.role == "street" else None


def _wants_json() -> bool:
    from .errors import wants_json

    return wants_json()


def enforce():
    """The one check before every request (see the module's docstring)."""
    if request.endpoint == "static":
        return None  # public, and no page: spare the session lookup
    _sign_in_from_session()
    if request.endpoint is None:
        return None  # no such route: the 404 / 405 answers as usual
    needed = declared_permission(current_app, request.endpoint)
    if needed is None:
        current_app.logger.error("endpoint %s declares no permission", request.endpoint)
        raise Forbidden("此页面未声明访问权限，已拒绝")
    if needed == "public":
        return None
    if g.user is None:
        if _wants_json() or request.method != "GET":
            raise Unauthorized("请先登录")
        next_path = request.full_path.rstrip("?")
        return redirect(url_for("auth.login") + "?" + urlencode({"next": next_path}))
    if g.user.must_change and request.endpoint not in PASSWORD_CHANGE_ENDPOINTS:
        if _wants_json():
            raise Forbidden("请先修改一次性密码")
        return redirect(url_for("auth.password"))
    if needed not in g.permissions:
        raise Forbidden("您的角色无权访问此内容")
    return None


#: Permissions whose successful use goes to the audit log by itself (in one place, so
#: that a new export or decision view cannot forget): permission → audit action.
AUDITED = {"export": "export", "decide": "decision"}
SEARCH_ARGS = frozenset({"q", "name", "member"})


def audit_by_permission(response):
    """Log a successful export (any method) or decision (a state-changing request)."""
    if request.endpoint is None or g.get("user") is None or response.status_code >= 400:
        return response
    action = AUDITED.get(declared_permission(current_app, request.endpoint))
    if action == "decision" and request.method in ("GET", "HEAD", "OPTIONS"):
        action = None
    if action:
        query = "&".join(  # search words may be a person's name: left out
            f"{k}={v}" for k, v in request.args.items(multi=True) if k not in SEARCH_ARGS
        )
        detail = f"{request.method} {request.path}{'?' * bool(query)}{query}"
        if action == "decision":
            detail += _decision_fields()
        audit(action, detail[:REQUEST_MAX])
    return response


def _decision_fields() -> str:
    """`` partner=… decision=…`` from a decision's JSON body or form (ids, never notes)."""
    body = request.get_json(silent=True) if request.is_json else request.form
    if not hasattr(body, "get"):
        return ""
    return "".join(
        f" {k}={body.get(k)}" for k in ("partner", "decision") if isinstance(body.get(k), str)
    )


def init_app(app: Flask) -> None:
    """Enforce every view's declared permission before each request; audit exports."""
    app.before_request(enforce)
    app.after_request(audit_by_permission)
    app.jinja_env.globals.update(can=can)
