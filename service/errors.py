"""One place that turns errors into a JSON body (same keys everywhere) or a page.

The domain's errors (:mod:`graphmodel.errors`) say what went wrong; this module
says how the web answers it: :data:`STATUSES` maps each error class to its HTTP
status, the service's own errors (signing in, access, CSRF, uploads) included.
A class not in the table answers with its nearest listed base class's status.
"""

from __future__ import annotations

from flask import Flask, render_template, request
from werkzeug.exceptions import HTTPException

from graphmodel import errors as domain
from graphmodel.errors import CobuildError


class AccountError(CobuildError):
    """A user cannot be created or changed as asked (bad name, role, password …)."""

    code = "account_error"


class UnknownUser(AccountError):
    """No user has that name."""

    code = "unknown_user"


class LoginRefused(CobuildError):
    """Wrong name or password, a disabled account, or a locked one."""

    code = "login_refused"
    locked = False  # True on the failure that locked the account


class Unauthorized(CobuildError):
    """No one is signed in (or the session ended)."""

    code = "unauthorized"


class Forbidden(CobuildError):
    """The signed-in user's role does not allow this."""

    code = "forbidden"


class RevealRefused(CobuildError):
    """Only an admin may see a member's full numbers, and only with a reason."""

    code = "reveal_refused"


class CsrfFailed(CobuildError):
    """A state-changing request came without this session's CSRF token."""

    code = "csrf_failed"


class UploadTooLarge(CobuildError):
    """The request body is larger than ``COBUILD_MAX_UPLOAD_MB``."""

    code = "upload_too_large"


#: The HTTP status of each error class: every class of :mod:`graphmodel.errors`
#: and of this module is listed (a test checks), so a new one needs a decision.
STATUSES: dict[type[CobuildError], int] = {
    CobuildError: 400,
    domain.StoreUnavailable: 503,
    domain.StoreURLError: 400,
    domain.NotFound: 404,
    domain.StoreFailed: 500,
    domain.DanglingReference: 422,
    domain.StoreBusy: 409,
    domain.BadDecision: 400,
    domain.RulesError: 422,
    domain.AnalysisError: 400,
    domain.BadWindow: 400,
    domain.BadScope: 400,
    domain.MetricPrecondition: 400,
    domain.SuggestionError: 400,
    domain.BadSuggestionRequest: 400,
    domain.UnknownUnit: 404,
    domain.NotTheAuthor: 403,
    AccountError: 400,
    UnknownUser: 404,
    LoginRefused: 401,
    Unauthorized: 401,
    Forbidden: 403,
    RevealRefused: 403,
    CsrfFailed: 400,
    UploadTooLarge: 413,
}


def status_of(error: CobuildError) -> int:
    """The HTTP status that answers ``error``: its class's, else its nearest base's.

    >>> status_of(domain.UnknownUnit("U9")), status_of(UploadTooLarge("too big"))
    (404, 413)
    """
    for cls in type(error).__mro__:
        if cls in STATUSES:
            return STATUSES[cls]
    return 500  # not one of ours: cannot happen for a CobuildError


def wants_json() -> bool:
    return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"


def error_body(code: str, status: int, message_zh: str, message_en: str) -> dict:
    """The JSON shape of every error."""
    return {
        "error": {
            "code": code,
            "status": status,
            "message_zh": message_zh,
            "message_en": message_en,
        }
    }


def init_app(app: Flask) -> None:
    @app.errorhandler(CobuildError)
    def domain_error(exc: CobuildError):
        status = status_of(exc)
        if wants_json():
            return error_body(exc.code, status, exc.message_zh, exc.message_en), status
        return render_template("error.html", status=status, error=exc), status

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        status = exc.code or 500
        # Keep the exception's own headers (e.g. Allow on a 405), not its content type.
        headers = [(k, v) for k, v in exc.get_headers() if k.lower() != "content-type"]
        if wants_json():
            code = exc.name.lower().replace(" ", "_")
            body = error_body(code, status, exc.name, exc.description or exc.name)
            return body, status, headers
        return render_template("error.html", status=status, error=exc), status, headers
