"""Hostile-input defences that apply to every response and every form.

- Security headers, set by one ``after_request`` hook: a CSP that allows only
  the service's own origin and no inline script, no framing, nosniff, a
  same-origin referrer policy, and no caching of pages (they may hold personal data).
- CSRF: one random token per session, required on every POST / PUT / PATCH /
  DELETE as the form field ``csrf_token`` or the header ``X-CSRF-Token``.
  Templates call ``csrf_token()``; static JS reads ``<meta name="csrf-token">``.
- Session cookies: HttpOnly, SameSite=Lax, Secure when the request came over
  HTTPS (or ``COBUILD_SECURE_COOKIES`` is set), lasting ``COBUILD_SESSION_HOURS``.
"""

from __future__ import annotations

import datetime as dt
import hmac
import secrets

from flask import Flask, render_template, request, session
from flask.sessions import SecureCookieSessionInterface
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.middleware.proxy_fix import ProxyFix

from .errors import CsrfFailed, UploadTooLarge, error_body, wants_json
from .settings import Settings

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"


class SessionCookies(SecureCookieSessionInterface):
    """Flask's signed session cookie, marked Secure whenever the request is HTTPS."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return bool(app.config["SESSION_COOKIE_SECURE"] or request.is_secure)


def csrf_token() -> str:
    """This session's CSRF token (made on first use)."""
    token = session.get("csrf")
    if not token:
        token = session["csrf"] = secrets.token_urlsafe(32)
    return token


def new_csrf_token() -> str:
    """Replace the token (at sign-in, so that a token seen before it is worthless)."""
    session.pop("csrf", None)
    return csrf_token()


def check_csrf() -> None:
    """Refuse a state-changing request whose token is missing or wrong."""
    if request.method not in UNSAFE_METHODS or request.endpoint is None:
        return
    expected = session.get("csrf")
    sent = request.headers.get(CSRF_HEADER) or request.form.get(CSRF_FIELD)
    if not expected or not sent or not hmac.compare_digest(str(expected), str(sent)):
        raise CsrfFailed(
            "表单已过期或并非来自本系统，请刷新页面后重试",
        )


def add_headers(response):
    """Security headers on every response; no caching of anything but static files."""
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if request.endpoint != "static":
        response.headers["Cache-Control"] = "no-store"
    return response


def init_app(app: Flask, settings: Settings) -> None:
    """Cookies, CSRF and headers for ``app``."""
    if settings.proxy_hops:
        n = settings.proxy_hops
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n)
    app.session_interface = SessionCookies()
    app.config.update(
        SESSION_COOKIE_NAME="cobuild_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.secure_cookies,
        PERMANENT_SESSION_LIFETIME=dt.timedelta(hours=settings.session_hours),
    )
    app.jinja_env.globals.update(csrf_token=csrf_token)
    app.before_request(check_csrf)
    app.after_request(add_headers)

    @app.errorhandler(RequestEntityTooLarge)
    def too_large(exc):
        error = UploadTooLarge(
            "上传的文件超过 {max_upload_mb} MB，请拆分后再上传，或请管理员调高上限",
            max_upload_mb=settings.max_upload_mb,
        )
        if wants_json():
            return error_body(error.code, 413, error.message_zh, error.message_en), 413
        return render_template("error.html", status=413, error=error), 413
